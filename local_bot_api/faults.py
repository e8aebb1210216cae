"""Scripted failures and Telegram-like flood limits for the local Bot API."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus

from local_bot_api.errors import ApiError

_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def default_description(status: int, retry_after: int | None = None) -> str:
    """Telegram's usual description for an error status."""
    if status == 429:
        return f"Too Many Requests: retry after {retry_after or 1}"
    if status in _DESCRIPTIONS:
        return _DESCRIPTIONS[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"Error {status}"


@dataclass
class FaultRule:
    """One scripted fault: matches a method and/or chat for the next ``times`` calls."""

    method: str | None = None
    chat_id: int | str | None = None
    status: int | None = 500
    description: str | None = None
    retry_after: int | None = None
    times: int = 1
    delay: float = 0.0
    hits: int = 0
    migrate_to_chat_id: int | None = None  # a 400 saying the group became this supergroup

    def matches(self, method: str, chat_id: int | str | None) -> bool:
        """True if this rule applies to a call of ``method`` for ``chat_id``."""
        if self.method is not None and self.method.lower() != method.lower():
            return False
        return self.chat_id is None or str(self.chat_id) == str(chat_id)

    def error(self) -> ApiError | None:
        """The error to answer with, or None for a pure delay."""
        if self.status is None:
            return None
        description = self.description or default_description(self.status, self.retry_after)
        retry_after = self.retry_after if self.status == 429 else None
        if self.status == 429 and retry_after is None:
            retry_after = 1
        return ApiError(
            self.status, description, retry_after, migrate_to_chat_id=self.migrate_to_chat_id
        )


@dataclass
class FaultInjector:
    """An ordered queue of :class:`FaultRule`; the first matching rule fires."""

    rules: list[FaultRule] = field(default_factory=list)

    def add(self, rule: FaultRule) -> FaultRule:
        """Queue a rule and return it (its ``hits`` count is updated as it fires)."""
        self.rules.append(rule)
        return rule

    def fail_next(
        self,
        method: str | None = None,
        *,
        status: int = 500,
        retry_after: int | None = None,
        description: str | None = None,
        times: int = 1,
        chat_id: int | str | None = None,
        delay: float = 0.0,
        migrate_to_chat_id: int | None = None,
    ) -> FaultRule:
        """Answer the next ``times`` matching calls with an error (after ``delay`` seconds)."""
        return self.add(
            FaultRule(
                method, chat_id, status, description, retry_after, times, delay,
                migrate_to_chat_id=migrate_to_chat_id,
            )
        )  # fmt: skip

    def delay_next(
        self,
        method: str | None = None,
        *,
        seconds: float,
        times: int = 1,
        chat_id: int | str | None = None,
    ) -> FaultRule:
        """Execute the next matching calls but answer ``seconds`` late (client timeouts)."""
        return self.add(FaultRule(method, chat_id, None, times=times, delay=seconds))

    def take(self, method: str, chat_id: int | str | None) -> FaultRule | None:
        """Pop one use of the first rule matching this call, if any."""
        for rule in self.rules:
            if rule.matches(method, chat_id):
                rule.hits += 1
                rule.times -= 1
                if rule.times <= 0:
                    self.rules.remove(rule)
                return rule
        return None

    def clear(self) -> None:
        """Drop all pending rules."""
        self.rules.clear()


@dataclass
class RateLimits:
    """Flood limits: per chat per second, per group per minute, global per second (None = off)."""

    per_chat_per_second: int | None = 1
    per_group_per_minute: int | None = 20
    global_per_second: int | None = 30


class RateLimiter:
    """Sliding-window counters of accepted sends that answer 429 like Telegram's flood control."""

    def __init__(self, limits: RateLimits, clock: Callable[[], float] = time.monotonic) -> None:
        """Start with empty windows."""
        self.limits = limits
        self._clock = clock
        self._per_chat: dict[int, deque[float]] = {}
        self._global: deque[float] = deque()

    @staticmethod
    def _check(window: deque[float], now: float, span: float, limit: int | None) -> None:
        """Raise 429 if ``window`` already holds ``limit`` sends within ``span`` seconds."""
        if limit is None:
            return
        recent = [t for t in window if t > now - span]
        if len(recent) >= limit:
            wait = max(1, math.ceil(recent[len(recent) - limit] + span - now))
            raise ApiError(429, default_description(429, wait), wait)

    def check(self, chat_id: int, is_group: bool) -> None:
        """Record a send to ``chat_id`` or raise :class:`ApiError` 429 when over a limit."""
        now = self._clock()
        sends = self._per_chat.setdefault(chat_id, deque())
        for window, span in ((sends, 60.0), (self._global, 1.0)):
            while window and window[0] <= now - span:
                window.popleft()
        self._check(self._global, now, 1.0, self.limits.global_per_second)
        self._check(sends, now, 1.0, self.limits.per_chat_per_second)
        if is_group:
            self._check(sends, now, 60.0, self.limits.per_group_per_minute)
        sends.append(now)
        self._global.append(now)
