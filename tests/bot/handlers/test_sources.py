"""Admins manage sources in chat: /addsource (feed discovery), /removesource, OPML in and out."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ingest.polling import poll_source
from ingest.subscriptions import read_opml
from rendering.text import escape
from rendering.translation import Catalogues
from storage.models import Source, SourceKind
from storage.repositories import SourceRepository
from tests.support.factories import make_brief
from tests.support.world import World, free_port

FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Ministry news</title>'
    b"<item><title>One</title><link>https://example.org/1</link></item></channel></rss>"
)
RSS = {"Content-Type": "application/rss+xml"}
HTML = {"Content-Type": "text/html; charset=utf-8"}


def page(head: str = "") -> bytes:
    return f"<!doctype html><html><head>{head}</head><body><p>News.</p></body></html>".encode()


async def admin_chat(world: World) -> int:
    return world.api.create_private_chat(world.admin).id


async def sources_in(world: World) -> list[tuple[str, str, int]]:
    async with world.sessions() as session:
        rows = (await session.scalars(select(Source).order_by(Source.id))).all()
    return [(s.kind.value, s.url or "", s.poll_interval_seconds) for s in rows]


async def test_addsource_with_a_feed_url_adds_it_at_the_interval_given(
    world: World, local_server: Any
) -> None:
    local_server.serve("/rss.xml", FEED, headers=RSS)
    chat_id = await admin_chat(world)
    url = local_server.url("/rss.xml")
    [answer] = await world.say(chat_id, f"/addsource {url} 30m")
    assert answer.text.startswith("Added feed #") and "(the URL is a feed)" in answer.text
    assert answer.text.endswith("polled every 30 min.")
    assert await sources_in(world) == [("feed", url, 1800)]


async def test_addsource_with_a_page_url_takes_the_feed_the_page_announces(
    world: World, local_server: Any
) -> None:
    link = '<link rel="alternate" type="application/rss+xml" href="/news/feed.rss">'
    local_server.serve("/news", page(link), headers=HTML)
    local_server.serve("/news/feed.rss", FEED, headers=RSS)
    chat_id = await admin_chat(world)
    [answer] = await world.say(chat_id, f"/addsource {local_server.url('/news')}")
    feed_url = local_server.url("/news/feed.rss")
    assert f"{feed_url} (announced by the page" in answer.text
    assert await sources_in(world) == [("feed", feed_url, 3600)]


async def test_addsource_falls_back_to_the_common_feed_paths(
    world: World, local_server: Any
) -> None:
    link = '<link rel="alternate" type="application/rss+xml" href="/gone.rss">'  # 404
    local_server.serve("/about", page(link), headers=HTML)
    local_server.serve("/feed.xml", FEED, headers=RSS)
    chat_id = await admin_chat(world)
    [answer] = await world.say(chat_id, f"/addsource {local_server.url('/about')}")
    assert "(at the common path /feed.xml)" in answer.text
    assert await sources_in(world) == [("feed", local_server.url("/feed.xml"), 3600)]


async def test_addsource_refuses_in_one_line_what_it_cannot_add(
    world: World, local_server: Any
) -> None:
    local_server.serve("/plain", page(), headers=HTML)
    chat_id = await admin_chat(world)
    cases = {
        "/addsource": "Usage: /addsource URL [every]",
        "/addsource ftp://example.org/feed": "not an http(s) URL",
        f"/addsource {local_server.url('/rss.xml')} 10s": "too short: the minimum is 1m",
        f"/addsource {local_server.url('/plain')}": "no feed found for",
    }
    for command, expected in cases.items():
        [answer] = await world.say(chat_id, command)
        assert expected in answer.text and "\n" not in answer.text, (command, answer.text)
    local_server.serve("/rss.xml", FEED, headers=RSS)
    [added] = await world.say(chat_id, f"/addsource {local_server.url('/rss.xml')}")
    assert added.text.startswith("Added feed #")
    [again] = await world.say(chat_id, f"/addsource {local_server.url('/rss.xml')}")
    assert again.text.startswith("already subscribed: #")
    assert len(await sources_in(world)) == 1


async def test_removesource_by_id_or_url(world: World) -> None:
    async with world.sessions() as session, session.begin():
        repository = SourceRepository(session)
        first = await repository.add(Source(kind=SourceKind.FEED, url="https://a.example/feed"))
        await repository.add(Source(kind=SourceKind.FEED, url="https://b.example/feed"))
    chat_id = await admin_chat(world)
    [by_id] = await world.say(chat_id, f"/removesource {first.id}")
    assert by_id.text == f"Removed source {first.id}."
    [by_url] = await world.say(chat_id, "/removesource HTTPS://B.example/feed")
    assert by_url.text == "Removed source HTTPS://B.example/feed."
    [missing] = await world.say(chat_id, "/removesource 99999999999999999999999")
    assert missing.text.startswith("No source 99999999999999999999999")
    assert await sources_in(world) == []


async def test_removesource_of_a_very_long_argument_answers_one_short_line(world: World) -> None:
    chat_id = await admin_chat(world)
    [missing] = await world.say(chat_id, "/removesource " + "x" * 4000)
    assert missing.text is not None and missing.text.startswith("No source xxx")
    assert missing.text.endswith("…; /sources lists them.") and len(missing.text) < 300


async def test_an_opml_file_imports_and_exportsources_sends_it_back(world: World) -> None:
    opml = (
        b'<?xml version="1.0"?><opml version="2.0"><body>'
        b'<outline type="rss" text="A" xmlUrl="https://a.example/feed"/>'
        b'<outline type="rss" text="B" xmlUrl="https://b.example/rss"/>'
        b'<outline type="rss" text="C" xmlUrl="ftp://c.example/feed"/></body></opml>'
    )
    chat_id = await admin_chat(world)
    [imported] = await world.say(chat_id, "", document=opml, file_name="mine.opml")
    assert imported.text.startswith("added 2, already subscribed 0, skipped 1")
    [again] = await world.say(chat_id, "", document=opml, file_name="mine.opml")
    assert again.text.startswith("added 0, already subscribed 2, skipped 1")
    [exported] = await world.say(chat_id, "/exportsources")
    assert exported.document is not None
    content = world.api.state.files[exported.document.file_id].content
    feeds, skipped = read_opml(content)
    assert sorted(feed.url for feed in feeds) == ["https://a.example/feed", "https://b.example/rss"]
    assert skipped == []


async def test_source_commands_and_opml_files_are_for_admins_only(world: World) -> None:
    stranger = world.api.create_user("Eve")
    chat_id = world.api.create_private_chat(stranger).id
    for command in ("/addsource https://a.example/feed", "/removesource 1", "/exportsources"):
        [answer] = await world.say(chat_id, command, user=stranger)
        assert answer.text == "Only briefbot's admins can do that."
    opml = b'<opml version="2.0"><body><outline xmlUrl="https://a.example/f"/></body></opml>'
    [answer] = await world.say(chat_id, "", user=stranger, document=opml, file_name="x.opml")
    assert answer.text == "Only briefbot's admins can do that."
    assert await sources_in(world) == []


async def test_sources_lists_feeds_with_their_last_error(world: World) -> None:
    chat_id = await admin_chat(world)
    [empty] = await world.say(chat_id, "/sources")
    assert "No sources yet" in empty.text
    async with world.sessions() as session, session.begin():
        repository = SourceRepository(session)
        fed = await repository.add(Source(kind="feed", url="https://a.example/feed.xml"))
        failing = await repository.add(Source(kind="feed", url="https://b.example/rss"))
        await repository.record_failure(failing, "HTTP 503 <Service Unavailable>", world.clock())
        session.add_all([make_brief(source_id=fed.id), make_brief(source_id=fed.id)])
    [listed] = await world.say(chat_id, "/sources")
    assert "2 sources" in listed.text
    assert "#1 feed https://a.example/feed.xml: not polled yet; 2 briefs\n" in listed.text
    assert listed.text.endswith(
        "#2 feed https://b.example/rss: failing x1: HTTP 503 <Service Unavailable>; 0 briefs"
    )


async def test_sources_says_a_catalogued_last_error_in_the_admins_language(
    world: World, local_server: Any
) -> None:
    local_server.serve("/feed.xml", b"<?xml version='1.0'?><nothing/>")  # parsed: not a feed
    local_server.serve("/doc", b"%PDF-1.7", headers={"Content-Type": "application/pdf"})
    refusing = f"http://127.0.0.1:{free_port()}/feed"  # a network error, said in words too
    async with world.sessions() as session, session.begin():
        repository = SourceRepository(session)
        sources = [
            await repository.add(Source(kind=SourceKind.FEED, url=url))
            for url in (
                local_server.url("/feed.xml"),
                local_server.url("/doc"),
                refusing,
                local_server.url("/gone.xml"),  # not served: HTTP 404, its reason said in words
            )
        ]
    for source in sources:
        await poll_source(
            source, session_factory=world.sessions, fetcher=world.services.fetcher,
            summarize=world.services.summarize, now=world.clock(),
        )  # fmt: skip
    async with world.sessions() as session, session.begin():
        old = await SourceRepository(session).get(sources[1].id)
        assert old is not None and old.last_error_phrase is not None
        old.last_error_phrase = None  # as a row stored before the phrase was
    world.admin.language_code = "ru"
    [listed] = await world.say(await admin_chat(world), "/sources")

    russian = Catalogues.load().resolve("ru", None)
    failing = russian.gettext("failing x{count}: {error}")
    said = russian.gettext("not an RSS/Atom feed")
    assert said != "not an RSS/Atom feed" and failing != "failing x{count}: {error}"
    assert escape(failing.format(count=1, error=said)) in listed.text
    english = "neither a feed nor an HTML page (application/pdf)"
    assert escape(failing.format(count=1, error=english)) in listed.text
    network = russian.gettext("network error: {reason}")
    refused = russian.gettext("the server refused the connection")
    assert refused != "the server refused the connection"
    assert escape(failing.format(count=1, error=network.format(reason=refused))) in listed.text
    status = russian.gettext("HTTP {code} {reason}").format(
        code=404, reason=russian.gettext("Not Found")
    )
    assert "Not Found" not in status
    assert escape(failing.format(count=1, error=status)) in listed.text


async def test_help_lists_the_source_commands_to_admins_only(world: World) -> None:
    [for_admin] = await world.say(await admin_chat(world), "/help")
    assert "/addsource URL [every]" in for_admin.text and "/exportsources" in for_admin.text
    stranger = world.api.create_user("Eve")
    chat_id = world.api.create_private_chat(stranger).id
    [for_reader] = await world.say(chat_id, "/help", user=stranger)
    assert for_reader.text.startswith("What I can do") and "/addsource" not in for_reader.text


async def test_filter_sets_shows_and_clears_a_sources_phrases(world: World) -> None:
    async with world.sessions() as session, session.begin():
        source = await SourceRepository(session).add(
            Source(kind=SourceKind.FEED, url="https://a.example/feed")
        )
    chat_id = await admin_chat(world)
    [none] = await world.say(chat_id, f"/filter {source.id}")
    assert none.text == f"Source #{source.id} has no filter: every new brief is pushed."
    [included] = await world.say(chat_id, f"/filter {source.id} include air force, <navy>")
    assert "pushed only with one of: air force, <navy>;" in included.text
    [excluded] = await world.say(chat_id, f"/filter #{source.id} exclude sports")
    assert "never with: sports;" in excluded.text and "air force" in excluded.text
    async with world.sessions() as session:
        stored = await SourceRepository(session).get(source.id)
        assert stored is not None
        assert (stored.include_phrases, stored.exclude_phrases) == (
            ["air force", "<navy>"],
            ["sports"],
        )
    [listed] = await world.say(chat_id, "/sources")
    assert f"(filter: /filter {source.id})" in listed.text
    [cleared] = await world.say(chat_id, f"/filter {source.id} clear")
    assert cleared.text.endswith("has no filter: every new brief is pushed.")
    for bad, expected in [
        ("/filter", "Usage: /filter ID"),
        (f"/filter {source.id} include", "Usage: /filter ID"),
        (f"/filter {source.id} include --", "has no word"),
        ("/filter 424242", "No source 424242"),
    ]:
        [answer] = await world.say(chat_id, bad)
        assert expected in answer.text, (bad, answer.text)


async def test_a_filter_too_long_for_one_message_comes_whole_in_several(world: World) -> None:
    async with world.sessions() as session, session.begin():
        source = await SourceRepository(session).add(
            Source(kind=SourceKind.FEED, url="https://a.example/feed")
        )
    chat_id = await admin_chat(world)
    include = [f"{n:02d}" + "w" * 48 for n in range(40)]
    exclude = [f"{n:02d}" + "v" * 48 for n in range(40)]
    await world.say(chat_id, f"/filter {source.id} include " + ", ".join(include))
    # Both lists together are over 4,096 characters: the answer was refused and the handler
    # apologised, though the filter was stored, and /filter could never show it again.
    for command in (f"/filter {source.id} exclude " + ", ".join(exclude), f"/filter {source.id}"):
        parts = await world.say(chat_id, command, replies=2)
        texts = [part.text or "" for part in parts]
        assert all(len(text) <= 4096 for text in texts)
        shown = " ".join("\n".join(texts).split())
        assert shown.startswith(f"Source #{source.id}: pushed only with one of: ")
        assert all(phrase in shown for phrase in include + exclude)


async def test_sources_wraps_a_line_too_long_for_one_message_without_losing_any_of_it(
    world: World,
) -> None:
    url = "https://a.example/feed?" + "a&b<" * 500  # 2,023 characters, escaped 5,523
    async with world.sessions() as session, session.begin():
        await SourceRepository(session).add(Source(kind=SourceKind.FEED, url=url))
        for n in range(2):
            await SourceRepository(session).add(
                Source(kind=SourceKind.FEED, url=url.replace("a.example", f"{n}.example"))
            )
    parts = await world.say(await admin_chat(world), "/sources", replies=3)
    texts = [part.text or "" for part in parts]
    assert all(len(text) <= 4096 for text in texts)
    # Cut after escaping, a line ended in a broken entity ("&am…") and lost half of itself.
    listed = "\n".join(texts)
    for host in ("a.example", "0.example", "1.example"):
        assert url.replace("a.example", host) in listed.replace("\n", "")


async def test_source_commands_answer_in_the_admins_language(
    world: World, local_server: Any
) -> None:
    world.admin.language_code = "ru"
    local_server.serve("/plain", page(), headers=HTML)
    chat_id = await admin_chat(world)
    plain, feed = local_server.url("/plain"), local_server.url("/rss.xml")
    [short] = await world.say(chat_id, f"/addsource {feed} 10s")
    assert short.text == "интервал '10s' слишком короткий: минимум 1m"
    [none] = await world.say(chat_id, f"/addsource {plain}")
    assert none.text.startswith(f"лента для {plain} не найдена: страница не указывает")
    local_server.serve("/rss.xml", FEED, headers=RSS)
    [added] = await world.say(chat_id, f"/addsource {feed}")
    assert "(URL — это лента)" in added.text
    assert added.text.endswith(" 1 ч.")  # the interval as CLDR abbreviates it (was "60m")
    [again] = await world.say(chat_id, f"/addsource {feed}")
    assert again.text.startswith("уже есть: ")
    [no_word] = await world.say(chat_id, "/filter 1 include --")
    assert no_word.text == "в '--' нет слова для поиска"
    opml = b"<opml><body><outline xmlUrl='ftp://x.example/feed'/></body></opml>"
    [imported] = await world.say(chat_id, "", document=opml, file_name="mine.opml")
    assert imported.text == (
        "добавлено: 0, уже были: 0, пропущено: 1: не http(s) URL: 'ftp://x.example/feed'"
    )
