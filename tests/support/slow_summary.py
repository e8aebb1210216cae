"""A summary job for the pool's tests: echoes its text, or sleeps long with a sentinel file.

It lives in a module of its own because spawned workers import the job by name.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from summarizer.api import SummaryRequest
from summarizer.pool import SummaryOutcome

SLEEP_PREFIX = "sleep:"
SLEEP_SECONDS = 120.0


def echo_or_sleep(request: SummaryRequest) -> SummaryOutcome:
    """``[text]``; for ``sleep:PATH``, write ``sleeping PID`` to PATH, sleep, then ``finished``."""
    if not request.text.startswith(SLEEP_PREFIX):
        return [request.text]
    sentinel = Path(request.text.removeprefix(SLEEP_PREFIX))
    sentinel.write_text(f"sleeping {os.getpid()}")
    time.sleep(SLEEP_SECONDS)
    sentinel.write_text("finished")
    return ["woke up"]
