"""The query strings each database's full-text search is given for parsed search terms
(:func:`storage.search.parse_query`): an FTS5 MATCH string for SQLite, a ``to_tsquery`` one
for PostgreSQL. See :mod:`storage.search` for what a query matches."""

from __future__ import annotations

from storage.search import MatchWord, SearchTerm


def has_phrase(terms: list[SearchTerm]) -> bool:
    return any(term.is_phrase for term in terms)


def fts5_match_expression(terms: list[SearchTerm], *, adjacent: bool = True) -> str:
    """An FTS5 MATCH string; every word is double-quoted, so nothing is parsed as syntax.

    ``adjacent=False`` relaxes each phrase to all of its words anywhere (the
    candidate window, see the module docstring).
    """

    def word(w: MatchWord) -> str:
        return f'"{w.prefix}"*' if w.prefix else f'"{w.exact}"'

    def alone(w: MatchWord) -> str:
        # its prefix (or exact form), the exact form, a brief's tagged stems, all its pairs
        forms = [word(w), *([f'"{w.exact}"'] if w.prefix else []), *(f'"{s}"' for s in w.stems)]
        forms += [f'"{p}"*' for p in w.prefixes]
        if w.all_of:
            forms.append("(" + " AND ".join(f'"{tag}"' for tag in w.all_of) + ")")
        return f"({' OR '.join(forms)})" if len(forms) > 1 else forms[0]

    def phrase_words(term: SearchTerm) -> str:
        first, *rest = term.words
        if not adjacent:  # the words anywhere, the first in any of its spellings
            firsts = [word(w) for w in (first, *first.spellings)]
            either = f"({' OR '.join(firsts)})" if first.spellings else firsts[0]
            return " AND ".join([either, *map(word, rest)])
        # FTS5 has no OR inside a phrase: a phrase for each spelling of its first word
        phrases = [" + ".join(map(word, (w, *rest))) for w in (first, *first.spellings)]
        return " OR ".join(f"({p})" for p in phrases) if first.spellings else phrases[0]

    parts = []
    for term in terms:
        if term.is_phrase:
            joined = phrase_words(term)
            single = adjacent and term.alternative is None and not term.words[0].spellings
            phrase = joined if single else f"({joined})"
            alternative = term.alternative
            parts.append(f"({phrase} OR {alone(alternative)})" if alternative else phrase)
        else:
            parts.append(alone(term.words[0]))
    return " AND ".join(parts)


def tsquery_expression(terms: list[SearchTerm], *, adjacent: bool = True) -> str:
    """A ``to_tsquery('simple', ...)`` string; words are only letters/digits, so it parses.

    ``adjacent=False`` relaxes each phrase (``<->``) to all of its words (``&``).
    """

    def word(w: MatchWord) -> str:
        return f"{w.prefix}:*" if w.prefix else w.exact

    def alone(w: MatchWord) -> str:
        forms = [word(w), *([w.exact] if w.prefix else []), *w.stems]
        forms += [f"{p}:*" for p in w.prefixes]
        if w.all_of:
            forms.append("(" + " & ".join(w.all_of) + ")")
        return f"({' | '.join(forms)})" if len(forms) > 1 else forms[0]

    parts = []
    for term in terms:
        if term.is_phrase:
            joiner = " <-> " if adjacent else " & "
            first, *rest = term.words
            spelt = [word(w) for w in (first, *first.spellings)]
            either = f"({' | '.join(spelt)})" if first.spellings else spelt[0]
            phrase = "(" + joiner.join([either, *map(word, rest)]) + ")"
            alternative = term.alternative
            parts.append(f"({phrase} | {alone(alternative)})" if alternative else phrase)
        else:
            parts.append(alone(term.words[0]))
    return " & ".join(parts)
