"""The database tables. Each return sheet's table is generated from the spec."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeEngine

from wayahead.returns.spec import SHEETS, Kind

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

authorities = Table(
    "authorities",
    metadata,
    Column("code", String(9), primary_key=True),
    Column("name", String(60), nullable=False),
    Column("inner_london", Boolean, nullable=False),
    Column("sub_region", String(20), nullable=False),
    Column("tile_x", Integer, nullable=False),
    Column("tile_y", Integer, nullable=False),
    Column("population", Integer, nullable=False),
)

files = Table(
    "files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
)

return_versions = Table(
    "return_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("borough", String(9), ForeignKey("authorities.code"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("sha256", String(64), ForeignKey("files.sha256"), nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("submitted_by", String(255), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("action", String(20), nullable=False),
    Column("restored_from", Integer, nullable=True),
    Column("total_funding", Float, nullable=True),
    Column("warnings", JSON, nullable=False),
    Column("status", String(20), nullable=False, server_default="received"),
    Column("published_from", Date, nullable=True),
    UniqueConstraint("borough", "year", "version", name="uq_return_versions_borough_year_version"),
)

current_returns = Table(
    "current_returns",
    metadata,
    Column("borough", String(9), ForeignKey("authorities.code"), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("version_id", Integer, ForeignKey("return_versions.id"), nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(255), nullable=False),
    Column("action", String(40), nullable=False),
    Column("detail", Text, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("email", String(255), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(255), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("authority", String(9), ForeignKey("authorities.code"), nullable=True),  # an uploader limited to one
)

# Sign-in throttles: one row per account and per client (keyed by a SHA-256, so an e-mail typed
# for no account is not kept); `failures` counts recent failed attempts, `next_at` is the
# earliest time the next attempt is considered.
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure", DateTime(timezone=True), nullable=False),
    Column("next_at", DateTime(timezone=True), nullable=False),
)

# Signed-in sessions, shared by every app process: the browser holds a random token in an
# HttpOnly cookie, the database only its SHA-256. A session starts as a one-time grant, which
# the cookie route exchanges for the token.
sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=True, unique=True),
    Column("grant_hash", String(64), nullable=True, unique=True),
    Column("email", String(255), nullable=False),
    Column("via", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
)

# The collection round: the steering group opens one per financial year, with a deadline.
rounds = Table(
    "rounds",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("deadline", Date, nullable=False),
    Column("opened_by", String(255), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
)

# Who at each authority receives the round's reminders and queries.
contacts = Table(
    "contacts",
    metadata,
    Column("authority", String(9), ForeignKey("authorities.code"), primary_key=True),
    Column("email", String(255), primary_key=True),
    Column("name", String(255), nullable=False),
    Column("added_by", String(255), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

# Every e-mail the round sent (or failed to send): a reminder or a query, to whom, when, by whom.
round_messages = Table(
    "round_messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("year", Integer, nullable=False),
    Column("authority", String(9), ForeignKey("authorities.code"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("recipient", String(255), nullable=False),
    Column("subject", String(255), nullable=False),
    Column("sent_by", String(255), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    Column("outcome", String(255), nullable=False),
)

# The steering group's commentary on a headline indicator (figures.indicators.REGISTRY key) for a
# financial year. Never overwritten: each comment, and each withdrawal (withdrawn, empty text), is
# a new row; the newest row for an indicator and year is what readers see.
commentary = Table(
    "commentary",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("indicator", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("withdrawn", Boolean, nullable=False),
    Column("author", String(255), nullable=False),  # the account's e-mail (users.email)
    Column("written_at", DateTime(timezone=True), nullable=False),
)

# Published statistics the operator loads (store.reference): one row per load of a kind, with its
# source and release date; the newest series of a kind is current, older ones stay as history.
reference_series = Table(
    "reference_series",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("source", Text, nullable=False),
    Column("released", Date, nullable=False),
    Column("loaded_by", String(255), nullable=False),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("sha256", String(64), nullable=False),
)

# One value of a series: for an authority (ONS code) or, for a national series, none; a
# financial year by its starting year (2024 is 2024/25).
reference_values = Table(
    "reference_values",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("series_id", Integer, ForeignKey("reference_series.id"), nullable=False, index=True),
    Column("code", String(9), ForeignKey("authorities.code"), nullable=True),
    Column("year", Integer, nullable=False),
    Column("value", Float, nullable=False),
    UniqueConstraint("series_id", "code", "year"),
)

_COLUMN_TYPES: dict[Kind, type[TypeEngine[Any]]] = {
    Kind.TEXT: Text,
    Kind.EMAIL: Text,
    Kind.CHOICE: Text,
    Kind.CHOICES: Text,
    Kind.URL: Text,
    Kind.BOROUGH: String,
    Kind.DATE: Date,
    Kind.FINANCIAL_YEAR: Integer,
    Kind.YEAR: Integer,
    Kind.WHOLE: Integer,
    Kind.MONEY: Float,
    Kind.PERCENT: Float,
    Kind.YES_NO: Boolean,
}


def _sheet_table(sheet_key: str) -> Table:
    sheet = next(s for s in SHEETS if s.key == sheet_key)
    return Table(
        f"sheet_{sheet.key}",
        metadata,
        Column("version_id", Integer, ForeignKey("return_versions.id"), primary_key=True),
        Column("row_number", Integer, primary_key=True),
        *(Column(f.key, _COLUMN_TYPES[f.kind](), nullable=True) for f in sheet.fields),
    )


SHEET_TABLES: dict[str, Table] = {sheet.key: _sheet_table(sheet.key) for sheet in SHEETS}
