"""The packages depend inward only: each imports just the packages its layer allows.

The rule is README's architecture, checked on every ``import`` statement (including those
deferred into functions and under ``TYPE_CHECKING``), so a shortcut across layers fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (
    "summarizer", "storage", "rendering", "ingest", "runtime", "outbox", "tick", "bot", "cli",
    "local_bot_api",
)  # fmt: skip
ALLOWED: dict[str, frozenset[str]] = {
    "summarizer": frozenset(),
    "storage": frozenset(),
    "local_bot_api": frozenset(),
    "rendering": frozenset({"storage"}),
    "ingest": frozenset({"summarizer", "storage"}),
    # The services container holds the one per-chat pacer that replies and the outbox share
    # (with a shared send budget, on the chat pace kept in the database), and the bot's
    # catalogues (its words in each language), which the bot and the tick share.
    "runtime": frozenset(
        {
            "summarizer", "storage", "ingest", "outbox.pacing", "outbox.chat_pace",
            "rendering.translation",
        }
    ),
    "outbox": frozenset({"storage", "rendering", "runtime"}),
    "tick": frozenset({"storage", "rendering", "ingest", "runtime", "outbox"}),
    "bot": frozenset({"summarizer", "storage", "rendering", "ingest", "runtime", "outbox", "tick"}),
    "cli": frozenset(PACKAGES) - {"cli"},
}


def imported_modules(path: Path) -> set[str]:
    """Every absolute module name ``path`` imports, at any depth of the file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def crossings(package: str) -> list[str]:
    """``file: module`` for each import of another project package that the layer forbids."""
    allowed = ALLOWED[package]
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for module in sorted(imported_modules(path)):
            top = module.split(".")[0]
            if top not in PACKAGES or top == package:
                continue
            if top in allowed or any(module.startswith(rule) for rule in allowed if "." in rule):
                continue
            found.append(f"{path.relative_to(ROOT)}: {module}")
    return found


def test_every_package_has_a_layer_rule() -> None:
    assert set(ALLOWED) == set(PACKAGES)
    assert all((ROOT / package / "__init__.py").is_file() for package in PACKAGES)


@pytest.mark.parametrize("package", PACKAGES)
def test_package_imports_only_inner_layers(package: str) -> None:
    assert crossings(package) == []


def test_the_check_sees_deferred_and_type_checking_imports(tmp_path: Path) -> None:
    module = tmp_path / "sample.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from bot.context import BotContext\n"
        "def f() -> None:\n    import cli.main\n"
    )
    assert {"bot.context", "cli.main"} <= imported_modules(module)
