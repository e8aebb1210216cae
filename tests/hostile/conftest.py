"""Hostile-suite fixtures: the ingest tests' local HTTP server, shared rather than copied."""

from __future__ import annotations

from tests.ingest.conftest import local_server

__all__ = ["local_server"]
