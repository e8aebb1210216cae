"""The page source: an HTML page's article, extracted by trafilatura."""

from __future__ import annotations

from typing import Any

from ingest.http import Fetcher
from ingest.items import BriefCandidate
from ingest.sources.pages import page_text
from ingest.sources.registry import read_url
from tests.support.factories import ARTICLE_HTML


async def test_html_page_url_becomes_one_brief_with_its_title(local_server: Any) -> None:
    local_server.serve("/a", ARTICLE_HTML.encode(), headers={"Content-Type": "text/html"})
    async with Fetcher(allow_private=True) as fetcher:
        (item,) = await read_url(local_server.url("/a"), fetcher)
    assert isinstance(item, BriefCandidate)
    assert item.title == "Six patrol vessels ordered" and item.url == local_server.url("/a")


def test_the_same_page_extracts_the_same_text_every_time() -> None:
    texts = {page_text(ARTICLE_HTML, "http://example.org/a") for _ in range(6)}
    assert len(texts) == 1 and "domestic shipyard" in (texts.pop() or "")
