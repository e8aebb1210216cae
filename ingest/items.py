"""What readers produce: a brief ready to validate further, or a reason it was turned away."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ingest.phrases import Phrase


@dataclass(frozen=True)
class BriefCandidate:
    """One brief read from a file, record, feed entry or page; not yet deduplicated.

    ``origin`` says where it came from for messages: ``path``, ``path:line`` or a URL.
    """

    origin: str
    text: str
    title: str | None = None
    external_id: str | None = None
    url: str | None = None
    published_on: dt.date | None = None


QUOTE_CHARS = 80  # the most characters of an input a message quotes


def clip(value: str, limit: int = QUOTE_CHARS) -> str:
    """``value``, or its start and end around "…" when longer than ``limit`` characters."""
    if len(value) <= limit:
        return value
    head = (limit - 1) // 2
    return f"{value[:head]}…{value[len(value) - (limit - 1 - head) :]}"


def quoted(value: str) -> str:
    """Input quoted for a one-line message: :func:`clip`-ped, then ``repr`` (escapes shown)."""
    return repr(clip(value))


@dataclass(frozen=True)
class Rejection:
    """An input that will not become a brief, with a one-line reason."""

    origin: str
    reason: str
    # The bot's own failure (a summarizer or database error), not a fault of the input.
    ours: bool = False

    def __str__(self) -> str:
        return f"{clip(self.origin)}: {self.reason}"

    @property
    def line(self) -> Phrase:
        """The one line, sayable in a reader's language (``str()`` is the English one)."""
        return Phrase("{origin}: {reason}", origin=clip(self.origin), reason=self.reason)


@dataclass(frozen=True)
class Notice:
    """What an admin should know of an input read all the same (bytes replaced, an encoding
    guessed); never a reason to turn it away."""

    origin: str
    reason: str

    @property
    def line(self) -> Phrase:
        """The one line, sayable in a reader's language (as :attr:`Rejection.line`)."""
        return Phrase("{origin}: {reason}", origin=clip(self.origin), reason=self.reason)


IngestItem = BriefCandidate | Rejection | Notice
