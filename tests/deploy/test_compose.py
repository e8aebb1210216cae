"""compose.yaml: PostgreSQL, a one-shot migration and the bot's roles, checked statically."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.roles import Role
from runtime.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
BOT_SERVICES = ("updates", "scheduler", "worker")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    """compose.yaml as YAML (anchors and merge keys resolved)."""
    document = yaml.safe_load((ROOT / "compose.yaml").read_text())
    assert isinstance(document, dict)
    return document


def role_of(service: dict[str, Any]) -> Role:
    """The ``--role`` a bot service's command runs (``all`` when it names none)."""
    command = service["command"]
    assert command[0] == "run", command
    return Role(command[command.index("--role") + 1]) if "--role" in command else Role.ALL


def test_postgres_runs_the_official_image_on_a_named_volume_with_a_healthcheck(
    compose: dict[str, Any],
) -> None:
    db = compose["services"]["db"]

    assert db["image"] == "${BRIEFBOT_POSTGRES_IMAGE:-postgres:15}"
    [volume] = db["volumes"]
    name, _, target = volume.partition(":")
    assert target == "/var/lib/postgresql/data" and name in compose["volumes"]
    assert db["healthcheck"]["test"][:2] == ["CMD", "pg_isready"]


def test_no_service_publishes_a_port_on_the_host(compose: dict[str, Any]) -> None:
    # the host's own PostgreSQL is on 5432; nothing here needs to be reached from outside
    assert [name for name, service in compose["services"].items() if "ports" in service] == []


def test_the_migration_runs_once_after_the_database_is_healthy(compose: dict[str, Any]) -> None:
    migrate = compose["services"]["migrate"]

    assert migrate["command"] == ["db", "upgrade"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"] == {"db": {"condition": "service_healthy"}}


def test_bot_services_start_after_the_migration_with_settings_from_the_env_file(
    compose: dict[str, Any],
) -> None:
    for name in BOT_SERVICES:
        service = compose["services"][name]
        assert service["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }, name
        assert service["env_file"] == ["${BRIEFBOT_ENV_FILE:-.env}"], name
        url = service["environment"]["BRIEFBOT_DATABASE_URL"]
        assert url.startswith("postgresql+asyncpg://") and url.endswith("@db:5432/briefbot"), name
        assert not any("TOKEN" in key for key in service["environment"]), name


def test_the_services_together_run_every_part_of_the_bot_once_per_job(
    compose: dict[str, Any],
) -> None:
    roles = {name: role_of(compose["services"][name]) for name in BOT_SERVICES}

    assert roles == {"updates": Role.UPDATES, "scheduler": Role.SCHEDULER, "worker": Role.WORKER}
    assert [name for name, role in roles.items() if role.receives_updates] == ["updates"]
    assert any(role.runs_tick for role in roles.values())
    assert any(role.delivers for role in roles.values())


def test_only_the_worker_is_scaled_and_none_pins_a_container_name(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]

    assert services["worker"]["deploy"]["replicas"] == "${BRIEFBOT_WORKERS:-1}"
    assert [name for name in services if "deploy" in services[name]] == ["worker"]
    assert [name for name in services if "container_name" in services[name]] == []


def podman_compose_ps(folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``podman-compose ps`` on a copy of compose.yaml in ``folder``: it parses and interpolates
    the whole file first (1.0.3, Debian 12's, has no ``config`` command), then lists nothing."""
    (folder / "compose.yaml").write_text((ROOT / "compose.yaml").read_text())
    return subprocess.run(
        ["podman-compose", "-p", "briefbotparsetest", "-f", str(folder / "compose.yaml"), "ps"],
        cwd=folder,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(shutil.which("podman-compose") is None, reason="podman-compose not installed")
def test_podman_compose_reads_the_file_with_a_password_and_an_env_file(tmp_path: Path) -> None:
    # a copy beside an env file of its own, so that a developer's .env changes nothing
    (tmp_path / "test.env").write_text("BRIEFBOT_TELEGRAM_TOKEN=123:ABC\n")

    result = podman_compose_ps(
        tmp_path, {"POSTGRES_PASSWORD": "secret", "BRIEFBOT_ENV_FILE": "test.env"}
    )

    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("podman-compose") is None, reason="podman-compose not installed")
def test_podman_compose_refuses_the_file_without_a_database_password(tmp_path: Path) -> None:
    result = podman_compose_ps(tmp_path, {})

    assert result.returncode != 0
    assert "set POSTGRES_PASSWORD in .env" in result.stdout + result.stderr


def test_env_example_leaves_the_compose_password_empty_and_the_bot_ignores_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    example = (ROOT / ".env.example").read_text()
    assert "\nPOSTGRES_PASSWORD=\n" in example  # compose refuses to start until it is set
    filled = example.replace("\nPOSTGRES_PASSWORD=\n", "\nPOSTGRES_PASSWORD=secret\n")
    filled = filled.replace("\nBRIEFBOT_DIGEST_TIME=08:00\n", "\nBRIEFBOT_DIGEST_TIME=07:15\n")
    (tmp_path / ".env").write_text(filled)
    monkeypatch.chdir(tmp_path)

    settings = load_settings()

    assert settings.digest_time == dt.time(7, 15)  # the file was read, password and all
