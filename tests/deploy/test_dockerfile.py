"""The Dockerfile and .dockerignore: what README and issue 11 promise, checked statically."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WHEEL_PACKAGES: list[str] = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"][
    "build"
]["targets"]["wheel"]["packages"]


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined and comments dropped."""
    joined: list[str] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):  # a comment inside a continued instruction
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        joined.append(pending + line)
        pending = ""
    assert not pending, "the Dockerfile ends inside a continued line"
    pairs = []
    for line in joined:
        keyword, _, arguments = line.partition(" ")
        pairs.append((keyword.upper(), " ".join(arguments.split())))
    return pairs


def stages(pairs: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """The instructions of each build stage, from its FROM on."""
    result: list[list[tuple[str, str]]] = []
    for keyword, arguments in pairs:
        if keyword == "FROM":
            result.append([])
        if result:
            result[-1].append((keyword, arguments))
    return result


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    """The project's Dockerfile, parsed."""
    return instructions((ROOT / "Dockerfile").read_text())


def test_instructions_join_continued_lines_and_skip_comments() -> None:
    text = '# top\nARG A=1\nRUN one \\\n    # inside\n    two\n\nCMD ["x"]\n'

    assert instructions(text) == [("ARG", "A=1"), ("RUN", "one two"), ("CMD", '["x"]')]


def test_every_stage_builds_on_the_base_image_argument_with_a_public_default(
    dockerfile: list[tuple[str, str]],
) -> None:
    first_from = next(i for i, (keyword, _) in enumerate(dockerfile) if keyword == "FROM")

    assert ("ARG", "BASE_IMAGE=python:3.12-slim") in dockerfile[:first_from]
    froms = [arguments for keyword, arguments in dockerfile if keyword == "FROM"]
    assert len(froms) == 2  # a builder, then the runtime stage
    assert all(arguments.startswith("${BASE_IMAGE}") for arguments in froms)


def test_the_builder_installs_from_the_lock_without_extras(
    dockerfile: list[tuple[str, str]],
) -> None:
    builder = stages(dockerfile)[0]
    runs = [arguments for keyword, arguments in builder if keyword == "RUN"]
    syncs = [arguments for arguments in runs if " sync " in arguments]

    assert len(syncs) == 2  # the dependencies' layer, then the project
    for sync in syncs:
        assert "--locked" in sync and "--no-editable" in sync
        assert "--extra" not in sync and "--all-extras" not in sync
    assert ("COPY", "pyproject.toml uv.lock ./") in builder
    for package in [*WHEEL_PACKAGES, "examples"]:  # the examples are the wheel's package data
        assert ("COPY", f"{package} ./{package}") in builder


def test_the_runtime_stage_takes_only_the_venv_and_runs_briefbot_as_a_user(
    dockerfile: list[tuple[str, str]],
) -> None:
    runtime = stages(dockerfile)[-1]
    copies = [arguments for keyword, arguments in runtime if keyword == "COPY"]
    users = [arguments for keyword, arguments in runtime if keyword == "USER"]

    assert copies == ["--from=builder /opt/venv /opt/venv"]
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    settings = dict(runtime)
    assert settings["ENTRYPOINT"] == '["briefbot"]'
    assert settings["CMD"] == '["run"]'
    assert settings["STOPSIGNAL"] == "SIGINT"  # Python as PID 1 ignores SIGTERM
    assert settings["HEALTHCHECK"].endswith('CMD ["briefbot", "health"]')
    env = " ".join(arguments for keyword, arguments in runtime if keyword == "ENV")
    assert "BRIEFBOT_METRICS_PORT=9090" in env.split()
    assert "BRIEFBOT_METRICS_HOST=0.0.0.0" in env.split()


def test_no_secret_is_written_into_the_image(dockerfile: list[tuple[str, str]]) -> None:
    text = " ".join(arguments for _, arguments in dockerfile)

    assert not re.search(r"TOKEN|WEBHOOK_SECRET|PASSWORD|\.env\b", text)


def test_the_build_context_leaves_out_env_files_databases_and_venvs() -> None:
    lines = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]

    assert lines[0] == "*"  # everything out, then only what the image needs back in
    allowed = {line[1:].rstrip("/") for line in lines if line.startswith("!")}
    assert ".env" not in allowed and ".venv" not in allowed
    assert {"pyproject.toml", "uv.lock"} <= allowed
    assert {*WHEEL_PACKAGES, "examples"} <= allowed  # all the wheel is made of
