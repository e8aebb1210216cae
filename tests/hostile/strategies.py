"""What the hostile-input suite shares: deterministic hypothesis settings, hostile text, checks.

Every test here runs derandomized (the same examples on every run, so it never flakes) with a
bounded number of examples and no deadline (the machine is shared; timings are noisy). Failing
examples are reported as found, without shrinking: shrinking examples that each start servers
or parse documents can run for many minutes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

F = TypeVar("F", bound=Callable[..., Any])

# Fragments an attacker would try: markup of both parse modes, entities, bidi and zero-width
# marks, control characters, NUL, emoji (astral: two UTF-16 units), combining marks, and the
# lone surrogate a JSON escape or a broken client can carry.
HOSTILE_FRAGMENTS = (
    "<b>x</b>",
    '<a href="tg://user?id=1">me</a>',
    "</i>",
    "<",
    ">",
    "&",
    "&amp;",
    "&#0;",
    "&lt;b&gt;",
    "*bold*",
    "_it_",
    "`code`",
    "[link](http://127.0.0.1/)",
    "||spoiler||",
    "\u202e",
    "\u200f",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\x00",
    "\x1b]0;pwned\x07",
    "\x7f",
    "\x85",
    "\t",
    "\r\n",
    "😀",
    "👍🏽",
    "e\u0301",
    "\U0010ffff",
    "\ufffd",
    "%s",
    "{0}",
    "' OR 1=1 --",
    '"',
    "\\",
    "NEAR",
    "AND",
    "OR",
    "NOT",
    "*",
    ":",
    "(",
    ")",
    "^",
    "-",
    "@bot",
    "/start",
    "9" * 30,
    "-0",
    "1e309",
    "NaN",
    "\U0001d7d8\U0001d7d9",
    "\u0661\u0662",
    "ǅ",
)
SURROGATE = "\ud800"


def hostile(max_examples: int) -> Callable[[F], F]:
    """Deterministic hypothesis settings: derandomized, ``max_examples``, no deadline."""
    return settings(
        max_examples=max_examples,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


def hostile_text(max_size: int = 200, *, surrogates: bool = False) -> st.SearchStrategy[str]:
    """Text mixing hostile fragments with any characters (lone surrogates only when asked)."""
    excluded = [] if surrogates else ["Cs"]
    # Few pieces, each up to a quarter of the size: long enough, and cheap to draw.
    piece = st.one_of(
        st.sampled_from(HOSTILE_FRAGMENTS),
        st.text(st.characters(exclude_categories=excluded), max_size=max(1, max_size // 4)),
    )
    return st.lists(piece, max_size=6).map("".join).map(lambda text: text[:max_size])


def assert_one_line(message: str) -> None:
    """A reason or error is one non-empty line, without a traceback."""
    assert message.strip(), "an empty reason"
    assert "\n" not in message and "\r" not in message, f"more than one line: {message!r}"
    assert "Traceback" not in message, message


def tracebacks(records: Iterable[logging.LogRecord]) -> list[logging.LogRecord]:
    """The records at ERROR or above, or carrying an exception (a traceback in the log)."""
    return [r for r in records if r.levelno >= logging.ERROR or r.exc_info is not None]
