"""Russian words in their dictionary form: what topics count a word under and show it as."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest import word_forms as forms_module
from ingest.topics import extract_topics
from ingest.word_forms import RussianForms, word_forms
from tests.hostile.strategies import hostile, hostile_text

# Lower- and upper-case Cyrillic, a hyphen and a combining acute: words the dictionary lacks.
_CYRILLIC = [chr(c) for c in range(0x0410, 0x0450)] + ["ё", "-", "́"]


@pytest.fixture(scope="module")
def russian() -> RussianForms:
    forms = word_forms("ru")
    assert isinstance(forms, RussianForms)
    return forms


@pytest.mark.parametrize(
    ("written", "nominative"),
    [
        ("Северной Кореи", "Северная Корея"),  # the adjective agrees with its noun
        ("Национального собрания", "Национальное собрание"),  # neuter, not masculine
        ("Национального банка", "Национальный банк"),
        ("Министерства обороны России", "Министерство обороны России"),  # the head only
        ("Бориса Джонсона", "Борис Джонсон"),  # a first name and the surname after it
        ("Уэйда Симса", "Уэйд Симс"),  # two names the dictionary lacks
        ("Дейтона Симпсона", "Дейтон Симпсон"),  # a first name it knows as a town
        ("Нью-Йорке", "Нью-Йорк"),
        ("Альпах", "Альпы"),  # a plural name the dictionary knows (plurale tantum)
        ("учений", "учения"),  # a common word keeps its number
        ("лейбористской", "лейбористская"),  # an adjective alone
        ("военного", "военный"),  # ... in the masculine where its form has no gender
        ("Ливингстона", "Ливингстон"),  # a name the dictionary lacks loses its ending
        ("Кромвеля", "Кромвель"),  # ... or its soft ending
    ],
)
def test_a_declined_name_or_word_is_shown_in_the_nominative(
    russian: RussianForms, written: str, nominative: str
) -> None:
    assert " ".join(russian.nominative(written.split())) == nominative


@pytest.mark.parametrize(
    "written",
    [
        "Москва",  # already nominative
        "США",  # capitals: an initialism never declines in writing
        "ИИ",  # the dictionary reads it as a form of "ИЯ"
        "Роналду",  # indeclinable and unknown: never "Роналда"
        "Уиллоуби",  # never "Уиллоубь"
        "Кирнан",  # never the plural "Кирнаны"
        "Ванн",  # read as "of baths": a name in the plural would be a guess
        "Объединённых Наций",
    ],
)
def test_a_name_the_dictionary_cannot_be_trusted_on_stays_as_written(
    russian: RussianForms, written: str
) -> None:
    assert russian.nominative(written.split()) == written.split()


def test_a_names_forms_share_one_lemma(russian: RussianForms) -> None:
    assert {russian.lemma(w) for w in ("Москвы", "Москве", "Москва", "москву")} == {"москва"}
    # Capitalised, an unknown name is read as a noun, not as the gerund the dictionary guesses.
    assert russian.lemma("Кромвеля") == russian.lemma("Кромвель") == "кромвель"


def test_the_written_yo_is_kept_and_an_unwritten_one_is_not_added(russian: RussianForms) -> None:
    assert russian.nominative(["Объединенного", "королевства"]) == ["Объединенное", "королевство"]
    assert russian.nominative(["Объединённого", "королевства"]) == ["Объединённое", "королевство"]


def test_a_token_longer_than_any_word_is_its_own_lemma(russian: RussianForms) -> None:
    huge = "Оборона" * 10_000
    assert russian.lemma(huge) == huge.lower()


def test_a_token_longer_than_any_word_is_never_read_nor_memoised(russian: RussianForms) -> None:
    # A hostile brief's 90,000-letter tokens after "Министерство" reached the readings' memo
    # through name_tail: 2,048 of them held 1.4 GB.
    huge = "Ж" + "обороны" * 10_000
    assert not russian.verb("Министерство") and not russian.verb("обороны")  # memoised now
    before = forms_module._parsed.cache_info().currsize
    assert russian.name_tail("Министерство", [huge, "обороны"]) == 0
    assert not russian.verb(huge) and not russian.common_noun(huge)
    assert russian.nominative([huge]) == [huge]
    assert forms_module._parsed.cache_info().currsize == before


@pytest.mark.parametrize("language", [None, "en", "de", "hi"])
def test_other_languages_have_no_word_forms(language: str | None) -> None:
    assert word_forms(language) is None


@hostile(max_examples=150)
@given(
    st.lists(
        st.one_of(
            hostile_text(max_size=40),
            st.text(alphabet=st.sampled_from(_CYRILLIC), min_size=1, max_size=14),
        ),
        max_size=40,
    ).map(" ".join)
)
def test_any_russian_text_gives_topics_without_an_error(text: str) -> None:
    # Hostile fragments among made-up Cyrillic words, capitalised or not, with hyphens: the
    # dictionary's readings of whatever a brief holds must never raise, nor empty a topic.
    topics = extract_topics(text[:30], [text[:60]], text, language="ru")
    assert len(topics) <= 5 and all(topic.strip() for topic in topics), topics


@pytest.mark.parametrize(
    ("word", "verb"),
    [("сообщило", True), ("проголосуют", True), ("арестован", True), ("голосовать", True),
     ("референдум", False), ("обороны", False), ("Москва", False),
     ("стали", False), ("вести", False)],  # steel and news as well as verbs
)  # fmt: skip
def test_a_verb_form_is_told_from_a_noun(russian: RussianForms, word: str, verb: bool) -> None:
    assert russian.verb(word) is verb


def test_only_an_institutions_head_opens_a_name_at_a_sentences_start(
    russian: RussianForms,
) -> None:
    assert russian.opens_name("Министерство", []) and russian.opens_name("Министерства", [])
    assert russian.opens_name("Государственная", ["дума"])  # an adjective before the head
    assert not russian.opens_name("Глава", ["ведомства"]) and not russian.opens_name("Москва", [])
    assert not russian.opens_name("Крупный", ["пожар"])


def test_whether_a_word_is_a_verb_is_memoised_apart_from_its_readings(
    russian: RussianForms,
) -> None:
    # Asked of every common word of every brief: with only the readings' 2,048-word memo the
    # dictionary was read again and again (a Russian brief's topics took 22.5 ms, not 6-7).
    forms_module._verb.cache_clear()
    assert russian.verb("сообщило")
    forms_module._parsed.cache_clear()
    assert russian.verb("сообщило")
    assert forms_module._parsed.cache_info().currsize == 0  # answered from the verbs' memo
