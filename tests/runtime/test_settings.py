"""Settings: names, defaults and one-line errors."""

from __future__ import annotations

import datetime as dt

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
        ("WEBHOOK_SECRET", "has spaces", "BRIEFBOT_WEBHOOK_SECRET: expected 1-256"),
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
