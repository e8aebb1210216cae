"""The aiohttp application serving the Bot API HTTP shape, plus the in-process control API."""

from __future__ import annotations

import logging
import time
from types import TracebackType
from typing import Any

from aiohttp import web

from local_bot_api.control import add_control_routes
from local_bot_api.faults import FaultInjector, FaultRule, RateLimiter, RateLimits
from local_bot_api.methods import Methods, Params, Upload, bad_request
from local_bot_api.user_actions import JSON, ApiError, BotState, CallRecord

DEFAULT_TOKEN = "123456789:AAH-local-bot-api-test-token-000000"
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


class LocalBotApi(BotState):
    """A local Telegram Bot API server for one bot token, with simulated users and faults."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_name: str = "BriefBot",
        bot_username: str = "briefbot_bot",
        rate_limits: RateLimits | None = None,
    ) -> None:
        """Create the server state; nothing listens until :meth:`start`."""
        super().__init__(token, bot_name=bot_name, bot_username=bot_username)
        self.faults = FaultInjector()
        self.methods = Methods(self)
        self.methods.limiter = RateLimiter(rate_limits) if rate_limits else None
        self.url = ""
        self._runner: web.AppRunner | None = None

    # -- addresses --------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """Value for ``ApplicationBuilder().base_url(...)``."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for ``ApplicationBuilder().base_file_url(...)``."""
        return f"{self.url}/file/bot"

    @property
    def control_url(self) -> str:
        """Root of the HTTP control endpoints."""
        return f"{self.url}/_control"

    # -- lifecycle --------------------------------------------------------------------------
    def make_app(self) -> web.Application:
        """Build the aiohttp application (routes for the API, files and control)."""
        app = web.Application(client_max_size=MAX_UPLOAD)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        add_control_routes(app, self)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on ``host:port`` (0 = ephemeral) and return :attr:`base_url`."""
        if self._runner is not None:
            raise RuntimeError("LocalBotApi is already running")
        self.closed = False
        runner = web.AppRunner(
            self.make_app(), access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        bound_host, bound_port = runner.addresses[0][:2]
        self.url = f"http://{bound_host}:{bound_port}"
        _LOG.info("local Bot API listening on %s", self.url)
        return self.base_url

    async def stop(self) -> None:
        """Wake pending long polls and delays, then shut the server down."""
        self.closed = True
        self.changed.notify()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def __aenter__(self) -> LocalBotApi:
        """Start on an ephemeral port."""
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the server."""
        await self.stop()

    # -- fault injection --------------------------------------------------------------------
    def fail_next(
        self,
        method: str | None = None,
        *,
        status: int = 500,
        retry_after: int | None = None,
        description: str | None = None,
        times: int = 1,
        chat_id: int | str | None = None,
        delay: float = 0.0,
    ) -> FaultRule:
        """Answer the next ``times`` matching calls with an error (after ``delay`` seconds)."""
        rule = FaultRule(method, chat_id, status, description, retry_after, times, delay)
        return self.faults.add(rule)

    def delay_next(
        self,
        method: str | None = None,
        *,
        seconds: float,
        times: int = 1,
        chat_id: int | str | None = None,
    ) -> FaultRule:
        """Execute the next matching calls but answer ``seconds`` late (client timeouts)."""
        return self.faults.add(FaultRule(method, chat_id, None, times=times, delay=seconds))

    def clear_faults(self) -> None:
        """Drop all scripted faults."""
        self.faults.clear()

    def enforce_rate_limits(self, limits: RateLimits | None = None, **overrides: Any) -> None:
        """Turn on Telegram-like flood control (defaults: 1/s per chat, 20/min per group)."""
        limits = limits or RateLimits(**overrides)
        self.methods.limiter = RateLimiter(limits)

    def disable_rate_limits(self) -> None:
        """Turn flood control off."""
        self.methods.limiter = None

    # -- request handling -------------------------------------------------------------------
    async def _sleep(self, seconds: float) -> None:
        """Sleep, but wake early when the server stops."""
        await self.changed.wait_until(lambda: self.closed, seconds)

    async def _handle_api(self, request: web.Request) -> web.Response:
        """Serve ``/bot<token>/<method>``."""
        if request.match_info["token"] != self.token:
            return api_response(ApiError(401, "Unauthorized").to_api(), 401)
        method = request.match_info["method"]
        record = CallRecord(method, {}, time.time())
        self.call_log.append(record)
        try:
            params = await read_params(request)
            record.params = params.raw | {
                k: f"<file {v.filename}>" for k, v in params.files.items()
            }
            record.chat_id = params.raw.get("chat_id")
            result = await self._dispatch(method, params)
        except ApiError as exc:
            record.status = exc.status
            return api_response(exc.to_api(), exc.status)
        finally:
            self.changed.notify()  # waiters on calls() see every answered call
        record.status = 200
        return api_response({"ok": True, "result": result})

    async def _dispatch(self, method: str, params: Params) -> Any:
        """Apply scripted faults, then run the method handler."""
        handler = self.methods.handlers.get(method.lower())
        if handler is None:
            raise ApiError(404, "Not Found")
        rule = self.faults.take(method, params.raw.get("chat_id"))
        if rule is None:
            return await handler(params)
        error = rule.error()
        if error is not None:
            await self._sleep(rule.delay)
            raise error
        result = await handler(params)
        await self._sleep(rule.delay)
        return result

    async def _handle_file(self, request: web.Request) -> web.Response:
        """Serve ``/file/bot<token>/<file_path>`` downloads."""
        if request.match_info["token"] != self.token:
            return api_response(ApiError(401, "Unauthorized").to_api(), 401)
        path = request.match_info["path"]
        for stored in self.files.values():
            if stored.file_path == path:
                content_type = stored.mime_type or "application/octet-stream"
                return web.Response(body=stored.content, content_type=content_type)
        return api_response(ApiError(404, "Not Found").to_api(), 404)
