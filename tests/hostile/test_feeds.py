"""Hostile feeds and pages served over HTTP: briefs or one-line rejections, never a request
the document asked for (entities, external references), never a private address.

Feeds stay at most a few hundred entries and kilobytes: big feeds are issue 10 item 9 and
the fetch deadline item 10 (helper "ingest-limits").
"""

from __future__ import annotations

import ipaddress
from html import escape
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.http import Fetcher, FetchError
from ingest.items import Rejection
from ingest.prepare import prepare
from ingest.sources.feeds import feed_items
from ingest.sources.registry import read_url
from tests.hostile.strategies import assert_one_line, hostile, hostile_text
from tests.hostile.test_files import check_items
from tests.support.factories import filler

PUBLIC = "http://93.184.215.14"  # a global address literal: no DNS asked


# Declared encodings, right or wrong: expat reads few multi-byte ones and no made-up one.
ENCODINGS = ["utf-8", "bogus", "utf-32", "euc-jp", "rot13", "idna", "cp1252", "utf-16", ""]


def rss(entries: list[str], head: str = "", encoding: str = "utf-8") -> bytes:
    """An RSS 2.0 document of ``entries`` (``<item>`` bodies), after ``head`` (a prolog),
    declaring ``encoding`` (its bytes are UTF-8 whatever it declares)."""
    items = "".join(f"<item>{entry}</item>" for entry in entries)
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>{head}<rss version="2.0"><channel>'
        f"<title>T</title>{items}</channel></rss>"
    ).encode("utf-8", "surrogatepass")


def xml_text(raw: str) -> str:
    """``raw`` escaped for XML, its characters XML 1.0 cannot carry dropped (as a feed would)."""
    allowed = "".join(c for c in raw if c in "\t\n\r" or (" " <= c <= "\ud7ff" or c >= "\ue000"))
    return escape(allowed)


def local_links(base: str) -> st.SearchStrategy[str]:
    """Links a hostile feed might carry, all answered locally at once (no DNS, no timeouts)."""
    return st.one_of(
        st.sampled_from(["/article", "/missing", "/binary", "/redirect-loop", "article?x=1"]).map(
            lambda path: f"{base}/{path.lstrip('/')}" if path.startswith("/") else path
        ),
        st.sampled_from(
            [
                "javascript:alert(1)",
                "file:///etc/passwd",
                "data:text/html,<p>x</p>",
                "mailto:a@b",
                "http://",
                "http://[::1",
                "//",
                "",
                " ",
                "ftp://127.0.0.1/",
                "http://a b/",
            ]
        ),
        hostile_text(40),
    )


@st.composite
def entries(draw: st.DrawFn, base: str) -> str:
    """One ``<item>``: hostile title, link, date, guid, and a summary or full content."""
    parts = [
        f"<title>{xml_text(draw(hostile_text(80)))}</title>",
        f"<link>{xml_text(draw(local_links(base)))}</link>",
        f"<guid>{xml_text(draw(hostile_text(30)))}</guid>",
        "<pubDate>"
        + xml_text(
            draw(
                st.sampled_from(["Mon, 01 Jan 0001 00:00:00 GMT", "9999-12-31", "x", ""])
                | hostile_text(20)
            )
        )
        + "</pubDate>",
    ]
    body = draw(hostile_text(300)) + " " + draw(st.sampled_from(["", "Read more…", "...", "."]))
    if draw(st.booleans()):
        parts.append(f"<description>{xml_text(body)}</description>")
    else:
        parts.append(f"<description><![CDATA[{body.replace(']]>', '')}]]></description>")
    return "".join(parts)


def serve_pages(local_server: Any) -> None:
    """The pages hostile links point to: an article, binary data and a redirect loop."""
    article = "<p>" + " ".join(["The harbour council met on Monday to discuss repairs."] * 8)
    local_server.serve("/article", f"<html><body><article>{article}</p></article>".encode())
    local_server.serve("/binary", b"\x00\x01\x02" * 100, headers={"Content-Type": "text/html"})
    local_server.serve("/redirect-loop", status=302, headers={"Location": "/redirect-loop"})


@hostile(20)
@given(
    data=st.data(),
    truncate=st.none() | st.integers(0, 2000),
    encoding=st.sampled_from(ENCODINGS),
)
async def test_hostile_feeds_give_briefs_or_one_line_rejections(
    local_server: Any,
    caplog: pytest.LogCaptureFixture,
    data: st.DataObject,
    truncate: int | None,
    encoding: str,
) -> None:
    serve_pages(local_server)
    document = rss(data.draw(st.lists(entries(local_server.base), max_size=6)), "", encoding)
    local_server.serve(
        "/feed", document[:truncate], headers={"Content-Type": "application/rss+xml"}
    )
    async with Fetcher(allow_private=True) as fetcher:
        check_items(await read_url(local_server.url("/feed"), fetcher))
    # trafilatura logs its own ERROR lines for pages without a tree; a traceback is ours
    assert [record for record in caplog.records if record.exc_info] == []


BOMBS = [
    # billion laughs, its quadratic cousin, external entities (file, http), parameter entities
    '<!DOCTYPE r [<!ENTITY a "{fill}">'
    + "".join(f'<!ENTITY a{n} "{"&a;" if n == 0 else f"&a{n - 1};" * 10}">' for n in range(9))
    + "]>",
    '<!DOCTYPE r [<!ENTITY big "{fill}">]>',
    '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE r [<!ENTITY x SYSTEM "{base}/xxe">]>',
    '<!DOCTYPE r [<!ENTITY % p SYSTEM "{base}/xxe"> %p;]>',
    '<!DOCTYPE r SYSTEM "{base}/xxe">',
]


@hostile(30)
@given(
    bomb=st.sampled_from(BOMBS),
    fill=st.text(st.sampled_from("lo"), min_size=1, max_size=2000),
    use=st.sampled_from(["&a8;", "&big;", "&x;", "&a;", ""]),
)
async def test_entity_bombs_and_external_entities_are_refused_and_fetch_nothing(
    local_server: Any, bomb: str, fill: str, use: str
) -> None:
    local_server.serve("/xxe", b'<!ENTITY secret "leaked">')
    head = bomb.replace("{fill}", fill).replace("{base}", local_server.base)
    body = f"<title>{use}</title><description>{use} The harbour opened.</description>"
    local_server.serve("/feed", rss([body], head=head), headers={"Content-Type": "text/xml"})
    local_server.requests.clear()
    async with Fetcher(allow_private=True) as fetcher:
        items = await read_url(local_server.url("/feed"), fetcher)
    assert [path for path, _ in local_server.requests] == ["/feed"]
    if "<!ENTITY" in bomb:
        (item,) = items
        assert isinstance(item, Rejection) and item.reason.startswith("unsafe XML refused: ")
        assert_one_line(item.reason)
    else:  # an external DTD alone declares nothing; it is never fetched
        assert len(items) == 1 and "leaked" not in repr(items)


@hostile(10)
@given(
    depth=st.integers(1, 5_000),
    tag=st.sampled_from(["div", "b", "item", "x:y"]),
    where=st.sampled_from(["description", "channel"]),
)
async def test_deeply_nested_feeds_give_briefs_or_one_line_rejections(
    local_server: Any, depth: int, tag: str, where: str
) -> None:
    nested = f"<{tag}>" * depth + "The harbour opened on Monday." + f"</{tag}>" * depth
    entry = f"<title>Deep</title><description>{escape(nested)}</description>"
    document = (
        rss([entry])
        if where == "description"
        else rss([]).replace(b"<title>T</title>", f"<title>T</title>{nested}".encode())
    )
    local_server.serve("/feed", document, headers={"Content-Type": "application/rss+xml"})
    async with Fetcher(allow_private=True) as fetcher:
        check_items(await read_url(local_server.url("/feed"), fetcher))


@st.composite
def pages(draw: st.DrawFn) -> bytes:
    """An HTML page: hostile metadata, nesting, scripts, and hostile or article-like text."""
    depth = draw(st.integers(0, 1500))
    title = escape(draw(hostile_text(60)))
    text = escape(draw(hostile_text(400)))
    filler = " ".join(
        ["The harbour council met on Monday to discuss repairs."] * draw(st.integers(0, 12))
    )
    meta = escape(draw(st.sampled_from(["0001-01-01", "9999-12-31", "x", ""]) | hostile_text(20)))
    return (
        f'<!doctype html><html><head><title>{title}</title><meta name="date" content="{meta}">'
        f"<script>{draw(hostile_text(40))}</script></head><body>"
        + "<div>" * depth
        + f"<article><h1>{title}</h1><p>{text}</p><p>{filler}</p></article>"
        + "</div>" * depth
        + "</body></html>"
    ).encode("utf-8", "surrogatepass")


@hostile(8)
@given(page=pages())
async def test_hostile_pages_give_one_brief_or_one_line_rejection(
    local_server: Any, page: bytes
) -> None:
    local_server.serve("/page", page, headers={"Content-Type": "text/html; charset=utf-8"})
    async with Fetcher(allow_private=True) as fetcher:
        items = await read_url(local_server.url("/page"), fetcher)
    assert len(items) == 1
    check_items(items)


def private_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """The non-public ranges the fetcher must never reach."""
    names = [
        "127.0.0.0/8",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "169.254.0.0/16",
        "100.64.0.0/10",
        "0.0.0.0/8",
        "224.0.0.0/4",
        "240.0.0.0/4",
        "::1/128",
        "fc00::/7",
        "fe80::/10",
        "ff00::/8",
    ]
    return [ipaddress.ip_network(name) for name in names]


@st.composite
def private_hosts(draw: st.DrawFn) -> str:
    """A non-public address written as a URL host: dotted, integer, hex, IPv4-mapped IPv6."""
    network = draw(st.sampled_from(private_networks()))
    offset = draw(st.integers(0, network.num_addresses - 1))
    address = network[offset]
    if isinstance(address, ipaddress.IPv6Address):
        return f"[{address}]"
    form = draw(st.sampled_from(["dotted", "integer", "hex", "mapped"]))
    return {
        "dotted": str(address),
        "integer": str(int(address)),
        "hex": hex(int(address)),
        "mapped": f"[::ffff:{address}]",
    }[form]


@hostile(60)
@given(host=private_hosts(), path=st.sampled_from(["/", "/admin", "/latest/meta-data/"]))
async def test_excerpt_links_and_redirects_to_private_addresses_are_never_fetched(
    host: str, path: str
) -> None:
    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.host == PUBLIC[7:]:
            return httpx.Response(302, headers={"Location": f"http://{host}{path}"})
        return httpx.Response(200, html="<p>internal secret</p>")

    link = f"http://{host}{path}"
    feed = rss(
        [
            f"<title>Excerpt</title><link>{escape(link)}</link><description>Short…</description>",
            f"<title>Hop</title><link>{PUBLIC}/hop</link><description>Short…</description>",
        ]
    )
    async with Fetcher(transport=httpx.MockTransport(answer)) as fetcher:
        reading = await feed_items(feed, f"{PUBLIC}/feed", fetcher)
        try:
            await fetcher.fetch(link)
        except FetchError as error:
            assert str(error).startswith("refused: ")
        else:
            raise AssertionError(f"{link} was fetched")
    assert isinstance(reading, list) and len(reading) == 2
    for item in reading:
        assert isinstance(item, Rejection) and "refused: " in item.reason, item
        assert_one_line(item.reason)
    assert asked == [f"{PUBLIC}/hop"]


async def test_an_entry_link_urljoin_cannot_read_rejects_that_entry_with_one_line() -> None:
    entries = [
        "<title>Bad link</title><link>http://[::1</link>"
        f"<description>{filler('bad link')}</description>",
        f"<title>Good</title><description>{filler('good link')}</description>",
    ]
    async with Fetcher() as fetcher:
        reading = await feed_items(rss(entries), f"{PUBLIC}/feed", fetcher)
    assert isinstance(reading, list) and len(reading) == 2
    bad = prepare(reading[0])
    assert isinstance(bad, Rejection) and bad.reason == "not a valid URL: 'http://[::1'"
    assert not isinstance(prepare(reading[1]), Rejection)
