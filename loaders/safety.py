"""Checks made on an uploaded file's bytes before any spreadsheet parser sees them.

Refuses anything that is not a plain .xlsx: other formats renamed, empty or truncated files,
macro-enabled workbooks, zip bombs (total size, compression ratio, entry count), odd or
repeated entry names, XML with a DOCTYPE (entity-expansion attacks), and sheets reaching
further than a return can (a reader builds each sheet's whole rectangle from A1, so one
stray value in XFD1048576 would cost hundreds of gigabytes).
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress
from xml.etree import ElementTree

from loaders.problems import FileRefused

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How large and how compressed an upload may be."""

    max_file_bytes: int = int(os.environ.get("WAYAHEAD_MAX_UPLOAD_MB", "10")) * MB
    max_uncompressed_bytes: int = 200 * MB
    max_entry_ratio: int = 200
    max_entries: int = 2000
    max_sheet_rows: int = int(os.environ.get("WAYAHEAD_MAX_SHEET_ROWS", "10000"))
    max_sheet_columns: int = int(os.environ.get("WAYAHEAD_MAX_SHEET_COLUMNS", "200"))
    max_sheet_area: int = int(os.environ.get("WAYAHEAD_MAX_SHEET_AREA", "1000000"))  # rows × columns from A1
    max_sheet_cells: int = int(os.environ.get("WAYAHEAD_MAX_SHEET_CELLS", "200000"))  # cells actually written


DEFAULT_LIMITS = Limits()
_MACRO_MARKERS = (b"macroEnabled", b"vbaProject", b"application/vnd.ms-office.vbaProject")
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z_]")
_PLAIN_PROLOG = re.compile(rb"(?:<\?xml[^<>?]*\?>)?\s*<[A-Za-z_]")
_COMMENTS_AND_PIS = re.compile(rb"<!--.*?(?:-->|\Z)|<\?.*?(?:\?>|\Z)", re.DOTALL)  # may hide a '<a'
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAVE_AGAIN = "Open it in Excel, save it again as .xlsx and upload the new copy."  # what an honest sender can do
_DAMAGED = (
    "The workbook is damaged or incomplete (it may have been cut off while copying). "
    "Open it in Excel, save it again as .xlsx and upload the new copy."
)
_UNREADABLE_PART = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError)


def check_workbook_bytes(data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """Raise FileRefused unless `data` looks like a safe, plain .xlsx workbook."""
    if not data:
        raise FileRefused("The file is empty. Save the return from Excel as .xlsx and upload it again.")
    if len(data) > limits.max_file_bytes:
        raise FileRefused(
            f"The file is {len(data) / MB:.1f} MB; the limit is {limits.max_file_bytes / MB:.0f} MB. "
            "Remove pictures or extra sheets and save it again."
        )
    if data.startswith(_OLE_MAGIC):
        raise FileRefused(
            "This is an old-style .xls (or encrypted) workbook, not .xlsx. In Excel choose "
            "File › Save As › Excel Workbook (.xlsx), without a password."
        )
    if not data.startswith(b"PK\x03\x04"):
        raise FileRefused(
            "This is not an Excel .xlsx workbook (it may be a CSV or another file renamed .xlsx). "
            "Fill in the template in Excel and save it as .xlsx."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileRefused(_DAMAGED) from exc
    with archive:
        _check_entries(entries, limits)
        try:
            _check_content(archive, data, entries)
            _check_sheets(archive, data, limits)
        except _UNREADABLE_PART as exc:  # bad CRC, mismatched headers, broken deflate data…
            raise FileRefused(_DAMAGED) from exc


def _check_entries(entries: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(entries) > limits.max_entries:
        raise FileRefused(f"The workbook has {len(entries)} parts; a return has far fewer. Use the template.")
    names = {e.filename for e in entries}
    if len(names) < len(entries):
        seen: set[str] = set()
        twice = next(e.filename for e in entries if e.filename in seen or _added(seen, e.filename))
        raise FileRefused(
            f"The workbook holds two parts with the same name ({twice[:60]!r}), which Excel never writes; "
            "programs could read different figures from it, so it was not read. Open it in Excel, save it "
            "again as .xlsx and upload the new copy."
        )
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileRefused(
            "This zip file is not an Excel workbook (no workbook part inside). Save the return from Excel as .xlsx."
        )
    total = 0
    for entry in entries:
        name = entry.filename
        if name.startswith(("/", "\\")) or ".." in name.split("/") or ":" in name or "\\" in name:
            raise FileRefused(
                f"The workbook contains a part with an unsafe name ({name[:60]!r}); it was not read. {_SAVE_AGAIN}"
            )
        if entry.flag_bits & 0x1:
            raise FileRefused("The workbook is encrypted. Remove the password in Excel and save it again.")
        if entry.file_size > limits.max_uncompressed_bytes:
            raise FileRefused(
                f"The workbook would expand to an unsafe size when opened (a 'zip bomb'); it was not read. {_SAVE_AGAIN}"
            )
        total += entry.file_size
        if (
            entry.compress_size
            and entry.file_size / entry.compress_size > limits.max_entry_ratio
            and entry.file_size > MB
        ):
            raise FileRefused(
                "The workbook is compressed far more than any real spreadsheet (a 'zip bomb'); it was not read. "
                + _SAVE_AGAIN
            )
    if total > limits.max_uncompressed_bytes:
        raise FileRefused(
            f"The workbook would expand to an unsafe size when opened (a 'zip bomb'); it was not read. {_SAVE_AGAIN}"
        )


def _check_content(archive: zipfile.ZipFile, data: bytes, entries: list[zipfile.ZipInfo]) -> None:
    content_types = archive.read("[Content_Types].xml")
    if any(m in content_types for m in _MACRO_MARKERS) or any(
        e.filename.lower().endswith("vbaproject.bin") for e in entries
    ):
        raise FileRefused(
            "The workbook contains macros (.xlsm or VBA code). Returns must not contain macros: "
            "in Excel choose File › Save As › Excel Workbook (.xlsx) and upload that copy."
        )
    for entry in entries:
        if entry.filename.lower().endswith((".xml", ".rels", ".vml")):
            prolog = _xml_prolog(_part_chunks(data, entry))
            if prolog is None:
                raise FileRefused(
                    f"The workbook contains a part ({entry.filename[:60]!r}) that starts with a long run of "
                    f"comments or other text before its content, which Excel never writes; it was not read. {_SAVE_AGAIN}"
                )
            if _DOCTYPE.search(prolog):
                raise FileRefused(
                    "The workbook contains XML with a DOCTYPE or entity declarations, which Excel "
                    f"never writes (a possible 'XML bomb'); it was not read. {_SAVE_AGAIN}"
                )


def _part_chunks(data: bytes, entry: zipfile.ZipInfo) -> Iterator[bytes]:
    """An entry's content, decompressed a chunk at a time straight from the file's bytes: 256
    bytes first (an Excel prolog is about 60), then 64 KB. A part that ends within what was
    read has its CRC-32 and size checked."""
    header = data[entry.header_offset : entry.header_offset + 30]
    if len(header) < 30 or not header.startswith(b"PK\x03\x04"):
        raise zipfile.BadZipFile("no local header where the directory says")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = entry.header_offset + 30 + name_length + extra_length
    packed: bytes | memoryview = memoryview(data)[start : start + entry.compress_size]
    if entry.compress_type == zipfile.ZIP_STORED:
        inflate = None
    elif entry.compress_type == zipfile.ZIP_DEFLATED:
        inflate = zlib.decompressobj(-15)
    else:
        raise NotImplementedError("a compression method Excel does not use")
    crc, size, want = 0, 0, 256
    while True:
        if inflate is None:
            chunk, packed = bytes(packed[:want]), packed[want:]
            ended = not packed
        else:
            chunk = inflate.decompress(packed, want)
            packed, ended = inflate.unconsumed_tail, inflate.eof
            if not chunk and not ended:
                raise zipfile.BadZipFile("the part's compressed data ends early")
        crc, size = zlib.crc32(chunk, crc), size + len(chunk)
        if ended and (crc != entry.CRC or size != entry.file_size):
            raise zipfile.BadZipFile("the part does not match its CRC-32 or size")
        yield chunk
        if ended:
            return
        want = 64 * 1024


def _xml_prolog(chunks: Iterator[bytes], limit: int = 64 * 1024) -> bytes | None:
    """The bytes before the XML root element (where a DOCTYPE would be); None if no root in
    `limit` (Excel writes about 60 bytes there; a small limit keeps the search cheap)."""
    seen = b""
    for chunk in chunks:
        seen += chunk[: limit + 1 - len(seen)]
        plain = _PLAIN_PROLOG.match(seen)
        if plain:  # what Excel writes: at most a declaration, then the root element
            return seen[: plain.end() - 2]
        visible = _COMMENTS_AND_PIS.sub(b" ", seen)
        root = _ROOT_START.search(visible)
        if root:
            return visible[: root.start()]
        if len(seen) >= limit:
            return None
    return seen


_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(c|row)(?=[\s/>])(?:[^>]*?\sr\s*=\s*[\"']([A-Za-z]*)([0-9]*))?")
_SCAN_BYTES = MB


@dataclass
class _Extent:
    """How far a sheet reaches, counted as calamine places cells (a cell without a reference
    follows the one before it; a row without one follows the row before)."""

    sheet: str
    limits: Limits
    cells: int = 0
    rows: int = 0
    columns: int = 0
    _row: int = 0
    _column: int = 0

    def add(self, tokens: list[tuple[bytes, bytes, bytes]]) -> None:
        """Count one piece of the sheet's cells and rows (tag, column letters, row digits)."""
        if not tokens:
            return
        tags, letters, digits = zip(*tokens)
        if b"" in digits or len(letters) - letters.count(b"") != tags.count(b"c"):
            self._add_one_by_one(tokens)  # a cell or row without its reference: place each in turn
            return
        rows = set(compress(digits, letters))  # every cell says where it is: only the largest matter
        before = (self.cells, self.rows, self.columns)
        self.cells += len(tokens) - letters.count(b"")
        self.rows = max(self.rows, max(map(int, rows), default=0))
        self.columns = max(self.columns, max(map(_column_number, set(compress(letters, letters))), default=0))
        self._row, self._column = int(digits[-1]), _column_number(letters[-1])
        try:
            self.check(0, 0)
        except FileRefused:  # go through them again one by one, to name the first cell past the limit
            self.cells, self.rows, self.columns = before
            self._add_one_by_one(tokens)
            raise

    def _add_one_by_one(self, tokens: list[tuple[bytes, bytes, bytes]]) -> None:
        for tag, letters, digits in tokens:
            if tag == b"row":
                self._row = int(digits) if digits else self._row + 1
                self._column = 0
                continue
            self.cells += 1
            if digits:
                self._row = int(digits)
            self._column = _column_number(letters) if letters else self._column + 1
            if self._row > self.rows or self._column > self.columns:
                self.rows, self.columns = max(self.rows, self._row), max(self.columns, self._column)
                self.check(self._row, self._column)
        self.check(self._row, self._column)

    def check(self, row: int, column: int) -> None:
        """Refuse as soon as the sheet goes past a limit, naming the cell that did."""
        limits, cell = self.limits, f"cell {_column_letters(column)}{row}" if row and column else "its cells"
        if self.rows > limits.max_sheet_rows:
            what = f"reaches {cell}, beyond row {limits.max_sheet_rows:,}"
        elif self.columns > limits.max_sheet_columns:
            what = f"reaches {cell}, beyond column {_column_letters(limits.max_sheet_columns)}"
        elif self.rows * self.columns > limits.max_sheet_area:
            what = f"reaches {cell}, beyond {limits.max_sheet_area:,} cells counted from A1"
        elif self.cells > limits.max_sheet_cells:
            what = f"has more than {limits.max_sheet_cells:,} filled cells"
        else:
            return
        raise FileRefused(
            f"The sheet '{self.sheet[:40]}' {what}, far more than any return needs, so "
            "the workbook was not read. Delete the rows and columns after the sheet's last real entry (select "
            "them, right-click › Delete) and save it again."
        )


def _column_number(letters: bytes) -> int:
    """'A' → 1, 'AB' → 28 (one-based, as in Excel)."""
    number = 0
    for letter in letters.upper()[:4]:  # a fourth letter is already past XFD, Excel's last column
        number = number * 26 + letter - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rem = divmod(number - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _check_sheets(archive: zipfile.ZipFile, data: bytes, limits: Limits) -> None:
    """Refuse a sheet whose real cells reach past the sheet limits, scanning each sheet's XML a
    megabyte at a time (the sheet's own <dimension> may say anything) and stopping at the first
    cell past a limit, so that even the worst file costs little."""
    for name, part in _sheet_parts(archive, data).items():
        extent, tail = _Extent(name, limits), b""
        for chunk in _chunks_of(_part_chunks(data, archive.getinfo(part)), _SCAN_BYTES):
            text = tail + chunk
            cut = text.rfind(b"<")
            text, tail = (text[:cut], text[cut:]) if cut >= 0 else (text, b"")
            extent.add(_CELL.findall(text))
        extent.add(_CELL.findall(tail))


def _chunks_of(chunks: Iterator[bytes], size: int) -> Iterator[bytes]:
    """The same bytes in pieces of about `size`."""
    pending: list[bytes] = []
    length = 0
    for chunk in chunks:
        pending.append(chunk)
        length += len(chunk)
        if length >= size:
            yield b"".join(pending)
            pending, length = [], 0
    yield b"".join(pending)


def _sheet_parts(archive: zipfile.ZipFile, data: bytes) -> dict[str, str]:
    """Each worksheet's name → its part in the zip, from the workbook and its relationships."""
    rels = archive.NameToInfo.get("xl/_rels/workbook.xml.rels")
    targets = {e.get("Id"): e.get("Target", "") for e in _elements(data, rels, "Relationship")} if rels else {}
    parts = {}
    for sheet in _elements(data, archive.getinfo("xl/workbook.xml"), "sheet"):
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rid, "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if part in archive.NameToInfo:
            parts[sheet.get("name", "")] = part
    return parts


def _added(seen: set[str], name: str) -> bool:
    """Add `name` to `seen`; False, so a generator's condition can record as it tests."""
    seen.add(name)
    return False


def _elements(data: bytes, entry: zipfile.ZipInfo, local_name: str) -> Iterator[ElementTree.Element]:
    """The elements called `local_name` in one part, read as a stream (the part passed the DOCTYPE check)."""
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(events=("end",))
    try:
        for chunk in _part_chunks(data, entry):
            parser.feed(chunk)
            for _, element in parser.read_events():  # type: ignore[misc]  # "end" events carry elements only
                assert isinstance(element, ElementTree.Element)
                if element.tag.rsplit("}", 1)[-1] == local_name:
                    yield element
        parser.close()
    except ElementTree.ParseError as exc:
        raise FileRefused(
            "The workbook could not be read (it may be damaged). Open it in Excel, save it again as .xlsx "
            f"and upload the new copy. Detail: {entry.filename[:60]} is not well-formed XML."
        ) from exc
