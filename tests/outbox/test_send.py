"""The one send path's keyboard and defaults."""

from __future__ import annotations

from telegram.constants import ParseMode

from outbox.send import BUTTONS_PER_ROW, SendOptions, bot_defaults, keyboard
from rendering.messages import Button, MessagePart
from tests.support.factories import make_subscriber


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


def test_default_send_options_add_nothing_to_the_bots_defaults() -> None:
    assert SendOptions().arguments() == {}


def test_send_options_turn_previews_on_and_notifications_off() -> None:
    arguments = SendOptions(link_previews=True, silent=True).arguments()
    assert set(arguments) == {"link_preview_options", "disable_notification"}
    assert arguments["link_preview_options"].is_disabled is False
    assert arguments["disable_notification"] is True


def test_send_options_of_a_subscriber_are_its_previews_and_silence() -> None:
    subscriber = make_subscriber(link_previews=True, silent=False)
    assert SendOptions.of(subscriber) == SendOptions(link_previews=True, silent=False)
