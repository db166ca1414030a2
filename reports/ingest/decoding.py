"""Bytes of an uploaded report file → text, or a refusal saying why the bytes are not usable text.

Reports arrive as UTF-8 (with or without BOM), UTF-16 with BOM (saved from Word or Notepad),
GB18030/GBK without any declaration (older Windows tools and government CMSs), or HTML pages
that declare their charset. GB18030 accepts almost any byte string, so a GB18030 reading is
kept only when it looks like Chinese prose. DOCX, .doc and PDF files (recognised by content) are
handed to ``documents`` for their text; other zip-based documents (OFD, Excel, OpenDocument) and
XML data are refused by name. ``markup_kind`` tells a page's source by its markup, whatever the
file is called.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import PurePath

from .documents import (
    ENCRYPTED_DOCX,
    ZIP_MEMBER_ERRORS,
    document_kind,
    extract_document_text,
    is_encrypted_office_document,
    unsupported_document,
    zip_document_format,
)
from .errors import DOWNLOAD_AGAIN, SEND_A_REPORT_FILE, RejectedFile
from .mhtml import mhtml_page

EMPTY = "文件为空:请确认选对了文件,或从原网页重新下载后上传 (empty file)"
BINARY = f"不是文本文件:含二进制数据,{SEND_A_REPORT_FILE} (binary data)"
MHTML_WITHOUT_PAGE = "网页存档(MHT)中没有网页内容,请在浏览器中另存为“网页,仅 HTML” (mhtml without a page)"
XML_DATA = (
    "文件内容是 XML 数据,不是报告正文:请上传报告的网页(HTML)、文本、Word 或 PDF 文件 (xml data, not a page)"
)
UNDECODABLE = (
    "无法识别文本编码:不是 UTF-8、UTF-16 或 GB18030/GBK 文本,请用记事本等软件另存为 UTF-8 编码后上传"
    " (undecodable)"
)

# Formats people upload by mistake; naming the format makes the refusal actionable.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG 图片", "PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "JPEG image"),
    (b"GIF87a", "GIF 图片", "GIF image"),
    (b"GIF89a", "GIF 图片", "GIF image"),
    (b"%PDF-", "PDF 文件,请先转换为文本", "PDF document"),
    (b"PK\x03\x04", "ZIP 压缩包或 Word/Excel 文档", "zip / docx / xlsx"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "旧版 Office 文件,但读不出 Word 文档:可能已损坏,或是 Excel、PowerPoint 文件",
        "ole file without a readable word document",
    ),
    (b"Rar!\x1a\x07", "RAR 压缩包", "rar archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包", "7z archive"),
    (b"\x1f\x8b", "gzip 压缩文件", "gzip"),
    (b"{\\rtf", "RTF 文档,请先转换为文本", "RTF document"),
)

# Checked before UTF-16 because the UTF-32 LE BOM begins with the UTF-16 LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Labels of the GB family all mean "read as GB18030": pages labelled gb2312 routinely contain
# GBK characters, and GB18030 is a strict superset of both.
_GB_LABELS = frozenset({"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "euc-cn", "hz-gb-2312"})

_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)

_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".xml")
_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")
# C0 and C1 control characters other than tab, newlines, form feed and \x1a (the DOS
# end-of-file marker some tools append).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")

# Thresholds for judging whether decoded text is plausible prose.
_MAX_CONTROL_SHARE = 0.01
_MIN_PLAUSIBLE_SHARE = 0.9
_MAX_REPLACEMENT_SHARE = 0.001
_PLAUSIBILITY_SAMPLE = 50_000  # characters; a report's first pages say enough


def decode_report_bytes(data: bytes, *, filename: str) -> str:
    """Decode a report file to text with ``\\n`` newlines, or raise ``RejectedFile``.

    Order of trust: a byte-order mark; valid UTF-8; for HTML files a declared charset; then
    GB18030 when its reading is plausible Chinese; finally UTF-8 with a few bad sequences
    replaced by U+FFFD (a truncated download), which later stages flag as a warning.
    """
    if not data.strip():
        raise RejectedFile(EMPTY)
    if is_encrypted_office_document(data):
        # Not an old .doc, whatever its first bytes say: telling staff to save it as DOCX would not help.
        raise RejectedFile(ENCRYPTED_DOCX)
    page = mhtml_page(data)
    if page is not None:
        if not page.strip():
            raise RejectedFile(MHTML_WITHOUT_PAGE)
        return _plain_text(page, filename=f"{filename}.html")
    kind = document_kind(data, filename=filename)
    if kind is not None:
        text = _NEWLINES.sub("\n", extract_document_text(data, kind))
        if not text.strip():
            raise RejectedFile(f"文档中没有文字 (empty {kind})")
        return text
    if (zipped := _zip_document_format(data)) is not None:
        raise RejectedFile(unsupported_document(zipped))
    try:
        text = _plain_text(data, filename=filename)
    except RejectedFile as refused:
        document = _DOCUMENT_SUFFIXES.get(PurePath(filename).suffix.lower())
        if document is None or refused.reason == EMPTY:
            raise
        # junk.pdf, a renamed picture: the name promised a document the bytes are not.
        actually = next((kind for signature, kind, _ in _SIGNATURES if data.startswith(signature)), "")
        raise RejectedFile(
            f"不是有效的{document}文件:内容可能已损坏,或是改了扩展名的其他文件"
            f"{f'(实为{actually})' if actually else ''},{DOWNLOAD_AGAIN} (not a {document} file)"
        ) from None
    if markup_kind(text) == "xml":
        raise RejectedFile(XML_DATA)
    return text


# The start of a markup file: declaration, comments and doctype, then the root element's name.
_MARKUP_START = re.compile(
    r"\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE\s+([A-Za-z][\w:.-]*)[^>]*>\s*)?"
    r"(?:<!--.*?-->\s*)*<([A-Za-z][\w:.-]*)",
    re.DOTALL,
)
# Elements a saved page or a fragment of one may start with.
_HTML_ELEMENTS = frozenset({
    "html", "head", "body", "meta", "title", "link", "script", "style", "base", "div", "p", "span",
    "table", "tr", "td", "tbody", "center", "font", "br", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "main", "header", "nav", "form", "ul", "ol", "li", "a", "img", "iframe",
    "pre", "b", "strong",
})  # fmt: skip
_MARKUP_SNIFF = 4096


def markup_kind(text: str) -> str | None:
    """``"html"`` when the text is a web page's source (whatever the file is called), ``"xml"``
    when it is other markup (an OFD page, an export's data), None for plain text."""
    match = _MARKUP_START.match(text.lstrip("\ufeff")[:_MARKUP_SNIFF])
    if match is None:
        return None
    doctype, root = match.group(1), match.group(2).lower()
    if (doctype or "").lower() == "html" or root in _HTML_ELEMENTS:
        return "html"
    return "xml"


def _zip_document_format(data: bytes) -> str | None:
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return zip_document_format(archive)
    except ZIP_MEMBER_ERRORS:
        return None


# Documents a file's name may promise; their content is recognised by ``document_kind``.
_DOCUMENT_SUFFIXES = {".pdf": "PDF", ".docx": "Word", ".docm": "Word", ".doc": "Word", ".wps": "WPS"}


def _plain_text(data: bytes, *, filename: str) -> str:
    for signature, kind, english in _SIGNATURES:
        if data.startswith(signature):
            raise RejectedFile(
                f"不是文本文件:含二进制数据({kind}),{SEND_A_REPORT_FILE} (binary data: {english})"
            )

    text = _decode(data, filename=filename)
    text = _NEWLINES.sub("\n", text).lstrip("\ufeff")
    if not text.strip():
        raise RejectedFile(EMPTY)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise RejectedFile(BINARY)
    return text


def _decode(data: bytes, *, filename: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise RejectedFile(UNDECODABLE) from None

    # Without a BOM, NUL bytes mean binary data (UTF-16 without BOM is not supported).
    if b"\x00" in data:
        raise RejectedFile(BINARY)

    # Valid UTF-8 beats a declaration: multi-byte GBK text is practically never valid UTF-8,
    # while pages re-saved as UTF-8 by browsers and scrapers often keep their old gb2312 meta tag.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass

    if filename.lower().endswith(_HTML_SUFFIXES) or data.lstrip()[:1] == b"<":  # a page by any name
        declared = _declared_encoding(data)
        if declared is not None:
            try:
                text = data.decode(declared)
            except UnicodeDecodeError:
                pass  # the declaration is wrong; fall through to detection
            else:
                if _control_share(text) <= _MAX_CONTROL_SHARE:
                    return text

    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_chinese_share(text) >= _MIN_PLAUSIBLE_SHARE:
            return text

    text = _decode_utf8_tolerating_damage(data)
    if text is not None:
        return text
    if _looks_binary(data):
        raise RejectedFile(BINARY)
    raise RejectedFile(UNDECODABLE)


def _declared_encoding(data: bytes) -> str | None:
    """The codec named by a ``<meta charset>``, http-equiv or XML declaration near the top."""
    match = _DECLARED_CHARSET.search(data[:8192])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").strip().lower()
    if label in _GB_LABELS:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode_utf8_tolerating_damage(data: bytes) -> str | None:
    """UTF-8 with a handful of broken sequences (e.g. a cut-off last character), else None."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    few = damaged <= 3 or damaged / max(len(text), 1) <= _MAX_REPLACEMENT_SHARE
    # The rest must be real text, not binary data that happens to be mostly ASCII.
    if few and _plausible_chinese_share(text, check_gb2312=False) >= _MIN_PLAUSIBLE_SHARE:
        return text
    return None


def _control_share(text: str) -> float:
    return len(_CONTROLS.findall(text)) / len(text)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in b"\t\n\r\f\v\x1a")
    return controls / len(sample) > _MAX_CONTROL_SHARE


def _plausible_chinese_share(text: str, *, check_gb2312: bool = True) -> float:
    """Share of characters that ordinary Chinese or ASCII prose is made of.

    Real simplified-Chinese text decoded as GB18030 consists almost entirely of GB2312
    characters; bytes in another encoding misread as GB18030 land on rare GBK/GB18030
    characters and symbols about half of the time.
    """
    sample = text[:_PLAUSIBILITY_SAMPLE]
    good = 0
    for ch in sample:
        code = ord(ch)
        if ch.isspace() or 0x20 <= code < 0x7F:
            good += 1
        elif 0x4E00 <= code <= 0x9FFF:
            if not check_gb2312 or _in_gb2312(ch):
                good += 1
        elif (
            0x3000 <= code <= 0x303F  # CJK punctuation
            or 0xFF00 <= code <= 0xFFEF  # full-width forms
            or 0x2000 <= code <= 0x206F  # general punctuation: dashes, quotes, ellipsis
            or code in (0x00B7, 0x00D7, 0x00B0, 0x2103, 0x25CB, 0x2116, 0x00A7)  # · × ° ℃ ○ № §
            or 0x2460 <= code <= 0x24FF  # circled numbers ①
            or 0x2160 <= code <= 0x217F  # Roman numerals
        ):
            good += 1
    return good / len(sample)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
