"""``LocalBotApi``: the local Bot API server as one object, composed of parts that own one idea."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from aiohttp import web

from local_bot_api.control import add_control_routes
from local_bot_api.dispatch import Dispatcher
from local_bot_api.faults import FaultInjector, RateLimiter, RateLimits
from local_bot_api.forums import Forums
from local_bot_api.membership import Membership
from local_bot_api.methods import ChatAccess, MethodTable
from local_bot_api.models import JSON, CallbackQueryRecord, Chat, StoredFile, User
from local_bot_api.notifier import Notifier
from local_bot_api.server import HttpServer
from local_bot_api.state import BotState
from local_bot_api.user_actions import UserActions

DEFAULT_TOKEN = "123456789:AAH-local-bot-api-test-token-000000"


class LocalBotApi:
    """A local Telegram Bot API server for one bot token, with simulated users and faults.

    The parts: ``state`` (users, chats, transcripts, updates, calls), ``membership`` (who is in
    which chat), ``forums`` (topics of forum supergroups), ``actions`` (what a simulated user
    does), ``methods`` (the Bot API handlers), ``faults`` (scripted failures), ``access`` (chat
    lookup, access rules, flood control) and ``http`` (the aiohttp server). Their scripting
    methods are exposed here under one name each.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_name: str = "BriefBot",
        bot_username: str = "briefbot_bot",
        rate_limits: RateLimits | None = None,
    ) -> None:
        """Create the server's parts; nothing listens until :meth:`start`."""
        self.state = BotState(token, bot_name=bot_name, bot_username=bot_username)
        self.membership = Membership(self.state)
        self.forums = Forums(self.state)
        self.actions = UserActions(self.state)
        self.access = ChatAccess(self.state)
        self.access.limiter = RateLimiter(rate_limits) if rate_limits else None
        self.methods = MethodTable(self.state, self.access, self.membership)
        self.faults = FaultInjector()
        self.http = HttpServer(self.state, Dispatcher(self.state, self.methods, self.faults))
        # The world: users, chats and the bot's membership (each change queues my_chat_member).
        self.create_user = self.membership.create_user
        self.create_private_chat = self.membership.create_private_chat
        self.create_group = self.membership.create_group
        self.create_channel = self.membership.create_channel
        self.member_status = self.membership.member_status
        self.set_bot_status = self.membership.set_bot_status
        self.block_bot = self.membership.block_bot
        self.unblock_bot = self.membership.unblock_bot
        self.remove_bot = self.membership.remove_bot
        self.migrate_group = self.membership.migrate_group
        # Topics of forum supergroups (create_group(..., forum=True)).
        self.create_topic = self.forums.create_topic
        self.delete_topic = self.forums.delete_topic
        # What simulated users do.
        self.user_sends = self.actions.user_sends
        self.user_presses = self.actions.user_presses
        # Transcripts, updates and the call log.
        self.chat = self.state.chat
        self.messages = self.state.messages
        self.find_message = self.state.find_message
        self.wait_for_messages = self.state.wait_for_messages
        self.new_message = self.state.new_message
        self.add_file = self.state.add_file
        self.queue_update = self.state.queue_update
        self.calls = self.state.calls
        # Scripted faults.
        self.fail_next = self.faults.fail_next
        self.delay_next = self.faults.delay_next
        self.clear_faults = self.faults.clear

    # -- what the state holds ---------------------------------------------------------------
    @property
    def token(self) -> str:
        """The bot token the server answers to (others get 401)."""
        return self.state.token

    @property
    def bot(self) -> User:
        """The bot's own ``User``."""
        return self.state.bot

    @property
    def users(self) -> dict[int, User]:
        """Simulated users by id."""
        return self.state.users

    @property
    def chats(self) -> dict[int, Chat]:
        """Chats by id."""
        return self.state.chats

    @property
    def files(self) -> dict[str, StoredFile]:
        """Stored files by file_id."""
        return self.state.files

    @property
    def callback_queries(self) -> dict[str, CallbackQueryRecord]:
        """Simulated button presses by callback query id."""
        return self.state.callback_queries

    @property
    def updates(self) -> list[JSON]:
        """The pending update queue."""
        return self.state.updates

    @property
    def commands(self) -> dict[str, list[JSON]]:
        """Command lists from ``setMyCommands`` by scope and language."""
        return self.state.commands

    @property
    def webhook_url(self) -> str:
        """The URL of the last ``setWebhook`` ("" when none)."""
        return self.state.webhook_url

    @property
    def changed(self) -> Notifier:
        """Wakes waiters whenever the state changes or a call is answered."""
        return self.state.changed

    # -- addresses --------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The server's root, ``http://host:port`` ("" until started)."""
        return self.http.url

    @url.setter
    def url(self, value: str) -> None:
        """Name the address before :meth:`start` (which replaces it with the bound one)."""
        self.http.url = value

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
        return self.http.make_app(lambda app: add_control_routes(app, self))

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on ``host:port`` (0 = ephemeral) and return :attr:`base_url`."""
        await self.http.start(self.make_app(), host, port)
        return self.base_url

    async def stop(self) -> None:
        """Wake pending long polls and delays, then shut the server down."""
        await self.http.stop()

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

    # -- flood control ----------------------------------------------------------------------
    def enforce_rate_limits(self, limits: RateLimits | None = None, **overrides: Any) -> None:
        """Turn on Telegram-like flood control (defaults: 1/s per chat, 20/min per group)."""
        self.access.limiter = RateLimiter(limits or RateLimits(**overrides))

    def disable_rate_limits(self) -> None:
        """Turn flood control off."""
        self.access.limiter = None
