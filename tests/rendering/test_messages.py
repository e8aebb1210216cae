"""HTML rendering of briefs: escaping, Telegram's length count and splitting into parts."""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

import pytest

from local_bot_api.html import parse_html
from rendering.messages import (
    MAX_MESSAGE_UTF16,
    render_alert,
    render_alert_list,
    render_brief,
    render_briefs,
    render_digest,
    render_full_text,
)
from rendering.parts import Button, MessagePart
from rendering.text import shorten, utf16_len, visible_len
from storage.models import Brief
from tests.support.factories import make_brief

NASTY = '<script>alert("x")</script> & *bold* _it_ `code` &amp; <b>not bold</b> @user #tag'


def telegram_text(html: str) -> str:
    """What Telegram shows for ``html`` (raises like a Bad Request when it would be rejected)."""
    text = parse_html(html).text
    assert utf16_len(text) <= MAX_MESSAGE_UTF16
    return text


def briefs(count: int, **overrides: Any) -> list[Brief]:
    """``count`` briefs with ids 1..count."""
    return [make_brief(id=i, **overrides) for i in range(1, count + 1)]


def bare_brief(**overrides: Any) -> Brief:
    """A brief titled "T" with no date, no link and no id, so its header is just the title."""
    values: dict[str, Any] = {
        "id": None, "title": "T", "url": None, "published_on": None, "ingested_at": None,
    }
    return make_brief(**{**values, **overrides})


def brief_of_size(position: int, size: int) -> Brief:
    """A brief whose rendering at ``position`` in a list is exactly ``size`` units long."""
    probe = bare_brief(id=position, summary=["x" * 100])
    base = visible_len(render_brief(probe, number=position)) - 100
    brief = bare_brief(id=position, summary=["x" * (size - base)])
    assert visible_len(render_brief(brief, number=position)) == size
    return brief


def test_brief_text_with_html_and_markdown_specials_arrives_as_text() -> None:
    brief = make_brief(id=1, title=NASTY, summary=[NASTY, "second"], url=None)
    parsed = parse_html(render_brief(brief))
    assert parsed.text.count(NASTY) == 2
    assert [e["type"] for e in parsed.entities] == ["bold"]


def test_brief_shows_title_date_link_and_summary_bullets() -> None:
    brief = make_brief(
        title="Ceasefire talks",
        url="https://www.example.org/a?b=1&c=2",
        published_on=dt.date(2026, 11, 25),
        summary=["First sentence.", "Second sentence."],
    )
    parsed = parse_html(render_brief(brief, number=3))
    assert parsed.text == (
        "3. Ceasefire talks\n25 Nov 2026 · example.org\n• First sentence.\n• Second sentence."
    )
    link = [e for e in parsed.entities if e["type"] == "text_link"]
    assert [e["url"] for e in link] == ["https://www.example.org/a?b=1&c=2"]


def test_link_href_with_quotes_and_angles_is_escaped() -> None:
    url = 'https://example.org/q?x="1"&y=<2>'
    parsed = parse_html(render_brief(make_brief(url=url)))
    assert [e["url"] for e in parsed.entities if e["type"] == "text_link"] == [url]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org/x", "tg://resolve?domain=x", "https:///x"]
)
def test_only_http_urls_become_links(url: str) -> None:
    parsed = parse_html(render_brief(make_brief(url=url)))
    assert all(e["type"] != "text_link" for e in parsed.entities)
    assert url in parsed.text


def test_date_falls_back_to_ingestion_day() -> None:
    brief = make_brief(published_on=None, ingested_at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC))
    assert "5 Jan 2026" in parse_html(render_brief(brief)).text


def test_single_brief_gets_one_full_text_button() -> None:
    [part] = render_briefs([make_brief(id=42)])
    assert part.buttons == (Button("📄 Full text", "full:42"),)
    assert not parse_html(part.text).text.startswith("1. ")


def test_several_briefs_are_numbered_with_matching_short_buttons() -> None:
    [part] = render_briefs(briefs(3), heading="Latest <3 & more")
    text = telegram_text(part.text)
    assert text.startswith("Latest <3 & more\n\n1. Brief")
    assert [b.text for b in part.buttons] == ["📄 1", "📄 2", "📄 3"]
    assert [b.data for b in part.buttons] == ["full:1", "full:2", "full:3"]


def test_no_briefs_render_no_parts() -> None:
    assert render_briefs([], heading="Latest") == []
    assert render_digest([], local_date=dt.date(2026, 11, 25)) == []


def test_parts_hold_at_most_max_per_part_briefs() -> None:
    parts = render_briefs(briefs(25))
    assert [len(p.buttons) for p in parts] == [10, 10, 5]
    assert parts[2].buttons[0].text == "📄 21"


def test_parts_are_packed_by_telegrams_count_not_raw_html_length() -> None:
    # Each brief is ~1,900 visible units but ~4,700 raw HTML characters (every "&" is "&amp;").
    items = briefs(2, summary=["& " * 900])
    [part] = render_briefs(items)
    assert len(part.text) > MAX_MESSAGE_UTF16
    assert visible_len(part.text) == utf16_len(telegram_text(part.text))


def test_long_answers_split_between_briefs_under_the_limit() -> None:
    items = briefs(12, summary=["Ten words in this sentence about a long running story. " * 15])
    parts = render_briefs(items, heading="Latest")
    assert len(parts) > 1
    assert parse_html(parts[0].text).text.startswith("Latest\n\n1. ")
    assert all("Latest" not in parse_html(p.text).text for p in parts[1:])
    for part in parts:
        text = telegram_text(part.text)
        titles = re.findall(r"^(\d+)\. Brief", text, flags=re.MULTILINE)
        assert [f"📄 {n}" for n in titles] == [b.text for b in part.buttons]


def test_an_over_long_brief_is_shortened_at_a_sentence_boundary_with_an_ellipsis() -> None:
    sentence = "Officials confirmed the figures on Tuesday after a long review"
    brief = make_brief(id=1, summary=[f"{sentence} {i}" for i in range(400)])
    [part] = render_briefs([brief])
    text = telegram_text(part.text)
    assert text.endswith("…")
    last = text.splitlines()[-1].removesuffix("…").rstrip()
    assert f"\n{last}\n" in "\n" + "\n".join(f"• {s}" for s in brief.summary) + "\n"
    assert part.buttons == (Button("📄 Full text", "full:1"),)


def test_an_over_long_sentence_is_shortened_at_a_word_boundary() -> None:
    text = telegram_text(render_brief(make_brief(summary=["alpha beta " * 1000])))
    assert text.endswith("beta…") or text.endswith("alpha…")
    assert utf16_len(text) > MAX_MESSAGE_UTF16 - 20


def test_one_giant_word_is_cut_without_breaking_tags_or_surrogates() -> None:
    brief = make_brief(summary=["😀<&>" * 3000])
    text = telegram_text(render_brief(brief))
    assert text.endswith("…") and "\ufffd" not in text


def test_digest_has_one_heading_with_the_date_and_count() -> None:
    parts = render_digest(briefs(7), local_date=dt.date(2026, 11, 24))
    assert parse_html(parts[0].text).text.startswith("Digest for Tue 24 Nov 2026 · 7 new briefs\n")
    [one] = render_digest(briefs(1), local_date=dt.date(2026, 11, 25))
    assert parse_html(one.text).text.startswith("Digest for Wed 25 Nov 2026 · 1 new brief\n")


def test_alert_names_the_escaped_phrase_and_has_one_button() -> None:
    part = render_alert(make_brief(id=9, summary=["x" * 5000]), phrase="<israel> & co")
    assert telegram_text(part.text).startswith("🔔 New on <israel> & co\n\n")
    assert part.buttons == (Button("📄 Full text", "full:9"),)


def test_full_text_splits_at_paragraph_boundaries() -> None:
    paragraphs = [f"Paragraph {i}. " + "Words & <more> words. " * 40 for i in range(20)]
    parts = render_full_text(make_brief(title="T", text="\n\n".join(paragraphs)))
    assert len(parts) > 1
    bodies = [telegram_text(p.text) for p in parts]
    assert bodies[0].startswith("T\n")
    bodies[0] = bodies[0].split("\n\n", 1)[1]
    assert [p for body in bodies for p in body.split("\n\n")] == [p.strip() for p in paragraphs]


def test_full_text_splits_a_huge_paragraph_at_sentences_then_words() -> None:
    sentences = " ".join(f"Sentence {i} is here." for i in range(1500))
    giant_word = "z" * 9000
    parts = render_full_text(make_brief(text=f"{sentences}\n\n{giant_word}"))
    texts = [telegram_text(p.text) for p in parts]
    assert all(re.search(r"here\.$|z$", t) for t in texts)
    assert "".join(texts).count("z") == 9000


def test_a_hindi_full_text_and_shortening_end_at_the_danda() -> None:
    # One paragraph of danda-ended sentences: split and shortened after a danda, never inside
    # a sentence (the danda was no sentence end here; parts broke between two words).
    sentences = [f"वाक्य {i} में सेना की नई योजना का ब्योरा है।" for i in range(400)]
    texts = [telegram_text(p.text) for p in render_full_text(make_brief(text=" ".join(sentences)))]
    assert len(texts) > 1
    assert all(t.endswith("है।") for t in texts)
    short = shorten(" ".join(sentences), 100)
    assert short.endswith("है। …")


def test_full_text_of_an_empty_text_is_just_the_header() -> None:
    [part] = render_full_text(make_brief(title="Only title", text="  "))
    assert telegram_text(part.text).startswith("Only title")


_ALPHABET = (
    list("abc xyz.!? ")
    + list("<>&\"'*_`[]()~|#@/")
    + list("😀👍🏽🇺🇦中文日本語한국")
    + [
        "&amp;",
        "&lt;",
        "<b>",
        "</i>",
        "\n",
        "\r\n",
        "\u200d",
    ]
)


def _random_text(rng: random.Random, size: int) -> str:
    """Random text mixing words, HTML specials, emoji and CJK."""
    return "".join(rng.choice(_ALPHABET) for _ in range(size))


@pytest.mark.parametrize("seed", range(40))
def test_random_briefs_always_render_into_valid_parts_in_order(seed: int) -> None:
    rng = random.Random(seed)
    items = [
        make_brief(
            id=i,
            title=_random_text(rng, rng.randint(0, 300)),
            url=rng.choice([None, "https://example.org/" + _random_text(rng, 20), "mailto:x@y"]),
            summary=[_random_text(rng, rng.randint(0, 3000)) for _ in range(rng.randint(0, 4))],
            text=_random_text(rng, rng.randint(0, 12000)),
        )
        for i in range(1, rng.randint(1, 30) + 1)
    ]
    parts = render_briefs(items, heading=_random_text(rng, 50) or None)
    seen: list[str] = []
    for part in parts:
        text = telegram_text(part.text)
        assert visible_len(part.text) == utf16_len(text)
        seen += [b.data for b in part.buttons]
        if len(items) > 1:
            numbers = re.findall(r"^(\d+)\. ", text, flags=re.MULTILINE)
            assert [f"📄 {n}" for n in numbers] == [b.text for b in part.buttons]
    assert seen == [f"full:{b.id}" for b in items]
    alert = render_alert(items[-1], phrase=_random_text(rng, 9))
    for part in [*render_full_text(items[0]), alert]:
        assert visible_len(part.text) == utf16_len(telegram_text(part.text))


def test_a_brief_with_no_date_link_or_summary_shows_its_title_and_text() -> None:
    brief = bare_brief(summary=[], text="Body text.")
    assert render_brief(brief) == "<b>T</b>\n• Body text."


def test_a_brief_with_nothing_to_show_is_just_its_bold_title() -> None:
    assert render_brief(bare_brief(summary=[], text="")) == "<b>T</b>"
    assert render_brief(bare_brief(title=" \n ", summary=["One."])) == "<b>Untitled</b>\n• One."


def test_titles_summaries_and_fallback_text_are_each_shown_on_one_line() -> None:
    brief = bare_brief(title="Line one\r\n  line\ttwo", summary=["First\nhalf  and\r\nsecond"])
    assert render_brief(brief) == "<b>Line one line two</b>\n• First half and second"
    fallback = bare_brief(summary=[], text="Para one.\n\nPara\r\ntwo.")
    assert render_brief(fallback) == "<b>T</b>\n• Para one. Para two."


def test_headings_and_alert_phrases_are_shown_on_one_line() -> None:
    [part] = render_briefs([bare_brief(summary=["One."])], heading="Top\nstories  today")
    assert part.text == "<b>Top stories today</b>\n\n<b>T</b>\n• One."
    alert = render_alert(bare_brief(summary=["One."]), phrase="ceasefire\n talks")
    assert alert.text == "🔔 New on <b>ceasefire talks</b>\n\n<b>T</b>\n• One."


def test_control_characters_are_dropped_and_lone_surrogates_replaced() -> None:
    brief = bare_brief(title="a\x07b\ud800c", summary=["x\x00y"])
    assert render_brief(brief) == "<b>ab\ufffdc</b>\n• xy"


def test_bidirectional_overrides_are_dropped_from_a_briefs_title_and_summary() -> None:
    # Found by an attack test: "Ministry \u202egnp.exe\u202c approves" showed as
    # "Ministry exe.png approves" and an unclosed override reversed the rest of the line.
    # A title loses every bidirectional control; a summary only the overrides (Arabic or
    # Hebrew text may need its isolates: a review's find).
    title = "Ministry \u202egnp.exe\u202c \u2067approves\u2069"
    brief = bare_brief(title=title, summary=["x\u202ey.", "a\u2067b\u2069."])
    assert render_brief(brief) == "<b>Ministry gnp.exe approves</b>\n• xy.\n• a\u2067b\u2069."


def test_long_chinese_full_text_is_split_after_its_full_stops() -> None:
    # A review's find: with no space after "\u3002", a long Chinese text was cut mid-sentence.
    sentence = "\u56fd\u9632\u90e8\u5ba3\u5e03\u4e86\u65b0\u7684\u6f14\u4e60\u8ba1\u5212" * 20
    text = (sentence + "\u3002") * 40  # 241 characters a sentence, 9,640 in all
    parts = render_full_text(bare_brief(text=text))
    assert len(parts) >= 3
    assert all(part.text.endswith("\u3002") for part in parts)


def test_full_text_keeps_crlf_and_cr_line_ends_as_single_line_breaks() -> None:
    text = "line one\r\nline two\rline three\r\n\r\nnext paragraph"
    [part] = render_full_text(bare_brief(text=text))
    assert part.text == "<b>T</b>\n\nline one\nline two\nline three\n\nnext paragraph"


def test_plain_http_urls_become_links_too() -> None:
    for url in ("http://example.org/x", "HTTP://example.org/x"):
        parsed = parse_html(render_brief(bare_brief(url=url, summary=["One."])))
        assert [e["url"] for e in parsed.entities if e["type"] == "text_link"] == [url]
        assert parsed.text == "T\nexample.org\n• One."


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://example.org/a b", "https://example.org/a b"),
        ("https://example.org/a\nb", "https://example.org/a b"),
    ],
)
def test_urls_with_whitespace_are_shown_as_text_on_one_line(url: str, shown: str) -> None:
    parsed = parse_html(render_brief(bare_brief(url=url, summary=["One."])))
    assert [e for e in parsed.entities if e["type"] == "text_link"] == []
    assert parsed.text == f"T\n{shown}\n• One."


def test_long_titles_hosts_and_plain_urls_are_shortened_to_their_limits() -> None:
    host = "h" * 200 + ".org"
    brief = bare_brief(title="t" * 600, url=f"https://{host}/x", summary=["One."])
    title, meta, _ = parse_html(render_brief(brief)).text.split("\n")
    assert title == shorten("t" * 600, 512) and utf16_len(title) == 512
    assert meta == shorten(host, 128) and utf16_len(meta) == 128
    plain = "ftp://" + "u" * 300
    _, meta, _ = parse_html(render_brief(bare_brief(url=plain, summary=["One."]))).text.split("\n")
    assert meta == shorten(plain, 256) and utf16_len(meta) == 256


def test_long_headings_and_alert_phrases_are_shortened_to_their_limits() -> None:
    [part] = render_briefs([bare_brief(summary=["One."])], heading="h" * 300)
    heading = parse_html(part.text).text.split("\n")[0]
    assert heading == shorten("h" * 300, 256) and utf16_len(heading) == 256
    alert = render_alert(bare_brief(summary=["One."]), phrase="p" * 150)
    phrase = parse_html(alert.text).text.split("\n")[0].removeprefix("🔔 New on ")
    assert phrase == shorten("p" * 150, 100) and utf16_len(phrase) == 100


def test_text_shown_instead_of_a_missing_summary_is_cut_to_600_units() -> None:
    text = parse_html(render_brief(bare_brief(summary=[], text="w" * 1000))).text
    assert text == "T\n• " + shorten("w" * 1000, 600)
    assert utf16_len(shorten("w" * 1000, 600)) == 600


def test_an_over_long_brief_fills_its_limit_exactly() -> None:
    brief = bare_brief(summary=["x" * 5000])
    assert visible_len(render_brief(brief, limit=200)) == 200
    assert visible_len(render_brief(brief)) == MAX_MESSAGE_UTF16


def test_summary_bullets_need_at_least_40_units_of_room() -> None:
    brief = bare_brief(summary=["x" * 5000])  # header "T" + line break leave limit - 2
    assert render_brief(brief, limit=42) == "<b>T</b>\n• " + "x" * 37 + "…"
    assert render_brief(brief, limit=41) == "<b>T</b>"


def test_one_brief_without_a_heading_renders_as_just_that_brief() -> None:
    assert render_briefs([bare_brief(id=5, summary=["One."])]) == [
        MessagePart("<b>T</b>\n• One.", (Button("📄 Full text", "full:5"),))
    ]


@pytest.mark.parametrize("heading", [None, "Latest"])
def test_one_over_long_brief_fills_its_message_exactly(heading: str | None) -> None:
    [part] = render_briefs([bare_brief(id=1, summary=["x" * 5000])], heading=heading)
    assert visible_len(part.text) == MAX_MESSAGE_UTF16
    assert utf16_len(telegram_text(part.text)) == MAX_MESSAGE_UTF16


def test_briefs_that_exactly_fill_a_message_share_it() -> None:
    items = [brief_of_size(1, 2000), brief_of_size(2, MAX_MESSAGE_UTF16 - 2000 - 2)]
    [part] = render_briefs(items)
    assert visible_len(part.text) == MAX_MESSAGE_UTF16
    assert [b.text for b in part.buttons] == ["📄 1", "📄 2"]


def test_briefs_one_unit_over_a_message_are_split() -> None:
    items = [brief_of_size(1, 2000), brief_of_size(2, MAX_MESSAGE_UTF16 - 2000 - 1)]
    assert [[b.text for b in p.buttons] for p in render_briefs(items)] == [["📄 1"], ["📄 2"]]


def test_the_separators_between_three_briefs_count_towards_the_limit() -> None:
    items = [
        brief_of_size(1, 1000),
        brief_of_size(2, 1000),
        brief_of_size(3, MAX_MESSAGE_UTF16 - 2000 - 4 + 1),
    ]
    parts = render_briefs(items)
    assert [[b.text for b in p.buttons] for p in parts] == [["📄 1", "📄 2"], ["📄 3"]]
    assert all(visible_len(p.text) <= MAX_MESSAGE_UTF16 for p in parts)


def test_after_a_split_the_next_message_is_filled_from_empty() -> None:
    items = [
        brief_of_size(1, 3000),
        brief_of_size(2, 2000),
        brief_of_size(3, MAX_MESSAGE_UTF16 - 2000 - 2),
    ]
    parts = render_briefs(items)
    assert [[b.text for b in p.buttons] for p in parts] == [["📄 1"], ["📄 2", "📄 3"]]
    assert visible_len(parts[1].text) == MAX_MESSAGE_UTF16


def test_alert_is_the_phrase_then_the_brief() -> None:
    alert = render_alert(bare_brief(summary=["One."]), phrase="p")
    assert alert == MessagePart("🔔 New on <b>p</b>\n\n<b>T</b>\n• One.", ())


def test_alert_for_an_unsaved_brief_has_no_button() -> None:
    assert render_alert(bare_brief(id=None, summary=["One."]), phrase="p").buttons == ()
    assert render_alert(bare_brief(id=7, summary=["One."]), phrase="p").buttons == (
        Button("📄 Full text", "full:7"),
    )


def test_full_text_of_an_empty_text_is_exactly_the_header() -> None:
    assert render_full_text(bare_brief(text=" \n ")) == [MessagePart("<b>T</b>")]


def test_full_text_cuts_a_giant_word_only_at_message_boundaries_filling_each() -> None:
    parts = render_full_text(bare_brief(text="z" * 9000))
    bodies = [parse_html(p.text).text for p in parts]
    assert visible_len(parts[0].text) == MAX_MESSAGE_UTF16
    assert bodies[0].startswith("T\n\nz")
    assert "".join([bodies[0].removeprefix("T\n\n"), *bodies[1:]]) == "z" * 9000
    assert len(parts) == 3


def full_text_limit() -> int:
    """Room for the body in the first full-text part of a ``bare_brief``."""
    return MAX_MESSAGE_UTF16 - visible_len("<b>T</b>") - 2


def test_full_text_paragraphs_that_exactly_fill_a_part_share_it() -> None:
    first, second = "a" * 1000, "b" * (full_text_limit() - 1000 - 2)
    parts = render_full_text(bare_brief(text=f"{first}\n\n{second}\n\n{'c' * 100}"))
    assert [p.text for p in parts] == [f"<b>T</b>\n\n{first}\n\n{second}", "c" * 100]
    assert visible_len(parts[0].text) == MAX_MESSAGE_UTF16


def test_full_text_paragraphs_one_unit_over_a_part_are_split() -> None:
    first, second = "a" * 1000, "b" * (full_text_limit() - 1000 - 1)
    parts = render_full_text(bare_brief(text=f"{first}\n\n{second}\n\n{'c' * 100}"))
    assert [p.text for p in parts] == [f"<b>T</b>\n\n{first}", f"{second}\n\n{'c' * 100}"]


def test_full_text_that_exactly_fits_keeps_its_own_spacing() -> None:
    text = "a" * 10 + "\n\n\n" + "b" * (full_text_limit() - 13)
    assert render_full_text(bare_brief(text=text)) == [MessagePart(f"<b>T</b>\n\n{text}")]


def test_full_text_splits_an_over_long_paragraph_at_its_line_ends() -> None:
    lines = [f"Line {i} says one thing. Then another." for i in range(300)]
    parts = render_full_text(bare_brief(text="\n".join(lines)))
    assert len(parts) > 1
    bodies = [parse_html(p.text).text for p in parts]
    bodies[0] = bodies[0].removeprefix("T\n\n")
    assert [line for body in bodies for line in body.split("\n")] == lines


def test_an_alert_names_the_followed_phrase_as_the_brief_writes_it() -> None:
    # A rule written lower-case ("курск", "nato") is named as the brief writes it.
    russian = make_brief(id=1, title="Удар по Курску", text="Беженцы прибыли в Курск.")
    assert "<b>Курск</b>" in render_alert(russian, phrase="курск").text
    nato = make_brief(id=2, title="Summit opens", text="Leaders met at the NATO  Summit today.")
    listed = render_alert_list([russian, nato], phrases=["курск", "nato summit"], total=2)
    assert listed[0].text.startswith("<b>🔔 2 new on Курск, NATO Summit</b>")
    inflected = make_brief(id=3, title="Курская область", text="Новости Курской области.")
    assert "<b>курск</b>" in render_alert(inflected, phrase="курск").text  # as given
    # A sentence's first word is capitalised whatever it is: its case says nothing.
    text = "Harbour works end. The harbour opens."
    harbour = make_brief(id=4, title="Harbour reopens", text=text)
    assert "<b>harbour</b>" in render_alert(harbour, phrase="harbour").text
