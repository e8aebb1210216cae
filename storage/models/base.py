"""Declarative base, naming convention and the UTC-only datetime column type."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, MetaData, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase

# Explicit names keep constraints addressable by Alembic on both dialects.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JSONDocument = JSON().with_variant(JSONB(), "postgresql")
# A document that may be absent: Python's None is SQL NULL, not the JSON ``null`` above.
OptionalJSONDocument = JSON(none_as_null=True).with_variant(
    JSONB(none_as_null=True), "postgresql"
)

# The range of an integer column (SQLite INTEGER, PostgreSQL BIGINT): ids, limits and counts
# taken from outside are checked against it before they reach a query.
MAX_ID = 2**63 - 1
MIN_ID = -(2**63)


def utc_now() -> dt.datetime:
    """The current instant as an aware UTC datetime."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An instant stored in UTC and always read back as an aware UTC datetime.

    SQLite has no time zones, so the value is stored as naive UTC there and the
    zone is re-attached on load. Naive datetimes are rejected on write: they are
    ambiguous, and guessing would silently shift instants.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} given; use an aware datetime")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    """Base class of every briefbot table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
