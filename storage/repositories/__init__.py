"""Repositories: one per aggregate; each takes an ``AsyncSession`` and never commits."""

from storage.repositories.briefs import BriefRepository
from storage.repositories.chat_pace import ChatPaceRepository
from storage.repositories.cursors import CursorRepository
from storage.repositories.deliveries import DeliveryRepository
from storage.repositories.send_budget import SendBudgetRepository
from storage.repositories.sources import SourceRepository
from storage.repositories.subscribers import SubscriberRepository, TopicRuleRepository

__all__ = [
    "BriefRepository",
    "ChatPaceRepository",
    "CursorRepository",
    "DeliveryRepository",
    "SendBudgetRepository",
    "SourceRepository",
    "SubscriberRepository",
    "TopicRuleRepository",
]
