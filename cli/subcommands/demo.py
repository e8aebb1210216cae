"""``briefbot demo``: the whole bot on this machine, with a scripted reader, printed as a chat."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from runtime.settings import Settings

# Heavy imports (python-telegram-bot, SQLAlchemy, the app) are deferred to keep start-up fast.
if TYPE_CHECKING:
    from cli.offline import OfflineWorld
    from local_bot_api import StoredMessage

REPLY_TIMEOUT_SECONDS = 15.0
# Parts of one long answer arrive about a second apart (per-chat pacing).
SETTLE_SECONDS = 1.5


def register(subcommands: argparse._SubParsersAction[Any]) -> None:
    """Add ``demo`` to the CLI."""
    parser = subcommands.add_parser(
        "demo",
        help="try the bot offline: a local Bot API server, the real bot and a scripted reader",
        description=(
            "Load the example briefs into a fresh SQLite file, start a local Bot API server "
            "and the real bot, play a reader (/start, /latest, /topic israel, /digest due "
            "now) and print the chat. Needs no network and no bot token."
        ),
    )
    parser.add_argument(
        "--database",
        metavar="FILE",
        help="keep the demo's SQLite database in FILE (must not exist)",
    )
    parser.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace, settings: Settings) -> int:
    """Run the scripted conversation; 0 when every step got its answer."""
    from cli.installation import demo_briefs, examples_dir

    seeds = demo_briefs()
    if not all(seed.is_file() for seed in seeds):
        print(f"briefbot demo: example briefs not found in {examples_dir()}", file=sys.stderr)
        return 1
    if args.database is not None and Path(args.database).exists():
        print(f"briefbot demo: {args.database} exists; give a new file", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="briefbot-demo-") as scratch:
        path = Path(args.database or Path(scratch) / "demo.db").resolve()
        demo_settings = settings.model_copy(
            update={"database_url": f"sqlite+aiosqlite:///{path}", "allow_private_urls": True}
        )
        try:
            return asyncio.run(_play(demo_settings, seeds))
        except TimeoutError:
            print("briefbot demo: the bot did not answer in time", file=sys.stderr)
            return 1


async def _play(settings: Settings, seeds: list[Path]) -> int:
    from cli.offline import offline_world, prepare_database
    from tick.job import run_tick

    loaded = await prepare_database(settings, seeds)
    print("briefbot demo: a local Bot API server, the real bot and a reader, all on this machine.")
    print(f"Example briefs loaded: {loaded}.\n")
    async with offline_world(settings) as world:
        await _exchange(world, "/start")
        await _exchange(world, "/latest 3")
        await _exchange(world, "/topic israel")
        zone = ZoneInfo(settings.timezone)
        soon = (world.clock() + dt.timedelta(minutes=1)).astimezone(zone)
        await _exchange(world, f"/digest {soon:%H:%M}")
        _narrate("The demo moves its clock forward two minutes; the scheduler's tick runs.")
        world.clock.advance(dt.timedelta(minutes=2))
        last = world.last_message_id()
        await run_tick(world.services)
        await world.api.wait_for_messages(
            world.chat_id, 1, REPLY_TIMEOUT_SECONDS, after_message_id=last
        )
        _show_bot(await _all_replies(world, last))
    return 0


async def _exchange(world: OfflineWorld, text: str) -> None:
    print(f"you > {text}\n")
    last = world.last_message_id()
    world.api.user_sends(world.chat_id, text)
    await world.api.wait_for_messages(
        world.chat_id, 1, REPLY_TIMEOUT_SECONDS, after_message_id=last
    )
    _show_bot(await _all_replies(world, last))


async def _all_replies(world: OfflineWorld, after_message_id: int) -> list[StoredMessage]:
    """Every bot message after ``after_message_id``, once a long answer's parts stop arriving."""
    count = -1
    replies: list[StoredMessage] = []
    while len(replies) != count:
        count = len(replies)
        await asyncio.sleep(SETTLE_SECONDS)
        replies = world.bot_messages_after(after_message_id)
    return replies


def _show_bot(messages: list[StoredMessage]) -> None:
    from cli.offline import transcript_entry

    for message in messages:
        print(transcript_entry(message))


def _narrate(text: str) -> None:
    print(f"  ({text})\n")
