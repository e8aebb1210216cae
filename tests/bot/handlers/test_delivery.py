"""Delivery options through the real bot: /previews, /silent, /length and /digest followed|all."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.handlers.delivery import (
    LENGTH_USAGE,
    PREVIEWS_USAGE,
    OptionUsageError,
    parse_length,
    parse_scope,
    parse_switch,
)
from bot.handlers.menus import bot_commands
from local_bot_api.models import StoredMessage
from rendering.translation import ENGLISH, Catalogues
from storage.models import DigestScope, Subscriber
from storage.repositories import SubscriberRepository
from tests.ingest.test_lengths import SENTENCES, STORED, TEXT, TITLE
from tests.support.world import START, World
from tick import run_tick

NEXT_DIGEST = dt.datetime(2026, 11, 26, 8, 1, tzinfo=dt.UTC)  # just after /start's next 08:00


# -- parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [([], None), (["on"], True), (["OFF"], False), ([" On "], True)],
)
def test_parse_switch_reads_on_and_off_and_nothing_as_show(
    args: list[str], expected: bool | None
) -> None:
    assert parse_switch(args, PREVIEWS_USAGE) is expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["yes"], f"“yes” is not on or off. {PREVIEWS_USAGE}"),
        (["on", "off"], f"Give one value. {PREVIEWS_USAGE}"),
        (["x" * 300], f"“{'x' * 20}…” is not on or off. {PREVIEWS_USAGE}"),
    ],
)
def test_parse_switch_rejects_with_one_line_naming_the_values(
    args: list[str], message: str
) -> None:
    with pytest.raises(OptionUsageError) as caught:
        parse_switch(args, PREVIEWS_USAGE)
    assert str(caught.value) == message and "\n" not in message


@pytest.mark.parametrize(
    ("args", "expected"),
    [([], None), (["1"], 1), (["5"], 5), (["03"], 3), (["Default"], None), (["\u0969"], 3)],
)
def test_parse_length_reads_one_to_five_or_default(args: list[str], expected: int | None) -> None:
    setting = parse_length(args)
    if not args:
        assert setting is None
    else:
        assert setting is not None and setting.sentences == expected


def test_a_bad_value_is_quoted_in_the_readers_quotation_marks() -> None:
    russian = Catalogues.load().resolve("ru", None)
    with pytest.raises(OptionUsageError) as caught:
        parse_length(["два"])
    assert caught.value.in_language(russian).startswith("«два» — не число предложений.")


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["0"], "0 is out of range"),
        (["6"], "6 is out of range"),
        (["-1"], "“-1” is not a number of sentences"),
        (["٣٣٣"], "“٣٣٣” is not a number of sentences"),  # digits of any script, but 3 of them
        (["999999999999"], "“999999999999” is not a number of sentences"),
        (["two"], "“two” is not a number of sentences"),
        (["1", "2"], "Give one value"),
    ],
)
def test_parse_length_rejects_with_one_line_naming_the_range(args: list[str], reason: str) -> None:
    with pytest.raises(OptionUsageError) as caught:
        parse_length(args)
    assert str(caught.value) == f"{reason}. {LENGTH_USAGE}"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["followed"], DigestScope.FOLLOWED),
        (["ALL"], DigestScope.ALL),
        (["08:00"], None),
        (["off"], None),
        ([], None),
        (["all", "Europe/London"], None),
    ],
)
def test_parse_scope_takes_only_followed_or_all_alone(
    args: list[str], expected: DigestScope | None
) -> None:
    assert parse_scope(args) is expected


def test_the_options_are_in_the_command_menu() -> None:
    menu = {command.command: command.description for command in bot_commands(ENGLISH)}
    assert {"previews", "silent", "length", "digest", "settings"} <= set(menu)
    assert "on|off" in menu["previews"] and "on|off" in menu["silent"]


# -- through the bot -------------------------------------------------------------------------


async def stored(world: World, chat_id: int) -> Subscriber:
    async with world.sessions() as session:
        subscriber = await SubscriberRepository(session).get_by_chat_id(chat_id)
    assert subscriber is not None
    return subscriber


def bullets(message: StoredMessage) -> list[str]:
    return [line[2:] for line in (message.text or "").splitlines() if line.startswith("• ")]


async def digest_of(world: World, chat_id: int) -> StoredMessage:
    """Run the tick at the next digest instant; the digest the running bot's worker sends."""
    after = world.last_bot_message_id(chat_id)
    world.clock.now = NEXT_DIGEST
    report = await run_tick(world.services)
    assert report.digests.enqueued >= 1
    [digest] = await world.api.wait_for_messages(chat_id, 1, timeout=5, after_message_id=after)
    assert (digest.text or "").startswith("Digest for Thu 26 Nov 2026")
    return digest


async def test_each_option_alone_shows_its_value_and_the_accepted_ones(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    [previews] = await world.say(chat.id, "/previews")
    [silent] = await world.say(chat.id, "/silent")
    [length] = await world.say(chat.id, "/length")
    [digest] = await world.say(chat.id, "/digest")
    assert previews.text == "Link previews are off. Use /previews on or /previews off."
    assert silent.text == "Silent delivery is off. Use /silent on or /silent off."
    assert length.text == f"Summaries here are 3 sentences (the default) long. {LENGTH_USAGE}"
    assert (digest.text or "").startswith("Daily digest at 08:00 UTC")
    assert (digest.text or "").splitlines()[-1] == (
        "It holds every new brief; /digest followed or /digest all changes that."
    )


async def test_options_are_stored_and_shown_in_settings(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    [previews] = await world.say(chat.id, "/previews on")
    [silent] = await world.say(chat.id, "/silent ON")
    [length] = await world.say(chat.id, "/length 1")
    [scope] = await world.say(chat.id, "/digest all")
    assert previews.text == "Link previews are now on for digests, alerts, /latest and /topic."
    assert silent.text == "Digests and alerts now arrive silently, without a notification."
    assert (
        length.text
        == "Summaries here are now 1 sentence long: digests, alerts, /latest and /topic."
    )
    assert scope.text == "Your digest now holds every new brief."
    subscriber = await stored(world, chat.id)
    assert (subscriber.link_previews, subscriber.silent) == (True, True)
    assert (subscriber.summary_length, subscriber.digest_scope) == (1, DigestScope.ALL)
    [settings] = await world.say(chat.id, "/settings")
    lines = (settings.text or "").splitlines()
    assert lines[-5:] == [
        "Digest holds: every new brief",
        "Summary length: 1 sentence",
        "Link previews: on",
        "Silent delivery: on",
        "Language: English",
    ]
    [reset] = await world.say(chat.id, "/length default")
    assert reset.text is not None and "3 sentences (the default)" in reset.text
    assert (await stored(world, chat.id)).summary_length is None


async def test_help_lists_the_options(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    [help_text] = await world.say(chat.id, "/help")
    lines = (help_text.text or "").splitlines()
    for command in ("/digest followed|all", "/length N", "/previews on|off", "/silent on|off"):
        assert any(line.startswith(command) for line in lines), command


async def test_bad_values_get_one_line_and_change_nothing(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    [previews] = await world.say(chat.id, "/previews maybe")
    [length] = await world.say(chat.id, "/length 9")
    [tagged] = await world.say(chat.id, "/silent <b>")
    [digest] = await world.say(chat.id, "/digest someday")
    assert previews.text == f"“maybe” is not on or off. {PREVIEWS_USAGE}"
    assert length.text == f"9 is out of range. {LENGTH_USAGE}"
    assert tagged.text == "“<b>” is not on or off. Use /silent on or /silent off."
    assert digest.text is not None and digest.text.startswith("'someday' is not a time of day")
    assert "/digest followed|all" in digest.text
    for reply in (previews, length, tagged, digest):
        assert "\n" not in (reply.text or "")
    subscriber = await stored(world, chat.id)
    assert (subscriber.link_previews, subscriber.silent, subscriber.summary_length) == (
        False,
        False,
        None,
    )


async def test_options_need_a_subscription(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    [reply] = await world.say(chat.id, "/silent on")
    assert reply.text == "This chat is not subscribed. Send /start to subscribe."


async def test_in_a_group_only_admins_change_options_but_members_see_them(world: World) -> None:
    owner = world.api.create_user("Olga")
    member = world.api.create_user("Mo")
    group = world.api.create_group("Newsroom", admins=[owner], members=[member])
    await world.say(group.id, "/start", user=owner)
    for command in ("/previews on", "/silent on", "/length 2", "/digest followed"):
        [refused] = await world.say(group.id, command, user=member)
        assert refused.text == "Only this group's admins can change its settings.", command
    [shown] = await world.say(group.id, "/length", user=member)
    assert (shown.text or "").startswith("Summaries here are 3 sentences (the default) long.")
    subscriber = await stored(world, group.id)
    assert (subscriber.link_previews, subscriber.silent) == (False, False)
    assert (subscriber.summary_length, subscriber.digest_scope) == (None, DigestScope.ALL)
    [allowed] = await world.say(group.id, "/length@briefbot_bot 2", user=owner)
    assert (allowed.text or "").startswith("Summaries here are now 2 sentences long")
    assert (await stored(world, group.id)).summary_length == 2


async def test_a_channel_sets_its_options_by_posting_the_command(world: World) -> None:
    owner = world.api.create_user("Olga")
    channel = world.api.create_channel("Daily Wire", admins=[owner])
    await world.say(channel.id, "/start", user=owner)
    [answer] = await world.say(channel.id, "/silent on", user=owner)
    assert answer.text == "Digests and alerts now arrive silently, without a notification."
    assert (await stored(world, channel.id)).silent is True


async def test_length_gives_latest_summaries_made_again_from_the_text(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    await world.add_brief(title=TITLE, text=TEXT, summary=STORED)
    [default] = await world.say(chat.id, "/latest 1")
    assert bullets(default) == STORED
    await world.say(chat.id, "/length 1")
    [one] = await world.say(chat.id, "/latest 1")
    # The summarizer's one best sentence, not the first of the stored three.
    assert bullets(one) == [SENTENCES[4]] and STORED[0] != SENTENCES[4]
    await world.say(chat.id, "/length 5")
    [five] = await world.say(chat.id, "/topic harbour")
    assert bullets(five) == list(SENTENCES)


async def test_latest_shows_a_link_preview_only_when_the_chat_asked(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    await world.add_brief(title=TITLE, text=TEXT, summary=STORED)
    [before] = await world.say(chat.id, "/latest 1")
    await world.say(chat.id, "/previews on")
    [after] = await world.say(chat.id, "/latest 1")
    assert before.link_preview_options == {"is_disabled": True}
    assert after.link_preview_options == {"is_disabled": False}
    assert after.disable_notification is False  # /silent is for digests and alerts


async def test_a_digest_keeps_todays_behaviour_by_default(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    await world.add_brief(title=TITLE, text=TEXT, summary=STORED, ingested_at=START)
    digest = await digest_of(world, chat.id)
    assert digest.link_preview_options == {"is_disabled": True}
    assert digest.disable_notification is False
    assert bullets(digest) == STORED


async def test_a_digest_comes_with_the_chats_previews_silence_and_length(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    for command in ("/previews on", "/silent on", "/length 1"):
        await world.say(chat.id, command)
    await world.add_brief(title=TITLE, text=TEXT, summary=STORED, ingested_at=START)
    digest = await digest_of(world, chat.id)
    assert digest.link_preview_options == {"is_disabled": False}
    assert digest.disable_notification is True
    assert bullets(digest) == [SENTENCES[4]]


async def test_digest_followed_holds_only_followed_briefs(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    await world.say(chat.id, "/follow harbour")
    [answer] = await world.say(chat.id, "/digest followed")
    assert answer.text == "Your digest now holds only briefs about what you follow."
    await world.add_brief(title="Harbour pier reopens", text=TEXT, ingested_at=START)
    await world.add_brief(
        title="Council budget passes",
        text="The council passed its budget for the coming year after a long debate.",
        ingested_at=START,
    )
    digest = await digest_of(world, chat.id)
    assert (digest.text or "").startswith("Digest for Thu 26 Nov 2026 · 1 new brief")
    assert "Harbour pier reopens" in (digest.text or "")
    assert "Council budget" not in (digest.text or "")


async def test_digest_followed_with_nothing_followed_says_so_and_holds_everything(
    world: World,
) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    [answer] = await world.say(chat.id, "/digest followed")
    assert answer.text == (
        "Your digest now holds only briefs about what you follow (you follow nothing yet, "
        "so every new brief). /follow a word to narrow it."
    )
    assert (await stored(world, chat.id)).digest_scope is DigestScope.FOLLOWED
    [settings] = await world.say(chat.id, "/settings")
    assert "Digest holds: only briefs about what you follow (you follow nothing yet" in (
        settings.text or ""
    )
    await world.add_brief(title="Harbour pier reopens", text=TEXT, ingested_at=START)
    await world.add_brief(
        title="Council budget passes",
        text="The council passed its budget for the coming year after a long debate.",
        ingested_at=START,
    )
    digest = await digest_of(world, chat.id)
    assert (digest.text or "").startswith("Digest for Thu 26 Nov 2026 · 2 new briefs")


async def test_digest_time_forms_still_work_beside_the_scope(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    await world.say(chat.id, "/digest followed")
    [timed] = await world.say(chat.id, "/digest 09:30 Europe/London")
    [off] = await world.say(chat.id, "/digest off")
    assert (timed.text or "").startswith("Daily digest at 09:30 Europe/London")
    assert (off.text or "").startswith("The daily digest is off")
    subscriber = await stored(world, chat.id)
    assert subscriber.digest_time is None and subscriber.digest_scope is DigestScope.FOLLOWED


async def test_an_alert_comes_with_the_chats_silence_and_length(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    for command in ("/digest off", "/silent on", "/length 5", "/follow harbour"):
        await world.say(chat.id, command)
    # The follow rule is stamped with the wall clock: the brief arrives after it.
    world.clock.now = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    await world.add_brief(title=TITLE, text=TEXT, summary=STORED, ingested_at=world.clock.now)
    after = world.last_bot_message_id(chat.id)
    report = await run_tick(world.services)
    assert report.alerts == 1
    [alert] = await world.api.wait_for_messages(chat.id, 1, timeout=5, after_message_id=after)
    assert (alert.text or "").startswith("🔔 New on harbour")
    assert alert.disable_notification is True
    assert alert.link_preview_options == {"is_disabled": True}
    assert bullets(alert) == list(SENTENCES)
