"""Entities Telegram auto-detects in the text a simulated user sends."""

from __future__ import annotations

from local_bot_api.entities import detect_entities


def test_user_text_gets_command_url_mention_and_hashtag_entities() -> None:
    entities = detect_entities("/add@briefbot_bot see https://x.io by @someone #tech")

    assert [(e["type"], e["offset"], e["length"]) for e in entities] == [
        ("bot_command", 0, 17),
        ("url", 22, 12),
        ("mention", 38, 8),
        ("hashtag", 47, 5),
    ]
