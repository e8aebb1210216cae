"""The one send path's keyboard and defaults."""

from __future__ import annotations

from telegram.constants import ParseMode

from outbox.send import BUTTONS_PER_ROW, bot_defaults, keyboard
from rendering.messages import Button, MessagePart


def test_a_part_without_buttons_has_no_keyboard() -> None:
    assert keyboard(MessagePart("Hello")) is None


def test_buttons_go_in_rows_of_at_most_buttons_per_row_in_order() -> None:
    buttons = tuple(Button(f"📄 {n}", f"full:{n}") for n in range(1, 2 * BUTTONS_PER_ROW + 2))
    markup = keyboard(MessagePart("Briefs", buttons))
    assert markup is not None
    rows = [[(b.text, b.callback_data) for b in row] for row in markup.inline_keyboard]
    assert [len(row) for row in rows] == [BUTTONS_PER_ROW, BUTTONS_PER_ROW, 1]
    assert [pair for row in rows for pair in row] == [(b.text, b.data) for b in buttons]


def test_defaults_are_html_without_link_previews() -> None:
    defaults = bot_defaults()
    assert defaults.parse_mode == ParseMode.HTML
    assert defaults.link_preview_options is not None
    assert defaults.link_preview_options.is_disabled is True
