"""How several instances on one token divide its send budget: pure arithmetic, no I/O.

Every instance has a row: its *demand* (messages per second it wants) and its *claim* (the
most it may be sending at, see :mod:`outbox.shared_budget`). :func:`water_fill` divides the
budget ``L`` by demand, in whole messages per second: if the demands fit, each gets its demand
plus an equal part of the spare; if not, each gets ``min(demand, level)`` for the highest level
that fits. :func:`next_rate` is one instance's decision at a heartbeat: the share it should
move to (its target) and the rate it may use at once, which never exceeds what the others'
claims leave free.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Member:
    """One instance's row: who, what it wants, what it may be sending at."""

    instance: str
    demand: int
    claim: int


def water_fill(limit: int, demands: Mapping[str, int]) -> dict[str, int]:
    """Whole shares of ``limit`` by demand, summing to ``limit`` (any one left over goes first
    to the lowest instance ids, so every instance computes the same division)."""
    ids = sorted(demands)
    if not ids:
        return {}
    wanted = {member: max(0, demands[member]) for member in ids}
    total = sum(wanted.values())
    if total <= limit:
        base, extra = divmod(limit - total, len(ids))
        return {m: wanted[m] + base + (1 if i < extra else 0) for i, m in enumerate(ids)}
    low, high = 0, max(wanted.values())  # the highest level whose shares fit in `limit`
    while low < high:
        middle = (low + high + 1) // 2
        if sum(min(d, middle) for d in wanted.values()) <= limit:
            low = middle
        else:
            high = middle - 1
    shares = {m: min(wanted[m], low) for m in ids}
    left = limit - sum(shares.values())
    for member in ids:  # fewer left than members above the level: one each, in id order
        if left == 0:
            break
        if wanted[member] > low:
            shares[member] += 1
            left -= 1
    return shares


def next_rate(
    limit: int, me: str, demand: int, members: Sequence[Member]
) -> tuple[int, int]:
    """``(target, allowed)``: my share of ``limit`` by demand, and what I may use now.

    ``allowed`` is the target capped by what the other members' claims leave free, so the
    claims never sum past ``limit`` (a peer lowers its claim at its own heartbeats).
    """
    others = [member for member in members if member.instance != me]
    demands = {member.instance: member.demand for member in others} | {me: demand}
    target = water_fill(limit, demands)[me]
    free = limit - sum(member.claim for member in others)
    return target, max(0, min(target, free))
