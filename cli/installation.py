"""What the CLI needs from the installation: the example briefs and the version.

The example briefs: the repository's ``examples/`` folder, which the wheel carries as the package
data ``cli/examples/`` (``force-include`` in pyproject.toml). The local Bot API server's
``aiohttp`` is a core dependency, so every installation can run ``briefbot demo``.
"""

from __future__ import annotations

from importlib import metadata, resources
from pathlib import Path

DEMO_BRIEFS = ("india-israel-jwg-2025-11-05.txt", "defence-releases.jsonl")


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


def version() -> str:
    """The installed distribution's version (``uv run`` installs the checkout too)."""
    try:
        return metadata.version("briefbot")
    except metadata.PackageNotFoundError:  # run from a bare source tree, never installed
        return "unknown (not installed)"
