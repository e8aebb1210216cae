"""Subscribers (chats: private, group or channel) and their follow/mute rules."""

from __future__ import annotations

import builtins
import datetime as dt
import unicodedata

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import ChatType, Delivery, RuleKind, Subscriber, SubscriberState, TopicRule
from storage.repositories.upsert import insert_ignoring_conflicts

# Zero-width non-joiner and joiner: inside a Hindi word they choose a conjunct's shape and
# search reads the word without them; at a word's edge they mean nothing.
_JOINERS = "\u200c\u200d"


def written_phrase(phrase: str) -> str:
    """Composed (NFC), single spaces, case kept, no joiner at a word's edge: as a rule is
    shown."""
    words = (word.strip(_JOINERS) for word in unicodedata.normalize("NFC", phrase).split())
    return " ".join(word for word in words if word)


def normalise_phrase(phrase: str) -> str:
    """Compatibility-composed (NFKC), lower case, single spaces, no joiners: as rules are
    stored, compared and matched: ``nato``, ``nato`` with a joiner typed after it and NATO in
    fullwidth letters are one rule; so are "finance" written with the fi ligature and without."""
    without = written_phrase(phrase).translate(dict.fromkeys(map(ord, _JOINERS)))
    return " ".join(unicodedata.normalize("NFKC", without).lower().split())


# What a /start, /stop, /digest or a delivery option (/previews, /silent, /length) sets: taken
# as one when two rows of a migrated chat merge.
_SUBSCRIPTION_FIELDS = (
    "state",
    "timezone",
    "digest_time",
    "next_digest_at",
    "last_digest_on",
    "last_digest_at",
    "link_previews",
    "silent",
    "summary_length",
    "digest_scope",
    "message_thread_id",
    "topic_name",
)


class SubscriberRepository:
    """Subscribers in one session; never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_by_chat_id(self, chat_id: int) -> Subscriber | None:
        return await self._session.scalar(select(Subscriber).where(Subscriber.chat_id == chat_id))

    async def language_of(self, chat_id: int) -> str | None:
        """The chat's ``/language`` choice (None: none, or no such subscriber)."""
        choice, _ = await self.languages_of(chat_id)
        return choice

    async def languages_of(self, chat_id: int) -> tuple[str | None, str | None]:
        """The chat's ``/language`` choice and the Telegram language seen at its ``/start``
        (``seen_language``), each None if unknown (or no such subscriber)."""
        row = (
            await self._session.execute(
                select(Subscriber.language, Subscriber.seen_language).where(
                    Subscriber.chat_id == chat_id
                )
            )
        ).first()
        return (None, None) if row is None else (row[0], row[1])

    async def get_or_create(
        self, chat_id: int, chat_type: ChatType, title: str | None = None
    ) -> Subscriber:
        """The subscriber for ``chat_id``, created (active, digest off) if new; race-safe."""
        await insert_ignoring_conflicts(
            self._session,
            Subscriber,
            {"chat_id": chat_id, "chat_type": chat_type, "title": title},
            conflict_columns=("chat_id",),
        )
        subscriber = await self.get_by_chat_id(chat_id)
        assert subscriber is not None
        return subscriber

    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> Subscriber | None:
        """Give the subscriber of a group upgraded to a supergroup its new chat id; idempotent.

        Rules and deliveries reference the subscriber row, so they follow it. Returns the
        subscriber now at ``new_chat_id`` (None if neither id has one); with no subscriber at
        ``old_chat_id`` (e.g. already moved) nothing changes.

        If the new chat already has a subscriber too (say ``/start`` was sent in the supergroup
        before the bot learnt of the upgrade), one row is kept: the *old* one, so its id, digest
        history and claimed deliveries stay valid. The other row's rules are added to it
        (duplicates dropped), its deliveries move over unless one with the same ``dedup_key``
        exists, and it is deleted. If the two rows' states differ, the newer row's state and
        digest settings win (they record the latest /start or /stop, made in the new chat);
        otherwise the old row's settings stay.
        """
        if old_chat_id == new_chat_id:
            return await self.get_by_chat_id(new_chat_id)
        statement = (
            select(Subscriber)
            .where(Subscriber.chat_id.in_((old_chat_id, new_chat_id)))
            .with_for_update()
        )
        found = {row.chat_id: row for row in (await self._session.scalars(statement)).all()}
        kept, other = found.get(old_chat_id), found.get(new_chat_id)
        if kept is None:
            return other
        if other is not None:
            await self._absorb(kept, other)
        kept.chat_id = new_chat_id
        kept.chat_type = ChatType.SUPERGROUP
        await self._session.flush()
        return kept

    async def _absorb(self, kept: Subscriber, other: Subscriber) -> None:
        """Move ``other``'s rules and deliveries onto ``kept`` (no duplicates); delete ``other``."""
        same_rule = aliased(TopicRule)
        await self._session.execute(
            update(TopicRule)
            .where(
                TopicRule.subscriber_id == other.id,
                ~exists().where(
                    same_rule.subscriber_id == kept.id,
                    same_rule.kind == TopicRule.kind,
                    same_rule.phrase == TopicRule.phrase,
                ),
            )
            .values(subscriber_id=kept.id)
            .execution_options(synchronize_session=False)
        )
        same_delivery = aliased(Delivery)
        await self._session.execute(
            update(Delivery)
            .where(
                Delivery.subscriber_id == other.id,
                ~exists().where(
                    same_delivery.subscriber_id == kept.id,
                    same_delivery.dedup_key == Delivery.dedup_key,
                ),
            )
            .values(subscriber_id=kept.id)
            .execution_options(synchronize_session=False)
        )
        if other.state is not kept.state:
            for name in _SUBSCRIPTION_FIELDS:
                setattr(kept, name, getattr(other, name))
        kept.title = other.title or kept.title
        # What stayed behind (duplicate rules and deliveries) goes with the row.
        await self._session.execute(delete(TopicRule).where(TopicRule.subscriber_id == other.id))
        await self._session.execute(delete(Delivery).where(Delivery.subscriber_id == other.id))
        await self._session.delete(other)
        await self._session.flush()  # the other row's chat id is free before ``kept`` takes it

    async def unbind_topic(self, subscriber_id: int, message_thread_id: int) -> bool:
        """Unbind forum topic ``message_thread_id`` if it is still the subscriber's topic.

        True only for the call that unbound it: of several senders finding the topic gone at
        once, one gets True (and tells the group), and a topic bound anew meanwhile is kept.
        """
        result = await self._session.execute(
            update(Subscriber)
            .where(
                Subscriber.id == subscriber_id,
                Subscriber.message_thread_id == message_thread_id,
            )
            .values(message_thread_id=None, topic_name=None)
            .returning(Subscriber.id)
            .execution_options(synchronize_session="fetch")
        )
        return result.first() is not None

    async def set_state(self, subscriber: Subscriber, state: SubscriberState) -> None:
        subscriber.state = state
        await self._session.flush()

    async def list_active(self) -> list[Subscriber]:
        statement = (
            select(Subscriber)
            .where(Subscriber.state == SubscriberState.ACTIVE)
            .order_by(Subscriber.id)
        )
        return list((await self._session.scalars(statement)).all())

    async def due_for_digest(self, now: dt.datetime, limit: int = 100) -> list[Subscriber]:
        """Active subscribers whose ``next_digest_at <= now``, most overdue first."""
        # FOR UPDATE SKIP LOCKED on PostgreSQL: concurrent schedulers never take the same
        # subscriber. SQLite drops the clause; BEGIN IMMEDIATE serialises writers instead.
        statement = (
            select(Subscriber)
            .where(
                Subscriber.state == SubscriberState.ACTIVE,
                Subscriber.digest_time.is_not(None),
                Subscriber.next_digest_at <= now,
            )
            .order_by(Subscriber.next_digest_at, Subscriber.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list((await self._session.scalars(statement)).all())

    async def count_by_state(self) -> dict[SubscriberState, int]:
        """Subscribers per state; every state is present (0 when none)."""
        statement = select(Subscriber.state, func.count()).group_by(Subscriber.state)
        counts = dict.fromkeys(SubscriberState, 0)
        for state, number in (await self._session.execute(statement)).all():
            counts[state] = int(number)
        return counts

    async def list_active_with_rule(self, kind: RuleKind) -> list[Subscriber]:
        """Active subscribers having at least one rule of ``kind``, by id."""
        has_rule = exists().where(TopicRule.subscriber_id == Subscriber.id, TopicRule.kind == kind)
        statement = (
            select(Subscriber)
            .where(Subscriber.state == SubscriberState.ACTIVE, has_rule)
            .order_by(Subscriber.id)
        )
        return list((await self._session.scalars(statement)).all())


class TopicRuleRepository:
    """Follow/mute rules in one session; never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, subscriber_id: int, kind: RuleKind, phrase: str) -> bool:
        """Add a rule; False if the phrase is empty or the rule already exists (then it is
        shown as written this time: "/follow NATO" after "/follow nato" lists "NATO")."""
        normalised = normalise_phrase(phrase)
        if not normalised:
            return False
        written = written_phrase(phrase)
        row = {"subscriber_id": subscriber_id, "kind": kind, "phrase": normalised}
        inserted = await insert_ignoring_conflicts(
            self._session,
            TopicRule,
            {**row, "written": written},
            conflict_columns=("subscriber_id", "kind", "phrase"),
        )
        if inserted is None:
            await self._session.execute(
                update(TopicRule)
                .where(
                    TopicRule.subscriber_id == subscriber_id,
                    TopicRule.kind == kind,
                    TopicRule.phrase == normalised,
                )
                .values(written=written)
                .execution_options(synchronize_session=False)
            )
        return inserted is not None

    async def list(
        self, subscriber_id: int, kind: RuleKind | None = None
    ) -> builtins.list[TopicRule]:
        statement = select(TopicRule).where(TopicRule.subscriber_id == subscriber_id)
        if kind is not None:
            statement = statement.where(TopicRule.kind == kind)
        statement = statement.order_by(TopicRule.kind, TopicRule.phrase)
        return list((await self._session.scalars(statement)).all())

    async def remove(self, subscriber_id: int, kind: RuleKind, phrase: str) -> bool:
        """Remove a rule; False if there was none."""
        result = await self._session.execute(
            delete(TopicRule)
            .where(
                TopicRule.subscriber_id == subscriber_id,
                TopicRule.kind == kind,
                TopicRule.phrase == normalise_phrase(phrase),
            )
            .returning(TopicRule.id)
        )
        return result.first() is not None

    async def phrases(self, subscriber_id: int, kind: RuleKind) -> builtins.list[str]:
        """The subscriber's phrases of ``kind`` as stored (lower case), alphabetically."""
        statement = (
            select(TopicRule.phrase)
            .where(TopicRule.subscriber_id == subscriber_id, TopicRule.kind == kind)
            .order_by(TopicRule.phrase)
        )
        return list((await self._session.scalars(statement)).all())

    async def shown_phrases(self, subscriber_id: int, kind: RuleKind) -> builtins.list[str]:
        """The subscriber's phrases of ``kind`` as written (:attr:`TopicRule.shown`), in the
        order of :meth:`phrases`."""
        return [rule.shown for rule in await self.list(subscriber_id, kind)]

    async def follows_of_active(self) -> builtins.list[tuple[Subscriber, TopicRule]]:
        """Every follow rule of an active subscriber with its subscriber, by subscriber id."""
        statement = (
            select(Subscriber, TopicRule)
            .join(TopicRule, TopicRule.subscriber_id == Subscriber.id)
            .where(Subscriber.state == SubscriberState.ACTIVE, TopicRule.kind == RuleKind.FOLLOW)
            .order_by(Subscriber.id, TopicRule.phrase)
        )
        rows = (await self._session.execute(statement)).all()
        return [(subscriber, rule) for subscriber, rule in rows]
