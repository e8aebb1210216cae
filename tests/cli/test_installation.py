"""What the offline commands need from the installation: example briefs and the offline extra."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from cli import installation
from cli.main import main

ROOT = Path(__file__).resolve().parents[2]
DEMO_FILES = ["india-israel-jwg-2025-11-05.txt", "defence-releases.jsonl"]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run from an empty folder with no ``BRIEFBOT_*`` settings, as a new user would."""
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_TOKEN", "TELEGRAM_API_URL", "DATABASE_URL", "TIMEZONE", "DIGEST_TIME"):
        monkeypatch.delenv(f"BRIEFBOT_{name}", raising=False)


def test_in_a_checkout_the_demo_briefs_are_the_repository_examples() -> None:
    briefs = installation.demo_briefs()

    assert installation.examples_dir() == ROOT / "examples"
    assert [path.name for path in briefs] == DEMO_FILES
    assert [path.is_file() for path in briefs] == [True, True]


def test_installed_package_data_is_preferred(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "examples").mkdir()
    monkeypatch.setattr(resources, "files", lambda package: tmp_path)

    assert installation.examples_dir() == tmp_path / "examples"


@pytest.mark.parametrize("command", ["demo", "chat"])
def test_without_aiohttp_the_offline_commands_say_how_to_install_it(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "aiohttp", None)  # `import aiohttp` now fails

    status = main([command])

    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and err.startswith(f"briefbot {command}: ")
    assert f"uv run --extra offline briefbot {command}" in err and "briefbot[offline]" in err


def test_with_aiohttp_nothing_is_missing() -> None:
    assert installation.missing_offline_extra("demo") is None


@pytest.mark.skipif(shutil.which("uv") is None, reason="building the wheel needs uv")
def test_the_wheel_carries_the_examples_and_keeps_aiohttp_in_the_offline_extra(
    tmp_path: Path,
) -> None:
    subprocess.run(
        ["uv", "build", "--wheel", "--quiet", "-o", str(tmp_path)], cwd=ROOT, check=True
    )
    [wheel] = tmp_path.glob("briefbot-*.whl")

    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
        requirements = [
            line for line in archive.read(metadata).decode().splitlines()
            if line.startswith("Requires-Dist: aiohttp")
        ]

    assert names >= {f"cli/examples/{name}" for name in DEMO_FILES}
    assert "local_bot_api/README.md" in names
    assert requirements and all("extra ==" in line for line in requirements)
    assert "Requires-Dist: aiohttp>=3.9; extra == 'offline'" in requirements
