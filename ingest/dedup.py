"""Duplicate keys for briefs: an exact-content hash and MinHash/LSH fingerprints.

Normalisation (used by both keys), in order:

1. Unicode NFKC (full-width letters, ligatures and compatibility forms fold together),
2. ``casefold()`` (a stronger lowercase),
3. typographic quotes and dashes mapped to their ASCII forms, a zero-width space to a space
   (ingest keeps it between Thai, Lao, Khmer and Myanmar words, and wrote a space there
   before 2026-12-05: a brief ingested either way has the same keys),
4. split on any whitespace (so runs of spaces, tabs and line breaks count as one),
5. punctuation and symbols stripped from both edges of every word (``"story,"`` →
   ``story``; inner punctuation such as ``£1.5bn`` or ``don't`` stays), empty words dropped.

The *content hash* is SHA-256 of the normalised words joined by single spaces: two bodies
that differ only in spacing, case or edge punctuation are exact copies. The title is not
part of the hash: the same body under a new headline is the same story.

Near copies (a changed headline, an updated paragraph) are found with 5-word shingles.
Each shingle is hashed with BLAKE2b (deterministic, unlike Python's salted ``hash()``),
then 128 hash functions from the multiply-add-shift family, ``((a·x + b) mod 2^64) >> 32``
with fixed 64-bit coefficients (Dietzfelbinger's 2-independent scheme for 32-bit keys),
give a MinHash signature. The signature is cut into 32 bands of 4 rows; each band becomes
one ``(band, value)`` bucket stored next to the brief. Bodies sharing any bucket are
*candidates*; a candidate is a duplicate only when the exact Jaccard similarity of the two
shingle sets is at least :data:`NEAR_DUPLICATE_JACCARD`. With 32x4 bands a pair shares a
bucket with probability 1 - (1 - J^4)^32: 0.87 at J = 0.5, 0.99 at 0.6, 1.0 at 0.75, while
an unrelated pair (J ≈ 0.05) does so with probability 0.0002.

At most :data:`MAX_CANDIDATES` candidates are compared exactly per body: those sharing the
most buckets (the number of shared bands estimates the similarity), so a pile of stored
bodies that share a bucket (boilerplate) costs a bounded amount per new body.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS = 32
ROWS_PER_BAND = PERMUTATIONS // BANDS
# Measured closest pairs (pinned in tests/ingest/test_dedup.py): in the BBC set every
# edited copy of one article (same headline; a paragraph added, reworded or respelt) has
# Jaccard >= 0.559; the closest pair of different articles (a follow-up with a new
# headline and new quotes) 0.470, the next 0.358; PIB releases at most 0.204. 0.5 sits in
# the empty gap between 0.470 and 0.559.
NEAR_DUPLICATE_JACCARD = 0.5
# Candidates compared exactly per body. A near copy (J >= 0.5) shares on average
# 32 x J^4 >= 2 bands, an unrelated body almost never one, so the closest 64 by shared
# bands hold the true best match unless 64 others share at least as many bands with it.
MAX_CANDIDATES = 64

_Key = TypeVar("_Key", bound=Hashable)

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
        "\u200b": " ",
    }
)


def _coefficients(label: bytes) -> npt.NDArray[np.uint64]:
    """Fixed pseudo-random 64-bit coefficients (odd, as the multiply-shift scheme needs)."""
    values = [
        int.from_bytes(hashlib.blake2b(label + i.to_bytes(2, "big"), digest_size=8).digest()) | 1
        for i in range(PERMUTATIONS)
    ]
    return np.array(values, dtype=np.uint64)


_A = _coefficients(b"briefbot-minhash-a")
_B = _coefficients(b"briefbot-minhash-b")


def _is_edge_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def normalised_words(text: str) -> list[str]:
    """The words of ``text`` after the normalisation described in the module docstring."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_TYPOGRAPHIC)
    words = []
    for raw in folded.split():
        # Fast path: a letter or digit (category L or N) is never punctuation or a symbol.
        if raw[0].isalnum() and raw[-1].isalnum():
            words.append(raw)
            continue
        start, end = 0, len(raw)
        while start < end and _is_edge_char(raw[start]):
            start += 1
        while end > start and _is_edge_char(raw[end - 1]):
            end -= 1
        if start < end:
            words.append(raw[start:end])
    return words


def _hash_words(words: Sequence[str]) -> str:
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def _shingle_words(words: Sequence[str]) -> frozenset[str]:
    if len(words) <= SHINGLE_WORDS:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(
        " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
    )


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised body: equal for exact copies."""
    return _hash_words(normalised_words(text))


def shingles(text: str) -> frozenset[str]:
    """The set of 5-word shingles of the normalised body (one shingle if it is shorter)."""
    return _shingle_words(normalised_words(text))


def jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    """Exact Jaccard similarity of two shingle sets (0.0 for two empty sets)."""
    if not first and not second:
        return 0.0
    return len(first & second) / len(first | second)


def minhash_signature(shingle_set: Iterable[str]) -> npt.NDArray[np.uint64]:
    """The 64-value MinHash signature of a shingle set."""
    digests = b"".join(
        hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest() for s in shingle_set
    )
    # Each 4-byte digest read as a big-endian unsigned integer.
    hashed = np.frombuffer(digests, dtype=">u4").astype(np.uint64)
    if hashed.size == 0:
        return np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    # uint64 arithmetic wraps, which is the "mod 2^64" of the scheme.
    permuted = (np.outer(_A, hashed) + _B[:, None]) >> np.uint64(32)
    result: npt.NDArray[np.uint64] = permuted.min(axis=1)
    return result


def lsh_buckets(signature: npt.NDArray[np.uint64]) -> list[tuple[int, int]]:
    """``(band, value)`` pairs; ``value`` is a signed 63-bit int (fits a BIGINT column)."""
    buckets = []
    for band in range(BANDS):
        rows = signature[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]
        digest = hashlib.blake2b(rows.astype("<u8").tobytes(), digest_size=8).digest()
        buckets.append((band, int.from_bytes(digest, "big", signed=True) >> 1))
    return buckets


def closest_candidates(holders: Iterable[_Key]) -> list[_Key]:
    """One entry per shared bucket in, the :data:`MAX_CANDIDATES` sharing most out.

    On a tie the candidate seen first comes first.
    """
    return [candidate for candidate, _ in Counter(holders).most_common(MAX_CANDIDATES)]


@dataclass(frozen=True)
class DedupKeys:
    """Everything needed to recognise a brief again."""

    content_hash: str
    shingles: frozenset[str]
    buckets: tuple[tuple[int, int], ...]


def dedup_keys(text: str) -> DedupKeys:
    """Content hash, shingles and LSH buckets of a body."""
    words = normalised_words(text)  # once for both keys
    shingle_set = _shingle_words(words)
    return DedupKeys(
        content_hash=_hash_words(words),
        shingles=shingle_set,
        buckets=tuple(lsh_buckets(minhash_signature(shingle_set))),
    )


class DuplicateIndex:
    """An in-memory index of the same keys the database holds (for one ingest run)."""

    def __init__(self, threshold: float = NEAR_DUPLICATE_JACCARD) -> None:
        self._threshold = threshold
        self._by_hash: dict[str, object] = {}
        self._by_url: dict[str, object] = {}
        self._by_external_id: dict[str, object] = {}
        self._by_bucket: dict[tuple[int, int], list[object]] = {}
        self._shingles: dict[int, frozenset[str]] = {}
        self._refs: dict[int, object] = {}
        self._order: dict[int, int] = {}  # id(ref) -> when it was added

    def __len__(self) -> int:
        return len(self._refs)

    def find(
        self, keys: DedupKeys, url: str | None = None, external_id: str | None = None
    ) -> object | None:
        """The ref of an indexed brief this one duplicates, or ``None``."""
        for table, key in (
            (self._by_url, url),
            (self._by_external_id, external_id),
            (self._by_hash, keys.content_hash),
        ):
            if key is not None and key in table:
                return table[key]
        shared = (id(ref) for b in keys.buckets for ref in self._by_bucket.get(b, ()))
        best: tuple[object, float] | None = None
        for ident in sorted(closest_candidates(shared), key=self._order.__getitem__):
            ref = self._refs[ident]
            score = jaccard(keys.shingles, self._shingles[ident])
            if score >= self._threshold and (best is None or score > best[1]):
                best = (ref, score)
        return best[0] if best else None

    def add(
        self,
        ref: object,
        keys: DedupKeys,
        url: str | None = None,
        external_id: str | None = None,
    ) -> None:
        """Index ``ref`` (any object, compared by identity) under all its keys."""
        self._order.setdefault(id(ref), len(self._order))
        self._refs[id(ref)] = ref
        self._shingles[id(ref)] = keys.shingles
        self._by_hash.setdefault(keys.content_hash, ref)
        if url is not None:
            self._by_url.setdefault(url, ref)
        if external_id is not None:
            self._by_external_id.setdefault(external_id, ref)
        for bucket in keys.buckets:
            self._by_bucket.setdefault(bucket, []).append(ref)
