"""``briefbot summarize``: single briefs and the JSON-lines batch mode."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from cli.main import main
from tests.support.languages import FRENCH_BRIEF, FRENCH_FILLER, HINDI_BRIEF

SAMPLE = Path(__file__).parents[3] / "examples" / "india-israel-jwg-2025-11-05.txt"
TEXT = (
    "The ministry signed a contract for six patrol vessels on Monday. "
    "The ships will be built at a domestic yard over five years. "
    "Officials said the deal would create thousands of jobs. "
    "The navy has asked for more ships to patrol the coast."
)
SENTENCES = tuple(f"{sentence}." for sentence in TEXT.removesuffix(".").split(". "))


@pytest.fixture(autouse=True)
def isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("SUMMARY_SENTENCES", "SUMMARY_ALGORITHM", "SUMMARY_LANGUAGE"):
        monkeypatch.delenv(f"BRIEFBOT_{name}", raising=False)


def test_prints_the_sample_summary_one_sentence_per_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["summarize", str(SAMPLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    flat = " ".join(SAMPLE.read_text().split())
    assert all(line.strip() and line in flat for line in lines), lines


def test_bounds_and_algorithm_flags_are_honoured(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", str(SAMPLE), "--sentences", "2", "--algorithm", "lexrank"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert main(["summarize", str(SAMPLE), "--max-chars", "300", "--sentences", "9"]) == 0
    assert 0 < len(capsys.readouterr().out.replace("\n", " ").strip()) <= 300


def test_summary_sentences_setting_is_the_default_count(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BRIEFBOT_SUMMARY_SENTENCES", "1")
    assert main(["summarize", str(SAMPLE)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_reads_the_brief_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    assert main(["summarize", "-", "--sentences", "1"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line in SENTENCES


def test_cp1252_file_is_decoded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    brief = tmp_path / "pound.txt"
    brief.write_bytes((TEXT + " It cost \xa3600m in all.").encode("cp1252"))
    assert main(["summarize", str(brief), "--sentences", "5"]) == 0
    assert "£600m" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"\x89PNG\x00\x00binary", "not text"), (b"Too short.", "too short")],
)
def test_bad_input_earns_one_line_and_status_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str
) -> None:
    brief = tmp_path / "bad.txt"
    brief.write_bytes(content)
    assert main(["summarize", str(brief)]) == 1
    error = capsys.readouterr().err
    assert reason in error
    assert error.count("\n") == 1


def test_missing_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", "nowhere.txt"]) == 1
    assert capsys.readouterr().err.strip() == "briefbot summarize: nowhere.txt: no such file"


def test_unknown_algorithm_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["summarize", str(SAMPLE), "--algorithm", "gpt"])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_batch_mode_keeps_input_order_and_reports_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"id": "a", "text": TEXT, "sentences": 1}),
        "{not json",
        json.dumps({"id": "b", "title": "Patrol vessels", "text": TEXT}),
        json.dumps({"id": "c", "text": "Too short."}),
        json.dumps({"text": TEXT, "sentences": 2}),
        json.dumps({"id": "d"}),
    ]
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join(lines) + "\n")
    assert main(["summarize", "--jsonl", str(batch), "--sentences", "3"]) == 1
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [record["id"] for record in records] == ["a", "b", 5]
    assert [len(record["summary"]) for record in records] == [1, 3, 2]
    errors = captured.err.splitlines()
    assert errors[0].startswith("line 2: malformed JSON")
    assert errors[1].startswith("line 4: text is too short")
    assert errors[2] == "line 6: missing text (a string is required)"


def test_batch_mode_in_worker_processes_matches_inline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join(json.dumps({"id": i, "text": TEXT}) for i in range(6)) + "\n")
    assert main(["summarize", "--jsonl", str(batch), "--workers", "0"]) == 0
    inline = capsys.readouterr().out
    assert main(["summarize", "--jsonl", str(batch), "--workers", "2"]) == 0
    assert capsys.readouterr().out == inline


def test_path_and_jsonl_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", str(SAMPLE), "--jsonl", "x.jsonl"]) == 2
    assert "exactly one" in capsys.readouterr().err


def _run_batch(tmp_path: Path, content: bytes, *extra: str) -> int:
    batch = tmp_path / "in.jsonl"
    batch.write_bytes(content)
    return main(["summarize", "--jsonl", str(batch), *extra])


def test_batch_line_with_a_lone_surrogate_is_a_bad_line_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = json.dumps({"id": "x", "text": "The \ud800 ministry signed. " + TEXT})
    good = json.dumps({"id": "y", "text": TEXT})
    assert _run_batch(tmp_path, f"{bad}\n{good}\n".encode()) == 1
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["y"]
    assert captured.err.startswith("line 1: input is not valid Unicode")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_batch_refuses_nan_and_infinity_which_are_not_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], constant: str
) -> None:
    line = f'{{"id": {constant}, "text": {json.dumps(TEXT)}}}\n'
    assert _run_batch(tmp_path, line.encode()) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"line 1: malformed JSON ({constant} is not valid JSON)")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "line 1: malformed JSON (nested too deeply)"),
        ('{"text": "x", "sentences": ' + "9" * 5000 + "}", "line 1: malformed JSON (a number"),
    ],
)
def test_batch_line_too_deep_or_with_a_huge_number_is_a_bad_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, reason: str
) -> None:
    assert _run_batch(tmp_path, (line + "\n").encode()) == 1
    assert capsys.readouterr().err.startswith(reason)


def test_batch_line_whose_text_is_a_number_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run_batch(tmp_path, b'{"text": 5}\n') == 1
    assert capsys.readouterr().err.startswith("line 1: text must be a string")


def test_binary_batch_is_one_line_not_one_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run_batch(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\n\x00\x01\n") == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "not text: binary data" in error


def test_utf16_batch_with_bom_is_decoded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = (json.dumps({"id": 1, "text": TEXT}) + "\n").encode("utf-16")
    assert _run_batch(tmp_path, content) == 0
    assert json.loads(capsys.readouterr().out)["id"] == 1


def test_batch_lines_end_only_at_newlines_not_at_unicode_separators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = TEXT.replace(" on Monday", "\u2028on Monday")
    line = json.dumps({"id": 1, "text": text}, ensure_ascii=False)
    assert _run_batch(tmp_path, (line + "\r\n").encode()) == 0
    assert json.loads(capsys.readouterr().out)["id"] == 1


def test_utf16_file_with_bom_is_decoded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for encoding in ("utf-16", "utf-16-be"):
        brief = tmp_path / "notepad.txt"
        data = TEXT.encode(encoding)
        brief.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
        assert main(["summarize", str(brief), "--sentences", "1"]) == 0
        [line] = capsys.readouterr().out.splitlines()
        assert line in SENTENCES, encoding


def test_a_directory_is_named_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip().endswith(": is a directory, not a file")
    assert main(["summarize", "--jsonl", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip().endswith(": is a directory, not a file")


def test_negative_workers_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["summarize", "--jsonl", "in.jsonl", "--workers", "-1"])
    assert caught.value.code == 2
    assert "--workers: expected an integer from 0 to 64" in capsys.readouterr().err


def test_empty_summary_settings_take_their_defaults(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BRIEFBOT_SUMMARY_SENTENCES", "")
    monkeypatch.setenv("BRIEFBOT_SUMMARY_ALGORITHM", "")
    assert main(["summarize", str(SAMPLE)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_empty_stdin_is_one_line_and_status_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert main(["summarize", "-"]) == 1
    assert capsys.readouterr().err == "briefbot summarize: text is empty\n"


def test_a_hindi_brief_is_summarised_into_danda_ended_sentences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = tmp_path / "hindi.txt"
    brief.write_text(HINDI_BRIEF, encoding="utf-8")
    assert main(["summarize", str(brief), "--sentences", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all(
        line.endswith("।") and line.count("।") == 1 and line in HINDI_BRIEF for line in lines
    )


def test_the_language_flag_pins_the_ranking_language(capsys: pytest.CaptureFixture[str]) -> None:
    Path("fr.txt").write_text(FRENCH_BRIEF, encoding="utf-8")
    assert main(["summarize", "fr.txt", "--sentences", "2"]) == 0
    assert not FRENCH_FILLER & set(capsys.readouterr().out.splitlines())
    assert main(["summarize", "fr.txt", "--sentences", "2", "--language", "en"]) == 0
    assert FRENCH_FILLER & set(capsys.readouterr().out.splitlines())
    # Read as BRIEFBOT_SUMMARY_LANGUAGE is: case and spaces do not matter.
    assert main(["summarize", "fr.txt", "--sentences", "2", "--language", " EN"]) == 0
    assert FRENCH_FILLER & set(capsys.readouterr().out.splitlines())
    with pytest.raises(SystemExit):
        main(["summarize", "fr.txt", "--language", "xx"])
    assert "invalid choice: 'xx'" in capsys.readouterr().err


def test_a_credit_line_above_the_brief_is_not_summarised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # As ingest reads a brief: a photo credit is no sentence of it, even one ending in a stop.
    brief = tmp_path / "credited.txt"
    credit = "Photo: Jane Doe for the Ministry of Defence, 3 December 2026."
    brief.write_text(f"{credit}\n\n{TEXT}", encoding="utf-8")
    assert main(["summarize", str(brief), "--sentences", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and credit not in lines and set(lines) <= set(SENTENCES)
