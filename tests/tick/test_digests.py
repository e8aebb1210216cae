"""Daily digests through the tick and the real bot: content, order, schedule, dedup."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest

from storage.models import Brief, DeliveryState, RuleKind, SubscriberState
from storage.repositories import BriefRepository, SubscriberRepository
from tests.support.database import Database
from tests.support.world import START, World, outbox_world
from tick import digests, run_tick

UTC = dt.UTC


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=UTC)


async def test_due_digest_is_enqueued_once_and_delivered_with_heading_and_count(
    w: World,
) -> None:
    subscriber = await w.add_subscriber(next_digest_at=START - dt.timedelta(minutes=1))
    first = await w.add_brief(title="Harbour reopens")
    second = await w.add_brief(title="Council budget passes")

    report = await run_tick(w.services)
    again = await run_tick(w.services)
    await w.worker.drain()

    assert (report.digests.enqueued, again.digests.enqueued, report.errors) == (1, 0, [])
    [text] = w.texts(subscriber.chat_id)
    assert text.startswith("Digest for Wed 25 Nov 2026 · 2 new briefs")
    assert "Harbour reopens" in text and "Council budget passes" in text
    buttons = w.api.messages(subscriber.chat_id)[0].callback_data
    assert sorted(buttons) == sorted([f"full:{first.id}", f"full:{second.id}"])
    [row] = await w.deliveries()
    assert (row.state, row.dedup_key) == (DeliveryState.SENT, "digest:2026-11-25")
    stored = await w.subscriber(subscriber.id)
    assert stored.next_digest_at == at(26, 8)
    assert (stored.last_digest_at, stored.last_digest_on) == (START, dt.date(2026, 11, 25))


async def test_second_digest_on_the_same_local_date_is_not_enqueued(w: World) -> None:
    subscriber = await w.add_subscriber(next_digest_at=START - dt.timedelta(minutes=1))
    await w.add_brief(title="Morning story")
    await run_tick(w.services)
    # The subscriber moves the digest time later the same day: the instant comes round again.
    w.clock.advance(hours=2)
    async with w.sessions() as session, session.begin():
        stored = await session.get(type(subscriber), subscriber.id)
        assert stored is not None
        stored.next_digest_at = w.clock.now - dt.timedelta(minutes=1)
    await w.add_brief(title="Afternoon story")

    report = await run_tick(w.services)

    assert (report.digests.enqueued, report.digests.already) == (0, 1)
    assert len(await w.deliveries()) == 1
    stored = await w.subscriber(subscriber.id)
    # The afternoon brief is not lost: it waits for the next digest.
    assert stored.last_digest_at == START
    assert stored.next_digest_at == at(26, 8)


async def test_first_digest_holds_only_the_last_24_hours(w: World) -> None:
    subscriber = await w.add_subscriber(next_digest_at=START)
    await w.add_brief(title="Too old", ingested_at=START - dt.timedelta(hours=25))
    await w.add_brief(title="Recent enough", ingested_at=START - dt.timedelta(hours=23))

    await run_tick(w.services)
    await w.worker.drain()

    [text] = w.texts(subscriber.chat_id)
    assert "1 new brief" in text
    assert "Recent enough" in text and "Too old" not in text


async def test_later_digest_holds_what_arrived_since_the_previous_one(w: World) -> None:
    subscriber = await w.add_subscriber(
        next_digest_at=START, last_digest_at=START - dt.timedelta(hours=2)
    )
    await w.add_brief(title="Before the last digest", ingested_at=START - dt.timedelta(hours=3))
    await w.add_brief(title="After the last digest", ingested_at=START - dt.timedelta(hours=1))

    await run_tick(w.services)
    await w.worker.drain()

    [text] = w.texts(subscriber.chat_id)
    assert "After the last digest" in text
    assert "Before the last digest" not in text


async def test_nothing_new_sends_nothing_but_the_next_instant_advances(w: World) -> None:
    subscriber = await w.add_subscriber(next_digest_at=START - dt.timedelta(minutes=5))
    await w.add_brief(title="Ancient", ingested_at=START - dt.timedelta(days=3))

    report = await run_tick(w.services)
    await w.worker.drain()

    assert (report.digests.enqueued, report.digests.empty) == (0, 1)
    assert w.api.messages(subscriber.chat_id) == []
    assert await w.deliveries() == []
    assert (await w.subscriber(subscriber.id)).next_digest_at == at(26, 8)


async def test_bot_down_three_days_sends_one_digest_not_one_per_missed_day(w: World) -> None:
    subscriber = await w.add_subscriber(next_digest_at=at(22, 8), last_digest_at=at(21, 8))
    for day in (22, 23, 24):
        await w.add_brief(title=f"News of the {day}th", ingested_at=at(day, 12))

    first = await run_tick(w.services)
    second = await run_tick(w.services)
    await w.worker.drain()

    assert (first.digests.enqueued, second.digests.enqueued) == (1, 0)
    [text] = w.texts(subscriber.chat_id)
    assert "3 new briefs" in text
    assert (await w.subscriber(subscriber.id)).next_digest_at == at(26, 8)


async def test_muted_topic_is_left_out_of_the_digest(w: World) -> None:
    subscriber = await w.add_subscriber(next_digest_at=START)
    await w.add_rule(subscriber, RuleKind.MUTE, "football", START - dt.timedelta(days=1))
    await w.add_brief(title="Football final tonight", text="The football final is tonight.")
    await w.add_brief(title="Harbour reopens", text="The harbour reopened on Tuesday.")

    await run_tick(w.services)
    await w.worker.drain()

    [text] = w.texts(subscriber.chat_id)
    assert "1 new brief" in text
    assert "Harbour reopens" in text and "Football" not in text


async def test_digest_puts_followed_then_most_reported_then_newest_first(w: World) -> None:
    subscriber = await w.add_subscriber(next_digest_at=START)
    await w.add_rule(subscriber, RuleKind.FOLLOW, "volcano", START - dt.timedelta(days=1))
    hour = dt.timedelta(hours=1)
    await w.add_brief(title="Oldest plain story", ingested_at=START - 5 * hour)
    await w.add_brief(title="Newest plain story", ingested_at=START - hour)
    await w.add_brief(title="Widely reported story", ingested_at=START - 3 * hour,
                      duplicate_count=4)
    await w.add_brief(title="Volcano erupts", text="A volcano erupted.",
                      ingested_at=START - 6 * hour)

    await run_tick(w.services)
    await w.worker.drain()

    [text] = [t for t in w.texts(subscriber.chat_id) if t.startswith("Digest")]
    titles = ["Volcano erupts", "Widely reported story", "Newest plain story",
              "Oldest plain story"]
    positions = [text.index(title) for title in titles]
    assert positions == sorted(positions)


async def test_digest_date_and_key_follow_the_readers_time_zone(w: World) -> None:
    # 07:30 on 26 Nov in Auckland (UTC+13) is 18:30 UTC on 25 Nov.
    w.clock.now = at(25, 18, 31)
    subscriber = await w.add_subscriber(timezone="Pacific/Auckland", digest_time=dt.time(7, 30),
                                next_digest_at=at(25, 18, 30))
    await w.add_brief(title="Overnight story")

    await run_tick(w.services)
    await w.worker.drain()

    [row] = await w.deliveries()
    assert row.dedup_key == "digest:2026-11-26"
    assert w.texts(subscriber.chat_id)[0].startswith("Digest for Thu 26 Nov 2026")
    assert (await w.subscriber(subscriber.id)).next_digest_at == at(26, 18, 30)


async def test_stopped_reader_and_reader_with_digest_off_get_no_digest(w: World) -> None:
    stopped = await w.add_subscriber(next_digest_at=START, state=SubscriberState.STOPPED)
    off = await w.add_subscriber(next_digest_at=START, digest_time=None)
    await w.add_brief(title="Something happened")

    report = await run_tick(w.services)
    await w.worker.drain()

    assert report.digests.enqueued == 0
    assert w.api.messages(stopped.chat_id) == [] and w.api.messages(off.chat_id) == []


async def test_concurrent_ticks_enqueue_one_digest_per_reader(any_database: Database) -> None:
    async with outbox_world(any_database) as w:
        subscribers = [await w.add_subscriber(next_digest_at=START) for _ in range(3)]
        await w.add_brief(title="Shared story")

        reports = await asyncio.gather(*(run_tick(w.services) for _ in range(3)))
        await w.worker.drain()

        assert sum(report.digests.enqueued for report in reports) == 3
        assert all(report.errors == [] for report in reports)
        assert [len(w.api.messages(subscriber.chat_id)) for subscriber in subscribers] == [1, 1, 1]


async def test_one_tick_enqueues_every_due_digest_in_chunks(
    w: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(digests, "DIGESTS_PER_TICK", 2)
    due = START - dt.timedelta(minutes=1)
    subscribers = [await w.add_subscriber(next_digest_at=due) for _ in range(5)]
    await w.add_brief(title="Harbour reopens")

    report = await run_tick(w.services)

    assert (report.digests.enqueued, report.errors) == (5, [])
    rows = await w.deliveries()
    assert sorted(row.subscriber_id for row in rows) == sorted(r.id for r in subscribers)


async def test_tick_commits_digests_in_batches_each_visible_before_the_next_is_built(
    w: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(digests, "WRITE_BATCH", 2)
    due = START - dt.timedelta(minutes=1)
    for _ in range(5):
        await w.add_subscriber(next_digest_at=due)
    await w.add_brief(title="Harbour reopens")
    write_plans = digests.write_plans
    seen_by_another_session: list[tuple[int, int, int]] = []  # (plans, rows before, rows after)

    async def recording(*args: Any) -> list[digests.DigestResult]:
        before = len(await w.deliveries())
        results = await write_plans(*args)
        seen_by_another_session.append((len(args[1]), before, len(await w.deliveries())))
        return results

    monkeypatch.setattr(digests, "write_plans", recording)
    report = await run_tick(w.services)

    assert (report.digests.enqueued, report.errors) == (5, [])
    assert seen_by_another_session == [(2, 0, 2), (2, 2, 4), (1, 4, 5)]


async def test_a_command_that_writes_is_answered_while_the_tick_builds_a_batch(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    async with world.sessions() as session, session.begin():
        reader = await SubscriberRepository(session).get_by_chat_id(chat.id)
        assert reader is not None
        reader.next_digest_at = START - dt.timedelta(minutes=1)
    other = await world.add_subscriber(next_digest_at=START - dt.timedelta(minutes=1))
    await world.add_brief(title="Harbour reopens")
    building, release = asyncio.Event(), asyncio.Event()
    arrived_since = BriefRepository.arrived_since

    async def held(self: BriefRepository, *args: Any, **kwargs: Any) -> list[Brief]:
        found = await arrived_since(self, *args, **kwargs)
        building.set()
        await release.wait()  # the tick stays mid-batch until the reply came
        return found

    monkeypatch.setattr(BriefRepository, "arrived_since", held)
    tick = asyncio.create_task(run_tick(world.services))
    try:
        await asyncio.wait_for(building.wait(), 10)
        # Before the change the tick read and rendered inside its write transaction (SQLite's
        # write lock), and this reply waited for the 30 s busy timeout.
        [answer] = await world.say(chat.id, "/digest 09:30")
    finally:
        release.set()
    report = await asyncio.wait_for(tick, 30)

    assert "Daily digest at 09:30 UTC" in answer.text
    stored = await world.subscriber(reader.id)
    assert (stored.digest_time, stored.next_digest_at) == (
        dt.time(9, 30), dt.datetime(2026, 11, 26, 9, 30, tzinfo=UTC),
    )  # fmt: skip
    # The reader's change, made after the batch was read, wins: their digest waits for 09:30.
    assert (report.digests.enqueued, report.errors) == (1, [])
    assert [row.subscriber_id for row in await world.deliveries()] == [other.id]


async def test_digests_at_a_length_summarise_each_brief_once_for_every_chat(w: World) -> None:
    text = (
        "The harbour authority reopened the northern pier after months of repairs. "
        "Fishing crews returned before dawn to unload the first catch of the week. "
        "Traders expect busier markets now that the pier is open to the boats again."
    )
    chats = [
        await w.add_subscriber(next_digest_at=START - dt.timedelta(minutes=1), summary_length=1)
        for _ in range(60)  # more than one write batch (digests.WRITE_BATCH)
    ]
    default = await w.add_subscriber(next_digest_at=START - dt.timedelta(minutes=1))
    for n in range(2):
        await w.add_brief(title=f"Pier story {n}", text=f"{text} Story {n}.", summary=[text])

    report = await run_tick(w.services)
    await w.worker.drain()

    assert report.digests.enqueued == 61
    assert w.services.lengths.computed == 2  # two briefs at one length, for sixty chats
    sentences = {s + "." for s in text.rstrip(".").split(". ")}
    for subscriber in chats:
        [digest] = w.texts(subscriber.chat_id)
        bullets = [line[2:] for line in digest.splitlines() if line.startswith("• ")]
        assert len(bullets) == 2 and set(bullets) <= sentences  # one sentence of each brief
    [full] = w.texts(default.chat_id)
    assert full.count(f"• {text}") == 2  # the stored summaries, untouched
