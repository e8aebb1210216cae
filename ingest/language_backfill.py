"""Detect and store the language of briefs stored without one (before migration 0011).

A batch at a time in id order: read ``batch`` briefs whose ``language`` is NULL, detect each
one's language as ingest does (:func:`ingest.languages.brief_language`, off the event loop)
and the search stems of one in a stemmed language (:mod:`storage.search_stems`),
store them in one transaction, go on after the batch's last id. Each batch commits on its
own, so an interrupted run keeps what it did and the next run starts with what is left. A
brief whose text has no letters stays NULL (it is passed over, not read again in that run).
``dry_run`` detects and counts but stores nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingest.languages import brief_language
from ingest.threads import off_loop
from storage.repositories.brief_languages import BriefLanguageRepository
from storage.search_stems import brief_stems

DEFAULT_BATCH = 500


@dataclass
class BackfillReport:
    """What a backfill found (and, unless a dry run, stored)."""

    read: int = 0
    stored: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    undetected: int = 0

    def summary_line(self, *, dry_run: bool) -> str:
        """``stored the language of 3 of 4 briefs without one (en 2, hi 1); 1 ...``."""
        found = ", ".join(f"{code} {count}" for code, count in sorted(self.languages.items()))
        done = f"would store the language of {self.languages.total()}" if dry_run else (
            f"stored the language of {self.stored}"
        )
        return (
            f"{done} of {self.read} briefs without one ({found or 'none'}); "
            f"{self.undetected} without letters stay NULL"
        )


def _detect(
    rows: Sequence[tuple[int, str]], pinned: str | None
) -> tuple[dict[int, str | None], dict[int, str]]:
    """Each brief's language, and the search stems of those in a stemmed language (CPU)."""
    languages = {brief_id: brief_language(text, pinned) for brief_id, text in rows}
    stems = {
        brief_id: found
        for brief_id, text in rows
        if (found := brief_stems(text, languages[brief_id])) is not None
    }
    return languages, stems


async def backfill_languages(
    sessions: async_sessionmaker[AsyncSession],
    *,
    batch: int = DEFAULT_BATCH,
    dry_run: bool = False,
    pinned: str | None = None,
    progress: Callable[[BackfillReport], None] | None = None,
) -> BackfillReport:
    """Store the detected language of every brief that has none (see the module docstring)."""
    report = BackfillReport()
    after = 0
    while True:
        async with sessions() as session, session.begin():
            rows = await BriefLanguageRepository(session).without_language(after, batch)
        if not rows:
            return report
        found, stems = await off_loop(_detect, rows, pinned)
        detected = {brief_id: code for brief_id, code in found.items() if code is not None}
        if detected and not dry_run:
            async with sessions() as session, session.begin():
                repository = BriefLanguageRepository(session)
                report.stored += await repository.store(detected)
                await repository.store_stems(stems)
        report.read += len(rows)
        report.languages.update(detected.values())
        report.undetected += len(rows) - len(detected)
        after = rows[-1][0]
        if progress is not None:
            progress(report)
