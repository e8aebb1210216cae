"""Logging for the running bot: quiet by default, and never a secret in a log line.

python-telegram-bot and httpx log request URLs, and a Bot API URL carries the token
(``/bot<token>/getMe``). :func:`redacting_logs` installs a log-record factory that rewrites
every record as it is created (message, arguments, exception text and stack), so the token
cannot reach any handler, whichever handler or formatter later formats the record. It also
holds httpx and httpcore at WARNING, where they log no request lines.

:func:`configured_logging` writes to stderr as text or as one JSON object per line
(:class:`JsonFormatter`); both format the same, already redacted, records.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

REDACTED = "<redacted>"
NOISY_LOGGERS = ("httpx", "httpcore")
# PTB logs a traceback (and the whole body) when a server answers something that is not JSON
# (a wrong API path), then raises an error the caller turns into one line: keep it one line.
ONE_LINE_LOGGERS = ("telegram.request",)
ONE_LINE_LIMIT = 300
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def secret_fragments(token: str) -> tuple[str, ...]:
    """What to hide for a bot token: the whole token and its secret half (after the colon).

    Hiding the half also catches the token when a URL percent-encodes its colon.
    """
    token = token.strip()
    if not token:
        return ()
    _, _, secret = token.partition(":")
    return tuple(part for part in (token, secret) if len(part) >= 8)


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret replaced by :data:`REDACTED` (longest first)."""
    for secret in sorted(secrets, key=len, reverse=True):
        if secret and secret in text:
            text = text.replace(secret, REDACTED)
    return text


def _redacting_factory(
    previous: Callable[..., logging.LogRecord], secrets: tuple[str, ...]
) -> Callable[..., logging.LogRecord]:
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = f"{record.msg} {record.args}"
        if record.name.startswith(ONE_LINE_LOGGERS):
            message = (message.strip().splitlines() or [""])[0][:ONE_LINE_LIMIT]
            record.exc_info, record.exc_text = None, None
        record.msg, record.args = redact(message, secrets), None
        if record.exc_info and record.exc_info[0] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact(text, secrets)
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info, secrets)
        return record

    return factory


@contextmanager
def redacting_logs(*secrets: str) -> Iterator[None]:
    """While inside, no log record anywhere in the process contains one of ``secrets``."""
    fragments = tuple(s for s in secrets if s)
    previous_factory = logging.getLogRecordFactory()
    previous_levels = {name: logging.getLogger(name).level for name in NOISY_LOGGERS}
    logging.setLogRecordFactory(_redacting_factory(previous_factory, fragments))
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        yield
    finally:
        logging.setLogRecordFactory(previous_factory)
        for name, level in previous_levels.items():
            logging.getLogger(name).setLevel(level)


# The packages whose loggers speak at INFO: the bot, the CLI, the outbox and the tick.
OWN_LOGGERS = ("bot", "cli", "outbox", "runtime", "tick")


LOG_FORMATS = ("text", "json")
PTB_REQUEST_LOGGER = "telegram.request"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message and, if any, exception and stack.

    A traceback is one string field, so a record is always one line.
    """

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        entry: dict[str, str] = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # The redacting factory leaves the (redacted) traceback in exc_text; without it, format.
        exception = record.exc_text or (
            self.formatException(record.exc_info) if record.exc_info else None
        )
        if exception:
            entry["exception"] = exception
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False)


@contextmanager
def configured_logging(
    level: str = "INFO", log_format: str = "text", stream: TextIO | None = None
) -> Iterator[None]:
    """While inside, log to stderr as text or JSON lines: briefbot's own loggers at ``level``,
    third-party libraries at ``level`` or WARNING, whichever is stricter."""
    handler = logging.StreamHandler(stream or sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
    own = logging.getLevelName(level)
    root = logging.getLogger()
    loggers = [root, *(logging.getLogger(name) for name in OWN_LOGGERS)]
    previous_levels = [logger.level for logger in loggers]
    root.addHandler(handler)
    root.setLevel(max(own, logging.WARNING))
    for logger in loggers[1:]:
        logger.setLevel(own)
    # PTB's request layer logs the one error it then raises (a body that is not JSON: a wrong
    # API URL), and the caller reports that error in one line; keep start-up faults one line.
    request = logging.getLogger(PTB_REQUEST_LOGGER)
    loggers.append(request)
    previous_levels.append(request.level)
    request.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        # Leave the process as it was: a second run (tests) must not find a handler bound
        # to a stream that has since closed.
        root.removeHandler(handler)
        for logger, previous in zip(loggers, previous_levels, strict=True):
            logger.setLevel(previous)
