"""Settings: names, defaults and one-line errors."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from runtime.settings import SettingsError, load_settings

ALL_VARIABLES = (
    "TELEGRAM_TOKEN",
    "TELEGRAM_API_URL",
    "DATABASE_URL",
    "ADMIN_IDS",
    "TIMEZONE",
    "DIGEST_TIME",
    "SUMMARY_ALGORITHM",
    "SUMMARY_SENTENCES",
    "SUMMARY_LANGUAGE",
    "WEBHOOK_URL",
    "WEBHOOK_SECRET",
    "WEBHOOK_LISTEN",
    "WEBHOOK_PORT",
    "RATE_GLOBAL_PER_SECOND",
    "RATE_PER_CHAT_PER_SECOND",
    "RATE_GROUP_PER_MINUTE",
    "DELIVERY_MAX_ATTEMPTS",
    "DELIVERY_LEASE_SECONDS",
    "METRICS_PORT",
    "METRICS_HOST",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in ALL_VARIABLES:
        monkeypatch.delenv(f"BRIEFBOT_{name}", raising=False)
    monkeypatch.chdir(str(tmp_path))  # no stray .env


def test_defaults_match_the_documented_contract() -> None:
    settings = load_settings()
    assert settings.telegram_token is None
    assert settings.telegram_api_url == "https://api.telegram.org"
    assert settings.database_url == "sqlite+aiosqlite:///briefbot.db"
    assert settings.admin_ids == frozenset()
    assert settings.timezone == "UTC"
    assert settings.digest_time == dt.time(8, 0)
    assert settings.summary_algorithm == "briefrank"
    assert settings.summary_sentences == 3
    assert settings.summary_language is None  # detected per brief


def test_every_variable_is_read_with_the_briefbot_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_TOKEN", "123456789:" + "A" * 35)
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_API_URL", "http://127.0.0.1:8081/")
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1/test")
    monkeypatch.setenv("BRIEFBOT_ADMIN_IDS", "42, 1001")
    monkeypatch.setenv("BRIEFBOT_TIMEZONE", "Asia/Kolkata")
    monkeypatch.setenv("BRIEFBOT_DIGEST_TIME", "07:30")
    monkeypatch.setenv("BRIEFBOT_SUMMARY_ALGORITHM", "LexRank")
    monkeypatch.setenv("BRIEFBOT_SUMMARY_SENTENCES", "5")
    settings = load_settings()
    assert settings.telegram_token is not None
    assert settings.telegram_token.get_secret_value().startswith("123456789:")
    assert settings.telegram_api_url == "http://127.0.0.1:8081"
    assert settings.database_url.startswith("postgresql+asyncpg://")
    assert settings.admin_ids == frozenset({42, 1001})
    assert settings.timezone == "Asia/Kolkata"
    assert settings.digest_time == dt.time(7, 30)
    assert settings.summary_algorithm == "lexrank"
    assert settings.summary_sentences == 5


def test_env_example_lists_every_setting() -> None:
    from pathlib import Path

    example = (Path(__file__).parents[2] / ".env.example").read_text()
    for name in ALL_VARIABLES:
        assert f"BRIEFBOT_{name}=" in example


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("DIGEST_TIME", "25:00", "BRIEFBOT_DIGEST_TIME: expected HH:MM"),
        ("TIMEZONE", "Mars/Olympus", "BRIEFBOT_TIMEZONE: expected an IANA zone"),
        ("ADMIN_IDS", "42,alice", "BRIEFBOT_ADMIN_IDS: expected comma-separated numeric"),
        ("SUMMARY_ALGORITHM", "gpt", "BRIEFBOT_SUMMARY_ALGORITHM: expected one of"),
        ("SUMMARY_SENTENCES", "0", "BRIEFBOT_SUMMARY_SENTENCES:"),
        ("TELEGRAM_TOKEN", "not-a-token", "BRIEFBOT_TELEGRAM_TOKEN: expected the shape"),
        ("TELEGRAM_API_URL", "ftp://example.org", "BRIEFBOT_TELEGRAM_API_URL: expected an http"),
        ("DATABASE_URL", "mysql://x", "BRIEFBOT_DATABASE_URL: expected sqlite"),
        ("WEBHOOK_URL", "http://insecure.example", "BRIEFBOT_WEBHOOK_URL: expected the public"),
        ("WEBHOOK_SECRET", "has spaces", "BRIEFBOT_WEBHOOK_SECRET: expected 16-256"),
        ("WEBHOOK_SECRET", "e", "BRIEFBOT_WEBHOOK_SECRET: expected 16-256"),
        ("WEBHOOK_SECRET", "x" * 15, "BRIEFBOT_WEBHOOK_SECRET: expected 16-256"),
        ("RATE_PER_CHAT_PER_SECOND", "0", "BRIEFBOT_RATE_PER_CHAT_PER_SECOND:"),
        ("DELIVERY_MAX_ATTEMPTS", "many", "BRIEFBOT_DELIVERY_MAX_ATTEMPTS:"),
        ("METRICS_PORT", "0", "BRIEFBOT_METRICS_PORT: Input should be greater than or equal to 1"),
        ("METRICS_PORT", "65536", "BRIEFBOT_METRICS_PORT: Input should be less than or equal"),
        ("METRICS_PORT", "http", "BRIEFBOT_METRICS_PORT: Input should be a valid integer"),
        ("METRICS_HOST", "a host", "BRIEFBOT_METRICS_HOST: expected an address"),
    ],
)
def test_a_bad_value_gives_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(f"BRIEFBOT_{variable}", value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(expected)
    assert "\n" not in message


def test_a_bad_token_is_never_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_TOKEN", "123:secretvalue")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "secretvalue" not in str(caught.value)


def test_private_urls_are_refused_unless_the_setting_allows_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert load_settings(_env_file=None).allow_private_urls is False
    monkeypatch.setenv("BRIEFBOT_ALLOW_PRIVATE_URLS", "true")
    assert load_settings(_env_file=None).allow_private_urls is True


def test_the_metrics_endpoint_is_off_unless_a_port_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(_env_file=None)
    assert (settings.metrics_port, settings.metrics_host) == (None, "127.0.0.1")
    monkeypatch.setenv("BRIEFBOT_METRICS_PORT", "9090")
    monkeypatch.setenv("BRIEFBOT_METRICS_HOST", " 0.0.0.0 ")
    settings = load_settings(_env_file=None)
    assert (settings.metrics_port, settings.metrics_host) == (9090, "0.0.0.0")


def test_a_shared_send_budget_on_sqlite_is_one_line_naming_the_variable() -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(_env_file=None, send_budget="shared")

    assert str(raised.value) == (
        "BRIEFBOT_SEND_BUDGET: shared needs PostgreSQL (BRIEFBOT_DATABASE_URL is SQLite); "
        "use auto or local"
    )


@pytest.mark.parametrize(
    ("budget", "database", "shared"),
    [
        ("auto", "sqlite+aiosqlite:///b.db", False),
        ("auto", "postgresql+asyncpg://u@h/d", True),
        ("local", "postgresql+asyncpg://u@h/d", False),
        (" Shared ", "postgresql+asyncpg://u@h/d", True),
    ],
)
def test_the_send_budget_is_shared_on_postgresql_unless_told_local(
    budget: str, database: str, shared: bool
) -> None:
    settings = load_settings(_env_file=None, send_budget=budget, database_url=database)

    assert settings.shared_send_budget is shared


def test_the_summary_language_pins_a_supported_iso_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_SUMMARY_LANGUAGE", " HI ")
    assert load_settings().summary_language == "hi"
    monkeypatch.setenv("BRIEFBOT_SUMMARY_LANGUAGE", "hindi")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith("BRIEFBOT_SUMMARY_LANGUAGE: expected one of en, fr, de, es, hi")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql+asyncpg://postgres@[::1/x", "not a valid URL; expected sqlite"),
        ("postgresql+asyncpg://postgres@host:abc/x", "not a valid URL; expected sqlite"),
        ("postgresql+asyncpg://postgres@host:99999/x", "the port must be a number from 1 to 65535"),
        ("postgresql+asyncpg://postgres@host:0/x", "the port must be a number from 1 to 65535"),
        ("postgresql+asyncpg://u@/x?host=/tmp/pg&port=70000", "the port must be a number from 1"),
        ("postgresql+asyncpg://", "name the database: postgresql+asyncpg://USER@HOST/DB"),
        ("postgresql+asyncpg://postgres@db.example", "name the database"),
        ("sqlite+aiosqlite://", "an in-memory SQLite database cannot hold the bot's data"),
        ("sqlite+aiosqlite:///:memory:", "an in-memory SQLite database cannot hold"),
        ("sqlite+aiosqlite:///file:x?mode=memory&uri=true", "an in-memory SQLite database"),
        (
            "postgresql+asyncpg://postgres:pw@127.0.0.1:5432/db?sslmode=require",
            "?sslmode= is not a parameter asyncpg takes; asyncpg calls it ssl= (e.g. ?ssl=require)",
        ),
        (
            "postgresql+asyncpg://postgres:pw@127.0.0.1:5432/db?ssl=require&foo=bar",
            "?foo= is not a parameter asyncpg takes; it takes command_timeout, database,",
        ),
        ("postgresql+asyncpg://p@h/db?connect_timeout=10", "?connect_timeout= is not a parameter"),
        ("postgresql+asyncpg://p@h/db?application_name=x", "?application_name= is not a param"),
        ("postgresql+asyncpg://p@h/db?timeout=10", "?timeout= reaches asyncpg as text, not the"),
        ("postgresql+asyncpg://p@h/db?direct_tls=false", "?direct_tls= takes only true (leave"),
        ("sqlite+aiosqlite:///copy.db?mode=ro", "a SQLite URL takes no ?query parameters; drop"),
        ("sqlite+aiosqlite:///copy.db?timeout=5&cache=shared", "a SQLite URL takes no ?query"),
    ],
)
def test_an_unusable_database_url_is_one_line(
    monkeypatch: pytest.MonkeyPatch, url: str, expected: str
) -> None:
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", url)
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    assert str(caught.value).startswith(f"BRIEFBOT_DATABASE_URL: {expected}")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+asyncpg://postgres@/probe?host=/tmp/pgsock&port=5433",
        "postgresql+asyncpg://bot:pw@[::1]:6432/news",
        "sqlite+aiosqlite:///relative.db",
        "postgresql+asyncpg://postgres:pw@127.0.0.1:5432/db?ssl=require",
        "postgresql+asyncpg://p@h/db?prepared_statement_cache_size=0&command_timeout=30",
        "postgresql+asyncpg://p@h/db?target_session_attrs=read-write&ssl=prefer",
        "postgresql+asyncpg://p@h/db?ssl=require&direct_tls=true",
    ],
)
def test_a_usable_database_url_is_kept(url: str) -> None:
    assert load_settings(_env_file=None, database_url=url).database_url == url


@pytest.mark.parametrize(
    "variable",
    [
        "SUMMARY_TIMEOUT_SECONDS",
        "RATE_GLOBAL_PER_SECOND",
        "RATE_PER_CHAT_PER_SECOND",
        "RATE_GROUP_PER_MINUTE",
        "DELIVERY_LEASE_SECONDS",
        "FETCH_DEADLINE_SECONDS",
    ],
)
@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_nan_and_infinity_are_not_numbers_of_seconds(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(f"BRIEFBOT_{variable}", value)
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    assert str(caught.value) == f"BRIEFBOT_{variable}: Input should be a finite number"


@pytest.mark.parametrize("url", ["http://x:99999", "http://x:0", "http://x:port"])
def test_the_api_url_port_is_checked(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_API_URL", url)
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    assert str(caught.value) == (
        "BRIEFBOT_TELEGRAM_API_URL: the port must be a number from 1 to 65535"
    )


def test_a_blank_value_takes_the_default_as_an_empty_one_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BRIEFBOT_TIMEZONE", "  ")
    monkeypatch.setenv("BRIEFBOT_DIGEST_TIME", "\t")
    settings = load_settings(_env_file=None)
    assert (settings.timezone, settings.digest_time) == ("UTC", dt.time(8, 0))


def test_an_admin_id_over_64_bits_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_ADMIN_IDS", "42, 9223372036854775808")
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    assert str(caught.value) == (
        "BRIEFBOT_ADMIN_IDS: a Telegram user id is at most 9223372036854775807 (64 bits)"
    )
    monkeypatch.setenv("BRIEFBOT_ADMIN_IDS", "9223372036854775807")
    assert load_settings(_env_file=None).admin_ids == {2**63 - 1}


def test_a_utf16_env_file_is_one_line_naming_it(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("BRIEFBOT_TIMEZONE=UTC\n", encoding="utf-16")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value) == "cannot read .env: it is not UTF-8 text; save it as UTF-8"


def test_an_env_line_with_an_unclosed_quote_is_named_and_its_secret_not_shown(
    tmp_path: Path,
) -> None:
    (tmp_path / ".env").write_text(
        '# the bot\n\nexport BRIEFBOT_TIMEZONE=UTC\nBRIEFBOT_TOKEN="123:secret-part\n'
    )
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value) == (
        "cannot read .env: line 4 is not NAME=value (a quote not closed?)"
    )


def test_the_example_env_file_parses_line_by_line() -> None:
    example = Path(__file__).parents[2] / ".env.example"
    assert load_settings(_env_file=example).timezone == "UTC"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_env_file_is_one_line_naming_it(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("BRIEFBOT_TIMEZONE=UTC\n")
    (tmp_path / ".env").chmod(0)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value) == "cannot read .env: permission denied"


def test_an_env_file_that_fails_to_open_is_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root no mode bit stops a read; the open failing is what matters here.
    (tmp_path / ".env").write_text("BRIEFBOT_TIMEZONE=UTC\n")
    real_open = open

    def refusing_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith(".env"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value) == "cannot read .env: permission denied"


@pytest.mark.parametrize(
    "query", ["sslmode=require", "foo=bar", "connect_timeout=10", "application_name=x"]
)
async def test_every_query_parameter_the_url_check_refuses_would_fail_asyncpg_connect(
    query: str,
) -> None:
    """The check's premise, against the real driver: these names break the connect itself."""
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(f"postgresql+asyncpg://postgres@127.0.0.1:5432/test?{query}")
    try:
        with pytest.raises(TypeError, match="unexpected keyword argument"):
            async with engine.connect():
                pass
    finally:
        await engine.dispose()
