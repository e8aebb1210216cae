"""A brief's summary at a chat's /length: summarised again from its text, once per length."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from ingest.lengths import SummaryLengths
from ingest.pipeline import pool_summarizer_at
from summarizer.api import summarize
from summarizer.pool import SummaryPool
from tests.support.factories import make_brief

# The summarizer's best sentence is the last; its three are [1, 3, 4] in document order, so
# the first of the stored three (a cut) is not what a summary of one sentence chooses.
SENTENCES = (
    "Residents gathered by the water early on a grey and windy Monday morning.",
    "Fishing crews returned before dawn to unload the first catch of the week.",
    "A brass band played while children waved small flags along the quay.",
    "The harbour authority reopened the northern pier after months of pier repairs, and the "
    "mayor said the pier repairs cost less than the council feared.",
    "Traders expect busier markets now that the pier is open to the fishing boats again.",
)
TITLE = "Harbour pier reopens after repairs"
TEXT = " ".join(SENTENCES)
STORED = [SENTENCES[1], SENTENCES[3], SENTENCES[4]]  # what ingest stored at the default of 3


def real_lengths(default: int = 3) -> SummaryLengths:
    """Lengths over the project's summarizer, in this process (a pool of no workers)."""
    return SummaryLengths(
        pool_summarizer_at(SummaryPool(workers=0), algorithm="briefrank"), default=default
    )


async def test_length_one_is_the_summarizers_one_sentence_of_the_text_not_a_cut() -> None:
    assert summarize(TEXT, title=TITLE, sentences=3) == STORED
    brief = make_brief(id=1, title=TITLE, text=TEXT, summary=STORED)
    found = await real_lengths().summaries([brief], 1)
    assert found is not None
    [sentence] = found[1]
    assert sentence in SENTENCES and sentence != STORED[0]
    assert [sentence] == summarize(TEXT, title=TITLE, sentences=1) == [SENTENCES[4]]


async def test_length_five_holds_sentences_the_stored_three_left_out() -> None:
    brief = make_brief(id=2, title=TITLE, text=TEXT, summary=STORED)
    found = await real_lengths().summaries([brief], 5)
    assert found is not None
    assert list(found[2]) == list(SENTENCES)
    assert set(found[2]) - set(STORED) == {SENTENCES[0], SENTENCES[2]}


async def test_the_default_length_and_none_use_the_stored_summary() -> None:
    calls: list[int] = []

    async def counting(
        text: str, title: str | None, sentences: int, language: str | None
    ) -> Sequence[str]:
        calls.append(sentences)
        return [text]

    lengths = SummaryLengths(counting, default=3)
    brief = make_brief(id=3, text=TEXT, summary=STORED)
    assert await lengths.summaries([brief], None) is None
    assert await lengths.summaries([brief], 3) is None
    assert calls == []
    assert await lengths.summaries([brief], 2) is not None
    assert calls == [2]


async def test_each_brief_and_length_is_summarised_once_for_many_chats_at_once() -> None:
    calls: list[tuple[str, int]] = []

    async def slow_first_sentences(
        text: str, title: str | None, sentences: int, language: str | None
    ) -> Sequence[str]:
        calls.append((text, sentences))
        await asyncio.sleep(0.01)
        return text.split(". ")[:sentences]

    lengths = SummaryLengths(slow_first_sentences, default=3)
    briefs = [make_brief(id=10 + n, text=f"{TEXT} Number {n}.") for n in range(3)]
    # 200 chats' digests of the same three briefs, at two lengths, concurrently.
    results = await asyncio.gather(
        *(lengths.summaries(briefs, 1 + chat % 2) for chat in range(200))
    )
    assert len(calls) == 6 and lengths.computed == 6
    assert sorted(n for _, n in calls) == [1, 1, 1, 2, 2, 2]
    assert all(
        result is not None and len(result[10]) == 1 + chat % 2
        for chat, result in enumerate(results)
    )
    await lengths.summaries(briefs, 2)
    assert len(calls) == 6  # served from the cache


async def test_a_failed_summary_gives_the_stored_one_and_is_tried_again_later() -> None:
    outcomes: list[Exception | list[str]] = [RuntimeError("worker gone"), ["Again."]]

    async def flaky(
        text: str, title: str | None, sentences: int, language: str | None
    ) -> Sequence[str]:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    lengths = SummaryLengths(flaky, default=3)
    brief = make_brief(id=20, text=TEXT, summary=STORED)
    first = await lengths.summaries([brief], 1)
    second = await lengths.summaries([brief], 1)
    assert first is not None and list(first[20]) == STORED
    assert second is not None and list(second[20]) == ["Again."]


async def test_the_cache_drops_the_least_recently_used_beyond_its_capacity() -> None:
    calls: list[int] = []

    async def by_id(
        text: str, title: str | None, sentences: int, language: str | None
    ) -> Sequence[str]:
        calls.append(sentences)
        return [text]

    lengths = SummaryLengths(by_id, default=3, capacity=2)
    one, two, three = (make_brief(id=30 + n) for n in range(3))
    for brief in (one, two, one, three, one):  # three pushes out two, the least recent
        await lengths.summaries([brief], 1)
    assert len(calls) == 3
    await lengths.summaries([two], 1)
    assert len(calls) == 4


async def test_a_brief_is_summarised_again_in_its_stored_language_not_detected_again() -> None:
    asked: list[str | None] = []

    async def recording(
        text: str, title: str | None, sentences: int, language: str | None
    ) -> Sequence[str]:
        asked.append(language)
        return [text]

    lengths = SummaryLengths(recording, default=3)
    french = make_brief(id=7, title=TITLE, text=TEXT, summary=STORED, language="fr")
    unknown = make_brief(id=8, title=TITLE, text=TEXT + " More.", summary=STORED, language=None)
    assert await lengths.summaries([french, unknown], 1) is not None
    assert asked == ["fr", None]


async def test_the_pool_summarizer_uses_the_stored_language_unless_one_is_pinned() -> None:
    pool = SummaryPool(workers=0)
    stored = await pool_summarizer_at(pool, algorithm="briefrank")(TEXT, TITLE, 1, "de")
    pinned = await pool_summarizer_at(pool, algorithm="briefrank", language="en")(
        TEXT, TITLE, 1, "de"
    )
    detected = await pool_summarizer_at(pool, algorithm="briefrank")(TEXT, TITLE, 1, None)
    languages = [getattr(summary, "language", None) for summary in (stored, pinned, detected)]
    assert languages == ["de", "en", "en"]
