"""Recompute stored briefs' topics and search stems (and, asked, summaries) from their text
and stored language.

All three are computed at ingest, so a release that changes how (a language's topic words, its
stop words, a language newly stemmed for search, Hindi's number tags, a better ranking for a
language) leaves the briefs stored before it with the old ones: ``/topic``, follow alerts and
the stored summaries then read those. ``briefbot refresh-briefs`` recomputes them as ingest
would now, a batch at a time in id order, off the event loop; each batch is one transaction
and only briefs where something changes are written, so an interrupted run keeps what it
stored and running it again is harmless.

The language stays as stored (a brief without one is ``briefbot backfill-languages``' job,
and keeps its topics' language-free reading here), unless ``redetect`` (``--languages``): then
each brief's language, stored or not, is detected again first, as ingest detects it now (a
release that recognises a language it did not, such as Hindi in Latin letters, leaves the
briefs stored before it in the language they were taken for), and the rest is computed in that
language and stored with it; a brief where nothing is detected keeps its stored language.

The summary stays as stored unless a ``resummarize`` callable is given (``--summaries``): the
stored summary is what readers at the bot's length were sent and are shown, so rewriting it is
the admin's choice. Given one, each brief is summarised again as ingest would (at the bot's
length, in its stored language unless ``BRIEFBOT_SUMMARY_LANGUAGE`` pins one, as it does for
ingest and ``/length``), its topics come from the new summary, and a brief that cannot be
summarised again (the summarizer refuses its text now, times out or loses its worker) keeps its
stored summary and is named in the report. Without one, a brief whose stored summary is not a
list of sentences (never written so by ingest) is passed over and named, not guessed at; one
whose language changes while its batch is computed (a backfill running at the same time) is
not written.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingest.languages import brief_language
from ingest.threads import off_loop
from ingest.topics import extract_topics
from storage.repositories.brief_derived import BriefDerivedRepository, Derived, StoredBrief
from storage.search_stems import brief_stems
from summarizer.pool import SummaryWorkerError
from summarizer.refusals import SummaryInputError

DEFAULT_BATCH = 500
_SKIPPED_SHOWN = 5  # ids named in the summary line

# (text, title, stored language) -> the brief's summary as ingest makes it now.
Resummarize = Callable[[str, str, str | None], Awaitable[Sequence[str]]]


@dataclass
class RefreshReport:
    """What a refresh read and found changed (and, unless a dry run, stored)."""

    resummarized: bool = False  # summaries were recomputed too (``--summaries``)
    redetected: bool = False  # languages were detected again (``--languages``)
    read: int = 0
    changed: int = 0  # briefs whose language, summary, topics or search stems changed
    languages: int = 0
    summaries: int = 0
    topics: int = 0
    stems: int = 0
    skipped: int = 0  # briefs whose stored summary is unreadable and was not recomputed
    skipped_ids: list[int] = field(default_factory=list)  # the first few of them
    kept: int = 0  # briefs not summarised again (text refused, timed out): summary kept
    kept_ids: list[int] = field(default_factory=list)
    kept_reason: str | None = None  # why the first of them was not

    def summary_line(self, *, dry_run: bool) -> str:
        """``refreshed 3 of 40 briefs (topics of 2, search stems of 1)`` (``languages of N``
        first with ``--languages``, then ``summaries of N`` with ``--summaries``), and the
        briefs kept or passed over, if any."""
        done = f"would refresh {self.changed}" if dry_run else f"refreshed {self.changed}"
        languages = f"languages of {self.languages}, " if self.redetected else ""
        summaries = f"summaries of {self.summaries}, " if self.resummarized else ""
        line = (
            f"{done} of {self.read} briefs ({languages}{summaries}topics of {self.topics}, "
            f"search stems of {self.stems})"
        )
        if self.kept:
            line += (
                f"; kept the stored summary of {self.kept} that could not be summarised again "
                f"(id {_ids(self.kept_ids, self.kept)}; the first: {self.kept_reason})"
            )
        if self.skipped:
            line += (
                f"; passed over {self.skipped} whose stored summary is not a list of "
                f"sentences (id {_ids(self.skipped_ids, self.skipped)})"
            )
        return line

    def count(self, changed: Mapping[int, Derived], olds: Mapping[int, StoredBrief]) -> None:
        """Add a batch's changes: ``changed`` by id, ``olds`` what was stored."""
        self.changed += len(changed)
        for ident, new in changed.items():
            old = olds[ident]
            self.languages += new.language != old.language
            self.summaries += new.summary != old.summary
            self.topics += new.topics != old.topics
            self.stems += new.search_stems != old.search_stems


def _ids(shown: Sequence[int], total: int) -> str:
    return ", ".join(map(str, shown)) + (", ..." if total > len(shown) else "")


def _recompute(
    briefs: Sequence[StoredBrief], summaries: Mapping[int, list[str]]
) -> dict[int, Derived]:
    """Each brief's summary (``summaries``' or the stored one), topics and search stems as
    ingest computes them now, for the briefs with a readable or recomputed summary (CPU)."""
    derived = {}
    for brief in briefs:
        summary = summaries.get(brief.id, brief.summary)
        if summary is not None:
            derived[brief.id] = Derived(
                extract_topics(brief.title, summary, brief.text, language=brief.language),
                brief_stems(brief.text, brief.language, brief.title),
                summary,
                brief.language,
            )
    return derived


def _stored_values(brief: Derived | StoredBrief) -> tuple[object, ...]:
    """What a refresh writes of a brief: the values compared to know whether it changed."""
    return (brief.summary, brief.topics, brief.search_stems, brief.language)


def _detected(briefs: Sequence[StoredBrief], pinned: str | None) -> list[StoredBrief]:
    """``briefs``, each in the language detected in it now (``pinned`` if set), or its stored
    one where none is detected (CPU)."""
    return [
        replace(brief, language=brief_language(brief.text, pinned) or brief.language)
        for brief in briefs
    ]


async def _summaries(
    briefs: Sequence[StoredBrief], resummarize: Resummarize
) -> tuple[dict[int, list[str]], list[tuple[int, str]]]:
    """The briefs' new summaries by id, and the ids of those not summarised again with why
    (the summarizer refused the text, timed out or lost its worker), in id order. Anything
    else raised is a fault, not a brief's: it propagates."""
    outcomes = await asyncio.gather(
        *(resummarize(brief.text, brief.title, brief.language) for brief in briefs),
        return_exceptions=True,
    )
    summaries: dict[int, list[str]] = {}
    failed: list[tuple[int, str]] = []
    for brief, outcome in zip(briefs, outcomes, strict=True):
        if isinstance(outcome, SummaryInputError | SummaryWorkerError):
            failed.append((brief.id, str(outcome)))
        elif isinstance(outcome, BaseException):
            raise outcome
        else:
            summaries[brief.id] = list(outcome)
    return summaries, failed


async def refresh_briefs(
    sessions: async_sessionmaker[AsyncSession],
    *,
    batch: int = DEFAULT_BATCH,
    dry_run: bool = False,
    resummarize: Resummarize | None = None,
    redetect: bool = False,
    pinned: str | None = None,
    progress: Callable[[RefreshReport], None] | None = None,
) -> RefreshReport:
    """Recompute and store every brief's topics and search stems, its summary if
    ``resummarize`` is given, and first its language (``pinned`` if set) if ``redetect``
    (see the module docstring)."""
    report = RefreshReport(resummarized=resummarize is not None, redetected=redetect)
    after = 0
    while True:
        async with sessions() as session, session.begin():
            briefs = await BriefDerivedRepository(session).page(after, batch)
        if not briefs:
            return report
        olds = {brief.id: brief for brief in briefs}
        if redetect:
            briefs = await off_loop(_detected, briefs, pinned)
        summaries: dict[int, list[str]] = {}
        if resummarize is not None:
            summaries, failed = await _summaries(briefs, resummarize)
            kept = [(ident, why) for ident, why in failed if olds[ident].summary is not None]
            report.kept += len(kept)
            report.kept_ids += [ident for ident, _ in kept][: _SKIPPED_SHOWN - len(report.kept_ids)]
            if kept and report.kept_reason is None:
                report.kept_reason = kept[0][1]
        derived = await off_loop(_recompute, briefs, summaries)
        unreadable = [brief.id for brief in briefs if brief.id not in derived]
        changed = {
            ident: new
            for ident, new in derived.items()
            if _stored_values(new) != _stored_values(olds[ident])
        }
        if changed and not dry_run:
            async with sessions() as session, session.begin():
                await BriefDerivedRepository(session).store(
                    {ident: (olds[ident].language, new) for ident, new in changed.items()}
                )
        report.read += len(briefs)
        report.count(changed, olds)
        report.skipped += len(unreadable)
        report.skipped_ids += unreadable[: _SKIPPED_SHOWN - len(report.skipped_ids)]
        after = briefs[-1].id
        if progress is not None:
            progress(report)
