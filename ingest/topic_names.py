"""Where the names in a run of capitalised words begin and end (:mod:`ingest.topics`): which
lower-case words join two capitalised ones (:func:`connects`), and how a run is trimmed and
parted into names (:func:`names_in_run`)."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.topic_titles import is_title, person_after_portfolio, person_after_title, person_start
from ingest.topic_words import TopicWords

MAX_PHRASE_WORDS = 5
# Heads of institutions' names, that an "and" inside belongs to ("Securities and Exchange
# Commission", "Transport and General Workers Union"; elsewhere "and" parts two names:
# "France and Germany", "Tony Blair and Gordon Brown"), and that name no person after a role
# ("General Workers Union").
_HEAD_WORDS = """
    commission union department ministry organisation organization council committee agency
    authority service services office board bureau institute corporation company party corps
    association federation foundation society trust fund bank group centre center school
    university college court administration command forces enforcement protection review
    republic kingdom
"""
_HEADS = frozenset(_HEAD_WORDS.split())
# Articles and particles that open a name when capitalised inside a sentence: "La Paz", "El
# Salvador", "Las Vegas", "Le Pen", "De Gaulle", "Der Spiegel" (they were cut: "Paz", "Pen").
_NAME_ARTICLE_WORDS = "le la les el los las il lo de du da di del della van von der den dos das"
NAME_ARTICLES = frozenset(_NAME_ARTICLE_WORDS.split())
# Names with an "and" inside that no head closes.
_AND_NAMES = (
    "bosnia and herzegovina", "trinidad and tobago", "antigua and barbuda",
    "saint kitts and nevis", "st kitts and nevis", "sao tome and principe",
    "saint vincent and the grenadines", "heard island and mcdonald islands", "law and justice",
    "marks and spencer", "procter and gamble", "england and wales", "turks and caicos",
    "ernst and young", "duke and duchess",
)  # fmt: skip


def fits(run: Sequence[str], words: TopicWords) -> bool:
    """Whether ``run`` is short enough for one name: MAX_PHRASE_WORDS words, or one more where
    a pair after a two-word institution's head makes it ("Democratic Republic of the Congo",
    "Supreme Court of the United States": they were parted, "Congo" a name of its own)."""
    if len(run) <= MAX_PHRASE_WORDS:
        return True
    return len(run) == MAX_PHRASE_WORDS + 1 and _head_before_pair(run[:4], words)


def _head_before_pair(run: Sequence[str], words: TopicWords) -> bool:
    """Whether ``run`` is a name of two words, its last an institution's head, and a pair
    ("Democratic Republic of the")."""
    return (
        len(run) == 4
        and run[1].lower() in _HEADS
        and run[0][:1].isupper()
        and (run[2], run[3]) in words.connector_pairs
    )


def names_in_run(
    run: Sequence[str], words: TopicWords, *, after_role: bool = False
) -> list[list[str]]:
    """The names of a run of capitalised words and their connectors (some may be empty).
    ``after_role``: the run follows a role in lower case and its connector, so it opens with
    the role's portfolio ("[ministro della] Difesa Guido Crosetto")."""
    parts = _named_parts(_trimmed(run, words), words)
    if after_role and parts[0]:
        parts[0] = person_after_portfolio(parts[0], words.joining) or parts[0]
    return [name for part in parts for name in _names_in_part(part, words)]


def _trimmed(run: Sequence[str], words: TopicWords) -> list[str]:
    """``run`` without the function words and dates at its ends ("Mr Blair" is "Blair",
    "Commission on Friday" is "Commission"), nor a lower-case connector at its end, nor a
    name word and the connector after it at its start; a surname "May" stays."""
    # By index, then one slice: popping from the front, a hostile run of 50,000 capitalised
    # words took 0.5 s.
    start, end = 0, len(run)
    connectors = words.connectors
    while end > start and (run[end - 1] in words.joining or run[end - 1].lower() in words.edges):
        if _surname_after_name(run[max(start, end - 2) : end], words):
            break
        end -= 1
    while start < end and run[start].lower() in words.edges and not _opens_name(run, start, end):
        start += 1
    # A name word joined on by a connector is no part of the name: "Two of Van Gogh".
    while end - start > 2 and run[start].lower() in words.never and run[start + 1] in connectors:
        pair = (run[start + 1], run[start + 2]) in words.connector_pairs
        start += 3 if pair else 2  # "Semana de la Moda de París" is "Moda de París"
    return list(run[start:end])


def _opens_name(run: Sequence[str], start: int, end: int) -> bool:
    """Whether ``run[start]``, a function word leading ``run[start:end]``, is a name's article
    or particle: a run never opens with a function word where a sentence or a clause opens
    (:func:`ingest.topics._candidates`), so a capital there is a name's."""
    word = run[start]
    return end - start >= 2 and word[:1].isupper() and word.lower() in NAME_ARTICLES


def _surname_after_name(run: Sequence[str], words: TopicWords) -> bool:
    """Whether the run's last word, a stop word or a month, is a surname after a first name:
    "Theresa May", "Brian May" (a May alone, or after a date word, is the month or "may")."""
    return (
        len(run) >= 2
        and run[-1] == "May"
        and run[-2][:1].isupper()
        and run[-2].lower() not in words.never
    )


def _named_parts(run: list[str], words: TopicWords) -> list[list[str]]:
    """``run`` parted at each "and", unless the "and" is inside a name: an institution's, one
    whose words before it hold another connector ("Department of Trade and Industry") or
    whose last word is an institution's head ("Securities and Exchange Commission"), a
    country's or a firm's (``_AND_NAMES``), or one name twice ("Johnson and Johnson"); a run
    too long to be a name parts at its "and" whatever it holds ("Ursula von der Leyen and
    Donald Trump")."""
    # A title writes "And" ("Sex And The City", "Hide And Seek"): one name.
    if "and" not in run:
        return [run]
    parts: list[list[str]] = [[]]
    for word in run:
        if word == "and":
            parts.append([])
        else:
            parts[-1].append(word)
    if len(run) > MAX_PHRASE_WORDS:
        return parts
    written = " ".join(run).lower()
    if run[-1].lower() in _HEADS or any(name in written for name in _AND_NAMES):
        return [run]
    if all(part == parts[0] for part in parts):
        return [run]
    # Another connector before the "and" makes one name, but not a date's "on": "Zelensky on
    # Monday and Putin" is two.
    first = parts[0]
    if any(
        w in words.connectors and w != "and" and first[n + 1].lower() not in words.edges
        for n, w in enumerate(first[1:-1], start=1)
    ):
        return [run]
    return parts


def _names_in_part(run: list[str], words: TopicWords) -> list[list[str]]:
    run = _trimmed(run, words)
    before: list[list[str]] = []
    person = person_after_title(run, words.joining)
    if person and person[-1].lower() not in _HEADS:
        before = _institution_before_role(run, len(run) - len(person), words)
        run = _trimmed(person, words)  # "Sir Tony Radakin" is "Tony Radakin"
    if fits(run, words):
        return [*before, run]
    # Too long for one name: its names, parted at its particles and pairs, then, where still
    # too long, at every connector ("Hamás de la Franja de Gaza" was no topic at all, and is
    # "Hamás" and "Franja de Gaza").
    names: list[list[str]] = before
    for piece in _parted(run, words.particles, words.connector_pairs):
        if len(piece) <= MAX_PHRASE_WORDS:
            names.append(piece)
        else:
            names += _parted(piece, words.joining, frozenset())
    return names


def _institution_before_role(
    run: Sequence[str], person: int, words: TopicWords
) -> list[list[str]]:
    """The institution's name before the role of the person at ``person`` ("Bank of England"
    of "Bank of England Governor Andrew Bailey", "European Commission" of "European
    Commission President Ursula von der Leyen"; they went with the role), as a name of its
    own where it holds a head or a connector; a portfolio ("Defence" of "Defence Secretary
    John Healey", "Shadow Home") is none."""
    role = person
    while role > 0 and is_title(run[role - 1]):
        role -= 1
    if role == person:
        return []  # a portfolio joined to the role ("Secretary of State"): no role word before
    name = _trimmed(list(run[:role]), words)
    held = {word.lower() for word in name}
    if len(name) > 1 and fits(name, words) and (held & _HEADS or held & words.joining):
        return [name]
    return []


def _parted(
    run: Sequence[str], at: frozenset[str], pairs: frozenset[tuple[str, str]]
) -> list[list[str]]:
    """``run`` parted at its words in ``at`` and its ``pairs`` of words, which go."""
    pieces: list[list[str]] = [[]]
    index = 0
    while index < len(run):
        if tuple(run[index : index + 2]) in pairs:
            pieces.append([])
            index += 2
            continue
        if run[index] in at:
            pieces.append([])
        else:
            pieces[-1].append(run[index])
        index += 1
    return pieces


def _initials(word: str) -> bool:
    return word.isupper() and len(word) > 1


def connects(
    tokens: Sequence[str], breaks: Sequence[bool], index: int, run: Sequence[str], words: TopicWords
) -> bool:
    """Whether the lower-case ``tokens[index]`` joins the name ``run`` to the capitalised word
    after it, alone ("Bank of England") or as one of a pair ("Banco de la Nación"). A
    particle or a pair joins a one-word name only ("Corea del Norte", not "Matteo Salvini
    della Lega"), a role before it not counted; nothing joins a word in capitals, a party's
    or a court's initials, to a name or a name to them ("Pedro Sánchez del PSOE", "Bolsonaro
    do PL", "PSOE de Sánchez")."""

    def name_at(at: int) -> bool:
        if at >= len(tokens) or breaks[at] or not tokens[at][:1].isupper():
            return False
        return not _initials(tokens[at])

    word = tokens[index]
    if _in_named_pair(tokens, index, run, words):
        return True  # German's "Ursula von der Leyen", though "von" and "der" join nothing there
    if word not in words.joining or _initials(run[-1]):
        return False  # initials join nothing either: "PSOE de Sánchez", "CEO of Apple" are two
    after = tokens[index + 1] if index + 1 < len(tokens) else ""
    # The name after a role: "President Lula da Silva" joins as "Lula da Silva" does. Only
    # the last words are looked at: a particle or a pair joins a name of one or two words, and
    # each lower-case word of a hostile brief asks again of its run.
    tail = run[-3:]
    start = person_start(tail)
    length = len(tail) - start if start else len(run)
    # A pair joins a two-word institution's name too: "Democratic Republic of the Congo".
    headed = length == 2 and run[-1].lower() in _HEADS
    if (word, after) in words.connector_pairs and (length == 1 or headed) and not breaks[index + 1]:
        return name_at(index + 2)
    pair = (run[-1], word) in words.connector_pairs
    if pair and (length == 2 or _head_before_pair([*run[-3:], word], words)):
        return name_at(index + 1)
    if word not in words.connectors or not name_at(index + 1):
        return False
    if word in words.last_word_only and name_at(index + 2):
        return False
    if word not in words.particles or length == 1:
        return True
    # A Portuguese contraction joins a longer name to a surname or a place's last word it
    # knows ("Luiz Inácio Lula da Silva", "Banco Central do Brasil"), within a name's length.
    return (
        (word, after.lower()) in words.last_words
        and not name_at(index + 2)
        and length + 2 <= MAX_PHRASE_WORDS
    )


def _in_named_pair(
    tokens: Sequence[str], index: int, run: Sequence[str], words: TopicWords
) -> bool:
    """Whether ``tokens[index]`` is a word of a pair that joins the one name it is known before
    (``words.named_pairs``: "von der" before "Leyen" in German)."""
    if not words.named_pairs:
        return False
    second = (run[-1], *tokens[index : index + 2]) if run else ()
    return opens_named_pair(tokens, index, words) or _named_pair(second, words)


def opens_named_pair(tokens: Sequence[str], index: int, words: TopicWords) -> bool:
    """Whether ``tokens[index]`` opens a pair before the one name it joins ("Von der Leyen
    sagte" opening a sentence: a name's, not the function word "von")."""
    return bool(words.named_pairs) and _named_pair(tokens[index : index + 3], words)


def _named_pair(triple: Sequence[str], words: TopicWords) -> bool:
    return len(triple) == 3 and tuple(word.lower() for word in triple) in words.named_pairs


def after_role(tokens: Sequence[str], index: int, words: TopicWords) -> bool:
    """Whether ``tokens[index]`` follows a role in lower case and its connector or pair, as a
    portfolio does in the Romance languages ("il ministro della Difesa", "le ministre des
    Armées", "el secretario de Estado")."""
    at = index - 1
    while at >= 0 and index - at <= 2 and tokens[at] in words.joining:
        at -= 1
    return index - at > 1 and at >= 0 and tokens[at].islower() and is_title(tokens[at])
