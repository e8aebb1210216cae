"""HTML rendering of briefs: escaping, Telegram's length count, splitting and payloads."""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

import pytest

from local_bot_api.html import parse_html
from rendering.messages import (
    MAX_MESSAGE_UTF16,
    Button,
    MessagePart,
    escape,
    parts_to_payload,
    payload_parts,
    render_alert,
    render_brief,
    render_briefs,
    render_digest,
    render_full_text,
    utf16_len,
    visible_len,
)
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


def test_utf16_len_counts_astral_characters_twice() -> None:
    assert utf16_len("a€😀") == 4


def test_escape_leaves_no_markup_characters() -> None:
    assert escape("<a & b>") == "&lt;a &amp; b&gt;"


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


def test_full_text_of_an_empty_text_is_just_the_header() -> None:
    [part] = render_full_text(make_brief(title="Only title", text="  "))
    assert telegram_text(part.text).startswith("Only title")


def test_payload_round_trips() -> None:
    parts = [MessagePart("<b>a</b>", (Button("📄 1", "full:1"),)), MessagePart("b")]
    payload = parts_to_payload(parts)
    assert payload == {
        "parts": [
            {"text": "<b>a</b>", "buttons": [{"text": "📄 1", "data": "full:1"}]},
            {"text": "b", "buttons": []},
        ],
        "sent": 0,
        "message_ids": [],
    }
    assert payload_parts(payload) == parts


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ([], "payload must be an object"),
        ({}, "payload.parts must be a non-empty list"),
        ({"parts": []}, "payload.parts must be a non-empty list"),
        ({"parts": ["x"]}, r"payload.parts\[0\] must be an object"),
        ({"parts": [{"text": ""}]}, r"payload.parts\[0\].text must be a non-empty string"),
        ({"parts": [{"text": "a", "buttons": {}}]}, r"payload.parts\[0\].buttons must be a list"),
        ({"parts": [{"text": "a", "buttons": [{"text": "b"}]}]}, r"buttons\[0\] must have"),
        ({"parts": [{"text": "a", "buttons": [{"text": "b", "data": "x" * 65}]}]}, "64 bytes"),
        ({"parts": [{"text": "a"}], "sent": 2}, "payload.sent must be an integer from 0 to 1"),
        ({"parts": [{"text": "a"}], "message_ids": ["1"]}, "list of integers"),
    ],
)
def test_malformed_payloads_raise_value_error(payload: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        payload_parts(payload)


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
