"""Hardening #14: a title keeps no terminal escape or bell, from JSON or a feed."""

from __future__ import annotations

import json

from ingest.items import BriefCandidate
from ingest.sources.feeds import parse_feed
from ingest.sources.files import read_json_document
from ingest.validation import validate_candidate

BODY = "The council met on Monday to vote on the bridge. " * 4
FEED = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>t</title>
<item><title>&#27;]0;pwned&#7;Bridge vote</title><link>https://news.example/a</link>
<description>{BODY}</description></item>
</channel></rss>""".encode()


def validated_title(candidate: BriefCandidate) -> str | None:
    valid = validate_candidate(candidate)
    assert isinstance(valid, BriefCandidate)
    return valid.title


def test_a_json_title_loses_escape_bell_and_c1_characters() -> None:
    record = {"text": BODY, "title": "\x1b[2J\x1b]0;pwned\x07 Bridge\u009b vote\tto\nday\x7f"}
    (item,) = read_json_document(json.dumps(record), "a.json")
    assert isinstance(item, BriefCandidate)
    assert validated_title(item) == "[2J]0;pwned Bridge vote to day"


def test_a_feed_title_with_escapes_as_entities_loses_them() -> None:
    (entry,) = parse_feed(FEED, "https://news.example/feed")
    candidate = BriefCandidate(origin="feed", text=entry.text, title=entry.title)
    assert validated_title(candidate) == "]0;pwnedBridge vote"


def test_a_derived_title_loses_them_too() -> None:
    candidate = BriefCandidate(origin="x", text="\x1b[31mBridge\x07 vote held. " + BODY)
    assert validated_title(candidate) == "[31mBridge vote held."
