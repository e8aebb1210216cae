"""A hard deadline for tests of linear time: a quadratic version runs for minutes, so it fails."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import pytest

__all__ = ["within"]


@contextmanager
def within(seconds: int) -> Iterator[None]:
    """Fail the test if the block runs longer than ``seconds`` (SIGALRM also stops C regex code)."""

    def expire(signum: int, frame: FrameType | None) -> None:
        pytest.fail(f"took over {seconds} s: not linear", pytrace=False)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
