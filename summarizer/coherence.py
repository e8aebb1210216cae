"""Sentences that lean on the one before them, and the rule that keeps them out of the lead.

An extractive summary lifts sentences out of their context. One that opens with a pronoun
("He was addressing MSMEs, …") or a connective ("However, …") refers back to something the
reader of the summary may never have seen. :func:`leans_back` recognises such an opening;
:class:`summarizer.api` then chooses such a sentence only when the sentence it refers back to
(the one before it in the brief) is chosen too, or when it is not the summary's first sentence,
so a summary never opens by pointing at what it left out.

The word lists are closed and short on purpose: a false positive costs little (the sentence
can still be chosen after another), a false negative costs a confusing opening. English's are
below; French, German, Spanish, Hindi and Russian have their own (:data:`_OPENINGS`: "Il",
"Cependant", "Er", "Jedoch", "Sin embargo", "इसके अलावा", Russian's "Однако" ...). Any other
language is read with English's, as every brief was before the briefs' languages were told
apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class _Openings:
    """One language's leaning openings: single words, and phrases of two words or more."""

    words: frozenset[str]
    phrases: tuple[str, ...]


def _openings(words: str, phrases: str) -> _Openings:
    return _Openings(
        _words(words), tuple(" ".join(p.split()) for p in phrases.split(";") if p.strip())
    )


# Subject and demonstrative pronouns, demonstrative determiners ("Cette mesure ...", "Diese
# Schiffe ...": "This initiative" leans in English too) and connectives, lower-cased.
_OPENINGS = {
    "fr": _openings(
        """il elle ils elles ce cet cette ces cela ceci ça celui celle ceux celles c'est son sa ses
        leur leurs celui-ci celle-ci ceux-ci celles-ci
        mais cependant toutefois pourtant néanmoins ainsi donc alors aussi également ensuite
        puis enfin sinon or""",
        """par ailleurs; en outre; de plus; en revanche; par conséquent; de même; au contraire;
        en effet; en conséquence; dans ce cadre; à cet égard; pour sa part; pour leur part;
        de son côté; de leur côté; d'autre part; selon lui; selon elle; selon eux; selon elles;
        quant à lui; quant à elle; quant à eux; quant à elles""",
    ),
    "de": _openings(
        """er sie es ihm ihn ihr ihnen dies diese dieser dieses diesem diesen jene jener jenes
        sein seine seinen seinem seiner ihre ihren ihrem ihrer dessen deren dort doch dann so
        aber jedoch allerdings außerdem zudem ferner dennoch trotzdem daher deshalb deswegen
        somit folglich also damit dabei dafür dazu dadurch darauf danach hierbei hierzu auch
        ebenso ebenfalls stattdessen gleichzeitig zugleich hingegen daraufhin demnach""",
        """darüber hinaus; aus diesem grund; im gegenzug; im gegensatz dazu; vor diesem
        hintergrund; zu diesem zweck""",
    ),
    "es": _openings(
        """él ella ellos ellas esto este esta estos estas eso ese esa esos esas dicho dicha su sus
        dichos dichas éste ésta éstos éstas pero además asimismo también igualmente incluso
        entonces así aunque posteriormente""",
        """sin embargo; no obstante; por ello; por eso; por lo tanto; por tanto; en cambio; por
        otra parte; por otro lado; por su parte; de igual manera; de este modo; de esta manera;
        aun así; en este sentido; a su vez; al respecto; según él; según ella; según ellos;
        según ellas""",
    ),
    "hi": _openings(
        """यह वह ये वे इस उस इन उन इसे उसे इन्हें उन्हें इसके उसके इनके उनके इसकी उसकी इनकी उनकी
        इसका उसका इनका उनका इसमें उसमें इससे उससे इसी उसी इन्होंने उन्होंने इसने उसने लेकिन
        परंतु परन्तु किंतु किन्तु हालांकि हालाँकि इसलिए अतः वहीं तथापि फिर""",
        """साथ ही; इसके अलावा; इसके साथ ही; इसके बाद; इसके बावजूद; दूसरी ओर; बाद में""",
    ),
    "ru": _openings(
        """он она оно они его её ее их ему ей им это этот эта эти эту этому этого этой этим
        этих этом ими тот та те того той такой такая такое такие такую таким таких данный данная
        данное там тогда поэтому однако но зато также тоже причём причем впрочем затем потом
        ведь следовательно итак всё-таки все-таки""",
        """всё же; все же; кроме того; кроме этого; при этом; тем не менее; в то же время;
        вместе с тем; между тем; тем временем; к тому же; более того; в свою очередь; помимо
        этого; помимо того; после этого; несмотря на это; из-за этого; в связи с этим; в этой
        связи; таким образом; тем самым; по его словам; по её словам; по ее словам; по их
        словам""",
    ),
}
# Opening marks before the first word: quotes, brackets, Spanish's inverted marks.
_OPENING_MARKS = "\"'\u201c\u2018\u201e\u00ab([\u00bf\u00a1"
# Marks that may follow a word: "Cependant," "Jedoch:" "हालांकि," ...
_TRAILING_MARKS = ',;:.!?\u0964\u00bb\u201d\u2019")]'


def leans_back(sentence: str, language: str | None = None) -> bool:
    """Does ``sentence`` open with a pronoun or connective that refers to an earlier one?

    ``language`` (ISO 639-1) chooses the word lists; English's for ``None`` or a language
    without lists of its own.
    """
    openings = _OPENINGS.get(language or "en")
    if openings is None:
        return _leans_back_english(sentence)
    words = sentence.lstrip().lstrip(_OPENING_MARKS).split()[:4]
    if not words:
        return False
    first = words[0].rstrip(_TRAILING_MARKS)
    if not first or first[0].islower() or not first[0].isalpha():
        return False  # a lower-case opening is a fragment, a digit a figure
    lowered = [word.rstrip(_TRAILING_MARKS).lower().replace("\u2019", "'") for word in words]
    if lowered[0] in openings.words:
        return True
    opening = " ".join(lowered)
    return any(opening == phrase or opening.startswith(phrase + " ") for phrase in openings.phrases)


def _leans_back_english(sentence: str) -> bool:
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
