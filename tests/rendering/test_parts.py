"""Message parts: the outbox payload they are stored as, and how a malformed one is refused."""

from __future__ import annotations

from typing import Any

import pytest

from rendering.parts import Button, MessagePart, parts_to_payload, payload_parts


def test_payload_round_trips() -> None:
    parts = [MessagePart("<b>a</b>", (Button("📄 1", "full:1"),)), MessagePart("b")]
    payload = parts_to_payload(parts)
    assert payload == {
        "parts": [
            {"text": "<b>a</b>", "buttons": [{"text": "📄 1", "data": "full:1"}]},
            {"text": "b", "buttons": []},
        ],
        "sent": 0,
        "message_ids": [],
    }
    assert payload_parts(payload) == parts


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ([], "payload must be an object, not list"),
        ({}, "payload.parts must be a non-empty list"),
        ({"parts": []}, "payload.parts must be a non-empty list"),
        ({"parts": ["x"]}, "payload.parts[0] must be an object"),
        ({"parts": [{"text": ""}]}, "payload.parts[0].text must be a non-empty string"),
        ({"parts": [{"text": "a", "buttons": {}}]}, "payload.parts[0].buttons must be a list"),
        (
            {"parts": [{"text": "a", "buttons": [{"text": "b"}]}]},
            "payload.parts[0].buttons[0] must have non-empty string text and data",
        ),
        (
            {"parts": [{"text": "a", "buttons": ["b"]}]},
            "payload.parts[0].buttons[0] must have non-empty string text and data",
        ),
        (
            {"parts": [{"text": "a", "buttons": [{"text": "", "data": "d"}]}]},
            "payload.parts[0].buttons[0] must have non-empty string text and data",
        ),
        (
            {"parts": [{"text": "a", "buttons": [{"text": 5, "data": "d"}]}]},
            "payload.parts[0].buttons[0] must have non-empty string text and data",
        ),
        (
            {"parts": [{"text": "a", "buttons": [{"text": "b", "data": ""}]}]},
            "payload.parts[0].buttons[0] must have non-empty string text and data",
        ),
        (
            {"parts": [{"text": "a", "buttons": [{"text": "b", "data": "x" * 65}]}]},
            "payload.parts[0].buttons[0].data is over 64 bytes",
        ),
        ({"parts": [{"text": "a"}], "sent": 2}, "payload.sent must be an integer from 0 to 1"),
        ({"parts": [{"text": "a"}], "sent": True}, "payload.sent must be an integer from 0 to 1"),
        (
            {"parts": [{"text": "a"}], "message_ids": ["1"]},
            "payload.message_ids must be a list of integers",
        ),
    ],
)
def test_malformed_payloads_raise_value_error_saying_what_is_wrong(
    payload: Any, message: str
) -> None:
    with pytest.raises(ValueError) as caught:
        payload_parts(payload)
    assert str(caught.value) == message


def test_a_payload_part_may_leave_out_its_buttons_and_use_all_64_bytes_of_data() -> None:
    assert payload_parts({"parts": [{"text": "a"}]}) == [MessagePart("a")]
    data = "x" * 64
    payload = {"parts": [{"text": "a", "buttons": [{"text": "b", "data": data}]}]}
    assert payload_parts(payload) == [MessagePart("a", (Button("b", data),))]
