"""``briefbot run``: the Telegram bot, with long polling or (``BRIEFBOT_WEBHOOK_URL``) a webhook.

Start-up faults end in one line on stderr and a non-zero exit, never a traceback: no token
(2); the Bot API unreachable after a few attempts with backoff, the token rejected, the
database unreachable or its schema behind, another poller on the same token (409) (1).
The token never reaches a log line (see :mod:`runtime.logs`). SIGINT/SIGTERM during start-up
cancels it at once (a retry's wait, a database that does not answer) and exits 0: a
requested stop is no failure.

A 409 is fatal only while this instance starts polling (:mod:`.updates`); start-up itself is
:mod:`.startup`.

``--role`` (:class:`bot.roles.Role`) picks the parts this process runs, so several instances
on one PostgreSQL database behave as one bot: ``updates`` (polling or the webhook, and the
command replies), ``worker`` (the outbox delivery worker), ``scheduler`` (the minute tick) or
``all``. A role without updates never starts an ``Updater``: no getUpdates (which would
answer 409 to the updates instance), no webhook calls; it still calls getMe at start.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from bot.roles import Role
from cli.subcommands.run.startup import (
    CONNECT_ATTEMPTS,
    CONNECT_DELAY_SECONDS,
    RunOptions,
    StartupFault,
    connect,
    open_services,
    unless_stopped,
)
from cli.subcommands.run.updates import receive_updates, webhook_secret
from runtime.settings import Settings

# Heavy imports (python-telegram-bot, SQLAlchemy, storage.*, the app) are deferred into the
# functions that use them to keep CLI start-up fast.
if TYPE_CHECKING:
    from bot.context import BotApplication

# The soft limit on open files asked for where the hard one is unlimited (macOS).
OPEN_FILES_WITHOUT_HARD_LIMIT = 65_536


def register(subcommands: argparse._SubParsersAction[Any]) -> None:
    """Add ``run`` to the CLI."""
    parser = subcommands.add_parser(
        "run",
        help="run the Telegram bot (long polling; a webhook when BRIEFBOT_WEBHOOK_URL is set)",
        description=(
            "Run the bot until interrupted. It talks to BRIEFBOT_TELEGRAM_API_URL "
            "(default https://api.telegram.org) and needs an up-to-date database "
            "(`briefbot db upgrade`)."
        ),
    )
    parser.add_argument(
        "--connect-attempts", type=int, default=CONNECT_ATTEMPTS, metavar="N",
        help=f"tries to reach the Bot API before giving up (default {CONNECT_ATTEMPTS})",
    )
    parser.add_argument(
        "--connect-delay", type=float, default=CONNECT_DELAY_SECONDS, metavar="SECONDS",
        help="first wait between tries; doubles each time (default 1)",
    )
    parser.add_argument(
        "--role", default=Role.ALL.value, metavar="ROLE",
        help=(
            "what this instance runs: all (default), updates (receive updates, answer "
            "commands), worker (deliver the outbox), scheduler (the minute tick)"
        ),
    )
    parser.set_defaults(handler=run_bot)


def run_bot(args: argparse.Namespace, settings: Settings) -> int:
    """Run the bot until SIGINT/SIGTERM; a start-up fault is one line and a non-zero exit."""
    role = parse_role(args.role)
    if role is None:
        choices = ", ".join(choice.value for choice in Role)
        print(f"briefbot run: --role must be one of {choices}, not {args.role!r}",
              file=sys.stderr)
        return 2
    if settings.telegram_token is None:
        print("briefbot run: BRIEFBOT_TELEGRAM_TOKEN is not set; get one from @BotFather",
              file=sys.stderr)
        return 2
    from runtime.logs import configured_logging, redacting_logs, secret_fragments

    raise_open_files_limit()
    token = settings.telegram_token.get_secret_value()
    options = RunOptions(
        max(1, args.connect_attempts), max(0.0, args.connect_delay), freeze_heap=True
    )
    with (
        configured_logging(settings.log_level, settings.log_format),
        redacting_logs(*secret_fragments(token), webhook_secret(settings, token)),
    ):
        return asyncio.run(serve(settings, options, handle_signals=True, role=role))


def parse_role(value: str) -> Role | None:
    """The role named ``value``, or None when there is no such role."""
    try:
        return Role(value)
    except ValueError:
        return None


async def serve(
    settings: Settings,
    options: RunOptions = RunOptions(),
    *,
    stop: asyncio.Event | None = None,
    handle_signals: bool = False,
    err: TextIO | None = None,
    role: Role = Role.ALL,
    ready: Callable[[BotApplication], object] | None = None,
    **build: Any,
) -> int:
    """Run the bot until ``stop`` is set (or a signal, or a fault); the exit status.

    ``build`` passes through to :func:`bot.app.build_application` (tests inject a clock);
    ``ready`` is called with the application once it runs.
    """
    from bot.app import build_application, wind_down

    err = err or sys.stderr
    stop = stop or asyncio.Event()
    faults: list[StartupFault] = []
    if handle_signals:
        loop = asyncio.get_running_loop()
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, stop.set)
    application = build_application(settings, role=role, **build)
    try:
        start = _start(application, settings, options, role, faults, stop)
        if await unless_stopped(start, stop):
            if options.freeze_heap:
                freeze_startup_heap()
            if ready is not None:
                ready(application)
            await stop.wait()
        else:
            _log_stopped_while_starting()
    except StartupFault as fault:
        faults.append(fault)
    finally:
        await wind_down(application)
    if faults:
        _report_fault(_without_secrets(str(faults[0]), settings), settings, err)
        return 1
    return 0


def _report_fault(line: str, settings: Settings, err: TextIO) -> None:
    """The fatal line: plain on ``err``, or with BRIEFBOT_LOG_FORMAT=json one ERROR record, so
    a log shipper reading JSON lines can parse it like every other line."""
    import logging

    if settings.log_format == "json":
        logging.getLogger(__name__).error("briefbot run: %s", line)
    else:
        print(f"briefbot run: {line}", file=err)


async def _start(
    application: BotApplication,
    settings: Settings,
    options: RunOptions,
    role: Role,
    faults: list[StartupFault],
    stop: asyncio.Event,
) -> None:
    """Reach the Bot API, open the services, start the role's parts; log the running line."""
    await connect(application, settings, options)
    await open_services(application)
    await application.start()
    mode = role.describe()
    if role.receives_updates:
        mode += "; " + await receive_updates(application, settings, options, faults, stop)
    _log_running(application, mode)


def _log_stopped_while_starting() -> None:
    import logging

    logging.getLogger(__name__).info("stopped while starting (SIGINT/SIGTERM)")


def raise_open_files_limit() -> None:
    """Raise this process's soft limit on open files to its hard limit.

    Why: each connection to the webhook or metrics port is an open file, and a shell's soft
    limit is often 1,024. Idle connections are closed after 30 s, but 1,020 opened within that
    time froze a bot at that limit (nothing accepted, Telegram included) and tornado logged
    its failed accepts in a loop: 180 MB of log in 45 s. Most systems' hard limit is hundreds
    of thousands; the systemd units set 65,536.
    """
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else OPEN_FILES_WITHOUT_HARD_LIMIT
    if soft != resource.RLIM_INFINITY and soft < target:
        with contextlib.suppress(ValueError, OSError):  # a platform capping it lower
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def freeze_startup_heap() -> None:
    """Move every object alive now to the garbage collector's permanent generation.

    Why: the full (generation 2) collections of a running bot scanned its whole start-up heap
    (modules, PTB, SQLAlchemy, the settings: about 170,000 objects), every 2 s or so while it
    sends, 120-150 ms each with the event loop stopped: a broadcast at L = 300 lost a quarter
    second's sends to each. Frozen (``gc.freeze``), those objects are never scanned again and a
    full collection took about 25 ms (benchmarks/README.md, "Collector pauses"). They live as
    long as the process anyway; the price is that garbage cycles among them are never freed.
    """
    gc.freeze()


def _without_secrets(line: str, settings: Settings) -> str:
    """``line`` on one line, with the token (and its secret half) redacted."""
    from runtime.logs import redact, secret_fragments

    token = settings.telegram_token.get_secret_value() if settings.telegram_token else ""
    return redact(" ".join(line.split()), secret_fragments(token))


def _log_running(application: BotApplication, mode: str) -> None:
    """One INFO line once the bot runs."""
    import logging

    logging.getLogger(__name__).info("running as @%s (%s)", application.bot.username, mode)
