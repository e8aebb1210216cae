"""Log lines as text or JSON: the same fields, the same token redaction, one line per record."""

from __future__ import annotations

import io
import json
import logging

import pytest

from runtime.logs import REDACTED, configured_logging, redacting_logs, secret_fragments
from runtime.settings import SettingsError, load_settings

TOKEN = "123456789:" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456"


@pytest.fixture
def stderr() -> io.StringIO:
    """Where the logs go."""
    return io.StringIO()


def log_everything() -> None:
    """A message, %-arguments and a traceback, each carrying the token."""
    logger = logging.getLogger("bot.example")
    logger.info("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    logger.warning(f"plain message with {TOKEN} inside")
    try:
        raise RuntimeError(f"request to /bot{TOKEN}/sendMessage failed\nsecond line")
    except RuntimeError:
        logger.exception("send failed for %s", "chat 42")


def test_json_lines_parse_and_carry_time_level_logger_message(stderr: io.StringIO) -> None:
    with configured_logging("INFO", "json", stderr), redacting_logs(*secret_fragments(TOKEN)):
        log_everything()

    lines = stderr.getvalue().splitlines()
    entries = [json.loads(line) for line in lines]
    assert len(entries) == 3
    assert [e["level"] for e in entries] == ["INFO", "WARNING", "ERROR"]
    assert {e["logger"] for e in entries} == {"bot.example"}
    assert all(e["time"][:2] == "20" for e in entries)
    assert entries[0]["message"] == f"calling https://api.telegram.org/bot{REDACTED}/getMe"
    assert entries[2]["message"] == "send failed for chat 42"


def test_a_traceback_stays_inside_one_json_line(stderr: io.StringIO) -> None:
    with configured_logging("INFO", "json", stderr), redacting_logs(*secret_fragments(TOKEN)):
        log_everything()

    last = json.loads(stderr.getvalue().splitlines()[-1])
    assert last["exception"].startswith("Traceback (most recent call last):")
    assert "RuntimeError: request to /bot" in last["exception"]
    assert "\nsecond line" in last["exception"]
    assert "exception" not in json.loads(stderr.getvalue().splitlines()[0])


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_the_token_never_appears_in_either_format(stderr: io.StringIO, log_format: str) -> None:
    with configured_logging("INFO", log_format, stderr), redacting_logs(*secret_fragments(TOKEN)):
        log_everything()

    output = stderr.getvalue()
    assert output.count(REDACTED) == 3  # the message, the argument and the traceback
    for secret in secret_fragments(TOKEN):
        assert secret not in output


def test_text_format_is_one_readable_line_per_record(stderr: io.StringIO) -> None:
    with configured_logging("INFO", "text", stderr):
        logging.getLogger("bot.example").info("hello %s", "world")

    [line] = stderr.getvalue().splitlines()
    assert line.endswith(" INFO bot.example: hello world")


def test_the_level_applies_to_our_loggers_and_libraries_stay_at_warning(
    stderr: io.StringIO,
) -> None:
    with configured_logging("DEBUG", "json", stderr):
        logging.getLogger("bot.example").debug("ours")
        logging.getLogger("thirdparty").info("theirs, too chatty")
        logging.getLogger("thirdparty").warning("theirs, worth seeing")

    messages = [json.loads(line)["message"] for line in stderr.getvalue().splitlines()]
    assert messages == ["ours", "theirs, worth seeing"]


def test_a_stricter_level_quiets_our_info_lines(stderr: io.StringIO) -> None:
    with configured_logging("ERROR", "text", stderr):
        logging.getLogger("bot.example").warning("not shown")
        logging.getLogger("bot.example").error("shown")

    assert stderr.getvalue().splitlines()[0].endswith("ERROR bot.example: shown")
    assert len(stderr.getvalue().splitlines()) == 1


def test_leaving_the_block_removes_our_handler_and_restores_the_levels(
    stderr: io.StringIO,
) -> None:
    root, ours = logging.getLogger(), logging.getLogger("bot")
    before = (root.handlers[:], root.level, ours.level)

    with configured_logging("DEBUG", "text", stderr):
        inside = (len(root.handlers), ours.level)
    logging.getLogger("bot.example").error("after the block")

    assert inside == (len(before[0]) + 1, logging.DEBUG)
    assert (root.handlers, root.level, ours.level) == before
    assert stderr.getvalue() == ""


def test_log_settings_default_to_text_at_info_and_accept_any_case(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.chdir(str(tmp_path))
    monkeypatch.delenv("BRIEFBOT_LOG_FORMAT", raising=False)
    monkeypatch.delenv("BRIEFBOT_LOG_LEVEL", raising=False)
    defaults = load_settings()
    monkeypatch.setenv("BRIEFBOT_LOG_FORMAT", "JSON")
    monkeypatch.setenv("BRIEFBOT_LOG_LEVEL", "debug")
    chosen = load_settings()

    assert (defaults.log_format, defaults.log_level) == ("text", "INFO")
    assert (chosen.log_format, chosen.log_level) == ("json", "DEBUG")


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("LOG_FORMAT", "yaml", "BRIEFBOT_LOG_FORMAT: expected one of text, json"),
        ("LOG_LEVEL", "loud", "BRIEFBOT_LOG_LEVEL: expected one of DEBUG, INFO, WARNING"),
    ],
)
def test_a_bad_log_setting_is_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, variable: str, value: str, expected: str
) -> None:
    monkeypatch.chdir(str(tmp_path))
    monkeypatch.setenv(f"BRIEFBOT_{variable}", value)

    with pytest.raises(SettingsError) as error:
        load_settings()

    assert str(error.value).startswith(expected)
    assert "\n" not in str(error.value)
