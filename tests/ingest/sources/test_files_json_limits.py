"""Hardening #6: JSON past the parser's limits is one rejected file, and the others are stored."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from cli.subcommands import ingest as ingest_command
from ingest.items import BriefCandidate, Rejection
from ingest.sources import Upload
from ingest.sources.files import read_path, read_upload
from runtime.settings import load_settings
from tests.support.database import Database

BODY = (
    "The ministry signed a contract for six patrol vessels on Monday. "
    "The ships will be built at a domestic yard over five years. "
    "Officials said the deal would create thousands of jobs."
)
DEEP = "[" * 2_000 + "]" * 2_000  # 4 KB, nested past the interpreter's recursion limit
HUGE_INT = '{"text": "x", "n": ' + "7" * 5_000 + "}"  # past int's 4,300 digits


def write_directory(root: Path) -> None:
    root.mkdir()
    (root / "a_good.json").write_text(json.dumps({"text": BODY}))
    (root / "b_deep.json").write_text(DEEP)
    (root / "c_huge.json").write_text(HUGE_INT)
    (root / "d_deep.jsonl").write_text(DEEP + "\n")
    (root / "e_huge.jsonl").write_text(HUGE_INT + "\n")


def test_each_file_past_a_limit_is_one_line_and_the_rest_is_read(tmp_path: Path) -> None:
    write_directory(tmp_path / "in")
    items = list(read_path(tmp_path / "in"))
    assert [type(item) for item in items] == [BriefCandidate] + [Rejection] * 4
    reasons = [(item.origin.rsplit("/", 1)[-1], item.reason) for item in items[1:]]
    assert isinstance(items[1], Rejection)
    assert reasons[0] == ("b_deep.json", "unreadable JSON: nested too deeply")
    assert reasons[1][0] == "c_huge.json"
    assert reasons[1][1].startswith("unreadable JSON: Exceeds the limit (4300 digits)")
    assert reasons[2] == ("d_deep.jsonl:1", "unreadable JSON line: nested too deeply")
    assert reasons[3][0] == "e_huge.jsonl:1"
    assert all(len(reason) < 200 for _, reason in reasons)
    assert all("\n" not in reason for _, reason in reasons)


# A ".txt" document is text, as a ".txt" file is (only stdin is sniffed for JSON lines).
@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_an_uploaded_document_past_a_limit_is_rejected(name: str) -> None:
    (item,) = read_upload(Upload(name=name, data=b'{"text": ' + DEEP.encode() + b"}"))
    assert isinstance(item, Rejection)
    assert "nested too deeply" in item.reason


def test_ingest_of_a_directory_stores_the_good_file_and_names_the_bad_ones(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    write_directory(tmp_path / "in")
    parser = argparse.ArgumentParser(prog="briefbot")
    ingest_command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["ingest", str(tmp_path / "in")])
    settings = load_settings(database_url=database.url, summary_algorithm="lead")
    assert args.handler(args, settings) == 1
    out, err = capsys.readouterr()
    assert out == "stored 1, duplicate 0, rejected 4\n"
    assert len(err.splitlines()) == 4
    assert "Traceback" not in err
