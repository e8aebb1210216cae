"""Summarization algorithms by name.

Factories import their algorithm on first use, so reading the names (as settings
validation does) costs nothing: sumy pulls in NLTK, which takes a second to import.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache, partial
from types import MappingProxyType

from summarizer.algorithms.base import Ranker
from summarizer.languages import DEFAULT_LANGUAGE

DEFAULT_ALGORITHM = "briefrank"
SUMY_ALGORITHM_NAMES = (
    "edmundson",
    "kl",
    "lexrank",
    "lsa",
    "luhn",
    "reduction",
    "sumbasic",
    "textrank",
)


class UnknownAlgorithmError(ValueError):
    """Raised for an algorithm name that is not registered."""


def _briefrank(language: str) -> Ranker:
    from summarizer.algorithms.briefrank import BriefRank

    return BriefRank(language=language)


def _lead(language: str) -> Ranker:
    from summarizer.algorithms.sumy_rankers import LeadRanker

    return LeadRanker()


def _sumy(name: str, language: str) -> Ranker:
    from summarizer.algorithms.sumy_rankers import make_sumy_ranker

    return make_sumy_ranker(name, language=language)


# Name -> factory of the ranker for a language (ISO 639-1).
ALGORITHMS: Mapping[str, Callable[[str], Ranker]] = MappingProxyType(
    {
        "briefrank": _briefrank,
        "lead": _lead,
        **{name: partial(_sumy, name) for name in SUMY_ALGORITHM_NAMES},
    }
)


def algorithm_names() -> list[str]:
    """The registered names, sorted."""
    return sorted(ALGORITHMS)


@cache
def get_ranker(name: str, language: str = DEFAULT_LANGUAGE) -> Ranker:
    """The (shared, stateless) ranker registered as ``name``, for briefs in ``language``."""
    try:
        factory = ALGORITHMS[name]
    except KeyError:
        valid = ", ".join(algorithm_names())
        raise UnknownAlgorithmError(
            f"unknown summarization algorithm {name!r}; choose one of: {valid}"
        ) from None
    return factory(language)
