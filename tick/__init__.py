"""Scheduled work: the minute tick (digests, polling, follow alerts, stale-send recovery)."""

from tick.job import TICK_INTERVAL_SECONDS, TickReport, release_stale, run_tick
from tick.once import run_tick_once

__all__ = ["TICK_INTERVAL_SECONDS", "TickReport", "release_stale", "run_tick", "run_tick_once"]
