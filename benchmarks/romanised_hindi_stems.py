"""Hindi in Latin letters: which of a Hindi brief's Latin words the search stems make one.

Run from the project root: ``uv run python benchmarks/romanised_hindi_stems.py``.

Data: the 30 romanised-Hindi texts of ``benchmarks/data/hinglish_detection.jsonl`` (written for
this project, not by native speakers; ``benchmarks/data/README.md``). Every Latin word of three
letters or more is stemmed as a Hindi brief's Latin words are stored
(``storage.search_stems.romanised_hindi_stem``); the words sharing a stem are listed, to be
read one by one (a wrong pair would make one find the other), with the words whose stem
differs from them.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCHMARKS.parent))

from benchmarks.report import save_results  # noqa: E402
from storage.search_stems import MIN_STEMMED_LETTERS, romanised_hindi_stem  # noqa: E402

TEXTS = BENCHMARKS / "data" / "hinglish_detection.jsonl"
_WORD = re.compile("[a-z]+")


def romanised_stems() -> dict[str, Any]:
    """The distinct words, those the stemmer changes, and the groups sharing a stem."""
    with TEXTS.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    words = sorted(
        {
            word
            for row in rows
            if row["language"] == "hi"
            for word in _WORD.findall(row["text"].lower())
            if len(word) >= MIN_STEMMED_LETTERS
        }
    )
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for word in words:
        groups[romanised_hindi_stem(word)].append(word)
    return {
        "texts": sum(1 for row in rows if row["language"] == "hi"),
        "words": len(words),
        "changed": {w: romanised_hindi_stem(w) for w in words if romanised_hindi_stem(w) != w},
        "merged": sorted(group for group in groups.values() if len(group) > 1),
    }


def to_markdown(report: dict[str, Any]) -> str:
    merged = "; ".join(", ".join(group) for group in report["merged"])
    changed = "; ".join(f"{word} \u2192 {stem}" for word, stem in report["changed"].items())
    return "\n".join(
        [
            "# Hindi in Latin letters: words made one by the search stems",
            "",
            f"{report['texts']} texts, {report['words']} distinct words of 3 letters or more; "
            "`uv run python benchmarks/romanised_hindi_stems.py`",
            "",
            f"**Words sharing a stem** ({len(report['merged'])} groups): {merged}",
            "",
            f"**Words stemmed** ({len(report['changed'])}): {changed}",
            "",
        ]
    )


def main() -> None:
    report = romanised_stems()
    markdown = to_markdown(report)
    print(markdown)
    save_results("romanised_hindi_stems", report, markdown)


if __name__ == "__main__":
    main()
