"""The bot's typed callback context (PTB's ``ContextTypes`` pattern): ``context.services``.

The composition root puts the open :class:`BotServices` on :class:`BotData` in ``post_init``;
handlers and jobs read them as ``context.services`` instead of from ``bot_data`` by key.
``context.translator`` is the bot's words for this update, in the chat's language: set before
any handler runs (:func:`bot.handlers.language.choose_language`), English until then.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from rendering.translation import Translator
from runtime.services import BotServices


@dataclass
class BotData:
    """What the application shares across chats: the services once ``post_init`` opened them."""

    services: BotServices | None = None

    def require_services(self) -> BotServices:
        """The open services; ``RuntimeError`` before ``post_init`` or after a failed start."""
        if self.services is None:
            raise RuntimeError("the bot's services are not open (post_init has not run)")
        return self.services


# Bidirectional embedding, override and isolate controls: one left open in a command's
# argument and echoed back ("/language \u202eur") reversed the rest of the bot's line. No
# command needs them, so they are dropped from every argument as PTB sets it.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """The context every handler and job receives (one per update)."""

    _translator: Translator | None = None
    _arguments: list[str] | None = None

    @property
    def args(self) -> list[str] | None:
        """A command's arguments, without bidirectional controls (see ``_BIDI_CONTROLS``)."""
        return self._arguments

    @args.setter
    def args(self, value: list[str] | None) -> None:
        cleaned = None if value is None else [arg.translate(_BIDI_CONTROLS) for arg in value]
        self._arguments = None if cleaned is None else [arg for arg in cleaned if arg]

    @property
    def services(self) -> BotServices:
        """The services the composition root opened in ``post_init``."""
        return self.bot_data.require_services()

    @property
    def translator(self) -> Translator:
        """The bot's words for this update (:func:`bot.handlers.language.choose_language`)."""
        if self._translator is not None:
            return self._translator
        services = self.bot_data.services
        return services.catalogues.english if services is not None else Translator("en")

    @translator.setter
    def translator(self, translator: Translator) -> None:
        self._translator = translator


# The bot type depends on the rate limiter and the job queue's on PTB's builder overloads.
BotApplication = Application[Any, BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]


def context_types() -> ContextTypes[BotContext, dict[Any, Any], dict[Any, Any], BotData]:
    """The ``ContextTypes`` to build the application with."""
    return ContextTypes(context=BotContext, bot_data=BotData)
