"""Reading briefs through the real bot: /latest, /topic and the full-text button."""

from __future__ import annotations

import pytest

from bot.handlers.briefs import shown_query
from local_bot_api import Chat
from tests.support.factories import brief
from tests.support.world import World


async def ingest_numbered(world: World, count: int) -> None:
    candidates = [
        brief(f"Harbour report {n}", f"Harbour report number {n} covers shipping. More follows.")
        for n in range(1, count + 1)
    ]
    report = await world.ingest(*candidates)
    assert report.stored == count, report.problems


@pytest.fixture
async def chat(world: World) -> Chat:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    return chat


async def test_latest_shows_five_newest_by_default_with_title_summary_and_buttons(
    world: World, chat: Chat
) -> None:
    await ingest_numbered(world, 7)
    [reply] = await world.say(chat.id, "/latest")
    assert reply.text.startswith("The 5 newest briefs")
    assert reply.text.count("Harbour report") >= 5
    assert "• Harbour report number" in reply.text
    assert len(reply.callback_data) == 5
    assert all(data.startswith("full:") for data in reply.callback_data)


async def test_latest_n_shows_n(world: World, chat: Chat) -> None:
    await ingest_numbered(world, 3)
    [reply] = await world.say(chat.id, "/latest 2")
    assert reply.text.startswith("The 2 newest briefs") and len(reply.callback_data) == 2


async def test_latest_reads_a_count_in_devanagari_digits(world: World, chat: Chat) -> None:
    await ingest_numbered(world, 3)
    [reply] = await world.say(chat.id, "/latest \u0968")  # 2, as a Hindi keyboard types it
    assert reply.text.startswith("The 2 newest briefs") and len(reply.callback_data) == 2


async def test_latest_with_a_bad_count_gets_the_usage_line(world: World, chat: Chat) -> None:
    for bad in ("abc", "0", "-3", "2 3"):
        [reply] = await world.say(chat.id, f"/latest {bad}")
        assert reply.text.startswith("Usage: /latest [N]"), bad


async def test_latest_with_an_out_of_range_number_is_one_usage_line(
    world: World, chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    await ingest_numbered(world, 1)
    for bad in ("9" * 4400, "1" + "0" * 19, "9223372036854775808", "\u0661" * 4400, "\u00b2"):
        [reply] = await world.say(chat.id, f"/latest {bad}")
        assert reply.text.startswith("Usage: /latest [N]") and "\n" not in reply.text
    assert "Traceback" not in caplog.text and "ERROR" not in caplog.text


@pytest.mark.parametrize("data", ["full:" + "9" * 60, "full:9223372036854775808", "full:\u0661"])
async def test_button_with_an_out_of_range_id_is_answered_without_an_error(
    world: World, chat: Chat, caplog: pytest.LogCaptureFixture, data: str
) -> None:
    await world.ingest(brief("Harbour works", "The harbour works continue."))
    [listing] = await world.say(chat.id, "/latest")
    after = world.last_bot_message_id(chat.id)
    query = world.api.user_presses(chat.id, listing.message_id, data, strict=False)
    assert await world.replies_before_sentinel(chat.id, after) == []
    assert query.answered and "Traceback" not in caplog.text


async def test_latest_caps_the_count_at_twenty(world: World, chat: Chat) -> None:
    await ingest_numbered(world, 23)
    after = world.last_bot_message_id(chat.id)
    world.api.user_sends(chat.id, "/latest 99")
    parts = await world.replies_before_sentinel(chat.id, after)
    assert len(parts) >= 2 and parts[0].text.startswith("The 20 newest briefs")
    assert sum(len(m.callback_data) for m in parts) == 20


async def test_latest_with_no_briefs_says_so(world: World, chat: Chat) -> None:
    [reply] = await world.say(chat.id, "/latest")
    assert "No briefs yet" in reply.text


async def test_topic_finds_the_israel_brief(world: World, chat: Chat) -> None:
    await world.ingest(
        brief("Ceasefire talks resume", "Israel and Hamas negotiators met in Cairo on Monday."),
        brief("Rail strike ends", "Train drivers accepted the offer after two weeks."),
    )
    [reply] = await world.say(chat.id, "/topic israel")
    assert "Ceasefire talks resume" in reply.text and "Rail strike" not in reply.text
    assert reply.text.startswith("About “israel”")


@pytest.mark.parametrize("quoted", ['"ceasefire talks"', "\u00abceasefire talks\u00bb"])
async def test_a_topic_quoted_whole_is_headed_without_a_second_pair_of_quotes(
    world: World, chat: Chat, quoted: str
) -> None:
    await world.ingest(brief("Ceasefire talks resume", "Ceasefire talks met in Cairo on Monday."))
    [reply] = await world.say(chat.id, f"/topic {quoted}")
    assert reply.text.startswith("About \u201cceasefire talks\u201d\n"), reply.text
    [none] = await world.say(chat.id, '/topic "volcano ash"')
    assert none.text == "No briefs about \u201cvolcano ash\u201d yet."


def test_only_one_pair_of_quotes_around_the_whole_query_is_left_out() -> None:
    assert shown_query('"a" and "b"') == '"a" and "b"'  # two quoted phrases stay
    assert shown_query('"unclosed') == '"unclosed'
    assert shown_query('""') == '""'
    assert shown_query("\u201eWehrpflicht\u201c") == "Wehrpflicht"


async def test_topic_without_an_argument_gets_the_usage_line(world: World, chat: Chat) -> None:
    [reply] = await world.say(chat.id, "/topic")
    assert reply.text.startswith("Usage: /topic")


async def test_topic_with_no_match_says_so_plainly(world: World, chat: Chat) -> None:
    await world.ingest(brief("Rail strike ends", "Train drivers accepted the offer."))
    [reply] = await world.say(chat.id, "/topic <volcano>")
    assert reply.text == "No briefs about “<volcano>” yet."


async def test_full_text_button_sends_the_whole_text_and_answers_the_query(
    world: World, chat: Chat
) -> None:
    text = "First paragraph about the harbour. It is long.\n\nSecond paragraph, the rest."
    await world.ingest(brief("Harbour works", text))
    [listing] = await world.say(chat.id, "/latest")
    [data] = listing.callback_data
    after = world.last_bot_message_id(chat.id)
    query = world.api.user_presses(chat.id, listing.message_id, data)
    [full] = await world.api.wait_for_messages(chat.id, 1, after_message_id=after)
    assert "Second paragraph, the rest." in full.text and "Harbour works" in full.text
    assert await world.api.changed.wait_until(lambda: query.answered, 3)


async def test_button_for_a_missing_brief_is_still_answered(world: World, chat: Chat) -> None:
    await world.ingest(brief("Harbour works", "The harbour works continue."))
    [listing] = await world.say(chat.id, "/latest")
    after = world.last_bot_message_id(chat.id)
    query = world.api.user_presses(chat.id, listing.message_id, "full:99999", strict=False)
    assert await world.replies_before_sentinel(chat.id, after) == []
    assert query.answered


async def test_html_hostile_brief_arrives_as_plain_text(world: World, chat: Chat) -> None:
    hostile = "Officials said <script>alert(1)</script> & *bold* claims were <b>false."
    await world.ingest(brief("Tom & Jerry <i>sue</i> *studio*", hostile))
    [reply] = await world.say(chat.id, "/latest")
    assert "Tom & Jerry <i>sue</i> *studio*" in reply.text
    assert "<script>alert(1)</script> & *bold*" in reply.text
    assert all(call.status == 200 for call in world.api.calls("sendMessage"))


async def test_multi_part_full_text_all_arrives_within_the_per_chat_rate_limit(
    world: World, chat: Chat
) -> None:
    sentences = (f"Sentence {n} of the harbour report has several words." for n in range(70))
    paragraph = " ".join(sentences)
    text = "\n\n".join(f"Part {p}. {paragraph}" for p in range(3))
    await world.ingest(brief("Harbour works", text))
    [listing] = await world.say(chat.id, "/latest")
    world.api.enforce_rate_limits(per_chat_per_second=1, per_group_per_minute=None)
    after = world.last_bot_message_id(chat.id)
    world.api.user_presses(chat.id, listing.message_id, listing.callback_data[0])
    parts = await world.api.wait_for_messages(chat.id, 3, timeout=10, after_message_id=after)
    assert [part.text.count("Part ") for part in parts] == [1, 1, 1]
    assert "Sorry" not in " ".join(part.text for part in parts)
    assert all(call.status == 200 for call in world.api.calls("sendMessage"))
