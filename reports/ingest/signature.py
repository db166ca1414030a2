"""``find_signature``: where a report's signature block (落款) is and what it states.

The block closes the report: the organ's name on a line or three, then the date, alone or beside
the name ('XX局 2024年1月23日'), perhaps followed by a note such as (此件公开发布). ``metadata``
reads the agency and the date from it; ``sections`` makes it a section of its own, so that the
last plan item, its search snippets and its comparisons do not end with the organ's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reports.hanzi import to_simplified

# Chinese date digits: years are written digit by digit (二〇二四), months and days with 十.
CHINESE_DIGIT_CHARS = "一二三四五六七八九〇○零OО"
CHINESE_NUMERALS = CHINESE_DIGIT_CHARS + "十"
# What an organ's name ends with (人民政府, 司法局, 管委会 …); 格局, 大局 and the like are words.
ORGAN_SUFFIX = (
    r"(?:人民政府|政府|管理委员会|委员会|管委会|办公室|办事处|(?<![格布大全开结变破时僵残战])局|委|办|厅|中心|院|署|所|海关"
    r"|支队|大队|队|处|站)"
)
_ORGAN_END = re.compile(rf"{ORGAN_SUFFIX}$")
# A dateline closing a line: a four-figure year, then anything date-like up to 日. Loose on
# purpose so that a damaged date ('2022211日') is still recognised as the signature date.
_DATELINE = re.compile(
    rf"(?:[0-9\uff10-\uff19]{{4}}|[{CHINESE_NUMERALS}]{{4}})[\s0-9\uff10-\uff19年月{CHINESE_NUMERALS}]{{0,10}}日$"
    r"|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}$"
)
_TAIL_LINES = 5  # the block is looked for in the report's last lines only
_NAME_LINES = 3  # organ lines above the date: a party committee, a government, an office
_MAX_LINE_CHARS = 40
_NAME_ONLY = re.compile(r"[\u4e00-\u9fff]{2,30}")


@dataclass(frozen=True)
class Signature:
    """The block found at the end of a text; ``start`` is the offset of its first line."""

    start: int
    organ_lines: tuple[str, ...]  # the lines naming organs, top to bottom, stripped
    stated_date: str | None  # the date as written, damaged or not


def find_signature(text: str) -> Signature | None:
    """The signature block closing ``text``, or None when the text ends on prose.

    The date stands alone or beside the organ, never inside prose; the organ lines stand right
    above it. Without a date, only a last line that names an organ is a signature.
    """
    lines = _last_lines(text)
    for index in range(len(lines) - 1, -1, -1):
        start, line = lines[index]
        match = _DATELINE.search(line) if len(line) <= _MAX_LINE_CHARS else None
        beside = line[: match.start()].strip() if match else ""
        # Beside the date stands nothing or an organ ('截至2024年12月31日' is prose).
        if match and (not beside or (is_name_line(beside) and names_organ(beside))):
            organs = [(start, line)] if beside else []
            organs[:0] = _organ_lines_above(lines[:index])
            return Signature(
                start=organs[0][0] if organs else start,
                organ_lines=tuple(_strip_date(line) for _, line in organs),
                stated_date=match.group(0).strip(),
            )
    if lines and is_name_line(lines[-1][1]) and names_organ(lines[-1][1]):
        return Signature(start=lines[-1][0], organ_lines=(lines[-1][1],), stated_date=None)
    return None


def is_name_line(line: str) -> bool:
    """A short line of Chinese names only (an organ, or several separated by spaces)."""
    return len(line) <= _MAX_LINE_CHARS and all(_NAME_ONLY.fullmatch(part) for part in line.split())


def names_organ(line: str) -> bool:
    """Whether one of the line's space-separated parts ends like an organ's name."""
    return any(_ORGAN_END.search(to_simplified(part)) for part in line.split())


def _last_lines(text: str) -> list[tuple[int, str]]:
    """(offset of the first non-blank character, stripped line) of the text's last non-blank lines."""
    found: list[tuple[int, str]] = []
    end = len(text)
    for _ in range(_TAIL_LINES):
        if end < 0:
            break
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip():
            found.append((start + len(line) - len(line.lstrip()), line.strip()))
        end = start - 1
    return found[::-1]


def _organ_lines_above(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The organ lines right above a date: the name lines up to the first that is none."""
    organs: list[tuple[int, str]] = []
    for start, line in reversed(lines[-_NAME_LINES:]):
        if not is_name_line(line):
            break
        organs.insert(0, (start, line))
    # A name line that names no organ ('特此报告') opens no block: the block starts at an organ.
    while organs and not names_organ(organs[0][1]):
        organs.pop(0)
    return organs


def _strip_date(line: str) -> str:
    match = _DATELINE.search(line)
    return line[: match.start()].strip() if match else line
