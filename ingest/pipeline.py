"""The ingest pipeline: validate → dedup keys → summarize (in parallel) → store.

Items are processed in chunks, each going through *check*, *summarize* and *store*:

* check: every candidate is validated and keyed (in a worker thread, a batch at a time, see
  :mod:`ingest.prepare`); one that duplicates a candidate of the previous chunk (still on
  its way to the database) is deferred to the next chunk (by then the earlier one is stored
  or has failed, so the answer is certain); the rest are checked against the database in
  one batch, and each stored brief they duplicate gets its ``duplicate_count`` raised in
  that same transaction, once per origin (another source or host; see
  :func:`ingest.store.origin_key`); of those the database does not hold, one that
  duplicates an earlier one of the same chunk is deferred too. Checking the database
  before the chunk itself keeps a feed of near-identical items linear: every copy of a
  stored brief is settled in the first chunk that sees it;
* summarize: the survivors are summarized concurrently through the injected
  ``summarize`` callable (a process pool keeps that off the event loop), and their
  topics are extracted (in a worker thread) as each summary arrives;
* store: the chunk is written in one transaction: first all its briefs at once (their
  summaries, topics and fingerprints included) inside one SAVEPOINT; if anything in that
  fails, the savepoint is rolled back (undoing every row of the attempt) and each brief
  is written again inside a SAVEPOINT of its own. A brief that fails then is rolled back
  to its savepoint, which undoes exactly its rows: it never stops the others and never
  touches what is stored. If the chunk transaction as a whole fails (BEGIN, COMMIT, or a
  savepoint that cannot be rolled back), nothing of the chunk is kept and every brief is
  stored again in a transaction of its own.

Chunks overlap: while the workers summarize chunk *n*, the event loop stores chunk
*n - 1*. Database work stays sequential (chunk *n* is checked before chunk *n - 1* is
stored, which is why candidates duplicating chunk *n - 1* are deferred). The unique
constraints on content hash, URL and external id settle races with a concurrent ingester
(the loser counts as a duplicate).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingest.credits import news_text
from ingest.dedup import DuplicateIndex
from ingest.filters import SourceFilter
from ingest.items import BriefCandidate, IngestItem, Notice, Rejection
from ingest.languages import LanguageSummary, brief_language
from ingest.lead import leading_lines
from ingest.phrases import Phrase
from ingest.prepare import prepared_batches
from ingest.store import PreparedBrief, find_stored_duplicates, note_duplicates, origin_key
from ingest.storing import Ready, store_chunk
from ingest.threads import off_loop
from ingest.titles import repeats_title, without_title
from ingest.topics import extract_topics
from storage.search_stems import brief_stems
from summarizer.api import NothingToExtract, SummaryInputError, SummaryRequest
from summarizer.pool import SummaryPool

Summarize = Callable[[str, str | None], Awaitable[Sequence[str]]]
# (text, title, sentences, the brief's stored language or None) -> the summary at that length.
SummarizeAt = Callable[[str, str | None, int, str | None], Awaitable[Sequence[str]]]
CHUNK_SIZE = 64


@dataclass
class IngestReport:
    """What one ingest run did; ``problems`` has one line per rejected item."""

    stored: int = 0
    duplicate: int = 0
    rejected: int = 0
    failed: int = 0  # of the rejected, by the bot's own fault (Rejection.ours)
    problems: list[str] = field(default_factory=list)
    # One line per notice (ingest.items.Notice): inputs read all the same, with a caveat.
    notices: list[str] = field(default_factory=list)
    stored_ids: list[int] = field(default_factory=list)
    # Polling only: the error recorded on the source when the poll itself failed.
    source_error: str | None = None

    def reject(self, rejection: Rejection) -> None:
        self.rejected += 1
        self.failed += rejection.ours
        self.problems.append(rejection.line)

    def absorb(self, other: IngestReport) -> None:
        self.stored += other.stored
        self.duplicate += other.duplicate
        self.rejected += other.rejected
        self.failed += other.failed
        self.problems.extend(other.problems)
        self.notices.extend(other.notices)
        self.stored_ids.extend(other.stored_ids)

    def summary_line(self) -> Phrase:
        return Phrase(
            "stored {stored}, duplicate {duplicate}, rejected {rejected}",
            stored=self.stored,
            duplicate=self.duplicate,
            rejected=self.rejected,
        )


def pool_summarizer(
    pool: SummaryPool, *, algorithm: str, sentences: int, language: str | None = None
) -> Summarize:
    """A ``summarize`` callable running in ``pool`` with the configured algorithm and length.

    ``language`` pins the briefs' language (ISO 639-1); ``None`` detects each one's. The
    summary returned is a :class:`LanguageSummary`, so the language is stored with the brief.
    """
    at_length = pool_summarizer_at(pool, algorithm=algorithm, language=language)

    async def summarize(text: str, title: str | None) -> Sequence[str]:
        return await at_length(text, title, sentences, None)

    return summarize


def pool_summarizer_at(
    pool: SummaryPool, *, algorithm: str, language: str | None = None
) -> SummarizeAt:
    """Like :func:`pool_summarizer`, with the length given per call (a chat's ``/length``).

    A brief summarised again passes its stored ``briefs.language`` (``stored``): that language
    is used unless ``language`` pins another; only a brief without one is detected again.
    """

    async def summarize(
        text: str, title: str | None, sentences: int, stored: str | None
    ) -> Sequence[str]:
        text = news_text(text, stored)  # not its byline, photo credit or date line (credits)
        brief = language or stored or await off_loop(brief_language, text, None)
        request = SummaryRequest(
            text=text, title=title, sentences=sentences, algorithm=algorithm, language=brief
        )
        try:
            summary = await pool.summarize(request)
        except NothingToExtract:  # a table or a list of headlines: shown by its first lines
            return LanguageSummary(leading_lines(text, sentences), brief)
        if title is None:
            return LanguageSummary(summary, brief)
        repeats = tuple(s for s in summary if repeats_title(s, title, brief))
        if not repeats:
            return LanguageSummary(summary, brief)
        # A sentence repeats the title (a headline made from the lede): choose again without
        # it, so the summary still has ``sentences`` of its own and none leans on the repeat.
        again = await pool.summarize(replace(request, skip=repeats))
        return LanguageSummary(without_title(again, title, language=brief), brief)

    return summarize


async def ingest_items(
    items: Iterable[IngestItem] | AsyncIterable[IngestItem],
    *,
    session_factory: async_sessionmaker[AsyncSession],
    summarize: Summarize,
    source_id: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    source_filter: SourceFilter | None = None,
) -> IngestReport:
    """Validate, deduplicate, summarize and store ``items``; see the module docstring.

    A brief failing ``source_filter`` is stored ``held``: never pushed in digests or alerts.
    """
    report = IngestReport()
    stages = _Stages(report, session_factory, summarize, source_id, source_filter)
    pending: list[PreparedBrief] = []
    async for batch in prepared_batches(items, chunk_size):
        for prepared in batch:
            if isinstance(prepared, Notice):
                report.notices.append(prepared.line)
                continue
            if isinstance(prepared, Rejection):
                report.reject(prepared)
                continue
            pending.append(prepared)
            if len(pending) >= chunk_size:
                pending = await stages.advance(pending)
    while pending:
        pending = await stages.advance(pending)
    await stages.finish()
    return report


class _Stages:
    """Check and summarize one chunk while the previous one is stored."""

    def __init__(
        self,
        report: IngestReport,
        session_factory: async_sessionmaker[AsyncSession],
        summarize: Summarize,
        source_id: int | None,
        source_filter: SourceFilter | None = None,
    ) -> None:
        self._report = report
        self._session_factory = session_factory
        self._summarize = summarize
        self._source_id = source_id
        self._filter = source_filter or SourceFilter()
        self._in_flight = DuplicateIndex()  # the previous chunk, not yet stored
        self._ready: list[Ready] = []  # its summarized briefs

    async def advance(self, chunk: list[PreparedBrief]) -> list[PreparedBrief]:
        """Check and summarize ``chunk``, store the previous one; return what is deferred."""
        # Copies of the previous chunk wait until it is stored (or has failed).
        waiting: list[PreparedBrief] = []
        checked: list[PreparedBrief] = []
        for prepared in chunk:
            (checked if _found_in(self._in_flight, prepared) is None else waiting).append(prepared)
        async with self._session_factory() as session, session.begin():
            stored = await find_stored_duplicates(session, checked)
            arrivals = [
                (match, origin_key(prepared.candidate, self._source_id))
                for prepared, match in zip(checked, stored, strict=True)
                if match is not None
            ]
            await note_duplicates(session, arrivals)
        self._report.duplicate += sum(match is not None for match in stored)
        # Only then copies within the chunk: checking the database first settles a whole
        # batch of copies of a stored brief in one chunk (deferring them first would settle
        # one per chunk, which made a feed of near-identical items quadratic).
        in_chunk = DuplicateIndex()
        unseen: list[PreparedBrief] = []
        deferred = waiting
        for prepared, match in zip(checked, stored, strict=True):
            if match is not None:
                continue
            if _found_in(in_chunk, prepared) is not None:
                deferred.append(prepared)
            else:
                c = prepared.candidate
                in_chunk.add(prepared, prepared.keys, c.url, c.external_id)
                unseen.append(prepared)
        if self._filter.active:
            unseen = await off_loop(_mark_held, unseen, self._filter)
        summaries = asyncio.gather(*(_summarize_one(p, self._summarize) for p in unseen))
        try:
            await self.finish()  # the previous chunk, while the workers summarize this one
        except BaseException:
            summaries.cancel()
            summaries.add_done_callback(_retrieve)  # else asyncio logs its CancelledError
            raise
        for outcome in await summaries:
            if isinstance(outcome, Rejection):
                self._report.reject(outcome)
            else:
                self._ready.append(outcome)
        self._in_flight = in_chunk
        return deferred

    async def finish(self) -> None:
        """Store the summarized chunk, if any."""
        ready, self._ready = self._ready, []
        self._in_flight = DuplicateIndex()
        if not ready:
            return
        for outcome in await store_chunk(ready, self._session_factory, self._source_id):
            if isinstance(outcome, Rejection):
                self._report.reject(outcome)
            elif outcome is None:
                self._report.duplicate += 1  # a concurrent ingester stored the same brief first
            else:
                self._report.stored += 1
                self._report.stored_ids.append(outcome)


def _retrieve(future: asyncio.Future[Any]) -> None:
    """Take the outcome of a future that nothing awaits any more."""
    if not future.cancelled():
        future.exception()


def _mark_held(batch: list[PreparedBrief], source_filter: SourceFilter) -> list[PreparedBrief]:
    """The batch, each brief failing the source's phrases marked ``held``."""
    return [
        replace(p, held=not source_filter.passes(p.candidate.title, p.candidate.text))
        for p in batch
    ]


def _found_in(index: DuplicateIndex, prepared: PreparedBrief) -> object | None:
    """The brief of ``index`` that ``prepared`` duplicates, if any."""
    candidate = prepared.candidate
    return index.find(prepared.keys, candidate.url, candidate.external_id)


async def _summarize_one(prepared: PreparedBrief, summarize: Summarize) -> Ready | Rejection:
    candidate = prepared.candidate
    try:
        summary = await summarize(candidate.text, candidate.title)
    except SummaryInputError as error:
        refusal = Phrase(error.reason, **error.values)  # catalogued where it was raised
        return Rejection(candidate.origin, Phrase("cannot summarize: {error}", error=refusal))
    except Exception as error:  # any summarizer failure rejects this item only
        failure = f"{type(error).__name__}: {error}"
        reason = Phrase("summarizer failed: {error}", error=failure)
        return Rejection(candidate.origin, reason, ours=True)
    language = summary.language if isinstance(summary, LanguageSummary) else prepared.language
    # Topics and search stems are computed here, while the chunk's other summaries run.
    topics, stems = await off_loop(_topics_and_stems, candidate, summary, language)
    return Ready(replace(prepared, language=language, search_stems=stems), summary, topics)


def _topics_and_stems(
    candidate: BriefCandidate, summary: Sequence[str], language: str | None
) -> tuple[list[str], str | None]:
    """The brief's topics and its search stems (CPU-bound)."""
    topics = extract_topics(candidate.title, summary, candidate.text, language=language)
    return topics, brief_stems(candidate.text, language, candidate.title)
