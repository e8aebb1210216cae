"""The briefbot tables (SQLAlchemy 2 typed declarative models)."""

from storage.models.base import MAX_ID, MIN_ID, Base, UTCDateTime, utc_now
from storage.models.chat_pace import ChatPace
from storage.models.content import Brief, BriefFingerprint, BriefOrigin, Source
from storage.models.cursors import Cursor
from storage.models.enums import (
    ChatType,
    DeliveryKind,
    DeliveryState,
    DigestScope,
    RuleKind,
    SourceKind,
    SubscriberState,
)
from storage.models.send_budget import SendBudgetMember
from storage.models.subscribers import RULE_PHRASE_LENGTH, Delivery, Subscriber, TopicRule

__all__ = [
    "MAX_ID",
    "MIN_ID",
    "RULE_PHRASE_LENGTH",
    "Base",
    "Brief",
    "BriefFingerprint",
    "BriefOrigin",
    "ChatPace",
    "ChatType",
    "Cursor",
    "Delivery",
    "DeliveryKind",
    "DeliveryState",
    "DigestScope",
    "RuleKind",
    "SendBudgetMember",
    "Source",
    "SourceKind",
    "Subscriber",
    "SubscriberState",
    "TopicRule",
    "UTCDateTime",
    "utc_now",
]
