"""``briefbot chat``: type as a reader, offline, against the local Bot API server and real bot."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runtime.settings import Settings

# Heavy imports (python-telegram-bot, SQLAlchemy, the app) are deferred to keep start-up fast.
if TYPE_CHECKING:
    from cli.offline import OfflineWorld

HELP = """Type what a reader would send (/help lists the bot's commands). Also:
  :press N      press button N of the bot's last message with buttons
  :later MIN    move the clock MIN minutes forward and run the scheduler's tick
  :quit         leave (or end input)"""
QUIET_SECONDS = 1.5


def register(subcommands: argparse._SubParsersAction[Any]) -> None:
    """Add ``chat`` to the CLI."""
    parser = subcommands.add_parser(
        "chat",
        help="type as a reader against the real bot, offline (local Bot API server)",
        description="Chat with the bot as a reader, with no network and no token. " + HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--use-database",
        action="store_true",
        help="use BRIEFBOT_DATABASE_URL (migrated with `briefbot db upgrade`) instead of a fresh "
        "database loaded with the example briefs",
    )
    parser.set_defaults(handler=run_chat)


def run_chat(args: argparse.Namespace, settings: Settings) -> int:
    """Run the interactive chat until :quit or end of input."""
    from cli.installation import demo_briefs

    with tempfile.TemporaryDirectory(prefix="briefbot-chat-") as scratch:
        seeds: list[Path] = []
        if not args.use_database:
            url = f"sqlite+aiosqlite:///{Path(scratch) / 'chat.db'}"
            settings = settings.model_copy(update={"database_url": url})
            seeds = demo_briefs()
        try:
            return asyncio.run(_converse(settings, seeds, fresh=not args.use_database))
        except Exception as error:  # one line for the person at the keyboard, never a traceback
            print(
                f"briefbot chat: {type(error).__name__}: {error}".splitlines()[0], file=sys.stderr
            )
            return 1


async def _converse(settings: Settings, seeds: list[Path], *, fresh: bool) -> int:
    from cli.offline import offline_world, prepare_database

    if fresh:
        print(f"Example briefs loaded: {await prepare_database(settings, seeds)}.")
    print(HELP + "\n")
    async with offline_world(settings, tick_interval=60.0) as world:
        while True:
            try:
                line = (await asyncio.to_thread(input, "you > ")).strip()
            except EOFError:
                break
            if line in (":quit", ":q"):
                break
            if line:
                await _handle(world, line)
    return 0


async def _handle(world: OfflineWorld, line: str) -> None:
    from tick.job import run_tick

    last = world.last_message_id()
    command, _, argument = line.partition(" ")
    if command == ":press":
        target = _last_with_buttons(world)
        data = target.callback_data if target else []
        if not argument.isdigit() or not 1 <= int(argument) <= len(data) or target is None:
            print(f"  (no button {argument or '?'}: the last message has {len(data)})")
            return
        world.api.user_presses(world.chat_id, target.message_id, data[int(argument) - 1])
    elif command == ":later":
        if not argument.isdigit():
            print("  (use :later MINUTES)")
            return
        world.clock.advance(dt.timedelta(minutes=int(argument)))
        print(f"  (clock moved {argument} min forward to {world.clock():%a %H:%M} UTC)")
        await run_tick(world.services)
    elif command.startswith(":"):
        print(HELP)
        return
    else:
        world.api.user_sends(world.chat_id, line)
    await _print_replies(world, last)


async def _print_replies(world: OfflineWorld, after_message_id: int) -> None:
    from cli.offline import transcript_entry

    shown = after_message_id
    while True:
        try:
            await world.api.wait_for_messages(
                world.chat_id, 1, QUIET_SECONDS, after_message_id=shown
            )
        except TimeoutError:
            return
        for message in world.bot_messages_after(shown):
            print(transcript_entry(message))
            shown = message.message_id


def _last_with_buttons(world: OfflineWorld) -> Any:
    for message in reversed(world.api.messages(world.chat_id, from_bot=True)):
        if message.callback_data:
            return message
    return None
