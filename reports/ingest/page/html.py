"""An HTML page → its visible text as lines, plus what its <head> says about the document.

Blocks become lines; a table row of one-line cells becomes one line 'a | b | c' so that
metadata tables read like the text saved from them; scripts, styles, navigation and the
page-level header and footer are dropped. Deciding which lines are furniture happens later,
on these lines, exactly as for text saved from a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

import lxml.etree
import lxml.html

from ..errors import RejectedFile
from ..wrapping import table_row

_DROP_TAGS = frozenset(
    {
        "head", "script", "style", "noscript", "template", "nav", "iframe", "object", "embed",
        "svg", "canvas", "button", "select", "input", "textarea", "map", "audio", "video",
    }
)  # fmt: skip
# Page-level header and footer are furniture; an <article>'s own header holds its title.
_PAGE_FRAME_TAGS = frozenset({"header", "footer"})
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
        "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "ol", "p", "pre",
        "section", "summary", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
# A line break in the HTML source between Chinese characters (or after punctuation before
# one) is not a space in the rendered text; elsewhere it is, as in any HTML.
_CJK_SOURCE_BREAK = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef,.;:!?)])[ \t\r\f]*\n[ \t\r\n\f]*(?=[\u3000-\u9fff\uff00-\uffef(])"
)


@dataclass
class HtmlHead:
    """What the HTML <head> says, used only where the visible page says nothing; and the
    documents the page links to (a report published as an attachment), by name."""

    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    attachments: tuple[str, ...] = ()


@dataclass
class _LineWriter:
    lines: list[str] = field(default_factory=list)
    _parts: list[str] = field(default_factory=list)

    def write(self, text: str, *, preformatted: bool = False) -> None:
        if preformatted:
            first, *rest = text.split("\n")
            self._parts.append(first)
            for piece in rest:
                self.newline()
                self._parts.append(piece)
            return
        self._parts.append(_HTML_SPACE.sub(" ", _CJK_SOURCE_BREAK.sub("", text)))

    def newline(self) -> None:
        if self._parts:
            self.lines.append("".join(self._parts))
            self._parts = []

    def finish(self) -> list[str]:
        self.newline()
        return self.lines


# A link to a document file, and a document's file name in text.
_DOCUMENT_LINK = re.compile(r"\.(?:pdf|docx?|wps|ofd|zip|rar|7z)(?:$|[?#])", re.IGNORECASE)
DOCUMENT_NAME = re.compile(
    r"[^\s/\\:：|<>\"]{1,80}?\.(?:pdf|docx?|wps|ofd|zip|rar|7z)(?![A-Za-z])", re.IGNORECASE
)


def html_lines(raw: str) -> tuple[list[str], HtmlHead]:
    source = _XML_DECLARATION.sub("", raw)
    try:
        # huge_tree lifts libxml2's nesting limit of 255, which broken pages reach. A parser
        # per call: lxml parsers must not be shared between threads.
        parser = lxml.html.HTMLParser(huge_tree=True)
        root = lxml.html.document_fromstring(source, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        raise RejectedFile("无法解析 HTML 页面 (unparseable HTML)") from None
    head = _read_head(root)

    doomed = [
        element
        for element in root.iter()
        if not isinstance(element.tag, str)  # comments and processing instructions
        or element.tag in _DROP_TAGS
        or (
            element.tag in _PAGE_FRAME_TAGS
            and not any(a.tag in ("article", "main") for a in element.iterancestors())
        )
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the element's tail text
    _drop_hidden(root)
    head.attachments = _linked_documents(root)

    body = root.find("body")
    writer = _LineWriter()
    _render(body if body is not None else root, writer, preformatted=False)
    return writer.finish(), head


# What a page hides by its own markup: the hidden attribute, or an inline style that shows
# nothing. Styles from stylesheets are not known.
_HIDDEN_FOR_GOOD = re.compile(r"(?:^|;)\s*display\s*:\s*none", re.IGNORECASE)
# Hidden unless a descendant's own style shows its part again (visibility:visible, a font size:
# font-size:0 on a list whose items set their own is a layout trick, not hiding).
_HIDDEN_UNLESS_RESET = {
    "visibility": re.compile(r"(?:^|;)\s*visibility\s*:\s*hidden", re.IGNORECASE),
    "font-size": re.compile(r"(?:^|;)\s*font-size\s*:\s*0+(?:\.0+)?(?![\d.])", re.IGNORECASE),
}
# A hidden element holding this share of the page's text is its content, shown by a script.
_SHOWN_BY_SCRIPT = 0.5


def _hides(element: lxml.html.HtmlElement) -> bool:
    style = element.get("style") or ""
    if element.get("hidden") is not None or _HIDDEN_FOR_GOOD.search(style):
        return True
    return any(
        hiding.search(style)
        and not any(name in (inner.get("style") or "").lower() for inner in element.iterdescendants())
        for name, hiding in _HIDDEN_UNLESS_RESET.items()
    )


def _drop_hidden(root: lxml.html.HtmlElement) -> None:
    """Drop what the page hides: a copy of the text for printing, characters slipped into the
    text to spoil copying (全年办理<span style="display:none">x7</span>61件), but not the report
    itself when the page hides it until a script shows it."""
    hidden = [element for element in root.iter() if _hides(element)]
    if not hidden:
        return
    total = _visible_length(root)
    hiding = set(hidden)
    outermost = [element for element in hidden if not any(a in hiding for a in element.iterancestors())]
    for element in outermost:
        if element.getparent() is not None and _visible_length(element) <= _SHOWN_BY_SCRIPT * total:
            element.drop_tree()


def _visible_length(element: lxml.html.HtmlElement) -> int:
    return len(_TEXT_SPACE.sub("", element.text_content()))


_TEXT_SPACE = re.compile(r"\s+")


def _read_head(root: lxml.html.HtmlElement) -> HtmlHead:
    head = HtmlHead()
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        head.title = _title_from_html_title(title.text_content())
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        if name == "articletitle":
            head.title = content
        elif name in ("pubdate", "publishdate", "article:published_time"):
            head.published = head.published or content
        elif name == "contentsource":
            head.publisher = head.publisher or content
        elif name == "og:url" and content.startswith(("http://", "https://")):
            head.url = head.url or content
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href.startswith(("http://", "https://")):
            head.url = href  # canonical wins over og:url
    return head


def _linked_documents(root: lxml.html.HtmlElement) -> tuple[str, ...]:
    """The documents the page links to (PDF, Word, WPS, OFD, archives): each link's text, or
    the file's name when the link says nothing (下载)."""
    names: dict[str, None] = {}
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if not _DOCUMENT_LINK.search(href):
            continue
        text = " ".join(link.text_content().split())
        file_name = unquote(urlsplit(href).path.rsplit("/", 1)[-1])
        names[text if DOCUMENT_NAME.search(text) or len(text) > 8 else file_name] = None
    return tuple(names)


def _title_from_html_title(text: str) -> str | None:
    """'XX局2023年法治政府建设情况报告_XX区人民政府' → the part naming the report."""
    parts = [part.strip() for part in re.split(r"[_|｜]|\s[-—–]\s", text) if part.strip()]
    for part in parts:
        if "报告" in part or "法治" in part:
            return part
    return None


def _render(root: lxml.html.HtmlElement, out: _LineWriter, *, preformatted: bool) -> None:
    """Write the visible text under ``root``: blocks on lines of their own, inline text run on.

    Iterative rather than recursive: broken pages nest unclosed inline tags thousands deep.
    """
    stack: list[tuple[str, Any, bool]] = [("element", root, preformatted)]
    while stack:
        what, item, pre = stack.pop()
        if what == "text":
            out.write(item, preformatted=pre)
            continue
        if what == "newline":
            out.newline()
            continue
        tag = item.tag
        if tag == "br":
            out.newline()
        elif tag == "table":
            out.newline()
            _render_table(item, out)
            out.newline()
        else:
            inner = pre or tag == "pre"
            if tag in _BLOCK_TAGS:
                out.newline()
                stack.append(("newline", None, inner))
            # Pushed in reverse: each child pops before its tail, the first child first.
            for child in reversed(item):
                if child.tail:
                    stack.append(("text", child.tail, inner))
                stack.append(("element", child, inner))
            if item.text:
                out.write(item.text, preformatted=inner)


def _render_table(table: lxml.html.HtmlElement, out: _LineWriter) -> None:
    """A row of one-line cells becomes one line 'a | b | c'; a layout row is rendered as blocks.
    A cell merged across columns is followed by empty cells, and a one-line cell merged down
    rows (a row label shared by several rows) is repeated in each row of one-line cells, so that
    a row's figures stand under their columns' headers (a layout row reads its own cells only)."""
    for part in table:
        if part.tag == "caption":
            _render(part, out, preformatted=False)
    spanning: dict[int, tuple[int, list[str]]] = {}  # column -> (rows it still spans, its lines)
    for row in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
        rendered: list[list[str]] = []
        own: list[list[str]] = []  # the row's own cells, not those merged down into it
        for cell in (cell for cell in row if cell.tag in ("td", "th")):
            while len(rendered) in spanning:
                rendered.append(_spanned(spanning, len(rendered)))
            writer = _LineWriter()
            _render(cell, writer, preformatted=False)
            lines = [line.strip() for line in writer.finish() if line.strip()]
            own.append(lines)
            down = _span(cell, "rowspan")
            for offset in range(_span(cell, "colspan")):
                if down > 1:
                    spanning[len(rendered)] = (down - 1, lines if offset == 0 and len(lines) == 1 else [])
                rendered.append(lines if offset == 0 else [])
        while spanning and len(rendered) <= max(spanning):
            rendered.append(_spanned(spanning, len(rendered)) if len(rendered) in spanning else [])
        line = table_row(rendered)
        if line:
            out.newline()
            out.write(line)
            out.newline()
        elif line is None:
            for lines in own:
                for line in lines:
                    out.newline()
                    out.write(line)
                    out.newline()


_MAX_SPAN = 100  # more columns or rows than a report's table has: a page's mistake


def _span(cell: lxml.html.HtmlElement, attribute: str) -> int:
    """How many columns or rows a cell spans (1 when unstated or not a number)."""
    try:
        return min(max(int(cell.get(attribute, "1")), 1), _MAX_SPAN)
    except ValueError:
        return 1


def _spanned(spanning: dict[int, tuple[int, list[str]]], column: int) -> list[str]:
    """The lines a cell merged down from a row above shows in this row's ``column``."""
    rows, lines = spanning.pop(column)
    if rows > 1:
        spanning[column] = (rows - 1, lines)
    return lines
