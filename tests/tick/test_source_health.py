"""Admins get one message when a source starts failing and one when it recovers."""

from __future__ import annotations

import datetime as dt

import httpx
from sqlalchemy import select

from rendering.translation import Catalogues
from storage.models import Source
from tests.support.database import Database
from tests.support.factories import ARTICLE_HTML, make_source
from tests.support.world import START, outbox_world
from tick.polling import poll_due_sources
from tick.source_health import FAILING_AFTER, episode_news, notice_text

FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Port news</title>'
    "<item><guid>p-1</guid><title>Dredging</title><link>https://port.example.org/1</link>"
    "<description>The harbour dredging finished on Monday after six months of work on the "
    "northern quay, and larger ships can now dock there.</description></item></channel></rss>"
)


def test_only_crossing_the_threshold_and_the_first_success_after_it_are_news() -> None:
    def source(failures: int) -> Source:
        return make_source(consecutive_failures=failures)

    assert FAILING_AFTER == 2
    assert episode_news(0, source(1)) is None
    assert episode_news(1, source(2)) == "failing"
    assert episode_news(2, source(3)) is None
    assert episode_news(3, source(0)) == "recovered"
    assert episode_news(1, source(0)) is None  # one failed poll was no episode


async def test_an_outage_gives_the_admin_two_messages_however_many_polls_fail(
    database: Database,
) -> None:
    up = {"value": False}

    def serve(request: httpx.Request) -> httpx.Response:
        if not up["value"]:
            return httpx.Response(503, text="Service Unavailable")
        if request.url.path == "/1":  # the entry's page: its excerpt is completed from it
            return httpx.Response(200, text=ARTICLE_HTML, headers={"Content-Type": "text/html"})
        return httpx.Response(200, text=FEED, headers={"Content-Type": "application/rss+xml"})

    async with outbox_world(database, transport=httpx.MockTransport(serve)) as w:
        admin = await w.add_subscriber()
        reader = await w.add_subscriber()
        w.services.settings = w.services.settings.model_copy(
            update={"admin_ids": frozenset({admin.chat_id})}
        )
        await w.add(make_source(url="https://port.example.org/feed.xml", title="Port <news>"))
        for day, is_up in enumerate([False, False, False, False, True, True, False]):
            up["value"] = is_up
            w.clock.now = START + dt.timedelta(days=day)  # past any backoff (at most a day)
            summary = await poll_due_sources(w.services, w.clock.now)
            assert summary.polled == 1
        await w.worker.drain()

        failing, recovered = w.texts(admin.chat_id)
        assert failing.startswith("⚠️ Source #") and "is failing: Port <news>" in failing
        assert "2 polls in a row failed" in failing and "503" in failing
        assert recovered.startswith("✅ Source #") and recovered.endswith("recovered: Port <news>")
        assert w.texts(reader.chat_id) == []


def test_the_admins_notice_is_in_their_language_with_its_plural() -> None:
    ru = Catalogues.load().resolve("ru", None)
    source = make_source(id=7, title="Port <news>", consecutive_failures=3, last_error="HTTP 503")
    assert notice_text("failing", source, ru).splitlines() == [
        "⚠️ <b>Источник #7 даёт сбои</b>: Port &lt;news&gt;",
        "3 опроса подряд не удались; последняя ошибка: HTTP 503",
        "Я делаю паузы и пробую снова; /sources — все источники.",
    ]
    assert notice_text("recovered", source, ru) == (
        "✅ <b>Источник #7 снова работает</b>: Port &lt;news&gt;"
    )


async def test_the_failing_polls_error_is_said_in_the_admins_language(database: Database) -> None:
    def binary(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"\x00\x01\x02", headers={"Content-Type": "text/plain"})

    async with outbox_world(database, transport=httpx.MockTransport(binary)) as w:
        admin = await w.add_subscriber(language="ru")
        english = await w.add_subscriber()
        w.services.settings = w.services.settings.model_copy(
            update={"admin_ids": frozenset({admin.chat_id, english.chat_id})}
        )
        await w.add(make_source(url="https://port.example.org/feed.xml", title="Port"))
        for day in range(FAILING_AFTER):
            w.clock.now = START + dt.timedelta(days=day)
            await poll_due_sources(w.services, w.clock.now)
        await w.worker.drain()
        [russian] = w.texts(admin.chat_id)
        [in_english] = w.texts(english.chat_id)
        async with w.sessions() as session:
            [stored] = (await session.scalars(select(Source))).all()

    assert russian.splitlines()[1] == (
        "2 опроса подряд не удались; последняя ошибка: не текст: двоичные данные (байты NUL)"
    )
    assert "the last: not text: binary data (NUL bytes)" in in_english
    assert stored.last_error == "not text: binary data (NUL bytes)"  # stored in English
