"""Common network failures are said in catalogue words; other ones keep the library's text."""

from __future__ import annotations

import asyncio
import socket
import ssl
from typing import Any

import httpx
import pytest

from ingest.http import Fetcher, FetchError
from ingest.network_errors import resolution_phrase
from storage.phrase_documents import phrase_document
from tests.support.world import free_port


async def fetch_error(url: str, transport: httpx.AsyncBaseTransport | None = None) -> FetchError:
    async with Fetcher(allow_private=True, transport=transport) as fetcher:
        with pytest.raises(FetchError) as raised:
            await fetcher.fetch(url)
    return raised.value


def raising(error: Exception) -> httpx.MockTransport:
    """A transport whose every request fails with ``error``."""

    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    return httpx.MockTransport(handler)


def chained(error: httpx.HTTPError, cause: BaseException) -> httpx.HTTPError:
    """``error`` raised from ``cause``, as httpx raises its errors from the OS's."""
    error.__cause__ = cause
    return error


async def test_a_closed_port_is_said_as_a_refused_connection_in_catalogue_words() -> None:
    error = await fetch_error(f"http://127.0.0.1:{free_port()}/feed")

    assert str(error) == "network error: the server refused the connection"
    assert phrase_document(error.args[0]) == {
        "message": "network error: {reason}",
        "values": {"reason": {"message": "the server refused the connection", "values": {}}},
    }


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        (
            chained(httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED]"),
                    ssl.SSLCertVerificationError(1, "certificate verify failed")),
            "the server's TLS certificate was not accepted",
        ),
        (
            chained(httpx.ConnectError("[SSL] record layer failure"), ssl.SSLError(1, "bad")),
            "the TLS handshake with the server failed",
        ),
        (
            chained(httpx.ReadError("[Errno 104]"), ConnectionResetError(104, "reset by peer")),
            "the server reset the connection",
        ),
        (
            chained(httpx.ConnectError("[Errno 113]"), OSError(113, "No route to host")),
            "the server's network cannot be reached",
        ),
        (
            httpx.RemoteProtocolError("Server disconnected without sending a response."),
            "the server closed the connection without a valid answer",
        ),
    ],
)  # fmt: skip
async def test_common_failures_behind_an_httpx_error_are_said_in_catalogue_words(
    failure: httpx.HTTPError, said: str
) -> None:
    error = await fetch_error("http://feeds.example/rss", raising(failure))

    assert str(error) == f"network error: {said}"


async def test_a_body_that_does_not_decompress_is_said_in_catalogue_words() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=b"not gzip")

    error = await fetch_error("http://feeds.example/rss", httpx.MockTransport(handler))

    said = "the server's compressed answer could not be decompressed"
    assert str(error) == f"network error: {said}"


async def test_another_network_failure_keeps_the_librarys_kind_and_text() -> None:
    error = await fetch_error("http://feeds.example/rss", raising(httpx.ReadError("boom")))

    assert str(error) == "network error: ReadError: boom"


async def test_a_host_name_that_does_not_resolve_is_named_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def no_such_host(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(asyncio.get_running_loop(), "getaddrinfo", no_such_host)
    async with Fetcher() as fetcher:  # public hosts only: the name is resolved before connecting
        with pytest.raises(FetchError) as raised:
            await fetcher.fetch("http://nowhere.example/rss")

    assert str(raised.value) == "network error: cannot resolve nowhere.example: no such host"


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "no such host"),
        (
            socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution"),
            "the name server did not answer; try again later",
        ),
        (UnicodeError("label too long"), "not a valid host name"),
        (socket.gaierror(socket.EAI_FAIL, "Non-recoverable failure"),
         "[Errno -4] Non-recoverable failure"),
    ],
)  # fmt: skip
def test_a_resolution_failure_is_said_in_catalogue_words_when_common(
    error: socket.gaierror | UnicodeError, said: str
) -> None:
    assert resolution_phrase(error) == said
