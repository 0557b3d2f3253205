"""Downloads of stored returns as XLSX or CSV, safe to open in Excel.

Each download says what it is (wayahead/words/provenance.py): a CSV ends every row with a
"Provenance" column (no comment lines, so it stays machine-readable), an Excel file opens on an
"About this download" sheet.

Text that starts with = + - @ tab or carriage return is prefixed with a single quote
(OWASP CSV injection guidance), so a spreadsheet shows it as text and never runs it. So is
text whose first visible character is one of those after spaces or invisible characters, or
a look-alike of one (full-width ＝ ＋ － ＠, small ﹦, the minus sign −: whatever NFKC folds to
them), since some spreadsheets and locales read those as the real thing.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable
from typing import Any

import pandas as pd
from openpyxl import Workbook
from sqlalchemy import Engine, Select, func, select

from loaders.problems import visible
from wayahead.figures.numbers import missing
from wayahead.returns.london import financial_year_label
from wayahead.returns.spec import SHEETS, Field, Sheet
from wayahead.returns.template import display_value
from wayahead.store.publication import returns_scope
from wayahead.store.schema import SHEET_TABLES, authorities, return_versions
from wayahead.words.provenance import Provenance

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_LOOK_ALIKES = str.maketrans({"\u2212": "-", "\u2796": "-", "\u2795": "+", "\u2797": "-"})  # not folded by NFKC
_PEEK = 64  # characters looked at: enough for any run of padding before the first visible one
IDENTITY_COLUMNS = ("Borough code", "Borough", "Financial year")
PROVENANCE_COLUMN = "Provenance"
ABOUT_SHEET = "About this download"
PROVISIONAL_COLUMN = "Publication status"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Any) -> Any:
    """The value, with text that a spreadsheet would run as a formula turned into plain text,
    and control characters (which a workbook cannot hold) shown as [U+001B]."""
    if isinstance(value, str):
        value = visible(value)
        if _starts_like_a_formula(value):
            return "'" + value
    return value


def _starts_like_a_formula(text: str) -> bool:
    if text.startswith(FORMULA_STARTS):
        return True
    head = unicodedata.normalize("NFKC", text[:_PEEK]).translate(_LOOK_ALIKES)
    visible = next((c for c in head if not (c.isspace() or unicodedata.category(c) in ("Cc", "Cf"))), "")
    return visible in FORMULA_STARTS


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell (and column name) passed through safe_cell."""
    safe = frame.copy()
    safe.columns = [safe_cell(str(c)) for c in safe.columns]
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            safe.isetitem(position, column.map(safe_cell).to_numpy())
    return safe


def dataframe_to_csv_bytes(frame: pd.DataFrame, provenance: Provenance | None = None) -> bytes:
    """CSV (UTF-8 with BOM, so Excel shows £ correctly), injection-safe; with `provenance`, a
    last column saying on every row where the figures come from."""
    if provenance is not None:
        frame = frame.assign(**{PROVENANCE_COLUMN: provenance.text()})
    # CRLF rows (RFC 4180): a field holding a lone CR or LF is then quoted, so it cannot start a row.
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def about_frame(provenance: Provenance, title: str | None = None) -> pd.DataFrame:
    """The "About this download" sheet: what the file is, one fact a row."""
    rows = ([("Title", title)] if title else []) + provenance.rows()
    return pd.DataFrame(rows, columns=["About", "Value"])


def dataframe_to_xlsx_bytes(
    sheets: dict[str, pd.DataFrame], provenance: Provenance | None = None, title: str | None = None
) -> bytes:
    """An .xlsx with one sheet per frame, injection-safe; every text cell is stored as text.
    With `provenance`, it opens on an "About this download" sheet (titled `title` if given)."""
    if provenance is not None:
        sheets = {ABOUT_SHEET: about_frame(provenance, title), **sheets}
    book = Workbook(write_only=True)
    for name, frame in sheets.items():
        ws = book.create_sheet(title=name[:31])
        safe = safe_frame(frame)
        ws.append(list(safe.columns))
        for row in safe.itertuples(index=False):
            ws.append([None if missing(v) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


NOT_ASKED = "not asked"  # in an export, a question the return's version did not ask


def sheet_frame(
    engine: Engine,
    sheet: Sheet,
    codes: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    limit: int | None = None,
    include_unpublished: bool = False,
    *,
    personal: bool = False,
) -> pd.DataFrame:
    """The published versions' records of one sheet, labelled as in the template (the first
    `limit` rows if given); with `include_unpublished` the current versions, each row saying
    'provisional' and its return's status.

    Fields the spec marks personal (names, e-mails, free-text notes) are left out unless `personal`.
    A question the return's version did not ask reads 'not asked' (a blank is not answered)."""
    table = SHEET_TABLES[sheet.key]
    about = SHEET_TABLES["about"].alias("about_version")
    scope = returns_scope(include_unpublished)
    fields = [f for f in sheet.shared_fields(personal) if f.label not in IDENTITY_COLUMNS]
    query = (
        select(
            scope.c.borough,
            authorities.c.name,
            scope.c.year,
            return_versions.c.status,
            func.coalesce(about.c.return_version, 1),
            *(table.c[f.key] for f in fields),
        )
        .join(table, table.c.version_id == scope.c.version_id)
        .outerjoin(about, (about.c.version_id == scope.c.version_id) & (about.c.row_number == 1))
        .join(authorities, authorities.c.code == scope.c.borough)
        .join(return_versions, return_versions.c.id == scope.c.version_id)
        .order_by(scope.c.borough, scope.c.year, table.c.row_number)
    )
    query = _in_scope(query, scope, codes, years).limit(limit)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    status = [PROVISIONAL_COLUMN] if include_unpublished else []
    records = [
        [
            code,
            name,
            financial_year_label(year),
            *([f"provisional: {state}"] if status else []),
            *(_shown(v, f, version) for v, f in zip(values, fields)),
        ]
        for code, name, year, state, version, *values in rows
    ]
    return pd.DataFrame(records, columns=[*IDENTITY_COLUMNS, *status, *(f.label for f in fields)])


def _shown(value: Any, f: Field, version: int) -> Any:
    """An answer as the template shows it, 'not asked' for a question the return's version did not
    ask, and the version itself (1 for returns stored before the row existed)."""
    if f.key == "return_version":
        return value or version
    return display_value(value, f) if f.asked_in(version) else NOT_ASKED


def _in_scope(query: Select, scope: Any, codes: Iterable[str] | None, years: Iterable[int] | None) -> Select:
    if codes is not None:
        query = query.where(scope.c.borough.in_(list(codes)))
    if years is not None:
        query = query.where(scope.c.year.in_(list(years)))
    return query


def row_counts(
    engine: Engine,
    codes: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    include_unpublished: bool = False,
) -> dict[str, int]:
    """How many records each sheet has in scope: sheet name → rows (one query per sheet)."""
    code_list = list(codes) if codes is not None else None
    year_list = list(years) if years is not None else None
    scope = returns_scope(include_unpublished)
    counts = {}
    with engine.connect() as connection:
        for sheet in SHEETS:
            table = SHEET_TABLES[sheet.key]
            query = select(func.count()).select_from(scope).join(table, table.c.version_id == scope.c.version_id)
            counts[sheet.name] = connection.scalar(_in_scope(query, scope, code_list, year_list)) or 0
    return counts


def export_frames(
    engine: Engine,
    codes: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    include_unpublished: bool = False,
    *,
    personal: bool = False,
) -> dict[str, pd.DataFrame]:
    """Every sheet's published (or, with `include_unpublished`, current) records: sheet name →
    frame (personal fields only if `personal`)."""
    code_list = list(codes) if codes is not None else None
    year_list = list(years) if years is not None else None
    return {
        sheet.name: sheet_frame(
            engine, sheet, code_list, year_list, include_unpublished=include_unpublished, personal=personal
        )
        for sheet in SHEETS
    }


def csv_file_name(sheet_name: str) -> str:
    return sheet_name.lower().replace(" ", "_") + ".csv"
