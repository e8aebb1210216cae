"""Command replies take the one send path: HTML by the bot's defaults, no previews, button rows."""

from __future__ import annotations

from outbox.send import BUTTONS_PER_ROW
from tests.support.factories import brief
from tests.support.world import World


async def test_a_reply_is_parsed_as_html_without_preview_and_its_buttons_in_rows(
    world: World,
) -> None:
    chat = world.api.create_private_chat(first_name="Bob")
    await world.say(chat.id, "/start")
    count = BUTTONS_PER_ROW + 2
    await world.ingest(*(brief(f"Harbour report {n}", "Ships came in.") for n in range(count)))
    [reply] = await world.say(chat.id, f"/latest {count}")
    heading = f"The {count} newest briefs"
    assert reply.raw_text is not None and reply.raw_text.startswith(f"<b>{heading}")
    assert reply.text is not None and reply.text.startswith(heading)
    assert {"type": "bold", "offset": 0, "length": len(heading)} in reply.entities
    assert reply.link_preview_options == {"is_disabled": True}
    rows = (reply.reply_markup or {})["inline_keyboard"]
    assert [len(row) for row in rows] == [BUTTONS_PER_ROW, 2]
