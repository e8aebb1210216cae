"""Ctrl-C during ``briefbot ingest``: one line and exit 130, no traceback from any process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.database import Database
from tests.support.processes import children

ROOT = Path(__file__).resolve().parents[3]


def story(n: int) -> str:
    return " ".join(
        f"Report {n}-{k} says the council of district {n} approved budget line {k} today."
        for k in range(12)
    )


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_ctrl_c_to_the_process_group_while_workers_start_prints_one_line(
    database: Database, tmp_path: Path
) -> None:
    briefs = tmp_path / "big.jsonl"
    briefs.write_text("".join(json.dumps({"text": story(n)}) + "\n" for n in range(3000)))
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env = inherited | {"PYTHONPATH": str(ROOT), "BRIEFBOT_DATABASE_URL": database.url}
    process = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "ingest", str(briefs)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group of its own, as a terminal's job has
    )
    try:
        deadline = time.monotonic() + 60
        while not children(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert children(process.pid), "no summary worker started"
        time.sleep(0.5)  # the workers are still importing
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    stderr = err.decode()
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "never retrieved" not in stderr
    assert stderr.count("briefbot: interrupted") == 1, stderr
