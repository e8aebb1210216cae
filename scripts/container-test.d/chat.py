"""Play one reader against the local Bot API server for scripts/container-test (stdlib only).

Usage: python3 chat.py CONTROL_URL CHAT_ID STEP, where STEP is ``start``, ``latest`` or
``digest``. Each step sends its command, waits for the bot's answer and checks it; success
prints one line and exits 0, a failure prints one line naming what was missing and exits 1.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import urllib.error
import urllib.request
from typing import Any


def call(control_url: str, path: str, body: dict[str, Any]) -> Any:
    """POST a JSON body to a control endpoint; the ``result`` of its answer."""
    request = urllib.request.Request(
        f"{control_url}/{path}",
        data=json.dumps(body).encode(),
        headers={"content-type": "application/json"},
    )
    timeout = float(body.get("timeout", 5)) + 10
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)["result"]


def last_message_id(control_url: str, chat_id: int) -> int:
    """The id of the newest message in the chat (0 when it is empty)."""
    url = f"{control_url}/messages?chat_id={chat_id}"
    with urllib.request.urlopen(url, timeout=10) as response:
        messages = json.load(response)["result"]
    return max((int(m["message_id"]) for m in messages), default=0)


def say(control_url: str, chat_id: int, text: str, timeout: float) -> str:
    """Send ``text`` as the reader and return the text of the bot's first answer to it."""
    after = last_message_id(control_url, chat_id)
    call(control_url, "send", {"chat_id": chat_id, "text": text})
    return wait(control_url, chat_id, after + 1, timeout)


def wait(control_url: str, chat_id: int, after: int, timeout: float) -> str:
    """The text of the bot's first message after message ``after``, waiting up to ``timeout``."""
    body = {"chat_id": chat_id, "count": 1, "timeout": timeout, "after_message_id": after}
    try:
        [message, *_] = call(control_url, "wait", body)
    except urllib.error.HTTPError as error:
        if error.code == 408:
            raise SystemExit(f"no answer within {timeout:.0f} s") from None
        raise
    return str(message.get("text", ""))


def expect(answer: str, needle: str, what: str) -> None:
    """Exit with one line unless ``needle`` is in the answer."""
    if needle not in answer:
        first = answer.splitlines()[0] if answer else "(empty)"
        raise SystemExit(f"{what}: expected {needle!r}, got {first[:120]!r}")


def digest_minute(now: dt.datetime) -> dt.datetime:
    """A UTC minute soon enough to wait for and surely after the /digest command lands."""
    minute = now.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    # Less than 20 s before that minute, the command might be handled after it: take the next.
    return minute if (minute - now).total_seconds() >= 20 else minute + dt.timedelta(minutes=1)


def main(argv: list[str]) -> int:
    """Run one step; one line either way."""
    if len(argv) != 3 or argv[2] not in {"start", "latest", "digest"}:
        print("usage: chat.py CONTROL_URL CHAT_ID start|latest|digest", file=sys.stderr)
        return 2
    control_url, chat_id, step = argv[0].rstrip("/"), int(argv[1]), argv[2]
    try:
        if step == "start":
            answer = say(control_url, chat_id, "/start", 60)
            expect(answer, "Welcome to briefbot", "/start")
            print("/start answered: " + answer.splitlines()[0])
        elif step == "latest":
            answer = say(control_url, chat_id, "/latest 1", 60)
            expect(answer, "Israel", "/latest 1")
            print("/latest 1 answered: " + answer.splitlines()[0][:100])
        else:
            at = digest_minute(dt.datetime.now(dt.UTC))
            answer = say(control_url, chat_id, f"/digest {at:%H:%M} UTC", 60)
            expect(answer, f"{at:%H:%M}", "/digest")
            after = last_message_id(control_url, chat_id)
            # Due at that minute; the scheduler's tick runs once a minute, then a worker sends.
            digest = wait(control_url, chat_id, after, 240)
            expect(digest, "Digest for", "digest")
            expect(digest, "Israel", "digest")
            print(f"digest due {at:%H:%M} UTC arrived: " + digest.splitlines()[0])
    except SystemExit as failure:
        print(f"{step}: {failure}", file=sys.stderr)
        return 1
    except (OSError, ValueError, KeyError) as error:
        print(f"{step}: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
