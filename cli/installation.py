"""What ``briefbot demo`` and ``briefbot chat`` need from the installation.

The example briefs: the repository's ``examples/`` folder, which the wheel carries as the package
data ``cli/examples/`` (``force-include`` in pyproject.toml). The local Bot API server's
``aiohttp``: the ``offline`` extra.
"""

from __future__ import annotations

import importlib
from importlib import resources
from pathlib import Path

DEMO_BRIEFS = ("india-israel-jwg-2025-11-05.txt", "defence-releases.jsonl")
OFFLINE_EXTRA_HINT = (
    "install the offline extra: `uv run --extra offline briefbot {command}` in the project "
    "folder, or `pip install 'briefbot[offline]'`"
)


def examples_dir() -> Path:
    """The folder of example briefs: package data when installed, ``examples/`` in a checkout."""
    packaged = resources.files("cli").joinpath("examples")
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[1] / "examples"


def demo_briefs() -> list[Path]:
    """The example briefs the demo and a fresh chat load."""
    folder = examples_dir()
    return [folder / name for name in DEMO_BRIEFS]


def missing_offline_extra(command: str) -> str | None:
    """One line saying how to install the local server's aiohttp, or None when it imports."""
    try:
        importlib.import_module("aiohttp")
    except ImportError:
        hint = OFFLINE_EXTRA_HINT.format(command=command)
        return f"briefbot {command}: the local Bot API server needs aiohttp; {hint}"
    return None
