"""Fixtures shared by the tests of ``briefbot run`` (polling and webhook)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.bot_world import migrated_template


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, made once per module and copied for each test."""
    return migrated_template(tmp_path_factory.mktemp("template"))


@pytest.fixture
def database(tmp_path: Path, template_db: Path) -> Path:
    """A fresh copy of the migrated database for one test."""
    path = tmp_path / "briefbot.db"
    path.write_bytes(template_db.read_bytes())
    return path
