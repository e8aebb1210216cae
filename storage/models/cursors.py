"""Named progress markers, e.g. the id of the last brief scanned for follow alerts."""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base

CURSOR_NAME_LENGTH = 100


class Cursor(Base):
    """One named integer position that a background job advances."""

    __tablename__ = "cursors"

    name: Mapped[str] = mapped_column(String(CURSOR_NAME_LENGTH), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)

    def __repr__(self) -> str:
        return f"Cursor(name={self.name!r}, value={self.value!r})"
