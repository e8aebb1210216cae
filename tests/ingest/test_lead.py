"""A brief with no sentence to extract is stored with its leading lines as its summary."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ingest.items import BriefCandidate
from ingest.lead import LINE_CHARS, leading_lines
from ingest.pipeline import ingest_items, pool_summarizer
from storage.models import Brief
from summarizer.pool import SummaryPool

TABLE = """| Team | Played | Points |
|---|---:|---:|
| Arsenal | 20 | 45 |
| Chelsea | 20 | 41 |
| Liverpool | 20 | 40 |
"""


def test_a_tables_rule_and_blank_lines_are_skipped() -> None:
    assert leading_lines(TABLE, 3) == [
        "| Team | Played | Points |",
        "| Arsenal | 20 | 45 |",
        "| Chelsea | 20 | 41 |",
    ]


def test_a_long_line_is_cut_at_a_word() -> None:
    [line] = leading_lines("word " * 200, 1)
    assert line.endswith("…") and len(line) <= LINE_CHARS + 1
    assert not line[:-1].endswith(" ")


async def test_a_table_is_stored_with_its_leading_lines_as_its_summary(database: Any) -> None:
    items = [BriefCandidate("table.md", TABLE, title="Premier League table")]
    with SummaryPool(workers=0) as pool:
        summarize = pool_summarizer(pool, algorithm="briefrank", sentences=2)
        report = await ingest_items(items, session_factory=database.factory, summarize=summarize)
    assert (report.stored, report.rejected) == (1, 0), report.problems
    async with database.factory() as session:
        brief = (await session.scalars(select(Brief))).one()
    assert brief.summary == ["| Team | Played | Points |", "| Arsenal | 20 | 45 |"]
