"""Repositories: one per aggregate; each takes an ``AsyncSession`` and never commits."""

from storage.repositories.briefs import BriefRepository
from storage.repositories.deliveries import DeliveryRepository
from storage.repositories.sources import SourceRepository
from storage.repositories.subscribers import SubscriberRepository, TopicRuleRepository

__all__ = [
    "BriefRepository",
    "DeliveryRepository",
    "SourceRepository",
    "SubscriberRepository",
    "TopicRuleRepository",
]
