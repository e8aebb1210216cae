"""What readers produce: a brief ready to validate further, or a reason it was turned away."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


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


@dataclass(frozen=True)
class Rejection:
    """An input that will not become a brief, with a one-line reason."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


IngestItem = BriefCandidate | Rejection
