"""Telegram-HTML validation and rendering (no server needed)."""

from __future__ import annotations

import pytest

from local_bot_api.html import HtmlParseError, parse_html, utf16_len


@pytest.mark.parametrize(
    ("source", "text", "entities"),
    [
        ("<b>a</b><strong>b</strong>", "ab", [("bold", 0, 1), ("bold", 1, 1)]),
        (
            "<i>x</i><em>y</em><u>z</u><ins>w</ins>",
            "xyzw",
            [("italic", 0, 1), ("italic", 1, 1), ("underline", 2, 1), ("underline", 3, 1)],
        ),
        (
            "<s>a</s><strike>b</strike><del>c</del>",
            "abc",
            [("strikethrough", 0, 1), ("strikethrough", 1, 1), ("strikethrough", 2, 1)],
        ),
        (
            '<span class="tg-spoiler">a</span><tg-spoiler>b</tg-spoiler>',
            "ab",
            [("spoiler", 0, 1), ("spoiler", 1, 1)],
        ),
        ("<code>x</code><pre>y</pre>", "xy", [("code", 0, 1), ("pre", 1, 1)]),
        (
            "<blockquote>q</blockquote><blockquote expandable>e</blockquote>",
            "qe",
            [("blockquote", 0, 1), ("expandable_blockquote", 1, 1)],
        ),
        (
            "&lt;tag&gt; &amp; &quot;q&quot; &#65;&#x1F4F0; &unknown;",
            '<tag> & "q" A\U0001f4f0 &unknown;',
            [],
        ),
        ("\U0001f4f0 <b>bold</b>", "\U0001f4f0 bold", [("bold", 3, 4)]),
        ("<b>outer <i>inner</i></b>", "outer inner", [("bold", 0, 11), ("italic", 6, 5)]),
    ],
)
def test_supported_markup_renders_text_and_utf16_entities(
    source: str, text: str, entities: list[tuple[str, int, int]]
) -> None:
    parsed = parse_html(source)

    assert parsed.text == text
    assert [(e["type"], e["offset"], e["length"]) for e in parsed.entities] == entities


def test_links_code_languages_and_custom_emoji_keep_their_attributes() -> None:
    parsed = parse_html(
        '<a href="https://e.com/?a=1&amp;b=2">l</a>'
        '<pre><code class="language-python">x</code></pre>'
        '<tg-emoji emoji-id="5368324170671202286">\U0001f44d</tg-emoji>'
    )

    assert parsed.entities == [
        {"type": "text_link", "offset": 0, "length": 1, "url": "https://e.com/?a=1&b=2"},
        {"type": "pre", "offset": 1, "length": 1, "language": "python"},
        {
            "type": "custom_emoji",
            "offset": 2,
            "length": 2,
            "custom_emoji_id": "5368324170671202286",
        },
    ]


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("<p>x</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("é<br>", 'Unsupported start tag "br" at byte offset 2'),
        ("<b>x<i>y</b></i>", 'Unmatched end tag at byte offset 8, expected "</i>", found "</b>"'),
        ("<b>never closed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("stray</b>", "Unexpected end tag at byte offset 5"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ('<a href="x>y</a>', "Unclosed start tag at byte offset 0"),
        ("<b", "Unclosed start tag at byte offset 0"),
    ],
)
def test_invalid_markup_is_rejected_with_telegram_wording(source: str, error: str) -> None:
    with pytest.raises(HtmlParseError) as caught:
        parse_html(source)

    assert str(caught.value).startswith("Bad Request: can't parse entities: ")
    assert error in str(caught.value)


def test_utf16_length_counts_astral_characters_twice() -> None:
    assert utf16_len("a\U0001f4f0é") == 4
