"""Admin commands through the real bot: /add (text, document, reply), /sources, /stats."""

from __future__ import annotations

import json
from pathlib import Path

from ingest.items import Rejection
from ingest.sources.files import read_path
from local_bot_api import User
from storage.repositories import BriefRepository
from tests.support.database import Database
from tests.support.factories import brief, filler
from tests.support.slow_summary import SLOW_ALGORITHM, slow_to_rank
from tests.support.world import SENTINEL_REPLY_START, World, running_bot

ARTICLE = (
    "# Port reopens after storm\n\nThe harbour authority reopened the port on Tuesday after "
    "the storm. " + filler("port")
)


async def titles(world: World) -> list[str]:
    async with world.sessions() as session:
        return [b.title for b in await BriefRepository(session).latest(50)]


async def admin_chat(world: World) -> int:
    return world.api.create_private_chat(world.admin).id


async def test_admin_add_with_text_ingests_it_and_answers_in_one_line(world: World) -> None:
    chat_id = await admin_chat(world)
    [reply] = await world.say(chat_id, f"/add {ARTICLE}")
    assert reply.text == "stored 1, duplicate 0, rejected 0"
    assert await titles(world) == ["Port reopens after storm"]
    [again] = await world.say(chat_id, f"/add {ARTICLE}")
    assert again.text == "stored 0, duplicate 1, rejected 0"
    registry = world.services.metrics.registry  # the duplicate is not counted as ingested
    assert registry.get_sample_value("briefbot_briefs_ingested_total", {"path": "add"}) == 1.0


async def test_admin_add_with_a_document_or_as_a_reply_ingests_it(world: World) -> None:
    chat_id = await admin_chat(world)
    records = [
        {"title": f"Record {n}", "text": f"Record {n} says the {n} harbours are open. "
         + filler(f"record {n}")} for n in range(2)
    ]
    lines = "\n".join(json.dumps(record) for record in records).encode()
    [reply] = await world.say(chat_id, "/add", document=lines, file_name="batch.jsonl")
    assert reply.text == "stored 2, duplicate 0, rejected 0"
    [pointer] = await world.say(chat_id, ARTICLE)
    assert "/help" in pointer.text
    posted = world.api.messages(chat_id, from_bot=False)[-1]
    [replied] = await world.say(chat_id, "/add", reply_to=posted.message_id)
    assert replied.text == "stored 1, duplicate 0, rejected 0"
    assert set(await titles(world)) == {"Record 0", "Record 1", "Port reopens after storm"}


async def test_admin_add_of_a_document_with_bad_utf8_stores_it_and_says_so(
    world: World,
) -> None:
    chat_id = await admin_chat(world)
    text = f"# Café closes\n\nThe café on the harbour closes today. {filler('café')}"
    data = text.encode().replace(b"harbour", b"harb\xffur", 1)
    [reply] = await world.say(chat_id, "/add", document=data, file_name="brief.md")
    assert reply.text == (
        "stored 1, duplicate 0, rejected 0\n"
        "brief.md: invalid UTF-8 replaced by \ufffd (U+FFFD) in one place; read all the same"
    )
    world.admin.language_code = "ru"  # and in the admin's language
    again = data.replace(b"closes", b"opens")  # another brief: not a duplicate
    [russian] = await world.say(chat_id, "/add", document=again, file_name="brief.md")
    assert russian.text is not None and "U+FFFD" in russian.text
    assert "bad UTF-8" not in russian.text


async def test_admin_add_reports_the_rejection_reason(world: World) -> None:
    chat_id = await admin_chat(world)
    [reply] = await world.say(chat_id, "/add --- | --- ...")
    assert reply.text.startswith("stored 0, duplicate 0, rejected 1: ")
    assert reply.text.endswith("empty: no word in the text")
    [stored] = await world.say(chat_id, "/add Results: Arsenal 2 Chelsea 1")
    assert stored.text == "stored 1, duplicate 0, rejected 0"
    [usage] = await world.say(chat_id, "/add")
    assert usage.text.startswith("Usage: /add")


async def test_non_admins_are_refused(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Mallory")
    for command in (f"/add {ARTICLE}", "/sources", "/stats"):
        [reply] = await world.say(chat.id, command)
        assert reply.text == "Only briefbot's admins can do that."
    assert await titles(world) == []


async def test_stats_shows_subscribers_briefs_today_and_deliveries(world: World) -> None:
    chat_id = await admin_chat(world)
    subscriber = world.api.create_private_chat(User(555, "Rita"))
    await world.say(subscriber.id, "/start")
    await world.say(chat_id, "/start")
    await world.say(subscriber.id, "/stop")
    await world.ingest(brief("Harbour works", "The harbour works continue on schedule."))
    [stats] = await world.say(chat_id, "/stats")
    assert "Subscribers: active 1, stopped 1" in stats.text
    assert "Briefs today: 1" in stats.text
    assert "Deliveries:" in stats.text


async def test_stats_words_each_state_with_its_count_in_the_admins_language(world: World) -> None:
    # /settings' "active" agrees with "subscription" (активна); counted subscribers need their own.
    world.admin.language_code = "ru"
    chat_id = await admin_chat(world)
    subscriber = world.api.create_private_chat(User(556, "Rita"))
    await world.say(subscriber.id, "/start")
    await world.say(chat_id, "/start")
    await world.say(subscriber.id, "/stop")
    [stats] = await world.say(chat_id, "/stats")
    assert stats.text.splitlines()[0] == (
        "Подписчики: активных: 1, отписавшихся: 1, заблокировавших бота: 0"
    )


async def test_captioned_add_addressed_to_another_bot_is_ignored(world: World) -> None:
    group = world.api.create_group("Desk", admins=[world.admin])
    other = "# Ferry timetable changes\n\nThe ferry company changed its timetable. " + filler("f")
    world.api.user_sends(
        group.id, "/add@otherbot", user=world.admin, document=other.encode(), file_name="a.md"
    )
    # Updates are handled in order: once this one is answered, the first was handled too.
    [reply] = await world.say(
        group.id, "/add@briefbot_bot", user=world.admin, document=ARTICLE.encode(),
        file_name="b.md",
    )
    assert reply.text == "stored 1, duplicate 0, rejected 0"
    assert [m.text for m in world.api.messages(group.id, from_bot=True)] == [reply.text]
    assert await titles(world) == ["Port reopens after storm"]


async def test_add_of_a_document_telegram_will_not_serve_is_rejected_in_one_line(
    world: World,
) -> None:
    chat_id = await admin_chat(world)
    world.api.fail_next("getFile", status=400, description="Bad Request: file is too big")
    [reply] = await world.say(chat_id, "/add", document=ARTICLE.encode(), file_name="big.md")
    assert reply.text == (
        "stored 0, duplicate 0, rejected 1: big.md: Telegram would not hand it over: "
        "File is too big"
    )


async def test_add_of_a_document_of_unknown_extension_gets_the_clis_refusal(
    world: World, tmp_path: Path
) -> None:
    chat_id = await admin_chat(world)
    (tmp_path / "notes.exe").write_bytes(ARTICLE.encode())
    [cli] = read_path(tmp_path / "notes.exe")  # what `briefbot ingest notes.exe` reports
    assert isinstance(cli, Rejection) and cli.reason.startswith("unsupported file type .exe")
    [reply] = await world.say(chat_id, "/add", document=ARTICLE.encode(), file_name="notes.exe")
    assert reply.text == f"stored 0, duplicate 0, rejected 1: notes.exe: {cli.reason}"
    assert await titles(world) == []


async def test_an_add_summarizing_past_its_deadline_holds_no_other_chat(
    database: Database,
) -> None:
    """Issue 10: an admin's /add of a brief slow to summarize blocked every chat for 307 s."""
    overrides = {"summary_algorithm": SLOW_ALGORITHM, "summary_timeout_seconds": 2}
    async with running_bot(database, settings=overrides, summary_workers=1) as world:
        chat_id = await admin_chat(world)
        reader = world.api.create_private_chat()
        after = world.last_bot_message_id(chat_id)
        world.api.user_sends(
            chat_id, "/add", document=slow_to_rank().encode(), file_name="slow.txt"
        )
        [help_reply] = await world.say(reader.id, "/help")
        [added] = await world.api.wait_for_messages(
            chat_id, 1, timeout=120, after_message_id=after
        )
    assert help_reply.text.startswith(SENTINEL_REPLY_START)
    assert added.text.startswith("stored 0, duplicate 0, rejected 1: ")
    assert added.text.endswith("summarizing took longer than 2 s; stopped")
    assert "\n" not in added.text
    sends = [c for c in world.api.calls("sendMessage") if c.status == 200]
    order = [int(str(c.params["chat_id"])) for c in sends]
    assert order.index(reader.id) < order.index(chat_id)


async def test_an_admin_is_told_adds_report_and_its_problems_in_the_admins_language(
    world: World,
) -> None:
    world.admin.language_code = "ru"
    chat_id = await admin_chat(world)
    [rejected] = await world.say(chat_id, "/add --- | --- ...")
    assert rejected.text == (
        "сохранено: 0, дубликатов: 0, отклонено: 1: сообщение: пусто: в тексте нет ни одного слова"
    )
    lines = b'{"text": 1}\n[]\n{"title": "no text"}\n'
    [several] = await world.say(chat_id, "/add", document=lines, file_name="bad.jsonl")
    assert several.text == (
        "сохранено: 0, дубликатов: 0, отклонено: 3: bad.jsonl:1: поле 'text' должно быть "
        "строкой, получен int (и ещё 2)"
    )
    long = b"The ship sailed at noon today. " * 3001  # past the summarizer's cap of sentences
    [refused] = await world.say(chat_id, "/add", document=long, file_name="long.txt")
    assert refused.text == (
        "сохранено: 0, дубликатов: 0, отклонено: 1: long.txt: не удаётся сократить текст: "
        "текст слишком длинный: предложений 3\u00a0001, предел 3\u00a0000"
    )  # numbers grouped as Russian groups them (CLDR)


async def test_non_admins_are_refused_in_their_language(world: World) -> None:
    asha = world.api.create_user("Asha", language_code="hi")
    chat = world.api.create_private_chat(asha)
    for command in (f"/add {ARTICLE}", "/stats"):
        [reply] = await world.say(chat.id, command, user=asha)
        assert reply.text == "यह केवल briefbot के एडमिन कर सकते हैं।"
    assert await titles(world) == []
