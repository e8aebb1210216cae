"""BriefRank: the project's default ranker for news briefs.

1. Each sentence becomes a bag of content terms: its lower-cased words minus sumy's
   English stop words, each counted twice, once as written and once as its Snowball stem.
   So morphological variants ("profit"/"profits") still match, but an exact match counts
   more than a stem-only one. Term counts are damped (log(1 + tf)) and rows L2-normalised.
2. Centrality: PageRank over the cosine-similarity graph of the sentences (continuous
   LexRank, no threshold, no IDF; within one brief the repeated words are the topic).
3. Relevance = centrality x (1 + query weight x cosine to the title) x (1 + lead weight /
   sqrt(1 + position)). Without a title the lead sentence stands in for it (and matches
   itself fully), which is the usual lead bias of news.
4. Ranking: MMR (maximal marginal relevance) over the relevance, and a sentence nearly
   identical to one already ranked (cosine >= ``duplicate_similarity``) is moved behind
   every non-duplicate, so repeats never crowd the top of the ranking.

Everything is a few numpy matrix products: no Python loop over sentence pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

import numpy as np
import numpy.typing as npt

from summarizer.algorithms.sumy_rankers import stem, stop_words
from summarizer.segmentation import tokenize_words

FloatArray = npt.NDArray[np.float64]

_STEM_PREFIX = "\x00"  # keeps stems apart from surface forms in the vocabulary
_MAX_ITERATIONS = 100
_TOLERANCE = 1e-7
_DIRECT_SOLVE_MAX = 150


@lru_cache(maxsize=1 << 16)
def _content_word(word: str) -> str:
    """``word`` lower-cased, or "" for a stop word or a token without letters or digits."""
    lowered = word.lower()
    if lowered in stop_words() or not any(ch.isalnum() for ch in lowered):
        return ""
    return lowered


def content_words(text: str) -> list[str]:
    """The lower-cased words of ``text`` that are not stop words."""
    return [word for word in map(_content_word, tokenize_words(text)) if word]


def sentence_terms(sentence: str) -> list[str]:
    """The content terms of ``sentence``: each word as written and as its stem."""
    words = content_words(sentence)
    return words + [_STEM_PREFIX + stem(word) for word in words]


def _unit_vectors(bags: Sequence[Sequence[str]]) -> FloatArray:
    """Rows of log-damped, L2-normalised counts of each word and of each stem."""
    flat = list(chain.from_iterable(bags))
    words = {word: i for i, word in enumerate(dict.fromkeys(flat))}
    stems: dict[str, int] = {}
    stem_of_word = np.fromiter(
        (stems.setdefault(stem(word), len(stems)) for word in words),
        dtype=np.int64,
        count=len(words),
    )
    width = max(len(words) + len(stems), 1)
    offsets = np.repeat(np.arange(len(bags)) * width, [len(bag) for bag in bags])
    word_cols = np.fromiter(map(words.__getitem__, flat), dtype=np.int64, count=len(flat))
    cells = np.concatenate((offsets + word_cols, offsets + len(words) + stem_of_word[word_cols]))
    counts = np.bincount(cells, minlength=len(bags) * width)
    matrix = np.log1p(counts.reshape(len(bags), width).astype(np.float64))
    norms = np.sqrt(np.einsum("ij,ij->i", matrix, matrix))
    norms[norms == 0.0] = 1.0
    matrix /= norms[:, None]
    # Terms that occur in one row only cannot contribute to any similarity: drop them
    # (after normalising) so the n x n product stays cheap for long documents.
    return matrix[:, np.count_nonzero(matrix, axis=0) > 1]


def pagerank(similarity: FloatArray, damping: float) -> FloatArray:
    """Stationary scores of a random walk on the weighted similarity graph."""
    n = similarity.shape[0]
    degree = similarity.sum(axis=1)
    degree[degree == 0.0] = 1.0
    transition = (damping / degree)[None, :] * similarity.T
    teleport = (1.0 - damping) / n
    if n <= _DIRECT_SOLVE_MAX:
        # The fixed point solves (I - T) x = teleport; for small n one LAPACK call is
        # cheaper than iterating, for large n the O(n^3) solve is not.
        solved: FloatArray = np.linalg.solve(np.eye(n) - transition, np.full(n, teleport))
        return solved
    scores = np.full(n, 1.0 / n)
    for _ in range(_MAX_ITERATIONS):
        updated: FloatArray = transition @ scores + teleport
        if float(np.abs(updated - scores).sum()) < _TOLERANCE:
            return updated
        scores = updated
    return scores


class BriefRank:
    """Centrality + title/lead relevance + redundancy-aware ordering (see module doc)."""

    def __init__(
        self,
        damping: float = 0.85,
        query_weight: float = 0.25,
        lead_weight: float = 0.1,
        diversity: float = 0.1,
        duplicate_similarity: float = 0.8,
    ) -> None:
        self.damping = damping
        self.query_weight = query_weight
        self.lead_weight = lead_weight
        self.diversity = diversity
        self.duplicate_similarity = duplicate_similarity

    def relevance(
        self, sentences: Sequence[str], title: str | None = None
    ) -> tuple[FloatArray, FloatArray]:
        """Per-sentence relevance and the sentence-by-sentence cosine similarity."""
        n = len(sentences)
        bags = [content_words(s) for s in sentences]
        query = content_words(title) if title else []
        vectors = _unit_vectors([*bags, query])
        body = vectors[:n]
        similarity = body @ body.T
        np.fill_diagonal(similarity, 0.0)

        centrality = pagerank(similarity, self.damping)
        centrality /= centrality.max()
        if query:
            to_query = body @ vectors[n]
        else:
            to_query = similarity[0].copy()
            to_query[0] = 1.0
        lead = 1.0 / np.sqrt(1.0 + np.arange(n))
        relevance = (
            centrality * (1.0 + self.query_weight * to_query) * (1.0 + self.lead_weight * lead)
        )
        return relevance, similarity

    def rank(self, sentences: Sequence[str], title: str | None = None) -> list[int]:
        n = len(sentences)
        if n <= 1:
            return list(range(n))
        relevance, similarity = self.relevance(sentences, title)
        remaining = (1.0 - self.diversity) * relevance
        # Near-duplicates of a ranked sentence drop below every other sentence. The
        # penalty is monotonic in similarity, so its maximum over the ranked sentences is
        # the penalty of the closest one and can be updated with one np.maximum a step.
        deferral = float(remaining.max()) + 2.0
        penalties = self.diversity * similarity + deferral * (
            similarity >= self.duplicate_similarity
        )
        penalty = np.zeros(n)
        order: list[int] = []
        for _ in range(n):
            best = int((remaining - penalty).argmax())
            order.append(best)
            remaining[best] = -np.inf
            np.maximum(penalty, penalties[best], out=penalty)
        return order
