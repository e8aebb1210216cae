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
from typing import Any, Protocol

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from summarizer.languages import DEFAULT_LANGUAGE, Lexicon, lexicon
from summarizer.segmentation import BriefTokenizer

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


def _plain(summarizer_class: Any) -> Callable[[Lexicon], Any]:
    def make(words: Lexicon) -> Any:
        summarizer = summarizer_class(words.stem)
        summarizer.stop_words = words.stop_words
        return summarizer

    return make


def _edmundson(words: Lexicon) -> EdmundsonSummarizer:
    # cue + title + location (Edmundson's preferred combination); the key method is
    # off because without a corpus its "bonus words" would just repeat the cue list.
    # The cue words are English: in other languages the cue method finds none.
    summarizer = EdmundsonSummarizer(
        words.stem, cue_weight=1.0, key_weight=0.0, title_weight=1.0, location_weight=1.0
    )
    summarizer.bonus_words = EDMUNDSON_BONUS_WORDS
    summarizer.stigma_words = EDMUNDSON_STIGMA_WORDS
    # Null words are ignored when matching title words: the stop words.
    summarizer.null_words = words.stop_words
    return summarizer


_SUMMARIZERS: dict[str, Callable[[Lexicon], Any]] = {
    "lexrank": _plain(LexRankSummarizer),
    "textrank": _plain(TextRankSummarizer),
    "lsa": _plain(LsaSummarizer),
    "luhn": _plain(LuhnSummarizer),
    "kl": _plain(KLSummarizer),
    "sumbasic": _plain(SumBasicSummarizer),
    "reduction": _plain(ReductionSummarizer),
    "edmundson": _edmundson,
}

SUMY_ALGORITHMS: tuple[str, ...] = tuple(_SUMMARIZERS)


def make_sumy_ranker(
    name: str, tokenizer: SumyTokenizer | None = None, language: str = DEFAULT_LANGUAGE
) -> SumyRanker:
    """A ranker for sumy algorithm ``name`` (one of :data:`SUMY_ALGORITHMS`) in ``language``."""
    summarizer = _SUMMARIZERS[name](lexicon(language))
    return SumyRanker(summarizer, tokenizer, use_title=name == "edmundson")
