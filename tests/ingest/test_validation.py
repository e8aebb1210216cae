"""The per-item rules: each failure is a one-line reason."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.items import BriefCandidate, Rejection
from ingest.validation import (
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    InvalidInput,
    article_problem,
    canonical_url,
    parse_date,
    text_problem,
    url_problem,
    validate_candidate,
)

SENTENCE = "The ministry signed a contract for six patrol vessels on Monday morning in Delhi. "


def test_empty_text_is_rejected() -> None:
    assert text_problem(" \n\t ") == "empty: no text"


def test_text_of_punctuation_only_has_no_word() -> None:
    assert text_problem("--- | --- | ...") == "empty: no word in the text"


def test_short_text_and_text_without_a_sentence_are_briefs() -> None:
    assert text_problem("Arsenal 2 Chelsea 1") is None
    assert text_problem(" ".join(["word"] * 40)) is None


def test_a_page_of_few_words_is_no_article() -> None:
    problem = article_problem("Only a few words here. Really.")
    assert problem is not None and problem.startswith("no article on the page: 6 words")


def test_a_page_without_any_full_sentence_is_no_article() -> None:
    problem = article_problem(" ".join(["word"] * 40))
    assert problem is not None and "no full sentence" in problem
    assert article_problem(SENTENCE * 3) is None


def test_text_over_the_cap_is_too_large() -> None:
    problem = text_problem(SENTENCE * (MAX_TEXT_CHARS // len(SENTENCE) + 1))
    assert problem is not None and problem.startswith("too large") and "200,000" in problem


def test_a_normal_brief_passes() -> None:
    assert text_problem(SENTENCE * 3) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-11-05", dt.date(2025, 11, 5)), ("2025-11-05T23:30:00Z", dt.date(2025, 11, 5))],
)
def test_dates_accept_day_or_iso_datetime(value: str, expected: dt.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2025-02-30", "05/11/2025", "soon"])
def test_bad_dates_raise_with_the_value(value: str) -> None:
    with pytest.raises(InvalidInput, match="bad date"):
        parse_date(value)


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "file:///etc/passwd", "javascript:x"])
def test_non_http_urls_are_refused(url: str) -> None:
    assert url_problem(url) == f"not an http(s) URL: {url!r}"


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://example.org:abc/", "its host or port"),
        ("http://example.org:99999/", "its host or port"),
        ("http://example.org:0/", "its host or port"),
        ("http://-/", "its host or port"),
        ("http://a..b/", "its host or port"),
        ("http://exa mple.org/", "its host or port"),
        ("http://example.org/\x1bx", "a control character"),
        ("http://example.org/?q=\x7f", "a control character"),
    ],
)
def test_urls_no_client_could_fetch_are_refused_in_one_line(url: str, why: str) -> None:
    # Before, the HTTP library refused them with a traceback (sources add, ingest URL).
    assert url_problem(url) == f"not a valid URL ({why}): {url!r}"


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1]/feed",
        "https://b\u00fccher.example/x",
        "http://my_host.local:8080/",
        "https://a.example/feed?q=a%20b",
        "https://a.example/a b/\u200b\x85",  # sent percent-encoded
        "http://[fe80::1%25eth0]/",
    ],
)
def test_urls_with_unusual_but_valid_hosts_and_ports_are_accepted(url: str) -> None:
    assert url_problem(url) is None


def test_record_with_non_http_url_is_rejected() -> None:
    candidate = BriefCandidate("x.jsonl:1", SENTENCE * 3, url="ftp://example.org/a")
    result = validate_candidate(candidate)
    assert isinstance(result, Rejection) and "not an http(s) URL" in result.reason


def test_an_untitled_record_is_titled_with_its_first_sentence() -> None:
    result = validate_candidate(BriefCandidate("x.txt", SENTENCE * 3))
    assert not isinstance(result, Rejection) and result.title == SENTENCE.strip()


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "La Sra. Robles visitó la base naval de Rota. La fragata zarpará el lunes hacia el "
            "Mediterráneo con su tripulación.",
            "La Sra. Robles visitó la base naval de Rota.",
        ),
        (
            "Das Ministerium hat am 12. März 2026 einen Vertrag unterzeichnet. Er gilt fünf "
            "Jahre lang für alle Einheiten der Truppe.",
            "Das Ministerium hat am 12. März 2026 einen Vertrag unterzeichnet.",
        ),
        (
            "\u0423\u0447\u0435\u043d\u0438\u044f \u043f\u0440\u043e\u0448\u043b\u0438 "
            "\u043d\u0430 \u0443\u043b. \u041b\u0435\u043d\u0438\u043d\u0430. \u041c"
            "\u0438\u043d\u0438\u0441\u0442\u0435\u0440\u0441\u0442\u0432\u043e "
            "\u0441\u043e\u043e\u0431\u0449\u0438\u043b\u043e \u043e\u0431 \u044d\u0442"
            "\u043e\u043c \u0432 \u043f\u043e\u043d\u0435\u0434\u0435\u043b\u044c\u043d"
            "\u0438\u043a \u0443\u0442\u0440\u043e\u043c.",
            "\u0423\u0447\u0435\u043d\u0438\u044f \u043f\u0440\u043e\u0448\u043b\u0438 "
            "\u043d\u0430 \u0443\u043b. \u041b\u0435\u043d\u0438\u043d\u0430.",
        ),  # "The exercise took place on Lenin St. The ministry reported it on Monday morning."
    ],
)
def test_an_untitled_briefs_first_sentence_is_split_in_its_language(text: str, title: str) -> None:
    # Found by an attack test: English's rules made the titles "La Sra.", "... hat am 12."
    # and "... на ул.".
    result = validate_candidate(BriefCandidate("x.txt", text))
    assert not isinstance(result, Rejection) and result.title == title


def test_a_titles_bidirectional_overrides_are_dropped() -> None:
    # "Ministry \u202egnp.exe\u202c approves" shows as "Ministry exe.png approves".
    result = validate_candidate(
        BriefCandidate("x.txt", SENTENCE * 3, title="Ministry \u202egnp.exe\u202c approves")
    )
    assert not isinstance(result, Rejection) and result.title == "Ministry gnp.exe approves"


def test_a_decomposed_title_is_stored_composed_as_the_text_is() -> None:
    # Else a title typed "misio\u0301n" never equals (nor repeats) the text's "misión".
    result = validate_candidate(BriefCandidate("x.txt", SENTENCE * 3, title="La misio\u0301n"))
    assert not isinstance(result, Rejection) and result.title == "La misi\u00f3n"


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("text", SENTENCE * 3 + "Nul\x00here.", "not text: the text contains a NUL character"),
        ("title", "bad\x00title", "not text: the title contains a NUL character"),
        ("text", SENTENCE * 3 + "\ud800 lone.", "undecodable: the text contains a lone surrogate"),
        ("external_id", "id-\udfff", "undecodable: the id contains a lone surrogate"),
    ],
)
def test_json_escaped_nul_or_lone_surrogate_is_rejected_not_a_crash(
    field: str, value: str, reason: str
) -> None:
    fields = {"text": SENTENCE * 3, field: value}
    result = validate_candidate(BriefCandidate(origin="a.jsonl:4", **fields))
    assert isinstance(result, Rejection) and result.origin == "a.jsonl:4"
    assert result.reason.startswith(reason)


def test_overlong_title_is_cut_and_overlong_id_or_url_is_rejected() -> None:
    long_title = validate_candidate(BriefCandidate("a", SENTENCE * 3, title="word " * 400))
    assert isinstance(long_title, BriefCandidate) and long_title.title is not None
    assert len(long_title.title) <= MAX_TITLE_CHARS + 1 and long_title.title.endswith("…")
    long_id = validate_candidate(BriefCandidate("b", SENTENCE * 3, external_id="x" * 501))
    assert long_id == Rejection("b", "id too long: 501 characters, cap 500")
    long_url = validate_candidate(
        BriefCandidate("c", SENTENCE * 3, url="https://e.org/" + "p" * 2048)
    )
    assert isinstance(long_url, Rejection) and long_url.reason.startswith("URL too long")


def test_canonical_url_lowers_scheme_and_host_only() -> None:
    assert canonical_url(" HTTPS://User@News.Example.ORG:8080/Feed?Q=A ") == (
        "https://User@news.example.org:8080/Feed?Q=A"
    )


def test_invisible_breaks_and_hyphens_are_dropped_from_the_text() -> None:
    # Found by an attack test: "deal.\u200b The army ..." was one sentence.
    text = "The ministry announced a deal.\u200b The army agreed to the Vertei\u00addigung plan."
    result = validate_candidate(BriefCandidate("x.txt", text))
    assert not isinstance(result, Rejection)
    assert result.text == "The ministry announced a deal. The army agreed to the Verteidigung plan."
    # Between Thai letters it is the word break Thai readers do not see: kept (one of two).
    thai = "\u0e01\u0e23\u0e30\u0e17\u0e23\u0e27\u0e07\u200b\u0e01\u0e25\u0e32\u0e42\u0e2b\u0e21"
    kept = validate_candidate(BriefCandidate("x.txt", thai.replace("\u200b", "\u200b\u200b") + "."))
    assert not isinstance(kept, Rejection) and kept.text == thai + "."
    # "Delhi" with a zero-width joiner, which chooses the conjunct's shape: kept.
    hindi = "\u0926\u093f\u0932\u094d\u200d\u0932\u0940 \u092e\u0947\u0902 \u092c\u0948"
    hindi += "\u0920\u0915 \u0939\u0941\u0908\u0964"
    kept = validate_candidate(BriefCandidate("x.txt", hindi))
    assert not isinstance(kept, Rejection) and kept.text == hindi  # the joiner stays


def test_a_zero_width_space_between_thai_or_khmer_characters_stays_beside_invisibles() -> None:
    # A byte-order mark or soft hyphen beside it made it a visible space; so did a Thai digit
    # or Khmer's stop beside it.
    for text, kept in [
        ("ไทย\ufeff\u200bประกาศ.", "ไทย\u200bประกาศ."),
        ("ไทย\u00ad\u200bประกาศ.", "ไทย\u200bประกาศ."),
        ("ไทย\u200b๑๒\u200bประกาศ.", "ไทย\u200b๑๒\u200bประกาศ."),
        ("ខ្មែរ\u200b។\u200bថ្មី។", "ខ្មែរ\u200b។\u200bថ្មី។"),
        ("ไทย\u200bBangkok.", "ไทย Bangkok."),  # beside a Latin word: a space
    ]:
        result = validate_candidate(BriefCandidate("x.txt", text))
        assert not isinstance(result, Rejection), (text, result)
        assert result.text == kept, (text, result.text)
