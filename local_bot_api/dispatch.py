"""``Dispatcher``: runs one Bot API call, after the scripted faults had their say."""

from __future__ import annotations

from typing import Any

from local_bot_api.errors import ApiError
from local_bot_api.faults import FaultInjector
from local_bot_api.methods import MethodTable
from local_bot_api.params import Params
from local_bot_api.state import BotState


class Dispatcher:
    """Finds the handler of a method, applies the first matching fault rule, runs the handler."""

    def __init__(self, state: BotState, methods: MethodTable, faults: FaultInjector) -> None:
        """Dispatch to ``methods``; ``state`` tells when the server stops (ending delays)."""
        self.state = state
        self.methods = methods
        self.faults = faults

    async def call(self, method: str, params: Params) -> Any:
        """The ``result`` of ``method``; raises :class:`ApiError` for an error response."""
        handler = self.methods.find(method)
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

    async def _sleep(self, seconds: float) -> None:
        """Sleep, but wake early when the server stops."""
        await self.state.changed.wait_until(lambda: self.state.closed, seconds)
