"""PTB's HTTP transport on aiohttp: the bot's Bot API calls cost a fraction of httpx's CPU.

Profiling a broadcast at L = 300 msg/s showed the bot CPU-bound, about 40 % of it in httpx and
httpcore: httpcore's pool checks every pooled connection (a ``poll`` and a ``getpeername`` per
idle one) and compares each with every other, for each request, so with the few dozen
connections a fast broadcast keeps open each send paid hundreds of such checks. aiohttp (already
a dependency: the local Bot API server is built on it) keeps its pool in a queue and parses
HTTP in C.

Errors keep PTB's meaning, which the worker's fault handling relies on: a timeout is
``TimedOut``, any other transport failure ``NetworkError``; the status codes are mapped by
PTB's :class:`~telegram.request.BaseRequest` as for every transport.
"""

from __future__ import annotations

import json

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

CONNECTION_POOL_SIZE = 256  # as PTB's own default for the bot's requests


class AiohttpRequest(BaseRequest):
    """A :class:`~telegram.request.BaseRequest` on one ``aiohttp.ClientSession``."""

    __slots__ = ("_connect_timeout", "_pool_size", "_read_timeout", "_session", "_write_timeout")

    def __init__(
        self,
        *,
        connection_pool_size: int = CONNECTION_POOL_SIZE,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout in seconds."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Open the session (idempotent)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        """Close the session (idempotent)."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """One request: (status, body); ``TimedOut`` or ``NetworkError`` when it fails."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        read = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = (
            self._connect_timeout if isinstance(connect_timeout, DefaultValue) else connect_timeout
        )
        write = self._write_timeout if isinstance(write_timeout, DefaultValue) else write_timeout
        # aiohttp has no write timeout of its own: sending the request counts against connect
        # and read together, so a stalled upload still ends.
        timeout = aiohttp.ClientTimeout(
            sock_connect=connect, sock_read=read, total=_sum(connect, write, read)
        )
        body, headers = _body(request_data)
        try:
            async with self._session.request(
                method,
                url,
                data=body,
                headers={"User-Agent": self.USER_AGENT, **headers},
                timeout=timeout,
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error


def _sum(*seconds: float | None) -> float | None:
    """The total of the timeouts; None (no limit) if any is None."""
    if any(value is None for value in seconds):
        return None
    return sum(value for value in seconds if value is not None)


def _body(
    request_data: RequestData | None,
) -> tuple[aiohttp.FormData | bytes | None, dict[str, str]]:
    """The parameters as one JSON document, or multipart when files are uploaded; headers.

    JSON, not a url-encoded form: encoding a digest's text as a form (``urllib.parse.quote``
    character by character) was the largest part of the bot's own CPU per send in the profile
    of three instances at L = 1,000. The Bot API takes either.
    """
    if request_data is None:
        return None, {}
    files = request_data.multipart_data
    if not files:
        document = json.dumps(request_data.parameters, ensure_ascii=False)
        return document.encode(), {"Content-Type": "application/json"}
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form, {}
