"""Configuration: every ``BRIEFBOT_*`` variable, validated once in the composition root."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from runtime.database_url import DATABASE_URL_SHAPES, database_url_problem
from runtime.logs import LOG_FORMATS, LOG_LEVELS
from summarizer.languages import SUMMARY_LANGUAGES
from summarizer.registry import DEFAULT_ALGORITHM, algorithm_names

ENV_PREFIX = "BRIEFBOT_"
SEND_BUDGETS = ("auto", "local", "shared")
_TOKEN_SHAPE = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{30,}$")
# Telegram ids are signed 64-bit integers (the database stores them as BIGINT).
MAX_TELEGRAM_ID = 2**63 - 1


class SettingsError(ValueError):
    """A setting is missing or malformed; the message is one line fit for a user."""


class Settings(BaseSettings):
    """What briefbot reads from the environment (and from ``.env`` in the working directory)."""

    # A variable set but empty (``BRIEFBOT_SUMMARY_SENTENCES=`` in .env) takes its default
    # (blank ones too: see _blank_is_unset). nan and inf are never a valid number of anything.
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
        allow_inf_nan=False,
    )

    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    database_url: str = "sqlite+aiosqlite:///briefbot.db"
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    timezone: str = "UTC"
    digest_time: dt.time = dt.time(8, 0)
    summary_algorithm: str = DEFAULT_ALGORITHM
    summary_sentences: int = Field(default=3, ge=1, le=50)
    # ISO 639-1 code every brief is summarized in; unset: each brief's language is detected.
    summary_language: str | None = None
    summary_timeout_seconds: float = Field(default=30.0, ge=1, le=3600)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    rate_global_per_second: float = Field(default=30.0, gt=0, le=1000)
    rate_per_chat_per_second: float = Field(default=1.0, gt=0, le=100)
    rate_group_per_minute: float = Field(default=20.0, gt=0, le=1000)
    delivery_max_attempts: int = Field(default=5, ge=1, le=100)
    delivery_lease_seconds: float = Field(default=120.0, ge=1, le=3600)
    allow_private_urls: bool = False
    # Logs (issue 11): text or one JSON object per line; briefbot's own loggers' level.
    log_format: str = "text"
    log_level: str = "INFO"
    fetch_deadline_seconds: float = Field(default=45.0, ge=1, le=600)
    feed_max_items: int = Field(default=1000, ge=1, le=100_000)
    # Health, readiness and metrics endpoint (issue 11): unset port = no endpoint.
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    metrics_host: str = "127.0.0.1"
    # One send budget per token across instances (issue 9): auto = shared on PostgreSQL.
    send_budget: str = "auto"

    @model_validator(mode="before")
    @classmethod
    def _blank_is_unset(cls, values: Any) -> Any:
        # ``BRIEFBOT_TIMEZONE=' '`` means unset just as ``BRIEFBOT_TIMEZONE=`` does.
        if isinstance(values, dict):
            return {
                name: value for name, value in values.items()
                if not (isinstance(value, str) and not value.strip())
            }
        return values

    @field_validator("telegram_token")
    @classmethod
    def _token_has_bot_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        if not _TOKEN_SHAPE.match(value.get_secret_value().strip()):
            raise ValueError("expected the shape 123456789:AAH... that @BotFather gives")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url_is_http_root(cls, value: str) -> str:
        url = value.strip().rstrip("/")
        if not re.match(r"^https?://[^/\s]+(/[^\s]*)?$", url):
            raise ValueError("expected an http(s) root URL such as http://127.0.0.1:8081")
        if not _has_valid_port(url):
            raise ValueError("the port must be a number from 1 to 65535")
        if re.search(r"/bot[^/]*$", url):
            raise ValueError("give the server root, without /bot<token>")
        return url

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url_is_https(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        url = value.strip()
        if not re.match(r"^https://[^/\s]+(/[^\s]*)?$", url):
            raise ValueError("expected the public https:// URL Telegram should post updates to")
        return url

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        # Telegram takes 1 to 256; a short one is guessable, and logs redact it wherever it
        # occurs: "e" would cut every word holding an e and spell the secret out.
        if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", value.get_secret_value()):
            raise ValueError(
                "expected 16-256 characters of A-Z, a-z, 0-9, _ and - "
                "(or leave it empty: one is derived from the token)"
            )
        return value

    @field_validator("metrics_host")
    @classmethod
    def _metrics_host_is_an_address(cls, value: str) -> str:
        host = value.strip()
        if not re.fullmatch(r"[A-Za-z0-9.:_-]{1,253}", host):
            raise ValueError("expected an address or host name such as 127.0.0.1 or 0.0.0.0")
        return host

    @field_validator("database_url")
    @classmethod
    def _database_url_is_supported(cls, value: str) -> str:
        url = value.strip()
        if not url.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(f"expected {DATABASE_URL_SHAPES}")
        problem = database_url_problem(url)
        if problem is not None:
            raise ValueError(problem)
        return url

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _admin_ids_from_csv(cls, value: Any) -> Any:
        if isinstance(value, str):
            parts = [part.strip() for part in value.split(",") if part.strip()]
            if not all(re.fullmatch(r"-?\d+", part) for part in parts):
                raise ValueError("expected comma-separated numeric Telegram user ids")
            ids = frozenset(int(part) for part in parts)
            if any(abs(user_id) > MAX_TELEGRAM_ID for user_id in ids):
                raise ValueError("a Telegram user id is at most 9223372036854775807 (64 bits)")
            return ids
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone_is_iana(cls, value: str) -> str:
        try:
            ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("expected an IANA zone such as UTC or Asia/Kolkata") from None
        return value.strip()

    @field_validator("digest_time", mode="before")
    @classmethod
    def _digest_time_is_hh_mm(cls, value: Any) -> Any:
        if isinstance(value, str):
            match = re.fullmatch(r"\s*([01]?\d|2[0-3]):([0-5]\d)\s*", value)
            if not match:
                raise ValueError("expected HH:MM in 24-hour time, such as 08:00")
            return dt.time(int(match[1]), int(match[2]))
        return value

    @field_validator("summary_algorithm")
    @classmethod
    def _algorithm_is_registered(cls, value: str) -> str:
        name = value.strip().lower()
        if name not in algorithm_names():
            raise ValueError(f"expected one of {', '.join(algorithm_names())}")
        return name

    @field_validator("summary_language")
    @classmethod
    def _language_is_supported(cls, value: str | None) -> str | None:
        if value is None:
            return None
        code = value.strip().lower()
        if code not in SUMMARY_LANGUAGES:
            raise ValueError(f"expected one of {', '.join(SUMMARY_LANGUAGES)} (ISO 639-1)")
        return code

    @field_validator("log_format", "log_level")
    @classmethod
    def _log_setting_is_known(cls, value: str, info: ValidationInfo) -> str:
        choices = LOG_FORMATS if info.field_name == "log_format" else LOG_LEVELS
        for choice in choices:  # any case in, the canonical spelling out
            if choice.lower() == value.strip().lower():
                return choice
        raise ValueError(f"expected one of {', '.join(choices)}")

    @field_validator("send_budget")
    @classmethod
    def _send_budget_fits_database(cls, value: str, info: ValidationInfo) -> str:
        mode = value.strip().lower()
        if mode not in SEND_BUDGETS:
            raise ValueError(f"expected one of {', '.join(SEND_BUDGETS)}")
        database = str(info.data.get("database_url", ""))
        if mode == "shared" and not database.startswith("postgresql"):
            raise ValueError("shared needs PostgreSQL (BRIEFBOT_DATABASE_URL is SQLite); "
                             "use auto or local")
        return mode

    @property
    def shared_send_budget(self) -> bool:
        """Whether this process shares its send budget with the token's other instances."""
        if self.send_budget == "auto":
            return self.database_url.startswith("postgresql")
        return self.send_budget == "shared"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def _has_valid_port(url: str) -> bool:
    """Whether ``url``'s port, if any, is a number from 1 to 65535."""
    try:
        port = urlsplit(url).port  # ValueError when not a number or out of range
    except ValueError:
        return False
    return port != 0


def load_settings(**overrides: Any) -> Settings:
    """Read and validate the settings, turning the first problem into one readable line."""
    env_file = overrides.get("_env_file", Settings.model_config.get("env_file"))
    try:
        _check_env_file(env_file)
        return Settings(**overrides)
    except UnicodeDecodeError:
        raise SettingsError(f"cannot read {env_file}: it is not UTF-8 text; save it as UTF-8") \
            from None
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        raise SettingsError(f"cannot read {env_file}: {reason}") from None
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "settings"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"{ENV_PREFIX}{field.upper()}: {message}") from None


def _check_env_file(env_file: object) -> None:
    """Refuse an env file holding a line python-dotenv cannot parse.

    python-dotenv skips such a line with a warning, so a setting whose quote is not closed
    (``BRIEFBOT_TOKEN="123:abc``) would be silently unset. The line is named, never shown:
    it may hold a secret.
    """
    if not isinstance(env_file, str | Path) or not Path(env_file).is_file():
        return
    from dotenv.parser import parse_stream

    with Path(env_file).open(encoding="utf-8") as stream:
        for binding in parse_stream(stream):
            if binding.error:
                raise SettingsError(
                    f"cannot read {env_file}: line {binding.original.line} is not NAME=value "
                    "(a quote not closed?)"
                )
