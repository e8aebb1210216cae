"""The contract every summarization algorithm meets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Ranker(Protocol):
    """Orders a document's candidate sentences from most to least worth keeping."""

    def rank(self, sentences: Sequence[str], title: str | None = None) -> list[int]:
        """Return the indices of ``sentences``, best first, each index exactly once."""
        ...
