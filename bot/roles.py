"""What one ``briefbot run`` process does: its role (``--role``).

Several instances on one PostgreSQL database share the work by role: one ``updates`` instance
with long polling (Telegram allows one poller per token; with a webhook, any number behind a
load balancer), any number of ``worker`` instances, and ``scheduler`` instances of which one
runs each minute's tick (see :mod:`tick.once`). ``all`` is one process doing everything.
"""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    """The parts of the bot one process runs."""

    ALL = "all"
    UPDATES = "updates"
    WORKER = "worker"
    SCHEDULER = "scheduler"

    @property
    def receives_updates(self) -> bool:
        """Polls or serves the webhook and answers commands."""
        return self in (Role.ALL, Role.UPDATES)

    @property
    def runs_tick(self) -> bool:
        """Schedules the minute tick (digests, polling, alerts, stale claims)."""
        return self in (Role.ALL, Role.SCHEDULER)

    @property
    def delivers(self) -> bool:
        """Runs the outbox delivery worker."""
        return self in (Role.ALL, Role.WORKER)

    @property
    def summarizes(self) -> bool:
        """Summarizes briefs (ingest from chats, the tick's polling), so wants the summary pool.

        A ``worker`` only sends what is already rendered: it starts no summary processes.
        """
        return self.receives_updates or self.runs_tick

    @property
    def sends(self) -> bool:
        """Sends messages (replies or the outbox), so takes a share of the send budget."""
        return self.receives_updates or self.delivers

    def describe(self) -> str:
        """The parts it runs, for the start-up log line."""
        parts = [
            name
            for name, on in (
                ("updates", self.receives_updates),
                ("tick", self.runs_tick),
                ("delivery worker", self.delivers),
            )
            if on
        ]
        return f"role {self.value}: " + ", ".join(parts)
