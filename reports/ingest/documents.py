"""Word (DOCX, and .doc through ``word97``) and PDF report files → plain text, refusing what
cannot be read safely or at all.

Called by ``decoding.decode_report_bytes`` when the bytes are a document rather than text, so
``import_report`` (and with it the admin upload and the import command) takes every format.

Both formats are compressed containers, so nothing is expanded before its size is known:

* DOCX is a zip. Its central directory declares each member's uncompressed size; the archive is
  refused when it has too many members, when the declared sizes add up past a limit, or when a
  member claims an implausible compression ratio (a "zip bomb"). Then ``word/document.xml`` is
  read (with ``numbering.xml`` and ``styles.xml``, where the numbers of Word's numbered
  lists are defined: "一、" set by the list feature is not in the text, only a reference to its
  list; ``word_numbering`` writes it back), through a reader that stops at the declared size,
  and parsed with entity resolution and network access switched off. A table row is read as a
  web page's is, and a document merged in (``w:altChunk``: a page a tool exported to Word) where
  it stands.
* PDF is opened with pypdf, whose stream decoders stop at fixed output limits, and every stream
  the pages' text is drawn from is decoded under them before PDFium (``pdf_layout``), which has
  no limits, lays the pages out. An encrypted PDF is opened only when it has an empty user
  password (a "permissions only" PDF, common on government sites); otherwise it is refused. A
  PDF whose pages carry (almost) no extractable characters is
  a scan: it is refused as "needs OCR" so that it is never stored as an empty report. Page
  numbers on lines of their own ("- 3 -", "第3页 共9页") are dropped and lines wrapped at the
  page margin are joined back into paragraphs, across page breaks too, so an HTML and a PDF
  copy of one report fingerprint alike, the heading tree is found as in the HTML and a figure
  cut by the margin (下放3 / 04项) is read whole.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Literal

from lxml import etree

from .errors import DOWNLOAD_AGAIN, RejectedFile
from .page.html import html_lines
from .pdf_layout import PageReading, PrintedLine, read_pages
from .word97 import OLE_SIGNATURE, is_word97, word97_text
from .word_numbering import W, WordNumbering
from .wrapping import reflow, table_row

DocumentKind = Literal["docx", "doc", "pdf"]

NEEDS_OCR = "needs_ocr"

# Generous for real reports (a 60-page DOCX has a document.xml of a few MB) and far below
# anything that could exhaust memory.
DOCX_MAX_MEMBERS = 2_000
DOCX_MAX_EXPANDED_BYTES = 200 * 1024 * 1024
DOCX_MAX_XML_BYTES = 100 * 1024 * 1024
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_ALT_CHUNK = f"{W}altChunk"
_PAGE_SUFFIXES = (".htm", ".html", ".xhtml", ".mht", ".mhtml")
# Deflated XML reaches 10–30×; a hundredfold is only seen in crafted or padded archives.
ZIP_MAX_RATIO = 100
ZIP_RATIO_FLOOR = 1024 * 1024  # small members may compress arbitrarily well

PDF_MAX_PAGES = 2_000
# A page of a real report carries hundreds of characters; a scan carries none or a stray few
# (a stamped page number, an OCR-less watermark).
PDF_MIN_CHARS_PER_PAGE = 20
PDF_MIN_CHARS = 50
# What PDFium may decode for the text of all pages: a report of 300 pages has a few MB of page
# contents and fonts.
PDF_MAX_DECODED_BYTES = 200 * 1024 * 1024
_OCR_ADVICE = "请上传同一报告的网页或 Word 版本,或做文字识别后上传"
_PDF_CORRUPT = f"PDF 文件已损坏,无法读取:{DOWNLOAD_AGAIN} (corrupt pdf)"
_PDF_ENCRYPTED = "PDF 文件已加密,请提供未加密的版本 (encrypted pdf)"

# No entities, no network, no DTD: a document's XML is data, never instructions to fetch or expand.
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def document_kind(data: bytes, *, filename: str = "") -> DocumentKind | None:
    """``"pdf"``, ``"docx"`` or ``"doc"`` (Word 97–2003: an OLE file with a Word document
    stream) when the bytes are such a document.

    Judged by content; a zip that cannot be opened counts as a (corrupt) Word document when
    its name says .docx, so that it is refused as one.
    """
    if data.startswith(b"%PDF-"):
        return "pdf"
    if is_word97(data):
        return "doc"
    if data.startswith(b"PK\x03\x04"):
        if filename.lower().endswith((".docx", ".docm")):
            return "docx"
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except ZIP_MEMBER_ERRORS:  # NotImplementedError too: an unknown zip version or method
            # Looks like a Word file by its first bytes but the directory is unreadable.
            return "docx" if b"word/" in data[:4096] else None
        if "word/document.xml" in names:
            return "docx"
    return None


# Zip-based document formats other than Word: each is refused by name, with what to save it as,
# rather than unpacked like an archive of reports or read as text. Recognised by their members:
# OOXML's part list and folder, the ``mimetype`` of OpenDocument and EPUB, OFD's root file.
_OOXML_FOLDERS = (("xl/", "Excel 表格(.xlsx)"), ("ppt/", "PowerPoint 演示文稿(.pptx)"))
_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "OpenDocument 文本(.odt)",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument 表格(.ods)",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument 演示文稿(.odp)",
    "application/epub+zip": "EPUB 电子书",
}


def zip_document_format(archive: zipfile.ZipFile) -> str | None:
    """The name of the document format a zip is, when it is one other than Word (an OFD file, an
    Excel workbook, an OpenDocument text…); None for a Word document or a plain archive."""
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return None
    if "OFD.xml" in names:
        return "OFD 版式文件"
    if "[Content_Types].xml" in names:
        return next(
            (name for folder, name in _OOXML_FOLDERS if any(n.startswith(folder) for n in names)),
            "Office 文档",
        )
    if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
        try:
            mimetype = archive.read("mimetype").decode("ascii", errors="replace").strip()
        except ZIP_MEMBER_ERRORS:
            return None  # damaged: not told apart from an archive, whose members are refused one by one
        return _MIMETYPES.get(mimetype, "OpenDocument 文档" if "opendocument" in mimetype else None)
    return None


def unsupported_document(format_name: str) -> str:
    """The refusal of a document in a format the importer does not read, saying what to do."""
    return (
        f"不支持{format_name}:请用打开它的软件另存为 PDF 或 Word(.docx)后上传"
        " (unsupported zip-based document)"
    )


# Office encrypts a password-protected DOCX (or XLSX) into an OLE compound file, the container of
# old binary .doc files, whose directory names the stream ``EncryptedPackage`` (in UTF-16).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
ENCRYPTED_DOCX = (
    "Word 文档已加密(设有打开密码),无法读取:请在 Word 中删除密码后保存,再重新上传 (encrypted docx)"
)


def is_encrypted_office_document(data: bytes) -> bool:
    """Whether the bytes are a password-protected Office Open XML file (a DOCX with a password to
    open it), which by its first bytes looks like an old binary Word document."""
    return data.startswith(OLE_SIGNATURE) and _ENCRYPTED_PACKAGE in data


def extract_document_text(data: bytes, kind: DocumentKind) -> str:
    """The document's text with ``\\n`` between paragraphs, or ``RejectedFile`` saying why not."""
    readers = {"docx": docx_text, "doc": word97_text, "pdf": pdf_text}
    return readers[kind](data)


# --- DOCX ------------------------------------------------------------------------------------


def check_zip_sizes(archive: zipfile.ZipFile, *, max_members: int, max_total: int, what: str) -> None:
    """Refuse an archive by its declared sizes, before anything is decompressed."""
    members = archive.infolist()
    if len(members) > max_members:
        raise RejectedFile(f"{what}包含 {len(members)} 个文件,超过上限 {max_members} (too many entries)")
    total = sum(member.file_size for member in members)
    if total > max_total:
        raise RejectedFile(
            f"{what}解压后将达 {total / 1024 / 1024:.0f} MB,超过上限 {max_total // (1024 * 1024)} MB,"
            "已拒绝且未解压 (zip bomb: declared size too large)"
        )
    for member in members:
        if member.file_size > ZIP_RATIO_FLOOR and member.file_size > ZIP_MAX_RATIO * max(
            member.compress_size, 1
        ):
            ratio = member.file_size // max(member.compress_size, 1)
            raise RejectedFile(
                f"{what}中的 {member.filename} 压缩比异常({ratio} 倍),"
                "已拒绝且未解压 (zip bomb: compression ratio)"
            )


# What reading a damaged member of a zip (a DOCX's XML, a file in an uploaded archive) raises: a
# broken header, a truncated or invalid deflate stream (zlib.error), a wrong CRC.
ZIP_MEMBER_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,  # an encrypted member: zipfile wants its password
    zlib.error,
)


def read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, limit: int) -> bytes:
    """A member's bytes, reading at most ``limit`` bytes whatever its header claims."""
    if member.file_size > limit:
        raise RejectedFile(f"{member.filename} 解压后过大 (entry too large)")
    with archive.open(member) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise RejectedFile(f"{member.filename} 解压后过大 (entry too large)")
    return data


def docx_text(data: bytes) -> str:
    """Paragraph and table-cell text of ``word/document.xml``, one paragraph per line; a table
    row of one-line cells as one line, its cells apart (``_row_lines``)."""
    corrupt = f"Word 文档已损坏,无法读取:{DOWNLOAD_AGAIN},或在 Word 中打开后另存为 DOCX (corrupt docx)"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_MEMBER_ERRORS:
        raise RejectedFile(corrupt) from None
    with archive:
        check_zip_sizes(
            archive, max_members=DOCX_MAX_MEMBERS, max_total=DOCX_MAX_EXPANDED_BYTES, what="Word 文档"
        )
        try:
            member = archive.getinfo("word/document.xml")
        except KeyError:
            raise RejectedFile(corrupt) from None
        if member.flag_bits & 0x1:
            raise RejectedFile(ENCRYPTED_DOCX)
        try:
            xml = read_member(archive, member, limit=DOCX_MAX_XML_BYTES)
        except ZIP_MEMBER_ERRORS:
            raise RejectedFile(corrupt) from None
        # Word's list numbers (一、 (一) typed by nobody) are defined beside the text.
        numbering = _optional_xml(archive, "word/numbering.xml")
        styles = _optional_xml(archive, "word/styles.xml")
        chunks = _chunks(archive)
    try:
        root = etree.fromstring(xml, _XML_PARSER)
    except etree.XMLSyntaxError:
        raise RejectedFile(corrupt) from None
    body = root.find(f"{W}body")
    if body is None:
        raise RejectedFile(corrupt)
    numbers = WordNumbering.read(numbering, styles)
    lines: list[str] = []
    merged_down: dict[etree._Element, dict[int, list[str]]] = {}  # table -> column -> lines
    for block in _blocks(body):
        if block.tag == f"{W}tr":
            lines.extend(_row_lines(block, numbers, merged_down.setdefault(block.getparent(), {})))
        elif block.tag == _ALT_CHUNK:
            lines.extend(_chunk_lines(chunks.get(block.get(f"{_R}id", ""))))
        else:
            lines.append(numbers.label(block) + _paragraph_text(block))
    return "\n".join(lines)


def _chunks(archive: zipfile.ZipFile) -> dict[str, tuple[str, bytes]]:
    """The documents merged into this one where ``w:altChunk`` stands (a web page an export tool
    wrapped in a Word file, another Word file): relationship id → (part name, bytes). Parts
    missing or unreadable are left out."""
    relationships = _optional_xml(archive, "word/_rels/document.xml.rels")
    chunks: dict[str, tuple[str, bytes]] = {}
    for relationship in relationships if relationships is not None else ():
        if not relationship.get("Type", "").endswith("/aFChunk"):
            continue
        target = relationship.get("Target", "")
        name = posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join("word", target))
        try:
            chunks[relationship.get("Id", "")] = (
                name,
                read_member(archive, archive.getinfo(name), limit=DOCX_MAX_XML_BYTES),
            )
        except (KeyError, *ZIP_MEMBER_ERRORS):
            continue
    return chunks


def _chunk_lines(chunk: tuple[str, bytes] | None) -> list[str]:
    """A merged document's lines: a web page's as a page is read, other text as it is."""
    if chunk is None:
        return []
    # Imported here: decoding hands Word files to this module.
    from .decoding import decode_report_bytes

    name, data = chunk
    try:
        text = decode_report_bytes(data, filename=name)
        if name.lower().endswith(_PAGE_SUFFIXES) or text.lstrip().startswith("<"):
            return html_lines(text)[0]
    except RejectedFile:
        return []
    return text.split("\n")


def _blocks(root: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs, table rows and merged documents under ``root`` in document order: a
    paragraph, then the paragraphs of a text box anchored in it; a row, whose paragraphs
    ``_row_lines`` reads."""
    for child in root:
        if _a_copy(child):
            continue
        if child.tag in (f"{W}p", f"{W}tr", _ALT_CHUNK):
            yield child
        if child.tag != f"{W}tr":
            yield from _blocks(child)


def _row_lines(row: etree._Element, numbers: WordNumbering, merged_down: dict[int, list[str]]) -> list[str]:
    """A table row as an HTML table's is read: one line ``a | b | c`` when each cell holds one
    line at most (a statistics table: the figures keep their row's label), else each cell's
    paragraphs as lines of their own (a table used for layout). A cell merged across columns
    (gridSpan) is followed by empty cells, and a one-line cell merged down rows (vMerge) is
    repeated in each row of one-line cells, as a page's table is read; ``merged_down`` holds the
    table's cells merged down, by column."""
    skipped = _grid_columns(row.find(f"{W}trPr/{W}gridBefore"), unstated=0)
    cells: list[list[str]] = [[] for _ in range(skipped)]
    own: list[list[str]] = []  # the row's own cells, not those merged down into it
    for cell in row:
        if cell.tag != f"{W}tc":
            continue
        texts = [
            numbers.label(paragraph) + _paragraph_text(paragraph)
            for paragraph in _elements(cell, skipped=_a_copy)
            if paragraph.tag == f"{W}p"
        ]
        own.append(texts)
        column = len(cells)
        merge = cell.find(f"{W}tcPr/{W}vMerge")
        if merge is not None and merge.get(f"{W}val", "continue") == "continue":
            texts = merged_down.get(column, [])
        elif merge is not None:
            merged_down[column] = texts if len(_cell_lines(texts)) == 1 else []
        cells.append(texts)
        cells.extend([] for _ in range(_grid_columns(cell.find(f"{W}tcPr/{W}gridSpan"), unstated=1) - 1))
    row_line = table_row([_cell_lines(texts) for texts in cells])
    if row_line is None:
        return [text for texts in own for text in texts]
    return [row_line] if row_line else []


def _cell_lines(texts: list[str]) -> list[str]:
    return [part.strip() for text in texts for part in text.split("\n") if part.strip()]


def _grid_columns(element: etree._Element | None, *, unstated: int) -> int:
    """How many grid columns a gridSpan spans or a gridBefore skips (at most a hundred)."""
    try:
        return min(max(int(element.get(f"{W}val", "")), 0), 100) if element is not None else unstated
    except ValueError:
        return unstated


def _optional_xml(archive: zipfile.ZipFile, name: str) -> etree._Element | None:
    """A part Word may leave out, parsed; None when it is missing or unreadable (the text still is)."""
    try:
        member = archive.getinfo(name)
    except KeyError:
        return None
    try:
        return etree.fromstring(read_member(archive, member, limit=DOCX_MAX_XML_BYTES), _XML_PARSER)
    except (etree.XMLSyntaxError, *ZIP_MEMBER_ERRORS):
        return None


def _paragraph_text(paragraph: etree._Element) -> str:
    """The paragraph's own text as Word shows it: not a text box anchored in it (its paragraphs
    come after it), not what a tracked change moved away from it, not a run formatted hidden."""
    parts: list[str] = []
    for node in _elements(paragraph, skipped=_not_in_paragraph):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Word writes a text box twice: as DrawingML (mc:Choice) and as VML for older readers
# (mc:Fallback); a tracked move keeps the moved text at its old place too (w:moveFrom).
_COPIES = frozenset({f"{_MC}Fallback", f"{W}moveFrom"})
_OFF = frozenset({"0", "false", "off"})


def _a_copy(element: etree._Element) -> bool:
    return element.tag in _COPIES


def _not_in_paragraph(element: etree._Element) -> bool:
    if element.tag == f"{W}r":
        hidden = element.find(f"{W}rPr/{W}vanish")
        return hidden is not None and hidden.get(f"{W}val", "true").lower() not in _OFF
    return element.tag == f"{W}txbxContent" or _a_copy(element)


def _elements(root: etree._Element, *, skipped: Callable[[etree._Element], bool]) -> Iterator[etree._Element]:
    """``root``'s descendants in document order, not entering those ``skipped`` says."""
    for child in root:
        if skipped(child):
            continue
        yield child
        yield from _elements(child, skipped=skipped)


# --- PDF -------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    """The text of every page in reading order, page numbers on their own lines and lines
    repeated at the pages' edges removed and the lines wrapped at the margin rejoined.

    Each page is read twice: by pypdf in the order its text is drawn, and by PDFium as it is
    laid out (``pdf_layout``). The layout is taken unless it holds fewer characters: PDFium
    leaves out a text object of one character whose font has no outline for it (a font neither
    embedded nor installed), and a lost character costs more than a misplaced quote. A line
    drawn twice for a bold effect counts once (PDFium and the layout read it once).
    """
    drawn = _drawn_pages(data)
    characters = [_characters(page, undoubled=True) for page in drawn]
    if sum(characters) < max(PDF_MIN_CHARS, PDF_MIN_CHARS_PER_PAGE * len(drawn)):
        raise RejectedFile(
            f"PDF 没有文字层(可能是扫描件,共 {len(drawn)} 页),需要先做文字识别:{_OCR_ADVICE} (needs OCR)",
            code=NEEDS_OCR,
        )
    readings = _laid_out_pages(data, len(drawn))
    if sum(reading.unmapped for reading in readings) * 3 > sum(characters):
        raise RejectedFile(
            f"PDF 的字体没有字符编码映射,文字层读出来是乱码,需要先做文字识别:{_OCR_ADVICE}"
            " (text layer not mapped to characters)",
            code=NEEDS_OCR,
        )
    pages = [
        reading.lines if _characters(reading.lines) >= count else page
        for page, reading, count in zip(drawn, readings, characters, strict=True)
    ]
    kept, address = _without_running_lines(pages)
    # The pages' lines run on, without the space at a page's top or foot, so a paragraph going
    # on to the next page stays whole.
    lines = [line for page in kept for line in _trimmed(page)]
    paragraphs = reflow([line.text for line in lines], [line.reach for line in lines])
    if address:  # the page a browser printed: its address, as a saved web page states it
        paragraphs.append(f"原文网址:{address}")
    return "\n".join(paragraphs)


def _trimmed(lines: list[PrintedLine]) -> list[PrintedLine]:
    written = [index for index, line in enumerate(lines) if line.text.strip()]
    return lines[written[0] : written[-1] + 1] if written else []


def _characters(lines: list[PrintedLine], *, undoubled: bool = False) -> int:
    """How many characters the lines hold, not counting spaces or bars (``pdf_layout`` adds
    both between words and cells); ``undoubled``, a line read twice over (法治法治, 法法治治)
    counts once."""
    count = 0
    for line in lines:
        text = _SPACE_OR_BAR.sub("", line.text)
        half = len(text) // 2
        doubled = half and (text[:half] == text[half:] or text[::2] == text[1::2])
        count += half if undoubled and doubled else len(text)
    return count


def _drawn_pages(data: bytes) -> list[list[PrintedLine]]:
    """The lines of each page in the order pypdf finds them drawn, from a PDF that can be read
    safely: not locked by a password, not too long, and every stream its text is drawn from
    (``_streams_drawn_from``) decoding within pypdf's output limits and ``PDF_MAX_DECODED_BYTES``
    in all, since PDFium, which lays the pages out, decodes without limits."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise RejectedFile(_PDF_ENCRYPTED)
            except (FileNotDecryptedError, DependencyError, NotImplementedError):
                raise RejectedFile(_PDF_ENCRYPTED) from None
        page_count = len(reader.pages)
        if page_count == 0:
            raise RejectedFile(_PDF_CORRUPT)
        if page_count > PDF_MAX_PAGES:
            raise RejectedFile(f"PDF 共 {page_count} 页,超过上限 {PDF_MAX_PAGES} 页 (too many pages)")
        decoded = 0
        for stream in _streams_drawn_from(reader):
            decoded += len(stream.get_data())
            if decoded > PDF_MAX_DECODED_BYTES:
                raise LimitReachedError("decoded streams")
        texts = [page.extract_text() or "" for page in reader.pages]
    except RejectedFile:
        raise
    except FileNotDecryptedError:
        raise RejectedFile(_PDF_ENCRYPTED) from None
    except LimitReachedError:
        raise RejectedFile("PDF 内容解压后过大,已拒绝 (pdf stream too large)") from None
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        OSError,
        NotImplementedError,  # a stream's filter no PDF knows (/FlateDec\x0ede)
    ):
        raise RejectedFile(_PDF_CORRUPT) from None
    # A page's text ends with a line break (after its page number, say): a blank line there is
    # the page's end, not a paragraph's.
    return [
        [PrintedLine(line) for line in text.replace("\r\n", "\n").strip("\n").split("\n")] for text in texts
    ]


def _streams_drawn_from(reader) -> Iterator:
    """Every stream the pages' text is drawn from (contents, forms, fonts, their maps), once
    each; pictures are left out, as PDFium does not decode them for the text."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    seen: set[tuple[int, int]] = set()
    pending: list = [page.get(key) for page in reader.pages for key in ("/Contents", "/Resources")]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, StreamObject):
            if item.get("/Subtype") == "/Image":
                continue
            yield item
        if isinstance(item, DictionaryObject):
            pending.extend(value for key, value in item.items() if key != "/Parent")
        elif isinstance(item, ArrayObject):
            pending.extend(item)


def _laid_out_pages(data: bytes, page_count: int) -> list[PageReading]:
    """Each page as PDFium lays it out (``pdf_layout``); no lines for any page when PDFium
    cannot read the file or counts its pages otherwise than pypdf."""
    readings = read_pages(data)
    if readings is None or len(readings) != page_count:
        return [PageReading([], 0) for _ in range(page_count)]
    return readings


_EDGE_LINES = 2  # a running header or footer is among a page's first or last lines
_DIGITS = re.compile(r"\d+")
_SPACE_OR_BAR = re.compile(r"[\s|]")
_WEB_ADDRESS = re.compile(r"https?://[^\s]+")
# What Chromium and Firefox print at a page's top (2024/3/1 10:23, or 3/1/24, 10:23 AM, then the
# page's title) and foot (the page's address, then 1/4), the two far apart (read as cells: | ).
_BROWSER_HEADER = re.compile(
    r"\d{1,4}[/-]\d{1,2}[/-]\d{1,4}\s*,?\s*(?:上午|下午)?\d{1,2}:\d{2}(?:\s*[AP]M)?\s"
)
_BROWSER_FOOTER = re.compile(r"^(?:https?|file)://\S+\s+(?:\|\s+)?\d{1,4}\s*/\s*\d{1,4}$")


def _without_running_lines(pages: list[list[PrintedLine]]) -> tuple[list[list[PrintedLine]], str | None]:
    """The pages without the lines at their top or foot that are no part of the report, and the
    web address among those lines.

    Such a line is what a browser prints at each page's edges (the date and time before the
    page's title; the page's address before 1/4), told by its form even on a single page, or a
    line that stands, digits aside, among the first or last lines of most pages (a document's
    running title), told when there are two pages or more.
    """

    def shape(line: PrintedLine) -> str:
        return _DIGITS.sub("#", line.text.strip())

    def edges(page: list[PrintedLine]) -> list[int]:
        written = [index for index, line in enumerate(page) if line.text.strip()]
        return sorted({*written[:_EDGE_LINES], *written[-_EDGE_LINES:]})

    shapes = Counter(text for page in pages for text in {shape(page[index]) for index in edges(page)})
    running = {text for text, count in shapes.items() if count * 2 > len(pages) and count > 1}

    kept: list[list[PrintedLine]] = []
    address = None
    for page in pages:
        at_edge = edges(page)
        kept.append([])
        for index, line in enumerate(page):
            text = line.text.strip()
            dropped = index in at_edge and (
                (index == at_edge[0] and _BROWSER_HEADER.match(text))
                or (index == at_edge[-1] and _BROWSER_FOOTER.search(text))
                or shape(line) in running
            )
            if not dropped:
                kept[-1].append(line)
            elif address is None and (found := _WEB_ADDRESS.search(text)):
                address = found.group(0)
    return kept, address
