"""Arabic and Hebrew words' tags: folded forms, and nouns after their articles."""

from __future__ import annotations

import pytest

from storage.search import parse_query
from storage.search_abjad import abjad_fold, abjad_tags, query_abjad_prefixes, query_abjad_tags
from storage.search_stems import brief_stems


def test_an_arabic_words_article_is_stripped_for_a_tag_and_a_particle_keeps_no_folded_tag() -> None:
    stems = brief_stems("انسحب الجيش والجيش للجيش على الله وزير", None)
    assert stems is not None
    tags = set(stems.split())
    assert "ab0جيش" in tags  # the article, and "and" or "for" before it, stripped
    assert "ab0علي" not in tags  # "على" (on) is no "علي" (Ali)
    assert not {"ab0له", "ab0زير"} & tags  # "الله" and "وزير" keep their letters


def test_an_arabic_noun_is_tagged_after_a_particle_before_a_hamza_and_after_a_double_lam() -> None:
    # "وإسرائيل" (and Israel), "لإيران" (to Iran): the particle goes; "للجنة" (to the
    # committee): three lams are written as two, so the lam of "لجنة" is kept too.
    assert "ab0اسرائيل" in abjad_tags("وإسرائيل")
    assert "ab0ايران" in abjad_tags("لإيران")
    assert "ab0لجنه" in abjad_tags("للجنة")


def test_a_word_whose_alef_bears_a_hamza_or_persian_letters_keeps_its_al() -> None:
    # "ألماني" (German) is no "ماني", "إلهام" (a name) no "هام" (important), Persian's and
    # Urdu's "والدین" (parents) no "دين" (religion), nor Arabic's "والدين".
    for word, kept_out in [
        ("ألماني", "ab0ماني"), ("إلهام", "ab0هام"), ("والدین", "ab0دين"), ("والدين", "ab0دين"),
    ]:
        assert kept_out not in set(abjad_tags(word)), word


def test_a_word_longer_than_any_word_stores_no_tag() -> None:
    assert list(abjad_tags("\u0627\u0644" + "\u0628" * 200_000)) == []


def test_an_arabic_query_word_matches_longer_nouns_by_their_start_and_after_its_article() -> None:
    assert query_abjad_prefixes("إسرائيل") == ("ab0اسرائيل",)  # finds "الإسرائيلي"'s tag
    assert "جيش" in query_abjad_prefixes("الجيش")  # finds "جيش الاحتلال" in the text
    assert query_abjad_prefixes("مدى") == ()  # three letters: "المدينة" is no "مدى"
    assert query_abjad_prefixes("שלום") == ("ab0שלום",)  # Hebrew: its words after prefixes
    assert query_abjad_tags("الجيش") == ("ab0الجيش", "ab0جيش")


def test_a_plain_hebrew_brief_stores_its_words_after_their_prefixes_but_not_two_letters() -> None:
    # "the army entered Gaza, and from there Rafah; bread; and a state; a soldier in the IDF"
    stems = brief_stems('הצבא נכנס לעזה ומשם לרפיח. לחם ומדינה. חייל בצה"ל', None)
    assert stems is not None  # a plain Hebrew brief stored no tag
    tags = set(stems.split())
    assert {"ab0צבא", "ab0עזה", "ab0רפיח", "ab0מדינה", "ab0צה"} <= tags
    assert not {"ab0חם", "ab0דינה", "ab0שם", "ab0נס"} & tags  # too short, or a word's own letter


def test_an_arabic_word_is_tagged_after_a_bare_particle_unless_its_letter_is_its_own() -> None:
    # in Gaza, and Hamas, so he said, and in the army, and to the army, and to Israel
    for word, reading in [
        ("بغزة", "ab0غزه"), ("وحماس", "ab0حماس"), ("فقال", "ab0قال"), ("وبالجيش", "ab0جيش"),
        ("وللجيش", "ab0جيش"), ("ولإسرائيل", "ab0اسرائيل"),
    ]:
        assert reading in set(abjad_tags(word)), word
    # house, boy, books, minister, agreed, idea, card, navy, big: no reading but the word's own
    for word in ["بيت", "ولد", "كتب", "وزير", "وافق", "فكرة", "بطاقة", "بحرية", "كبرى"]:
        assert set(abjad_tags(word)) <= {"ab0" + abjad_fold(word)}, word


def test_a_query_word_is_not_cut_after_a_particle_but_a_phrases_first_word_is_spelt_so() -> None:
    assert query_abjad_tags("بغزة") == ("ab0بغزه",)  # "in Gaza" is not "Gaza"
    assert query_abjad_tags("בצבא") == ("ab0בצבא",)  # nor "in the army" "army"
    army, israeli = parse_query('"الجيش الإسرائيلي"')[0].words
    assert {"والجيش", "للجيش", "بالجيش"} <= {w.exact for w in army.spellings}
    assert israeli.spellings == ()  # a phrase's first word only
    army_he = parse_query('"הצבא ההגנה"')[0].words[0]
    assert {"בצבא", "והצבא", "מהצבא"} <= {w.exact for w in army_he.spellings}



@pytest.mark.parametrize(
    ("word", "kept_out", "prefixed"),
    [  # research, black, Egypt; far, book, Faisal
        ("מחקר", "ab0חקר", "ממחקר"),
        ("שחור", "ab0חור", "בשחור"),
        ("מצרים", "ab0צרים", "במצרים"),
        ("بعيد", "ab0عيد", "وبعيد"),
        ("كتاب", "ab0تاب", "وكتاب"),
        ("فيصل", "ab0يصل", "لفيصل"),
    ],
)
def test_a_word_whose_first_letter_is_its_own_stores_no_reading(
    word: str, kept_out: str, prefixed: str
) -> None:
    # found by wordfreq's frequencies (storage/data/*_own_starts.txt), not picked by hand
    assert kept_out not in set(abjad_tags(word))
    # after a prefix of its own, the word itself is its reading, and no shorter one
    assert list(abjad_tags(prefixed)) == [f"ab0{word}"]


@pytest.mark.parametrize(
    ("word", "reading"),
    [
        ("הממשלה", "ab0ממשלה"),
        ("בצבא", "ab0צבא"),
        ("לישראל", "ab0ישראל"),
        ("והמדינה", "ab0מדינה"),
        ("بغزة", "ab0غزه"),
        ("لايران", "ab0ايران"),
        ("وحماس", "ab0حماس"),
        ("وجهاز", "ab0جهاز"),
    ],
)
def test_the_article_and_prefixes_forms_of_nouns_keep_their_readings(
    word: str, reading: str
) -> None:
    assert reading in set(abjad_tags(word))
