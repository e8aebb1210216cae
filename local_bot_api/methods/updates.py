"""Update delivery: getUpdates long polling and the (stored only) webhook."""

from __future__ import annotations

from local_bot_api.errors import ApiError
from local_bot_api.models import JSON
from local_bot_api.params import Handler, Params
from local_bot_api.state import DEFAULT_ALLOWED_UPDATES, BotState


class UpdateMethods:
    """Handlers that hand the queued updates to the bot; one long poll at a time."""

    def __init__(self, state: BotState) -> None:
        """Serve the update queue of ``state``."""
        self.state = state
        # The pending long poll's ticket; a newer poll sets it to [True] to end it with 409.
        self._poll: list[bool] | None = None

    def handlers(self) -> dict[str, Handler]:
        """The Bot API methods of this group by their Telegram names."""
        return {
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
        }

    @property
    def is_polling(self) -> bool:
        """True while a ``getUpdates`` long poll is waiting."""
        return self._poll is not None

    async def get_updates(self, p: Params) -> list[JSON]:
        """Long-poll the update queue; a newer call terminates an older one with 409."""
        state = self.state
        if state.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset, limit = p.integer("offset"), min(max(p.integer("limit") or 100, 1), 100)
        timeout = max(p.number("timeout") or 0.0, 0.0)
        allowed = p.obj("allowed_updates")
        if allowed is not None:
            state.allowed_updates = frozenset(allowed) if allowed else DEFAULT_ALLOWED_UPDATES
        if offset:
            state.confirm_updates(offset)
        if self._poll is not None:
            self._poll[0] = True
        ticket = self._poll = [False]
        state.changed.notify()
        try:
            await state.changed.wait_until(
                lambda: ticket[0] or state.closed or bool(state.updates), timeout
            )
        finally:
            if self._poll is ticket:
                self._poll = None
        if ticket[0]:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        return state.updates[:limit]

    async def set_webhook(self, p: Params) -> bool:
        """Remember the webhook URL (updates are not pushed to it)."""
        self.state.webhook_url = p.string("url") or ""
        return True

    async def delete_webhook(self, p: Params) -> bool:
        """Forget the webhook URL, optionally dropping pending updates."""
        self.state.webhook_url = ""
        if p.flag("drop_pending_updates"):
            self.state.updates.clear()
        return True

    async def get_webhook_info(self, p: Params) -> JSON:
        """Describe the webhook state."""
        return {
            "url": self.state.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.updates),
        }
