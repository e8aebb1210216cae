"""``briefbot summarize`` on hostile inputs: non-regular files, over-large input, numbers JSON
cannot hold, control characters, and worker counts past reason."""

from __future__ import annotations

import io
import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from cli.main import main
from cli.subcommands import summarize as summarize_command
from ingest.sources import files
from summarizer.pool import SummaryPool

TEXT = (
    "The ministry signed a contract for six patrol vessels on Monday. "
    "The ships will be built at a domestic yard over five years. "
    "Officials said the deal would create thousands of jobs. "
    "The navy has asked for more ships to patrol the coast."
)
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e")


@pytest.fixture(autouse=True)
def isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("SUMMARY_SENTENCES", "SUMMARY_ALGORITHM", "SUMMARY_LANGUAGE"):
        monkeypatch.delenv(f"BRIEFBOT_{name}", raising=False)


@pytest.mark.parametrize("mode", [[], ["--jsonl"]])
def test_a_device_is_refused_as_not_a_regular_file(
    capsys: pytest.CaptureFixture[str], mode: list[str]
) -> None:
    assert main(["summarize", *mode, os.devnull]) == 1
    assert capsys.readouterr().err == f"briefbot summarize: {os.devnull}: not a regular file\n"


def test_a_fifo_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "batch.jsonl"
    os.mkfifo(fifo)

    def write() -> None:  # so that a reading summarize ends (and fails this test) at once
        with fifo.open("w") as stream:
            stream.write(json.dumps({"id": 1, "text": TEXT}) + "\n")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        assert main(["summarize", "--jsonl", str(fifo)]) == 1
    finally:
        if writer.is_alive():  # nothing read the FIFO: let the writer's open go through
            reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
            writer.join(5)
            os.close(reader)
    assert capsys.readouterr().err == f"briefbot summarize: {fifo}: not a regular file\n"


def test_a_batch_over_the_input_cap_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(files, "MAX_INPUT_BYTES", 100)
    batch = tmp_path / "in.jsonl"
    batch.write_text(json.dumps({"id": 1, "text": TEXT}) + "\n")
    assert main(["summarize", "--jsonl", str(batch)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"briefbot summarize: {batch}: too large: ")
    assert captured.err.count("\n") == 1


def test_a_batch_on_stdin_over_the_input_cap_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(summarize_command, "MAX_INPUT_BYTES", 100)
    line = json.dumps({"id": 1, "text": TEXT}) + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(line.encode())))
    assert main(["summarize", "--jsonl", "-"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "briefbot summarize: -: too large: over 100 bytes, the cap\n"


@pytest.mark.parametrize("workers", ["65", "100000"])
def test_workers_past_the_maximum_are_a_usage_error_naming_it(
    capsys: pytest.CaptureFixture[str], workers: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["summarize", "--jsonl", "missing.jsonl", "--workers", workers])
    assert caught.value.code == 2
    error = capsys.readouterr().err.splitlines()[-1]
    assert error.endswith(f"--workers: expected an integer from 0 to 64, got '{workers}'")


def test_no_more_workers_start_than_there_are_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[int | None] = []

    def recording_pool(workers: int | None, **options: Any) -> SummaryPool:
        asked.append(workers)
        return SummaryPool(0, **options)  # in this process: the count is what is checked

    monkeypatch.setattr(summarize_command, "SummaryPool", recording_pool)
    batch = tmp_path / "in.jsonl"
    batch.write_text("".join(json.dumps({"id": n, "text": TEXT}) + "\n" for n in range(2)))
    assert main(["summarize", "--jsonl", str(batch), "--workers", "64"]) == 0
    assert asked == [2]
    assert len(capsys.readouterr().out.splitlines()) == 2


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1.5e999"])
def test_a_number_past_a_float_is_a_bad_line_so_stdout_stays_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], number: str
) -> None:
    batch = tmp_path / "in.jsonl"
    good = json.dumps({"id": "ok", "text": TEXT})
    batch.write_text(f'{{"id": {number}, "text": {json.dumps(TEXT)}}}\n{good}\n')
    assert main(["summarize", "--jsonl", str(batch)]) == 1
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["ok"]
    assert "Infinity" not in captured.out
    assert captured.err.startswith("line 1: malformed JSON (a number is out of range)\n")


def test_plain_summary_escapes_terminal_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = tmp_path / "brief.txt"
    brief.write_text(TEXT.replace("six", "s\u202eix \x9b\x1b]0;PWNED\x07"))
    assert main(["summarize", str(brief), "--sentences", "4"]) == 0
    out = capsys.readouterr().out
    assert not any(control in out for control in RAW_CONTROLS)
    assert "s\\u202eix \\x9b\\x1b]0;PWNED\\x07" in out


def test_batch_output_escapes_c1_and_bidirectional_controls_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "in.jsonl"
    record = {"id": "a\u202eb\x9b", "text": TEXT.replace("six", "s\u202eix\x9b")}
    batch.write_text(json.dumps(record) + "\n")
    assert main(["summarize", "--jsonl", str(batch), "--sentences", "4"]) == 0
    out = capsys.readouterr().out
    assert not any(control in out for control in RAW_CONTROLS)
    (written,) = [json.loads(line) for line in out.splitlines()]
    assert written["id"] == record["id"]
    assert "s\u202eix\x9b" in written["summary"][0]


def test_an_input_named_with_escapes_is_named_escaped_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / "x\x1b]0;PWNED\x07\x1b[2Jy.txt"
    assert main(["summarize", str(name)]) == 1
    err = capsys.readouterr().err
    assert not any(control in err for control in RAW_CONTROLS)
    assert err.endswith("x\\x1b]0;PWNED\\x07\\x1b[2Jy.txt: no such file\n")
