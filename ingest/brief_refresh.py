"""Recompute stored briefs' topics and search stems from their text and stored language.

Both are computed at ingest, so a release that changes how (a language's topic words, its
stop words, a language newly stemmed for search, Hindi's number tags) leaves the briefs stored
before it with the old ones: ``/topic`` and follow alerts then read those. ``briefbot
refresh-briefs`` recomputes them as ingest would now, a batch at a time in id order, off the
event loop; each batch is one transaction and only briefs whose topics or stems change are
written, so an interrupted run keeps what it stored and running it again is harmless.

The language stays as stored (a brief without one is ``briefbot backfill-languages``' job,
and keeps its topics' language-free reading here), and so does the summary: it is what
readers were sent. A brief whose stored summary is not a list of sentences (never written so
by ingest) is passed over and named in the report, not guessed at; one whose language changes
while its batch is computed (a backfill running at the same time) is not written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingest.threads import off_loop
from ingest.topics import extract_topics
from storage.repositories.brief_derived import BriefDerivedRepository, Derived, StoredBrief
from storage.search_stems import brief_stems

DEFAULT_BATCH = 500
_SKIPPED_SHOWN = 5  # ids named in the summary line


@dataclass
class RefreshReport:
    """What a refresh read and found changed (and, unless a dry run, stored)."""

    read: int = 0
    changed: int = 0  # briefs whose topics or search stems changed
    topics: int = 0
    stems: int = 0
    skipped: int = 0  # briefs whose stored summary is unreadable
    skipped_ids: list[int] = field(default_factory=list)  # the first few of them

    def summary_line(self, *, dry_run: bool) -> str:
        """``refreshed 3 of 40 briefs (topics of 2, search stems of 1)``, and the briefs
        passed over, if any."""
        done = f"would refresh {self.changed}" if dry_run else f"refreshed {self.changed}"
        line = (
            f"{done} of {self.read} briefs (topics of {self.topics}, search stems of {self.stems})"
        )
        if self.skipped:
            shown = ", ".join(map(str, self.skipped_ids))
            more = ", ..." if self.skipped > len(self.skipped_ids) else ""
            line += (
                f"; passed over {self.skipped} whose stored summary is not a list of "
                f"sentences (id {shown}{more})"
            )
        return line


def _recompute(briefs: Sequence[StoredBrief]) -> dict[int, Derived]:
    """Each readable brief's topics and search stems as ingest computes them now (CPU)."""
    return {
        brief.id: Derived(
            extract_topics(brief.title, brief.summary, brief.text, language=brief.language),
            brief_stems(brief.text, brief.language),
        )
        for brief in briefs
        if brief.summary is not None
    }


async def refresh_briefs(
    sessions: async_sessionmaker[AsyncSession],
    *,
    batch: int = DEFAULT_BATCH,
    dry_run: bool = False,
    progress: Callable[[RefreshReport], None] | None = None,
) -> RefreshReport:
    """Recompute and store every brief's topics and search stems (see the module docstring)."""
    report = RefreshReport()
    after = 0
    while True:
        async with sessions() as session, session.begin():
            briefs = await BriefDerivedRepository(session).page(after, batch)
        if not briefs:
            return report
        derived = await off_loop(_recompute, briefs)
        changed: dict[int, tuple[str | None, Derived]] = {}
        unreadable: list[int] = []  # briefs whose summary is unreadable: passed over
        topics = stems = 0
        for brief in briefs:
            new = derived.get(brief.id)
            if new is None:
                unreadable.append(brief.id)
                continue
            topics_differ = new.topics != brief.topics
            stems_differ = new.search_stems != brief.search_stems
            topics, stems = topics + topics_differ, stems + stems_differ
            if topics_differ or stems_differ:
                changed[brief.id] = (brief.language, new)
        if changed and not dry_run:
            async with sessions() as session, session.begin():
                await BriefDerivedRepository(session).store(changed)
        report.read += len(briefs)
        report.topics += topics
        report.stems += stems
        report.changed += len(changed)
        report.skipped += len(unreadable)
        report.skipped_ids += unreadable[: _SKIPPED_SHOWN - len(report.skipped_ids)]
        after = briefs[-1].id
        if progress is not None:
            progress(report)
