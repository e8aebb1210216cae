"""Ingest fixtures: a local HTTP server, the migrated SQLite copy opened, a fake summarizer."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.engine import create_session_factory
from summarizer.api import SummaryInputError
from tests.support import database as migrated


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None


@dataclass
class LocalServer:
    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]]

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def serve(
        self,
        path: str,
        body: bytes = b"",
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        etag: str | None = None,
    ) -> None:
        self.routes[path] = Route(body, status, dict(headers or {}), etag)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers.items())))
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            self.send_response(304)
            self.send_header("ETag", route.etag)
            self.end_headers()
            return
        self.send_response(route.status)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.etag:
            self.send_header("ETag", route.etag)
        if "Content-Length" not in route.headers:
            self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        self.wfile.write(route.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]]


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.routes = {}
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield LocalServer(f"http://{host}:{port}", server.routes, server.requests)
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Database:
    """A migrated SQLite database with an open engine and its session factory."""

    url: str
    engine: AsyncEngine
    factory: async_sessionmaker[AsyncSession]


@pytest.fixture
async def database(database: migrated.Database) -> AsyncIterator[Database]:
    """The suite's fresh migrated SQLite copy (``tests/conftest.py``), opened."""
    engine = database.engine()
    try:
        yield Database(database.url, engine, create_session_factory(engine))
    finally:
        await engine.dispose()


def make_fake_summarizer() -> Callable[[str, str | None], object]:
    async def summarize(text: str, title: str | None) -> Sequence[str]:
        if "UNSUMMARIZABLE" in text:
            raise SummaryInputError("the fake summarizer refuses this text")
        if "EXPLODE" in text:
            raise RuntimeError("boom")
        return [part.strip() + "." for part in text.split(".")[:2] if part.strip()]

    return summarize


@pytest.fixture
def fake_summarize() -> Callable[[str, str | None], object]:
    return make_fake_summarizer()
