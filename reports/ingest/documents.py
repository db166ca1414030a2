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
  and parsed with entity resolution and network access switched off.
* PDF is read with pypdf, whose stream decoders stop at fixed output limits. An encrypted PDF is
  opened only when it has an empty user password (a "permissions only" PDF, common on government
  sites); otherwise it is refused. A PDF whose pages carry (almost) no extractable characters is
  a scan: it is refused as "needs OCR" so that it is never stored as an empty report. Page
  numbers on lines of their own ("- 3 -", "第3页 共9页") are dropped and lines wrapped at the
  page margin are joined back into paragraphs, across page breaks too, so an HTML and a PDF
  copy of one report fingerprint alike, the heading tree is found as in the HTML and a figure
  cut by the margin (下放3 / 04项) is read whole.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections import Counter
from typing import Literal

from lxml import etree

from .errors import RejectedFile
from .word97 import OLE_SIGNATURE, is_word97, word97_text
from .word_numbering import WordNumbering
from .wrapping import reflow

DocumentKind = Literal["docx", "doc", "pdf"]

NEEDS_OCR = "needs_ocr"

# Generous for real reports (a 60-page DOCX has a document.xml of a few MB) and far below
# anything that could exhaust memory.
DOCX_MAX_MEMBERS = 2_000
DOCX_MAX_EXPANDED_BYTES = 200 * 1024 * 1024
DOCX_MAX_XML_BYTES = 100 * 1024 * 1024
# Deflated XML reaches 10–30×; a hundredfold is only seen in crafted or padded archives.
ZIP_MAX_RATIO = 100
ZIP_RATIO_FLOOR = 1024 * 1024  # small members may compress arbitrarily well

PDF_MAX_PAGES = 2_000
# A page of a real report carries hundreds of characters; a scan carries none or a stray few
# (a stamped page number, an OCR-less watermark).
PDF_MIN_CHARS_PER_PAGE = 20
PDF_MIN_CHARS = 50

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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
        except (zipfile.BadZipFile, ValueError, OSError):
            # Looks like a Word file by its first bytes but the directory is unreadable.
            return "docx" if b"word/" in data[:4096] else None
        if "word/document.xml" in names:
            return "docx"
    return None


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
    """Paragraph and table-cell text of ``word/document.xml``, one paragraph per line."""
    corrupt = "Word 文档已损坏,无法读取 (corrupt docx)"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
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
    try:
        root = etree.fromstring(xml, _XML_PARSER)
    except etree.XMLSyntaxError:
        raise RejectedFile(corrupt) from None
    body = root.find(f"{_W}body")
    if body is None:
        raise RejectedFile(corrupt)
    numbers = WordNumbering.read(numbering, styles)
    lines = [numbers.label(paragraph) + _paragraph_text(paragraph) for paragraph in body.iter(f"{_W}p")]
    return "\n".join(lines)


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
    parts: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


# --- PDF -------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    """The text layer of every page, page numbers on their own lines removed."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PyPdfError

    corrupt = "PDF 文件已损坏,无法读取 (corrupt pdf)"
    encrypted = "PDF 文件已加密,请提供未加密的版本 (encrypted pdf)"
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise RejectedFile(encrypted)
            except (FileNotDecryptedError, DependencyError, NotImplementedError):
                raise RejectedFile(encrypted) from None
        page_count = len(reader.pages)
        if page_count == 0:
            raise RejectedFile(corrupt)
        if page_count > PDF_MAX_PAGES:
            raise RejectedFile(f"PDF 共 {page_count} 页,超过上限 {PDF_MAX_PAGES} 页 (too many pages)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except RejectedFile:
        raise
    except FileNotDecryptedError:
        raise RejectedFile(encrypted) from None
    except LimitReachedError:
        raise RejectedFile("PDF 内容解压后过大,已拒绝 (pdf stream too large)") from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError):
        raise RejectedFile(corrupt) from None

    characters = sum(len(re.sub(r"\s", "", page)) for page in pages)
    if characters < max(PDF_MIN_CHARS, PDF_MIN_CHARS_PER_PAGE * page_count):
        raise RejectedFile(
            f"PDF 没有文字层(可能是扫描件,共 {page_count} 页),需要先做文字识别 (needs OCR)",
            code=NEEDS_OCR,
        )
    # A page's text ends with a line break (after its page number, say): a blank line there is
    # the page's end, not a paragraph's, so a paragraph running on to the next page stays whole.
    page_lines = [page.replace("\r\n", "\n").strip("\n").split("\n") for page in pages]
    kept, address = _without_running_lines(page_lines)
    paragraphs = reflow([line for page in kept for line in page])
    if address:  # the page a browser printed: its address, as a saved web page states it
        paragraphs.append(f"原文网址:{address}")
    return "\n".join(paragraphs)


_EDGE_LINES = 2  # a running header or footer is among a page's first or last lines
_DIGITS = re.compile(r"\d+")
_WEB_ADDRESS = re.compile(r"https?://[^\s]+")
# What Chromium and Firefox print at a page's top (2024/3/1 10:23, or 3/1/24, 10:23 AM, then the
# page's title) and foot (the page's address, then 1/4).
_BROWSER_HEADER = re.compile(
    r"\d{1,4}[/-]\d{1,2}[/-]\d{1,4}\s*,?\s*(?:上午|下午)?\d{1,2}:\d{2}(?:\s*[AP]M)?\s"
)
_BROWSER_FOOTER = re.compile(r"^(?:https?|file)://\S+\s+\d{1,4}\s*/\s*\d{1,4}$")


def _without_running_lines(pages: list[list[str]]) -> tuple[list[list[str]], str | None]:
    """The pages without the lines at their top or foot that are no part of the report, and the
    web address among those lines.

    Such a line is what a browser prints at each page's edges (the date and time before the
    page's title; the page's address before 1/4), told by its form even on a single page, or a
    line that stands, digits aside, among the first or last lines of most pages (a document's
    running title), told when there are two pages or more.
    """

    def shape(line: str) -> str:
        return _DIGITS.sub("#", line.strip())

    def at_edge(index: int, page: list[str]) -> bool:
        return index < _EDGE_LINES or index >= len(page) - _EDGE_LINES

    edges = Counter(
        shape(line) for page in pages for line in {*page[:_EDGE_LINES], *page[-_EDGE_LINES:]} if line.strip()
    )
    running = {line for line, count in edges.items() if count * 2 > len(pages) and count > 1}

    def dropped(index: int, line: str, page: list[str]) -> bool:
        if index == 0 and _BROWSER_HEADER.match(line.strip()):
            return True
        if index == len(page) - 1 and _BROWSER_FOOTER.search(line.strip()):
            return True
        return shape(line) in running and at_edge(index, page)

    kept: list[list[str]] = []
    address = None
    for page in pages:
        kept.append([])
        for index, line in enumerate(page):
            if not dropped(index, line, page):
                kept[-1].append(line)
            elif address is None and (found := _WEB_ADDRESS.search(line)):
                address = found.group(0)
    return kept, address
