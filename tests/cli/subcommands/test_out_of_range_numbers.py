"""Hardening #6: an id or ``--limit`` the database cannot hold is a usage error, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import run_command
from tests.support.database import Database

TOO_LARGE = str(2**63)




@pytest.fixture
def url(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    return database.url


@pytest.mark.parametrize(
    "argv",
    [
        ("briefs", "show", TOO_LARGE),
        ("briefs", "show", "-" + str(2**63 + 1)),
        ("briefs", "list", "--limit", TOO_LARGE),
        ("briefs", "search", "bridge", "--limit", TOO_LARGE),
        ("briefs", "list", "--limit", "9" * 5_000),
        ("sources", "remove", TOO_LARGE),
    ],
)
def test_a_number_past_64_bits_is_refused_in_one_line_with_exit_2(
    url: str, argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        run_command(*argv, database_url=url)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    error_lines = [line for line in err.splitlines() if "error:" in line]
    assert len(error_lines) == 1
    assert "9,223,372,036,854,775,807" in error_lines[0]
    assert "Traceback" not in err
    assert len(err) < 500


def test_the_largest_64_bit_id_is_looked_up_and_not_found(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command("briefs", "show", str(2**63 - 1), database_url=url) == 1
    assert run_command("sources", "remove", str(2**63 - 1), database_url=url) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"briefbot briefs show: no brief with id {2**63 - 1}",
        f"briefbot sources: no source {2**63 - 1}",
    ]
