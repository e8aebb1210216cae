"""The bot's Prometheus metrics: one registry per process, owned by the services (no globals).

The outbox worker, the tick and the handlers record through ``services.metrics``; the health
server (:mod:`runtime.health`) exports the registry as ``/metrics``. Label values come from
closed sets (the outcomes below, the bot's command names and ``other``), so no input can grow
the number of series.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import Delivery, DeliveryState

# What became of one sendMessage; "5xx" counts timeouts and network errors too.
SEND_OUTCOMES = ("sent", "429", "403", "5xx", "failed")
# A source poll: fetched and recorded, its fetch or parse failed, or it overran its timeout.
POLL_OUTCOMES = ("ok", "failed", "timeout")
# Where a stored brief came from inside the bot (``briefbot ingest`` is another process).
INGEST_PATHS = ("poll", "add")
# The label of a command the bot does not know (a bounded label set: known commands + this).
OTHER_COMMAND = "other"
# Outbox states counted at scrape time; sent rows only grow, see briefbot_sends_total.
OUTBOX_STATES = (DeliveryState.PENDING, DeliveryState.SENDING, DeliveryState.FAILED)
OUTBOX_CACHE_SECONDS = 5.0

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
TICK_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)


class Metrics:
    """Every briefbot metric on a registry of this object's own."""

    def __init__(
        self,
        *,
        outbox_cache_seconds: float = OUTBOX_CACHE_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.registry = CollectorRegistry()
        registry = self.registry
        self.outbox_messages = Gauge(
            "briefbot_outbox_messages", "Outbox messages by state (sent ones are not counted)",
            ["state"], registry=registry,
        )
        self.outbox_oldest_due_age = Gauge(
            "briefbot_outbox_oldest_due_age_seconds",
            "How long the oldest pending message has been due (0 when none is)",
            registry=registry,
        )
        self.sends = Counter(
            "briefbot_sends", "sendMessage calls of the outbox worker by outcome",
            ["outcome"], registry=registry,
        )
        self.send_duration = Histogram(
            "briefbot_send_duration_seconds", "Duration of one sendMessage call (any outcome)",
            buckets=LATENCY_BUCKETS, registry=registry,
        )
        self.digests_enqueued = Counter(
            "briefbot_digests_enqueued", "Digests put in the outbox by the tick",
            registry=registry,
        )
        self.tick_duration = Histogram(
            "briefbot_tick_duration_seconds", "Duration of the minute tick this instance ran",
            buckets=TICK_BUCKETS, registry=registry,
        )
        self.tick_last_success = Gauge(
            "briefbot_tick_last_success_timestamp_seconds",
            "Unix time of the last tick that ran without an outage (or that another instance ran)",
            registry=registry,
        )
        self.source_polls = Counter(
            "briefbot_source_polls", "Feed and page polls by outcome", ["outcome"],
            registry=registry,
        )
        self.briefs_ingested = Counter(
            "briefbot_briefs_ingested", "Briefs stored by the bot, by path", ["path"],
            registry=registry,
        )
        self.command_duration = Histogram(
            "briefbot_command_duration_seconds", "Time to handle one command, by command",
            ["command"], buckets=LATENCY_BUCKETS, registry=registry,
        )
        for outcome in SEND_OUTCOMES:
            self.sends.labels(outcome)
        for outcome in POLL_OUTCOMES:
            self.source_polls.labels(outcome)
        for path in INGEST_PATHS:
            self.briefs_ingested.labels(path)
        for state in OUTBOX_STATES:
            self.outbox_messages.labels(state.value)
        # The last successful tick by the services' clock (readiness compares it with now).
        self.last_tick_success: dt.datetime | None = None
        self._outbox_cache_seconds = outbox_cache_seconds
        self._monotonic = monotonic
        self._outbox_read_at: float | None = None

    def record_send(self, outcome: str, seconds: float) -> None:
        """One sendMessage of the worker: its outcome (one of SEND_OUTCOMES) and duration."""
        if outcome not in SEND_OUTCOMES:
            raise ValueError(f"unknown send outcome {outcome!r}")
        self.sends.labels(outcome).inc()
        self.send_duration.observe(seconds)

    def record_poll(self, outcome: str, stored: int = 0) -> None:
        """One source poll and the briefs it stored."""
        if outcome not in POLL_OUTCOMES:
            raise ValueError(f"unknown poll outcome {outcome!r}")
        self.source_polls.labels(outcome).inc()
        self.briefs_ingested.labels("poll").inc(stored)

    def record_tick(self, seconds: float | None, *, succeeded: bool, at: dt.datetime) -> None:
        """One tick this instance scheduled: its duration (None: skipped), if it succeeded when."""
        if seconds is not None:
            self.tick_duration.observe(seconds)
        if succeeded:
            self.last_tick_success = at
            self.tick_last_success.set(at.timestamp())

    def record_command(self, command: str, seconds: float) -> None:
        """How long one command took; ``command`` must come from a closed set of names."""
        self.command_duration.labels(command).observe(seconds)

    async def refresh_outbox(
        self, sessions: async_sessionmaker[AsyncSession], now: dt.datetime
    ) -> None:
        """Read the outbox depth and the oldest due message, at most once per cache period.

        Cheap on both databases: counts of the unsent states and one minimum, both on the
        ``(state, due_at)`` index.
        """
        moment = self._monotonic()
        read_at = self._outbox_read_at
        if read_at is not None and moment - read_at < self._outbox_cache_seconds:
            return
        async with sessions() as session:
            counts = await session.execute(
                select(Delivery.state, func.count())
                .where(Delivery.state.in_(OUTBOX_STATES))
                .group_by(Delivery.state)
            )
            oldest = await session.scalar(
                select(func.min(Delivery.due_at)).where(
                    Delivery.state == DeliveryState.PENDING, Delivery.due_at <= now
                )
            )
        found = {DeliveryState(state): int(number) for state, number in counts.all()}
        for state in OUTBOX_STATES:
            self.outbox_messages.labels(state.value).set(found.get(state, 0))
        age = 0.0 if oldest is None else max(0.0, (now - _aware(oldest)).total_seconds())
        self.outbox_oldest_due_age.set(age)
        self._outbox_read_at = moment

    def exposition(self) -> bytes:
        """The registry in Prometheus' text format."""
        return generate_latest(self.registry)


def _aware(moment: dt.datetime) -> dt.datetime:
    """``moment`` as an aware UTC instant (a naive one read back from SQLite is UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
