"""The image and compose stack for real: scripts/container-test, where a container engine is."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "container-test"


def skip_reason() -> str | None:
    """Why the stack cannot or should not start here (one line), or None to run it."""
    if os.environ.get("BRIEFBOT_CONTAINER_TEST") != "1":
        return "container stack test: set BRIEFBOT_CONTAINER_TEST=1 to run it (builds, ~10 min)"
    if shutil.which("podman") is None and shutil.which("apt-get") is None:
        return "container stack test: no podman here, and no apt-get to install it"
    if os.geteuid() != 0:
        return "container stack test: needs root (rootful podman, debootstrap)"
    return None


@pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")
def test_container_test_serves_a_reader_through_the_compose_stack() -> None:
    result = subprocess.run(
        [str(SCRIPT)], capture_output=True, text=True, timeout=3600, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr
    for line in ("/start ", "/latest ", "digest ", "container-test: passed"):
        assert any(out.startswith(line) for out in result.stdout.splitlines()), line
