"""Every word the bot says goes through the catalogue: a scripted session in a pseudo-locale.

The reader's Telegram language is ``xx``, whose catalogue wraps each marked message in
``⟦ ⟧`` (tests/support/catalogues.py). Every reply of the session (each command, its errors,
buttons and their answers, the digest and an alert, admins' commands, a group's refusal) is
checked: once the marked parts and the data (brief titles and text, the reader's words, links,
numbers, dates) are taken out, no word may be left. A failure names the command, the bare
words, and the source line that most likely holds them: wrap that string as
rendering/translation.py says (``_("...")``, ``ngettext``, ``N_`` for constants).
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field

import pytest
from sqlalchemy import update

from ingest.polling import poll_source
from local_bot_api import StoredMessage, User
from storage.models import TopicRule
from tests.support.catalogues import (
    CLOSE,
    OPEN,
    PSEUDO,
    ROOT,
    SPEAKING_PACKAGES,
    calls_in,
    marked,
    pseudo_catalogues,
)
from tests.support.database import Database
from tests.support.factories import make_source
from tests.support.world import START, World, running_bot
from tick import run_tick

TITLES = ("Zebra harbour reopens", "Quokka storm passes")
ADDED = "Yak harbour news. The yak harbour reopened on Monday. Ships came back in the evening."
TEXTS = (
    "Zebra harbour reopened after the storm. Ships came back.",
    "Quokka storm passed the coast. Roads are open.",
)
# Data, not the bot's words: what readers and briefs bring, and names that are not language
# (time zones, CLDR's English month and day names of the pseudo-locale's dates).
DATA = (
    *TITLES, *TEXTS, *(text.split(". ")[0] + "." for text in TEXTS), "Late harbour news",
    "The harbour reopened again.", "harbour", "storm", "zebra", "nomatchword", "Asia/Kolkata",
    "Mars/Base", "UTC", "example.org", "nosuchchannel", "English", "हिन्दी", "русский", "zz",
    "Newsroom", "briefbot-sources.opml", "briefbot", "Markets", "Sports",
)  # fmt: skip
# What fills a placeholder (the pseudo-locale leaves it outside the markers) and is data:
# quoted input ('10s', “two”), a named element (<html>), file names and types (bad.jsonl,
# .md), a language code before its name (hi (हिन्दी)), a command named by a placeholder
# (/{command}), a Python type's name (got int).
_VALUE_DATA = re.compile(
    r"“[^”]*”|'[^']*'|<\w+>|[\w-]*\.(?:jsonl?|ndjson|txt|md|markdown|html|opml)\b"
    r"|\b[a-z]{2}(?= \()|\bint\b"
)
_COMMAND_VALUE = re.compile(f"/{CLOSE}\\w+")
# A value between the catalogue's own quotation marks: "⟦“⟧two⟦” is not a number⟧".
_QUOTED_VALUE = re.compile(f"(?<=“{CLOSE})[^{OPEN}{CLOSE}]*(?={OPEN}”)")
_DATES = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
                    r"Nov|Dec)\b")  # fmt: skip
_MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_WORD = re.compile(r"[^\W\d_]+")


def bare_words(text: str) -> list[str]:
    """The words of ``text`` outside the markers and the data."""
    rest, previous = _COMMAND_VALUE.sub(CLOSE, _QUOTED_VALUE.sub(" ", text)), None
    while rest != previous:  # markers nest: a marked line inside a marked message
        previous, rest = rest, _MARKED.sub(" ", rest)
    rest = re.sub(r"https?://\S+", " ", rest)
    for data in sorted(DATA, key=len, reverse=True):
        rest = rest.replace(data, " ")
    rest = re.sub(r"@\w+|/\w+", " ", rest)
    rest = _VALUE_DATA.sub(" ", rest)
    rest = _DATES.sub(" ", rest)
    return _WORD.findall(rest)


def likely_source(words: Iterable[str]) -> str:
    """The first source line holding the bare words (``bot/handlers/x.py:12``), if any."""
    words = list(words)
    for needle in (" ".join(words[:3]), *words):
        for package in SPEAKING_PACKAGES:
            for path in sorted((ROOT / package).rglob("*.py")):
                for number, line in enumerate(path.read_text().splitlines(), start=1):
                    if needle in line and not line.lstrip().startswith("#"):
                        return f"{path.relative_to(ROOT)}:{number}"
    return "no source line holds them (data? add it to DATA in this test)"


@dataclass
class Transcript:
    """What the bot said in the session, by the step that made it say it."""

    said: list[tuple[str, str]] = field(default_factory=list)

    def add(self, step: str, messages: Iterable[StoredMessage]) -> None:
        for message in messages:
            self.said.append((step, message.text or ""))
            rows = (message.reply_markup or {}).get("inline_keyboard", [])
            self.said.extend((f"{step} (button)", b["text"]) for row in rows for b in row)

    def problems(self) -> list[str]:
        found = []
        for step, text in self.said:
            words = bare_words(text)
            if words:
                found.append(
                    f"{step!r} said {' '.join(words)!r} outside the catalogue "
                    f"({likely_source(words)}) in: {text!r}"
                )
        return found


@pytest.fixture
async def pseudo_world(database: Database) -> AsyncIterator[World]:
    async with running_bot(database, catalogues=pseudo_catalogues()) as world:
        world.admin.language_code = PSEUDO
        yield world


async def say_each(world: World, transcript: Transcript, chat_id: int, user: User | None,
                   steps: Iterable[str]) -> None:  # fmt: skip
    for step in steps:
        transcript.add(step, await world.say(chat_id, step, user=user))


async def press(world: World, transcript: Transcript, message: StoredMessage, data: str) -> None:
    after = world.last_bot_message_id(message.chat.id)
    query = world.api.user_presses(message.chat.id, message.message_id, data, strict=False)
    assert await world.api.changed.wait_until(lambda: query.answered, 5), f"{data} unanswered"
    if data.startswith("full:") and "text" not in query.answer:
        transcript.add(f"press {data}", await world.api.wait_for_messages(
            message.chat.id, 1, after_message_id=after
        ))  # fmt: skip
    transcript.said.append((f"press {data} (answer)", query.answer.get("text", "")))


async def test_every_reply_of_a_scripted_session_goes_through_the_catalogue(
    pseudo_world: World,
) -> None:
    world, transcript = pseudo_world, Transcript()
    for title, text in zip(TITLES, TEXTS, strict=True):
        await world.add_brief(title=title, text=text, summary=[text.split(". ")[0] + "."])
    reader = world.api.create_user("Xena", language_code=PSEUDO)
    chat = world.api.create_private_chat(reader)

    await say_each(world, transcript, chat.id, reader, [
        "/help", "/start", "/start", "/latest", "/latest 0", "/topic", "/topic zebra",
        "/topic nomatchword", "/topic " + "a" * 201, "/follow", "/follow a$b",
        "/follow " + "a" * 61, "/follow harbour", "/follow harbour", "/following", "/mute storm",
        "/mute storm", "/unmute storm", "/unmute storm", "/unfollow nomatchword", "/digest",
        "/digest 25:00", "/digest <b>", "/digest 07:30 Mars/Base", "/digest 07:30 <b>",
        "/digest off UTC", "/digest 1 2 3", "/digest off", "/settings", "/digest 08:00 UTC",
        "/settings", "/language", "/language zz", "/channel", "/channel @nosuchchannel",
        "/nosuchcommand", "hello", "/add", "/stats", "/sources",
        "/length", "/length 9", "/length two", "/length 1 2", "/length 1", "/length",
        "/length default", "/previews", "/previews maybe", "/previews on", "/previews off",
        "/silent", "/silent x", "/silent on", "/silent off", "/digest followed", "/digest",
        "/settings", "/digest all",
    ])  # fmt: skip
    [single] = await world.say(chat.id, "/latest 1", user=reader)
    transcript.add("/latest 1", [single])
    await press(world, transcript, single, single.callback_data[0])
    await press(world, transcript, single, "full:999999")
    await press(world, transcript, single, "expired")

    # The digest and a follow alert, rendered by the tick in the reader's language.
    async with world.sessions() as session, session.begin():
        await session.execute(update(TopicRule).values(created_at=START - dt.timedelta(hours=1)))
    await world.add_brief(title="Late harbour news", text="The harbour reopened again.",
                          summary=["The harbour reopened again."],
                          ingested_at=START + dt.timedelta(hours=1))  # fmt: skip
    world.clock.now = dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC)
    before = world.last_bot_message_id(chat.id)
    report = await run_tick(world.services)
    assert (report.digests.enqueued, report.alerts, report.errors) == (1, 1, [])
    transcript.add("tick", await world.api.wait_for_messages(chat.id, 2, after_message_id=before))

    await say_each(world, transcript, chat.id, reader, [
        "/stop", "/stop", "/settings", "/following", "/digest", f"/language {PSEUDO}",
    ])  # fmt: skip

    # An admin's commands (the admin's Telegram language is xx too). The second source fails
    # (its URL is refused before any fetch): /sources says ingest's error from its stored phrase.
    failing = make_source(url="https://user:pw@example.org/feed.xml")
    await world.add(make_source(url="https://example.org/feed.xml"), failing)
    await poll_source(failing, session_factory=world.sessions, fetcher=world.services.fetcher,
                      summarize=world.services.summarize, now=world.clock())  # fmt: skip
    admin_chat = world.api.create_private_chat(world.admin)
    await say_each(world, transcript, admin_chat.id, world.admin, [
        "/help", "/add", "/sources", "/addsource", "/removesource", "/removesource 999",
        "/filter", "/filter 999", "/stats", "/exportsources",
        # ingest's lines (ingest.phrases), said in the admin's language
        "/add --- | --- ...", f"/add {ADDED}", f"/add {ADDED}", "/addsource ftp://example.org/feed",
        "/addsource https://example.org/feed 10s", "/addsource https://example.org/feed 40d",
        "/addsource https://example.org/feed 2x", "/addsource http://127.0.0.1:9/feed",
        "/addsource https://user:pw@example.org/feed", "/filter 1 include --",
        "/filter 1 include ,", "/filter 1 include " + "a" * 101, "/filter 1 include harbour",
        "/filter 1 exclude storm", "/filter 1 clear",
    ])  # fmt: skip
    for name, document in (
        ("bad.jsonl", b'{"text": 1}\n[]\n{"title": "x"}\n{"text": "x", "date": "0001-01-01"}\n'),
        ("bad.json", b'{"text": "x", "url": "ftp://example.org/a"'),
        ("empty.txt", b"\x00\x01"), ("page.html", b"<p>x</p>"),
        ("long.txt", b"The ship sailed at noon today. " * 3001),  # the summarizer's refusal
    ):  # fmt: skip
        step = f"/add {name}"
        transcript.add(step, await world.say(
            admin_chat.id, "/add", user=world.admin, document=document, file_name=name
        ))  # fmt: skip
    for name, document in (
        ("bad.opml", b"<opml><body><outline xmlUrl='ftp://example.org/x'/></body></opml>"),
        ("html.opml", b"<html></html>"), ("broken.opml", b"<opml"),
    ):  # fmt: skip
        transcript.add(f"upload {name}", await world.say(
            admin_chat.id, "", user=world.admin, document=document, file_name=name
        ))  # fmt: skip

    # A group member who is not an admin.
    owner = world.api.create_user("Olga", language_code=PSEUDO)
    member = world.api.create_user("Mo", language_code=PSEUDO)
    group = world.api.create_group("Newsroom", admins=[owner], members=[member])
    await say_each(world, transcript, group.id, owner, ["/start"])
    await say_each(world, transcript, group.id, member, ["/digest 07:00", "/language en"])
    await say_each(world, transcript, group.id, member, ["/length 2", "/previews on"])

    # A forum: /start in a topic binds it, in another moves it, in General clears it.
    forum = world.api.create_group("Desk", admins=[owner], forum=True)
    markets, sports = (world.api.create_topic(forum.id, name) for name in ("Markets", "Sports"))
    for thread in (markets.message_thread_id, sports.message_thread_id, None, None):
        step = f"/start in topic {thread}"
        transcript.add(step, await world.say(
            forum.id, "/start", user=owner, message_thread_id=thread
        ))  # fmt: skip
    await say_each(world, transcript, forum.id, owner, ["/settings", "/help"])

    assert len(transcript.said) > 110  # the session ran: every step above said something
    refused = f"{OPEN}refused: a URL with a user name or password{CLOSE}"
    assert any(refused in text for step, text in transcript.said if step == "/sources")
    problems = transcript.problems()
    assert not problems, "\n".join(problems)


def test_the_check_finds_a_bare_word_and_names_its_source() -> None:
    assert bare_words(f"{OPEN}Digest for Thu 26 Nov 2026{CLOSE} · Zebra harbour reopens") == []
    assert bare_words(f"{OPEN}Full text{CLOSE} and more") == ["and", "more"]
    # a placeholder's value stands outside the markers: English filled in is found, data not
    line = marked("cannot summarize: {error}")
    assert bare_words(line.format(error="text is empty")) == ["text", "is", "empty"]
    assert bare_words(line.format(error=marked("text is empty"))) == []
    assert bare_words(marked("bad interval {value}").format(value="'2x'")) == []
    assert likely_source(["That", "button", "has", "expired"]).startswith("bot/handlers/briefs.py:")


# Where the bot's words leave it, with the argument that holds them: reply(update, context,
# TEXT), MessagePart(TEXT), Button(TEXT), BotCommand(name, TEXT), answer(TEXT) and
# send_message(chat, TEXT), and text= or caption= given by name.
_SAYING = {"reply": 2, "MessagePart": 0, "Button": 0, "BotCommand": 1, "answer": 0,
           "send_message": 1, "send_document": None}  # fmt: skip
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _bare_words(node: ast.expr) -> bool:
    """Whether ``node`` is literal text holding a word: a string, an f-string or a sum of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(_LETTERS.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_bare_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _bare_words(node.left) or _bare_words(node.right)
    return False


def bare_sayings(tree: ast.AST) -> Iterable[tuple[int, str]]:
    """Each call in ``tree`` that hands Telegram literal words instead of catalogue ones."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in _SAYING:
            continue
        position = _SAYING[name]
        said = [node.args[position]] if position is not None and len(node.args) > position else []
        said += [k.value for k in node.keywords if k.arg in ("text", "caption")]
        if any(_bare_words(argument) for argument in said):
            yield node.lineno, ast.unparse(node)


def test_no_module_hands_telegram_bare_words() -> None:
    # The session above sees only the paths it runs; this reads every module, so a new
    # reply on a path no test runs (a source's failure notice, /channel's refusals) is
    # caught too. Only literal text is flagged: what a catalogue call returns is not.
    planted = ast.parse(
        'await reply(update, context, "Done.")\nMessagePart(f"Hello {name}")\n'
        'await bot.send_document(chat, doc, caption="Your sources")\n'
        'Button(f"\\U0001f4c4 {n}")\nawait reply(update, context, _("Done."))\n'
        'await query.answer(text="ok" + suffix)'
    )
    assert sorted(line for line, _ in bare_sayings(planted)) == [1, 2, 3, 6]
    found = [
        call
        for package in SPEAKING_PACKAGES
        if package not in ("ingest", "summarizer")  # their own static checks (Phrase, refusals)
        for call in calls_in(package, bare_sayings)
    ]
    assert found == [], "wrap these in the catalogue (rendering/translation.py):\n" + "\n".join(
        found
    )
