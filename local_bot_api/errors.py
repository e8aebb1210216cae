"""Bot API error responses: the ``ApiError`` exception and the 400 ``bad_request`` helper."""

from __future__ import annotations

from local_bot_api.models import JSON


class ApiError(Exception):
    """A Bot API error response: HTTP status, description, optional ``ResponseParameters``."""

    def __init__(
        self,
        status: int,
        description: str,
        retry_after: int | None = None,
        *,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Store the status, description, flood-wait seconds and the chat's new id (if any)."""
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id

    def to_api(self) -> JSON:
        """Render the JSON body Telegram would return."""
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        parameters: JSON = {}
        if self.migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = self.migrate_to_chat_id
        if self.retry_after is not None:
            parameters["retry_after"] = self.retry_after
        if parameters:
            body["parameters"] = parameters
        return body


def bad_request(detail: str) -> ApiError:
    """A 400 error with Telegram's 'Bad Request: ' prefix."""
    return ApiError(400, f"Bad Request: {detail}")
