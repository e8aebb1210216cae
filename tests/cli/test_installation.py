"""What an installation carries: the version, the example briefs and everything the demo runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
import zipfile
from importlib import metadata, resources
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


def test_version_prints_the_project_version(capsys: pytest.CaptureFixture[str]) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]

    with pytest.raises(SystemExit) as exit:
        main(["--version"])

    assert exit.value.code == 0
    assert capsys.readouterr().out == f"briefbot {project['version']}\n"


def test_a_bare_source_tree_says_its_version_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)

    assert installation.version() == "unknown (not installed)"


def source_files(package: str) -> set[str]:
    """Every file of a package in the checkout (what the wheel must carry), as wheel paths."""
    folder = ROOT / package
    return {
        path.relative_to(ROOT).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


# `uv run` names its own binary in UV: README's .tools/bin/uv is not on PATH
UV = os.environ.get("UV") or shutil.which("uv")


@pytest.mark.skipif(UV is None, reason="building the wheel needs uv")
def test_the_wheel_carries_every_package_file_the_examples_and_aiohttp(tmp_path: Path) -> None:
    assert UV is not None
    subprocess.run([UV, "build", "--wheel", "--quiet", "-o", str(tmp_path)], cwd=ROOT, check=True)
    [wheel] = tmp_path.glob("briefbot-*.whl")
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"][
        "targets"
    ]["wheel"]["packages"]

    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        [metadata_name] = [n for n in names if n.endswith(".dist-info/METADATA")]
        requirements = archive.read(metadata_name).decode().splitlines()
        [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        scripts = archive.read(entry_points).decode()

    assert names >= {f"cli/examples/{name}" for name in DEMO_FILES}
    for package in packages:  # the migrations' template, local_bot_api's README, ...
        assert source_files(package) <= names, package
    assert "storage/migrations/script.py.mako" in names
    assert "Requires-Dist: aiohttp>=3.9" in requirements  # no extra needed for the demo
    assert "briefbot = cli.entry:main" in scripts


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    readme = (ROOT / "README.md").read_text().splitlines()
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    [command] = [line for line in readme if line.endswith(" run --extra test pytest")]

    assert command.startswith("python3 -m pip install ")
    assert ci[-1] == command
