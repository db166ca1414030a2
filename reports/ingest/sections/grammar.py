"""Heading grammar: which lines open a section, what their number is, and where the heading ends.

Matching runs on a width-folded copy of each line (NFKC, so （一） reads as (一) and ：as :),
but every result is an offset into the original line, so callers can slice the real text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reports.hanzi import to_simplified

# Numbering styles from the top of the grammar down; the index is the style's canonical rank.
STYLES = ("part", "cn", "paren_cn", "arabic", "paren_arabic", "circled")

CN_DIGITS = "一二三四五六七八九十"
CIRCLED = "".join(chr(code) for code in range(0x2460, 0x2474))  # ① … ⑳

_CN = f"[{CN_DIGITS}]{{1,3}}"
_STYLE_PATTERNS = {
    "part": re.compile(rf"第(?:{_CN}|\d{{1,2}})(?:部分|章|篇)(?:\s*[、.:])?"),
    # "一、二级公路…" and "一、二类…" open a sentence, not a section (``_counts_on``).
    "cn": re.compile(rf"{_CN}\s*[、.]"),
    "paren_cn": re.compile(rf"\(\s*{_CN}\s*\)(?:\s*[、.])?"),
    # "1.5万件", "3、4月份" and dates are numbers in a sentence, not item numbers; a year may
    # follow an item number ("1.2023年…").
    "arabic": re.compile(r"\d{1,2}\s*[.、](?!(?!(?:19|20)\d\d年)[\d.%])"),
    "paren_arabic": re.compile(r"\(\s*\d{1,2}\s*\)(?:\s*[、.])?"),
    "circled": re.compile(rf"[{CIRCLED}](?:\s*[、.])?"),
}

# Longest heading taken from a run-in paragraph, and longest line taken whole as a heading.
MAX_HEADING = 40
MAX_LINE_HEADING = 60
# Only the start of a line matters for headings and lead-ins; folding more is wasted work.
FOLD_WINDOW = 400

_TERMINATORS = "。;:!?"
_COMMA = ","
_SPACE = " \t\r\u3000\xa0\ufeff\u200b"


@dataclass(frozen=True)
class FoldedLine:
    """A line's first characters width-folded, with a map back to original offsets."""

    text: str
    source: tuple[int, ...]  # source[i]: offset in the original line of folded char i (plus end)

    def original(self, index: int) -> int:
        return self.source[min(index, len(self.source) - 1)]


def fold(line: str) -> FoldedLine:
    """NFKC one character at a time, keeping circled digits (NFKC would turn ① into a bare 1)."""
    window = line[:FOLD_WINDOW]
    chars: list[str] = []
    source: list[int] = []
    for index, char in enumerate(window):
        folded = char if char in CIRCLED else unicodedata.normalize("NFKC", char)
        chars.append(folded)
        source.extend([index] * len(folded))
    source.append(len(window))
    return FoldedLine("".join(chars), tuple(source))


def fold_text(text: str) -> str:
    """Width-folded, simplified text for keyword matching (offsets not needed): a page in
    traditional characters (法治政府建設工作開展情況) names its parts in the same words."""
    return to_simplified(unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class HeadingMatch:
    """A numbered line: offsets are relative to the start of the line."""

    style: str
    number_start: int
    number_end: int
    ordinal: int | None  # the item's position as written (一 → 1), None if unreadable


def leading_space(folded: FoldedLine) -> int:
    """Index in the folded line of its first non-blank character."""
    index = 0
    while index < len(folded.text) and (folded.text[index] in _SPACE or folded.text[index].isspace()):
        index += 1
    return index


def match_number(folded: FoldedLine) -> HeadingMatch | None:
    """The numbering that opens the line, if any, tried from the top of the grammar down."""
    begin = leading_space(folded)
    for style in STYLES:
        found = _STYLE_PATTERNS[style].match(folded.text, begin)
        if found is None or (style == "cn" and _counts_on(found.group(), folded.text[found.end() :])):
            continue
        return HeadingMatch(
            style=style,
            number_start=folded.original(begin),
            number_end=folded.original(found.end()),
            ordinal=_ordinal(found.group()),
        )
    return None


_GRADE_WORDS = "、级类等档批"


def _counts_on(number: str, rest: str) -> bool:
    """Whether "一、" starts a list of grades rather than a heading: the next numeral follows on
    ("一、二级公路", "二、三类") before a grade word. "一、三级联动,…" is a heading about three levels."""
    numeral = rest[:1]
    following = cn_to_int(numeral) if numeral in CN_DIGITS else None
    current = _ordinal(number)
    grade = rest[1:2]
    return current is not None and following == current + 1 and grade != "" and grade in _GRADE_WORDS


def _ordinal(number: str) -> int | None:
    digits = re.search(r"\d+", number)
    if digits:
        return int(digits.group())
    circled = [char for char in number if char in CIRCLED]
    if circled:
        return ord(circled[0]) - 0x2460 + 1
    numerals = "".join(char for char in number if char in CN_DIGITS)
    return cn_to_int(numerals)


def cn_to_int(numerals: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23; None for anything else."""
    if not numerals:
        return None
    values = {char: index + 1 for index, char in enumerate(CN_DIGITS[:9])}
    if "十" not in numerals:
        return values.get(numerals) if len(numerals) == 1 else None
    tens, _, units = numerals.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    tens_value = values.get(tens, 0) if tens else 1
    units_value = values.get(units, 0) if units else 0
    if (tens and not tens_value) or (units and not units_value):
        return None
    return tens_value * 10 + units_value


@dataclass(frozen=True)
class HeadingSplit:
    """Where the heading ends in a line's text after its number (offsets relative to the line)."""

    heading_start: int
    heading_end: int
    body_start: int


def split_heading(line: str, after_number: int) -> HeadingSplit:
    """Separate the heading from the run-in body that may follow it on the same line.

    A whole short line is a heading; otherwise the heading is the first clause, up to the first
    。；：!? if that comes soon, else up to the first comma, else the first MAX_HEADING characters.
    """
    rest_folded = fold(line[after_number:])
    text = rest_folded.text
    begin = leading_space(rest_folded)
    stripped_end = len(text.rstrip(_SPACE))
    if len(line) - after_number > FOLD_WINDOW:
        stripped_end = len(text) + 1  # the line is long: never a whole-line heading

    stop = _first_of(text, _TERMINATORS, begin)
    if stop is not None and stop - begin <= MAX_HEADING and stop > begin:
        end, body = stop, stop + 1
    elif stop is None and stripped_end - begin <= MAX_LINE_HEADING:
        end, body = stripped_end, stripped_end
    else:
        comma = _first_of(text, _COMMA, begin)
        if comma is not None and begin < comma and comma - begin <= MAX_HEADING:
            end, body = comma, comma + 1
        else:
            # No clear end: cut the heading short; the body carries on from the cut.
            end = body = min(begin + MAX_HEADING, stripped_end, len(text))

    def original(index: int) -> int:
        return after_number + rest_folded.original(index)

    return HeadingSplit(original(begin), original(end), original(body))


def _first_of(text: str, chars: str, begin: int) -> int | None:
    positions = [index for index in (text.find(char, begin) for char in chars) if index >= 0]
    return min(positions) if positions else None
