"""How many benchmark texts credit removal changes: news must pass through untouched.

``ingest.credits.news_text`` drops credit, byline and date lines, and the forces' picture
credits; on news sets with no such lines, every text it changes is a text to read. Data: the
BBC News Summary set and the defence briefs (``/work/shared/data``, where present), and the
language sets of ``benchmarks/data`` (NTREX in 15 languages, French Wikinews, German
Wikipedia, Hinglish). ``--show`` prints each change as a diff, to read them.

``uv run --extra bench python benchmarks/credit_changes.py [--show]``
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCHMARKS.parent))

from benchmarks.report import save_results  # noqa: E402
from ingest.credits import news_text  # noqa: E402

SHARED = Path("/work/shared/data")
DATA = BENCHMARKS / "data"


def _sets() -> list[Path]:
    shared = [SHARED / "bbc_news_summary.jsonl", SHARED / "defence_briefs.jsonl"]
    local = [*sorted(DATA.glob("*_summaries.jsonl")), DATA / "hinglish_detection.jsonl"]
    return [path for path in shared + local if path.exists()]


def credit_changes() -> dict[str, Any]:
    """Per set, the texts read and the ids of those ``news_text`` changes, and the seconds."""
    sets: dict[str, dict[str, Any]] = {}
    diffs: dict[str, list[str]] = {}
    started = time.perf_counter()
    for path in _sets():
        changed: list[str] = []
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        for number, row in enumerate(rows):
            text = row["text"]
            after = news_text(text, row.get("language", "en"))
            if after != text:
                ident = str(row.get("id", f"{path.stem}:{number}"))
                changed.append(ident)
                lines = difflib.unified_diff(text.splitlines(), after.splitlines(), n=0)
                diffs[ident] = [line[:300] for line in lines if not line.startswith(("---", "+++"))]
        sets[path.name] = {"texts": len(rows), "changed": changed}
    seconds = time.perf_counter() - started
    return {"sets": sets, "seconds": round(seconds, 2), "diffs": diffs}


def to_markdown(report: dict[str, Any]) -> str:
    texts = sum(s["texts"] for s in report["sets"].values())
    changed = sum(len(s["changed"]) for s in report["sets"].values())
    lines = [
        "# Credit removal on news (`benchmarks/credit_changes.py`)",
        "",
        f"{changed} of {texts:,} texts change, in {report['seconds']} s.",
        "",
        "| set | texts | changed |",
        "|---|---:|---|",
    ]
    for name, s in report["sets"].items():
        ids = ", ".join(s["changed"]) or "none"
        lines.append(f"| {name} | {s['texts']} | {len(s['changed'])}: {ids} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each change as a diff")
    args = parser.parse_args(argv)
    report = credit_changes()
    markdown = to_markdown(report)
    save_results("credit_changes", report, markdown)
    print(markdown, end="")
    if args.show:
        for ident, lines in report["diffs"].items():
            print(f"\n===== {ident}", *lines, sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
