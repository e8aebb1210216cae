"""A source's include and exclude phrases, and whether a brief passes them.

Phrases are words or runs of words, never patterns: ``israel``, ``air force``. A brief
passes when it holds at least one include phrase (or the source has none) and no exclude
phrase, looked for in its title and text as whole words, ignoring case and diacritics
(``Zürich`` matches ``zurich``), so ``art`` never matches ``party``; a word also matches the
brief's words of the same Snowball stem in the brief's detected language, as ``/follow`` and
``/topic`` do (``беспилотник`` matches ``беспилотники``, ``सैनिक`` ``सैनिकों``). Words are
read as search reads them (``storage.search.WORD``): the marks inside a word belong to it, so
the Hindi ``सेना`` (army) is one word and never matches ``सोना`` (gold); zero-width joiners,
which only shape how a word is drawn, are dropped. A brief that fails is still stored; it is
only held back from digests and alerts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ingest.phrases import Phrase
from storage.diacritics import fold_diacritics
from storage.search import WORD
from summarizer.languages import detect_language, lexicon

__all__ = ["MAX_PHRASES", "MAX_PHRASE_CHARS", "SourceFilter", "parse_phrases"]

MAX_PHRASES = 50  # per list
MAX_PHRASE_CHARS = 100
_JOINERS = dict.fromkeys(map(ord, "\u200c\u200d"))


class FilterError(ValueError):
    """Phrases that cannot be a filter; the message is one line."""


def _words(text: str) -> list[str]:
    folded = fold_diacritics(unicodedata.normalize("NFKD", text.casefold()))
    return WORD.findall(folded.translate(_JOINERS))


def parse_phrases(text: str) -> list[str]:
    """Comma-separated phrases, each squashed to its words; refused with one line if unusable."""
    phrases: list[str] = []
    for raw in text.split(","):
        phrase = " ".join(raw.split())
        if not phrase:
            continue
        if len(phrase) > MAX_PHRASE_CHARS:
            raise FilterError(
                Phrase(
                    "a phrase is too long: {size} characters, cap {cap}",
                    size=len(phrase),
                    cap=MAX_PHRASE_CHARS,
                )
            )
        if not _words(phrase):
            raise FilterError(Phrase("{phrase} has no word to look for", phrase=repr(phrase)))
        if phrase.casefold() not in (p.casefold() for p in phrases):
            phrases.append(phrase)
    if not phrases:
        raise FilterError(Phrase("no phrase given (separate several with commas)"))
    if len(phrases) > MAX_PHRASES:
        raise FilterError(
            Phrase("too many phrases: {count}, cap {cap}", count=len(phrases), cap=MAX_PHRASES)
        )
    return phrases


@dataclass(frozen=True)
class SourceFilter:
    """The phrases one source's briefs must (any) and must not (none) contain."""

    include: Sequence[str] = ()
    exclude: Sequence[str] = ()

    @property
    def active(self) -> bool:
        return bool(self.include or self.exclude)

    def passes(self, title: str | None, text: str) -> bool:
        """Does a brief with this title and text pass (see the module docstring)?"""
        if not self.active:
            return True
        words = _words(title or "") + _words(text)
        stem = lexicon(detect_language(text)).stem
        haystack = _Haystack(
            " " + " ".join(words) + " ", " " + " ".join(map(stem, words)) + " ", stem
        )
        return (not self.include or haystack.holds_any(self.include)) and not (
            haystack.holds_any(self.exclude)
        )


@dataclass(frozen=True)
class _Haystack:
    """A brief's words as written and as stemmed in its language, each run between spaces."""

    words: str
    stems: str
    stem: Callable[[str], str]

    def holds_any(self, phrases: Iterable[str]) -> bool:
        """Whether any of ``phrases`` is in the brief, word for word or stem for stem."""
        for phrase in phrases:
            words = _words(phrase)
            if f" {' '.join(words)} " in self.words:
                return True
            stems = [self.stem(word) for word in words]
            if all(stems) and f" {' '.join(stems)} " in self.stems:
                return True
        return False
