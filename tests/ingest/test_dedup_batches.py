"""A batch of near-identical items: every copy is settled, in a number of checks linear in it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

import ingest.dedup
import ingest.pipeline
from ingest.dedup import MAX_CANDIDATES, DuplicateIndex, closest_candidates, dedup_keys
from ingest.items import BriefCandidate
from ingest.pipeline import CHUNK_SIZE, ingest_items
from storage.models import Brief
from tests.ingest.test_pipeline import STORY


async def test_2000_near_identical_items_are_all_duplicates_of_the_first(
    database: Any, fake_summarize: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    lookups: list[int] = []
    find = ingest.pipeline.find_stored_duplicates

    async def counted(session: Any, batch: Any) -> list[int | None]:
        lookups.append(len(batch))
        return await find(session, batch)

    monkeypatch.setattr(ingest.pipeline, "find_stored_duplicates", counted)
    items = [
        BriefCandidate(f"i{n}", f"{STORY} Item {n}.", url=f"https://spam.example/{n}")
        for n in range(2000)
    ]
    report = await ingest_items(items, session_factory=database.factory, summarize=fake_summarize)
    assert (report.stored, report.duplicate, report.rejected) == (1, 1999, 0)
    async with database.factory() as session:
        assert list(await session.scalars(select(Brief.url))) == ["https://spam.example/0"]
    # Each chunk settles its copies at once: about one database check per chunk, where
    # deferring every copy of a fresh item settled one item per chunk (2,000 checks).
    assert len(lookups) <= 2000 // CHUNK_SIZE + 4


def test_closest_candidates_are_those_sharing_most_buckets_first_seen_first() -> None:
    shared = ["c", "a", "b", "a", "b", "d", "b"]
    assert closest_candidates(shared) == ["b", "a", "c", "d"]
    many = [n for n in range(3 * MAX_CANDIDATES) for _ in range(1 + n % 2)]
    assert closest_candidates(many) == [*range(1, 2 * MAX_CANDIDATES, 2)]


def test_index_compares_a_bounded_number_of_candidates_and_keeps_the_first_added(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared: list[object] = []
    jaccard = ingest.dedup.jaccard

    def counted(first: frozenset[str], second: frozenset[str]) -> float:
        compared.append(second)
        return jaccard(first, second)

    monkeypatch.setattr(ingest.dedup, "jaccard", counted)
    index = DuplicateIndex()
    for n in range(3 * MAX_CANDIDATES):
        index.add(n, dedup_keys(f"{STORY} Item {n}."))
    assert index.find(dedup_keys(f"{STORY} Another item.")) == 0
    assert len(compared) == MAX_CANDIDATES
