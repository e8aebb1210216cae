"""Where briefs are read from: one module per kind of source, behind one protocol.

A *location* is what a source reads: a local path, an :class:`Upload` (bytes with a name:
stdin or a document sent to the bot) or an :class:`Answer` (what a fetched URL served).
Each kind of source says which locations it :meth:`~Source.matches` and :meth:`~Source.read`
turns one into briefs. :mod:`ingest.sources.registry` holds the sources in the order they
are asked, and dispatches every location to the first that matches: the CLI, ``/add`` and
the polling of feeds and pages all read through it.

A new kind of source is one module here with a class satisfying :class:`Source`, plus
one line in :data:`ingest.sources.registry.SOURCES`. Its ``kind`` is the
:class:`~storage.models.SourceKind` recorded for a polled source that served it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ingest.http import Fetcher, FetchResult
from ingest.items import IngestItem, Rejection
from storage.models.enums import SourceKind


@dataclass(frozen=True)
class Upload:
    """Bytes with a name (``<stdin>``, or a document's file name); the name's extension counts."""

    name: str
    data: bytes


# For each (url, external id) of a feed's entries, whether a brief with it is stored already.
KnownEntries = Callable[[Sequence[tuple[str | None, str | None]]], Awaitable[Sequence[bool]]]


@dataclass(frozen=True)
class Answer:
    """What a URL served: ``asked`` is the URL requested, ``result.url`` where redirects ended.

    ``known``, when given (a polled source), lets a feed skip the entries already stored
    before anything else is done with them.
    """

    asked: str
    result: FetchResult
    known: KnownEntries | None = None


Location = Path | Upload | Answer

# What reading a location gives: its items, or one Rejection when the location as a whole
# gives nothing (a feed that does not parse, a page without article text).
Reading = list[IngestItem] | Rejection


class Source(Protocol):
    """One kind of source: which locations it reads, and how."""

    @property
    def kind(self) -> SourceKind:
        """The kind of source this is, as storage records it (a polled URL's kind is the
        kind of the source that last read it)."""
        ...

    @property
    def fetched(self) -> bool:
        """Whether it reads what URLs serve, so that a source of this kind can be polled."""
        ...

    def matches(self, location: Location) -> bool:
        """Whether this source reads ``location`` (cheap: no parsing)."""
        ...

    async def read(self, location: Location, fetcher: Fetcher) -> Reading:
        """The briefs in ``location``; CPU-bound parsing runs off the event loop."""
        ...


def wrong_location(source: Source, location: Location) -> TypeError:
    """The error for a source asked to read a location it does not match."""
    return TypeError(f"the {source.kind.value} source cannot read {type(location).__name__}")
