"""Why a text cannot be summarized: the summarizer's one error, and its kinds.

A refusal keeps the line it was made from (``reason``, with ``{name}`` placeholders) and the
values filled into it, besides its English message, so a caller can say it in a reader's
language: ingest turns it into a Phrase (ingest/phrases.py) and the bot's catalogues hold the
reasons (``pybabel extract -k SummaryInputError -k NothingToExtract -k SummaryTimeoutError``,
README "The bot's words in your language"). Values are data: numbers pre-formatted, quoted
input. Never an f-string as the reason: the catalogue must hold the line with its
placeholders (tests/summarizer/test_refusals.py fails on one).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar


class SummaryInputError(ValueError):
    """The input cannot be summarized; the message says why in one line."""

    reason: str
    values: Mapping[str, str]

    def __init__(self, reason: str, /, **values: str) -> None:
        super().__init__(reason.format(**values))
        self.reason, self.values = reason, values

    def __reduce__(self) -> tuple[Any, ...]:  # pickled whole, out of a summary worker
        return (_refusal, (type(self), self.reason, dict(self.values)))


class NothingToExtract(SummaryInputError):
    """The text is text, but holds no full sentence (or too few words) to choose from."""


_Refusal = TypeVar("_Refusal", bound=SummaryInputError)


def _refusal(kind: type[_Refusal], reason: str, values: dict[str, str]) -> _Refusal:
    return kind(reason, **values)
