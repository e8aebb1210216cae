"""Hostile OPML files: feeds or one-line refusals, never an entity expanded, and the feeds
that were read survive an export and a re-import unchanged."""

from __future__ import annotations

import unicodedata
from html import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.sources.feeds import parse_feed
from ingest.subscriptions import MAX_TITLE_CHARS, OpmlFeed, read_opml, write_opml
from ingest.validation import InvalidInput, canonical_url, fetch_url_problem
from tests.hostile.strategies import assert_one_line, hostile, hostile_text
from tests.hostile.test_feeds import BOMBS, ENCODINGS, rss

URLS = st.one_of(
    st.sampled_from(
        [
            "https://example.org/feed.xml",
            "HTTPS://Example.ORG/Feed",
            "http://user:pw@a.org/",
            "file:///etc/passwd",
            "javascript:x",
            "ftp://a.org/",
            "http://",
            "http://[::1",
            "https://a.org/" + "x" * 3000,
            " https://a.org/spaces ",
            "https://a.org/?q=<b>",
        ]
    ),
    hostile_text(60),
)


@st.composite
def outlines(draw: st.DrawFn, depth: int = 0) -> str:
    """An ``outline`` with hostile attributes, maybe nesting more outlines."""
    attributes = {
        "xmlUrl": draw(URLS),
        "title": draw(hostile_text(80) | st.just("t" * 700)),
        "text": draw(hostile_text(40)),
    }
    shown = " ".join(
        f'{name}="{escape(value)}"' for name, value in attributes.items() if draw(st.booleans())
    )
    children = draw(st.lists(outlines(depth + 1), max_size=2)) if depth < 2 else []
    return f"<outline {shown}>{''.join(children)}</outline>"


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry, as an OPML file would hold it."""
    return "".join(c for c in text if c in "\t\n\r" or " " <= c <= "\ud7ff" or c >= "\ue000")


def without_controls(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Cc")


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """An OPML document, sometimes with a bomb or a wrong root, a lying encoding, or cut short."""
    body = "".join(draw(st.lists(outlines(), max_size=3)))
    root = draw(st.sampled_from(["opml", "opml", "rss", "OPML"]))
    head = (
        draw(st.sampled_from(["", *BOMBS]))
        .replace("{fill}", "lol")
        .replace("{base}", "http://127.0.0.1:9")
    )
    encoding = draw(st.sampled_from(ENCODINGS))
    text = f'<?xml version="1.0" encoding="{encoding}"?>{head}<{root}><body>{body}</body></{root}>'
    data = clean(text).encode("utf-8")
    return data[: draw(st.none() | st.integers(0, len(data)))]


@hostile(50)
@given(data=documents() | st.binary(max_size=300))
def test_hostile_opml_gives_fetchable_feeds_or_one_line_refusals(data: bytes) -> None:
    try:
        feeds, skipped = read_opml(data)
    except InvalidInput as error:
        assert_one_line(str(error))
        return
    for feed in feeds:
        assert fetch_url_problem(feed.url) is None
        assert feed.title is None or (0 < len(feed.title) <= MAX_TITLE_CHARS)
    assert len({feed.url for feed in feeds}) == len(feeds)
    for line in skipped:
        assert_one_line(line)
    exported, dropped = read_opml(write_opml(feeds).encode())
    assert dropped == [] and [f.url for f in exported] == [f.url for f in feeds]
    assert all(f.title in (e.title, None) for e, f in zip(exported, feeds, strict=True))


@hostile(50)
@given(
    titles=st.lists(hostile_text(80).map(clean), max_size=5),
    # A feed's address holds no control character (C0, DEL, C1): a stored one never does.
    paths=st.lists(hostile_text(30).map(clean).map(without_controls), max_size=5),
)
def test_exported_feeds_with_hostile_titles_and_paths_import_back_unchanged(
    titles: list[str], paths: list[str]
) -> None:
    feeds = [
        OpmlFeed(canonical_url(f"https://example.org/{n}/{path}"), " ".join(title.split()) or None)
        for n, (title, path) in enumerate(zip(titles, paths, strict=False))
    ]
    imported, skipped = read_opml(write_opml(feeds).encode())
    assert skipped == [] and [f.url for f in imported] == [f.url for f in feeds]
    assert [f.title for f in imported] == [f.title or f.url for f in feeds]


@pytest.mark.parametrize("encoding", ["bogus", "utf-32", "euc-jp", "rot13", "idna"])
def test_xml_declaring_an_encoding_expat_cannot_read_is_refused_with_one_line(
    encoding: str,
) -> None:
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>'
    opml = f'{declaration}<opml><body><outline xmlUrl="https://a.org/f"/></body></opml>'
    with pytest.raises(InvalidInput) as refused:
        read_opml(opml.encode())
    assert str(refused.value).startswith("not OPML: unreadable XML (")
    feed = rss(["<title>T</title><description>The harbour opened.</description>"], "", encoding)
    with pytest.raises(InvalidInput, match=r"^unreadable XML: [^\n]+$"):
        parse_feed(feed, "http://93.184.215.14/feed")
