"""Tasks a test leaves behind that do not end when cancelled: reported, never a hang.

pytest-asyncio closes each test's event loop as ``asyncio.run`` does: it cancels the tasks left
and waits for all of them, without a limit. Once in CI (2026-12-05, in the teardown of a test
of ``tests/tick/test_digests.py``, on a loaded machine; never again in 14 runs of that folder)
a task left behind did not end, and the whole run waited in that teardown, idle, for minutes
with nothing said. Here the wait is bounded: a task still running
:data:`LEFTOVER_TASK_SECONDS` after its cancel is reported, with its stack, as a
:class:`LeftoverTaskWarning` in the run's warnings summary, and the loop closes.
"""

from __future__ import annotations

import asyncio
import asyncio.runners
import io
import warnings

LEFTOVER_TASK_SECONDS = 30.0


class LeftoverTaskWarning(UserWarning):
    """A test left a task that did not end within LEFTOVER_TASK_SECONDS of its cancel."""


def cancel_leftover_tasks(
    loop: asyncio.AbstractEventLoop, within: float = LEFTOVER_TASK_SECONDS
) -> None:
    """``asyncio.runners._cancel_all_tasks``, waiting at most ``within`` seconds."""
    tasks = asyncio.all_tasks(loop)
    if not tasks:
        return
    for task in tasks:
        task.cancel()
    done, pending = loop.run_until_complete(asyncio.wait(tasks, timeout=within))
    for task in done:
        if not task.cancelled() and task.exception() is not None:
            loop.call_exception_handler({
                "message": "unhandled exception while the test's loop closed",
                "exception": task.exception(),
                "task": task,
            })  # fmt: skip
    if pending:
        stacks = io.StringIO()
        for task in pending:
            task.print_stack(file=stacks)
        warnings.warn(
            LeftoverTaskWarning(
                f"{len(pending)} task(s) did not end within {within:.0f} s of being cancelled "
                f"when the test's loop closed:\n{stacks.getvalue()}"
            ),
            stacklevel=2,
        )


def install() -> None:
    """Bound the wait of every loop closed by ``asyncio.Runner`` (pytest-asyncio's too)."""
    asyncio.runners._cancel_all_tasks = cancel_leftover_tasks  # type: ignore[attr-defined]
