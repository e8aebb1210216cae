"""Run the local Bot API standalone: ``python -m local_bot_api --port 8081 --token T``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys

from local_bot_api.api import DEFAULT_TOKEN, LocalBotApi
from local_bot_api.faults import RateLimits


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse command-line options."""
    parser = argparse.ArgumentParser(prog="python -m local_bot_api", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--bot-username", default="briefbot_bot")
    parser.add_argument(
        "--user",
        action="append",
        default=[],
        metavar="NAME",
        help="pre-create a private chat with a user of this name (repeatable)",
    )
    parser.add_argument("--rate-limits", action="store_true", help="enforce flood limits")
    return parser.parse_args(argv)


async def run(args: argparse.Namespace) -> None:
    """Start the server, print its URLs and serve until interrupted."""
    api = LocalBotApi(
        args.token,
        bot_username=args.bot_username,
        rate_limits=RateLimits() if args.rate_limits else None,
    )
    await api.start(args.host, args.port)
    try:
        print(f"base_url={api.base_url}", flush=True)
        print(f"base_file_url={api.base_file_url}", flush=True)
        print(f"control_url={api.control_url}", flush=True)
        for name in args.user:
            chat = api.create_private_chat(first_name=name, username=name.lower())
            print(f"private_chat {name}={chat.id}", flush=True)
        await asyncio.Event().wait()
    finally:
        await api.stop()


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run(parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
