"""Where tests find data: tests/data (slices), benchmarks/data (sets), ../shared/data (large)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

PROJECT_ROOT = Path(__file__).parents[2]
SLICES = PROJECT_ROOT / "tests" / "data"
BENCHMARK_DATA = PROJECT_ROOT / "benchmarks" / "data"
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every record of a JSON-lines file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def benchmark_dataset(name: str) -> Path:
    """An evaluation set kept in the repository (``benchmarks/data``): never skipped."""
    path = BENCHMARK_DATA / name
    assert path.is_file(), f"{name} is missing from {BENCHMARK_DATA} (see its README.md)"
    return path


def shared_dataset(name: str) -> Path:
    """A full evaluation set beside the project (as on the team's machines and CI), or skip."""
    path = SHARED_DATA / name
    if not path.is_file():
        pytest.skip(f"full data set {name} is not beside the project ({SHARED_DATA})")
    return path
