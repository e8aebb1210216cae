"""BriefRank: the project's default ranker for news briefs.

1. Each sentence becomes a bag of content terms: its lower-cased words minus the stop words
   of the brief's language, each counted twice, once as written and once as its Snowball
   stem (:mod:`summarizer.languages`; a language without either uses word statistics alone).
   So morphological variants ("profit"/"profits") still match, but an exact match counts
   more than a stem-only one. In a language that writes compounds as one word (German), a
   word of at least 7 letters also counts its pieces (each run of 4 letters) at about a third
   of a word's weight, so "Krebsimpfstoff" meets "Impfstoff". Term counts are damped
   (log(1 + tf)) and rows L2-normalised.
2. Centrality: PageRank over the cosine-similarity graph of the sentences (continuous
   LexRank, no threshold, no IDF; within one brief the repeated words are the topic).
3. Relevance = centrality x (1 + query weight x cosine to the title) x (1 + lead weight /
   sqrt(1 + position)). Without a title the lead sentence stands in for it (and matches
   itself fully), which is the usual lead bias of news; the less the sentences share words,
   the more it weighs (``stand_in_pull``).
4. Ranking: MMR (maximal marginal relevance) over the relevance, and a sentence nearly
   identical to one already ranked (cosine >= ``duplicate_similarity``) is moved behind
   every non-duplicate, so repeats never crowd the top of the ranking.

Everything is a few numpy matrix products: no Python loop over sentence pairs. The
per-word work (lower-casing, the stop-word test, stemming) is done once per distinct
token and remembered as an int code, so a document costs one dict lookup per token.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import chain, count

import numpy as np
import numpy.typing as npt

from summarizer.languages import DEFAULT_LANGUAGE, MAX_STEMMED_CHARS, Lexicon, lexicon
from summarizer.segmentation import tokenize_words

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_STEM_PREFIX = "\x00"  # keeps stems apart from surface forms in sentence_terms
_MAX_ITERATIONS = 100
_TOLERANCE = 1e-7
_DIRECT_SOLVE_MAX = 150
_NOT_CONTENT = -1  # the code of a stop word or a token without letters or digits
_STEM_BITS = 31  # a code is word id << _STEM_BITS | stem id (int64, ids < 2**31)
_STEM_MASK = (1 << _STEM_BITS) - 1
# Distinct tokens, plus the pieces their words hold, remembered before starting afresh.
_VOCABULARY_LIMIT = 1 << 17
# Compounds (Lexicon.compounds): a content word of at least _PIECE_MIN_CHARS characters also
# counts each of its distinct pieces (runs of _PIECE_CHARS characters), at _PIECE_WEIGHT of a
# word's count: enough for "Krebsimpfstoff" to meet "Impfstoff" and "Krebs", too little for
# pieces to outweigh words. Chosen on German (benchmarks/README.md): 4-letter pieces of words of
# 6, 7 or 8 letters and more, weighing 0.25 to 0.5, all scored above none on NTREX's headlines
# and German Wikipedia's ROUGE-1; 7 letters at 0.35 is where no measured mean falls (German
# Wikipedia's content words fall a little from 0.4 on).
_PIECE_CHARS = 4
_PIECE_MIN_CHARS = 7
_PIECE_WEIGHT = 0.35
_PIECE_PREFIX = "\x01"  # keeps pieces apart from words and stems in sentence_terms
_BLOCK_COLUMNS = 4096  # terms made dense at a time for the similarity product
# The title's stand-in (the lead sentence) weighs query_weight x overlap / the document's mean
# similarity, between 1 and _MAX_STAND_IN_PULL times query_weight: centrality built on few shared
# words says little (German's compounds, Russian's cases: NTREX's sentences share a mean cosine
# of 0.056 and 0.046 against English's 0.066), so the lead counts for more. Chosen on NTREX's
# headlines, BBC without titles and the German Wikipedia and French Wikinews leads, side by
# side (benchmarks/README.md): 0.1 and 3 closes German's gap to English with BBC's ROUGE-1
# 0.001 lower; a fixed weight of 1.5 or 2 times costs BBC as much or more and helps less.
_STAND_IN_OVERLAP = 0.1
_MAX_STAND_IN_PULL = 3.0


def _content_word(word: str, words: Lexicon) -> str:
    """``word`` lower-cased, or "" for a stop word or a token without letters or digits."""
    lowered = words.content_form(word.lower())
    if lowered in words.stop_words or not any(map(str.isalnum, lowered)):
        return ""
    return lowered


def content_words(text: str, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """The lower-cased words of ``text`` that are not stop words of ``language``."""
    words = lexicon(language)
    return [word for word in (_content_word(t, words) for t in tokenize_words(text)) if word]


def pieces(word: str) -> list[str]:
    """The distinct runs of ``_PIECE_CHARS`` characters of a long ``word``; none if short, or
    if longer than any word (a hostile brief's 100,000-letter token would add as many)."""
    if not _PIECE_MIN_CHARS <= len(word) <= MAX_STEMMED_CHARS:
        return []
    starts = range(len(word) - _PIECE_CHARS + 1)
    return list(dict.fromkeys(word[start : start + _PIECE_CHARS] for start in starts))


def sentence_terms(sentence: str, language: str = DEFAULT_LANGUAGE) -> dict[str, float]:
    """The content terms of ``sentence`` and their counts: each word as written and as its
    stem, and in a compounding language each long word's pieces at ``_PIECE_WEIGHT`` each.

    The plain statement of what ``BriefRank`` counts (it codes terms as ints instead).
    """
    words = content_words(sentence, language)
    terms: dict[str, float] = {}
    for word in words:
        for term in (word, _STEM_PREFIX + lexicon(language).stem(word)):
            terms[term] = terms.get(term, 0.0) + 1.0
        if lexicon(language).compounds:
            for piece in (_PIECE_PREFIX + piece for piece in pieces(word)):
                terms[piece] = terms.get(piece, 0.0) + _PIECE_WEIGHT
    return terms


class _Vocabulary(dict[str, int]):
    """Token -> code: word id << 31 | stem id of its content word, or ``_NOT_CONTENT``.

    Ids are never reused within one vocabulary, so equal codes mean equal content words
    and equal stem ids mean equal stems. Unknown tokens are coded on first lookup.
    """

    def __init__(self, language: str) -> None:
        super().__init__()
        self._lexicon = lexicon(language)
        self.compounds = self._lexicon.compounds
        self._words: dict[str, int] = {}
        self._stems: dict[str, int] = {}
        self._pieces: dict[str, int] = {}
        # Word id -> the ids of its distinct letter pieces (a compounding language's only).
        self.word_pieces: dict[int, tuple[int, ...]] = {}
        self.size = 0  # tokens plus the pieces of their words: what the limit bounds
        self._ids = count()  # next() is atomic: safe without a lock

    def __missing__(self, token: str) -> int:
        word = _content_word(token, self._lexicon)
        if word:
            word_id = self._words.setdefault(word, next(self._ids))
            stem_id = self._stems.setdefault(self._lexicon.stem(word), next(self._ids))
            code = word_id << _STEM_BITS | stem_id
            if self.compounds and word_id not in self.word_pieces:
                self.word_pieces[word_id] = self._piece_ids(word)
                self.size += len(self.word_pieces[word_id])
        else:
            code = _NOT_CONTENT
        self[token] = code
        self.size += 1
        return code

    def _piece_ids(self, word: str) -> tuple[int, ...]:
        return tuple(self._pieces.setdefault(piece, next(self._ids)) for piece in pieces(word))


_vocabularies: dict[str, _Vocabulary] = {}


def _vocabulary(language: str) -> _Vocabulary:
    """The language's shared vocabulary; a fresh one once it holds too many tokens and pieces.

    A document is encoded with one vocabulary object, so its codes stay consistent.
    """
    vocabulary = _vocabularies.get(language)
    if vocabulary is None or vocabulary.size > _VOCABULARY_LIMIT:
        vocabulary = _vocabularies[language] = _Vocabulary(language)
    return vocabulary


def _cosines(texts: Sequence[str], language: str, compound_pieces: bool) -> tuple[FloatArray, bool]:
    """The cosine similarity of every two of ``texts`` (their term rows: see the module doc),
    and whether the last text has any content term at all. ``compound_pieces``: count a
    compounding language's pieces.
    """
    tokens = [tokenize_words(text) for text in texts]
    vocabulary = _vocabulary(language)
    codes = np.fromiter(
        map(vocabulary.__getitem__, chain.from_iterable(tokens)), np.int64, sum(map(len, tokens))
    )
    rows = np.repeat(np.arange(len(texts)), list(map(len, tokens)))
    content = codes != _NOT_CONTENT
    codes, rows = codes[content], rows[content]
    # Word, stem and piece ids come from one counter, so each id names one term.
    word_ids = codes >> _STEM_BITS
    term_rows, terms = [rows, rows], [word_ids, codes & _STEM_MASK]
    weights = [np.ones(2 * len(codes))]
    if compound_pieces and vocabulary.compounds:
        found = [vocabulary.word_pieces[word] for word in word_ids.tolist()]
        term_rows.append(np.repeat(rows, list(map(len, found))))
        terms.append(np.fromiter(chain.from_iterable(found), np.int64, len(term_rows[-1])))
        weights.append(np.full(len(terms[-1]), _PIECE_WEIGHT))
    return _cosine_matrix(
        np.concatenate(term_rows), np.concatenate(terms), np.concatenate(weights), len(texts)
    )


def _cosine_matrix(
    rows: IntArray, terms: IntArray, weights: FloatArray, height: int
) -> tuple[FloatArray, bool]:
    """Cosines of the rows' vectors of log(1 + count) per term, and whether the last row has
    any term. ``(rows[i], terms[i])`` is one occurrence, counting ``weights[i]``.

    Only the (row, term) cells that occur are counted, and a term found in one row only is
    left out of the product (it adds to its row's norm, to no similarity): a long document
    has many. The product is summed over blocks of ``_BLOCK_COLUMNS`` terms, so no dense
    row x term table is built: one took 1.4 GB for a 2,871-sentence German article.
    """
    names, column = np.unique(terms, return_inverse=True)
    width = len(names)
    cells, cell_of = np.unique(rows * width + column, return_inverse=True)
    values = np.log1p(np.bincount(cell_of, weights))
    cell_row, cell_column = np.divmod(cells, width)
    norms = np.sqrt(np.bincount(cell_row, values * values, height))
    last_has_terms = bool(norms[-1] > 0.0)
    norms[norms == 0.0] = 1.0
    shared = np.bincount(cell_column, minlength=width) > 1
    keep = shared[cell_column]
    # The cells of shared terms, by their term's place among the shared terms.
    place = (np.cumsum(shared) - 1)[cell_column[keep]]
    order = np.argsort(place, kind="stable")
    place, row = place[order], cell_row[keep][order]
    unit = (values[keep] / norms[cell_row[keep]])[order]
    similarity = np.zeros((height, height))
    columns = int(np.count_nonzero(shared))
    starts = range(0, columns, _BLOCK_COLUMNS)
    bounds = np.searchsorted(place, [*starts, columns])
    for start, low, high in zip(starts, bounds, bounds[1:], strict=False):
        block = np.zeros((height, min(_BLOCK_COLUMNS, columns - start)))
        block[row[low:high], place[low:high] - start] = unit[low:high]
        similarity += block @ block.T
    return similarity, last_has_terms


@lru_cache(maxsize=256)
def _lead_boost(n: int, lead_weight: float) -> FloatArray:
    """1 + lead weight / sqrt(1 + position), for positions 0..n-1 (read-only)."""
    boost: FloatArray = 1.0 + lead_weight * (1.0 / np.sqrt(1.0 + np.arange(n)))
    boost.flags.writeable = False
    return boost


def stand_in_pull(similarity: FloatArray, overlap: float) -> float:
    """How many times ``query_weight`` the lead weighs as the title's stand-in: ``overlap`` /
    the mean similarity of two different sentences, between 1 and ``_MAX_STAND_IN_PULL``
    (1 when ``overlap`` is 0: a fixed weight, as before 2026-12-05)."""
    n: int = similarity.shape[0]
    if overlap <= 0.0 or n < 2:
        return 1.0
    mean = float(similarity.sum()) / (n * (n - 1))  # the diagonal is 0
    if mean * _MAX_STAND_IN_PULL <= overlap:
        return _MAX_STAND_IN_PULL
    return max(1.0, overlap / mean)


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
        language: str = DEFAULT_LANGUAGE,
        compound_pieces: bool = True,
        stand_in_overlap: float = _STAND_IN_OVERLAP,
    ) -> None:
        self.language = language
        # False: a compounding language's words are matched on words and stems alone, as
        # before pieces (benchmarks/language_summaries.py measures both side by side).
        self.compound_pieces = compound_pieces
        # 0: the title's stand-in weighs query_weight whatever the overlap (stand_in_pull).
        self.stand_in_overlap = stand_in_overlap
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
        cosines, title_has_terms = _cosines(
            [*sentences, title or ""], self.language, self.compound_pieces
        )
        similarity = np.ascontiguousarray(cosines[:n, :n])
        np.fill_diagonal(similarity, 0.0)

        centrality = pagerank(similarity, self.damping)
        centrality /= centrality.max()
        query_weight = self.query_weight
        if title_has_terms:
            to_query = cosines[:n, n]
        else:
            to_query = similarity[0].copy()
            to_query[0] = 1.0
            query_weight *= stand_in_pull(similarity, self.stand_in_overlap)
        relevance = centrality * (1.0 + query_weight * to_query) * _lead_boost(n, self.lead_weight)
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
        scores = np.empty(n)
        order: list[int] = []
        for _ in range(n):
            best = int(np.subtract(remaining, penalty, out=scores).argmax())
            order.append(best)
            remaining[best] = -np.inf
            np.maximum(penalty, penalties[best], out=penalty)
        return order
