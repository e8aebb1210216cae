"""Where the names in a run of capitalised words begin and end (:mod:`ingest.topics`): which
lower-case words join two capitalised ones (:func:`connects`), and how a run is trimmed and
parted into names (:func:`names_in_run`)."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.topic_words import TopicWords

MAX_PHRASE_WORDS = 5
# Heads of institutions' names that an "and" inside belongs to: "Securities and Exchange
# Commission", "Transport and General Workers Union". Elsewhere "and" parts two names:
# "France and Germany", "Tony Blair and Gordon Brown".
_AND_HEAD_WORDS = """
    commission union department ministry organisation organization council committee agency
    authority service services office board bureau institute corporation company party
    association federation foundation society trust fund bank group centre center school
    university college court administration command forces enforcement protection review
"""
_AND_HEADS = frozenset(_AND_HEAD_WORDS.split())
# Names with an "and" inside that no head closes.
_AND_NAMES = (
    "bosnia and herzegovina", "trinidad and tobago", "antigua and barbuda",
    "saint kitts and nevis", "st kitts and nevis", "sao tome and principe",
    "saint vincent and the grenadines", "heard island and mcdonald islands", "law and justice",
    "marks and spencer", "procter and gamble", "england and wales", "turks and caicos",
    "ernst and young", "duke and duchess",
)  # fmt: skip


def names_in_run(run: Sequence[str], words: TopicWords) -> list[list[str]]:
    """The names of a run of capitalised words and their connectors (some may be empty)."""
    return [
        name for part in _named_parts(_trimmed(run, words), words)
        for name in _names_in_part(part, words)
    ]


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
    while start < end and run[start].lower() in words.edges:
        start += 1
    # A name word joined on by a connector is no part of the name: "Two of Van Gogh".
    while end - start > 2 and run[start].lower() in words.never and run[start + 1] in connectors:
        pair = (run[start + 1], run[start + 2]) in words.connector_pairs
        start += 3 if pair else 2  # "Semana de la Moda de París" is "Moda de París"
    return list(run[start:end])


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
    if run[-1].lower() in _AND_HEADS or any(name in written for name in _AND_NAMES):
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
    if len(run) <= MAX_PHRASE_WORDS:
        return [run]
    # Too long for one name: its names, parted at its particles and pairs, then, where still
    # too long, at every connector ("Hamás de la Franja de Gaza" was no topic at all, and is
    # "Hamás" and "Franja de Gaza").
    names: list[list[str]] = []
    for piece in _parted(run, words.particles, words.connector_pairs):
        if len(piece) <= MAX_PHRASE_WORDS:
            names.append(piece)
        else:
            names += _parted(piece, words.joining, frozenset())
    return names


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


def connects(
    tokens: Sequence[str], breaks: Sequence[bool], index: int, run: Sequence[str], words: TopicWords
) -> bool:
    """Whether the lower-case ``tokens[index]`` joins the name ``run`` to the capitalised word
    after it, alone ("Bank of England") or as one of a pair ("Banco de la Nación"). A
    particle or a pair joins a one-word name only ("Corea del Norte", not "Matteo Salvini
    della Lega"); nothing joins a word in capitals, a party's or a court's initials ("Pedro
    Sánchez del PSOE", "Bolsonaro do PL")."""

    def name_at(at: int) -> bool:
        if at >= len(tokens) or breaks[at] or not tokens[at][:1].isupper():
            return False
        return not (tokens[at].isupper() and len(tokens[at]) > 1)

    word = tokens[index]
    after = tokens[index + 1] if index + 1 < len(tokens) else ""
    if (word, after) in words.connector_pairs and len(run) == 1 and not breaks[index + 1]:
        return name_at(index + 2)
    if len(run) == 2 and (run[-1], word) in words.connector_pairs:
        return name_at(index + 1)
    return (
        word in words.connectors
        and (word not in words.particles or len(run) == 1)
        and name_at(index + 1)
    )
