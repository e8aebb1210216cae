"""A headline for a brief that came without a title, made from its opening sentence.

The seed format and many plain-text files carry no title, and a title that is the lede cut
off mid-phrase with "…" reads badly in a digest. So the opening sentence (after any dateline
written as a sentence of its own: "Berlin.", "МОСКВА, 5 декабря. /ТАСС/.") is shortened the
way a sub-editor would, each step only while the sentence is still too long:

1. drop a dateline ("NEW DELHI, Nov 5:"), acronyms in brackets ("(JWG)") and the final stop,
   then an opening phrase before the news ("In a major step towards …, the NCC …");
2. end at the first clause boundary after enough words (", which …", ", saying …", " — …");
3. end before a trailing phrase (" held in …", " on …", " during …") at the last such word
   that keeps the headline within :data:`HEADLINE_CHARS`;
4. only if no boundary fits, cut at a word and add "…".

Purely lexical and English-leaning, like the rest of ingest's text rules: a sentence in
another language simply falls through to the word cut.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.credit_lines import is_credit
from ingest.topic_words import topic_words
from summarizer.segmentation import iter_blocks, split_block

__all__ = ["HEADLINE_CHARS", "headline", "repeats_title", "shorten", "without_title"]

HEADLINE_CHARS = 120
_PLACE_WORDS = 4
OPENING_CHARS = 4_000
MAX_DATELINES = 3
_DEVANAGARI = re.compile("[\u0900-\u097f]")
# Cities Hindi papers date their news from, as the dateline writes them.
_HINDI_CITIES = """
    दिल्ली मुंबई कोलकाता चेन्नई बेंगलुरु हैदराबाद लखनऊ पटना जयपुर भोपाल चंडीगढ़ श्रीनगर जम्मू
    अहमदाबाद पुणे वाराणसी प्रयागराज रांची देहरादून शिमला गुवाहाटी भुवनेश्वर रायपुर इंदौर कानपुर
    नागपुर गांधीनगर तिरुवनंतपुरम
"""
_HINDI_DATELINE_PLACES = frozenset(["नई दिल्ली", *_HINDI_CITIES.split()])
# Lower-case words inside a place's name: "Frankfurt am Main", "Mülheim an der Ruhr".
_PLACE_PARTICLES = frozenset({"am", "an", "der", "de", "la", "le", "sur", "upon", "on", "del"})
_AGENCY_ALONE = re.compile(r"/[^/\s]{2,20}/|\([^()\d]{2,20}\)")
# The endings of strong participles after an inseparable prefix ("zerbrochen", "entlassen",
# "verloren", "verboten", "entschieden"), which places of that shape lack ("Bad Bevensen",
# "Erlangen", "Verden").
_STRONG_ENDINGS = (
    "(?:ossen|oren|oten|ieden|assen|ochen|iffen|ieben|ungen|unden|ommen|ogen|ahren|allen|eben"
    "|iehen|ohlen|orben|unken|itten|issen|alten|angen|eten|orfen|essen)"
)
# A German participle ("gescheitert", "zurückgetreten", "verhaftet", "kritisiert", "verloren",
# "entlassen"): a kicker's verb ("Scholz Gescheitert."), never a word of a place after its
# first ("Bad Homburg", "Frankfurt am Main") but those listed below. A first word may be one:
# "Gelsenkirchen", "Geesthacht", "Erfurt".
_PARTICIPLE = re.compile(
    r"(?:ab|an|auf|aus|bei|ein|fest|frei|mit|nach|vor|weg|zu|zurück|um|durch|hin|her|los)?"
    r"ge\w{2,}(?:t|en)|(?:be|er|ver|zer|ent|emp|miss)(?:\w{3,}t|\w*" + _STRONG_ENDINGS + ")"
    r"|\w{3,}iert",
    re.IGNORECASE,
)
# Places' second words of a participle's shape: "Sankt Georgen".
_PLACES_LIKE_PARTICIPLES = frozenset({"georgen"})
MIN_HEADLINE_WORDS = 6  # a boundary earlier than this leaves too little to say what happened

# "NEW DELHI, Nov 5 (PIB):" or "LONDON -": a run of capitals, then up to a colon or dash.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'\u2019-]{2,40}(?:,[^:\u2013\u2014]{0,30})?\s*[:\u2013\u2014-]\s+"
)
# "In a major step towards …, the NCC launched …": an opening phrase before the news itself.
_INTRO = re.compile(
    r"^(?:In|On|At|As|With|During|After|Following|Amid|Under|Reaffirming|Continuing|Marking)"
    r"\b[^,]{3,90},\s+(?=[A-Z]|(?:the|a|an)\s)"
)
# An acronym in brackets repeats what precedes it: "(JWG)" goes, "(CAO/Welfare)" stays.
_ASIDE = re.compile(r"\s*\([A-Z][A-Z0-9&/.-]{1,11}\)")
_FINAL_STOP = re.compile(r"[.!?…]+[\"'\u201d\u2019)\]]*$")
_CLAUSE = re.compile(
    r",\s+(?:which|who|whom|where|while|saying|adding|stating|reflecting|marking|as|amid|"
    r"with|including|following|after|besides)\b|\s+\u2014\s+|;\s+",
    re.IGNORECASE,
)
_PHRASE = re.compile(
    r"\s+(?:held|organised|organized|on|in|at|during|for|with|from|to|under|through|via|"
    r"amid|as|after|before|between|by|which)\s+"
)
# A headline must not end on a verb still waiting for its participle ("… was" held) or for
# its preposition ("… participated" in, "… called" on).
_AUXILIARY = re.compile(r"\s(?:is|are|was|were|be|been|being|has|have|had|will|shall)$")
_PREPOSITIONAL = frozenset(["on", "in", "at", "to", "for", "with", "from", "into", "by"])


def headline(text: str, limit: int = HEADLINE_CHARS, *, language: str | None = None) -> str:
    """A headline of at most ``limit`` characters from the first sentence of ``text``, split
    with ``language``'s rules (ISO 639-1; None: English's), so ``La Sra. Robles ...`` is not
    cut at its abbreviation."""
    # The opening of the first block is enough: a first sentence longer than it is cut anyway,
    # and splitting a 200,000-character block whole took 160 ms.
    first_block = next(iter_blocks(text), "")[:OPENING_CHARS]
    sentences = split_block(first_block, language)
    # "Berlin. Die Regierung …", "МОСКВА, 5 декабря. /ТАСС/. Министерство …"
    first = 0
    while first < min(len(sentences) - 1, MAX_DATELINES) and _is_dateline(
        sentences[first], language
    ):
        first += 1
    sentence = " ".join((sentences[first] if sentences else first_block).split())
    if len(sentence) <= limit:
        return sentence
    sentence = _DATELINE.sub("", sentence)
    sentence = _FINAL_STOP.sub("", _ASIDE.sub("", sentence)).strip()
    if len(sentence) <= limit:
        return sentence
    news = _INTRO.sub("", sentence)
    if news != sentence and _enough(news):
        sentence = news[0].upper() + news[1:]
        if len(sentence) <= limit:
            return sentence
    clause = _first_boundary(_CLAUSE, sentence, limit)
    if clause is not None:
        return clause
    phrase = _last_boundary(_PHRASE, sentence, limit)
    if phrase is not None:
        return phrase
    return shorten(sentence, limit)


def _is_dateline(sentence: str, language: str | None = None) -> bool:
    """A dateline written as a sentence before the news: a place (German's "Berlin.",
    "Frankfurt am Main.", "Frankfurt (dpa).", any language's "BERLIN.", Hindi's "नई दिल्ली।" and
    "नई दिल्ली, जागरण संवाददाता।"), a place and a date ("МОСКВА, 5 декабря."), or an agency in
    slashes or brackets ("/ТАСС/."). A place's words are no function words of ``language``
    ("It Is Very Bad." is a sentence) and no German participle after the first ("Scholz
    Gescheitert." is a kicker)."""
    if not sentence.endswith((".", "\u0964")):
        return False
    core = sentence[:-1].strip()
    if _AGENCY_ALONE.fullmatch(core) or is_credit(core, language):
        return True
    words = core.split()
    if not 0 < len(words) <= _PLACE_WORDS:
        return False
    if _DEVANAGARI.match(core):
        # No case to tell a place from a short sentence ("सरकार गिरी।", the government fell):
        # a city Hindi papers date from, or a place and a reporter or agency after a comma.
        place, comma, credit = core.partition(",")
        with_credit = bool(comma) and len(place.split()) <= 2 and 0 < len(credit.split()) <= 2
        return with_credit or core in _HINDI_DATELINE_PLACES
    if not any(c.isupper() for c in core):
        return False  # Arabic, Hebrew: no case, no datelines known
    if language != "de" and not core.isupper():
        return False  # only German dates its news "Berlin.": "Trump Wins." is a kicker
    if any(
        _PARTICIPLE.fullmatch(word) and word.casefold() not in _PLACES_LIKE_PARTICIPLES
        for word in words[1:]
    ):
        return False  # "Scholz Gescheitert.", "AMPEL GEPLATZT."
    function_words = topic_words(language).edges
    return (
        words[0][0].isupper()
        and (words[-1][0].isupper() or words[-1].startswith("("))
        and all(w[0].isupper() or w.startswith("(") or w in _PLACE_PARTICLES for w in words)
        and not any(w[0].isupper() and w.casefold() in function_words for w in words)
    )


def _enough(prefix: str) -> bool:
    return len(prefix.split()) >= MIN_HEADLINE_WORDS and not _AUXILIARY.search(prefix)


def _ends_cleanly(prefix: str, boundary: str) -> bool:
    """Not "… participated" before " in ": a verb in -ed still needs its preposition."""
    last = prefix.rsplit(" ", 1)[-1]
    return not (last.endswith("ed") and boundary.strip() in _PREPOSITIONAL)


def _first_boundary(pattern: re.Pattern[str], sentence: str, limit: int) -> str | None:
    """The sentence up to its first clause boundary, if that leaves enough words and fits."""
    for match in pattern.finditer(sentence):
        prefix = sentence[: match.start()].rstrip(" ,")
        if len(prefix) > limit:
            return None
        if _enough(prefix):
            return prefix
    return None


def _last_boundary(pattern: re.Pattern[str], sentence: str, limit: int) -> str | None:
    """The sentence up to the last phrase boundary that fits, if that leaves enough words."""
    best = None
    for match in pattern.finditer(sentence):
        prefix = sentence[: match.start()].rstrip(" ,")
        if len(prefix) > limit:
            break
        if _enough(prefix) and _ends_cleanly(prefix, match.group()):
            best = prefix
    return best


def shorten(title: str, limit: int) -> str:
    """``title`` if it has at most ``limit`` characters, else cut at a word boundary + ``…``."""
    if len(title) <= limit:
        return title
    cut = title[: limit + 1].rsplit(" ", 1)[0][:limit].rstrip(" ,;:-\u2013\u2014")
    return f"{cut}…"


def without_title(
    summary: Sequence[str], title: str, *, language: str | None = None
) -> list[str]:
    """``summary`` without the sentences that merely repeat ``title`` (its headline's source).

    A headline made from the lede, or a given title that copies it, would otherwise be read
    twice: once as the title and again as the first bullet. The summary keeps at least one
    sentence.
    """
    kept = [sentence for sentence in summary if not repeats_title(sentence, title, language)]
    return kept or list(summary)


def repeats_title(sentence: str, title: str, language: str | None = None) -> bool:
    """Is ``title`` this sentence's headline (in ``language``), or its opening words?"""
    stem = _squash(title.removesuffix("…"))
    return bool(stem) and (
        headline(sentence, language=language) == title or _squash(sentence).startswith(stem)
    )


def _squash(text: str) -> str:
    return "".join(text.split()).casefold()
