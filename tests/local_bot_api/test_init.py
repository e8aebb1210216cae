"""The package as a tool of its own: importable without the bot, PTB or SQLAlchemy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BOT_SIDE = ("bot", "cli", "runtime", "storage", "telegram", "sqlalchemy")
LISTING = (
    "import json, sys, local_bot_api; "
    "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))"
)


def test_importing_the_package_loads_nothing_of_the_bot() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LISTING], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(done.stdout))

    assert "local_bot_api" in loaded and "aiohttp" in loaded
    assert loaded.isdisjoint(BOT_SIDE), sorted(loaded.intersection(BOT_SIDE))
