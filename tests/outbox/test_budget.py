"""The overall send budget (``GlobalPacer``) with an injected clock: never L+1 in a second."""

from __future__ import annotations

import asyncio
import itertools
import random

import pytest

from outbox.budget import GlobalPacer, default_in_flight
from tests.support.virtual_time import RUNNABLE_TURNS, VirtualTime


async def send_all(
    pacer: GlobalPacer,
    time: VirtualTime,
    count: int,
    latencies: list[float],
    *,
    reply_every: int = 0,
) -> list[tuple[float, float]]:
    """``count`` concurrent sends through ``pacer``; each one's (start, answer) instants.

    With ``reply_every=k`` every k-th send is a command reply.
    """
    spans: list[tuple[float, float]] = []

    async def send(latency: float, reply: bool) -> None:
        async with pacer.slot(reply=reply):
            start = time()
            await time.sleep(latency)
            spans.append((start, time()))

    async def everything() -> None:
        await asyncio.gather(
            *(
                send(latencies[i % len(latencies)], reply_every > 0 and i % reply_every == 0)
                for i in range(count)
            )
        )

    await time.run(everything())
    return spans


@pytest.mark.parametrize("reply_every", [0, 3], ids=["outbox only", "replies mixed in"])
@pytest.mark.parametrize("limit", [1, 3, 30])
async def test_no_second_ever_holds_more_than_the_limit_whatever_the_latency(
    limit: int, reply_every: int
) -> None:
    time = VirtualTime()
    pacer = GlobalPacer(limit, clock=time, sleep=time.sleep)
    latencies = [random.Random(limit).uniform(0.0, 0.4) for _ in range(17)]

    spans = sorted(await send_all(pacer, time, 4 * limit + 5, latencies, reply_every=reply_every))

    assert len(spans) == 4 * limit + 5
    # The server sees each send somewhere in [start, answer]. For any send and the one
    # `limit` places later, the later start is a second or more after the earlier answer,
    # so no sliding second can hold limit + 1 of them.
    gaps = [spans[i + limit][0] - spans[i][1] for i in range(len(spans) - limit)]
    assert min(gaps) >= 1.0 - 1e-9


async def test_starts_are_spaced_evenly_not_in_bursts() -> None:
    time = VirtualTime()
    pacer = GlobalPacer(10, clock=time, sleep=time.sleep)

    spans = sorted(await send_all(pacer, time, 25, [0.0]))

    starts = [start for start, _ in spans]
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 0.1 - 1e-9


async def admission_order(pacer: GlobalPacer, time: VirtualTime) -> list[tuple[str, float]]:
    """Five queued outbox sends, then two replies; who started when, in order."""
    started: list[tuple[str, float]] = []

    async def send(name: str, reply: bool) -> None:
        async with pacer.slot(reply=reply):
            started.append((name, time()))
            await time.sleep(0.01)

    async def everything() -> None:
        outbox = [asyncio.create_task(send(f"digest {n}", False)) for n in range(5)]
        for _ in range(RUNNABLE_TURNS):  # every digest is queued, the first one started
            await asyncio.sleep(0)
        await asyncio.gather(send("reply 1", True), send("reply 2", True), *outbox)

    await time.run(everything())
    return started


async def test_a_reply_takes_the_next_place_ahead_of_queued_outbox_sends() -> None:
    time = VirtualTime()
    pacer = GlobalPacer(10, clock=time, sleep=time.sleep)

    started = await admission_order(pacer, time)

    names = [name for name, _ in started]
    assert names == ["digest 0", "reply 1", "reply 2", *(f"digest {n}" for n in range(1, 5))]
    starts = dict(started)
    # Ahead of the queue and not spaced (the count alone keeps the second within the limit) ...
    assert starts["reply 1"] == starts["reply 2"] < starts["digest 0"] + 0.1
    # ... while the outbox sends keep their spacing, the replies' places counted in it.
    digests = [starts[f"digest {n}"] for n in range(5)]
    assert digests[1] - digests[0] >= 0.3 - 1e-9
    assert min(b - a for a, b in itertools.pairwise(digests[1:])) >= 0.1 - 1e-9


async def test_a_reply_finds_a_place_kept_free_while_a_broadcast_fills_the_rest() -> None:
    time = VirtualTime()
    pacer = GlobalPacer(10, clock=time, sleep=time.sleep)  # a reserve of at most 2 places
    started: dict[str, float] = {}

    began = time()
    asked: list[float] = []  # when the second reply asked for its place

    async def send(name: str, reply: bool, latency: float) -> None:
        async with pacer.slot(reply=reply):
            started[name] = time() - began
            await time.sleep(latency)

    async def everything() -> None:
        await send("reply 1", True, 0.01)
        outbox = [asyncio.create_task(send(f"digest {n}", False, 0.5)) for n in range(20)]
        await time.sleep(0.95)  # the digests have taken every place they may
        asked.append(time() - began)
        await send("reply 2", True, 0.01)
        await asyncio.gather(*outbox)

    await time.run(everything())

    # One reply in the last second: the digests left one place free (8 of 10 with the reply's),
    # so the next reply starts at once instead of a second after the first reply's answer.
    [at] = asked
    assert sum(1 for name, when in started.items() if name.startswith("digest") and when < at) == 8
    assert started["reply 2"] == pytest.approx(at)
    assert len(started) == 22


async def test_a_reply_waits_for_the_budget_when_a_second_is_full() -> None:
    time = VirtualTime()
    pacer = GlobalPacer(1, clock=time, sleep=time.sleep)

    started = await admission_order(pacer, time)

    assert [name for name, _ in started][:3] == ["digest 0", "reply 1", "reply 2"]
    starts = [at for _, at in started]
    # One send counted per second: each start a second after the previous answer (0.01 s).
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 1.01 - 1e-9


async def test_with_instant_answers_the_rate_is_the_limit() -> None:
    time = VirtualTime()
    pacer = GlobalPacer(20, clock=time, sleep=time.sleep)

    spans = sorted(await send_all(pacer, time, 101, [0.0]))

    first, last = spans[0][0], spans[-1][0]
    assert last - first == pytest.approx(100 / 20, rel=0.02)


async def test_with_answers_taking_a_tenth_the_rate_is_the_limit_over_one_and_a_tenth() -> None:
    time = VirtualTime()
    pacer = GlobalPacer(20, clock=time, sleep=time.sleep)

    spans = sorted(await send_all(pacer, time, 101, [0.1]))

    first, last = spans[0][0], spans[-1][0]
    assert 100 / (last - first) == pytest.approx(20 / 1.1, rel=0.03)


async def test_no_more_than_max_in_flight_sends_at_once() -> None:
    now = [0.0]

    async def sleep(seconds: float) -> None:  # only the spacing sleeps here: skip it
        now[0] += seconds
        await asyncio.sleep(0)

    pacer = GlobalPacer(1000, clock=lambda: now[0], sleep=sleep, max_in_flight=3)
    answer = asyncio.Event()
    inside: list[int] = []

    async def send(n: int) -> None:
        async with pacer.slot():
            inside.append(n)
            await answer.wait()

    sends = [asyncio.create_task(send(n)) for n in range(20)]
    for _ in range(50):  # plenty of turns for every send that could enter
        await asyncio.sleep(0)
    entered_before_any_answer = len(inside)
    answer.set()
    await asyncio.gather(*sends)

    assert (entered_before_any_answer, len(inside)) == (3, 20)


def test_in_flight_default_is_a_tenth_of_a_second_at_least_eight() -> None:
    assert (default_in_flight(30), default_in_flight(300), default_in_flight(1000)) == (8, 30, 100)


def test_a_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        GlobalPacer(0)


async def test_set_rate_lower_waits_until_the_last_second_s_sends_fall_below_it() -> None:
    time = VirtualTime()
    pacer = GlobalPacer(10, clock=time, sleep=time.sleep)
    starts: list[float] = []

    async def send() -> None:
        async with pacer.slot():
            starts.append(time())

    async def everything() -> None:
        await asyncio.gather(*(send() for _ in range(10)))  # ten in the first second
        pacer.set_rate(2)
        await asyncio.gather(*(send() for _ in range(6)))

    await time.run(everything())

    first_at, later = starts[0], starts[10:]
    # The ten earlier sends still count: the next waits until at most one of them is counted
    # (a second after the ninth answer), then two a second, half a second apart.
    assert later[0] >= starts[8] + 1.0 - 1e-9
    assert min(b - a for a, b in itertools.pairwise(later)) >= 0.5 - 1e-9
    assert later[-1] - later[0] >= 2.5 - 1e-9
    assert first_at == pytest.approx(50.0)


async def test_set_rate_zero_admits_nothing_until_a_new_rate() -> None:
    time = VirtualTime()
    pacer = GlobalPacer(10, clock=time, sleep=time.sleep)
    pacer.set_rate(0)
    starts: list[float] = []

    async def send() -> None:
        async with pacer.slot():
            starts.append(time())

    async def everything() -> None:
        waiting = asyncio.create_task(send())
        await time.sleep(3.0)
        assert starts == []  # three seconds at rate 0: nothing went
        pacer.set_rate(5)
        await waiting

    await time.run(everything())

    assert starts == [pytest.approx(53.0)]


async def test_a_rate_given_until_an_instant_lapses_to_zero_then() -> None:
    time = VirtualTime()
    pacer = GlobalPacer(10, clock=time, sleep=time.sleep)
    pacer.set_rate(10, until=time() + 1.0)
    starts: list[float] = []

    async def send() -> None:
        async with pacer.slot():
            starts.append(time())

    async def everything() -> None:
        await send()
        await time.sleep(2.0)
        late = asyncio.create_task(send())
        await time.sleep(2.0)
        assert len(starts) == 1  # lapsed at 51: the second send waits
        assert pacer.limit_now() == 0
        pacer.set_rate(10)
        await late

    await time.run(everything())

    assert starts == [pytest.approx(50.0), pytest.approx(54.0)]


async def test_a_send_waiting_for_a_full_count_marks_the_pacer_saturated() -> None:
    time = VirtualTime()
    pacer = GlobalPacer(2, clock=time, sleep=time.sleep)

    async def everything() -> None:
        async with pacer.slot():
            pass
        assert not pacer.saturated_within(2.0)  # one send: never waited for the count
        await asyncio.gather(*(send_one() for _ in range(4)))

    async def send_one() -> None:
        async with pacer.slot():
            pass

    await time.run(everything())

    assert pacer.saturated_within(2.0)


@pytest.mark.parametrize(
    ("lateness", "least"),
    # 50 ms: a loop shared with other instances on two cores (0.17 when 20 ms were made up)
    [(0.002, 0.97), (0.004, 0.97), (0.015, 0.97), (0.05, 0.9)],
)
async def test_sleeps_that_wake_up_late_do_not_slow_the_rate_below_the_limit(
    lateness: float, least: float
) -> None:
    time = VirtualTime()

    async def late_sleep(seconds: float) -> None:  # a busy event loop wakes sleepers late
        await time.sleep(seconds + lateness)

    pacer = GlobalPacer(100, clock=time, sleep=late_sleep, max_in_flight=1_000)

    spans = sorted(await send_all(pacer, time, 301, [0.0]))

    first, last = spans[0][0], spans[-1][0]
    assert 300 / (last - first) >= least * 100
    # Made-up lateness never lets a sliding second hold more than the limit.
    gaps = [spans[i + 100][0] - spans[i][1] for i in range(len(spans) - 100)]
    assert min(gaps) >= 1.0 - 1e-9


async def test_sends_due_after_a_late_wake_up_all_start_in_one_turn_of_the_event_loop() -> None:
    clock = [0.0]
    wake = asyncio.Event()  # the admission's sleep ends when the test says

    async def sleep(seconds: float) -> None:
        await wake.wait()
        wake.clear()

    pacer = GlobalPacer(1000, clock=lambda: clock[0], sleep=sleep, max_in_flight=1000)
    started: list[int] = []
    held = asyncio.Event()

    async def send(index: int) -> None:
        async with pacer.slot():
            started.append(index)
            await held.wait()

    tasks = [asyncio.create_task(send(index)) for index in range(6)]
    for _ in range(RUNNABLE_TURNS):
        await asyncio.sleep(0)
    assert started == [0]  # the next start is 1 ms away

    clock[0] = 0.005  # the sleep wakes 4 ms late: the starts due at 1-5 ms are all due now
    wake.set()
    await asyncio.sleep(0)  # the admission runs
    await asyncio.sleep(0)  # the admitted sends run
    # Waiters taking turns on a lock admitted one per turn: [0, 1, 2] here, and a rate capped
    # by how fast a busy loop turns.
    assert started == [0, 1, 2, 3, 4, 5]

    held.set()
    await asyncio.gather(*tasks)


async def test_a_send_cancelled_while_it_waits_leaves_its_place_to_the_next() -> None:
    time = VirtualTime()
    pacer = GlobalPacer(2, clock=time, sleep=time.sleep)
    order: list[str] = []

    async def send(name: str) -> None:
        async with pacer.slot():
            order.append(name)

    async def everything() -> None:
        first = asyncio.create_task(send("first"))
        doomed = asyncio.create_task(send("doomed"))
        last = asyncio.create_task(send("last"))
        await first
        doomed.cancel()
        await asyncio.gather(doomed, last, return_exceptions=True)

    await time.run(everything())

    assert order == ["first", "last"]
    assert pacer.counted() == 2  # the cancelled send took no place


async def test_a_send_cancelled_just_after_its_admission_gives_its_place_back() -> None:
    clock = [0.0]
    wake = asyncio.Event()

    async def sleep(seconds: float) -> None:
        await wake.wait()
        wake.clear()

    pacer = GlobalPacer(1000, clock=lambda: clock[0], sleep=sleep, max_in_flight=1000)
    started: list[int] = []

    async def send(index: int) -> None:
        async with pacer.slot():
            started.append(index)

    tasks = [asyncio.create_task(send(index)) for index in range(3)]
    for _ in range(RUNNABLE_TURNS):
        await asyncio.sleep(0)
    clock[0] = 0.005
    wake.set()
    await asyncio.sleep(0)  # the admission gave places to sends 1 and 2; neither ran yet
    tasks[2].cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)

    assert started == [0, 1]
    assert isinstance(results[2], asyncio.CancelledError)
    assert pacer.counted() == 2  # the cancelled send's place is not counted
