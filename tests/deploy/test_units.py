"""The sample systemd units in deploy/: the lines README promises, and systemd's own check."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
UNITS = {
    "briefbot.service": "/opt/briefbot/bin/briefbot run",
    "briefbot-worker@.service": "/opt/briefbot/bin/briefbot run --role worker",
}
HARDENING = {
    "NoNewPrivileges": "yes",
    "ProtectSystem": "strict",
    "ProtectHome": "yes",
    "PrivateTmp": "yes",
    "ReadWritePaths": "/var/lib/briefbot",
    "CapabilityBoundingSet": "",
}


def read_unit(name: str) -> configparser.ConfigParser:
    """A unit file as sections of case-kept keys (a repeated key keeps its last value)."""
    parser = configparser.ConfigParser(strict=False, interpolation=None, comment_prefixes=("#",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((DEPLOY / name).read_text())
    return parser


@pytest.mark.parametrize(("name", "command"), UNITS.items())
def test_each_unit_runs_briefbot_restarting_on_failure_with_the_env_file(
    name: str, command: str
) -> None:
    unit = read_unit(name)
    service = unit["Service"]

    assert service["ExecStart"] == command
    assert service["Restart"] == "on-failure"
    assert service["RestartPreventExitStatus"] == "2"  # a bad setting: restarting cannot help
    assert service["EnvironmentFile"] == "/etc/briefbot/briefbot.env"
    assert service["User"] == "briefbot" and service["WorkingDirectory"] == "/var/lib/briefbot"
    assert unit["Install"]["WantedBy"] == "multi-user.target"


@pytest.mark.parametrize("name", UNITS)
def test_each_unit_is_hardened_and_writes_only_its_state_folder(name: str) -> None:
    service = read_unit(name)["Service"]

    assert {key: service.get(key) for key in HARDENING} == HARDENING
    assert service["StateDirectory"] == "briefbot"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_analyze_verify_finds_nothing_but_the_program_not_installed_here() -> None:
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(DEPLOY / name) for name in UNITS)],
        capture_output=True,
        text=True,
        check=False,
    )

    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and "Command /opt/briefbot/bin/briefbot is not executable" not in line
    ]
    assert complaints == []


def test_readme_installs_the_program_the_units_run_compiled_to_bytecode() -> None:
    # ProtectSystem=strict keeps /opt read-only to the service, so Python cannot cache the
    # bytecode it compiles: without --compile-bytecode every start compiles every module again.
    readme = (DEPLOY.parent / "README.md").read_text()
    [install] = [
        block
        for block in readme.split("\n```")
        if "UV_PROJECT_ENVIRONMENT=/opt/briefbot" in block and " sync " in block
    ]

    assert "--compile-bytecode" in install.split()
    assert "--locked" in install.split()
