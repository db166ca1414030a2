"""Small upload files made on the fly for the upload tests: DOCX, PDF (with and without a text
layer, encrypted), zip archives and zip bombs. Nothing here is a real report; report text passed
in comes from the tests (real seed samples or text labelled synthetic).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def docx_bytes(lines: list[str]) -> bytes:
    """A Word document with one paragraph per line, written by python-docx."""
    from docx import Document

    document = Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# One list definition of three levels as Chinese reports number them: 一、 (一) 1.
REPORT_LIST_LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "(%2)"), ("decimal", "%3."))


def numbered_docx_bytes(
    paragraphs: list[tuple[str, int | None]],
    *,
    levels: tuple[tuple[str, str], ...] = REPORT_LIST_LEVELS,
    heading_style_level: int | None = None,
    restarts: frozenset[int] = frozenset(),
) -> bytes:
    """A Word document whose paragraphs (text, list level or None) are numbered by Word's list
    feature, the numbers only in ``numbering.xml``. With ``heading_style_level``, the list level
    is set on a style "Heading" and the paragraphs at that level take the style instead. The
    paragraphs at the indexes in ``restarts`` start their level at 1 again (a new list of the
    same definition with a ``startOverride``, as Word writes "restart numbering")."""
    body, lists, num_id = [], ['<w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>'], 7
    for index, (text, level) in enumerate(paragraphs):
        if index in restarts and level is not None:
            num_id += 1
            lists.append(
                f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="3"/>'
                f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
        if level is None:
            properties = ""
        elif level == heading_style_level:
            properties = '<w:pPr><w:pStyle w:val="Heading"/></w:pPr>'
        else:
            properties = (
                f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
            )
        escaped = text.replace("&", "&amp;").replace("<", "&lt;")
        body.append(f'<w:p>{properties}<w:r><w:t xml:space="preserve">{escaped}</w:t></w:r></w:p>')
    definitions = "".join(
        f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
        f'<w:lvlText w:val="{pattern}"/></w:lvl>'
        for index, (number_format, pattern) in enumerate(levels)
    )
    numbering = (
        f'<w:numbering {_W_NS}><w:abstractNum w:abstractNumId="3">{definitions}</w:abstractNum>'
        f"{''.join(lists)}</w:numbering>"
    )
    style = (
        '<w:style w:type="paragraph" w:styleId="Heading"><w:pPr><w:numPr>'
        f'<w:ilvl w:val="{heading_style_level}"/><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
        if heading_style_level is not None
        else ""
    )
    document = f"<w:document {_W_NS}><w:body>{''.join(body)}</w:body></w:document>"
    return zip_bytes(
        {
            "word/document.xml": document.encode(),
            "word/numbering.xml": numbering.encode(),
            "word/styles.xml": f"<w:styles {_W_NS}>{style}</w:styles>".encode(),
        }
    )


def pdf_bytes(lines: list[str], *, lines_per_page: int = 45) -> bytes:
    """A PDF whose text layer holds ``lines`` (any BMP characters, Chinese included).

    The font is a Type0/Identity-H font whose character codes are the Unicode code points and
    whose ToUnicode map says so: no glyphs are embedded (the pages would render as blanks), but
    the text layer is exactly what a text extractor reads from a real report PDF.
    """
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    contents = [_lines_content(page_lines) for page_lines in pages]
    return _text_pdf(contents, sorted({ch for line in lines for ch in line}))


def placed_pdf_bytes(
    pages: list[list[tuple[float, float, str] | tuple[float, float, str, float]]],
    *,
    rules: list[tuple[float, float, float, float]] = (),
) -> bytes:
    """A PDF (with ``pdf_bytes``'s font, every character 10 points wide) drawing each text at
    its place (x, y from the page's bottom left; and spacing, in points, added after each of
    its characters), in the order given, as a PDF writer may draw a line in several passes;
    and on each page the ``rules`` a table's borders draw (x, y to x, y)."""
    lines = "\n".join(f"0.5 w {x} {y} m {to_x} {to_y} l S" for x, y, to_x, to_y in rules)
    contents = [
        "\n".join(
            f"BT /F1 10 Tf {spacing} Tc 1 0 0 1 {x} {y} Tm <{_codes(text)}> Tj ET"
            for x, y, text, spacing in ((*item, 0)[:4] for item in page)
        )
        + "\n"
        + lines
        for page in pages
    ]
    return _text_pdf(contents, sorted({ch for page in pages for item in page for ch in item[2]}))


def unmapped_pdf_bytes(lines: list[str]) -> bytes:
    """A PDF drawing ``lines`` the way some virtual printers write them: the codes are glyph
    numbers of a font that has no ToUnicode map, so no reader can tell which characters they are."""

    def glyph_numbers(text: str) -> str:
        return "".join(f"{ord(ch) * 7919 % 30000 + 200:04X}" for ch in text)

    return _text_pdf([_lines_content(lines, codes=glyph_numbers)], [], to_unicode=False)


def _codes(text: str) -> str:
    return "".join(f"{ord(ch):04X}" for ch in text)


def _lines_content(lines: list[str], *, codes=_codes) -> str:
    """A page's content stream drawing ``lines`` one under the other from its top left."""
    return "\n".join(
        ["BT", "/F1 10 Tf", "14 TL", "40 800 Td", *(f"<{codes(line)}> Tj T*" for line in lines), "ET"]
    )


def pdf_with_font_program_bytes(lines: list[str], *, megabytes: int) -> bytes:
    """``pdf_bytes(lines)`` whose font embeds a program that expands to ``megabytes`` MB of
    zeros (deflated to a few kB): drawn from by the text, but not part of the text layer."""
    deflate = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    packed = b"".join([*(deflate.compress(chunk) for _ in range(megabytes)), deflate.flush()])
    program = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"
    return _text_pdf(
        [_lines_content(lines)], sorted({ch for line in lines for ch in line}), font_program=program
    )


def _text_pdf(
    contents: list[str], used: list[str], *, font_program: bytes | None = None, to_unicode: bool = True
) -> bytes:
    objects: dict[int, bytes] = {}
    font_id, cid_font_id, cmap_id, descriptor_id = 3, 4, 5, 6
    first_page_id = 7
    page_ids = [first_page_id + 2 * index for index in range(len(contents))]

    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects[2] = f"<< /Type /Pages /Kids [{kids}] /Count {len(contents)} >>".encode()
    objects[font_id] = (
        f"<< /Type /Font /Subtype /Type0 /BaseFont /SyntheticCJK /Encoding /Identity-H "
        f"/DescendantFonts [{cid_font_id} 0 R]{f' /ToUnicode {cmap_id} 0 R' if to_unicode else ''} >>"
    ).encode()
    objects[cid_font_id] = (
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SyntheticCJK "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {descriptor_id} 0 R /DW 1000 /CIDToGIDMap /Identity >>"
    ).encode()
    program_id = first_page_id + 2 * len(contents)
    objects[descriptor_id] = (
        b"<< /Type /FontDescriptor /FontName /SyntheticCJK /Flags 4 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80"
        + (b" /FontFile2 %d 0 R" % program_id if font_program else b"")
        + b" >>"
    )
    if font_program:
        objects[program_id] = font_program
    objects[cmap_id] = _stream(_to_unicode_cmap(used))
    for page_id, content in zip(page_ids, contents, strict=True):
        objects[page_id] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {page_id + 1} 0 R >>"
        ).encode()
        objects[page_id + 1] = _stream(content.encode("ascii"), compress=True)
    return _assemble(objects)


def blank_pdf_bytes(pages: int = 2) -> bytes:
    """A PDF of blank pages: no text layer, like a scan whose images were never recognised."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf_bytes(lines: list[str], *, password: str = "secret") -> bytes:
    """``pdf_bytes(lines)`` locked with a user password."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(lines))))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def with_broken_deflate(archive: bytes, member: str) -> bytes:
    """``archive`` (a zip) with ``member``'s compressed data overwritten by bytes no deflate
    stream starts with (block type 3, reserved): reading it raises ``zlib.error``."""
    data = bytearray(archive)
    with zipfile.ZipFile(io.BytesIO(archive)) as reader:
        info = reader.getinfo(member)
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    data[start : start + info.compress_size] = b"\xff" * info.compress_size
    return bytes(data)


def zip_bomb_bytes(member: str = "word/document.xml", *, gigabytes: int = 3) -> bytes:
    """A zip whose one ``member`` really expands to ``gigabytes`` GiB of zeros (a few MB packed).

    A deflate stream of zeros is built from one repeated, byte-aligned block (instead of
    compressing gigabytes, which takes a minute), and the archive headers are written by hand:
    below 4 GiB no zip64 records are needed. The CRC is the true one, so a reader that did
    expand the member would find nothing wrong until it had written gigabytes.
    """
    chunk = bytes(1024 * 1024)
    count = gigabytes * 1024
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    body = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush(zlib.Z_FINISH)
    deflated = head + body * (count - 1) + tail
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    size = count * len(chunk)
    name = member.encode()
    fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(deflated), size)
    local = b"PK\x03\x04" + fields + struct.pack("<HH", len(name), 0) + name
    central = (
        b"PK\x01\x02"
        + struct.pack("<H", 20)
        + fields
        + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, 0)
        + name
    )
    directory_offset = len(local) + len(deflated)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 1, 1, len(central), directory_offset, 0)
    return local + deflated + central + end


def _to_unicode_cmap(characters: list[str]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    for start in range(0, len(characters), 100):
        block = characters[start : start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines.extend(f"<{ord(ch):04X}> <{ord(ch):04X}>" for ch in block)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def _stream(data: bytes, *, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _assemble(objects: dict[int, bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return out.getvalue()


def mhtml_bytes(html: bytes, *, address: str = "", base64: bool = False) -> bytes:
    """A page saved as one file (.mhtml, .mht) the way browsers write it: a MIME message whose
    first part is the page's HTML, quoted-printable (Chrome) or base64 (IE), and a picture."""
    import base64 as b64
    import quopri

    if base64:
        encoding, body = "base64", b64.encodebytes(html)
    else:
        encoding, body = "quoted-printable", quopri.encodestring(html)
    boundary = b"----MultipartBoundary--sample----"
    location = f"Snapshot-Content-Location: {address}\r\n".encode() if address else b""
    return (
        b"From: <Saved by Blink>\r\n"
        + location
        + b"Subject: =?utf-8?Q?report?=\r\nMIME-Version: 1.0\r\n"
        + b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="'
        + boundary
        + b'"\r\n\r\n\r\n--'
        + boundary
        + b"\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: "
        + encoding.encode()
        + (f"\r\nContent-Location: {address}" if address else "").encode()
        + b"\r\n\r\n"
        + body
        + b"\r\n--"
        + boundary
        + b"\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        + b"Content-Location: https://www.example.gov.cn/logo.png\r\n\r\n"
        + b64.encodebytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
        + b"\r\n--"
        + boundary
        + b"--\r\n"
    )
