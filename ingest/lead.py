"""The summary of a brief with no sentence to extract: its leading lines.

A table of results or a list of headlines holds no full sentence for the summarizer to
choose, yet it is news a reader wants. Rather than refuse it, the brief is stored with its
first lines (those holding a letter or a digit: a table's ``|---|`` rule is skipped) as its
summary, each on one line and cut at a word past :data:`LINE_CHARS`.
"""

from __future__ import annotations

import re

__all__ = ["LINE_CHARS", "leading_lines"]

LINE_CHARS = 300
_CONTENT = re.compile(r"\w")
_TABLE_RULE = re.compile(r"^[\s|:+=-]*$")


def leading_lines(text: str, count: int) -> list[str]:
    """The first ``count`` lines of ``text`` that say something, whitespace squashed."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not _CONTENT.search(line) or _TABLE_RULE.match(line):
            continue
        if len(line) > LINE_CHARS:
            line = line[: LINE_CHARS + 1].rsplit(" ", 1)[0][:LINE_CHARS] + "…"
        lines.append(line)
        if len(lines) == count:
            break
    return lines
