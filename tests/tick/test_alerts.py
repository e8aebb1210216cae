"""Follow alerts through the tick and the real bot."""

from __future__ import annotations

import datetime as dt

from storage.models import DeliveryKind, RuleKind, SubscriberState
from storage.repositories import CursorRepository
from tests.support.factories import make_brief
from tests.support.world import START, World
from tick import run_tick
from tick.alerts import ALERT_CURSOR, ALERT_LIST

EARLIER = START - dt.timedelta(days=1)


async def test_follow_alert_is_sent_once_per_chat_per_brief_even_with_two_matching_phrases(
    w: World,
) -> None:
    subscriber = await w.add_subscriber()
    await w.add_rule(subscriber, RuleKind.FOLLOW, "harbour", EARLIER)
    await w.add_rule(subscriber, RuleKind.FOLLOW, "ferry", EARLIER)
    brief = await w.add_brief(title="Harbour ferry resumes", text="The harbour ferry resumed.")

    first = await run_tick(w.services)
    second = await run_tick(w.services)
    await w.worker.drain()

    assert (first.alerts, second.alerts, first.errors) == (1, 0, [])
    [text] = w.texts(subscriber.chat_id)
    assert text.startswith("🔔 New on ferry")
    assert "Harbour ferry resumes" in text
    assert w.api.messages(subscriber.chat_id)[0].callback_data == [f"full:{brief.id}"]
    [row] = await w.deliveries()
    assert (row.kind, row.dedup_key, row.brief_id) == (
        DeliveryKind.ALERT, f"alert:{brief.id}", brief.id
    )


async def test_an_alert_names_the_rule_as_the_reader_wrote_it_when_the_brief_cannot_say(
    w: World,
) -> None:
    subscriber = await w.add_subscriber()
    await w.add_rule(subscriber, RuleKind.FOLLOW, "nato", EARLIER, written="NATO")
    # Its only occurrence opens a sentence, where any word is capitalised.
    await w.add_brief(title="Summit ends", text="Nato leaders agreed on a plan.")

    await run_tick(w.services)
    await w.worker.drain()

    [text] = w.texts(subscriber.chat_id)
    assert text.startswith("🔔 New on NATO\n")


async def test_each_following_chat_gets_its_own_alert(w: World) -> None:
    subscribers = [await w.add_subscriber() for _ in range(2)]
    for subscriber in subscribers:
        await w.add_rule(subscriber, RuleKind.FOLLOW, "harbour", EARLIER)
    await w.add_brief(title="Harbour reopens", text="The harbour reopened.")

    report = await run_tick(w.services)
    await w.worker.drain()

    assert report.alerts == 2
    assert [len(w.api.messages(subscriber.chat_id)) for subscriber in subscribers] == [1, 1]


async def test_no_alert_for_briefs_ingested_before_the_follow(w: World) -> None:
    subscriber = await w.add_subscriber()
    await w.add_rule(subscriber, RuleKind.FOLLOW, "harbour", START - dt.timedelta(minutes=30))
    await w.add_brief(title="Old harbour news", ingested_at=START - dt.timedelta(hours=1))
    await w.add_brief(title="New harbour news", ingested_at=START - dt.timedelta(minutes=10))

    await run_tick(w.services)
    await w.worker.drain()

    [text] = w.texts(subscriber.chat_id)
    assert "New harbour news" in text


async def test_muted_brief_is_not_alerted(w: World) -> None:
    subscriber = await w.add_subscriber()
    await w.add_rule(subscriber, RuleKind.FOLLOW, "harbour", EARLIER)
    await w.add_rule(subscriber, RuleKind.MUTE, "strike", EARLIER)
    await w.add_brief(title="Harbour strike", text="Harbour workers went on strike.")
    await w.add_brief(title="Harbour reopens", text="The harbour reopened.")

    report = await run_tick(w.services)
    await w.worker.drain()

    assert report.alerts == 1
    [text] = w.texts(subscriber.chat_id)
    assert "Harbour reopens" in text


async def test_stopped_reader_gets_no_alert_and_the_cursor_still_advances(w: World) -> None:
    subscriber = await w.add_subscriber(state=SubscriberState.STOPPED)
    await w.add_rule(subscriber, RuleKind.FOLLOW, "harbour", EARLIER)
    brief = await w.add_brief(title="Harbour reopens", text="The harbour reopened.")

    report = await run_tick(w.services)

    assert report.alerts == 0
    async with w.sessions() as session:
        assert await CursorRepository(session).get(ALERT_CURSOR) == brief.id


async def test_brief_arriving_after_a_tick_is_alerted_on_the_next_tick(w: World) -> None:
    subscriber = await w.add_subscriber()
    await w.add_rule(subscriber, RuleKind.FOLLOW, "harbour", EARLIER)
    await w.add_brief(title="Harbour opens", text="The harbour opened.")
    await run_tick(w.services)
    w.clock.advance(minutes=1)
    await w.add_brief(title="Harbour closes", text="The harbour closed.",
                      ingested_at=w.clock.now - dt.timedelta(seconds=30))

    report = await run_tick(w.services)
    await w.worker.drain()

    assert report.alerts == 1
    texts = w.texts(subscriber.chat_id)
    assert len(texts) == 2 and "Harbour closes" in texts[1]


async def test_one_tick_catches_up_with_1200_new_briefs_one_alert_per_chat(w: World) -> None:
    harbour, volcano, market = [await w.add_subscriber() for _ in range(3)]
    await w.add_rule(harbour, RuleKind.FOLLOW, "harbour", EARLIER)
    await w.add_rule(volcano, RuleKind.FOLLOW, "volcano", EARLIER)
    await w.add_rule(market, RuleKind.FOLLOW, "market", EARLIER)
    topics = {5: "harbour", 600: "harbour", 1150: "volcano", 1199: "harbour"}
    topics.update({n: "market" for n in range(700, 1200, 40)})  # 13 market briefs
    rows = [
        make_brief(
            title=f"{topics.get(n, 'Ordinary')} story {n}".capitalize(),
            text=f"Report {n} about the {topics.get(n, 'weather')}.",
            ingested_at=START - dt.timedelta(hours=1),
        )
        for n in range(1200)
    ]
    await w.add(*rows)

    report = await run_tick(w.services)
    await w.worker.drain()

    assert (report.alerts, report.errors) == (3, [])
    async with w.sessions() as session:
        assert await CursorRepository(session).get(ALERT_CURSOR) == max(r.id for r in rows)
    [harbour_text] = w.texts(harbour.chat_id)
    assert harbour_text.startswith("🔔 3 new on harbour")
    assert [t in harbour_text for t in ("story 5", "story 600", "story 1199")] == [True] * 3
    [volcano_text] = w.texts(volcano.chat_id)
    assert volcano_text.startswith("🔔 New on volcano") and "Volcano story 1150" in volcano_text
    [market_text] = w.texts(market.chat_id)
    assert market_text.startswith("🔔 13 new on market")
    assert market_text.count("Market story") == ALERT_LIST
    assert market_text.endswith(f"…and {13 - ALERT_LIST} more.")
    assert (await run_tick(w.services)).alerts == 0
