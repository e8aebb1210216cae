"""Request parameters of a Bot API call: ``Params`` coercion and multipart ``Upload``s."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from local_bot_api.errors import bad_request


@dataclass
class Upload:
    """A file part received in a multipart request."""

    filename: str | None
    content_type: str | None
    content: bytes


class Params:
    """Request parameters with Telegram's lenient coercion (form strings hold JSON values)."""

    def __init__(self, raw: Mapping[str, Any], files: Mapping[str, Upload] | None = None) -> None:
        """Wrap already-decoded fields and uploaded files."""
        self.raw = dict(raw)
        self.files = dict(files or {})

    def string(self, name: str) -> str | None:
        """A string field (numbers are stringified), or None."""
        value = self.raw.get(name)
        return None if value is None else str(value)

    def integer(self, name: str) -> int | None:
        """An integer field, or None; 400 when it is not a number."""
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return int(float(value)) if isinstance(value, (str, float)) else int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def number(self, name: str) -> float | None:
        """A numeric field, or None."""
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def flag(self, name: str) -> bool:
        """A boolean field (absent means False)."""
        return self.raw.get(name) in (True, 1, "true", "True", "1")

    def obj(self, name: str) -> Any:
        """A nested object field; form requests carry it JSON-encoded."""
        value = self.raw.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {name} JSON object") from None
        return value

    def chat_ref(self) -> int | str | None:
        """The raw ``chat_id`` (an int, or an ``@username`` string)."""
        value = self.raw.get("chat_id")
        if isinstance(value, str) and not value.lstrip("-").isdigit():
            return value
        return self.integer("chat_id")


Handler = Callable[[Params], Awaitable[Any]]
"""A Bot API method: decoded parameters in, the ``result`` of the response out."""
