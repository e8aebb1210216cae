"""Hostile files of every format the CLI and ``/add`` read: briefs or one-line rejections only.

Sizes stay small: large JSON memory and big inputs are issue 10 item 7 (helper
"ingest-limits"); long texts without spaces are item 5.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli.main import main
from ingest.items import BriefCandidate, IngestItem, Notice, Rejection
from ingest.prepare import prepare
from ingest.sources import Upload
from ingest.sources.files import SUPPORTED, read_path, read_stdin_bytes, read_upload
from ingest.store import PreparedBrief
from tests.hostile.strategies import HOSTILE_FRAGMENTS, assert_one_line, hostile, hostile_text
from tests.support.database import Database
from tests.support.factories import filler

FIELDS = ("text", "id", "title", "date", "url")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text(60, surrogates=True),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=12,
)
records = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=5)
json_documents = st.one_of(json_values, records, st.lists(records | json_values, max_size=5)).map(
    lambda value: json.dumps(value, ensure_ascii=False, allow_nan=True).encode(
        "utf-8", "surrogatepass"
    )
)
json_lines = st.lists(
    st.one_of(json_documents, hostile_text(80).map(lambda text: text.encode("utf-8"))), max_size=6
).map(b"\n".join)
text_files = st.lists(
    st.one_of(
        st.sampled_from(["date 2025-11-05", "date: 9999-99-99", "Date  ", "# Title", "#", "# "]),
        hostile_text(120),
        st.just(filler("hostile text")),
    ),
    max_size=8,
).map(lambda lines: "\n".join(lines).encode("utf-8"))
# Parser limits: nesting past the recursion limit, integers past 4,300 digits (issue 10 item 6).
parser_limits = st.one_of(
    st.integers(900, 3000).map(lambda depth: b"[" * depth + b"]" * depth),
    st.integers(4200, 5000).map(lambda digits: b'{"text": "x", "id": ' + b"7" * digits + b"}"),
    st.integers(900, 3000).map(lambda depth: b'{"text": ' * depth + b"1" + b"}" * depth),
)
any_bytes = st.one_of(
    st.binary(max_size=600),
    json_documents,
    json_lines,
    text_files,
    parser_limits,
    st.sampled_from(HOSTILE_FRAGMENTS).map(lambda text: text.encode("utf-8", "surrogatepass")),
)


def check_items(items: list[IngestItem]) -> None:
    """Each item is a candidate, a one-line rejection or a one-line notice (a caveat on how the
    input was read, such as invalid UTF-8 replaced); each candidate prepares to either."""
    for item in items:
        if isinstance(item, Notice):
            assert_one_line(item.reason)
            continue
        assert isinstance(item, BriefCandidate | Rejection)
        prepared = prepare(item)
        if isinstance(prepared, Rejection):
            assert_one_line(prepared.reason)
        else:
            assert isinstance(prepared, PreparedBrief)
            brief = prepared.candidate
            assert brief.text.strip() and brief.title and "\n" not in brief.title
            assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in brief.title)


@hostile(100)
@given(data=any_bytes, suffix=st.sampled_from(SUPPORTED))
def test_any_bytes_in_a_file_of_each_format_give_briefs_or_one_line_rejections(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    items = list(read_path(path))
    # An empty JSON list or a blank JSON-lines file holds no records; anything else says why.
    assert items or suffix not in (".txt", ".md", ".markdown")
    check_items(items)


@hostile(60)
@given(data=any_bytes, name=st.sampled_from(["doc.json", "doc.jsonl", "doc.txt", "doc", "x.pdf"]))
def test_any_bytes_as_an_uploaded_document_or_stdin_give_briefs_or_one_line_rejections(
    data: bytes, name: str
) -> None:
    uploaded = list(read_upload(Upload(name, data)))
    piped = list(read_stdin_bytes(data))
    check_items(uploaded + piped)


def good_brief(seed: str) -> str:
    """A valid brief of its own (the seed keeps examples from duplicating each other)."""
    return f"date 2025-11-05\n\nReport {seed} from the harbour. {filler(seed)}\n"


bad_files = st.one_of(
    parser_limits,
    st.binary(min_size=1, max_size=300).map(lambda data: b"\x00" + data),
    json_values.map(lambda value: b"[" + json.dumps([value]).encode() + b"}"),
    st.sampled_from([b"{}", b"[1, 2]", b'{"text": 5}', b'{"text": "too short."}', b'"x"']),
)


@hostile(8)
@given(bad=bad_files, suffix=st.sampled_from([".json", ".jsonl"]))
def test_a_directory_with_one_hostile_file_still_stores_the_good_ones(
    database: Database,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bad: bytes,
    suffix: str,
) -> None:
    folder = tmp_path_factory.mktemp("batch")
    (folder / "a.txt").write_text(good_brief(f"{folder.name} a"))
    (folder / f"b{suffix}").write_bytes(bad)
    (folder / "c.txt").write_text(good_brief(f"{folder.name} c"))
    monkeypatch.chdir(folder)
    for name, value in {"DATABASE_URL": database.url, "SUMMARY_ALGORITHM": "lead"}.items():
        monkeypatch.setenv(f"BRIEFBOT_{name}", value)
    status = main(["ingest", str(folder)])
    out, err = capsys.readouterr()
    assert status == 1
    assert out.startswith("stored 2, duplicate 0, rejected "), out
    lines = err.splitlines()
    assert lines and all(line.startswith(f"{folder}/b{suffix}") for line in lines), err
    assert "Traceback" not in err
