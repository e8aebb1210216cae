"""A source's stored last error is said again from its phrase, or shown as stored."""

from __future__ import annotations

import pytest

from bot.handlers.ingest_words import stored_error
from ingest.phrases import Phrase
from rendering.translation import Catalogues
from storage.phrase_documents import phrase_document

ERROR = Phrase(
    "refused: {error}",
    error=Phrase("too large: {size} bytes, cap {cap}", size="9,000", cap="5,000"),
)


def test_a_stored_phrase_is_said_again_in_a_readers_language() -> None:
    hindi = Catalogues.load().resolve("hi", None)
    rebuilt = stored_error(str(ERROR), phrase_document(ERROR))
    expected = hindi.gettext("refused: {error}").format(
        error=hindi.gettext("too large: {size} bytes, cap {cap}").format(size="9,000", cap="5,000")
    )
    assert rebuilt == ERROR and expected != ERROR
    assert hindi.say(rebuilt) == expected


def test_a_phrase_longer_than_the_stored_text_is_the_one_cut_to_it() -> None:
    long = Phrase("refused: {error}", error="x" * 3000)
    rebuilt = stored_error(long[:2000], phrase_document(long))
    assert isinstance(rebuilt, Phrase) and rebuilt == long


@pytest.mark.parametrize(
    "document",
    [
        None,  # stored before the column existed, or a plain error
        "refused: {error}",
        {"message": "refused: {error}"},
        {"message": 7, "values": {}},
        {"message": "refused: {error}", "values": {}},  # a value missing
        {"message": "refused: {error}", "values": {"error": ["a list"]}},
        {"message": "refused: {error}", "values": {"error": None}},
        {"message": "refused: {error}", "values": {"error": {"message": "{0}", "values": {}}}},
        {"message": "refused: {error:>999999999}", "values": {"error": "x"}},
        {"message": "refused: {error!r}", "values": {"error": "x"}},
        {"message": "refused: {error.upper}", "values": {"error": "x"}},
        {"message": "refused: {error", "values": {"error": "x"}},
        {"message": "refused: {error}", "values": {"error": "something else"}},  # not the text
    ],
)
def test_a_missing_or_malformed_phrase_falls_back_to_the_stored_text(document: object) -> None:
    shown = stored_error(str(ERROR), document)
    assert shown == str(ERROR) and not isinstance(shown, Phrase)


def test_a_phrase_nested_past_any_ingest_makes_is_refused() -> None:
    document: object = {"message": "x", "values": {}}
    for _ in range(50):
        document = {"message": "{e}", "values": {"e": document}}
    shown = stored_error("x", document)
    assert shown == "x" and not isinstance(shown, Phrase)
    assert isinstance(stored_error("x", {"message": "{e}", "values": {"e": "x"}}), Phrase)
