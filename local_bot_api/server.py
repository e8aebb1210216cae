"""``HttpServer``: the Bot API's HTTP shape over aiohttp (method calls and file downloads)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from local_bot_api.dispatch import Dispatcher
from local_bot_api.errors import ApiError, bad_request
from local_bot_api.models import JSON, CallRecord
from local_bot_api.params import Params, Upload
from local_bot_api.state import BotState

MAX_UPLOAD = 50 * 1024 * 1024
_LOG = logging.getLogger(__name__)


async def read_params(request: web.Request) -> Params:
    """Decode query string plus JSON, url-encoded or multipart body into :class:`Params`."""
    raw: dict[str, Any] = dict(request.query)
    files: dict[str, Upload] = {}
    if not request.body_exists:
        return Params(raw)
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON request body") from None
        if not isinstance(body, dict):
            raise bad_request("JSON request body must be an object")
        raw.update(body)
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                files[key] = Upload(value.filename, value.content_type, value.file.read())
            else:
                raw[key] = value
    return Params(raw, files)


def api_response(body: JSON, status: int = 200) -> web.Response:
    """A JSON response like Telegram's."""
    return web.json_response(body, status=status)


class HttpServer:
    """Serves ``/bot<token>/<method>`` and ``/file/bot<token>/<path>`` for one bot on one port."""

    def __init__(self, state: BotState, dispatcher: Dispatcher) -> None:
        """Answer for the bot of ``state``; nothing listens until :meth:`start`."""
        self.state = state
        self.dispatcher = dispatcher
        self.url = ""
        self._runner: web.AppRunner | None = None

    def make_app(self, *mounts: Callable[[web.Application], None]) -> web.Application:
        """The aiohttp application: API and file routes, plus whatever ``mounts`` add."""
        app = web.Application(client_max_size=MAX_UPLOAD)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        for mount in mounts:
            mount(app)
        return app

    async def start(self, app: web.Application, host: str, port: int) -> str:
        """Serve ``app`` on ``host:port`` (0 = ephemeral) and return the server's root URL."""
        if self._runner is not None:
            raise RuntimeError("LocalBotApi is already running")
        self.state.closed = False
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        bound_host, bound_port = runner.addresses[0][:2]
        self.url = f"http://{bound_host}:{bound_port}"
        _LOG.info("local Bot API listening on %s", self.url)
        return self.url

    async def stop(self) -> None:
        """Wake pending long polls and delays, then shut the server down."""
        self.state.closed = True
        self.state.changed.notify()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def _handle_api(self, request: web.Request) -> web.Response:
        """Serve ``/bot<token>/<method>``."""
        if request.match_info["token"] != self.state.token:
            return api_response(ApiError(401, "Unauthorized").to_api(), 401)
        method = request.match_info["method"]
        record = CallRecord(method, {}, time.time())
        self.state.call_log.append(record)
        try:
            params = await read_params(request)
            record.params = params.raw | {
                k: f"<file {v.filename}>" for k, v in params.files.items()
            }
            record.chat_id = params.raw.get("chat_id")
            result = await self.dispatcher.call(method, params)
        except ApiError as exc:
            record.status = exc.status
            return api_response(exc.to_api(), exc.status)
        finally:
            self.state.changed.notify()  # waiters on calls() see every answered call
        record.status = 200
        return api_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.Response:
        """Serve ``/file/bot<token>/<file_path>`` downloads."""
        if request.match_info["token"] != self.state.token:
            return api_response(ApiError(401, "Unauthorized").to_api(), 401)
        path = request.match_info["path"]
        for stored in self.state.files.values():
            if stored.file_path == path:
                content_type = stored.mime_type or "application/octet-stream"
                return web.Response(body=stored.content, content_type=content_type)
        return api_response(ApiError(404, "Not Found").to_api(), 404)
