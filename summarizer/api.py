"""The summarizer's public API: a brief's text in, a few of its own sentences out."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from summarizer.coherence import leans_back
from summarizer.document import ParsedBrief, parse_brief
from summarizer.languages import DEFAULT_LANGUAGE, detect_language
from summarizer.refusals import NothingToExtract as NothingToExtract
from summarizer.refusals import SummaryInputError as SummaryInputError
from summarizer.registry import DEFAULT_ALGORITHM, get_ranker
from summarizer.segmentation import tokenize_words

DEFAULT_SENTENCES = 3
MIN_WORDS = 8
MAX_TEXT_CHARS = 1_000_000
# Rankers hold n x n similarity matrices: 2,871 sentences of German articles (40,000 words
# and stems) take about 2.5 s and 340 MB (process peak) with briefrank, 11,000 took 26 s and 4 GB.
MAX_SENTENCES = 3_000
# Two sentences sharing this share of the smaller one's words say the same thing.
NEAR_DUPLICATE_OVERLAP = 0.8
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# JSON's "\ud800" escapes decode to lone surrogates, which no output encoding can write.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class SummaryRequest:
    """Everything one summary needs; picklable, so it can cross into a worker process."""

    text: str
    title: str | None = None
    sentences: int | None = None
    ratio: float | None = None
    max_chars: int | None = None
    algorithm: str = DEFAULT_ALGORITHM
    # ISO 639-1; None: detected from the text.
    language: str | None = None
    # Sentences the caller will not show (one that merely repeats the brief's title).
    skip: tuple[str, ...] = ()


def summarize(
    text: str,
    *,
    title: str | None = None,
    sentences: int | None = None,
    ratio: float | None = None,
    max_chars: int | None = None,
    algorithm: str = DEFAULT_ALGORITHM,
    language: str | None = None,
    skip: Collection[str] = (),
) -> list[str]:
    """Return verbatim sentences of ``text``, in document order, within every bound given.

    ``language`` (ISO 639-1, e.g. ``hi``) chooses the sentence rules, stop words and stemmer;
    ``None`` detects it from the text (:func:`summary_language`).

    The title (or else the text's first heading) tells the algorithm what the brief is about.
    Bounds combine: at most ``sentences`` sentences, at most ``ceil(ratio * n)`` of the
    ``n`` candidate sentences, and at most ``max_chars`` characters when the sentences are
    joined by single spaces. With no bound at all, ``DEFAULT_SENTENCES`` applies.

    A sentence in ``skip`` (a lede the title repeats, which the reader reads as the title) is
    never chosen, unless nothing else is left; the summary is chosen without it, so a sentence
    that leans on the one before it still never opens it.
    """
    _check_bounds(sentences, ratio, max_chars)
    get_ranker(algorithm)  # an unknown name fails before any other work
    language = language or summary_language(text)
    ranker = get_ranker(algorithm, language)
    parsed = parse_summarizable(text, language)
    candidates = parsed.sentences
    if title is None and parsed.headings:
        title = parsed.headings[0]
    limit = _sentence_limit(len(candidates), sentences, ratio, max_chars)
    ranking = ranker.rank(candidates, title)
    shown = [index for index in ranking if candidates[index] not in skip]
    chosen = select_sentences(candidates, shown or ranking, limit, max_chars, language=language)
    if not chosen:
        raise SummaryInputError(
            "no sentence of this text fits in {limit} characters", limit=f"{max_chars:,}"
        )
    return [candidates[index] for index in sorted(chosen)]


def summarize_request(request: SummaryRequest) -> list[str]:
    """``summarize`` for a ``SummaryRequest``; the unit of work of the process pool."""
    return summarize(
        request.text,
        title=request.title,
        sentences=request.sentences,
        ratio=request.ratio,
        max_chars=request.max_chars,
        algorithm=request.algorithm,
        language=request.language,
        skip=request.skip,
    )


def summary_language(text: str) -> str:
    """The language ``text`` is detected to be in, English when it cannot be told."""
    if not isinstance(text, str):
        return DEFAULT_LANGUAGE
    return detect_language(text) or DEFAULT_LANGUAGE


def _has_words(sentences: Sequence[str], needed: int) -> bool:
    """Whether ``sentences`` hold ``needed`` words; counts only as far as it must (the ranker
    tokenizes every sentence again)."""
    total = 0
    for sentence in sentences:
        total += len(tokenize_words(sentence))
        if total >= needed:
            return True
    return False


def parse_summarizable(text: str, language: str | None = None) -> ParsedBrief:
    """Parse ``text`` into candidate sentences, after checking it can be summarized."""
    if not isinstance(text, str):
        raise SummaryInputError("expected text, got {kind}", kind=type(text).__name__)
    if "\x00" in text or len(_CONTROL_CHARS.findall(text)) > max(8, len(text) // 100):
        raise SummaryInputError("input is not text (it holds binary control characters)")
    if _LONE_SURROGATE.search(text):
        raise SummaryInputError("input is not valid Unicode (it holds a lone surrogate)")
    if len(text) > MAX_TEXT_CHARS:
        raise SummaryInputError(
            "text is too large: {size} characters, cap {cap}",
            size=f"{len(text):,}",
            cap=f"{MAX_TEXT_CHARS:,}",
        )
    if not text.strip():
        raise SummaryInputError("text is empty")
    parsed = parse_brief(text, language)
    if not _has_words(parsed.sentences, MIN_WORDS):
        raise NothingToExtract(
            "text is too short to summarize: it needs at least one full sentence and {words} words",
            words=str(MIN_WORDS),
        )
    if len(parsed.sentences) > MAX_SENTENCES:
        raise SummaryInputError(
            "text is too long: {count} sentences, cap {cap}",
            count=f"{len(parsed.sentences):,}",
            cap=f"{MAX_SENTENCES:,}",
        )
    return parsed


def _check_bounds(sentences: int | None, ratio: float | None, max_chars: int | None) -> None:
    if sentences is not None and sentences < 1:
        raise SummaryInputError("sentences must be at least 1")
    if ratio is not None and not 0 < ratio <= 1:
        raise SummaryInputError("ratio must be in (0, 1]")
    if max_chars is not None and max_chars < 1:
        raise SummaryInputError("max_chars must be at least 1")


def _sentence_limit(
    available: int, sentences: int | None, ratio: float | None, max_chars: int | None
) -> int:
    limits = [available]
    if sentences is not None:
        limits.append(sentences)
    if ratio is not None:
        limits.append(max(1, math.ceil(ratio * available)))
    if sentences is None and ratio is None and max_chars is None:
        limits.append(DEFAULT_SENTENCES)
    return min(limits)


def select_sentences(
    candidates: Sequence[str],
    ranking: Sequence[int],
    limit: int,
    max_chars: int | None = None,
    *,
    coherent: bool = True,
    language: str | None = None,
) -> list[int]:
    """Walk the ranking, skipping near-duplicates and sentences that overflow the budget.

    With ``coherent`` a sentence that leans on the one before it
    (:func:`summarizer.coherence.leans_back`, in ``language``'s words) is taken only once that
    sentence, or any earlier one, has been taken, so it never opens the summary; it waits (in
    rank order) until then. Should no other sentence fit at all, the plain walk's choice stands.
    """
    chosen: list[int] = []
    chosen_words: list[set[str]] = []
    used_chars = 0
    waiting: list[int] = []  # leaning sentences, in rank order, not yet preceded by a chosen one

    def take(index: int) -> bool:
        nonlocal used_chars
        sentence = candidates[index]
        cost = len(sentence) + (1 if chosen else 0)
        if max_chars is not None and used_chars + cost > max_chars:
            return False
        words = {word.lower() for word in tokenize_words(sentence)}
        if any(_overlap(words, other) >= NEAR_DUPLICATE_OVERLAP for other in chosen_words):
            return False
        chosen.append(index)
        chosen_words.append(words)
        used_chars += cost
        return True

    for index in ranking:
        if len(chosen) == limit:
            break
        leaning = coherent and index > 0 and leans_back(candidates[index], language)
        if leaning and (not chosen or index < min(chosen)):
            waiting.append(index)
            continue
        if take(index) and waiting:
            # A sentence just taken may be the one a waiting sentence needed before it.
            first = min(chosen)
            for held in [held for held in waiting if held > first]:
                waiting.remove(held)
                if len(chosen) < limit:
                    take(held)
    if coherent and not chosen:
        return select_sentences(
            candidates, ranking, limit, max_chars, coherent=False, language=language
        )
    return chosen


def _overlap(first: set[str], second: set[str]) -> float:
    smaller = min(len(first), len(second))
    return len(first & second) / smaller if smaller else 1.0
