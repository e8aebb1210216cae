"""A catalogued line as a JSON document, so a reader can say it again in another language.

ingest's errors are Phrases (``ingest.phrases``): an English ``str`` carrying the catalogue
``message`` it was made from and the ``values`` filled into it. storage does not import
ingest, so it recognises one by those attributes and stores ``{"message": ..., "values":
{...}}``: a value that is itself such a line nested the same way, an ``int`` or ``str`` as it
is, a finite ``float`` as it is, anything else as its text. The reader rebuilds the line
(bot/handlers/ingest_words.py); the English text is stored beside it, for the CLI and logs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

PhraseDocument = dict[str, Any]


def phrase_document(text: str) -> PhraseDocument | None:
    """``text``'s message and values when it carries them (a Phrase), else None."""
    message = getattr(text, "message", None)
    values = getattr(text, "values", None)
    if not isinstance(message, str) or not isinstance(values, Mapping):
        return None
    return {"message": message, "values": {str(k): _value(v) for k, v in values.items()}}


def _value(value: object) -> object:
    if isinstance(value, str):
        return phrase_document(value) or str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value  # JSON has no NaN or infinity (PostgreSQL refuses them)
    return str(value)  # what ``str.format`` shows of it without a format spec
