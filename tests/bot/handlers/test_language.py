"""The bot speaks the reader's language: Telegram's language_code, /language, pushed messages.

Driven through the local Bot API server and the real bot.
"""

# ruff: noqa: RUF001  (Russian and Hindi text in expectations)

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import update

from bot.handlers import errors
from storage.models import Subscriber, TopicRule
from storage.repositories import SubscriberRepository
from tests.support.factories import make_brief
from tests.support.world import START, World
from tick import run_tick

AVAILABLE = "en (English), hi (हिन्दी), ru (русский)"


async def stored(world: World, chat_id: int) -> Subscriber:
    async with world.sessions() as session:
        subscriber = await SubscriberRepository(session).get_by_chat_id(chat_id)
    assert subscriber is not None
    return subscriber


async def test_a_user_whose_telegram_speaks_hindi_gets_hindi_replies(world: World) -> None:
    asha = world.api.create_user("Asha", language_code="hi")
    chat = world.api.create_private_chat(asha)
    [welcome] = await world.say(chat.id, "/start")
    assert welcome.text is not None
    assert welcome.text.startswith("briefbot में आपका स्वागत है।")
    assert "दैनिक डाइजेस्ट 08:00 UTC पर; अगला गुरु, 26 नव॰ 2026 को 08:00 पर।" in welcome.text
    [empty] = await world.say(chat.id, "/latest")
    assert empty.text == "अभी कोई ब्रीफ़ नहीं है। थोड़ी देर बाद देखें।"
    subscriber = await stored(world, chat.id)
    assert (subscriber.language, subscriber.seen_language) == (None, "hi")


async def test_a_regional_telegram_language_is_its_language_and_an_unknown_one_english(
    world: World,
) -> None:
    russian = world.api.create_private_chat(world.api.create_user("Ivan", language_code="ru-RU"))
    french = world.api.create_private_chat(world.api.create_user("Zoé", language_code="fr"))
    [ru] = await world.say(russian.id, "/stop")
    [fr] = await world.say(french.id, "/stop")
    assert (ru.text, fr.text) == (
        "Этот чат не подписан; отключать нечего.",
        "This chat is not subscribed; nothing to stop.",
    )


async def test_language_ru_switches_the_chat_and_the_choice_is_kept(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")  # Telegram says "en"
    await world.say(chat.id, "/start")
    [done] = await world.say(chat.id, "/language ru")
    assert done.text == "Готово: теперь здесь я говорю на языке «русский»."
    assert (await stored(world, chat.id)).language == "ru"
    [listed] = await world.say(chat.id, "/language")
    assert listed.text is not None
    assert listed.text.splitlines()[:2] == [
        "Язык здесь: русский (выбран командой /language)",
        f"Доступны: {AVAILABLE}",
    ]
    [helped] = await world.say(chat.id, "/help")
    assert helped.text is not None and helped.text.startswith("Что я умею\n/latest [N] — ")
    [back] = await world.say(chat.id, "/language auto")
    assert back.text == "Done: I follow your Telegram language here now (English)."
    assert (await stored(world, chat.id)).language is None


@pytest.mark.parametrize(
    ("named", "language"),
    [("русский", "ru"), ("Russian", "ru"), ("HINDI", "hi"), ("हिन्दी", "hi"), ("हिंदी", "hi")],
)
async def test_a_language_may_be_named_in_itself_or_in_english(
    world: World, named: str, language: str
) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    [done] = await world.say(chat.id, f"/language {named}")
    assert done.text is not None and done.text.startswith(("Готово", "हो गया")), done.text
    assert (await stored(world, chat.id)).language == language


async def test_language_alone_lists_the_languages_and_where_this_chats_comes_from(
    world: World,
) -> None:
    chat = world.api.create_private_chat(world.api.create_user("Asha", language_code="hi"))
    [listed] = await world.say(chat.id, "/language")
    assert listed.text is not None
    assert listed.text.splitlines() == [
        "यहाँ की भाषा: हिन्दी (आपकी Telegram सेटिंग से)",
        f"उपलब्ध: {AVAILABLE}",
        "/language कोड यहाँ मेरे संदेशों की भाषा बदलता है (ब्रीफ़ की नहीं); "
        "/language auto आपकी Telegram भाषा अपनाता है।",
    ]


async def test_an_unknown_language_is_refused_in_one_line_naming_the_available_ones(
    world: World,
) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    [refused] = await world.say(chat.id, "/language xx")
    assert refused.text == f"Unknown language “xx”. Available: {AVAILABLE}."
    [hostile] = await world.say(chat.id, "/language <b>ru</b>")
    assert hostile.text == f"Unknown language “<b>ru</b>”. Available: {AVAILABLE}."
    assert (await stored(world, chat.id)).language is None
    # A right-to-left override left open would reverse the rest of the reply's line: dropped.
    [override] = await world.say(chat.id, "/language \u202exx")
    assert override.text == f"Unknown language “xx”. Available: {AVAILABLE}."
    [topic] = await world.say(chat.id, "/topic \u202eabc\u2066zz")
    assert "\u202e" not in topic.text and "\u2066" not in topic.text and "abczz" in topic.text


async def test_in_a_group_only_admins_change_the_language(world: World) -> None:
    owner = world.api.create_user("Olga")
    member = world.api.create_user("Mo", language_code="ru")
    group = world.api.create_group("Newsroom", admins=[owner], members=[member])
    await world.say(group.id, "/start", user=owner)
    [refused] = await world.say(group.id, "/language ru", user=member)
    assert refused.text == "Менять настройки группы могут только её администраторы."
    assert (await stored(world, group.id)).language is None
    [done] = await world.say(group.id, "/language hi", user=owner)
    assert done.text == "हो गया: अब यहाँ मैं हिन्दी में बोलूँगा।"
    # The group's choice is everyone's there, whatever their own Telegram language.
    [latest] = await world.say(group.id, "/latest", user=member)
    assert latest.text == "अभी कोई ब्रीफ़ नहीं है। थोड़ी देर बाद देखें।"


async def test_a_channel_is_answered_in_the_language_its_digests_come_in(world: World) -> None:
    # A channel's post has no sender, so no Telegram language: before, English, while the
    # digests came in the language of the admin who subscribed the channel.
    ivan = world.api.create_user("Ivan", username="ivan", language_code="ru")
    channel = world.api.create_channel("Wire", admins=[ivan], username="wire")
    private = world.api.create_private_chat(ivan)
    await world.say(private.id, "/channel @wire")
    [shown] = await world.say(channel.id, "/language")
    assert shown.text is not None
    assert shown.text.startswith("Язык здесь: русский")


async def test_an_anonymous_admin_changes_a_groups_language_and_is_answered_in_its_own(
    world: World,
) -> None:
    # Telegram sends an anonymous admin's message from GroupAnonymousBot (no language) with
    # the group as its sender_chat: an admin, answered in the language seen at /start.
    owner = world.api.create_user("Olga", language_code="ru")
    group = world.api.create_group("Newsroom", admins=[owner])
    await world.say(group.id, "/start", user=owner)
    [shown] = await world.say(group.id, "/language", anonymous=True)
    assert shown.text is not None and shown.text.startswith("Язык здесь: русский")
    [done] = await world.say(group.id, "/language hi", anonymous=True)
    assert done.text == "हो गया: अब यहाँ मैं हिन्दी में बोलूँगा।"
    assert (await stored(world, group.id)).language == "hi"


async def test_language_before_start_asks_to_subscribe_first(world: World) -> None:
    chat = world.api.create_private_chat(world.api.create_user("Ivan", language_code="ru"))
    [answer] = await world.say(chat.id, "/language hi")
    assert answer.text == "Этот чат не подписан. Отправьте /start, чтобы подписаться."


async def test_the_command_menu_is_published_in_each_language(world: World) -> None:
    menus = world.api.commands
    english = menus['{"type": "default"}|']
    russian = menus['{"type": "default"}|ru']
    hindi = menus['{"type": "default"}|hi']
    assert [c["command"] for c in russian] == [c["command"] for c in english]
    assert [c["command"] for c in hindi] == [c["command"] for c in english]
    assert russian[0]["description"] == "подписаться на сводки и ежедневный дайджест"
    assert hindi[0]["description"] == "ब्रीफ़ और दैनिक डाइजेस्ट की सदस्यता लें"
    assert {"command": "language", "description": "the language I speak here: /language ru"} in (
        english
    )


async def test_digests_and_alerts_come_in_the_chats_language_and_the_briefs_as_written(
    world: World,
) -> None:
    asha = world.api.create_user("Asha", language_code="hi")
    hindi = world.api.create_private_chat(asha)
    chosen = world.api.create_private_chat(first_name="Bob")
    for chat in (hindi, chosen):
        await world.say(chat.id, "/start")
        await world.say(chat.id, "/follow harbour")
    await world.say(chosen.id, "/language ru")
    async with world.sessions() as session, session.begin():
        # Followed well before the brief below was ingested (rules use the wall clock).
        await session.execute(update(TopicRule).values(created_at=START - dt.timedelta(hours=1)))
        session.add(make_brief(
            title="Harbour reopens", text="The harbour reopened after the storm.",
            ingested_at=START + dt.timedelta(hours=1),
        ))  # fmt: skip
    world.clock.now = dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC)
    before = {chat.id: world.last_bot_message_id(chat.id) for chat in (hindi, chosen)}
    report = await run_tick(world.services)
    assert (report.digests.enqueued, report.alerts, report.errors) == (2, 2, [])
    hindi_texts, russian_texts = [
        sorted(
            message.text or ""
            for message in await world.api.wait_for_messages(
                chat.id, 2, after_message_id=before[chat.id]
            )
        )
        for chat in (hindi, chosen)
    ]
    assert hindi_texts[0].startswith("गुरु, 26 नव॰ 2026 का डाइजेस्ट · 1 नया ब्रीफ़")
    assert hindi_texts[1].startswith("🔔 harbour पर नया")
    # CLDR keeps the year with its abbreviation by a narrow no-break space (before, a plain one).
    assert russian_texts[0].startswith("Дайджест за чт, 26 нояб. 2026\u202fг. · 1 новая сводка")
    assert russian_texts[1].startswith("🔔 Новое по теме harbour")
    for text in (*hindi_texts, *russian_texts):
        assert "Harbour reopens" in text  # the brief itself is never translated


async def test_the_apology_for_a_failed_command_follows_the_chats_language_choice(
    world: World,
) -> None:
    ivan = world.api.create_user("Ivan", language_code="en")
    chat = world.api.create_private_chat(ivan)
    await world.say(chat.id, "/start", user=ivan)
    await world.say(chat.id, "/language ru", user=ivan)
    world.api.fail_next("sendMessage", status=400, description="Bad Request: boom")
    [apology] = await world.say(chat.id, "/help", user=ivan)
    assert apology.text == "Извините, что-то пошло не так. Попробуйте ещё раз чуть позже."


async def test_the_apology_is_in_telegrams_language_when_the_choice_is_not_read_in_time(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    asha = world.api.create_user("Asha", language_code="hi")
    chat = world.api.create_private_chat(asha)
    await world.say(chat.id, "/start", user=asha)
    await world.say(chat.id, "/language ru", user=asha)
    calls: list[int] = []
    read = SubscriberRepository.languages_of

    async def hangs_the_second_time(
        self: SubscriberRepository, chat_id: int
    ) -> tuple[str | None, str | None]:
        calls.append(chat_id)  # the first: the update's language; the second: the apology's
        if len(calls) == 2:
            await asyncio.sleep(60)
        return await read(self, chat_id)

    monkeypatch.setattr(errors, "LANGUAGE_LOOKUP_SECONDS", 0.2)
    monkeypatch.setattr(SubscriberRepository, "languages_of", hangs_the_second_time)
    world.api.fail_next("sendMessage", status=400, description="Bad Request: boom")
    [apology] = await world.say(chat.id, "/help", user=asha)
    assert apology.text == "माफ़ कीजिए, कुछ गड़बड़ हो गई। कृपया थोड़ी देर में फिर कोशिश करें।"
    assert calls == [chat.id, chat.id]
