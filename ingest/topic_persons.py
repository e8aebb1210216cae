"""Which of a brief's names are people's, and a surname written alone counted with the name
given in full ("John Healey", "Healey said"), for :mod:`ingest.topics`."""

from __future__ import annotations

from collections import Counter

from ingest.topic_names import NAME_ARTICLES
from ingest.topic_words import TopicWords

# First words of places named after another ("South Africa", "New Zealand", "Northern
# Ireland", "Latin America"), whose last word alone is that other place.
_PLACE_OPENING_WORDS = """
    north south east west northern southern eastern western central upper lower new great latin
    greater little old
"""
_PLACE_OPENINGS = frozenset(_PLACE_OPENING_WORDS.split())


def person_names(
    body: Counter[str], is_phrase: dict[str, bool], words: TopicWords, inside: set[str]
) -> list[str]:
    """The keys that read as a person's name: two words, or three with an initial between
    ("Donald J Trump"; a longer run is as often a word glued before a name: "Sul Eduardo
    Leite", "Opposition Kemi Badenoch"); not after a compass or a "new" ("South Africa",
    "New Zealand": "Africa" is another place) or an article ("Il Livingston"), nor where the
    first word is capitalised only opening a sentence ("Injured Chelsea"), nor in a language
    that capitalises every noun ("Holts Mannschaft"). (Nor in one whose names a dictionary
    reads, where :func:`ingest.topics.extract_topics` asks for none: Russian's "Бретта Кавано" is no
    nominative, counted as written or by lemma.)"""
    if not words.lower_case_topics:
        return []
    names = []
    for key in body:
        parts = key.split()
        opening = parts[0] in _PLACE_OPENINGS or parts[0] in NAME_ARTICLES
        person = len(parts) == 2 or (len(parts) == 3 and len(parts[1]) == 1)
        person = person and not opening and parts[0] in inside
        if is_phrase[key] and person and not set(parts) & words.joining:
            names.append(key)
    return names


def count_surnames_with_names(
    body: Counter[str], surfaces: dict[str, Counter[str]], persons: list[str]
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
