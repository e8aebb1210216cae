"""``briefbot health``: ask a running instance's ``/readyz``; exit 0 when it is ready.

The container image's HEALTHCHECK runs it. Every failure is one line on stderr and exit 1
(nothing listening, no answer in time, not ready: which checks failed); no port to ask is
exit 2. The URL is ``http://BRIEFBOT_METRICS_HOST:BRIEFBOT_METRICS_PORT/readyz`` (a wildcard
host is asked on the loopback of its family: ``0.0.0.0`` on 127.0.0.1, ``::`` on ``[::1]``, since
an IPv6 wildcard listens on IPv6 only), or ``--url``.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import re
import sys
from typing import Any, TextIO
from urllib.parse import urlsplit

from runtime.settings import Settings

TIMEOUT_SECONDS = 10.0
# A health check that waits longer than an hour is not one (and inf would overflow the socket).
MAX_TIMEOUT_SECONDS = 3600.0
# The readiness answer is one short line of JSON; more than this is not one.
MAX_BODY_BYTES = 65_536
READY_PATH = "/readyz"
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", "[::]", "*"})
# Where a wildcard's listener is asked: aiohttp (asyncio) binds an IPv6 address IPv6-only, so a
# bot on ``::`` does not answer on 127.0.0.1.
IPV4_LOOPBACK = "127.0.0.1"
IPV6_LOOPBACK = "::1"
# What of an answer is quoted on the one line: printable, bounded.
MAX_QUOTED = 300


class HealthFault(Exception):
    """The instance is not ready or not there; the message is one line."""


def register(subcommands: argparse._SubParsersAction[Any]) -> None:
    """Add ``health`` to the CLI."""
    parser = subcommands.add_parser(
        "health",
        help="ask the running bot's /readyz; exit 0 when ready (for container health checks)",
        description=(
            "Ask the local instance's readiness endpoint (BRIEFBOT_METRICS_HOST and "
            "BRIEFBOT_METRICS_PORT) and exit 0 when it is ready, 1 with one line when it is "
            "down or not ready, 2 when there is nothing to ask."
        ),
    )
    parser.add_argument(
        "--url", metavar="URL",
        help="the readiness URL to ask instead, e.g. http://127.0.0.1:9090/readyz",
    )
    parser.add_argument(
        "--timeout", type=float, default=TIMEOUT_SECONDS, metavar="SECONDS",
        help=f"how long to wait for the answer (default {TIMEOUT_SECONDS:g})",
    )
    parser.set_defaults(handler=check_health)


def check_health(args: argparse.Namespace, settings: Settings) -> int:
    """The exit status of one readiness question (see the module docstring)."""
    return ask(settings, args.url, timeout=args.timeout)


def ask(
    settings: Settings,
    url: str | None = None,
    *,
    timeout: float = TIMEOUT_SECONDS,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Ask ``url`` (default: from the settings); print one line; the exit status."""
    out, err = out or sys.stdout, err or sys.stderr
    target = url if url is not None else readiness_url(settings)
    if target is None:
        print("briefbot health: BRIEFBOT_METRICS_PORT is not set, so there is no endpoint "
              "to ask; set it (and restart the bot) or give --url", file=err)
        return 2
    if not _is_http_url(target):
        print(f"briefbot health: --url must be an http:// or https:// URL, not {_quoted(target)}",
              file=err)
        return 2
    if not (0 < timeout <= MAX_TIMEOUT_SECONDS):  # nan fails every comparison
        print(f"briefbot health: --timeout must be a number of seconds above 0 and at most "
              f"{MAX_TIMEOUT_SECONDS:g}", file=err)
        return 2
    if not urlsplit(target).path.strip("/"):
        target = target.rstrip("/") + READY_PATH
    try:
        line = _ready_line(target, timeout)
    except HealthFault as fault:
        print(f"briefbot health: {fault}", file=err)
        return 1
    print(line, file=out)
    return 0


def readiness_url(settings: Settings) -> str | None:
    """``/readyz`` of this machine's instance per the settings; None when no port is set."""
    if settings.metrics_port is None:
        return None
    host = asked_host(settings.metrics_host)
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{settings.metrics_port}{READY_PATH}"


def asked_host(host: str) -> str:
    """The address to ask a listener on ``host`` at: a wildcard's loopback of the same
    family (``0.0.0.0``, ``*``: 127.0.0.1; ``::``, ``::0``, ``[::]``: ::1), else ``host``."""
    bare = host.removeprefix("[").removesuffix("]")
    try:
        address = ipaddress.ip_address(bare)
    except ValueError:  # a host name, or "*"
        return IPV4_LOOPBACK if host in WILDCARD_HOSTS else host
    if not address.is_unspecified:
        return host
    return IPV6_LOOPBACK if address.version == 6 else IPV4_LOOPBACK


def _ready_line(url: str, timeout: float) -> str:
    """``ready (...)`` when ``url`` answers 200; :class:`HealthFault` with the reason otherwise."""
    status, body = asyncio.run(_fetch(url, timeout))
    checks = _readiness_checks(body)
    if status == 200 and checks is not None:
        passed = ", ".join(checks) if checks else "no checks"
        return f"ready ({passed})"
    if status == 200:
        raise HealthFault(f"not ready: {url} answered HTTP 200 but not with the readiness JSON")
    failed = [f"{name}: {result}" for name, result in (checks or {}).items() if result != "ok"]
    if status == 503 and failed:
        raise HealthFault(f"not ready: {_quoted('; '.join(failed), MAX_QUOTED * 2)}")
    raise HealthFault(f"not ready: {url} answered HTTP {status}")


async def _fetch(url: str, timeout: float) -> tuple[int, bytes]:
    """The status and (bounded) body of GET ``url``, all of it within ``timeout`` seconds.

    httpx's timeouts bound each read, so a server trickling a byte at a time would never
    time out: the whole exchange runs under one deadline instead.
    """
    import httpx

    try:
        async with asyncio.timeout(timeout):
            async with httpx.AsyncClient(timeout=timeout, follow_redirects=False) as client:
                return await _bounded_get(client, url)
    except TimeoutError:
        raise HealthFault(f"no answer from {url} within {timeout:g} s") from None
    except httpx.ConnectError as error:
        reason = "connection refused" if _refused(error) else _quoted(str(error))
        raise HealthFault(f"nothing answers at {url} ({reason}); is `briefbot run` up?") from None
    except httpx.TimeoutException:
        raise HealthFault(f"no answer from {url} within {timeout:g} s") from None
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        reason = _quoted(str(error)) or type(error).__name__
        raise HealthFault(f"cannot ask {_quoted(url)}: {reason}") from None


def _refused(error: BaseException | None) -> bool:
    """Whether a connection refusal is behind ``error`` (the async transport says only "All
    connection attempts failed", with each address's own error as the cause)."""
    seen: set[int] = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ConnectionRefusedError) or "refused" in str(current).lower():
            return True
        pending += [current.__cause__, current.__context__]
        if isinstance(current, BaseExceptionGroup):
            pending += current.exceptions
    return False


async def _bounded_get(client: Any, url: str) -> tuple[int, bytes]:
    """GET ``url`` reading at most :data:`MAX_BODY_BYTES`; a compressed body is refused, so
    what is read is what is kept (no gzip expands in memory)."""
    headers = {"Accept-Encoding": "identity"}
    async with client.stream("GET", url, headers=headers) as answer:
        encoding = answer.headers.get("content-encoding", "identity").strip().lower()
        if encoding != "identity":
            raise HealthFault(f"not ready: {url} answered with a {_quoted(encoding, 40)} body, "
                              "not the readiness JSON")
        body = bytearray()
        async for chunk in answer.aiter_raw():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                raise HealthFault(f"not ready: {url} answered more than {MAX_BODY_BYTES:,} "
                                  "bytes, not the readiness JSON")
        return int(answer.status_code), bytes(body)


def _readiness_checks(body: bytes) -> dict[str, str] | None:
    """The ``checks`` of a readiness answer (``{"ready": ..., "checks": {...}}``); None when
    the body is not one."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or not isinstance(document.get("ready"), bool):
        return None
    checks = document.get("checks")
    if not isinstance(checks, dict):
        return None
    return {_quoted(str(name), 40): _quoted(str(result)) for name, result in checks.items()}


def _is_http_url(url: str) -> bool:
    return re.match(r"^https?://[^/\s]+(/\S*)?$", url) is not None


def _quoted(text: str, limit: int = MAX_QUOTED) -> str:
    """``text`` on one printable line, at most ``limit`` characters."""
    line = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
