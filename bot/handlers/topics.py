"""Follow and mute rules: /follow, /unfollow, /following, /mute, /unmute."""

from __future__ import annotations

import re

from telegram import Update

from bot.context import BotContext
from bot.handlers.common import (
    GROUP_ADMINS_ONLY,
    NOT_SUBSCRIBED,
    active_subscriber,
    can_change_settings,
    reply,
)
from rendering.messages import escape
from storage.models import RuleKind
from storage.repositories import TopicRuleRepository
from storage.repositories.subscribers import normalise_phrase

MAX_PHRASE_CHARS = 60
MAX_RULES = 50
# Plain words and phrases only: letters, digits, spaces, hyphens and apostrophes.
_PHRASE = re.compile(r"[\w' \u2019-]+")


def phrase_problem(phrase: str, command: str = "follow") -> str | None:
    """Why ``phrase`` cannot be a follow/mute rule (given to ``/command``), or None when it can."""
    if not phrase:
        return f"Give a word or phrase, for example /{command} israel."
    if len(phrase) > MAX_PHRASE_CHARS:
        return f"Keep it under {MAX_PHRASE_CHARS} characters."
    if not _PHRASE.fullmatch(phrase) or not re.search(r"[^\W_]", phrase):
        return "Use plain words: letters, digits, spaces, hyphens and apostrophes."
    return None


async def _change_rule(update: Update, context: BotContext, kind: RuleKind, add: bool) -> None:
    """Add or remove one rule of ``kind`` for this chat and say what happened."""
    chat = update.effective_chat
    assert chat is not None
    phrase = normalise_phrase(" ".join(context.args or []))
    verb = kind.value if add else f"un{kind.value}"
    problem = phrase_problem(phrase, verb)
    if problem is not None:
        await reply(update, context, escape(problem))
        return
    if not await can_change_settings(update, context):
        await reply(update, context, GROUP_ADMINS_ONLY)
        return
    services = context.services
    async with services.session_factory() as session, session.begin():
        subscriber = await active_subscriber(session, chat.id)
        rules = TopicRuleRepository(session)
        if subscriber is None:
            answer = NOT_SUBSCRIBED
        elif add and len(await rules.list(subscriber.id)) >= MAX_RULES:
            answer = f"You have {MAX_RULES} rules already; remove one first."
        elif add:
            changed = await rules.add(subscriber.id, kind, phrase)
            answer = _added(kind, phrase, changed)
        else:
            changed = await rules.remove(subscriber.id, kind, phrase)
            answer = _removed(kind, phrase, changed)
    await reply(update, context, answer)


def _added(kind: RuleKind, phrase: str, changed: bool) -> str:
    shown = f"“{escape(phrase)}”"
    if kind is RuleKind.FOLLOW:
        if not changed:
            return f"You already follow {shown}."
        return f"Following {shown}: new briefs about it come as they arrive."
    if not changed:
        return f"{shown} is already muted."
    return f"Muted {shown}: briefs about it stay out of your digests and alerts."


def _removed(kind: RuleKind, phrase: str, changed: bool) -> str:
    shown = f"“{escape(phrase)}”"
    verb = "follow" if kind is RuleKind.FOLLOW else "mute"
    if not changed:
        return f"You did not {verb} {shown}."
    return f"No longer following {shown}." if verb == "follow" else f"Unmuted {shown}."


async def follow(update: Update, context: BotContext) -> None:
    """Follow a word or phrase: matching new briefs are pushed as they arrive."""
    await _change_rule(update, context, RuleKind.FOLLOW, add=True)


async def unfollow(update: Update, context: BotContext) -> None:
    """Stop following a word or phrase."""
    await _change_rule(update, context, RuleKind.FOLLOW, add=False)


async def mute(update: Update, context: BotContext) -> None:
    """Mute a word or phrase: matching briefs stay out of digests and alerts."""
    await _change_rule(update, context, RuleKind.MUTE, add=True)


async def unmute(update: Update, context: BotContext) -> None:
    """Unmute a word or phrase."""
    await _change_rule(update, context, RuleKind.MUTE, add=False)


async def following(update: Update, context: BotContext) -> None:
    """List what this chat follows and mutes."""
    chat = update.effective_chat
    assert chat is not None
    services = context.services
    async with services.read_session_factory() as session, session.begin():
        subscriber = await active_subscriber(session, chat.id)
        if subscriber is None:
            answer = NOT_SUBSCRIBED
        else:
            rules = TopicRuleRepository(session)
            follows = await rules.phrases(subscriber.id, RuleKind.FOLLOW)
            mutes = await rules.phrases(subscriber.id, RuleKind.MUTE)
            answer = "\n".join([
                f"<b>Following:</b> {escape(', '.join(follows)) or 'nothing yet (/follow WORD)'}",
                f"<b>Muted:</b> {escape(', '.join(mutes)) or 'nothing'}",
            ])
    await reply(update, context, answer)
