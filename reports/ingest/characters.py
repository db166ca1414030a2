"""The characters a report is read in: what its file holds that no reader sees or means.

Two things come out of real files. Invisible format characters (zero-width spaces, soft
hyphens, word joiners, byte-order marks, direction marks) that web editors and copying leave
inside words and figures: 许昌<U+200B>市, 6<U+200B>1件. They are dropped. And ideographs some PDF
fonts map to a Kangxi radical or a compatibility form (⼯ U+2F2F for 工, 行 U+FA08 for 行): the
text looks right, but 法治政府建设情况⼯作报告 is no title, ⼀、 no heading and ⾏政复议 no
keyword to a program. Each becomes its ideograph, one character for one.
"""

from __future__ import annotations

import unicodedata
from functools import cache

# Where format characters are: the Basic Multilingual Plane and the tags (U+E0001…E007F).
_FORMAT_BLOCKS = (range(0x10000), range(0xE0000, 0xE0080))
# CJK Radicals Supplement, Kangxi Radicals, CJK Compatibility Ideographs (and Supplement).
_VARIANT_BLOCKS = (
    range(0x2E80, 0x2F00),
    range(0x2F00, 0x2FE0),
    range(0xF900, 0xFB00),
    range(0x2F800, 0x2FA20),
)


@cache
def reading_table() -> dict[int, str | None]:
    """``str.translate``'s table for ``readable``: built on first use (16 ms), not at start-up."""
    table: dict[int, str | None] = {}
    for code in (code for block in _FORMAT_BLOCKS for code in block):
        if unicodedata.category(chr(code)) == "Cf":
            table[code] = None
    for code in (code for block in _VARIANT_BLOCKS for code in block):
        ideograph = unicodedata.normalize("NFKC", chr(code))
        if (
            len(ideograph) == 1
            and ideograph != chr(code)
            and unicodedata.name(ideograph, "").startswith("CJK")
        ):
            table[code] = ideograph
    return table


def readable(text: str) -> str:
    """``text`` without invisible format characters, its ideograph variants unified."""
    return text.translate(reading_table())
