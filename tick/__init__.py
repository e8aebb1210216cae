"""Scheduled work: the minute tick (digests, polling, follow alerts, stale-send recovery)."""

from tick.job import TICK_INTERVAL_SECONDS, TickReport, release_stale, run_tick

__all__ = ["TICK_INTERVAL_SECONDS", "TickReport", "release_stale", "run_tick"]
