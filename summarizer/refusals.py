"""Why a text cannot be summarized: the summarizer's one error, and its kinds."""

from __future__ import annotations


class SummaryInputError(ValueError):
    """The input cannot be summarized; the message says why in one line."""


class NothingToExtract(SummaryInputError):
    """The text is text, but holds no full sentence (or too few words) to choose from."""
