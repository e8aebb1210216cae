"""A brief's language: pinned by the settings or detected, and carried from summary to row.

The language decides how the summarizer splits and ranks a brief (its sentence rules, stop
words and stemmer; see :mod:`summarizer.languages`) and is stored as ``briefs.language``
(ISO 639-1). ``BRIEFBOT_SUMMARY_LANGUAGE`` pins one language for every brief; unset, each
brief's language is detected from its text. Briefs stored before migration 0009, and briefs
whose summarizer did not say, have no language (``NULL``).
"""

from __future__ import annotations

from collections.abc import Iterable

from summarizer.languages import detect_language

__all__ = ["LanguageSummary", "brief_language"]


class LanguageSummary(list[str]):
    """Summary sentences, and the language (ISO 639-1) they were chosen in."""

    def __init__(self, sentences: Iterable[str], language: str | None) -> None:
        super().__init__(sentences)
        self.language = language


def brief_language(text: str, pinned: str | None) -> str | None:
    """``pinned`` if set, else the language detected in ``text`` (CPU: run it off the loop)."""
    return pinned or detect_language(text)
