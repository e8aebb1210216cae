"""The diacritic folds of search are SQLite FTS5's own, and migration 0007 holds the same copy."""

from __future__ import annotations

import importlib
import sqlite3
import unicodedata

from storage import diacritics
from storage.diacritics import fold_diacritics

MIGRATION = importlib.import_module("storage.migrations.versions.0007_search_diacritics")


def fts5_terms(texts: list[str]) -> list[list[str]]:
    """The words SQLite's FTS5 (as briefs_fts is configured) indexes for each text."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    db.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(texts, start=1))
    terms: list[list[str]] = [[] for _ in texts]
    for row, term in db.execute("SELECT doc, term FROM v ORDER BY doc, offset"):
        terms[row - 1].append(term)
    return terms


def test_every_fold_is_the_one_fts5_makes() -> None:
    letters = list(diacritics.FOLDED_LETTERS)
    indexed = fts5_terms([f"q{letter}q" for letter in letters])
    assert len(letters) == len(diacritics.BASE_LETTERS) > 400
    assert indexed == [[f"q{base}q"] for base in diacritics.BASE_LETTERS]


def test_fts5_folds_no_other_letter_with_a_diacritic() -> None:
    """Every character that decomposes with a mark and that FTS5 indexes as another letter."""
    candidates = [
        chr(code) for code in range(0x80, 0x30000)
        if not 0xD800 <= code <= 0xDFFF and unicodedata.normalize("NFD", chr(code)) != chr(code)
    ]
    indexed = fts5_terms([f"q{c}q" for c in candidates])
    folded = "".join(
        c for c, terms in zip(candidates, indexed, strict=True)
        if len(terms) == 1 and len(terms[0]) == 3 and terms[0][1] != c.lower()
    )
    assert folded == diacritics.FOLDED_LETTERS


def test_combining_marks_are_the_ones_fts5_drops_inside_a_word() -> None:
    marks = [chr(code) for code in range(0x300, 0x370)]
    indexed = fts5_terms([f"q{mark}q" for mark in marks])
    dropped = "".join(m for m, terms in zip(marks, indexed, strict=True) if terms == ["qq"])
    assert dropped == diacritics.COMBINING_MARKS != ""


def test_migration_0007_folds_with_the_same_tables() -> None:
    assert MIGRATION.FOLDED_LETTERS == diacritics.FOLDED_LETTERS
    assert MIGRATION.BASE_LETTERS == diacritics.BASE_LETTERS
    assert MIGRATION.COMBINING_MARKS == diacritics.COMBINING_MARKS


def test_fold_keeps_letters_fts5_keeps_and_drops_marks() -> None:
    assert fold_diacritics("Café Zürich naïve São Paulo") == "Cafe Zurich naive Sao Paulo"
    assert fold_diacritics("cafe\u0301") == "cafe"
    assert fold_diacritics("Øre łódź Straße") == "Øre łodz Straße"
