"""``briefbot briefs list|show|search``: read stored briefs from the command line.

These commands never migrate: if the schema is behind they print one line
naming ``briefbot db upgrade`` and exit 1.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from cli.numbers import database_int
from cli.subcommands.db import checked, run_database_command
from cli.terminal import json_line, terminal_safe
from runtime.settings import Settings

# Heavy imports (SQLAlchemy, storage.*) are deferred into the functions that use them
# to keep CLI start-up fast.
if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from storage.models import Brief

DEFAULT_LIMIT = 10
PREVIEW_CHARS = 160


def register(subcommands: argparse._SubParsersAction[Any]) -> None:
    """Add ``briefs`` (with ``list``, ``show`` and ``search``) to the CLI."""
    parser = subcommands.add_parser(
        "briefs", help="list, show and search stored briefs",
        description="Read stored briefs. --json prints one JSON object per line.",
    )
    actions = parser.add_subparsers(dest="briefs_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="the newest briefs")
    _add_limit(listing)
    _add_json(listing)
    listing.set_defaults(handler=run_list)

    show = actions.add_parser("show", help="one brief in full")
    show.add_argument("id", type=database_int("an id"), metavar="ID")
    _add_json(show)
    show.set_defaults(handler=run_show)

    search = actions.add_parser(
        "search", help="recent briefs about words or \"quoted phrases\"",
        description="All words must appear; a word also matches longer forms "
        "(israel finds Israeli); an argument with spaces is searched as a phrase.",
    )
    search.add_argument("words", nargs="+", metavar="WORD")
    _add_limit(search)
    _add_json(search)
    search.set_defaults(handler=run_search)


def _add_limit(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=database_int("a positive integer", 1),
                        default=DEFAULT_LIMIT, metavar="N",
                        help=f"at most N briefs (default {DEFAULT_LIMIT})")


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="one JSON object per line")


def brief_record(brief: Brief, *, with_text: bool = False) -> dict[str, Any]:
    """The JSON form of a brief."""
    record: dict[str, Any] = {
        "id": brief.id,
        "title": brief.title,
        "date": brief.published_on.isoformat() if brief.published_on else None,
        "summary": list(brief.summary),
        "topics": list(brief.topics),
        "url": brief.url,
        "ingested_at": brief.ingested_at.isoformat(),
        "source_id": brief.source_id,
        "external_id": brief.external_id,
    }
    if with_text:
        record["text"] = brief.text
    return record


def _print_briefs(briefs: list[Brief], as_json: bool) -> None:
    for brief in briefs:
        if as_json:
            print(json_line(brief_record(brief)))
            continue
        date = brief.published_on.isoformat() if brief.published_on else "undated"
        print(f"[{brief.id}] {date} · {terminal_safe(brief.title)}")
        first = brief.summary[0] if brief.summary else brief.text
        preview = " ".join(first.split())
        if len(preview) > PREVIEW_CHARS:
            preview = preview[: PREVIEW_CHARS - 1].rstrip() + "…"
        print(f"    {terminal_safe(preview)}")
    if not briefs and not as_json:
        print("no briefs found", file=sys.stderr)


def _print_full(brief: Brief) -> None:
    print(terminal_safe(brief.title))
    date = brief.published_on.isoformat() if brief.published_on else "undated"
    ingested = brief.ingested_at.strftime("%Y-%m-%d %H:%M UTC")
    print(f"id {brief.id} · published {date} · ingested {ingested}")
    if brief.url:
        print(terminal_safe(brief.url))
    if brief.topics:
        print("topics: " + terminal_safe(", ".join(brief.topics)))
    print("\nSummary:")
    for sentence in brief.summary:
        print(f"  • {terminal_safe(sentence)}")
    print("\nText:")
    print(terminal_safe(brief.text, multiline=True))


async def _query(engine: AsyncEngine, action: str, args: argparse.Namespace) -> list[Brief]:
    from storage.engine import create_session_factory
    from storage.repositories import BriefRepository

    await checked(engine)
    async with create_session_factory(engine)() as session, session.begin():
        repository = BriefRepository(session)
        if action == "list":
            return await repository.latest(limit=args.limit)
        if action == "search":
            return await repository.search(search_text(args.words), limit=args.limit)
        brief = await repository.get(args.id)
        return [] if brief is None else [brief]


def search_text(words: list[str]) -> str:
    """Join CLI arguments; an argument with spaces (and no quotes) becomes a phrase."""
    return " ".join(
        f'"{word}"' if len(word.split()) > 1 and '"' not in word else word for word in words
    )


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    """Print the newest briefs."""
    status, briefs = run_database_command(
        "briefs list", settings, lambda engine: _query(engine, "list", args)
    )
    if briefs is not None:
        _print_briefs(briefs, args.json)
    return status


def run_search(args: argparse.Namespace, settings: Settings) -> int:
    """Print recent briefs about the words; exit 2 if they contain no letters or digits."""
    from storage.search import parse_query

    if not parse_query(search_text(args.words)):
        print("briefbot briefs search: the query has no letters or digits", file=sys.stderr)
        return 2
    status, briefs = run_database_command(
        "briefs search", settings, lambda engine: _query(engine, "search", args)
    )
    if briefs is not None:
        _print_briefs(briefs, args.json)
    return status


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    """Print one brief in full; exit 1 if there is no such brief."""
    status, briefs = run_database_command(
        "briefs show", settings, lambda engine: _query(engine, "show", args)
    )
    if briefs is None:
        return status
    if not briefs:
        print(f"briefbot briefs show: no brief with id {args.id}", file=sys.stderr)
        return 1
    if args.json:
        print(json_line(brief_record(briefs[0], with_text=True)))
    else:
        _print_full(briefs[0])
    return 0
