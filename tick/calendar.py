"""Digest instants in each subscriber's time zone and parsing of ``/digest`` arguments.

DST rules for a wall-clock digest time:
- in a spring-forward gap (01:30 in London on the last Sunday of March) the digest comes at the
  instant the gap ends (02:00 BST): the first moment the local clock has reached the digest time;
- in a fall-back fold (01:30 in London on the last Sunday of October) it comes at the first
  occurrence only (01:30 BST), never twice on that day.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rendering.translation import N_, UsageError, ascii_digits

DIGEST_USAGE = N_(
    "Use /digest HH:MM [Area/City], e.g. /digest 07:30 Asia/Kolkata, /digest off, "
    "or /digest followed|all"
)
_TOO_MANY = N_("Too many arguments.")
_OFF_ALONE = N_("'off' takes no time zone.")
_NOT_A_TIME = N_("'{value}' is not a time of day.")
_THAT_NOT_A_TIME = N_("that is not a time of day.")
_UNKNOWN_ZONE = N_("Unknown time zone '{value}'.")
_THAT_UNKNOWN_ZONE = N_("Unknown time zone.")
# "07:30", also "07.30" as many readers write it; digits of any script (see ascii_digits).
_TIME_RE = re.compile(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])")
_ECHO_RE = re.compile(r"[\w:./+-]{1,40}")


class DigestUsageError(UsageError):
    """A ``/digest`` argument error, one line ending in :data:`DIGEST_USAGE`."""

    def __init__(self, reason: str, value: str = "") -> None:
        super().__init__(reason, DIGEST_USAGE, value)


@dataclass(frozen=True)
class DigestSetting:
    """A parsed ``/digest``: ``time`` None means off; ``zone`` None keeps the subscriber's zone."""

    time: dt.time | None
    zone: str | None = None


def _require_aware(instant: dt.datetime) -> None:
    """Reject naive datetimes, which have no instant."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("a timezone-aware datetime is required")


def _wall(instant: dt.datetime) -> dt.datetime:
    """The naive local wall-clock reading of an aware datetime."""
    return instant.replace(tzinfo=None)


def occurrence(day: dt.date, wall_time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant at which the clock in ``zone`` first shows ``wall_time`` on ``day``."""
    local = dt.datetime.combine(day, wall_time.replace(tzinfo=None), tzinfo=zone)
    first = local.replace(fold=0).astimezone(dt.UTC)
    if _wall(first.astimezone(zone)) == _wall(local):
        return first
    # In a gap: fold=0 reads the wall time with the pre-gap offset, so the instant lands past the
    # gap; the clock reaches `wall_time` when the gap ends, found by bisection in whole seconds.
    low, high = local.replace(fold=1).astimezone(dt.UTC), first
    while high - low > dt.timedelta(seconds=1):
        middle = low + (high - low) / 2
        if _wall(middle.astimezone(zone)) >= _wall(local):
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def next_digest_at(digest_time: dt.time, zone: ZoneInfo, after: dt.datetime) -> dt.datetime:
    """The first instant strictly after ``after`` when the clock in ``zone`` shows ``digest_time``.

    Returns an aware UTC datetime; see the module docstring for DST gaps and folds.
    """
    _require_aware(after)
    day = after.astimezone(zone).date() - dt.timedelta(days=1)
    while True:
        candidate = occurrence(day, digest_time, zone)
        if candidate > after:
            return candidate
        day += dt.timedelta(days=1)


def local_date_of(instant: dt.datetime, zone: ZoneInfo) -> dt.date:
    """The calendar date in ``zone`` at ``instant``."""
    _require_aware(instant)
    return instant.astimezone(zone).date()


# Names a system zone database may list that are not places: "localtime" is whatever zone the
# server runs in, "posixrules" a template, "Factory" the "-00" placeholder.
_NOT_PLACES = frozenset({"localtime", "posixrules", "factory"})


@functools.cache
def _zone_names() -> dict[str, str]:
    """Known IANA zone names keyed by their lower-case form."""
    names = {name.lower(): name for name in available_timezones()}
    return {key: name for key, name in names.items() if key not in _NOT_PLACES}


def resolve_zone(name: str) -> ZoneInfo | None:
    """The IANA zone called ``name`` (case-insensitive), or None when there is none."""
    canonical = _zone_names().get(name.strip().lower())
    if canonical is None:
        return None
    try:
        return ZoneInfo(canonical)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _problem(reason: str, unsafe_reason: str, arg: str) -> DigestUsageError:
    """The error naming ``arg``, or not naming it (``unsafe_reason``) when it is unsafe to echo."""
    if _ECHO_RE.fullmatch(arg):
        return DigestUsageError(reason, arg)
    return DigestUsageError(unsafe_reason)


def parse_digest_args(args: Sequence[str]) -> DigestSetting | None:
    """Parse ``/digest`` arguments: none (show: None), ``off``, ``HH:MM`` or ``HH:MM Area/City``."""
    if not args:
        return None
    if len(args) > 2:
        raise DigestUsageError(_TOO_MANY)
    first = args[0].strip()
    if first.lower() == "off":
        if len(args) > 1:
            raise DigestUsageError(_OFF_ALONE)
        return DigestSetting(time=None, zone=None)
    match = _TIME_RE.fullmatch(ascii_digits(first))
    if match is None:
        raise _problem(_NOT_A_TIME, _THAT_NOT_A_TIME, first)
    at = dt.time(int(match.group(1)), int(match.group(2)))
    if len(args) == 1:
        return DigestSetting(time=at, zone=None)
    zone = resolve_zone(args[1])
    if zone is None:
        raise _problem(_UNKNOWN_ZONE, _THAT_UNKNOWN_ZONE, args[1].strip())
    return DigestSetting(time=at, zone=zone.key)
