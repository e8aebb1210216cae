"""Fixtures: the real bot polling a local Bot API server, on a migrated SQLite copy."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.bot_world import World, bot_world, migrated_template


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database made once per session."""
    return migrated_template(tmp_path_factory.mktemp("template"))


@pytest.fixture
async def world(tmp_path: Path, template_db: Path) -> AsyncIterator[World]:
    """The running bot and its local Bot API server."""
    async with bot_world(tmp_path, template_db) as running_world:
        yield running_world
