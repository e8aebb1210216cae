"""Turning command-line inputs (paths, directories, URLs, ``-``) into ingest items.

Each argument becomes a location (a path, stdin as an upload, or a URL's answer) read
through the source registry.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ingest.http import Fetcher
from ingest.items import IngestItem, Rejection
from ingest.phrases import Phrase
from ingest.sources import Location, Upload
from ingest.sources.files import STDIN
from ingest.sources.registry import read_location, read_url
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
                items.append(Rejection("<stdin>", Phrase("stdin given more than once")))
                continue
            stdin_used = True
            data = read_stdin(MAX_INPUT_BYTES + 1)
            if len(data) > MAX_INPUT_BYTES:
                items.append(
                    Rejection(
                        "<stdin>", Phrase("too large: over {cap} bytes", cap=f"{MAX_INPUT_BYTES:,}")
                    )
                )
            else:
                items.extend(await _read(Upload(STDIN, data), fetcher))
        elif os.path.lexists(argument):  # a broken or looping symlink is named, not missing
            items.extend(await _read(Path(argument), fetcher))
        elif looks_like_url(argument):
            items.extend(await read_url(argument, fetcher))
        else:
            items.append(Rejection(argument, Phrase("no such file or directory")))
    return items


async def _read(location: Location, fetcher: Fetcher) -> list[IngestItem]:
    """The items of a local location, through the source registry."""
    return (await read_location(location, fetcher)).items_or_problem()
