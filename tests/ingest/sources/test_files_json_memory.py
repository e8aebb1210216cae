"""Hardening #7: JSON whose values would fill memory is refused in one line before parsing."""

from __future__ import annotations

import json
from pathlib import Path

from ingest.items import BriefCandidate, Rejection
from ingest.sources import Upload
from ingest.sources.files import read_json_lines, read_path, read_upload
from ingest.sources.json_limits import MAX_JSON_RECORDS, MAX_JSON_VALUES

BODY = "The council approved a new budget for the harbour district after a long debate. " * 8


def integers(count: int) -> str:
    return "[" + "7," * (count - 1) + "7]"


def test_an_array_of_more_integers_than_the_cap_is_one_line_and_never_parsed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "numbers.json"
    path.write_text(integers(MAX_JSON_VALUES + 1))
    [rejection] = list(read_path(path))
    assert rejection == Rejection(
        str(path), f"too many JSON values: about 1,000,002, cap {MAX_JSON_VALUES:,} per document"
    )


def test_an_array_at_the_value_cap_is_parsed_and_each_element_judged(tmp_path: Path) -> None:
    path = tmp_path / "numbers.json"
    path.write_text(integers(MAX_JSON_RECORDS))
    items = list(read_path(path))
    assert len(items) == MAX_JSON_RECORDS
    assert items[-1] == Rejection(
        f"{path}[{MAX_JSON_RECORDS - 1}]", "expected a JSON object, got int"
    )


def test_a_list_of_more_records_than_the_cap_is_one_line() -> None:
    data = ("[" + ",".join(["{}"] * (MAX_JSON_RECORDS + 1)) + "]").encode()
    [rejection] = list(read_upload(Upload("many.json", data)))
    assert rejection == Rejection("many.json", "too many records: 100,001, cap 100,000 per file")


def test_json_lines_stop_at_the_record_cap_with_one_line_naming_where() -> None:
    text = "\n".join(["{}"] * (MAX_JSON_RECORDS + 5))
    items = list(read_json_lines(text, "many.jsonl"))
    assert len(items) == MAX_JSON_RECORDS + 1
    assert items[-1] == Rejection(
        f"many.jsonl:{MAX_JSON_RECORDS + 1}",
        "too many records: 100,001, cap 100,000 per file; this line and the rest are not read",
    )


def test_one_json_line_with_too_many_values_is_refused_and_the_next_line_read() -> None:
    text = integers(MAX_JSON_VALUES + 1) + "\n" + json.dumps({"text": BODY}) + "\n"
    first, second = read_json_lines(text, "in.jsonl")
    assert first == Rejection(
        "in.jsonl:1", f"too many JSON values: about 1,000,002, cap {MAX_JSON_VALUES:,} per document"
    )
    assert isinstance(second, BriefCandidate)
    assert second.text == BODY


def test_separators_inside_strings_do_not_count_as_values(tmp_path: Path) -> None:
    text = BODY + ' "quoted, [braced] {x: 1}" \\ ' + ",[{:" * 400_000
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "Commas", "text": text}))
    assert path.stat().st_size > MAX_JSON_VALUES
    [item] = list(read_path(path))
    assert isinstance(item, BriefCandidate)
    assert item.text == text


def test_a_large_valid_file_of_briefs_is_read_in_full(tmp_path: Path) -> None:
    records = [
        {"id": f"b{n}", "title": f"Budget {n}", "date": "2025-11-05", "text": f"Story {n}. {BODY}"}
        for n in range(3_000)
    ]
    path = tmp_path / "briefs.json"
    path.write_text(json.dumps(records))
    assert path.stat().st_size > MAX_JSON_VALUES  # so the count runs, and lets it through
    items = list(read_path(path))
    assert [type(item) for item in items] == [BriefCandidate] * 3_000
    assert isinstance(items[-1], BriefCandidate)
    assert items[-1].external_id == "b2999"
