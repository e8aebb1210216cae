"""Follow and mute rules: /follow, /unfollow, /following, /mute, /unmute."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from telegram import Update

from bot.context import BotContext
from bot.handlers.common import (
    GROUP_ADMINS_ONLY,
    NOT_SUBSCRIBED,
    active_subscriber,
    can_change_settings,
    reply,
)
from rendering.text import escape, utf16_len
from rendering.translation import ENGLISH, Translator
from storage.models import RULE_PHRASE_LENGTH, RuleKind
from storage.repositories import TopicRuleRepository
from storage.repositories.subscribers import normalise_phrase, written_phrase
from summarizer.languages import SUMMARY_LANGUAGES, lexicon, romanised_hindi_stop_words

# Counted as Telegram counts a message (UTF-16 units: an astral letter, U+1D400, is two), so
# that /following and /settings, which list every rule, stay within one message at MAX_RULES.
MAX_PHRASE_CHARS = 60
MAX_RULES = 50
# Plain words and phrases only: letters, digits, spaces, hyphens and apostrophes, and the
# marks inside a word (no \w to re, yet a Hindi word's vowel signs and virama: सेना, रक्षा)
# with the zero-width joiners that shape it.
_PUNCTUATION = frozenset(" '\u2019-\u200c\u200d")
# Quote marks a phrase may come in (straight, curly, low, guillemets).
_QUOTES = "\"'\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb\u2039\u203a"


def _plain(phrase: str) -> bool:
    return all(
        char.isalnum() or char in _PUNCTUATION or unicodedata.category(char).startswith("M")
        for char in phrase
    )


@cache
def _function_words() -> frozenset[str]:
    """The stop words of every language briefs are summarised in: a rule made of nothing else
    ("и", "में", "the") would match nearly every brief.

    Not Hindi's in Latin letters: few briefs are written so, and some are names elsewhere
    ("Jane", "Hain"), which a reader may well follow.
    """
    latin_hindi = romanised_hindi_stop_words()
    return frozenset().union(
        *(lexicon(code).stop_words - (latin_hindi if code == "hi" else frozenset())
          for code in SUMMARY_LANGUAGES)
    )


def unquoted(phrase: str) -> str:
    """``phrase`` without the quote marks around it (``«оборона»``, ``"air force"``), as
    /topic reads a quoted phrase."""
    return phrase.strip(_QUOTES).strip()


def phrase_problem(
    phrase: str, command: str = "follow", translator: Translator | None = None
) -> str | None:
    """Why ``phrase`` cannot be a follow/mute rule (given to ``/command``), or None when it can."""
    _ = (translator or ENGLISH).gettext
    if not phrase:
        return _("Give a word or phrase, for example /{command} israel.").format(command=command)
    # A compatibility character may stand for many ("\ufdfa" is 18 letters) in the stored form.
    if utf16_len(phrase) > MAX_PHRASE_CHARS or len(normalise_phrase(phrase)) > RULE_PHRASE_LENGTH:
        return _("Keep it under {count} characters.").format(count=MAX_PHRASE_CHARS)
    if not _plain(phrase) or not re.search(r"[^\W_]", phrase):
        return _("Use plain words: letters, digits, spaces, hyphens and apostrophes.")
    common = all(word in _function_words() for word in phrase.lower().split())
    if command in ("follow", "mute") and common:
        return _("“{phrase}” is too common for /{command}: nearly every brief has it.").format(
            phrase=phrase, command=command
        )
    return None


async def _change_rule(update: Update, context: BotContext, kind: RuleKind, add: bool) -> None:
    """Add or remove one rule of ``kind`` for this chat and say what happened."""
    chat = update.effective_chat
    assert chat is not None
    # Kept as written ("NATO", "Курск"): the repository stores it lower-cased beside.
    phrase = unquoted(written_phrase(" ".join(context.args or [])))
    translator = context.translator
    _ = translator.gettext
    verb = kind.value if add else f"un{kind.value}"
    problem = phrase_problem(phrase, verb, translator)
    if problem is not None:
        await reply(update, context, escape(problem))
        return
    if not await can_change_settings(update, context):
        await reply(update, context, _(GROUP_ADMINS_ONLY))
        return
    services = context.services
    async with services.session_factory() as session, session.begin():
        subscriber = await active_subscriber(session, chat.id)
        rules = TopicRuleRepository(session)
        if subscriber is None:
            answer = _(NOT_SUBSCRIBED)
        elif add and len(await rules.list(subscriber.id)) >= MAX_RULES:
            answer = _("You have {count} rules already; remove one first.").format(count=MAX_RULES)
        elif add:
            changed = await rules.add(subscriber.id, kind, phrase)
            answer = _added(kind, phrase, changed, translator)
        else:
            changed = await rules.remove(subscriber.id, kind, phrase)
            answer = _removed(kind, phrase, changed, translator)
    await reply(update, context, answer)


def _added(kind: RuleKind, phrase: str, changed: bool, translator: Translator) -> str:
    _ = translator.gettext
    if kind is RuleKind.FOLLOW:
        if not changed:
            text = _("You already follow “{phrase}”.")
        else:
            text = _("Following “{phrase}”: new briefs about it come as they arrive.")
    elif not changed:
        text = _("“{phrase}” is already muted.")
    else:
        text = _("Muted “{phrase}”: briefs about it stay out of your digests and alerts.")
    return text.format(phrase=escape(phrase))


def _removed(kind: RuleKind, phrase: str, changed: bool, translator: Translator) -> str:
    _ = translator.gettext
    if kind is RuleKind.FOLLOW:
        text = (
            _("No longer following “{phrase}”.") if changed else _("You did not follow “{phrase}”.")
        )
    else:
        text = _("Unmuted “{phrase}”.") if changed else _("You did not mute “{phrase}”.")
    return text.format(phrase=escape(phrase))


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
    _ = context.translator.gettext
    services = context.services
    async with services.read_session_factory() as session, session.begin():
        subscriber = await active_subscriber(session, chat.id)
        if subscriber is None:
            answer = _(NOT_SUBSCRIBED)
        else:
            rules = TopicRuleRepository(session)
            follows = await rules.shown_phrases(subscriber.id, RuleKind.FOLLOW)
            mutes = await rules.shown_phrases(subscriber.id, RuleKind.MUTE)
            answer = "\n".join(
                [
                    _("<b>Following:</b> {phrases}").format(
                        phrases=escape(", ".join(follows)) or _("nothing yet (/follow WORD)")
                    ),
                    _("<b>Muted:</b> {phrases}").format(
                        phrases=escape(", ".join(mutes)) or _("nothing")
                    ),
                ]
            )
    await reply(update, context, answer)
