"""A few key terms per brief, for listing what one can follow.

Candidates are capitalised phrases ("Defence Research and Development Organisation",
"Time Warner") and single non-stopword words. Each candidate is keyed by its lowercased,
lightly stemmed form (plural and -ing/-ed endings dropped) so "tariff" and "tariffs"
count together, and shown in its most frequent surface form; in Russian by its lemma
("Москвы" and "Москве" count together) and shown in the nominative ("Москва"). The score
is a TF-IDF-like signal without a corpus: occurrences in the body, plus a bonus for
appearing in the title (the strongest hint of what the brief is about) and in the summary,
times a bonus for phrases; single common words need at least two occurrences. A person's
name counts its surname written alone ("John Healey", "Healey said";
:mod:`ingest.topic_persons`), and a role before it is none of it (:mod:`ingest.topic_titles`).
Ties break to a person's name first, then alphabetically, so the result is deterministic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from ingest.credits import news_text
from ingest.topic_names import (
    NAME_ARTICLES,
    after_role,
    connects,
    fits,
    names_in_run,
    opens_named_pair,
)
from ingest.topic_pairs import is_uncased, runs_to_join
from ingest.topic_persons import ARTICLES, Capitals, count_surnames_with_names, person_names
from ingest.topic_tokens import (
    WORDS,
    join_pairs,
    sentences,
    shout_to_lower,
    text_tokens,
    tokens_and_breaks,
    without_addresses,
)
from ingest.topic_words import TopicWords, topic_words
from ingest.word_forms import NAME_TAIL_WORDS, WordForms
from summarizer.languages import MAX_STEMMED_CHARS
from summarizer.segmentation import CJK

MAX_TOPICS = 5
TITLE_BONUS = 3.0
SUMMARY_BONUS = 1.0
PHRASE_FACTOR = 1.5
# A brief of more distinct words than this has its words counted as written: looking each up
# in a dictionary costs up to 0.1 ms, so a hostile 200,000-character brief of made-up words
# took 3.2 s of CPU (0.6 s at most now). News has far fewer (NTREX's Russian documents at most
# 433, the 2,225 BBC articles at most 1,353). Below the readings' memo (2,048 words,
# ingest.word_forms): at 2,500, 2,400 made-up names looked up in pairs missed it every time (4.1 s).
MAX_LOOKED_UP_WORDS = 2_000
_CJK = re.compile(f"[{CJK}]")


def _stem(word: str) -> str:
    # A token longer than any word (a hostile brief's) is its own key, never memoised.
    return word if len(word) > MAX_STEMMED_CHARS else _light_stem(word)


@lru_cache(maxsize=65536)
def _light_stem(word: str) -> str:
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + replacement
    return word


def _key(words: Sequence[str], forms: WordForms | None = None) -> str:
    """What ``words`` count under: their lemmas where the language has ``forms``, else their
    light stems ("tariffs" is "tariff"); an initialism's without its stops ("B.P. Singh" and
    "BP Singh", one release's two spellings, count as one)."""
    if forms is not None:
        return " ".join(forms.lemma(w) for w in words)
    return " ".join(_stem(w.lower().replace("\u2019", "'").replace(".", "")) for w in words)


def _flush(
    run: list[str], found: list[tuple[str, str, bool]], words: TopicWords, *, role: bool = False
) -> None:
    for name in names_in_run(run, words, after_role=role):
        _add_name(name, found, words)
    run.clear()


def _add_name(run: list[str], found: list[tuple[str, str, bool]], words: TopicWords) -> None:
    # A name of name words alone ("Januar", "Nouveau") is no topic; "Erste Bank" is.
    if run and fits(run, words) and any(w.lower() not in words.never for w in run):
        found.append((_key(run, words.forms), " ".join(run), True))


def _candidates(text: str, words: TopicWords) -> tuple[list[tuple[str, str, bool]], Capitals]:
    """``(key, surface, is_phrase)`` for every candidate occurrence in ``text``, and what it
    says of its words' capitals (:class:`ingest.topic_persons.Capitals`).

    A phrase is a run of capitalised words (joined by "of", "and", ...); a possessive
    ends a run, so "Arsenal's Sol Campbell" gives "Arsenal" and "Sol Campbell". A word alone
    that opens its sentence, capitalised on its first letter only, is a phrase only if the
    text also capitalises it inside one: a capital there says only where the word stands
    (before, an opening "Instead", "Вместо" or "Außerdem" was a name and one of a short
    brief's topics).
    """
    found: list[tuple[str, str, bool]] = []
    openers: set[int] = set()  # positions in found of the one-word runs opening a sentence
    inside: set[str] = set()  # keys of the words capitalised inside a sentence
    articled: set[str] = set()  # those of them right after an article ("the Navy")
    articles: dict[int, str] = {}  # where an article opening a sentence or clause was left out
    after_article: dict[int, str] = {}  # positions in found of the names after one, and it
    adjacent: list[tuple[int, int]] = []  # positions in found of uncased words side by side

    def flush(run: list[str], start: int) -> None:
        before = len(found)
        # A capital after the first letter ("SNL", "McCain", "Al-Moualem") marks a name anywhere.
        opener = start == 0 and len(run) == 1 and not any(c.isupper() for c in run[0][1:])
        _flush(run, found, words, role=after_role(tokens, start, words))
        if opener and len(found) > before:
            openers.add(before)
        if start - 1 in articles and len(found) > before:
            after_article[before] = articles[start - 1]

    for sentence in sentences(join_pairs(text)):
        articles.clear()
        pairs = tokens_and_breaks(sentence)
        raw, breaks = [token for token, _ in pairs], [brk for _, brk in pairs]
        possessive = [t.endswith(("'s", "\u2019s")) for t in raw]
        tokens = [t[:-2] if p else t for t, p in zip(raw, possessive, strict=True)]
        run: list[str] = []
        adjectives_taken: set[int] = set()  # positions already in a term or name
        uncased_at: dict[int, int] = {}  # token index -> position in found, uncased words
        start = 0  # where the run began
        for index, token in enumerate(tokens):
            lowered = token.lower()
            if breaks[index] and run:
                flush(run, start)
            # Contractions (don't, I've), and Chinese or Japanese, where without a segmenter
            # a run of characters is a whole clause, never a term: no candidates, a name ends.
            if "'" in token or "\u2019" in token or _CJK.search(token):
                if run:
                    flush(run, start)
                continue
            # A function word capitalised where a sentence, a quote or a clause may open
            # opens no name; inside a sentence it is a name's ("La Paz", "Le Pen").
            opening = index == 0 or breaks[index]
            capital = token[:1].isupper() and (
                not opening or lowered not in words.edges or opens_named_pair(tokens, index, words)
            )
            if opening and token[:1].isupper() and lowered in NAME_ARTICLES:
                articles[index] = token  # "El" of "El Salvador votó"
            joins = bool(run) and connects(tokens, breaks, index, run, words)
            if capital or joins:
                if index > 0 and capital:
                    word_key = _key([token], words.forms)
                    inside.add(word_key)
                    if tokens[index - 1].lower() in ARTICLES:
                        articled.add(word_key)
                if run and start == 0 and len(run) == 1 and _common_opening(run[0], words):
                    run.clear()  # "Мэр Москвы": the opening common noun is no part of the name
                if capital and run and words.forms and words.forms.opens_person(run[-1], token):
                    flush(run, start)  # "Москвы Сергей Собянин": a place, then a person
                if not run:
                    start = index
                run.append(token)
                if possessive[index]:
                    flush(run, start)
                continue
            # French puts adjectives after their noun: "Parti socialiste" is one name and
            # "commission électorale" one term (topic_words' adjective endings), as is
            # "Ligue arabe" after a connector ("Mission de la Ligue arabe").
            after_one = len(run) == 1 or (len(run) > 2 and run[-2].lower() in words.joining)
            if run and after_one and _adjective(lowered, words) and not breaks[index]:
                run.append(token)
                flush(run, start)
                continue
            # Russian capitalises a name's first word only: "Белого дома" (an adjective and
            # its noun), "Министерства обороны" (a noun and its genitive). Inside a sentence,
            # or opening one after an institution's head: an opening capital says nothing
            # else ("Крупный пожар", "Глава ведомства").
            tail = 0
            forms = words.forms
            if forms is not None and run and len(run) == 1:  # a language with word forms only
                lower = _lower_words(tokens, breaks, index)
                if lower and (start > 0 or forms.opens_name(run[0], lower)):
                    tail = forms.name_tail(run[0], lower)
            if tail:
                run += tokens[index : index + tail]
                adjectives_taken.update(range(index + 1, index + tail))
                flush(run, start)
                continue
            if run:
                flush(run, start)
            if index in adjectives_taken:
                continue
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            noun_phrase = _adjective(following, words) and not breaks[index + 1]
            if noun_phrase and _common_word(lowered, words):
                adjectives_taken.add(index + 1)
                pair = [lowered, following]
                found.append((_key(pair, words.forms), " ".join(pair), True))
                continue
            if _common_word(lowered, words) and (words.lower_case_topics or token[:1].isupper()):
                if is_uncased(token):
                    uncased_at[index] = len(found)
                    if index - 1 in uncased_at and not breaks[index]:
                        adjacent.append((uncased_at[index - 1], len(found)))
                found.append((_key([lowered], words.forms), lowered, False))
        flush(run, start)
    # A name after an article left out counts with it where the brief writes the two inside a
    # sentence too ("El Salvador votó" and "viajó a El Salvador": they were counted apart, and
    # neither made the topics); where it does not, the name is the word ("La France a dit").
    keys = {key for key, _, phrase in found if phrase}
    for position, article in after_article.items():
        key, surface, phrase = found[position]
        joined = f"{_key([article])} {key}"
        if joined in keys:
            found[position] = (joined, f"{article} {surface}", phrase)
    # Where no capital tells a name, two words the text writes side by side again and again
    # are one term ("उत्तर कोरिया", North Korea: ingest.topic_pairs).
    joined_away: set[int] = set()
    for term in runs_to_join(adjacent, [key for key, _, _ in found]):
        parts = [found[position] for position in term]
        found[term[0]] = (" ".join(p[0] for p in parts), " ".join(p[1] for p in parts), True)
        joined_away.update(term[1:])
    kept: list[tuple[str, str, bool]] = []
    for position, (key, surface, phrase) in enumerate(found):
        if position in joined_away:
            continue
        named = position not in openers or key in inside
        if named or _common_word(surface.lower(), words):
            kept.append((key, surface, phrase and named))
    lower_case = {key for key, surface, phrase in kept if not phrase and surface.islower()}
    return kept, Capitals(frozenset(inside), frozenset(articled), frozenset(lower_case))


def _overlap(content: set[str], other: set[str], key: str) -> bool:
    """Whether a key's content words say what a chosen key's say: any shared word, but two
    names sharing only their last word are two ("Boris Johnson", "Mike Johnson"; "North
    Korea", "South Korea")."""
    shared = content & other
    last = key.rsplit(" ", 1)[-1]
    return bool(shared) and not (shared == {last} and len(content) > 1 and len(other) > 1)


def _common_opening(word: str, words: TopicWords) -> bool:
    """Whether a sentence's capitalised first word is a common noun the dictionary knows
    ("Мэр", "Глава", "Президент"), where the language has one: then the name after it
    starts without it, unless it heads an institution's ("Совет Федерации")."""
    forms = words.forms
    return forms is not None and forms.common_noun(word) and not forms.opens_name(word, [])


def _lower_words(tokens: Sequence[str], breaks: Sequence[bool], index: int) -> list[str]:
    """The lower-case words from ``index`` on (at most a name's tail, NAME_TAIL_WORDS) that no
    punctuation parts."""
    found: list[str] = []
    end = index + NAME_TAIL_WORDS
    for token, parted in zip(tokens[index:end], breaks[index:end], strict=True):
        if parted or not token.islower():
            break
        found.append(token)
    return found


def _adjective(token: str, words: TopicWords) -> bool:
    """A lower-case word that reads as an adjective following its noun (French)."""
    return (
        bool(words.adjectives)
        and token.isalpha()  # no elided article: "d'effectifs" is a noun's
        and token.islower()
        and len(token) >= 5
        and token not in words.never
        and token.endswith(words.adjectives)
    )


def _common_word(lowered: str, words: TopicWords) -> bool:
    """Whether a lower-cased word outside any name may be a topic. Where the language has a
    dictionary, neither a verb form ("сообщило") nor a form of a word the lists name by its
    lemma ("которым", "другие": "который", "другой")."""
    # Three letters make a word of a script without capitals, whose stop words are listed
    # ("غزة", Gaza, "עזה", "शाह", Shah, were never topics); in others they are as often an
    # abbreviation's or a function word's.
    if lowered in words.never or len(lowered) <= (2 if is_uncased(lowered) else 3):
        return False
    if "-" in lowered and lowered.rsplit("-", 1)[1] in words.clitics:
        return False  # a verb and its pronoun: "a-t-il", "disse-me"
    forms = words.forms
    return forms is None or not (forms.verb(lowered) or forms.lemma(lowered) in words.never)


def extract_topics(
    title: str | None,
    summary: Sequence[str],
    text: str,
    *,
    limit: int = MAX_TOPICS,
    language: str | None = None,
    dictionary_forms: bool = True,
) -> list[str]:
    """Up to ``limit`` key terms of a brief, most telling first.

    Terms come from the body; the title and summary only raise the score of terms the body
    has (a headline in Title Case would otherwise turn into one long "name"). Single words
    that are stop words of ``language`` (ISO 639-1) as well as English ones are left out.
    In a language with dictionary forms (Russian: :mod:`ingest.word_forms`) a word's forms
    count as one and a topic is shown in the nominative; ``dictionary_forms=False`` counts and
    shows the words as written, as before (for the benchmark's side-by-side run), as does a
    brief of over :data:`MAX_LOOKED_UP_WORDS` distinct words.
    """
    # its author, photographer and links are not what it is about
    text = without_addresses(news_text(text, language))
    words = topic_words(language)
    reads_names = words.forms is not None  # the language's, whether or not its forms are used
    if not dictionary_forms or (
        words.forms is not None and len(set(WORDS.findall(text))) > MAX_LOOKED_UP_WORDS
    ):
        words = replace(words, forms=None)
    forms = words.forms
    occurrences, capitals = _candidates(text, words)
    body = Counter(key for key, _, _ in occurrences)
    surfaces: dict[str, Counter[str]] = {}
    is_phrase: dict[str, bool] = {}
    for key, surface, phrase in occurrences:
        surfaces.setdefault(key, Counter())[surface] += 1
        is_phrase[key] = is_phrase.get(key, False) or phrase
    persons = [] if reads_names else person_names(body, is_phrase, surfaces, words, capitals)
    surnames = count_surnames_with_names(body, surfaces, persons)
    title_tokens = text_tokens(join_pairs(shout_to_lower(title or "").replace("'s ", " ")))
    title_words = set(_key(title_tokens, forms).split())
    summary_words = set(_key(text_tokens(join_pairs(" ".join(summary))), forms).split())
    scores: dict[str, float] = {}
    for key, count in body.items():
        if forms is not None and not is_phrase[key]:
            # A common word counts its most frequent form only: summed, a word's many forms
            # outweighed the names (benchmarks/README.md, "Languages: the record").
            forms_written = Counter[str]()
            for surface, times in surfaces[key].items():
                forms_written[surface.lower()] += times  # "Контракт" opening a sentence too
            count = max(forms_written.values())
        key_words = key.split()
        if any(len(word) > MAX_STEMMED_CHARS for word in key_words):
            continue  # a token longer than any word (a hostile brief's) is no topic
        in_title = all(word in title_words for word in key_words)
        if key in surnames:  # "Healey visits Estonia" over "John Healey"
            in_title = in_title or surnames[key] in title_words
        if not is_phrase[key] and count < 2 and not in_title:
            continue
        in_summary = all(word in summary_words for word in key_words)
        score = count + TITLE_BONUS * in_title + SUMMARY_BONUS * in_summary
        scores[key] = score * (PHRASE_FACTOR if is_phrase[key] else 1.0)
    chosen: list[set[str]] = []  # the content words of the keys chosen
    shown: list[str] = []
    # Connectors are no content: "Ministry of Defence" shares nothing with "Bank of England".
    # Of two as telling, a person's name first: "Wang Yi" before "Wang", which it would hide.
    named = set(persons)
    for key in sorted(scores, key=lambda k: (-scores[k], k not in named, k)):
        content = set(key.split()) - words.joining
        if any(_overlap(content, other, key) for other in chosen):
            continue
        surface = max(sorted(surfaces[key]), key=lambda s: surfaces[key][s])
        if forms is not None:
            surface = " ".join(forms.nominative(surface.split()))
            if surface.lower() in {other.lower() for other in shown}:
                continue  # two lemmas the dictionary tells apart, one word in the nominative
        chosen.append(content)
        shown.append(surface)
        if len(chosen) == limit:
            break
    return shown
