"""Metrics: the outbox read at scrape time (cached), closed label sets, the text format."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from runtime.metrics import Metrics
from storage.models import Delivery, DeliveryState
from tests.support.database import Database
from tests.support.world import outbox_world


def outbox(metrics: Metrics, state: str) -> float | None:
    return metrics.registry.get_sample_value("briefbot_outbox_messages", {"state": state})


async def test_outbox_depth_and_oldest_due_age_are_read_and_cached(any_database: Database) -> None:
    async with outbox_world(any_database) as w:
        subscriber = await w.add_subscriber()
        now = w.clock.now
        ids = [await w.enqueue(subscriber, text, key=text) for text in "abcdef"]
        later = now + dt.timedelta(hours=1)
        due = {ids[0]: now - dt.timedelta(minutes=10), ids[1]: now, ids[2]: later}
        async with w.sessions() as session, session.begin():
            for delivery_id, due_at in due.items():
                await session.execute(
                    update(Delivery).where(Delivery.id == delivery_id).values(due_at=due_at)
                )
            states = {ids[3]: DeliveryState.SENDING, ids[4]: DeliveryState.FAILED,
                      ids[5]: DeliveryState.SENT}  # fmt: skip
            for delivery_id, state in states.items():
                await session.execute(
                    update(Delivery).where(Delivery.id == delivery_id).values(state=state)
                )
        moment = [100.0]
        metrics = Metrics(outbox_cache_seconds=5, monotonic=lambda: moment[0])

        await metrics.refresh_outbox(w.services.read_session_factory, now)
        assert [outbox(metrics, s) for s in ("pending", "sending", "failed")] == [3.0, 1.0, 1.0]
        assert outbox(metrics, "sent") is None  # sent rows are counted by briefbot_sends_total
        age = metrics.registry.get_sample_value("briefbot_outbox_oldest_due_age_seconds")
        assert age == 600.0

        async with w.sessions() as session, session.begin():
            await session.execute(
                update(Delivery).where(Delivery.id == ids[0]).values(state=DeliveryState.SENT)
            )
        moment[0] += 4.9
        await metrics.refresh_outbox(w.services.read_session_factory, now)
        assert outbox(metrics, "pending") == 3.0  # cached
        moment[0] += 0.1
        await metrics.refresh_outbox(w.services.read_session_factory, now)
        assert outbox(metrics, "pending") == 2.0
        assert metrics.registry.get_sample_value("briefbot_outbox_oldest_due_age_seconds") == 0.0


def test_unknown_outcomes_are_refused_so_labels_stay_bounded() -> None:
    metrics = Metrics()
    with pytest.raises(ValueError, match="unknown send outcome"):
        metrics.record_send("418", 0.1)
    with pytest.raises(ValueError, match="unknown poll outcome"):
        metrics.record_poll("maybe")


def test_the_exposition_names_every_metric_with_the_briefbot_prefix() -> None:
    metrics = Metrics()
    metrics.record_command("start", 0.02)
    at = dt.datetime(2026, 12, 2, 12, tzinfo=dt.UTC)
    metrics.record_tick(1.5, succeeded=True, at=at)
    text = metrics.exposition().decode()
    for name in (
        "briefbot_outbox_messages", "briefbot_outbox_oldest_due_age_seconds",
        "briefbot_sends_total", "briefbot_send_duration_seconds_bucket",
        "briefbot_digests_enqueued_total", "briefbot_tick_duration_seconds_count",
        "briefbot_tick_last_success_timestamp_seconds", "briefbot_source_polls_total",
        "briefbot_briefs_ingested_total", "briefbot_command_duration_seconds_count",
    ):  # fmt: skip
        assert f"\n{name}" in text, name
    assert 'briefbot_command_duration_seconds_count{command="start"} 1.0' in text
    last = metrics.registry.get_sample_value("briefbot_tick_last_success_timestamp_seconds")
    assert last == at.timestamp()
    samples = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert len(samples) > 10 and all(line.startswith("briefbot_") for line in samples)


def test_two_metrics_objects_never_share_a_registry() -> None:
    first, second = Metrics(), Metrics()
    first.record_send("sent", 0.1)
    assert second.registry.get_sample_value("briefbot_sends_total", {"outcome": "sent"}) == 0.0
