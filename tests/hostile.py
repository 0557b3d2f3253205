"""Builders for hostile and broken uploads, made in code at test time (no binary blobs).

Each returns the bytes of one file a careless or malicious sender could upload as .xlsx.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable

from builders import valid_bytes

MB = 1024 * 1024
Entry = tuple[zipfile.ZipInfo, bytes]


def rebuild(data: bytes, change: Callable[[list[Entry]], Iterable[Entry]]) -> bytes:
    """The zip `data` with its entries passed through `change` (a list of (info, content))."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in change(entries):
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _replace(name: str, make: Callable[[bytes], bytes]) -> Callable[[list[Entry]], list[Entry]]:
    return lambda entries: [(i, make(c) if i.filename == name else c) for i, c in entries]


def zip_bomb(size: int = 300 * MB) -> bytes:
    """A real return plus one entry of `size` zero bytes, written in a stream (a few hundred KB)."""
    out = io.BytesIO(rebuild(valid_bytes(), list))
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("xl/media/image1.bin", "w", force_zip64=True) as part,
    ):
        chunk = bytes(MB)
        for _ in range(size // MB):
            part.write(chunk)
    return out.getvalue()


def many_parts(count: int = 2100) -> bytes:
    """A real return padded with `count` tiny entries."""
    return rebuild(valid_bytes(), lambda e: e + [(zipfile.ZipInfo(f"xl/pad/{n}.txt"), b"x") for n in range(count)])


BILLION_LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE worksheet [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10) for n in range(1, 10)
    )
    + b"]>\n"
)


def _without_declaration(xml: bytes) -> bytes:
    return xml.split(b"?>", 1)[1].lstrip() if xml.startswith(b"<?xml") else xml


def xml_bomb(part: str = "xl/worksheets/sheet2.xml") -> bytes:
    """A real return whose `part` declares the 'billion laughs' entities and uses them in a cell."""

    def laugh(xml: bytes) -> bytes:
        body = _without_declaration(xml)
        body = body.replace(b"<v>", b"<v>&lol9;", 1) if b"<v>" in body else body
        return BILLION_LAUGHS + body

    return rebuild(valid_bytes(), _replace(part, laugh))


def inline_entity_workbook() -> bytes:
    """A real return whose About sheet uses an inline-string cell holding an entity."""

    def entity(xml: bytes) -> bytes:
        body = _without_declaration(xml)
        cell = b'<c r="Z1" t="inlineStr"><is><t>&lol9;</t></is></c>'
        body = body.replace(b"</row>", cell + b"</row>", 1)
        return BILLION_LAUGHS + body

    return rebuild(valid_bytes(), _replace("xl/worksheets/sheet2.xml", entity))


def macro_workbook() -> bytes:
    """A macro-enabled workbook (VBA project and macroEnabled content type) renamed .xlsx."""

    def add_macros(entries: list[Entry]) -> list[Entry]:
        changed = _replace(
            "[Content_Types].xml",
            lambda xml: xml.replace(
                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
            ).replace(
                b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
            ),
        )(entries)
        return changed + [(zipfile.ZipInfo("xl/vbaProject.bin"), b'\xd0\xcf\x11\xe0 Attribute VB_Name = "Module1"')]

    return rebuild(valid_bytes(), add_macros)


def hidden_vba_project() -> bytes:
    """A VBA project part with an innocent content-types file (the part name alone must do)."""
    return rebuild(valid_bytes(), lambda e: e + [(zipfile.ZipInfo("xl/VBAProject.bin"), b"Sub AutoOpen()")])


def renamed_csv() -> bytes:
    return b"Borough,Financial year\r\nHackney,2024/25\r\n=cmd|' /C calc'!A0,1\r\n"


def empty_file() -> bytes:
    return b""


def truncated_xlsx() -> bytes:
    data = valid_bytes()
    return data[: len(data) // 2]


def old_xls() -> bytes:
    """The start of an OLE2 compound file, as Excel 97–2003 .xls (and encrypted .xlsx) are."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"Workbook"


def path_traversal(name: str = "../../etc/evil.xml") -> bytes:
    """A real return with an entry whose name climbs out of the extraction folder."""
    return rebuild(valid_bytes(), lambda e: e + [(zipfile.ZipInfo(name), b"<x/>")])


def _offsets(data: bytes, name: str) -> tuple[int, int]:
    """Where entry `name`'s local header and central directory record start in `data`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(name).header_offset
    central = data.index(b"PK\x01\x02", local)
    while data[central + 46 : central + 46 + len(name)] != name.encode():
        central = data.index(b"PK\x01\x02", central + 4)
    return local, central


def encrypted_entry(name: str = "xl/styles.xml") -> bytes:
    """A real return whose entry `name` is marked as encrypted (general-purpose flag bit 0).

    zipfile clears the flag when writing, so it is set in the bytes: in the entry's local
    header (offset 6) and its central directory record (offset 8)."""
    data = bytearray(rebuild(valid_bytes(), list))
    local, central = _offsets(bytes(data), name)
    data[local + 6] |= 0x1
    data[central + 8] |= 0x1
    return bytes(data)


def zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return out.getvalue()


def damaged_sheet_xml() -> bytes:
    """A zip that passes the pre-parse checks but whose sheet XML is cut off mid-element."""
    return rebuild(valid_bytes(), _replace("xl/workbook.xml", lambda xml: xml[: len(xml) // 2]))


def doctype_after_comment() -> bytes:
    """An XML bomb whose DOCTYPE follows a comment that itself contains '<a' (a root look-alike)."""

    def hide(xml: bytes) -> bytes:
        body = _without_declaration(xml).replace(b"<v>", b"<v>&lol9;", 1)
        declaration, doctype = BILLION_LAUGHS.split(b"\n", 1)
        return declaration + b"\n<!-- <a note -->\n" + doctype + body

    return rebuild(valid_bytes(), _replace("xl/worksheets/sheet2.xml", hide))


def unreadable_styles() -> bytes:
    """A return with 0.15 as its social value weighting and a styles part that calamine reads
    but openpyxl (asked for that cell's number format) cannot."""
    from builders import with_answer

    data, _ = with_answer("Social value", "Standard social value weighting in tender evaluation (%)", 0.15)
    styles = (
        b"<styleSheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
        b"<cellXfs count='1'><xf numFmtId='abc'/></cellXfs></styleSheet>"
    )
    return rebuild(data, _replace("xl/styles.xml", lambda xml: styles))


def bad_crc(name: str = "docProps/app.xml") -> bytes:
    """A real return whose recorded CRC-32 of one part no longer matches its content."""
    data = bytearray(rebuild(valid_bytes(), list))
    local, central = _offsets(bytes(data), name)
    data[local + 14] ^= 0xFF  # the CRC-32, in the local header and the central directory
    data[central + 16] ^= 0xFF
    return bytes(data)


def _sheet_part(data: bytes, sheet: str) -> str:
    """The zip entry of the worksheet named `sheet` (e.g. 'xl/worksheets/sheet3.xml')."""
    import re

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        book, rels = archive.read("xl/workbook.xml"), archive.read("xl/_rels/workbook.xml.rels")
    rid = re.search(rb'<sheet [^>]*name="' + re.escape(sheet.encode()) + rb'"[^>]*r:id="([^"]+)"', book)
    assert rid, sheet
    target = re.search(rb'Id="' + rid[1] + rb'"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="' + rid[1] + rb'"', rels)
    assert target
    return "xl/" + (target[1] or target[2]).decode().removeprefix("/xl/")


def raw_number(sheet: str, ref: str, number: bytes, data: bytes | None = None) -> bytes:
    """A real return whose cell `ref` on `sheet` holds `number` as written in the XML
    (b'inf', b'NaN', b'1e999', b'1.7e308': values Excel never writes but a file can hold)."""
    return _raw_cell(sheet, ref, b' t="n"><v>' + number + b"</v>", data)


def raw_text(sheet: str, ref: str, text: bytes, data: bytes | None = None) -> bytes:
    """A real return whose cell `ref` on `sheet` holds the inline string `text` as written in
    the XML (Excel's escapes such as _x001B_, or raw bytes)."""
    return _raw_cell(sheet, ref, b' t="inlineStr"><is><t>' + text + b"</t></is>", data)


def _raw_cell(sheet: str, ref: str, content: bytes, data: bytes | None) -> bytes:
    import re

    data = data or valid_bytes()
    cell = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(/>|>.*?</c>)')

    def write(xml: bytes) -> bytes:
        assert cell.search(xml), ref
        return cell.sub(lambda _: b'<c r="' + ref.encode() + b'"' + content + b"</c>", xml, count=1)

    return rebuild(data, _replace(_sheet_part(data, sheet), write))


def shared_strings(data: bytes) -> bytes:
    """The workbook `data` with its inline strings (openpyxl writes them) moved to a shared
    strings part, as Excel saves text, so both ways of storing text are read."""
    import re

    strings: dict[bytes, int] = {}
    inline = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is>(<t[^>]*>.*?</t>|<t/>)</is></c>', re.DOTALL)

    def share(match: re.Match[bytes]) -> bytes:
        index = strings.setdefault(match[3], len(strings))
        return b"<c " + match[1] + b't="s"' + match[2] + b"><v>%d</v></c>" % index

    def change(entries: list[Entry]) -> list[Entry]:
        out = [(i, inline.sub(share, c) if i.filename.startswith("xl/worksheets/sheet") else c) for i, c in entries]
        table = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
            % (len(strings), len(strings))
            + b"".join(b"<si>" + text + b"</si>" for text in strings)
            + b"</sst>"
        )
        sst_type = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
        sst_rel = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
        out = _replace(
            "[Content_Types].xml",
            lambda x: x.replace(
                b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + sst_type + b'"/></Types>'
            ),
        )(out)
        out = _replace(
            "xl/_rels/workbook.xml.rels",
            lambda x: x.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdShared" Type="' + sst_rel + b'" Target="sharedStrings.xml"/></Relationships>',
            ),
        )(out)
        return out + [(zipfile.ZipInfo("xl/sharedStrings.xml"), table)]

    return rebuild(data, change)


ESCAPED_CONTROLS = b"_x001B__x0007__x0000_"  # ESC, BEL and NUL, as Excel escapes them


def text_with(insert: bytes = ESCAPED_CONTROLS, texts: Iterable[str] = (), shared: bool = False) -> bytes:
    """A real return whose text answers in `texts` (by default every text, choice, email,
    authority, year and Yes/No answer of builders.full_content) hold `insert` after their
    first character, written into the sheet XML as is (escapes such as _x001B_, or raw bytes);
    with `shared`, the text is stored as Excel stores it, in the shared strings part."""
    from builders import full_content

    from wayahead.returns.spec import sheet as spec_sheet
    from wayahead.returns.template import display_value

    data = valid_bytes()
    if not texts:
        texts = {
            str(display_value(value, spec_sheet(key).field(field)))
            for key, records in full_content().items()
            for record in records
            for field, value in record.items()
            if isinstance(display_value(value, spec_sheet(key).field(field)), (str, bool))
        }
    data = shared_strings(data) if shared else data
    # each text as it may stand in the XML: UTF-8, or with character references (openpyxl writes
    # 'Grant &#8211; core' when lxml is installed, as python-pptx brings it)
    marked = [
        (b">" + written(t) + b"</t>", b">" + written(t[:1]) + insert + written(t[1:]) + b"</t>")
        for t in texts
        for written in (str.encode, lambda x: x.encode("ascii", "xmlcharrefreplace"))
    ]

    def mark(xml: bytes) -> bytes:
        for plain, hostile in marked:
            xml = xml.replace(plain, hostile)
        return xml

    return rebuild(
        data,
        lambda entries: [
            (i, mark(c) if i.filename.startswith(("xl/worksheets/sheet", "xl/sharedStrings")) else c)
            for i, c in entries
        ],
    )


FUNDING_PART = "xl/worksheets/sheet3.xml"  # the template's third sheet


def _add_rows(data: bytes, rows: bytes, part: str = FUNDING_PART) -> bytes:
    """`data` with raw <row> elements added at the end of one sheet's data."""
    return rebuild(data, _replace(part, lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>", 1)))


def far_cell(ref: str = "XFD1048576") -> bytes:
    """A real return (about 32 KB) with one stray value in cell `ref` of its Funding sheet: a
    reader that builds the sheet's whole rectangle from A1 would allocate rows × columns cells."""
    row = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    cell = b'<row r="%s"><c r="%s" t="inlineStr"><is><t>stray</t></is></c></row>' % (row.encode(), ref.encode())
    return _add_rows(valid_bytes(), cell)


def junk_rows(rows: int = 1_000_000, first: int = 40) -> bytes:
    """A real return whose Funding sheet goes on for `rows` rows of junk under the table (words
    where the amounts go), each row different so the file compresses as real data does."""
    body = b"".join(
        b'<row r="%d"><c r="C%d" t="inlineStr"><is><t>x%x</t></is></c></row>' % (r, r, r * 7919)
        for r in range(first, first + rows)
    )
    return _add_rows(valid_bytes(), body)


def comment_padded(parts: int = 190, size: int = MB) -> bytes:
    """A real return with `parts` extra XML parts of `size` bytes each, nearly all of it one
    comment before the root element (each part just under the limits that apply per part)."""
    root = b"<a/>"
    padding = b"<!--" + b"x" * (size - 7 - len(root)) + b"-->" + root
    return rebuild(
        valid_bytes(), lambda e: e + [(zipfile.ZipInfo(f"customXml/item{n}.xml"), padding) for n in range(parts)]
    )


def many_cells(rows: int = 2100, columns: int = 100, first: int = 40) -> bytes:
    """A real return whose Funding sheet has `rows` × `columns` filled cells below its table."""
    from loaders.workbook import column_letters

    letters = [column_letters(c).encode() for c in range(columns)]
    body = b"".join(
        b'<row r="%d">' % r
        + b"".join(b'<c r="%s%d"><v>%d</v></c>' % (letter, r, r * c) for c, letter in enumerate(letters))
        + b"</row>"
        for r in range(first, first + rows)
    )
    return _add_rows(valid_bytes(), body)


def hidden_lookalike(name: str = "Funding ", state: str = "hidden", keep_visible: bool = True) -> bytes:
    """A real return with a hidden (or 'veryHidden') copy of its Funding sheet named `name`,
    figures 1,000 times larger, placed before the visible Funding sheet. Without `keep_visible`
    the visible one is gone and only the hidden look-alike is left."""
    import openpyxl

    big = openpyxl.load_workbook(io.BytesIO(valid_bytes(scale=1000)))["Funding"]
    book = openpyxl.load_workbook(io.BytesIO(valid_bytes()))
    position = book.sheetnames.index("Funding")
    if not keep_visible:
        del book["Funding"]
    copy = book.create_sheet("LOOKALIKE", position)
    for row in big.iter_rows():
        for cell in row:
            copy.cell(cell.row, cell.column, cell.value)
    copy.sheet_state = state
    out = io.BytesIO()
    book.save(out)  # then named in the XML: openpyxl would add a number to a name differing only in case
    named = b'name="%s"' % name.encode()
    return rebuild(out.getvalue(), _replace("xl/workbook.xml", lambda xml: xml.replace(b'name="LOOKALIKE"', named)))


def duplicate_entry(name: str = FUNDING_PART) -> bytes:
    """A real return whose zip holds a second entry called `name` (readers differ on which one
    they take), here with figures 1,000 times larger."""
    with zipfile.ZipFile(io.BytesIO(valid_bytes(scale=1000))) as big:
        second = big.read(name)
    return rebuild(valid_bytes(), lambda e: e + [(zipfile.ZipInfo(name), second)])
