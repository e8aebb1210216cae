"""Admins manage sources in chat: /sources, /addsource, /removesource, /filter, OPML in and out.

The same catalogue rules as ``briefbot sources`` (:mod:`ingest.catalog`). ``/addsource`` takes
a feed's URL or a site's page: the feed is found as :mod:`ingest.discovery` says, and the
answer names the feed chosen and how it was found.
"""

from __future__ import annotations

from collections.abc import Iterator

from telegram import Update
from telegram.error import BadRequest

from bot.context import BotContext
from bot.handlers.admin import download
from bot.handlers.admins_only import admins_only
from bot.handlers.common import reply, thread_of
from bot.handlers.ingest_words import said, said_error, stored_error, with_first_problem
from ingest.catalog import CatalogError, add_source, export_opml, import_opml, remove_source
from ingest.discovery import NoFeedFound, find_feed
from ingest.filters import FilterError, parse_phrases
from ingest.http import FetchError
from ingest.phrases import phrase_of
from ingest.subscriptions import DEFAULT_INTERVAL_SECONDS, parse_interval
from ingest.validation import MAX_INPUT_BYTES, InvalidInput, canonical_url, fetch_url_problem
from rendering.messages import MAX_MESSAGE_UTF16
from rendering.text import escape, prefix_within, shorten, utf16_len
from rendering.translation import N_, Translator
from storage.models import SourceKind
from storage.repositories import SourceRepository

ADD_USAGE = N_("Usage: /addsource URL [every], e.g. /addsource https://example.org/news 30m")
FILTER_USAGE = N_(
    "Usage: /filter ID shows a source's phrases; /filter ID include air force, navy (any one "
    "must appear); /filter ID exclude sports (none may); /filter ID clear"
)
REMOVE_USAGE = N_("Usage: /removesource ID or /removesource URL (/sources lists them)")
NO_SOURCE = N_("No source {key}; /sources lists them.")
EXPORT_NAME = "briefbot-sources.opml"
SOURCE_KINDS = {SourceKind.FEED: N_("feed"), SourceKind.PAGE: N_("page")}


@admins_only
async def sources(update: Update, context: BotContext) -> None:
    """List the feeds and pages briefbot polls, with their last error in the admin's language."""
    translator = context.translator
    _ = translator.gettext
    services = context.services
    async with services.read_session_factory() as session:
        repository = SourceRepository(session)
        listed = await repository.list()
        counts = await repository.brief_counts()
    if not listed:
        await reply(update, context, _("No sources yet; add one with /addsource URL."))
        return
    count = len(listed)
    lines = [
        "<b>{}</b>".format(
            translator.ngettext("{count} source", "{count} sources", count).format(count=count)
        )
    ]
    for source in listed:
        status = _("not polled yet") if source.last_polled_at is None else _("ok")
        if source.last_error:
            error = stored_error(source.last_error, source.last_error_phrase)
            status = _("failing x{count}: {error}").format(
                count=source.consecutive_failures, error=translator.say(error)
            )
        kind = _(SOURCE_KINDS[source.kind])
        # A source polled without fault that never brought a brief shows it here.
        stored = counts.get(source.id, 0)
        briefs = translator.ngettext("{count} brief", "{count} briefs", stored)
        briefs = briefs.format(count=translator.format_number(stored))
        line = f"#{source.id} {kind} {source.url or ''}: {status}; {briefs}"
        if source.include_phrases or source.exclude_phrases:
            line += " " + _("(filter: /filter {id})").format(id=source.id)
        lines.append(line)
    for chunk in _chunks(lines[1:], heading=lines[0]):
        await reply(update, context, chunk)


@admins_only
async def addsource(update: Update, context: BotContext) -> None:
    """Poll a feed (or the feed a page leads to) every interval: /addsource URL [every]."""
    _ = context.translator.gettext
    args = context.args or []
    if not 1 <= len(args) <= 2:
        await reply(update, context, _(ADD_USAGE))
        return
    try:
        seconds = parse_interval(args[1]) if len(args) == 2 else DEFAULT_INTERVAL_SECONDS
    except InvalidInput as error:
        await reply(update, context, said_error(context.translator, error))
        return
    url = canonical_url(args[0])
    if problem := fetch_url_problem(url):
        await reply(update, context, said(context.translator, problem))
        return
    services = context.services
    try:
        found = await find_feed(services.fetcher, url)
        source = await add_source(
            services.session_factory,
            found.url,
            seconds,
            allow_private=services.settings.allow_private_urls,
        )
    except FetchError as error:
        unreachable = _("Cannot reach {url}: {error}")
        reason = context.translator.say(phrase_of(error))
        await reply(update, context, escape(unreachable.format(url=url, error=reason)))
        return
    except (NoFeedFound, CatalogError) as error:
        await reply(update, context, said_error(context.translator, error))
        return
    added = _("Added feed #{id} {url} ({how}), polled every {interval}.").format(
        id=source.id,
        url=source.url,
        how=context.translator.say(found.how),
        interval=context.translator.format_interval(seconds),
    )
    await reply(update, context, escape(added))


@admins_only
async def removesource(update: Update, context: BotContext) -> None:
    """Stop polling a source, by id or URL; its briefs stay."""
    _ = context.translator.gettext
    args = context.args or []
    if len(args) != 1:
        await reply(update, context, _(REMOVE_USAGE))
        return
    raw = args[0].removeprefix("#")
    # An id too big for the database is no source's: looked up as a URL, it is not found.
    key: int | str = int(raw) if raw.isdecimal() and len(raw) <= 18 else raw
    removed = await remove_source(context.services.session_factory, key)
    shown = shorten(args[0], 200)  # an argument of thousands of characters is not echoed whole
    answer = _("Removed source {key}.") if removed else _(NO_SOURCE)
    await reply(update, context, escape(answer.format(key=shown)))


@admins_only
async def exportsources(update: Update, context: BotContext) -> None:
    """Send the feeds as an OPML file (page sources are not feeds: counted in the caption)."""
    translator = context.translator
    chat = update.effective_chat
    assert chat is not None
    document, pages = await export_opml(context.services.session_factory)
    caption = translator.gettext("briefbot's feeds as OPML")
    if pages:
        left_out = translator.ngettext(
            "({count} page source left out: OPML lists feeds)",
            "({count} page sources left out: OPML lists feeds)",
            pages,
        )
        caption += " " + left_out.format(count=pages)
    async with context.services.pacer.slot(chat.id, reply=True):
        await context.bot.send_document(
            chat.id,
            document.encode("utf-8"),
            filename=EXPORT_NAME,
            caption=caption,
            message_thread_id=thread_of(update),
        )


@admins_only
async def import_document(update: Update, context: BotContext) -> None:
    """Subscribe to the feeds of an OPML file an admin sends."""
    message = update.effective_message
    assert message is not None and message.document is not None
    _ = context.translator.gettext
    name = message.document.file_name or "sources.opml"
    if (message.document.file_size or 0) > MAX_INPUT_BYTES:
        too_large = _("{name}: too large: cap {count} bytes")
        cap = context.translator.format_number(MAX_INPUT_BYTES)
        await reply(update, context, escape(too_large.format(name=name, count=cap)))
        return
    try:
        data = await download(context, message.document)
        services = context.services
        report = await import_opml(
            services.session_factory,
            data,
            DEFAULT_INTERVAL_SECONDS,
            allow_private=services.settings.allow_private_urls,
        )
    except BadRequest as error:
        refused = _("{name}: Telegram would not hand it over: {error}")
        await reply(update, context, escape(refused.format(name=name, error=error)))
        return
    except CatalogError as error:
        refused = _("{name}: {error}").format(
            name=name, error=context.translator.say(phrase_of(error))
        )
        await reply(update, context, escape(refused))
        return
    answer = with_first_problem(context.translator, report.summary_line(), report.skipped)
    await reply(update, context, answer)


@admins_only
async def filter_command(update: Update, context: BotContext) -> None:
    """Show or set the words a source's briefs must (include) or must not (exclude) contain."""
    translator = context.translator
    _ = translator.gettext
    args = context.args or []
    action = args[1].lower() if len(args) > 1 else "show"
    if not args or not args[0].removeprefix("#").isdecimal() or len(args[0]) > 18:
        await reply(update, context, _(FILTER_USAGE))
        return
    if action not in ("show", "include", "exclude", "clear") or (
        action in ("include", "exclude") and len(args) < 3
    ):
        await reply(update, context, _(FILTER_USAGE))
        return
    try:
        phrases = parse_phrases(" ".join(args[2:])) if action in ("include", "exclude") else []
    except FilterError as error:
        await reply(update, context, said_error(translator, error))
        return
    source_id = int(args[0].removeprefix("#"))
    async with context.services.session_factory() as session, session.begin():
        source = await SourceRepository(session).get(source_id)
        if source is not None:
            if action == "include":
                source.include_phrases = phrases
            elif action == "exclude":
                source.exclude_phrases = phrases
            elif action == "clear":
                source.include_phrases, source.exclude_phrases = [], []
            answer = describe_filter(
                source.id, source.include_phrases, source.exclude_phrases, translator
            )
    if source is None:
        await reply(update, context, escape(_(NO_SOURCE).format(key=args[0])))
        return
    # Two lists of 50 phrases of 100 characters are longer than one message.
    for chunk in _chunks(answer):
        await reply(update, context, chunk)


def describe_filter(
    source_id: int, include: list[str], exclude: list[str], translator: Translator
) -> list[str]:
    """One source's phrases, or that it has none: plain lines."""
    _ = translator.gettext
    if not include and not exclude:
        return [_("Source #{id} has no filter: every new brief is pushed.").format(id=source_id)]
    lines = [_("Source #{id}:").format(id=source_id)]
    if include:
        lines.append(_("pushed only with one of: {phrases};").format(phrases=", ".join(include)))
    if exclude:
        lines.append(_("never with: {phrases};").format(phrases=", ".join(exclude)))
    lines.append(_("other briefs are stored but not pushed."))
    return lines


def _chunks(lines: list[str], heading: str = "") -> Iterator[str]:
    """Plain ``lines`` escaped and joined into messages within Telegram's limit, after the
    HTML ``heading``. A line too long for one message is wrapped (after a comma or a space
    where it has one), never cut, and wrapped before it is escaped, so no entity is split."""
    limit = MAX_MESSAGE_UTF16 - 100
    chunk: list[str] = [heading] if heading else []
    size = utf16_len(heading) + 1 if heading else 0
    for line in lines:
        for piece in _wrapped(line, limit):
            if chunk and size + utf16_len(piece) + 1 > limit:
                yield "\n".join(chunk)
                chunk, size = [], 0
            chunk.append(escape(piece))
            size += utf16_len(piece) + 1
    if chunk:
        yield "\n".join(chunk)


def _wrapped(line: str, limit: int) -> Iterator[str]:
    """``line`` in pieces of at most ``limit`` UTF-16 units (Telegram counts the visible
    text), broken after the last ", " or space that fits, else where the limit falls."""
    while utf16_len(line) > limit:
        head = prefix_within(line, limit)
        cut = len(head)
        at = max(head.rfind(", ") + 1, head.rfind(" "))
        if at > limit // 2:
            cut = at
        yield line[:cut].rstrip()
        line = line[cut:].lstrip()
    yield line
