"""``briefbot run``: the Telegram bot, with long polling or (``BRIEFBOT_WEBHOOK_URL``) a webhook.

Start-up faults end in one line on stderr and a non-zero exit, never a traceback: no token
(2); the Bot API unreachable after a few attempts with backoff, the token rejected, the
database unreachable or its schema behind, another poller on the same token (409) (1).
The token never reaches a log line (see :mod:`runtime.logs`). SIGINT/SIGTERM during start-up
cancels it at once (a retry's wait, a database that does not answer) and exits 0: a
requested stop is no failure.

A 409 is fatal only while this instance starts polling (within ``conflict_window`` seconds):
then it is the second poller. Later, another poller came along: Telegram gives the long poll
to one of them at a time, so this one logs one WARNING per episode and keeps polling (the
newcomer exits on its own 409 at start-up).

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
import hashlib
import hmac
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urlsplit

from bot.roles import Role
from runtime.settings import Settings

# Heavy imports (python-telegram-bot, SQLAlchemy, storage.*, the app) are deferred into the
# functions that use them to keep CLI start-up fast.
if TYPE_CHECKING:
    from bot.context import BotApplication

CONNECT_ATTEMPTS = 5
CONNECT_DELAY_SECONDS = 1.0
# PTB retries a failed poll after 1 s: a newcomer's first poll is cut well within this.
CONFLICT_WINDOW_SECONDS = 15.0
# Conflicts further apart than this are separate episodes (PTB backs off to 30 s between tries).
CONFLICT_EPISODE_GAP_SECONDS = 120.0


class StartupFault(Exception):
    """The bot cannot start (or keep running); the message is one line for stderr."""


@dataclass(frozen=True)
class RunOptions:
    """How hard to try reaching the Bot API, how long one long poll lasts, how long after
    polling starts a 409 means this instance is the second poller, and whether to freeze the
    start-up heap once running (:func:`freeze_startup_heap`; the CLI does)."""

    connect_attempts: int = CONNECT_ATTEMPTS
    connect_delay: float = CONNECT_DELAY_SECONDS
    poll_timeout: int = 10
    freeze_heap: bool = False
    conflict_window: float = CONFLICT_WINDOW_SECONDS


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


def webhook_secret(settings: Settings, token: str) -> str:
    """``BRIEFBOT_WEBHOOK_SECRET``, or one derived from the token (HMAC-SHA256, 32 hex chars)."""
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    return hmac.new(token.encode(), b"briefbot webhook", hashlib.sha256).hexdigest()[:32]


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
        if await _unless_stopped(start, stop):
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
    await _connect(application, settings, options)
    await _open(application)
    await application.start()
    mode = role.describe()
    if role.receives_updates:
        mode += "; " + await _receive_updates(application, settings, options, faults, stop)
    _log_running(application, mode)


async def _unless_stopped(work: Awaitable[None], stop: asyncio.Event) -> bool:
    """Run ``work`` unless ``stop`` is set first; whether it ran to its end.

    A stop cancels ``work`` wherever it waits (a retry's backoff, a database that does not
    answer, a webhook being set): start-up must not outlast a SIGTERM. A fault it raised
    meanwhile does not matter any more: the stop was asked for.
    """
    task = asyncio.ensure_future(work)
    stopped = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait([task, stopped], return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, StartupFault):
                await task
    if task.cancelled():
        return False
    task.result()  # its StartupFault, if any
    return True


def _log_stopped_while_starting() -> None:
    import logging

    logging.getLogger(__name__).info("stopped while starting (SIGINT/SIGTERM)")


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


async def _connect(application: BotApplication, settings: Settings, options: RunOptions) -> None:
    """``initialize`` (getMe), retrying network failures with exponential backoff."""
    from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError

    root = settings.telegram_api_url
    delay = options.connect_delay
    for attempt in range(1, options.connect_attempts + 1):
        try:
            await application.initialize()
            return
        except InvalidToken:
            # PTB's message quotes the token: never repeat it.
            raise StartupFault(
                f"the Bot API at {root} rejected the token (401 or 404); "
                "check BRIEFBOT_TELEGRAM_TOKEN and BRIEFBOT_TELEGRAM_API_URL"
            ) from None
        except NetworkError as error:
            if isinstance(error, BadRequest) or attempt == options.connect_attempts:
                raise StartupFault(
                    f"cannot reach the Bot API at {root} after {attempt} attempt(s): {error}"
                ) from None
        except TelegramError as error:
            raise StartupFault(f"the Bot API at {root} refused getMe: {error}") from None
        await asyncio.sleep(delay)
        delay *= 2


async def _open(application: BotApplication) -> None:
    """Run ``post_init`` (database, schema check, worker), turning failures into one line."""
    from sqlalchemy.exc import SQLAlchemyError
    from telegram.error import TelegramError

    from cli.subcommands.db import describe_error
    from runtime.health import HealthServerError
    from storage.engine import CONNECT_TIMEOUT_SECONDS
    from storage.schema import SchemaError

    if application.post_init is None:
        return
    try:
        await application.post_init(application)
    except (SchemaError, HealthServerError) as error:
        raise StartupFault(str(error)) from None
    except TimeoutError:
        raise StartupFault(
            f"cannot open the database: no answer within {CONNECT_TIMEOUT_SECONDS:.0f} s"
        ) from None
    except (SQLAlchemyError, OSError) as error:
        raise StartupFault(f"cannot open the database: {describe_error(error)}") from None
    except TelegramError as error:
        raise StartupFault(f"the Bot API refused setMyCommands: {error}") from None


async def _receive_updates(
    application: BotApplication,
    settings: Settings,
    options: RunOptions,
    faults: list[StartupFault],
    stop: asyncio.Event,
) -> str:
    """Start long polling, or the webhook server when ``webhook_url`` is set; the mode."""
    import logging

    from telegram.error import Conflict, TelegramError

    from bot.handlers import ALLOWED_UPDATES

    updater = application.updater
    assert updater is not None
    if settings.webhook_url is None:
        conflicts = _PollConflicts(options.conflict_window)

        def on_poll_error(error: TelegramError) -> None:
            if not isinstance(error, Conflict):
                logging.getLogger(__name__).warning("polling failed, retrying: %s", error)
            elif conflicts.while_starting():
                faults.append(StartupFault(
                    "another bot instance is polling with this token (409 Conflict); "
                    "stop it, or run only one"
                ))
                stop.set()
            else:
                conflicts.note()

        await updater.start_polling(
            timeout=options.poll_timeout, allowed_updates=ALLOWED_UPDATES,
            error_callback=on_poll_error,
        )
        return "long polling"
    token = application.bot.token
    try:
        await updater.start_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
            webhook_url=settings.webhook_url,
            secret_token=webhook_secret(settings, token),
            allowed_updates=ALLOWED_UPDATES,
        )
    except RuntimeError as error:
        raise StartupFault(f"cannot start the webhook: {str(error).splitlines()[0]}") from None
    except (TelegramError, OSError) as error:
        raise StartupFault(f"cannot start the webhook: {error}") from None
    return f"webhook {settings.webhook_url}"


class _PollConflicts:
    """409s met while polling: fatal while this instance starts, then one WARNING an episode."""

    def __init__(self, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._started = clock()
        self._window = window
        self._last: float | None = None

    def while_starting(self) -> bool:
        """Whether polling started less than the window ago: this instance is the newcomer."""
        return self._clock() - self._started < self._window

    def note(self) -> None:
        """A 409 while running: a WARNING if it starts an episode, DEBUG if it continues one."""
        import logging

        now, last = self._clock(), self._last
        self._last = now
        logger = logging.getLogger(__name__)
        if last is not None and now - last < CONFLICT_EPISODE_GAP_SECONDS:
            logger.debug("getUpdates answered 409 Conflict again")
            return
        logger.warning(
            "another bot instance is polling with this token (409 Conflict); this one keeps "
            "polling (Telegram gives updates to one of them): stop the other one"
        )


def _log_running(application: BotApplication, mode: str) -> None:
    """One INFO line once the bot runs."""
    import logging

    logging.getLogger(__name__).info("running as @%s (%s)", application.bot.username, mode)
