# ruff: noqa: RUF001, RUF003  (Hebrew and Arabic letters: no look-alikes of Latin ones)
"""Build ``storage/data/{hebrew,arabic}_own_starts.txt`` from wordfreq's word frequencies.

Run from the project root (``uv pip install wordfreq``, or the ``bench`` extra)::

    python benchmarks/data/build_own_starts.py

A brief stores a Hebrew word after each prefix it may open with, an Arabic word after its
particles (storage/search_hebrew.py, storage/search_abjad.py); a word whose first letter is its
own (``מדינה``, state; ``وزير``, minister) would then be found by its rest (``דינה``, ``زير``).
The files list such words, whose reading is not stored. A word ``X`` = letter + rest is its own
word when it is itself written after a prefix or article that could not stand before that
letter were it a prefix: ``המדינה`` (ה never precedes a prefix's מ), ``במספר``, ``הוועדה``,
``الوزير`` (no article before a particle), ``لوزير``. A prefixed form has (almost) none:
``הבצבא``, ``הבישראל``, ``البغزة`` are not written. So ``X`` is listed when those forms are
at least ``MIN_STACKED`` (by its first letter) times as frequent as ``X`` itself, and its rest
is a word of wordfreq's first ``READING_WORDS`` (a query would type it), ``X`` of the first
``TOP_WORDS``; the ``LIMIT`` whose false matches weigh most (freq(X) * freq(rest)) are kept.

The raw frequency ratio (X against its rest's other forms) does not tell them apart: Hebrew's
article forms (``הממשלה``: 3.1 times ``ממשלה`` and its other prefixed forms) outweigh many own
words (``מספר``, number: 0.5 times ``ספר``, book, and its forms; ``בקשה``: 0.07), while the
stacked forms give 0.0001 for ``הממשלה`` and 0.3 and 4.3 for those.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from storage.search_abjad import _PARTICLES, abjad_fold
from storage.search_hebrew import HEBREW_PREFIXES

TOP_WORDS = 20_000
READING_WORDS = 50_000
LIMIT = 400
# Hebrew's ה-initial verbal nouns and infinitives (להרשות, to permit; בהשאלה, on loan) give
# article forms some stacked forms: ה needs more than the other letters.
# ו is not judged: its stacked forms are also a passive's (הועלה, was raised: "ועלה") and an
# initial ו written twice (וואלה); its words are the hand-picked ones (KEPT).
MIN_STACKED = {"he": {"ה": 0.4, "ו": float("inf")}, "ar": {}}
MIN_STACKED_OTHERS = 0.1
# Words the data does not catch, kept from the former hand-picked lists, each for its reason.
KEPT = {
    "he": {
        # Solomon, a name (a name takes no article: few stacked forms, 0.098), is no "why".
        "שלמה": "למה",
        # committee(s) and veteran(s), no "community" or "case": ו is not judged (above).
        **dict.fromkeys(["ועדה", "ועדת", "ועדות", "וועדה", "וועדת"], "עדה"),
        **dict.fromkeys(["ותיק", "ותיקה", "ותיקים", "ותיקות"], "תיק"),
        # kitchen (s = 6.5, but rare: outside LIMIT) is no "massacre", a word news searches.
        "מטבח": "טבח",
    },
    # Firas, a name (no article: no stacked forms), is no "head" (رأس, folded راس).
    "ar": {"فراس": "راس"},
}
OUT = Path(__file__).resolve().parents[2] / "storage" / "data"
HEADER = """\
# {language} words whose first letter is their own: a brief stores no reading of them after a
# {what} (storage/{module}). Folded, one a line, by weight (freq(word) * freq(rest)).
# Derived from wordfreq {version} ('{code}'): Robyn Speer, wordfreq,
# https://github.com/rspeer/wordfreq; its word lists are licensed CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/), and so is this list.
# Rebuilt by benchmarks/data/build_own_starts.py (its docstring says how they are chosen).
"""


def hebrew_stacked(word: str) -> list[str]:
    """The forms of a Hebrew ``word`` after a prefix that could not precede its first letter
    were that letter a prefix's (``המדינה``, ``במספר``), but for ``ל`` before ``ב`` or ``ה``:
    an infinitive's (``לברוח``, to escape, is no "to in-..."; ``להרשות``, to permit)."""
    first = word[0]
    before = [
        p for p in HEBREW_PREFIXES
        if not any(q.startswith(p + first) for q in HEBREW_PREFIXES)
        and not (first in "בה" and p.endswith("ל"))  # "לברוח", to escape; "להרשות", to permit
    ]
    return [p + word for p in before]


def arabic_stacked(word: str) -> list[str]:
    """The forms of an Arabic ``word`` after its article, or a particle that could not precede
    its first letter were that letter a particle (``الوزير``, ``لوزير``); not "ل" before "ل":
    ``للجنة`` is also "to the" before ``جنة``."""
    first = word[0]
    before = [
        p for p in _PARTICLES
        if not any(q.startswith(p + first) for q in _PARTICLES) and not p.endswith(first)
    ]
    return [p + word for p in [*before, "ال", "وال", "بال", "كال", "فال"]]


LANGUAGES: dict[str, tuple[str, str, Callable[[str], list[str]]]] = {
    "he": ("Hebrew", "הבכלמשו", hebrew_stacked),
    "ar": ("Arabic", "وفبلك", arabic_stacked),
}


def frequencies(code: str) -> tuple[dict[str, float], list[str]]:
    """wordfreq's frequencies of folded words, and its most frequent words, folded."""
    import wordfreq

    folded: dict[str, float] = {}
    for word, freq in wordfreq.get_frequency_dict(code).items():
        plain = abjad_fold(word)
        folded[plain] = folded.get(plain, 0.0) + freq
    ranked = dict.fromkeys(abjad_fold(w) for w in wordfreq.top_n_list(code, READING_WORDS))
    return folded, list(ranked)


def own_words(code: str, freqs: dict[str, float], ranked: list[str]) -> list[str]:
    """The words (folded) whose first letter is their own and whose rest is a word, by weight."""
    _, letters, stacked = LANGUAGES[code]
    readable = set(ranked)
    chosen: dict[str, float] = {}
    for word in ranked[:TOP_WORDS]:
        rest = word[1:]
        if word[0] not in letters or len(rest) < 3 or rest not in readable:
            continue
        threshold = MIN_STACKED[code].get(word[0], MIN_STACKED_OTHERS)
        if sum(freqs.get(form, 0.0) for form in stacked(word)) >= threshold * freqs[word]:
            chosen[word] = freqs[word] * freqs[rest]
    weighed = sorted(chosen, key=lambda w: -chosen[w])[:LIMIT]
    kept = [w for w in KEPT[code] if w not in weighed]
    return weighed + kept


def write(code: str, words: Iterable[str], out: Path) -> Path:
    language = LANGUAGES[code][0]
    what, module = (
        ("prefix", "search_hebrew.py") if code == "he" else ("particle", "search_abjad.py")
    )
    version = metadata.version("wordfreq")
    path = out / f"{language.lower()}_own_starts.txt"
    header = HEADER.format(language=language, what=what, module=module, version=version, code=code)
    path.write_text(header + "".join(w + "\n" for w in words), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for code in LANGUAGES:
        freqs, ranked = frequencies(code)
        words = own_words(code, freqs, ranked)
        print(write(code, words, args.out), len(words))


if __name__ == "__main__":
    main()
