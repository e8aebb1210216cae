"""The HTTP endpoint of ``briefbot run`` on ``BRIEFBOT_METRICS_PORT``: liveness, readiness, metrics.

* ``/healthz``: ``200 ok`` whenever the event loop answers (liveness);
* ``/readyz``: ``200`` when every readiness check passes (:mod:`runtime.readiness`), else
  ``503``; the body is one line of JSON, ``{"ready": ..., "checks": {name: "ok" or why not}}``;
* ``/metrics``: the process's registry (:mod:`runtime.metrics`) in Prometheus' text format,
  the outbox gauges read just before (cached a few seconds).

It runs on the bot's own event loop (aiohttp, already a dependency), started by the bot's
``post_init`` and stopped in ``post_shutdown``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Generic, TypeVar

from aiohttp import web

from runtime.metrics import Metrics
from runtime.readiness import PASSED, Check, evaluate, one_line

logger = logging.getLogger(__name__)
_T = TypeVar("_T")

# What ``generate_latest`` writes: Prometheus' text format 0.0.4 (every Prometheus reads it).
METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


# A connection idle (or still sending its request) this long is closed; aiohttp kept one an
# hour, so idle connections from anyone who could reach the port used up the open files.
IDLE_SECONDS = 30.0


class _ClientErrorsAtDebug(logging.Filter):
    """Log a request the client got wrong (a header too long, a bad chunked body ...), which
    aiohttp answers 400 and logged as an ERROR with its traceback, at DEBUG: anyone reaching
    the port could write 11 lines a request, 1.8 MB of log a second with four connections."""

    def filter(self, record: logging.LogRecord) -> bool:
        from aiohttp.http_exceptions import HttpProcessingError

        if record.exc_info is not None and isinstance(record.exc_info[1], HttpProcessingError):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            record.exc_info, record.exc_text = None, None
            # Handlers may have no level of their own: only the logger's says DEBUG is off.
            return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
        return True


def _server_logger() -> logging.Logger:
    """The logger aiohttp's request handlers write to, its client errors at DEBUG."""
    server = logging.getLogger(f"{__name__}.server")
    if not any(isinstance(each, _ClientErrorsAtDebug) for each in server.filters):
        server.addFilter(_ClientErrorsAtDebug())
    return server


class _Shared(Generic[_T]):
    """Runs ``make`` for a caller, and gives every caller arriving while that run is under way
    its outcome instead of running it again."""

    def __init__(self, make: Callable[[], Awaitable[_T]]) -> None:
        self._make = make
        self._run: asyncio.Future[_T] | None = None

    async def __call__(self) -> _T:
        if self._run is None or self._run.done():
            self._run = asyncio.ensure_future(self._make())
        # Shielded: a caller that goes away cancels its own wait, not the others' run.
        return await asyncio.shield(self._run)

    def cancel(self) -> None:
        """Cancel the run under way, if any (the server is stopping)."""
        if self._run is not None and not self._run.done():
            self._run.cancel()


class HealthServerError(RuntimeError):
    """The endpoint cannot listen; the message is one line for the operator."""


class HealthServer:
    """``/healthz``, ``/readyz`` and ``/metrics`` on ``host:port``."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        checks: Mapping[str, Check],
        metrics: Metrics,
        before_scrape: Callable[[], Awaitable[None]] | None = None,
        secrets: Iterable[str] = (),
    ) -> None:
        self.host = host
        self.port = port
        self._checks = dict(checks)
        self._metrics = metrics
        self._before_scrape = before_scrape
        self._secrets = tuple(secrets)
        self._runner: web.AppRunner | None = None
        # A burst of requests (probes, or anyone reaching the port) runs the checks, and reads
        # the outbox for a scrape, once: those arriving while a run is under way share it.
        self._evaluation = _Shared(lambda: evaluate(self._checks, secrets=self._secrets))
        self._page = _Shared(self._exposition)

    async def start(self) -> None:
        """Listen; :class:`HealthServerError` (one line) when the address cannot be bound."""
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/readyz", self._readyz)
        app.router.add_get("/metrics", self._metrics_page)
        runner = web.AppRunner(
            app,
            access_log=None,
            handle_signals=False,
            keepalive_timeout=IDLE_SECONDS,
            logger=_server_logger(),
        )
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
        except OSError as error:
            await runner.cleanup()
            number = error.errno or 0  # a resolver error's is negative: its strerror then
            reason = os.strerror(number) if number > 0 else (error.strerror or str(error))
            raise HealthServerError(
                f"cannot listen on {self.address} (BRIEFBOT_METRICS_HOST/PORT): {reason}"
            ) from None
        self._runner = runner
        logger.info("health and metrics on http://%s/ (healthz, readyz, metrics)", self.address)

    @property
    def address(self) -> str:
        """``host:port`` as a URL writes it: an IPv6 host in brackets (``[::]:9090``)."""
        host = f"[{self.host}]" if ":" in self.host and not self.host.startswith("[") else self.host
        return f"{host}:{self.port}"

    async def stop(self) -> None:
        """Stop listening (idempotent)."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
        self._evaluation.cancel()
        self._page.cancel()

    async def readiness(self) -> tuple[bool, dict[str, str]]:
        """Whether every check passed, and each check's result (shared with the requests that
        arrive while the checks run: a flood of 300 clients got 54 false 503s in 5,499 answers
        when each request ran them)."""
        results = await self._evaluation()
        return all(result == PASSED for result in results.values()), results

    async def _healthz(self, request: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def _readyz(self, request: web.Request) -> web.Response:
        ready, results = await self.readiness()
        body = json.dumps({"ready": ready, "checks": results}, separators=(", ", ": "))
        return web.Response(
            text=body + "\n", status=200 if ready else 503, content_type="application/json"
        )

    async def _metrics_page(self, request: web.Request) -> web.Response:
        return web.Response(body=await self._page(), headers={"Content-Type": METRICS_CONTENT_TYPE})

    async def _exposition(self) -> bytes:
        if self._before_scrape is not None:
            try:
                await self._before_scrape()
            except Exception as error:
                # The gauges keep their last values; the counters are still worth a scrape.
                logger.warning("metrics: cannot read the outbox: %s", one_line(error))
        return self._metrics.exposition()
