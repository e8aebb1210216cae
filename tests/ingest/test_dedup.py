"""Duplicate keys: exact copies by normalised hash, near copies by MinHash/LSH + Jaccard."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.dedup import (
    NEAR_DUPLICATE_JACCARD,
    PERMUTATIONS,
    DuplicateIndex,
    content_hash,
    dedup_keys,
    jaccard,
    lsh_buckets,
    minhash_signature,
    normalised_words,
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


def test_a_zero_width_space_between_words_hashes_as_a_space() -> None:
    # Ingest keeps it between Thai words and wrote a space there before: one story either way.
    kept, spaced = "กระทรวง\u200bกลาโหม แถลงข่าว", "กระทรวง กลาโหม แถลงข่าว"
    assert content_hash(kept) == content_hash(spaced)
    assert shingles(kept) == shingles(spaced)


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


WORDS = [f"w{i}" for i in range(40)]


def test_edge_punctuation_runs_are_stripped_and_punctuation_only_words_dropped() -> None:
    assert normalised_words('(("Story",)) — «Two»!! x... -- \u201cdon\u2019t\u201d') == [
        "story", "two", "x", "don't"
    ]
    assert content_hash("hello — world") == content_hash("hello world")


def test_content_hash_is_sha256_of_the_normalised_words_joined_by_spaces() -> None:
    # Stored next to every brief: changing the scheme would hide every stored copy.
    assert content_hash("Hello,  World!") == hashlib.sha256(b"hello world").hexdigest()


def test_shingles_are_every_run_of_five_words_or_the_whole_of_a_shorter_body() -> None:
    assert shingles("One two three four five six") == {
        "one two three four five", "two three four five six"
    }
    assert shingles("One two three four five") == {"one two three four five"}
    assert shingles("One, two.") == {"one two"}
    assert shingles(" ... ") == frozenset()


def test_two_empty_shingle_sets_are_not_similar() -> None:
    assert jaccard(frozenset(), frozenset()) == 0.0
    assert jaccard(frozenset({"a"}), frozenset({"a", "b"})) == 0.5


def test_minhash_signatures_and_buckets_match_the_stored_values() -> None:
    # Buckets are stored next to every brief: these values must not drift between releases.
    assert minhash_signature(frozenset({"hello world"}))[:4].tolist() == [
        2214446273, 2114065983, 914170875, 644633868
    ]
    assert minhash_signature(["a b c d e", "b c d e f"])[:4].tolist() == [
        3880042421, 204249939, 245741499, 995099592
    ]
    empty = minhash_signature(frozenset())
    assert empty.tolist() == [2**64 - 1] * PERMUTATIONS
    keys = dedup_keys("The quick brown fox jumps over the lazy dog again and again.")
    assert keys.buckets[:2] == ((0, 495376840174861770), (1, -4262640154362740499))
    assert hashlib.sha256(repr(keys.buckets).encode()).hexdigest() == (
        "5878d219defcc3d1a8fdf6181a2a1c31e82f9f896d9d19893e29f264196397f7"
    )


def test_buckets_are_one_per_band_and_fit_a_signed_63_bit_column() -> None:
    for text in (STORY, "", "one"):
        buckets = lsh_buckets(minhash_signature(shingles(text)))
        assert [band for band, _ in buckets] == list(range(32))
        assert all(-(2**62) <= value < 2**62 for _, value in buckets)
    assert len({value for _, value in dedup_keys(STORY).buckets}) == 32


def test_unrelated_stories_share_no_bucket() -> None:
    first = dedup_keys(STORY)
    other = dedup_keys(records("defence_slice.jsonl")[0]["text"])
    assert set(first.buckets).isdisjoint(other.buckets)


def test_bodies_that_normalise_to_nothing_are_exact_copies_of_each_other() -> None:
    index = DuplicateIndex()
    index.add("first", dedup_keys(" ... "))
    assert index.find(dedup_keys("— !")) == "first"


def test_index_counts_each_added_brief() -> None:
    index = DuplicateIndex()
    index.add("first", dedup_keys(STORY))
    index.add("second", dedup_keys(records("defence_slice.jsonl")[0]["text"]))
    assert len(index) == 2


def test_a_candidate_sharing_a_bucket_below_the_threshold_is_not_a_duplicate() -> None:
    by_id = {r["id"]: r for r in records("bbc_slice.jsonl")}
    first = dedup_keys(by_id["politics/327"]["text"])
    follow_up = dedup_keys(by_id["politics/328"]["text"])
    assert set(first.buckets) & set(follow_up.buckets)  # a candidate ...
    assert jaccard(first.shingles, follow_up.shingles) < NEAR_DUPLICATE_JACCARD  # ... too far
    index = DuplicateIndex()
    index.add("first", first)
    assert index.find(follow_up) is None


def test_a_candidate_exactly_at_the_threshold_is_a_duplicate() -> None:
    first, second = dedup_keys(" ".join(WORDS[0:10])), dedup_keys(" ".join(WORDS[2:12]))
    assert set(first.buckets) & set(second.buckets)
    assert jaccard(first.shingles, second.shingles) == NEAR_DUPLICATE_JACCARD
    index = DuplicateIndex()
    index.add("first", first)
    assert index.find(second) == "first"


@pytest.mark.parametrize("near_first", [True, False])
def test_the_most_similar_of_several_near_copies_is_found(near_first: bool) -> None:
    query = dedup_keys(" ".join(WORDS[0:20]))
    near = dedup_keys(" ".join([*WORDS[0:19], "x"]))
    far = dedup_keys(" ".join([*WORDS[0:14], "y", "z"]))
    assert jaccard(query.shingles, far.shingles) >= NEAR_DUPLICATE_JACCARD
    assert jaccard(query.shingles, far.shingles) < jaccard(query.shingles, near.shingles)
    index = DuplicateIndex()
    for ref, keys in [("near", near), ("far", far)][:: 1 if near_first else -1]:
        index.add(ref, keys)
    assert index.find(query) == "near"
