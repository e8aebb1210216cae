"""The delivery worker against the local Bot API: retries, failures, blocks, crash recovery."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging

import pytest
from telegram.error import NetworkError, RetryAfter

from outbox.outcomes import migrate, record_error, retry_after_seconds
from outbox.pacing import ChatPacer
from outbox.worker import DeliveryWorker, backoff
from rendering.parts import Button, MessagePart, parts_to_payload
from runtime.services import utc_now
from storage.models import Delivery, DeliveryKind, DeliveryState, SubscriberState
from storage.repositories import DeliveryRepository
from tests.support.factories import make_claim
from tests.support.world import World

ignore_retry_after_migration = pytest.mark.filterwarnings(
    "ignore::telegram.warnings.PTBDeprecationWarning"
)


async def settled(w: World, delivery_id: int, timeout: float = 3.0) -> Delivery:
    """The row once it is no longer ``sending`` (a running worker commits after each send)."""
    for _ in range(int(timeout / 0.02)):
        row = await w.row(delivery_id)
        if row.state is not DeliveryState.SENDING:
            return row
        await asyncio.sleep(0.02)
    raise AssertionError(f"delivery {delivery_id} still sending after {timeout} s")


async def test_parts_go_out_in_order_as_html_with_buttons_and_no_link_preview(w: World) -> None:
    subscriber = await w.add_subscriber()
    payload = parts_to_payload([
        MessagePart("<b>One</b> &amp; only", (Button("📄 Full text", "full:7"),)),
        MessagePart("Two <a href=\"https://example.org/\">link</a>"),
    ])
    async with w.sessions() as session, session.begin():
        row = await DeliveryRepository(session).enqueue(
            subscriber.id, DeliveryKind.DIGEST, due_at=w.clock.now, payload=payload
        )
        assert row is not None

    assert await w.worker.drain() == 1

    first, second = w.api.messages(subscriber.chat_id)
    assert (first.text, first.callback_data) == ("One & only", ["full:7"])
    assert second.text == "Two link" and second.callback_data == []
    call = w.api.calls("sendMessage")[0]
    assert call.params["parse_mode"] == "HTML"
    assert json.loads(call.params["link_preview_options"]) == {"is_disabled": True}
    done = await w.row(row.id)
    assert done.state is DeliveryState.SENT
    assert done.payload["sent"] == 2
    assert done.telegram_message_id == first.message_id
    assert done.payload["message_ids"] == [first.message_id, second.message_id]


@ignore_retry_after_migration
async def test_a_chats_previews_and_silence_go_with_digests_and_alerts_not_notices(
    w: World,
) -> None:
    subscriber = await w.add_subscriber(link_previews=True, silent=True)
    async with w.sessions() as session, session.begin():
        deliveries = DeliveryRepository(session)
        for kind in (DeliveryKind.DIGEST, DeliveryKind.ALERT, DeliveryKind.MESSAGE):
            payload = parts_to_payload([MessagePart(kind.value)])
            row = await deliveries.enqueue(
                subscriber.id, kind, due_at=w.clock.now, payload=payload, dedup_key=kind.value
            )
            assert row is not None

    assert await w.worker.drain() == 3

    sent = {m.text: m for m in w.api.messages(subscriber.chat_id)}
    assert set(sent) == {"digest", "alert", "message"}
    for kind in ("digest", "alert"):
        assert sent[kind].link_preview_options == {"is_disabled": False}
        assert sent[kind].disable_notification is True
    assert sent["message"].link_preview_options == {"is_disabled": True}
    assert sent["message"].disable_notification is False


async def test_429_is_retried_after_retry_after_and_delivered_once(w: World) -> None:
    w.services.clock = utc_now  # the real clock: the wait is checked on the server's timestamps
    subscriber = await w.add_subscriber()
    delivery_id = await w.enqueue(subscriber, "Hello")
    w.api.fail_next("sendMessage", status=429, retry_after=1)

    running = asyncio.create_task(w.worker.run())
    try:
        await w.api.wait_for_messages(subscriber.chat_id, 1, timeout=5)
        row = await settled(w, delivery_id)
    finally:
        running.cancel()

    calls = w.api.calls("sendMessage")
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].time - calls[0].time >= 1.0
    assert w.texts(subscriber.chat_id) == ["Hello"]
    assert (row.state, row.attempts) == (DeliveryState.SENT, 1)  # the 429 did not count


async def test_500_is_retried_with_backoff_then_delivered(w: World) -> None:
    subscriber = await w.add_subscriber()
    delivery_id = await w.enqueue(subscriber, "Hello")
    w.api.fail_next("sendMessage", status=500)

    await w.worker.drain()
    waiting = await w.row(delivery_id)
    await w.worker.drain()  # not due yet: nothing happens
    w.clock.advance(seconds=2)
    await w.worker.drain()

    assert (waiting.state, waiting.attempts) == (DeliveryState.PENDING, 1)
    assert waiting.due_at == w.clock.now  # i.e. the first attempt + 2 s
    assert waiting.last_error is not None and "Internal Server Error" in waiting.last_error
    assert [c.status for c in w.api.calls("sendMessage")] == [500, 200]
    assert w.texts(subscriber.chat_id) == ["Hello"]
    assert (await w.row(delivery_id)).state is DeliveryState.SENT


async def test_500_forever_fails_after_max_attempts_with_the_error_recorded(w: World) -> None:
    subscriber = await w.add_subscriber()
    delivery_id = await w.enqueue(subscriber, "Hello")
    w.api.fail_next("sendMessage", status=500, times=100)

    waits = []
    for _ in range(w.services.settings.delivery_max_attempts):
        before = w.clock.now
        await w.worker.drain()
        row = await w.row(delivery_id)
        waits.append(row.due_at - before)
        w.clock.now = max(w.clock.now, row.due_at)

    assert row.state is DeliveryState.FAILED and row.attempts == 3
    assert row.last_error is not None and "Internal Server Error" in row.last_error
    assert waits[:2] == [backoff(1), backoff(2)] == [dt.timedelta(seconds=2),
                                                      dt.timedelta(seconds=4)]
    assert len(w.api.calls("sendMessage")) == 3
    assert w.texts(subscriber.chat_id) == []


def test_backoff_doubles_from_two_seconds_and_is_capped_at_five_minutes() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 8, 9, 50)] == [2, 4, 8, 256, 300, 300]


async def test_403_marks_the_reader_blocked_and_nothing_more_is_sent(w: World) -> None:
    subscriber = await w.add_subscriber()
    first = await w.enqueue(subscriber, "One", key="a")
    second = await w.enqueue(subscriber, "Two", key="b")
    w.api.block_bot(subscriber.chat_id)

    await w.worker.drain()
    later = await w.enqueue(subscriber, "Three", key="c")
    await w.worker.drain()

    assert (await w.subscriber(subscriber.id)).state is SubscriberState.BLOCKED
    rows = [await w.row(delivery_id) for delivery_id in (first, second, later)]
    assert [row.state for row in rows] == [DeliveryState.FAILED] * 3
    assert rows[0].last_error is not None and rows[0].last_error.startswith("blocked: Forbidden")
    assert len(w.api.calls("sendMessage")) == 1


async def test_bad_request_fails_the_row_with_the_error(w: World) -> None:
    subscriber = await w.add_subscriber(chat_id=424242)  # no such chat on the server
    delivery_id = await w.enqueue(subscriber, "Hello")

    await w.worker.drain()

    row = await w.row(delivery_id)
    assert row.state is DeliveryState.FAILED
    assert row.last_error is not None and "chat not found" in row.last_error.lower()


async def test_rows_of_a_stopped_reader_fail_without_sending(w: World) -> None:
    subscriber = await w.add_subscriber(state=SubscriberState.STOPPED)
    delivery_id = await w.enqueue(subscriber, "Hello")

    await w.worker.drain()

    assert (await w.row(delivery_id)).last_error == "subscriber is stopped"
    assert w.api.calls("sendMessage") == []


async def test_run_wakes_up_when_something_is_enqueued(w: World) -> None:
    subscriber = await w.add_subscriber()
    sleepy = DeliveryWorker(w.services, w.bot, idle_seconds=30)
    running = asyncio.create_task(sleepy.run())
    try:
        await asyncio.sleep(0.1)
        await w.enqueue(subscriber, "Wake up")
        w.services.delivery_wakeup.set()
        [message] = await w.api.wait_for_messages(subscriber.chat_id, 1, timeout=2)
    finally:
        running.cancel()
        # The worker must stop when cancelled, even right after a wake-up.
        await asyncio.wait([running], timeout=5)

    assert message.text == "Wake up"
    assert running.cancelled()


class StillClock:
    """A monotonic clock for the pacer that never moves; sleeps are only recorded."""

    def __init__(self) -> None:
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return 1000.0

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))


@ignore_retry_after_migration
async def test_429_holds_the_chat_and_sets_its_rows_aside_uncounted_until_retry_after(
    w: World,
) -> None:
    clock = StillClock()
    pacer = ChatPacer(1000, clock=clock, sleep=clock.sleep)
    worker = DeliveryWorker(w.services, w.bot, pacer=pacer)
    subscriber = await w.add_subscriber()
    ids = [await w.enqueue(subscriber, text, key=text) for text in ("One", "Two", "Three")]
    w.api.fail_next("sendMessage", status=429, retry_after=30)

    await worker.drain()

    rows = [await w.row(delivery_id) for delivery_id in ids]
    retry_at = w.clock.now + dt.timedelta(seconds=30)
    assert [(r.state, r.attempts, r.due_at) for r in rows] == [
        (DeliveryState.PENDING, 0, retry_at)
    ] * 3
    assert rows[0].last_error is not None and rows[0].last_error.startswith("RetryAfter: ")
    assert [r.last_error for r in rows[1:]] == ["waiting out the chat's flood limit"] * 2
    async with pacer.slot(subscriber.chat_id):
        pass
    assert clock.sleeps == [30.0]


async def test_the_rest_of_a_blocked_subscribers_rows_fail_saying_so(w: World) -> None:
    subscriber = await w.add_subscriber()
    first = await w.enqueue(subscriber, "One", key="a")
    second = await w.enqueue(subscriber, "Two", key="b")
    w.api.block_bot(subscriber.chat_id)

    await w.worker.drain()

    rows = [await w.row(delivery_id) for delivery_id in (first, second)]
    assert rows[0].last_error is not None and rows[0].last_error.startswith("blocked: ")
    assert rows[1].last_error == "subscriber blocked the bot"


async def test_unexpected_errors_are_logged_naming_the_delivery_but_network_errors_are_not(
    w: World, caplog: pytest.LogCaptureFixture
) -> None:
    subscriber = await w.add_subscriber()
    conflict = await w.enqueue(subscriber, "One", key="a")
    w.api.fail_next("sendMessage", status=409, description="Conflict: odd")

    with caplog.at_level(logging.ERROR, logger="outbox.worker"):
        await w.worker.drain()
        row = await w.row(conflict)
        unexpected = [r.getMessage() for r in caplog.records if r.name == "outbox.worker"]
        caplog.clear()
        other = await w.add_subscriber()
        await w.enqueue(other, "Two", key="b")
        w.api.fail_next("sendMessage", status=500)
        await w.worker.drain()
        network = [r.getMessage() for r in caplog.records if r.name == "outbox.worker"]

    assert row.state is DeliveryState.PENDING and row.last_error is not None
    assert row.last_error.startswith("Conflict: ")
    assert unexpected == [f"delivery {conflict}: unexpected {row.last_error}"]
    assert network == []


@ignore_retry_after_migration
def test_retry_after_is_read_in_seconds_from_either_of_ptbs_forms(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    error = RetryAfter(dt.timedelta(seconds=2.5))
    assert retry_after_seconds(error) == 2.5
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB then hands out a timedelta
    assert retry_after_seconds(error) == 2.5


async def claimed(w: World, delivery_id: int, state: DeliveryState, at: dt.datetime) -> None:
    """Mark the row as claimed at ``at`` and in ``state``, as another worker would leave it."""
    async with w.sessions() as session, session.begin():
        row = await session.get(Delivery, delivery_id)
        assert row is not None
        row.state, row.claimed_at = state, at


@pytest.mark.parametrize(
    ("state", "lease_moved"),
    [(DeliveryState.SENDING, True), (DeliveryState.SENT, False), (DeliveryState.PENDING, False)],
)
async def test_an_error_is_not_recorded_on_a_row_this_worker_no_longer_holds(
    w: World, state: DeliveryState, lease_moved: bool
) -> None:
    subscriber = await w.add_subscriber()
    delivery_id = await w.enqueue(subscriber, "One")
    mine = w.clock.now
    await claimed(w, delivery_id, state, mine + dt.timedelta(minutes=5) if lease_moved else mine)
    before = await w.row(delivery_id)

    stop = await record_error(
        w.services,
        w.services.pacer,
        make_claim(delivery_id, chat_id=subscriber.chat_id, subscriber_id=subscriber.id, at=mine),
        NetworkError("timed out"),
    )

    after = await w.row(delivery_id)
    assert stop is None
    assert (after.state, after.attempts, after.due_at, after.last_error) == (
        before.state, before.attempts, before.due_at, before.last_error
    )


async def test_an_error_is_recorded_on_a_row_this_worker_still_holds(w: World) -> None:
    subscriber = await w.add_subscriber()
    delivery_id = await w.enqueue(subscriber, "One")
    mine = w.clock.now
    await claimed(w, delivery_id, DeliveryState.SENDING, mine)

    await record_error(
        w.services,
        w.services.pacer,
        make_claim(delivery_id, chat_id=subscriber.chat_id, subscriber_id=subscriber.id, at=mine),
        NetworkError("timed out"),
    )

    after = await w.row(delivery_id)
    assert (after.state, after.last_error) == (DeliveryState.PENDING, "NetworkError: timed out")


async def test_a_migration_whose_subscriber_is_gone_keeps_the_claims_state_and_is_logged(
    w: World, caplog: pytest.LogCaptureFixture
) -> None:
    claim = make_claim(77, chat_id=-4242, subscriber_id=999, at=w.clock.now)

    with caplog.at_level(logging.INFO, logger="outbox.worker"):
        moved = await migrate(w.services, claim, -1004242)

    assert moved is True
    assert claim.chat_id == -1004242
    assert [r.getMessage() for r in caplog.records if r.name == "outbox.worker"] == [
        "delivery 77: chat -4242 became supergroup -1004242; subscriber moved"
    ]


async def test_a_row_taken_over_while_its_send_waited_for_the_budget_is_not_sent(w: World) -> None:
    subscriber = await w.add_subscriber()
    delivery_id = await w.enqueue(subscriber, "Once")
    pacer = w.services.pacer
    async with pacer.slot(subscriber.chat_id):  # the chat's turn is taken: the worker waits
        draining = asyncio.create_task(w.worker.drain())
        while (await w.row(delivery_id)).state is not DeliveryState.SENDING:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.1)  # the worker checked its fresh claim and queued for the slot
        later = w.clock.advance(seconds=w.services.settings.delivery_lease_seconds + 1)
        await claimed(w, delivery_id, DeliveryState.SENDING, later)  # the tick gave it away

    assert await asyncio.wait_for(draining, 5) == 1

    assert w.api.messages(subscriber.chat_id) == []  # the new owner sends it, not this worker
    row = await w.row(delivery_id)
    assert (row.state, row.claimed_at) == (DeliveryState.SENDING, later)
