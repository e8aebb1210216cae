"""Digest instants across time zones and DST, and /digest argument parsing."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from tick.calendar import (
    DIGEST_USAGE,
    DigestSetting,
    DigestUsageError,
    local_date_of,
    next_digest_at,
    parse_digest_args,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
KOLKATA = ZoneInfo("Asia/Kolkata")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")  # a half-hour DST shift
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")  # UTC-11
UTC = dt.UTC


def utc(*args: int) -> dt.datetime:
    """An aware UTC datetime."""
    return dt.datetime(*args, tzinfo=UTC)


def test_digest_set_a_minute_ahead_comes_today() -> None:
    now = dt.datetime(2026, 11, 25, 14, 59, tzinfo=LONDON)
    assert next_digest_at(dt.time(15, 0), LONDON, now) == utc(2026, 11, 25, 15, 0)


def test_start_at_15_00_with_08_00_digest_comes_tomorrow_at_08_00() -> None:
    now = dt.datetime(2026, 11, 25, 15, 0, tzinfo=LONDON)
    assert next_digest_at(dt.time(8, 0), LONDON, now) == utc(2026, 11, 26, 8, 0)


def test_next_digest_is_strictly_after_the_given_instant() -> None:
    due = utc(2026, 11, 25, 8, 0)
    assert next_digest_at(dt.time(8, 0), LONDON, due) == utc(2026, 11, 26, 8, 0)
    assert next_digest_at(dt.time(8, 0), LONDON, due - dt.timedelta(microseconds=1)) == due


def test_next_digest_is_aware_utc() -> None:
    result = next_digest_at(dt.time(8, 0), KOLKATA, utc(2026, 11, 25, 12, 0))
    assert result.utcoffset() == dt.timedelta(0)


def test_kolkata_half_hour_offset_puts_07_30_at_02_00_utc() -> None:
    assert next_digest_at(dt.time(7, 30), KOLKATA, utc(2026, 11, 25, 0, 0)) == utc(
        2026, 11, 25, 2, 0
    )


def test_a_late_evening_utc_instant_is_already_tomorrow_in_kolkata() -> None:
    after = utc(2026, 11, 24, 20, 0)  # 01:30 on the 25th in Kolkata
    assert next_digest_at(dt.time(7, 30), KOLKATA, after) == utc(2026, 11, 25, 2, 0)
    assert local_date_of(after, KOLKATA) == dt.date(2026, 11, 25)


def test_digest_keeps_its_local_hour_across_the_london_spring_change() -> None:
    before = next_digest_at(dt.time(8, 0), LONDON, utc(2026, 3, 28, 9, 0))
    assert before == utc(2026, 3, 29, 7, 0)  # 08:00 BST
    assert next_digest_at(dt.time(8, 0), LONDON, utc(2026, 3, 27, 9, 0)) == utc(2026, 3, 28, 8, 0)


def test_london_spring_gap_time_comes_when_the_gap_ends() -> None:
    # 01:30 does not exist on 29 Mar 2026: clocks jump from 01:00 GMT to 02:00 BST (01:00 UTC).
    first = next_digest_at(dt.time(1, 30), LONDON, utc(2026, 3, 28, 12, 0))
    assert first == utc(2026, 3, 29, 1, 0)
    assert first.astimezone(LONDON).strftime("%H:%M %Z") == "02:00 BST"
    assert next_digest_at(dt.time(1, 30), LONDON, first) == utc(2026, 3, 30, 0, 30)


def test_london_fall_fold_time_comes_at_its_first_occurrence_only() -> None:
    # 01:30 happens twice on 25 Oct 2026: 00:30 UTC (BST) and 01:30 UTC (GMT).
    first = next_digest_at(dt.time(1, 30), LONDON, utc(2026, 10, 24, 12, 0))
    assert first == utc(2026, 10, 25, 0, 30)
    assert next_digest_at(dt.time(1, 30), LONDON, first) == utc(2026, 10, 26, 1, 30)


def test_new_york_spring_gap_time_comes_when_the_gap_ends() -> None:
    # 02:30 does not exist on 8 Mar 2026: clocks jump from 02:00 EST to 03:00 EDT (07:00 UTC).
    first = next_digest_at(dt.time(2, 30), NEW_YORK, utc(2026, 3, 7, 12, 0))
    assert first == utc(2026, 3, 8, 7, 0)
    assert next_digest_at(dt.time(2, 30), NEW_YORK, first) == utc(2026, 3, 9, 6, 30)


def test_new_york_fall_fold_time_comes_at_its_first_occurrence_only() -> None:
    # 01:30 happens twice on 1 Nov 2026: 05:30 UTC (EDT) and 06:30 UTC (EST).
    first = next_digest_at(dt.time(1, 30), NEW_YORK, utc(2026, 10, 31, 12, 0))
    assert first == utc(2026, 11, 1, 5, 30)
    assert next_digest_at(dt.time(1, 30), NEW_YORK, first) == utc(2026, 11, 2, 6, 30)


@pytest.mark.parametrize("minute", range(60))
def test_every_minute_of_the_london_spring_gap_comes_exactly_when_the_gap_ends(
    minute: int,
) -> None:
    # 01:00-01:59 do not exist on 29 Mar 2026; each comes at 01:00:00 UTC (02:00 BST) sharp.
    due = next_digest_at(dt.time(1, minute), LONDON, utc(2026, 3, 28, 12, 0))
    assert due == utc(2026, 3, 29, 1, 0)


@pytest.mark.parametrize("minute", range(30))
def test_every_minute_of_a_half_hour_spring_gap_comes_exactly_when_the_gap_ends(
    minute: int,
) -> None:
    # Lord Howe moves from 02:00 +10:30 to 02:30 +11:00 on 4 Oct 2026 (15:30 UTC the day before).
    due = next_digest_at(dt.time(2, minute), LORD_HOWE, utc(2026, 10, 3, 12, 0))
    assert due == utc(2026, 10, 3, 15, 30)
    assert due.astimezone(LORD_HOWE).strftime("%H:%M") == "02:30"


@pytest.fixture
def server_clock_in_kiritimati(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local zone is UTC+14, far from both UTC and the subscribers' zones."""
    monkeypatch.setenv("TZ", "<+14>-14")  # POSIX form: needs no zoneinfo files
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("server_clock_in_kiritimati")
def test_digest_instants_ignore_the_servers_own_time_zone() -> None:
    assert dt.datetime(2026, 11, 25, 10, 30, tzinfo=UTC).astimezone().utcoffset() == (
        dt.timedelta(hours=14)
    )
    # 10:30 UTC is 00:30 on the 26th on the server but still 23:30 on the 24th in Pago Pago.
    due = next_digest_at(dt.time(23, 45), PAGO_PAGO, utc(2026, 11, 25, 10, 30))
    assert due == utc(2026, 11, 25, 10, 45)
    assert due.utcoffset() == dt.timedelta(0)
    gap_end = next_digest_at(dt.time(1, 10), LONDON, utc(2026, 3, 28, 12, 0))
    assert gap_end == utc(2026, 3, 29, 1, 0)
    assert gap_end.utcoffset() == dt.timedelta(0)
    ordinary = next_digest_at(dt.time(8, 0), LONDON, utc(2026, 11, 25, 12, 0))
    assert ordinary == utc(2026, 11, 26, 8, 0)
    assert ordinary.utcoffset() == dt.timedelta(0)


class _NoOffset(dt.tzinfo):
    """A tzinfo that knows no offset: Python counts such datetimes as naive."""

    def utcoffset(self, instant: dt.datetime | None) -> dt.timedelta | None:
        return None

    def dst(self, instant: dt.datetime | None) -> dt.timedelta | None:
        return None

    def tzname(self, instant: dt.datetime | None) -> str | None:
        return None


def test_a_tzinfo_without_an_offset_counts_as_naive_and_is_rejected() -> None:
    vague = dt.datetime(2026, 11, 25, 8, 0, tzinfo=_NoOffset())
    with pytest.raises(ValueError, match="timezone-aware"):
        next_digest_at(dt.time(8, 0), LONDON, vague)
    with pytest.raises(ValueError, match="timezone-aware"):
        local_date_of(vague, LONDON)


def test_naive_instants_are_rejected() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_digest_at(dt.time(8, 0), LONDON, dt.datetime(2026, 11, 25, 8, 0))
    with pytest.raises(ValueError, match="timezone-aware"):
        local_date_of(dt.datetime(2026, 11, 25, 8, 0), LONDON)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], None),
        (["07:30"], DigestSetting(dt.time(7, 30), None)),
        (["7:30"], DigestSetting(dt.time(7, 30), None)),
        (["23:59"], DigestSetting(dt.time(23, 59), None)),
        (["00:00"], DigestSetting(dt.time(0, 0), None)),
        (["07:30", "Asia/Kolkata"], DigestSetting(dt.time(7, 30), "Asia/Kolkata")),
        (["07:30", "asia/kolkata"], DigestSetting(dt.time(7, 30), "Asia/Kolkata")),
        (["07:30", "UTC"], DigestSetting(dt.time(7, 30), "UTC")),
        (["off"], DigestSetting(None, None)),
        (["OFF"], DigestSetting(None, None)),
    ],
)
def test_parse_digest_args_accepts_the_documented_forms(
    args: list[str], expected: DigestSetting | None
) -> None:
    assert parse_digest_args(args) == expected


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["25:00"], "'25:00' is not a time of day"),
        (["24:00"], "'24:00' is not a time of day"),
        (["7-30"], "'7-30' is not a time of day"),
        (["07:60"], "'07:60' is not a time of day"),
        (["seven"], "'seven' is not a time of day"),
        (["07:30", "Mars/Base"], "Unknown time zone 'Mars/Base'"),
        (["07:30", "../../etc/passwd"], "Unknown time zone '../../etc/passwd'"),
        (["07:30", "Asia/Kolkata", "now"], "Too many arguments"),
        (["off", "Asia/Kolkata"], "'off' takes no time zone"),
        (["<b>"], "that is not a time of day"),
    ],
)
def test_parse_digest_args_rejects_with_one_line_naming_the_form(
    args: list[str], reason: str
) -> None:
    with pytest.raises(DigestUsageError) as caught:
        parse_digest_args(args)
    message = str(caught.value)
    assert message == f"{reason}. {DIGEST_USAGE}"
    assert "\n" not in message
    assert DIGEST_USAGE == (
        "Use /digest HH:MM [Area/City], e.g. /digest 07:30 Asia/Kolkata, /digest off, "
        "or /digest followed|all"
    )


def test_digest_usage_error_is_a_value_error() -> None:
    assert issubclass(DigestUsageError, ValueError)


@pytest.mark.parametrize("name", ["localtime", "posixrules", "Factory", "factory"])
def test_digest_rejects_zone_names_that_are_not_places(name: str) -> None:
    with pytest.raises(DigestUsageError, match="Unknown time zone"):
        parse_digest_args(["07:30", name])


@pytest.mark.parametrize("written", ["07:30", "7:30", "07.30", "\u0966\u096d:\u0969\u0966"])
def test_a_digest_time_is_read_with_a_colon_or_a_dot_in_digits_of_any_script(
    written: str,
) -> None:
    setting = parse_digest_args([written])
    assert setting is not None and setting.time == dt.time(7, 30)
