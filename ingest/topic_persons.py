"""Which of a brief's names are people's, and a surname written alone counted with the name
given in full ("John Healey", "Healey said"), for :mod:`ingest.topics`.

A name is a person's where its first word is capitalised inside a sentence too, or where it
opens a sentence ("Kamala Harris met ...") and its last word stands alone inside one as a
surname does: without an article ("the Navy", "the Ministry" are an institution's) and not
a role's ("Minister") nor a country's ("Air India ... India said"). A word that opens sentences
before a name is no first name: one the text writes in lower case, a stop word ("Meanwhile"),
a role, a place's opening ("South Africa", "Southeast Asia"), a nationality ("Lebanese
Hezbollah") or an English adverb, participle or compound adjective ("Separately", "Injured",
"State-owned").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from babel import Locale

from ingest.topic_names import NAME_ARTICLES
from ingest.topic_titles import is_title
from ingest.topic_words import TopicWords
from summarizer.languages import lexicon

# First words of places named after another ("South Africa", "New Zealand", "Northern
# Ireland", "Latin America"), whose last word alone is that other place.
_PLACE_OPENING_WORDS = """
    north south east west northern southern eastern western central upper lower new great latin
    greater little old northeast northwest southeast southwest northeastern northwestern
    southeastern southwestern mainland continental inner outer far mid sub-saharan
"""
_PLACE_OPENINGS = frozenset(_PLACE_OPENING_WORDS.split())
# English adjectives of nations, peoples and faiths, which open a name no first name does
# ("Lebanese Hezbollah", "Russian Wagner", "Swedish Saab", "Brazilian Ronaldo": the name is
# the second word's alone). Not "Christian" nor "Roman", first names too.
_NATIONALITY_WORDS = """
    afghan african albanian algerian american arab argentine argentinian armenian asian
    australian austrian azerbaijani azeri bahraini baloch bangladeshi belarusian belgian
    bolivian bosnian brazilian british bulgarian burmese cambodian canadian chilean chinese
    colombian congolese croatian cuban cypriot czech danish dutch egyptian emirati english
    eritrean estonian ethiopian european filipino finnish french georgian german ghanaian greek
    haitian hindu hungarian icelandic indian indonesian iranian iraqi irish islamic israeli
    italian japanese jewish jordanian kashmiri kazakh kenyan korean kosovan kurdish kuwaiti
    latvian lebanese libyan lithuanian malaysian maldivian malian mexican moldovan mongolian
    moroccan muslim nepalese nepali nigerian norwegian omani pakistani palestinian pashtun
    peruvian polish portuguese punjabi qatari romanian russian rwandan saudi scottish serbian
    shia shiite sikh singaporean slovak slovenian somali soviet spanish sudanese sunni swedish
    swiss syrian taiwanese tamil thai tunisian turkish ugandan ukrainian uzbek venezuelan
    vietnamese welsh yemeni zimbabwean
"""
_NATIONALITIES = frozenset(_NATIONALITY_WORDS.split())
# The languages whose countries' names a surname is not (:func:`_places`); and names CLDR gives
# otherwise ("United Kingdom", "Türkiye", "Palestinian Territories") or not at all.
_PLACE_LANGUAGES = ("en", "es", "fr", "it", "pt")
_MORE_PLACES = "Britain Turkey Burma Bharat Palestine Kashmir Crimea Gaza Kurdistan Donbas Tibet"
# Articles that a surname never follows, and an institution's or a place's name often does
# ("the Navy", "el Ministerio", "la Repubblica"); not "a", "o" or "de", which are "to" and
# "of" too ("dijo a Sánchez", "le discours de Harris").
_ARTICLE_WORDS = "the an le la les el los las il lo gli os het"
ARTICLES = frozenset(_ARTICLE_WORDS.split())
# English words that open a sentence before a name without a comma, by their endings:
# adverbs ("Separately", "Finally"), participles ("Injured", "Following") and adjectives of
# a compound ("State-owned", "Paris-based", "Third-placed": a lower-case word after a hyphen,
# where a first name's second part is capitalised, "Jean-Pierre"). They cost a first name of
# these endings ("Mohammed", "Channing") its surname's count, as before.
# And those no ending tells, nor sumy's English stop words hold: adverbs and the adjectives
# that describe a person ("Senior WorldCom executives", "Miss Kidman").
_NO_FIRST_NAME_LIST = """
    yesterday tomorrow tonight earlier overnight nonetheless whilst miss senior junior fellow
    double
"""
_NO_FIRST_NAMES = frozenset(_NO_FIRST_NAME_LIST.split())
_ADVERB_ENDINGS = ("ally", "ately", "edly", "ntly", "ously", "ively", "arly", "ingly", "ibly")
_PARTICIPLE_ENDINGS = ("ed", "ing")
# A first name's length at least, for the endings above ("Ally", "Ted", "Ming" are names).
_MIN_ENDED_WORD = 6


@dataclass(frozen=True)
class Capitals:
    """What a brief's text says of its words' capitals (keys, as :mod:`ingest.topics` counts
    them): those capitalised inside a sentence, those of them right after an article, and the
    words it writes in lower case."""

    inside: frozenset[str]
    after_article: frozenset[str]
    lower_case: frozenset[str]


def person_names(
    body: Counter[str],
    is_phrase: Mapping[str, bool],
    surfaces: Mapping[str, Counter[str]],
    words: TopicWords,
    capitals: Capitals,
) -> list[str]:
    """The keys that read as a person's name: two words, or three with an initial between
    ("Donald J Trump"; a longer run is as often a word glued before a name: "Sul Eduardo
    Leite", "Opposition Kemi Badenoch"); not after a compass or a "new" ("South Africa",
    "New Zealand": "Africa" is another place) or an article ("Il Livingston"), nor where the
    first word is capitalised only opening a sentence ("Injured Chelsea") unless the name
    opens it with a surname's last word (:func:`_opens_with_person`), nor in a language that
    capitalises every noun ("Holts Mannschaft"). (Nor in one whose names a dictionary reads,
    where :func:`ingest.topics.extract_topics` asks for none: Russian's "Бретта Кавано" is no
    nominative, counted as written or by lemma.)"""
    if not words.lower_case_topics:
        return []
    names = []
    for key in body:
        parts = key.split()
        person = len(parts) == 2 or (len(parts) == 3 and len(parts[1]) == 1)
        if not person or not is_phrase[key] or set(parts) & words.joining:
            continue
        if parts[0] in _PLACE_OPENINGS or parts[0] in NAME_ARTICLES:
            continue
        first = max(sorted(surfaces[key]), key=lambda s: surfaces[key][s]).split()[0]
        if parts[0] in capitals.inside or _opens_with_person(
            parts, first, body, surfaces, words, capitals
        ):
            names.append(key)
    return names


def _opens_with_person(
    parts: list[str],
    first: str,
    body: Counter[str],
    surfaces: Mapping[str, Counter[str]],
    words: TopicWords,
    capitals: Capitals,
) -> bool:
    """Whether a name only written opening a sentence (``parts``, its keys; ``first``, its
    first word as written) is a person's: "Kamala Harris met ..." where "Harris" stands
    alone inside a sentence, but not "Defence Ministry", "Indian Navy" ("the Navy"), "Prime
    Minister", "Meanwhile Ford", "Injured Chelsea"."""
    last = parts[-1]
    if not words.names_open_sentences or last not in surfaces:
        return False
    written = surfaces[last]
    surname = (
        not any(s.isupper() for s in written)  # initials name no person: "Top TV"
        and last in body
        and last in capitals.inside
        and last not in capitals.after_article
        and not is_title(last)
        and not written.keys() & _places()
    )
    return surname and _first_name(first, parts[0], words, capitals)


def _first_name(word: str, key: str, words: TopicWords, capitals: Capitals) -> bool:
    """Whether ``word``, opening a sentence before a surname, may be a first name."""
    lowered = word.lower()
    if key in capitals.lower_case or lowered in words.never or lowered in _NO_FIRST_NAMES:
        return False
    if lowered in _NATIONALITIES:
        return False
    if lowered in _english_stop_words():
        return False
    if is_title(word) or any(part[:1].islower() for part in word.split("-")[1:]):
        return False
    ended = lowered.endswith(_ADVERB_ENDINGS + _PARTICIPLE_ENDINGS)
    return not (ended and len(lowered) >= _MIN_ENDED_WORD)


@cache
def _places() -> frozenset[str]:
    """One-word names of countries and regions, as the languages whose names open sentences
    write them (CLDR's, by Babel: "India", "Inde", "Europe", "Asia"), and a few more that
    defence and policy news name alone: a surname is none of them ("Air India ... India
    said" is a country's, counted apart from the airline; "Team India", "Air China"). A person
    so named whose first name only opens sentences ("Michael Jordan ... Jordan said") keeps
    the surname's count apart, as before."""
    names = set(_MORE_PLACES.split())
    for language in _PLACE_LANGUAGES:
        names.update(n for n in Locale.parse(language).territories.values() if " " not in n)
    return frozenset(names)


@cache
def _english_stop_words() -> frozenset[str]:
    # English's longer list (sumy's: "meanwhile", "despite", "instead"), in a brief of any
    # language (news quotes English); its first names ("Will", "May") keep their surnames
    # apart, as before.
    return lexicon("en").stop_words


def count_surnames_with_names(
    body: Counter[str], surfaces: Mapping[str, Counter[str]], persons: list[str]
) -> dict[str, str]:
    """Count a name's last word written alone ("Healey said") with the person's name the
    brief gives in full (``persons``: "John Healey"), where only one ends in it and the word
    is always capitalised: the two were counted apart, so a person a brief names once in full
    and then by surname ranked below a word named twice. Returns each name that took its
    surname's count, with the surname (its key)."""
    ends: dict[str, list[str]] = {}
    for key in persons:
        ends.setdefault(key.rsplit(" ", 1)[-1], []).append(key)
    taken: dict[str, str] = {}
    for word, names in ends.items():
        if len(names) == 1 and word in body and all(s[:1].isupper() for s in surfaces[word]):
            body[names[0]] += body.pop(word)
            taken[names[0]] = word
    return taken
