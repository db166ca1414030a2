"""A web page saved as one file (MHTML: a browser's “网页，单个文件”, .mhtml or .mht) → its HTML.

Such a file is a MIME message: a few headers (Chrome's ``Snapshot-Content-Location`` gives the
page's address), then the page's HTML, quoted-printable or base64, and its pictures and styles
as further parts. Read as text it is encoded gibberish, so its HTML part is taken out and read
as an HTML page; the address it was saved from is added as the page's ``og:url`` (a canonical
link of the page itself still wins).
"""

from __future__ import annotations

import email
import email.policy
from html import escape

MHTML_SUFFIXES = (".mht", ".mhtml")


def mhtml_page(data: bytes) -> bytes | None:
    """The HTML of the page an MHTML file holds, or None when the bytes are no MHTML file."""
    head = data[:4096].lower()
    if b"mime-version:" not in head or b"multipart/related" not in head:
        return None
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    if not message.is_multipart():
        return None
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        html = part.get_payload(decode=True) or b""
        address = str(message.get("Snapshot-Content-Location") or part.get("Content-Location") or "").strip()
        utf16 = html.startswith((b"\xff\xfe", b"\xfe\xff"))
        if html.strip() and address.startswith(("http://", "https://")) and address.isascii() and not utf16:
            bom = b"\xef\xbb\xbf" if html.startswith(b"\xef\xbb\xbf") else b""
            meta = f'<meta property="og:url" content="{escape(address)}">\n'.encode("ascii")
            html = bom + meta + html[len(bom) :]
        return html
    return b""
