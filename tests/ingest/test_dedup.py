"""Duplicate keys: exact copies by normalised hash, near copies by MinHash/LSH + Jaccard."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ingest.dedup import (
    NEAR_DUPLICATE_JACCARD,
    DuplicateIndex,
    content_hash,
    dedup_keys,
    jaccard,
    shingles,
)
from tests.support.datasets import read_jsonl, shared_dataset

DATA = Path(__file__).parents[1] / "data"
STORY = "\n\n".join(
    [
        "The defence ministry on Monday signed a contract worth 2,000 crore rupees with a "
        "domestic shipyard for six new offshore patrol vessels for the coast guard.",
        "The vessels will be delivered over the next five years and will be used for "
        "fisheries protection, search and rescue and anti-smuggling operations at sea.",
        "Officials said that the contract would create about three thousand jobs at the yard "
        "and at small suppliers of steel, engines and electronics across the region.",
        "The coast guard has asked for more ships for years, citing the length of the "
        "coastline and the rising number of incidents in the exclusive economic zone.",
    ]
)


def records(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_spacing_case_and_edge_punctuation_do_not_change_the_hash() -> None:
    assert content_hash("Hello,   World!\nIt is “here”.") == content_hash(
        'hello world it is "HERE"'
    )
    assert content_hash("price £1.5bn") != content_hash("price £15bn")


def test_same_body_under_a_changed_headline_is_an_exact_duplicate() -> None:
    index = DuplicateIndex()
    index.add("first", dedup_keys(STORY))
    assert index.find(dedup_keys(STORY.upper())) == "first"


def test_updated_paragraph_is_a_near_duplicate() -> None:
    updated = STORY.replace(
        "The coast guard has asked for more ships for years",
        "Update: the navy said on Tuesday that two more vessels may follow, and the coast "
        "guard has asked for more ships for years",
    )
    first, second = dedup_keys(STORY), dedup_keys(updated)
    assert first.content_hash != second.content_hash
    assert jaccard(first.shingles, second.shingles) >= NEAR_DUPLICATE_JACCARD
    index = DuplicateIndex()
    index.add("first", first)
    assert index.find(second) == "first"


def test_unrelated_story_is_not_a_duplicate() -> None:
    index = DuplicateIndex()
    index.add("first", dedup_keys(STORY))
    other = records("defence_slice.jsonl")[0]["text"]
    assert index.find(dedup_keys(other)) is None


def test_same_url_or_external_id_is_a_duplicate() -> None:
    index = DuplicateIndex()
    index.add("first", dedup_keys(STORY), url="https://e.org/a", external_id="guid-1")
    other = dedup_keys(records("defence_slice.jsonl")[0]["text"])
    assert index.find(other, url="https://e.org/a") == "first"
    assert index.find(other, external_id="guid-1") == "first"


def test_buckets_are_deterministic_across_processes_with_different_hash_seeds() -> None:
    code = f"from ingest.dedup import dedup_keys;print(dedup_keys({STORY!r}).buckets[:3])"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and outputs == {f"{dedup_keys(STORY).buckets[:3]}\n"}


def test_bbc_edited_copies_match_but_a_follow_up_story_does_not() -> None:
    by_id = {r["id"]: r for r in records("bbc_slice.jsonl")}

    def similarity(a: str, b: str) -> float:
        return jaccard(shingles(by_id[a]["text"]), shingles(by_id[b]["text"]))

    assert similarity("tech/155", "tech/294") > 0.95  # the same article, re-run
    assert similarity("politics/088", "politics/337") >= NEAR_DUPLICATE_JACCARD  # edited
    assert similarity("politics/327", "politics/328") < NEAR_DUPLICATE_JACCARD  # follow-up


def test_bbc_set_keeps_between_2050_and_2088_and_defence_keeps_all_138() -> None:
    for name, low, high in (
        ("bbc_news_summary.jsonl", 2050, 2088),
        ("defence_briefs.jsonl", 138, 138),
    ):
        index = DuplicateIndex()
        for record in read_jsonl(shared_dataset(name)):
            keys = dedup_keys(record["text"])
            if index.find(keys, external_id=record["id"]) is None:
                index.add(record["id"], keys, external_id=record["id"])
        assert low <= len(index) <= high, name
