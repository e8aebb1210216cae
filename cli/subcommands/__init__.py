"""Subcommands of the ``briefbot`` CLI.

Each module exposes ``register(subcommands)``, which adds its subparser and sets
``handler(args, settings) -> int`` through ``set_defaults``.
"""

from __future__ import annotations

import argparse
from typing import Any

from cli.subcommands import (
    briefs,
    chat,
    db,
    demo,
    health,
    ingest,
    languages,
    refresh,
    run,
    sources,
    summarize,
)


def register_all(subcommands: argparse._SubParsersAction[Any]) -> None:
    """Add every subcommand to the top-level parser."""
    modules = (demo, chat, run, health, summarize, ingest, sources, briefs, db, languages)
    for module in (*modules, refresh):
        module.register(subcommands)
