"""How ``briefbot run`` receives updates: long polling, or the webhook with its secret.

A 409 is fatal only while this instance starts polling (within ``conflict_window`` seconds):
then it is the second poller. Later, another poller came along: Telegram gives the long poll
to one of them at a time, so this one logs one WARNING per episode and keeps polling (the
newcomer exits on its own 409 at start-up).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from cli.subcommands.run.startup import RunOptions, StartupFault
from runtime.settings import Settings

if TYPE_CHECKING:
    from bot.context import BotApplication

# What one webhook connection may hold (bound_webhook_connections): a body's bytes, the seconds
# to send it, and the seconds a connection may stay idle or send its headers.
WEBHOOK_MAX_BODY_BYTES = 1024 * 1024
WEBHOOK_BODY_SECONDS = 10.0
WEBHOOK_IDLE_SECONDS = 30.0
# Conflicts further apart than this are separate episodes (PTB backs off to 30 s between tries).
CONFLICT_EPISODE_GAP_SECONDS = 120.0


def webhook_secret(settings: Settings, token: str) -> str:
    """``BRIEFBOT_WEBHOOK_SECRET``, or one derived from the token (HMAC-SHA256, 32 hex chars)."""
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    return hmac.new(token.encode(), b"briefbot webhook", hashlib.sha256).hexdigest()[:32]


async def receive_updates(
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
    bound_webhook_connections()
    try:
        await updater.start_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            # PTB routes the path as a regular expression: "/hook+1" never matched itself.
            url_path=re.escape(urlsplit(settings.webhook_url).path.lstrip("/")),
            webhook_url=settings.webhook_url,
            secret_token=webhook_secret(settings, token),
            allowed_updates=ALLOWED_UPDATES,
        )
    except RuntimeError as error:
        raise StartupFault(f"cannot start the webhook: {str(error).splitlines()[0]}") from None
    except (TelegramError, OSError) as error:
        raise StartupFault(f"cannot start the webhook: {error}") from None
    return f"webhook {settings.webhook_url}"


def bound_webhook_connections() -> None:
    """Bound what one connection to the webhook port may hold, for every webhook server.

    PTB's webhook server is tornado's ``HTTPServer`` with its defaults: a body of up to 100 MB
    read in full before the secret is checked, with no time limit, and an idle or half-sent
    connection kept for an hour. Anyone who could reach the port held gigabytes that way, or
    every file descriptor the process may open. Telegram's updates are a few kilobytes and
    its connections come back when closed. Tornado's ``configure`` sets these defaults for
    each ``HTTPServer`` made afterwards (PTB makes one as the webhook starts).
    """
    from tornado.httpserver import HTTPServer

    HTTPServer.configure(
        None,
        max_body_size=WEBHOOK_MAX_BODY_BYTES,
        max_buffer_size=WEBHOOK_MAX_BODY_BYTES,
        body_timeout=WEBHOOK_BODY_SECONDS,
        idle_connection_timeout=WEBHOOK_IDLE_SECONDS,
    )


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
