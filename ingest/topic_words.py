"""The words that are never a brief's topic, per language (see :mod:`ingest.topics`).

Two kinds. Function words (articles, pronouns, prepositions, auxiliaries, reporting verbs,
titles such as "Mr", and dates: "Berlin on April 21" is "Berlin") are never a topic, never
open a name at a sentence's start, and are cut from a name's ends ("Mr Blair" is "Blair").
Name words ("new", ordinals, number words, time spans) are never a topic alone either, but
may be part of a name: "New Delhi", "Republic Day", "Gran Bretaña", "Erste Bank" keep them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from ingest.topic_word_lists import FUNCTION_WORDS, NAME_WORDS
from ingest.word_forms import WordForms, word_forms
from summarizer.languages import lexicon

_STOPWORD_LIST = """
    a about above across after again against ago all almost along already also although
    always am among an and another any anyone anything are around as at away back be
    became because become been before being below between both but by came can cannot
    could day days did do does doing done down during each either else even ever every
    few first for former from further get gets getting given go going gone got had has
    have having he her here hers him his how however i if in including into is it its
    itself just last later least less like made make makes making many may me might more
    most much must my near need needs never new next no nor not now of off often on once
    one only or other others our out over own part per put rather re really said same say
    says see seen set several she should show since so some still such take taken than
    that the their them then there these they this those though three through thus time
    times to today told too took toward two under until up upon us use used very via want
    wanted was way we week weeks well went were what when where whether which while who
    whom whose why will with within without would year years yet you your mr mrs ms dr shri smt
    according added adding asked expected given going including month months per cent
    percent people number member members lot lots told tuesday monday wednesday thursday friday
    saturday sunday january february march april june july august september october
    november december st sir also bn m bbc news report reports reported statement
    rs crore crores lakh lakhs
"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())


def _words(text: str) -> list[str]:
    return text.split()


# English's name words, among STOPWORDS above.
_ENGLISH_NAME_WORDS = frozenset(
    _words(
        """
        new first last next former later one two three day days week weeks year years month
        months time times today number member members
        """
    )
)



# Endings of the adjectives a language puts after their noun (ingest.topics): French only,
# where the keyphrase benchmark can measure them (benchmarks/README.md, "Languages: the
# record"). Masculine and feminine, singular and plural: -al (électorale, nationaux), -el,
# -ique, -ien, -éen, -ais, -aire, -if, -iste.
_ADJECTIVE_ENDINGS = {
    "fr": """al ale aux ales el elle els elles ique iques ien ienne iens iennes éen éenne éens
        éennes ais aise aises aire aires if ive ifs ives iste istes""",
}


# Lower-case words that join two capitalised words into one name, in briefs of any language
# (foreign names come in every language): "Bank of England", "Ministerio de Defensa".
_CONNECTOR_WORDS = "of for and & the on de"
# Names' particles, which join a name's one word to the next ("Corea del Norte", "Ministero
# della Difesa", "Lula da Silva", "Ludwig van Beethoven") but not a longer name to another:
# "Matteo Salvini della Lega", "Marine Le Pen du Rassemblement national" are two.
_PARTICLE_WORDS = "del della delle dei degli di da dos du des van von фон ван де дель ди"
# Pairs that join as one, as particles do: "Banco de la Nación", "Ursula von der Leyen",
# "Chancellor of the Exchequer".
_CONNECTOR_PAIRS = frozenset(
    {
        ("of", "the"), ("de", "la"), ("de", "las"), ("de", "los"), ("von", "der"), ("van", "der"),
        ("van", "den"), ("van", "de"), ("фон", "дер"), ("ван", "дер"),
    }
)  # fmt: skip
# Portuguese's contractions: "Ministério da Defesa", "Ministério das Relações Exteriores".
_MORE_PARTICLES = {"pt": "do das"}
# A particle and the last word it joins to a longer name (ingest.topic_names.connects), where
# the one-word rule parts names: Portuguese surnames ("Luiz Inácio Lula da Silva") and
# places' last words ("Banco Central do Brasil", "Rio Grande do Sul"). Not any word: a
# person, then a ministry or a place, is two ("Fernando Haddad da Fazenda", "Flávio Bolsonaro
# do Rio").
_LAST_WORDS = {
    "pt": """
        da:silva da:costa da:cunha da:rocha da:fonseca da:luz da:mota da:cruz da:gama
        da:conceição da:paz da:veiga da:silveira da:mata do:nascimento do:carmo do:rosário
        do:amaral do:prado do:vale do:couto dos:santos dos:reis dos:anjos das:neves do:brasil
        do:sul do:norte
    """
}
# Pairs that join only the names they are known before, where their words join nothing (in
# German, "Hilfe von der Regierung" is no name, "Ursula von der Leyen" is).
_NAMED_PAIRS = {"de": [("von", "der", "leyen")]}
# Connectors that join a name's one last word only: Dutch's "de" is "the" too ("Hugo de
# Jonge" is one name, "dat Rutte de Verenigde Staten bezoekt" two).
_LAST_WORD_ONLY = {"nl": "de"}
# Words that join nothing in a language where they are common between two capitalised words:
# German capitalises every noun ("Aufgabe des Staates", "Millionen von Menschen", "Putin da
# Erfolg hat", "Hast du Angst"), and Italian's "da" is "from" ("Zelensky da Trump") and "di"
# "of" a leader ("Lega di Salvini", "Russia di Putin"). (Dutch's "de" joins, though it is "the"
# too, before a name's last word: _LAST_WORD_ONLY.)
_NO_CONNECTORS = {"de": "des von da du", "it": "da di"}
# The pronouns French and Portuguese verbs carry after a hyphen ("fera-t-il", "disse-me").
_CLITICS = {
    "fr": "il elle ils elles on je tu nous vous moi toi",
    "pt": "me te se lhe lhes nos vos o a os as lo la los las no na",
}
# Stop words (verb forms) that open names: never a topic alone, but not cut from a name's
# start ("Stati Uniti" was "Uniti", "Stato Islamico" "Islamico", "Estado Islámico" "Islámico").
_NAMES_FIRST_WORDS = {"it": "stato stati stata state", "es": "estado estados"}
# The languages whose lists hold the function words that open sentences ("Aunque", "Hoewel"
# are none), where a name opening a sentence may be read as a person's (ingest.topic_persons;
# in Dutch or Hungarian "Hoewel Indonesië", "Eközben Kína" were). Arabic's and Hebrew's lists
# hold verbs of saying only.
_NAMES_OPEN_SENTENCES = frozenset({"es", "fr", "de", "hi", "ru", "it", "pt"})
# Languages that capitalise every noun (German, Luxembourgish).
_CAPITALISED_NOUNS = frozenset({"de", "lb"})


@dataclass(frozen=True)
class TopicWords:
    """A language's words that are never a topic alone (``never``), and those of them that
    are cut from a name's ends and never open one at a sentence's start (``edges``)."""

    never: frozenset[str]
    edges: frozenset[str]
    # Endings of the adjectives that follow their noun (French): "Parti socialiste".
    adjectives: tuple[str, ...] = ()
    # How the language's words are keyed and shown (Russian: lemmas, names in the nominative).
    forms: WordForms | None = None
    # Lower-case words, and pairs of them, that join two capitalised words into one name; the
    # particles among them (and the pairs) only a one-word name to the next.
    connectors: frozenset[str] = frozenset((_CONNECTOR_WORDS + " " + _PARTICLE_WORDS).split())
    particles: frozenset[str] = frozenset(_PARTICLE_WORDS.split())
    # Particles and the last words they join ("do", "brasil": "Banco Central do Brasil").
    last_words: frozenset[tuple[str, str]] = frozenset()
    # The connectors that join a name's one last word only ("Hugo de Jonge").
    last_word_only: frozenset[str] = frozenset()
    # Pairs and the one name each joins, where its words join nothing ("von", "der", "leyen").
    named_pairs: frozenset[tuple[str, str, str]] = frozenset()
    connector_pairs: frozenset[tuple[str, str]] = _CONNECTOR_PAIRS
    # Whether a lower-case word alone may be a topic: not in German, which capitalises every
    # noun, so its lower-case words are verbs, adjectives and function words ("habe", "denen").
    lower_case_topics: bool = True
    # Pronouns a verb carries after a hyphen (French "a-t-il", Portuguese "disse-me"): a word
    # ending in one is a verb, no topic.
    clitics: frozenset[str] = frozenset()
    # Whether a name may be read as a person's where it opens a sentence (ingest.topic_persons):
    # where the function words opening sentences are listed ("Hoewel", "Eközben" were names).
    names_open_sentences: bool = True

    @cached_property
    def joining(self) -> frozenset[str]:
        """The words that join names: the connectors and the words of connector pairs."""
        return self.connectors | {word for pair in self.connector_pairs for word in pair}


def _pairs(text: str) -> frozenset[tuple[str, str]]:
    """``"da:silva do:sul"`` as ``("da", "silva"), ("do", "sul")``."""
    pairs = (pair.partition(":") for pair in text.split())
    return frozenset((first, last) for first, _, last in pairs)


@lru_cache(maxsize=64)
def topic_words(language: str | None) -> TopicWords:
    """The topic words of a brief in ``language`` (English's for None or a language
    without lists of its own, with sumy's stop words where it has them)."""
    edges = STOPWORDS - _ENGLISH_NAME_WORDS
    if language is None or language == "en":
        return TopicWords(never=STOPWORDS, edges=edges)
    edges |= lexicon(language).stop_words | frozenset(FUNCTION_WORDS.get(language, "").split())
    edges -= frozenset(_NAMES_FIRST_WORDS.get(language, "").split())
    names = frozenset(NAME_WORDS.get(language, "").split())
    adjectives = tuple(_ADJECTIVE_ENDINGS.get(language, "").split())
    unjoined = frozenset(_NO_CONNECTORS.get(language, "").split())
    particles = frozenset(_PARTICLE_WORDS.split() + _MORE_PARTICLES.get(language, "").split())
    connectors = frozenset(_CONNECTOR_WORDS.split()) | particles
    return TopicWords(
        never=STOPWORDS | edges | names,
        edges=edges,
        adjectives=adjectives,
        forms=word_forms(language),
        connectors=connectors - unjoined,
        particles=particles - unjoined,
        last_words=_pairs(_LAST_WORDS.get(language, "")),
        last_word_only=frozenset(_LAST_WORD_ONLY.get(language, "").split()),
        named_pairs=frozenset(_NAMED_PAIRS.get(language, [])),
        connector_pairs=frozenset(p for p in _CONNECTOR_PAIRS if not unjoined & set(p)),
        lower_case_topics=language not in _CAPITALISED_NOUNS,
        clitics=frozenset(_CLITICS.get(language, "").split()),
        names_open_sentences=language in _NAMES_OPEN_SENTENCES,
    )
