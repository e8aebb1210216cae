"""Where every benchmark writes its figures: ``benchmarks/results/<name>.json`` and ``.md``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def save_results(name: str, data: Any, markdown: str) -> None:
    """Write ``data`` as indented JSON and ``markdown`` beside it, creating the folder."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2) + "\n")
    (RESULTS / f"{name}.md").write_text(markdown)
