"""Turning command-line inputs (paths, directories, URLs, ``-``) into ingest items."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ingest.http import Fetcher
from ingest.items import IngestItem, Rejection
from ingest.sources.feeds import read_url
from ingest.sources.files import read_path, read_stdin_bytes
from ingest.validation import MAX_INPUT_BYTES

_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def looks_like_url(argument: str) -> bool:
    """``scheme://...`` or ``scheme:...`` (``mailto:``, ``file:``), but not ``C:\\path``."""
    return bool(_URL_SCHEME.match(argument)) and (
        "://" in argument or not re.match(r"^[A-Za-z]:[\\/]", argument)
    )


async def read_inputs(
    inputs: Sequence[str],
    *,
    fetcher: Fetcher,
    read_stdin: Callable[[int], bytes],
) -> list[IngestItem]:
    """Every item of every input, in order; stdin is read once, with the 50 MB cap."""
    items: list[IngestItem] = []
    stdin_used = False
    for argument in inputs:
        if argument == "-":
            if stdin_used:
                items.append(Rejection("<stdin>", "stdin given more than once"))
                continue
            stdin_used = True
            data = read_stdin(MAX_INPUT_BYTES + 1)
            if len(data) > MAX_INPUT_BYTES:
                items.append(Rejection("<stdin>", f"too large: over {MAX_INPUT_BYTES:,} bytes"))
            else:
                items.extend(read_stdin_bytes(data))
        elif os.path.lexists(argument):  # a broken or looping symlink is named, not missing
            items.extend(read_path(Path(argument)))
        elif looks_like_url(argument):
            items.extend(await read_url(argument, fetcher))
        else:
            items.append(Rejection(argument, "no such file or directory"))
    return items
