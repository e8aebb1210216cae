"""States and kinds, stored as short strings (non-native enums) so migrations stay simple."""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import Enum


class SourceKind(enum.StrEnum):
    FEED = "feed"
    PAGE = "page"
    FILE = "file"


class ChatType(enum.StrEnum):
    PRIVATE = "private"
    GROUP = "group"
    SUPERGROUP = "supergroup"
    CHANNEL = "channel"


class SubscriberState(enum.StrEnum):
    ACTIVE = "active"
    STOPPED = "stopped"
    BLOCKED = "blocked"


class DigestScope(enum.StrEnum):
    """Which briefs a chat's digest holds: every new one, or only those matching its follows."""

    ALL = "all"
    FOLLOWED = "followed"


class RuleKind(enum.StrEnum):
    FOLLOW = "follow"
    MUTE = "mute"


class DeliveryKind(enum.StrEnum):
    DIGEST = "digest"
    ALERT = "alert"
    MESSAGE = "message"


class DeliveryState(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


ENUM_LENGTH = 16


def string_enum(enum_class: type[enum.StrEnum]) -> Enum:
    """A VARCHAR column holding the enum's *values* (not names), without a CHECK constraint."""
    values: Any = lambda members: [member.value for member in members]  # noqa: E731
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=ENUM_LENGTH,
        values_callable=values,
        validate_strings=True,
    )
