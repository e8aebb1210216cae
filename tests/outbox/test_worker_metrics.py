"""The delivery worker counts every sendMessage by outcome and times it."""

from __future__ import annotations

import pytest

from tests.support.world import World

# PTB warns when a 429's retry_after is read as a number (the worker reads it either way).
ignore_retry_after_migration = pytest.mark.filterwarnings(
    "ignore::telegram.warnings.PTBDeprecationWarning"
)


def sends(w: World, outcome: str) -> float | None:
    return w.services.metrics.registry.get_sample_value(
        "briefbot_sends_total", {"outcome": outcome}
    )


@ignore_retry_after_migration
async def test_each_send_is_counted_under_its_outcome_and_timed(w: World) -> None:
    chats = {}
    for outcome in ("sent", "429", "403", "5xx", "failed"):
        subscriber = await w.add_subscriber()
        await w.enqueue(subscriber, f"to {outcome}")
        chats[outcome] = subscriber.chat_id
    w.api.fail_next("sendMessage", status=429, retry_after=30, chat_id=chats["429"])
    w.api.block_bot(chats["403"])
    w.api.fail_next("sendMessage", status=502, chat_id=chats["5xx"])
    w.api.fail_next("sendMessage", status=400, description="Bad Request", chat_id=chats["failed"])
    assert {outcome: sends(w, outcome) for outcome in chats} == dict.fromkeys(chats, 0.0)

    await w.worker.send_due()

    assert {outcome: sends(w, outcome) for outcome in chats} == dict.fromkeys(chats, 1.0)
    registry = w.services.metrics.registry
    assert registry.get_sample_value("briefbot_send_duration_seconds_count") == 5.0
    assert w.texts(chats["sent"]) == ["to sent"]
