"""Fetching feeds and pages: http(s) only, public hosts only, bounded in time, size and redirects.

Time has two bounds: httpx's per-read timeouts, and an overall ``deadline`` per fetch
(redirects and the whole body included; ``BRIEFBOT_FETCH_DEADLINE_SECONDS``), so a server
that trickles a byte every few seconds cannot hold a fetch open for ever.

Unless ``allow_private``, every request and redirect hop is refused before connecting when
its host resolves to a loopback, private or otherwise non-public address
(:mod:`ingest.addresses`); the refusal is one line that does not say whether a port is open.

Size is enforced while streaming (on the decoded body, so a gzip bomb stops at the cap
too); a declared ``Content-Length`` above the cap is refused before reading. Conditional
GET: pass the validators of the last fetch; a 304 answer is ``not_modified``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from types import TracebackType

import httpx

from ingest.addresses import RefusedAddress, check_request
from ingest.items import quoted
from ingest.library_texts import http_status
from ingest.network_errors import network_phrase
from ingest.phrases import Phrase, phrase_of
from ingest.validation import MAX_INPUT_BYTES, fetch_url_problem

USER_AGENT = "briefbot/0.1 (+https://github.com/briefbot; news brief ingester)"
MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
DEADLINE_SECONDS = 45.0
# Entries of one fetched feed read per poll or ingest, newest first (BRIEFBOT_FEED_MAX_ITEMS).
MAX_FEED_ITEMS = 1_000


class FetchError(Exception):
    """A URL could not be fetched; the message is one line naming why."""


@dataclass(frozen=True)
class FetchResult:
    """The answer to one GET (``content`` is empty when ``not_modified``)."""

    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """An ``httpx.AsyncClient`` with briefbot's limits; use ``async with``."""

    def __init__(
        self,
        client: httpx.AsyncClient | None = None,
        *,
        max_bytes: int = MAX_INPUT_BYTES,
        max_redirects: int = MAX_REDIRECTS,
        timeout: httpx.Timeout = TIMEOUT,
        user_agent: str = USER_AGENT,
        transport: httpx.AsyncBaseTransport | None = None,
        allow_private: bool = False,
        deadline: float = DEADLINE_SECONDS,
        max_feed_items: int = MAX_FEED_ITEMS,
    ) -> None:
        self.max_bytes = max_bytes
        self.deadline = deadline
        self.max_feed_items = max_feed_items  # a bound on what one fetched document yields
        self.max_redirects = max_redirects
        self._owns_client = client is None
        self._client = client or httpx.AsyncClient(
            follow_redirects=True,
            max_redirects=max_redirects,
            timeout=timeout,
            headers={"User-Agent": user_agent},
            transport=transport,
            event_hooks={"request": [] if allow_private else [check_request]},
        )

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET ``url``; raises :class:`FetchError` for anything but 2xx or 304."""
        problem = fetch_url_problem(url)
        if problem:
            raise FetchError(problem)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            async with asyncio.timeout(self.deadline):
                async with self._client.stream("GET", url, headers=headers) as response:
                    return await self._read(response)
        except TimeoutError:
            raise FetchError(
                Phrase(
                    "no complete answer within the {seconds} s deadline",
                    seconds=f"{self.deadline:g}",
                )
            ) from None
        except RefusedAddress as error:
            raise FetchError(Phrase("refused: {error}", error=phrase_of(error))) from None
        except httpx.TooManyRedirects:
            raise FetchError(
                Phrase("too many redirects (more than {count})", count=self.max_redirects)
            ) from None
        except httpx.TimeoutException:
            raise FetchError(Phrase("timed out")) from None
        except httpx.UnsupportedProtocol:
            raise FetchError(Phrase("redirected to a URL that is not http(s)")) from None
        except httpx.InvalidURL:  # not an HTTPError: a redirect's Location no client can read
            raise FetchError(Phrase("not a valid URL: {url}", url=quoted(url))) from None
        except httpx.HTTPError as error:
            said = phrase_of(error)  # ours (a host that did not resolve) or the library's text
            reason = said if isinstance(said, Phrase) else network_phrase(error)
            if reason is not None:
                raise FetchError(Phrase("network error: {reason}", reason=reason)) from None
            kind = type(error).__name__
            raise FetchError(
                Phrase("network error: {kind}: {error}", kind=kind, error=said)
            ) from None

    async def _read(self, response: httpx.Response) -> FetchResult:
        final_url = str(response.url)
        problem = fetch_url_problem(final_url)
        if problem:
            raise FetchError(Phrase("redirected to {problem}", problem=problem))
        if response.status_code != 304 and not response.is_success:
            raise FetchError(http_status(response.status_code, response.reason_phrase))
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(
                Phrase(
                    "too large: {size} bytes, cap {cap}",
                    size=f"{int(declared):,}",
                    cap=f"{self.max_bytes:,}",
                )
            )
        body = bytearray()
        if response.status_code != 304:
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > self.max_bytes:
                    raise FetchError(
                        Phrase("too large: over the cap of {cap} bytes", cap=f"{self.max_bytes:,}")
                    )
        return FetchResult(
            url=final_url,
            status=response.status_code,
            content=bytes(body),
            content_type=response.headers.get("Content-Type", "").split(";")[0].strip().lower(),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
