"""The method table: every group's methods, found by name in any case, as the README lists them."""

from __future__ import annotations

import re
from pathlib import Path

import local_bot_api
from local_bot_api import LocalBotApi

README = Path(local_bot_api.__file__).with_name("README.md")


def readme_methods() -> list[str]:
    """The method names in the first column of the README's "Bot API methods" table."""
    section = README.read_text().split("## Bot API methods", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(\w+)`", section, flags=re.MULTILINE)


def test_the_readme_lists_exactly_the_methods_the_server_answers() -> None:
    names = LocalBotApi().methods.names

    assert len(names) == 22
    assert sorted(readme_methods()) == sorted(names)


def test_methods_are_found_in_any_case_and_unknown_ones_are_not() -> None:
    methods = LocalBotApi().methods

    assert methods.find("SENDMESSAGE") == methods.messages.send_message
    assert methods.find("getupdates") == methods.updates.get_updates
    assert methods.find("sendTelepathy") is None
