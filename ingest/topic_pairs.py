"""Terms of two to four words in scripts without capitals (Hindi, Arabic, Hebrew ...), for
:mod:`ingest.topics`.

Where no capital tells a name, each word was a topic of its own: a Hindi brief on North Korea
gave ``उत्तर`` ("north") and ``कोरिया`` ("Korea"), one on Long Lartin prison ``लॉन्ग`` and
``लार्टिन``. Two such words written side by side (no function word, no punctuation between)
are one term where the text names them so again and again: the pair stands at least
:data:`MIN_PAIR_COUNT` times and in at least half the places either word does, so ``उत्तर
कोरिया`` is one (and three or four words so paired are one: ``संयुक्त कार्य समूह``), while
``भारी बारिश`` ("heavy rain") written twice in a brief that says ``बारिश`` five times leaves
the rain its own count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

__all__ = ["MAX_RUN_WORDS", "MIN_PAIR_COUNT", "is_uncased", "runs_to_join"]

MIN_PAIR_COUNT = 2
# A term's words at most: longer runs part (as a capitalised name of more words does).
MAX_RUN_WORDS = 4


def is_uncased(token: str) -> bool:
    """Whether ``token`` is a word of a script without capitals."""
    return token.lower() == token.upper() and any(c.isalpha() for c in token)


def runs_to_join(
    adjacent: Sequence[tuple[int, int]], keys: Sequence[str]
) -> list[tuple[int, ...]]:
    """Of ``adjacent`` (positions in ``keys`` of two words written side by side, in text
    order), the runs of positions to count as one term: each two neighbours a pair the text
    writes so again and again (:data:`MIN_PAIR_COUNT`, half of either word's places), at most
    :data:`MAX_RUN_WORDS` words ("संयुक्त कार्य समूह", Joint Working Group)."""
    singles = Counter(keys)
    together = Counter((keys[first], keys[second]) for first, second in adjacent)
    runs: list[list[int]] = []
    for first, second in adjacent:
        pair = (keys[first], keys[second])
        count = together[pair]
        if count < MIN_PAIR_COUNT or 2 * count < max(singles[pair[0]], singles[pair[1]]):
            continue
        if pair[0] == pair[1]:
            continue  # a word said twice ("बहुत बहुत")
        if runs and runs[-1][-1] == first and len(runs[-1]) < MAX_RUN_WORDS:
            runs[-1].append(second)
        elif not runs or runs[-1][-1] != first:
            runs.append([first, second])
    return [tuple(run) for run in runs]
