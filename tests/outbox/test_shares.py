"""Dividing a token's budget: water-filling by demand, and what a heartbeat may use at once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from outbox.shares import Member, next_rate, water_fill


def test_demands_that_fit_get_their_demand_and_an_equal_part_of_the_spare() -> None:
    assert water_fill(20, {"a": 3, "b": 5}) == {"a": 9, "b": 11}


def test_demands_past_the_budget_are_cut_at_one_level() -> None:
    assert water_fill(20, {"a": 20, "b": 20, "c": 3}) == {"a": 9, "b": 8, "c": 3}


def test_a_lone_instance_gets_the_whole_budget_whatever_it_asks() -> None:
    assert water_fill(30, {"only": 3}) == {"only": 30}


@given(
    st.integers(min_value=1, max_value=1000),
    st.dictionaries(st.text(min_size=1, max_size=4), st.integers(0, 2000), min_size=1),
)
def test_shares_always_sum_to_the_budget_and_never_starve_a_fitting_demand(
    limit: int, demands: dict[str, int]
) -> None:
    shares = water_fill(limit, demands)

    assert sum(shares.values()) == limit
    level = min(limit // len(demands), min(demands.values()))
    assert all(shares[m] >= min(demands[m], level) for m in demands)


def test_a_newcomer_gets_nothing_the_others_claims_still_hold() -> None:
    members = [Member("a", 20, 20)]

    target, allowed = next_rate(20, "b", 20, members)

    assert (target, allowed) == (10, 0)


def test_a_busy_instance_keeps_its_claim_until_it_gives_way() -> None:
    members = [Member("a", 20, 20), Member("b", 20, 0)]

    assert next_rate(20, "a", 20, members) == (10, 10)  # a lowers to its share at once
    assert next_rate(20, "b", 20, [Member("a", 20, 10), Member("b", 20, 0)]) == (10, 10)


def test_an_idle_peer_leaves_most_of_the_budget_to_a_busy_one() -> None:
    members = [Member("idle", 3, 3)]

    assert next_rate(30, "busy", 30, members) == (27, 27)


@given(
    st.integers(min_value=1, max_value=300),
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400)), min_size=1, max_size=6),
)
def test_allowed_never_takes_more_than_the_others_claims_leave(
    limit: int, rows: list[tuple[int, int]]
) -> None:
    others = [Member(f"m{i}", demand, claim) for i, (demand, claim) in enumerate(rows)]
    held = sum(member.claim for member in others)

    _, allowed = next_rate(limit, "me", limit, others)

    assert 0 <= allowed <= max(0, limit - held)
