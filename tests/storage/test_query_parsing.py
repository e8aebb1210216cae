"""Query parsing and expression building (pure; no database)."""

from __future__ import annotations

from storage.search import MAX_TERMS, MatchWord, SearchTerm, light_stem, parse_query
from storage.search_expressions import fts5_match_expression, tsquery_expression


def test_light_stem_strips_up_to_two_suffixes_keeping_three_letters() -> None:
    assert light_stem("israeli") == "israel"
    assert light_stem("israelis") == "israel"
    assert light_stem("economies") == "econom"
    assert light_stem("running") == "runn"
    assert light_stem("gas") == "gas"
    assert light_stem("wars") == "war"


def test_parse_query_splits_phrases_and_words() -> None:
    terms = parse_query('Israel "Defence Forces" drill')
    assert [tuple(w.exact for w in t.words) for t in terms] == [
        ("israel",), ("defence", "forces"), ("drill",)
    ]
    assert terms[1].is_phrase


def test_short_words_and_numbers_match_exactly_and_numbers_a_hindi_briefs_too() -> None:
    assert parse_query("uk g20 2026") == [
        SearchTerm((MatchWord("uk", None),)),
        SearchTerm((MatchWord("g20", None),)),
        SearchTerm((MatchWord("2026", None, stems=("hi02026",)),)),
    ]


def test_parse_query_caps_terms_and_removes_repeats() -> None:
    assert len(parse_query(" ".join(f"word{n}" for n in range(50)))) == MAX_TERMS
    assert len(parse_query("israel Israel ISRAEL")) == 1


def test_expressions_quote_every_word() -> None:
    terms = parse_query('israeli "defence forces" uk')
    assert fts5_match_expression(terms) == (
        '("israel"* OR "israeli" OR "de0israli" OR "es0israeli" OR "fr0israel" '
        'OR "hi0israeli") AND "defenc"* + "forc"* AND "uk"'
    )
    assert tsquery_expression(terms) == (
        "(israel:* | israeli | de0israli | es0israeli | fr0israel | hi0israeli) & "
        "(defenc:* <-> forc:*) & uk"
    )


def test_relaxed_expressions_turn_phrases_into_all_of_their_words() -> None:
    terms = parse_query('israeli "defence forces" uk')
    assert fts5_match_expression(terms, adjacent=False) == (
        '("israel"* OR "israeli" OR "de0israli" OR "es0israeli" OR "fr0israel" '
        'OR "hi0israeli") AND ("defenc"* AND "forc"*) AND "uk"'
    )
    assert tsquery_expression(terms, adjacent=False) == (
        "(israel:* | israeli | de0israli | es0israeli | fr0israel | hi0israeli) & "
        "(defenc:* & forc:*) & uk"
    )
    plain = parse_query("israeli uk")
    assert fts5_match_expression(plain, adjacent=False) == fts5_match_expression(plain)
    assert tsquery_expression(plain, adjacent=False) == tsquery_expression(plain)


def test_a_phrase_word_takes_a_shorter_french_german_or_spanish_stem_as_its_prefix() -> None:
    phrase, alone = parse_query('"Deutschen Bank" Deutschen')
    assert [w.prefix for w in phrase.words] == ["deutsch", "bank"]
    assert alone.words[0].prefix == "deutschen"  # alone, a German brief's stems find it
    # Alone, "soldados" must not reach an English *sold*; in a phrase, its neighbours rule
    # that out.
    assert parse_query("soldados")[0].words[0].prefix == "soldado"
    assert parse_query('"soldados heridos"')[0].words[0].prefix == "sold"
    assert [w.prefix for w in parse_query('"defence forces"')[0].words] == ["defenc", "forc"]
