"""Reading files, directories, stdin and uploads into candidates or rejections."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.items import BriefCandidate, Notice, Rejection
from ingest.sources import Upload, files
from ingest.sources.files import read_path, read_stdin_bytes, read_upload
from ingest.titles import HEADLINE_CHARS
from ingest.validation import validate_candidate
from rendering.translation import Catalogues

BODY = (
    "The ministry signed a contract for six patrol vessels on Monday. "
    "The ships will be built at a domestic yard over five years. "
    "Officials said the deal would create thousands of jobs."
)
SAMPLE = Path(__file__).parents[3] / "examples" / "india-israel-jwg-2025-11-05.txt"


def only(path: Path) -> BriefCandidate | Rejection:
    items = list(read_path(path))
    assert len(items) == 1
    return items[0]


def test_seed_format_sample_gives_date_and_derived_title_without_the_date_line() -> None:
    item = only(SAMPLE)
    assert isinstance(item, BriefCandidate)
    assert item.published_on == dt.date(2025, 11, 5)
    valid = validate_candidate(item)
    assert isinstance(valid, BriefCandidate)
    assert not valid.text.startswith("date")
    assert valid.title is not None and valid.title.startswith("A high-level Indian delegation")
    assert len(valid.title) <= HEADLINE_CHARS and not valid.title.endswith("…")


def test_seed_date_line_tolerates_stray_spaces_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text(f"\n\n   date   2024-02-29   \n\n\n{BODY}\n")
    item = only(path)
    assert isinstance(item, BriefCandidate) and item.published_on == dt.date(2024, 2, 29)


def test_seed_file_with_malformed_date_is_rejected_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text(f"\ndate 2024-13-45\n{BODY}")
    item = only(path)
    assert isinstance(item, Rejection)
    assert item.origin == f"{path}:2" and "bad date" in item.reason


def test_plain_text_without_date_line_is_one_brief(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(BODY)
    item = only(path)
    assert isinstance(item, BriefCandidate)
    assert item.published_on is None and item.text == BODY


def test_markdown_leading_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(f"# Navy orders six patrol vessels\n\n{BODY}\n")
    item = only(path)
    assert isinstance(item, BriefCandidate)
    assert item.title == "Navy orders six patrol vessels" and item.text.strip() == BODY


def test_json_object_and_list_of_objects(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": 7, "text": BODY, "date": "2025-01-02T09:30:00Z"}))
    item = only(one)
    assert isinstance(item, BriefCandidate)
    assert item.external_id == "7" and item.published_on == dt.date(2025, 1, 2)
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": BODY, "title": "A"}, {"title": "no text"}]))
    first, second = list(read_path(many))
    assert isinstance(first, BriefCandidate) and first.title == "A"
    assert isinstance(second, Rejection) and second.origin == f"{many}[1]"
    assert "missing field 'text'" in second.reason


def test_jsonl_records_name_their_line_and_malformed_lines_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    record = {"id": "a", "title": "T", "text": BODY, "url": "https://example.org/a"}
    path.write_text(json.dumps(record) + "\n\n{not json\n" + json.dumps({"text": 5}) + "\n")
    good, malformed, wrong_type = list(read_path(path))
    assert isinstance(good, BriefCandidate) and good.origin == f"{path}:1"
    assert good.url == "https://example.org/a"
    assert isinstance(malformed, Rejection) and malformed.origin == f"{path}:3"
    assert "malformed JSON line" in malformed.reason
    assert isinstance(wrong_type, Rejection) and "'text' must be a string" in wrong_type.reason


def test_json_record_with_bad_date_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"text": BODY, "date": "yesterday"}) + "\n")
    (item,) = read_path(path)
    assert isinstance(item, Rejection) and "bad date 'yesterday'" in item.reason


def test_directory_is_walked_recursively_skipping_hidden_and_rejecting_unknown(
    tmp_path: Path,
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "sub" / "b.md").write_text(BODY)
    (tmp_path / ".hidden.txt").write_text(BODY)
    (tmp_path / ".git" / "c.txt").write_text(BODY)
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    items = list(read_path(tmp_path))
    origins = sorted(item.origin for item in items)
    assert origins == sorted(str(tmp_path / n) for n in ("a.txt", "photo.png", "sub/b.md"))
    (rejected,) = [item for item in items if isinstance(item, Rejection)]
    assert "unsupported file type .png" in rejected.reason


def test_cp1252_file_falls_back_from_utf8(tmp_path: Path) -> None:
    path = tmp_path / "pound.txt"
    path.write_bytes(("The fee was raised to \xa3200 by the club. " + BODY).encode("cp1252"))
    notice, item = read_path(path)  # the guess is said, and the brief read all the same
    assert isinstance(notice, Notice) and notice.reason.startswith("not UTF-8: read as Windows")
    assert isinstance(item, BriefCandidate) and "£200" in item.text


def test_undecodable_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(
        b"caf\xc3 \x81\x8d " + BODY.encode()
    )  # invalid UTF-8, 0x81 undefined in cp1252
    item = only(path)
    assert isinstance(item, Rejection) and item.reason.startswith("undecodable")


def test_binary_file_with_nul_bytes_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01\x02binary" * 50)
    item = only(path)
    assert isinstance(item, Rejection) and item.reason.startswith("not text")


def test_control_character_soup_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "ctl.txt"
    path.write_bytes(b"\x01\x02\x03\x04\x05\x06" * 30 + BODY.encode())
    item = only(path)
    assert isinstance(item, Rejection) and "control characters" in item.reason


def test_file_over_the_size_cap_is_rejected_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_INPUT_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text(BODY * 3)
    item = only(path)
    assert isinstance(item, Rejection) and "too large" in item.reason and "cap 100" in item.reason


def test_stdin_starting_with_brace_is_read_as_json_lines() -> None:
    data = (json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY + " More."})).encode()
    items = list(read_stdin_bytes(b"\n  " + data))
    assert [item.origin for item in items] == ["<stdin>:2", "<stdin>:3"]
    assert all(isinstance(item, BriefCandidate) for item in items)


@pytest.mark.parametrize(
    ("data", "origins"),
    [
        (
            b"\n  " + json.dumps([{"text": BODY}, {"text": BODY + " More."}]).encode(),
            ["<stdin>[0]", "<stdin>[1]"],
        ),
        (json.dumps([{"text": BODY}], indent=2).encode(), ["<stdin>[0]"]),
        (b"\r\n" + json.dumps({"text": BODY}, indent=2).encode(), ["<stdin>"]),
        (b'{ "text":\n' + json.dumps(BODY).encode() + b"}", ["<stdin>"]),
    ],
)
def test_stdin_holding_a_json_document_is_read_as_the_json_file_would_be(
    data: bytes, origins: list[str]
) -> None:
    items = list(read_stdin_bytes(data))
    assert [item.origin for item in items] == origins
    assert all(isinstance(item, BriefCandidate) for item in items)


def test_stdin_whose_first_json_line_is_broken_is_still_read_as_json_lines() -> None:
    data = b'{"text": "cut\n{oops\n' + json.dumps({"text": BODY}).encode()
    items = list(read_stdin_bytes(data))
    assert [item.origin for item in items] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]
    assert [type(item) for item in items] == [Rejection, Rejection, BriefCandidate]


def test_a_pretty_printed_object_that_is_malformed_on_stdin_is_one_rejection() -> None:
    (item,) = read_stdin_bytes(b'{\n  "text": "x",\n  oops\n}\n')
    assert isinstance(item, Rejection) and item.reason.startswith("malformed JSON: ")


def test_stdin_otherwise_is_one_text_brief_in_seed_format() -> None:
    (item,) = read_stdin_bytes(f"date 2025-11-05\n\n{BODY}".encode())
    assert isinstance(item, BriefCandidate)
    assert item.origin == "<stdin>" and item.published_on == dt.date(2025, 11, 5)


RECORDS = [{"text": BODY}, {"text": BODY + " More."}]
JSON_LIST = json.dumps(RECORDS).encode()
JSON_LINES = "\n".join(json.dumps(record) for record in RECORDS).encode()


@pytest.mark.parametrize(
    ("name", "data", "origins"),
    [
        ("briefs.json", JSON_LIST, ["briefs.json[0]", "briefs.json[1]"]),
        ("briefs.JSONL", JSON_LINES, ["briefs.JSONL:1", "briefs.JSONL:2"]),
        ("briefs.ndjson", JSON_LINES, ["briefs.ndjson:1", "briefs.ndjson:2"]),
        ("briefs.txt", f"date 2025-11-05\n\n{BODY}".encode(), ["briefs.txt"]),
    ],
)
def test_an_upload_is_read_by_its_names_extension(
    name: str, data: bytes, origins: list[str]
) -> None:
    items = list(read_upload(Upload(name, data)))
    assert [item.origin for item in items] == origins
    assert all(isinstance(item, BriefCandidate) for item in items)


def test_an_uploads_extension_decides_its_format_as_a_files_does(tmp_path: Path) -> None:
    data = json.dumps({"text": BODY}).encode()
    (item,) = read_upload(Upload("notes.md", data))
    assert isinstance(item, BriefCandidate) and item.origin == "notes.md"  # markdown, not JSON
    (stdin,) = read_upload(Upload("<stdin>", data))
    assert isinstance(stdin, BriefCandidate) and stdin.origin == "<stdin>:1"  # sniffed
    (tmp_path / "notes.exe").write_bytes(BODY.encode())
    (uploaded,) = read_upload(Upload("notes.exe", BODY.encode()))
    (read,) = read_path(tmp_path / "notes.exe")
    assert isinstance(uploaded, Rejection) and isinstance(read, Rejection)
    assert uploaded.reason == read.reason
    assert uploaded.reason.startswith("unsupported file type .exe; expected .json, ")


def test_a_file_without_an_extension_is_refused_in_words_the_catalogues_translate() -> None:
    (item,) = read_upload(Upload("notes", BODY.encode()))
    assert isinstance(item, Rejection)
    assert item.reason.startswith("no file extension; expected .json, ")
    # Before, "(no extension)" was a value, left in English inside a Russian or Hindi answer.
    russian = Catalogues.load().resolve("ru", None).say(item.reason)
    assert russian.startswith("\u0443 файла нет расширения; ожидается .json, ")


def test_an_undecodable_json_upload_is_rejected_naming_it() -> None:
    (item,) = read_upload(Upload("briefs.jsonl", b"\x00\x01binary"))
    assert item == Rejection("briefs.jsonl", "not text: binary data (NUL bytes)")


def test_symlink_loop_in_a_directory_is_rejected_once_and_the_walk_ends(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "sub" / "back").symlink_to(tmp_path / "sub")
    items = list(read_path(tmp_path))
    assert [item.origin for item in items if isinstance(item, BriefCandidate)] == [
        str(tmp_path / "a.txt")
    ]
    loops = {item.origin: item.reason for item in items if isinstance(item, Rejection)}
    assert sorted(loops) == [str(tmp_path / "loop"), str(tmp_path / "sub" / "back")]
    assert all(reason.startswith("symlink loop") for reason in loops.values())


def test_the_same_folder_reached_twice_without_a_loop_is_read_twice(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text(BODY)
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    items = list(read_path(tmp_path))
    assert len(items) == 2 and all(isinstance(item, BriefCandidate) for item in items)


def test_fifo_in_a_directory_is_rejected_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (item,) = read_path(tmp_path)
    assert isinstance(item, Rejection) and item.reason == "not a regular file"


def test_unreadable_directory_is_rejected_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    real_iterdir = Path.iterdir

    def iterdir(path: Path) -> Iterator[Path]:
        if path == locked:
            raise PermissionError(13, "Permission denied")
        return real_iterdir(path)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    (item,) = read_path(locked)
    assert item == Rejection(str(locked), "cannot read directory: Permission denied")


def test_unreadable_file_is_rejected_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(BODY)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert only(path) == Rejection(str(path), "cannot read: Permission denied")


def test_a_folders_readme_is_not_ingested_but_a_readme_named_explicitly_is(
    tmp_path: Path,
) -> None:
    (tmp_path / "README.md").write_text(f"# Example briefs\n\n{BODY}")
    (tmp_path / "readme.txt").write_text(BODY)
    (tmp_path / "brief.txt").write_text(BODY)
    assert [item.origin for item in read_path(tmp_path)] == [str(tmp_path / "brief.txt")]
    assert isinstance(only(tmp_path / "README.md"), BriefCandidate)
