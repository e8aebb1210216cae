"""``briefbot run``'s start-up: reach the Bot API with retries, open the services, and give
way to a stop asked for meanwhile. Each fault is a :class:`StartupFault`, one line for stderr.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from runtime.settings import Settings

if TYPE_CHECKING:
    from bot.context import BotApplication

CONNECT_ATTEMPTS = 5
CONNECT_DELAY_SECONDS = 1.0
# PTB retries a failed poll after 1 s: a newcomer's first poll is cut well within this.
CONFLICT_WINDOW_SECONDS = 15.0


class StartupFault(Exception):
    """The bot cannot start (or keep running); the message is one line for stderr."""


@dataclass(frozen=True)
class RunOptions:
    """How hard to try reaching the Bot API, how long one long poll lasts, how long after
    polling starts a 409 means this instance is the second poller, and whether to freeze the
    start-up heap once running (``freeze_startup_heap``; the CLI does)."""

    connect_attempts: int = CONNECT_ATTEMPTS
    connect_delay: float = CONNECT_DELAY_SECONDS
    poll_timeout: int = 10
    freeze_heap: bool = False
    conflict_window: float = CONFLICT_WINDOW_SECONDS


async def unless_stopped(work: Awaitable[None], stop: asyncio.Event) -> bool:
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


async def connect(application: BotApplication, settings: Settings, options: RunOptions) -> None:
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


async def open_services(application: BotApplication) -> None:
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
