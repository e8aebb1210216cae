"""Adapters that turn sumy's summarizers into :class:`Ranker` objects.

sumy's ``summarizer(document, count)`` only returns the chosen sentences. Every sumy
algorithm funnels its choice through ``AbstractSummarizer._get_best_sentences``, which
stably sorts sentences by rating (best first) and then applies ``count`` to that list;
``count`` may be any callable. We pass a callable that records the sorted list, so the
ranking is sumy's own ordering and its top k is exactly what sumy picks for ``count=k``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Protocol

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from summarizer.segmentation import BriefTokenizer

LANGUAGE = "english"

# Edmundson's cue method needs a dictionary of bonus ("significant", "crucial") and stigma
# (hedges, belittling words) words. Edmundson derived his from a corpus; we have none, so
# these are small generic English lists, not tuned on any data set.
EDMUNDSON_BONUS_WORDS = frozenset(
    {
        "important",
        "significant",
        "crucial",
        "key",
        "major",
        "main",
        "principal",
        "essential",
        "primary",
        "first",
        "new",
        "announced",
        "agreed",
        "signed",
        "approved",
        "launched",
        "decided",
        "confirmed",
    }
)
EDMUNDSON_STIGMA_WORDS = frozenset(
    {
        "perhaps",
        "maybe",
        "possibly",
        "hardly",
        "somewhat",
        "reportedly",
        "allegedly",
        "apparently",
        "meanwhile",
        "incidentally",
        "anyway",
    }
)


class SumyTokenizer(Protocol):
    """What sumy's ``Sentence`` needs from a tokenizer."""

    @property
    def language(self) -> str: ...

    def to_sentences(self, paragraph: str) -> Sequence[str]: ...

    def to_words(self, sentence: str) -> Sequence[str]: ...


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer:
    return Stemmer(LANGUAGE)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """sumy's English (Snowball) stem of ``word``, memoised: stemming dominates run time."""
    result: str = _stemmer()(word)
    return result


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """sumy's English stop words."""
    return frozenset(get_stop_words(LANGUAGE))


class _RankingCapture:
    """A ``count`` for ``_get_best_sentences`` that records sumy's sorted sentence list."""

    def __init__(self) -> None:
        self.order: list[int] | None = None

    def __call__(self, infos: list[Any]) -> list[Any]:
        self.order = [int(info.order) for info in infos]
        return infos


class SumyRanker:
    """Ranks sentences with one sumy summarizer, exactly as sumy would choose them."""

    def __init__(
        self,
        summarizer: Any,
        tokenizer: SumyTokenizer | None = None,
        use_title: bool = False,
    ) -> None:
        self.summarizer = summarizer
        # sumy's own English tokenizer needs NLTK data that we do not ship.
        self.tokenizer: SumyTokenizer = tokenizer or BriefTokenizer()
        self.use_title = use_title

    def build_document(self, sentences: Sequence[str], title: str | None = None) -> Any:
        """The sumy document whose sentences are exactly ``sentences`` (one paragraph)."""
        items = [Sentence(text, self.tokenizer) for text in sentences]
        if self.use_title and title and title.strip():
            items.insert(0, Sentence(title, self.tokenizer, is_heading=True))
        return ObjectDocumentModel([Paragraph(items)])

    def rank(self, sentences: Sequence[str], title: str | None = None) -> list[int]:
        n = len(sentences)
        if n <= 1:
            return list(range(n))
        capture = _RankingCapture()
        with warnings.catch_warnings():
            # LSA warns when a document has fewer distinct words than sentences; LexRank's
            # power method divides by zero when no two sentences share a word.
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter("ignore", RuntimeWarning)
            self.summarizer(self.build_document(sentences, title), capture)
        order = capture.order
        if order is None or sorted(order) != list(range(n)):
            # sumy returned early (e.g. LSA on a document without content words).
            return list(range(n))
        return order


class LeadRanker:
    """Document order: the lead-k baseline."""

    def rank(self, sentences: Sequence[str], title: str | None = None) -> list[int]:
        return list(range(len(sentences)))


def _with_stop_words(summarizer: Any) -> Any:
    summarizer.stop_words = stop_words()
    return summarizer


def _edmundson() -> EdmundsonSummarizer:
    # cue + title + location (Edmundson's preferred combination); the key method is
    # off because without a corpus its "bonus words" would just repeat the cue list.
    summarizer = EdmundsonSummarizer(
        stem, cue_weight=1.0, key_weight=0.0, title_weight=1.0, location_weight=1.0
    )
    summarizer.bonus_words = EDMUNDSON_BONUS_WORDS
    summarizer.stigma_words = EDMUNDSON_STIGMA_WORDS
    # Null words are ignored when matching title words: the stop words.
    summarizer.null_words = stop_words()
    return summarizer


_SUMMARIZERS: dict[str, Callable[[], Any]] = {
    "lexrank": lambda: _with_stop_words(LexRankSummarizer(stem)),
    "textrank": lambda: _with_stop_words(TextRankSummarizer(stem)),
    "lsa": lambda: _with_stop_words(LsaSummarizer(stem)),
    "luhn": lambda: _with_stop_words(LuhnSummarizer(stem)),
    "kl": lambda: _with_stop_words(KLSummarizer(stem)),
    "sumbasic": lambda: _with_stop_words(SumBasicSummarizer(stem)),
    "reduction": lambda: _with_stop_words(ReductionSummarizer(stem)),
    "edmundson": _edmundson,
}

SUMY_ALGORITHMS: tuple[str, ...] = tuple(_SUMMARIZERS)


def make_sumy_ranker(name: str, tokenizer: SumyTokenizer | None = None) -> SumyRanker:
    """A ranker for sumy algorithm ``name`` (one of :data:`SUMY_ALGORITHMS`)."""
    return SumyRanker(_SUMMARIZERS[name](), tokenizer, use_title=name == "edmundson")
