"""Checks made on an uploaded file's bytes before any spreadsheet parser sees them.

Refuses anything that is not a plain .xlsx: other formats renamed, empty or truncated files,
macro-enabled workbooks, zip bombs (total size, compression ratio, entry count), odd entry
names, and XML with a DOCTYPE (entity-expansion attacks).
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from loaders.problems import FileRefused

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How large and how compressed an upload may be."""

    max_file_bytes: int = int(os.environ.get("WAYAHEAD_MAX_UPLOAD_MB", "10")) * MB
    max_uncompressed_bytes: int = 200 * MB
    max_entry_ratio: int = 200
    max_entries: int = 2000


DEFAULT_LIMITS = Limits()
_MACRO_MARKERS = (b"macroEnabled", b"vbaProject", b"application/vnd.ms-office.vbaProject")
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z_]")
_PLAIN_PROLOG = re.compile(rb"(?:<\?xml[^<>?]*\?>)?\s*<[A-Za-z_]")
_COMMENTS_AND_PIS = re.compile(rb"<!--.*?(?:-->|\Z)|<\?.*?(?:\?>|\Z)", re.DOTALL)  # may hide a '<a'
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
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
        except _UNREADABLE_PART as exc:  # bad CRC, mismatched headers, broken deflate data…
            raise FileRefused(_DAMAGED) from exc


def _check_entries(entries: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(entries) > limits.max_entries:
        raise FileRefused(f"The workbook has {len(entries)} parts; a return has far fewer. Use the template.")
    names = {e.filename for e in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileRefused(
            "This zip file is not an Excel workbook (no workbook part inside). Save the return "
            "from Excel as .xlsx."
        )
    total = 0
    for entry in entries:
        name = entry.filename
        if name.startswith(("/", "\\")) or ".." in name.split("/") or ":" in name or "\\" in name:
            raise FileRefused(f"The workbook contains a part with an unsafe name ({name[:60]!r}); it was not read.")
        if entry.flag_bits & 0x1:
            raise FileRefused("The workbook is encrypted. Remove the password in Excel and save it again.")
        if entry.file_size > limits.max_uncompressed_bytes:
            raise FileRefused("The workbook would expand to an unsafe size when opened (a 'zip bomb'); it was not read.")
        total += entry.file_size
        if entry.compress_size and entry.file_size / entry.compress_size > limits.max_entry_ratio and entry.file_size > MB:
            raise FileRefused(
                "The workbook is compressed far more than any real spreadsheet (a 'zip bomb'); it was not read."
            )
    if total > limits.max_uncompressed_bytes:
        raise FileRefused("The workbook would expand to an unsafe size when opened (a 'zip bomb'); it was not read.")


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
            if prolog is None or _DOCTYPE.search(prolog):
                raise FileRefused(
                    "The workbook contains XML with a DOCTYPE or entity declarations, which Excel "
                    "never writes (a possible 'XML bomb'); it was not read."
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
    packed = memoryview(data)[start : start + entry.compress_size]
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


def _xml_prolog(chunks: Iterator[bytes], limit: int = MB) -> bytes | None:
    """The bytes before the XML root element (where a DOCTYPE would be); None if no root in `limit`."""
    seen = b""
    for chunk in chunks:
        seen += chunk
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
