"""The languages a brief may be summarised in: detection, stop words and stemmers.

A language is named by its ISO 639-1 code (``en``, ``fr``, ``de``, ``es``, ``hi``, ``ru``). For each
the summarizer knows:

* stop words: sumy's bundled list (English, French, German, Spanish), plus the commonest
  function words sumy's lists lack (its French list has no ``de``, ``une`` or ``à``, its
  Spanish one no ``de``, ``que`` or ``y``); Hindi and Russian have none in sumy, so a short
  list of their function words (postpositions or prepositions, auxiliaries, pronouns) stands in;
* elisions: French's ``l'``, ``d'``, ``qu'`` ... are cut off a word (``l'école`` is ``école``);
* a stemmer: Snowball's (the ``snowballstemmer`` package, which has Hindi; NLTK's has not).

A language beyond these six that sumy or Snowball has stop words for or Snowball a stemmer
for (Italian, Portuguese, Dutch, Polish, Swedish, Turkish ... :data:`RANKED_LANGUAGES`) is
ranked with what exists (sumy's stop list, else Snowball's from ``stopwords/``), nothing more
(its sentences are split with English's rules, and the bot's other per-language lists do not
know it). Any other code is summarised with word statistics alone: no stop words, lower-cased
words as their own stems.

Detection is py3langid's naive Bayes model (shipped in the wheel, nothing downloaded), on the
first :data:`DETECTION_CHARS` characters. See benchmarks/README.md, "Why py3langid".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from sumy.utils import get_stop_words

__all__ = [
    "DEFAULT_LANGUAGE",
    "DETECTION_CHARS",
    "SUMMARY_LANGUAGES",
    "Lexicon",
    "detect_language",
    "is_language_code",
    "lexicon",
]

DEFAULT_LANGUAGE = "en"
DETECTION_CHARS = 2_000
# Code -> the name sumy and Snowball use for it.
SUMMARY_LANGUAGES = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "es": "spanish",
    "hi": "hindi",
    "ru": "russian",
}
# Languages ranked only with what sumy (stop words) and Snowball (a stemmer) have for them:
# code -> the name they use. Chinese, Japanese, Korean and Thai, whose sumy lists hold words,
# are left out: without a segmenter their text is read a character at a time.
RANKED_LANGUAGES = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "eo": "esperanto", "et": "estonian", "fi": "finnish",
    "el": "greek", "he": "hebrew", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian",
    "fa": "persian", "pl": "polish", "pt": "portuguese", "ro": "romanian", "sr": "serbian",
    "sk": "slovak", "sv": "swedish", "ta": "tamil", "tr": "turkish", "uk": "ukrainian",
    "yi": "yiddish",
}  # fmt: skip
# Hindi function words (sumy ships no Hindi list): postpositions, auxiliaries, pronouns,
# conjunctions and particles that occur in nearly every sentence of news prose.
_HINDI_FUNCTION_WORDS = """
    का के की को में से पर ने तक लिए द्वारा साथ बाद पहले और या तथा एवं लेकिन परंतु किंतु
    कि जो जिस जिसे जिन जिनके जिसके जिसकी यह ये वह वे इस इन उस उन इसे उसे इसके उसके इसकी
    उसकी इनके उनके उनकी इनकी इसका उसका उनका इनका है हैं था थे थी थीं हो होगा होगी होंगे
    होने हुआ हुए हुई रहा रहे रही गया गए गई गयी कर करने करते करता करती किया किए की
    जा जाता जाती जाते जाने भी ही तो न नहीं कोई कुछ सभी सब अपने अपना अपनी मैं हम आप
    वाले वाला वाली एक अब यहाँ वहाँ कहा बताया
    """
_HINDI_STOP_WORDS = frozenset(_HINDI_FUNCTION_WORDS.split())
# Russian function words (sumy ships no Russian list): prepositions, conjunctions, particles,
# pronouns in their commonest cases, and the forms of "to be" and "which".
_RUSSIAN_FUNCTION_WORDS = """
    в во на и а но или да что чтобы как так это этот эта эти этого этой этом этим этих тот та
    те того той тем том то по с со к ко у о об обо от до из за для при без над под про через
    после перед между около также тоже уже ещё еще лишь только даже же ли бы не ни нет вот
    он она оно они мы вы я ты его её ее их ему ей им ими него неё нее них ним нему нам вам нас
    вас мне меня себя себе свой своя своё свое свои своего своей своих был была были было будет
    будут быть есть является являются который которая которые которое которого которой
    которых которым котором которую все всё весь вся всех всем если когда где там тут здесь
    тогда потом очень более менее может можно нужно также чем чему кто кого какой какая какие
    """
_RUSSIAN_STOP_WORDS = frozenset(_RUSSIAN_FUNCTION_WORDS.split())
# Frequent function words missing from sumy's lists (checked against sumy 0.11's files).
_MISSING_STOP_WORDS = {
    "french": """de d l à a un une y ne n qu c s j m t se leurs lui on eux cet cette dont
        être ont était aux plus été sont""",
    "german": "war wurde hat haben man wurden worden",
    "spanish": "de del y o a al que se son han no más este",
}
# Languages that write compounds as one word; only German among those measured
# (benchmarks/README.md, "Languages: the record": German's figures with and without).
_COMPOUNDING = frozenset({"german"})
_ELISIONS = {"french": ("l", "d", "qu", "c", "n", "s", "j", "m", "t", "jusqu", "lorsqu", "puisqu")}


@dataclass(frozen=True)
class Lexicon:
    """What ranking needs of a language: its stop words and a (memoised) stemmer."""

    code: str
    stop_words: frozenset[str]
    stem: Callable[[str], str]
    # Elided words that open a token before an apostrophe: "l" of "l'école".
    elisions: frozenset[str] = frozenset()
    # Writes compounds as one word ("Krebsimpfstoff" of "Krebs" and "Impfstoff"): ranking
    # also matches its long words on their 4-letter pieces (see summarizer.algorithms.briefrank).
    compounds: bool = False

    def content_form(self, lowered: str) -> str:
        """A lower-cased token without its elided opening word (``l'école`` -> ``école``)."""
        if self.elisions:
            for apostrophe in "'\u2019":
                head, mark, rest = lowered.partition(apostrophe)
                if mark and rest and head in self.elisions:
                    return rest
        return lowered


def is_language_code(value: str) -> bool:
    """Two lower-case ASCII letters, as ISO 639-1 codes are written."""
    return len(value) == 2 and value.isascii() and value.isalpha() and value.islower()


def _no_stem(word: str) -> str:
    return word.lower()


@cache
def lexicon(code: str | None) -> Lexicon:
    """The lexicon of ``code``: a summary language's; sumy's (else Snowball's) stop words and
    Snowball's stemmer, where they exist, for one of :data:`RANKED_LANGUAGES`; else word
    statistics alone."""
    name = SUMMARY_LANGUAGES.get(code or DEFAULT_LANGUAGE)
    if name is None:
        return _ranked_only(code or "")
    if name == "hindi":
        stop_words = _HINDI_STOP_WORDS
    elif name == "russian":
        stop_words = _RUSSIAN_STOP_WORDS
    else:
        missing = _MISSING_STOP_WORDS.get(name, "").split()
        stop_words = frozenset(get_stop_words(name)) | frozenset(missing)
    elisions = frozenset(_ELISIONS.get(name, ()))
    compounds = name in _COMPOUNDING
    return Lexicon(code or DEFAULT_LANGUAGE, stop_words, _snowball(name), elisions, compounds)


def _ranked_only(code: str) -> Lexicon:
    name = RANKED_LANGUAGES.get(code)
    if name is None:
        return Lexicon(code, frozenset(), _no_stem)
    import snowballstemmer

    stop_words = _ranked_stop_words(name)
    stem = _snowball(name) if name in snowballstemmer.algorithms() else _no_stem
    return Lexicon(code, stop_words, stem)


def _ranked_stop_words(name: str) -> frozenset[str]:
    """sumy's stop words for ``name``, else Snowball's (shipped in ``stopwords/``), else none."""
    try:
        return frozenset(get_stop_words(name))
    except LookupError:  # sumy has no list for it
        pass
    shipped = resources.files("summarizer").joinpath("stopwords", f"{name}.txt")
    if not shipped.is_file():
        return frozenset()
    return frozenset(word for word in shipped.read_text("utf-8").split())


def _snowball(name: str) -> Callable[[str], str]:
    """Snowball's stemmer for ``name``, memoised: stemming dominates ranking's run time.

    English keeps the stemmer it has always had (sumy's, which is NLTK's Snowball port), so
    English rankings are unchanged; the other languages use the ``snowballstemmer`` package.
    """
    if name == "english":
        from sumy.nlp.stemmers import Stemmer

        return _short_words_only(lru_cache(maxsize=1 << 16)(Stemmer(name)))
    import snowballstemmer

    # A Snowball stemmer keeps the word it works on in itself, so two threads sharing one
    # (in-process summaries run in worker threads) get each other's stems or an IndexError:
    # each thread has its own.
    per_thread = threading.local()

    @lru_cache(maxsize=1 << 16)
    def stem(word: str) -> str:
        stemmer = getattr(per_thread, "stemmer", None)
        if stemmer is None:
            stemmer = per_thread.stemmer = snowballstemmer.stemmer(name)
        result: str = stemmer.stemWord(word.lower())
        return result

    return _short_words_only(stem)


# No word of any language is this long (German's longest official compounds have about 65
# letters): a longer token is stemmed as itself, so a hostile brief's 100,000-letter "words"
# neither fill the memo (each entry holds its word) nor cost a second of Snowball each.
# storage/search_stems.py bounds its stems alike.
MAX_STEMMED_CHARS = 80


def _short_words_only(stem: Callable[[str], str]) -> Callable[[str], str]:
    def bounded(word: str) -> str:
        return word.lower() if len(word) > MAX_STEMMED_CHARS else stem(word)

    return bounded


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or ``None`` if it has no letters."""
    sample = text[:DETECTION_CHARS]
    if not any(char.isalpha() for char in sample):
        return None
    import py3langid

    code, _score = py3langid.classify(sample)
    if is_language_code(str(code)):
        return str(code)
    # A language without an ISO 639-1 code ("ext", Extremaduran, for short Spanish text):
    # the likeliest language that has one.
    from py3langid.langid import rank

    return next((str(c) for c, _ in rank(sample) if is_language_code(str(c))), None)
