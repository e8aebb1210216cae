"""Sentences that lean on the one before them, and the rule that keeps them out of the lead.

An extractive summary lifts sentences out of their context. One that opens with a pronoun
("He was addressing MSMEs, …") or a connective ("However, …") refers back to something the
reader of the summary may never have seen. :func:`leans_back` recognises such an opening;
:class:`summarizer.api` then chooses such a sentence only when the sentence it refers back to
(the one before it in the brief) is chosen too, or when it is not the summary's first sentence,
so a summary never opens by pointing at what it left out.

The word lists are English, closed and short on purpose: a false positive costs little (the
sentence can still be chosen after another), a false negative costs a confusing opening.
"""

from __future__ import annotations

import re

__all__ = ["leans_back"]

# Personal and demonstrative pronouns that need an antecedent. "I" and "We" are left out:
# in news copy they open quotations, whose speaker the surrounding sentence names anyway.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PRONOUNS = _words(
    "he she they it him her them his hers their theirs its this these that those such"
)
# Connectives whose meaning is "in relation to what was just said".
_CONNECTIVES = _words(
    """also and but however meanwhile moreover furthermore additionally besides therefore thus
    hence consequently nevertheless nonetheless still yet instead similarly likewise otherwise
    accordingly then"""
)
_PHRASES = (
    "in addition",
    "as a result",
    "on the other hand",
    "at the same time",
    "in turn",
    "apart from this",
    "apart from that",
    "for his part",
    "for her part",
    "for their part",
    "in this regard",
    "in this context",
    "to this end",
)
# The first word after any opening quotes or brackets, and the text that follows it.
_FIRST_WORD = re.compile(r"[\"'\u201c\u2018(\[]*([A-Za-z]+)\b")


def leans_back(sentence: str) -> bool:
    """Does ``sentence`` open with a pronoun or connective that refers to an earlier one?"""
    match = _FIRST_WORD.match(sentence.lstrip())
    if match is None:
        return False
    word = match.group(1)
    if not word[0].isupper():  # a lower-case opening is a fragment, not a reference
        return False
    lowered = word.lower()
    if lowered in _PRONOUNS or lowered in _CONNECTIVES:
        return True
    opening = " ".join(sentence.lstrip()[match.start(1) :].lower().split()[:4])
    return any(
        opening == phrase or opening.startswith(phrase + " ") or opening.startswith(phrase + ",")
        for phrase in _PHRASES
    )
