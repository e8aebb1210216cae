"""Slow summaries for tests: a job that sleeps with a sentinel file, and a brief slow to rank.

The job lives in a module of its own because spawned workers import the job by name.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

from summarizer.api import SummaryRequest
from summarizer.pool import SummaryOutcome

SLEEP_PREFIX = "sleep:"
SLEEP_SECONDS = 120.0
# sumy's LexRank compares every pair of sentences in Python: 1,200 sentences take about a
# minute on an idle core, so a deadline of a few seconds always falls in the middle of it.
SLOW_ALGORITHM = "lexrank"
SLOW_SENTENCES = 1200


def slow_to_rank(sentences: int = SLOW_SENTENCES) -> str:
    """A plain-text brief (a title, then many distinct sentences) slow for ``SLOW_ALGORITHM``.

    The time grows with the square of ``sentences``; 2,400 stay under the 200,000 characters
    a brief may have.
    """
    chance = random.Random(10)
    words = [f"w{n}" for n in range(4000)]
    lines = (
        " ".join(chance.choice(words) for _ in range(12)).capitalize() + "."
        for _ in range(sentences)
    )
    return "Harbour budget\n\n" + " ".join(lines) + "\n"


def echo_or_sleep(request: SummaryRequest) -> SummaryOutcome:
    """``[text]``; for ``sleep:PATH``, write ``sleeping PID`` to PATH, sleep, then ``finished``."""
    if not request.text.startswith(SLEEP_PREFIX):
        return [request.text]
    sentinel = Path(request.text.removeprefix(SLEEP_PREFIX))
    sentinel.write_text(f"sleeping {os.getpid()}")
    time.sleep(SLEEP_SECONDS)
    sentinel.write_text("finished")
    return ["woke up"]
