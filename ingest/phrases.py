"""Ingest's one-line messages, English as text and sayable in the reader's language.

A :class:`Phrase` is a ``str`` (so the CLI, logs, ``sources.last_error`` and every caller
that compares or prints it get the English line, as before) that also carries the catalogue
message it was made from and the values filled into it. The bot says it in a chat's language
with ``Translator.say`` (rendering/translation.py), which looks the message up in the
catalogue and fills in the values, each said in that language too when it is a Phrase itself.

The messages are marked for ``pybabel extract``: ``Phrase`` is an extraction keyword (``-k
Phrase``, README "The bot's words in your language"). Values are data (numbers
pre-formatted, URLs, quoted input) or Phrases. ingest never imports the bot's rendering:
the translator recognises a Phrase by its attributes (rendering.translation.Sayable).

Slicing, ``str()`` or an f-string of a Phrase gives plain English ``str``: where a phrase is
meant to reach a chat, pass the Phrase itself (an exception's with :func:`phrase_of`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["Phrase", "phrase_of"]


class Phrase(str):
    """An English line made from a catalogue ``message`` and its ``values``."""

    message: str
    values: Mapping[str, object]

    def __new__(cls, message: str, /, **values: object) -> Phrase:
        made = super().__new__(cls, message.format(**values))
        made.message, made.values = message, values
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # pickled as itself across process pools
        return (_phrase, (self.message, dict(self.values)))


def _phrase(message: str, values: dict[str, object]) -> Phrase:
    return Phrase(message, **values)


def phrase_of(error: BaseException) -> str:
    """An exception's message: its Phrase when it was raised with one, else ``str(error)``."""
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, Phrase) else str(error)
