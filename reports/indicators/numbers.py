"""Numerals: the value of an Arabic or Chinese numeral as written in a report.

Handles Arabic digits with decimals and thousands separators, full-width digits (folded one
character for one so offsets into the original text stay valid), and Chinese numerals from
一 to 九千九百九十九万…, with 两/俩/〇/零, 百分之… and the loose forms 十二, 二十, 一百零五.
Units, multipliers such as 万 after a number, and qualifiers are the business of ``figures``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from reports.hanzi import traditional_to_simplified

CHINESE_DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "俩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CHINESE_LARGE_UNITS: dict[str, int] = {"万": 10**4, "亿": 10**8}
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "十百千"

# An Arabic number: 1,234.5 / 1234 / 0.5 ; a separator only before exactly three digits.
ARABIC_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?")
CHINESE_NUMBER = re.compile(f"[{CHINESE_NUMERAL_CHARS}]+")


def fold_width(text: str) -> str:
    """Fold full-width digits and signs to ASCII and traditional characters to simplified (the
    search normaliser's table: 萬 → 万, 項 → 项), one character for one.

    Characters whose compatibility form is longer than one character (①, ⑩, ㎡) are kept as
    they are, so every offset into the folded text is an offset into the original.
    """
    return text.translate(_FOLDED)


class _FoldTable(dict[int, str]):
    """``str.translate`` table that folds each character the first time it is met (a report
    repeats a few thousand characters: the fold of every one is looked up once per process)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isascii():
            folded = char
        else:
            folded = unicodedata.normalize("NFKC", char)
            folded = folded if len(folded) == 1 else char
            folded = traditional_to_simplified().get(folded, folded)
        self[code] = folded
        return folded


_FOLDED = _FoldTable()


def parse_arabic(text: str) -> Decimal:
    """Value of an Arabic number as matched by ``ARABIC_NUMBER`` (separators dropped)."""
    try:
        return Decimal(fold_width(text).replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc


def parse_chinese(text: str) -> int:
    """Value of a Chinese numeral: 三百二十二 -> 322, 两千 -> 2000, 十二 -> 12, 三万五千 -> 35000.

    Digit strings without unit characters (二〇二三) are read digit by digit.
    Raises ValueError for text that is not a numeral.
    """
    if not text or any(
        c not in CHINESE_DIGITS and c not in CHINESE_SMALL_UNITS and c not in CHINESE_LARGE_UNITS
        for c in text
    ):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(c in CHINESE_DIGITS for c in text) and len(text) > 1:
        return int("".join(str(CHINESE_DIGITS[c]) for c in text))
    total = 0  # completed 亿/万 groups
    section = 0  # the group being read, below 万
    digit: int | None = None
    for char in text:
        if char in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[char]
        elif char in CHINESE_SMALL_UNITS:
            # 十 alone at the start of a group means 一十
            section += (1 if digit is None else digit) * CHINESE_SMALL_UNITS[char]
            digit = None
        else:
            large = CHINESE_LARGE_UNITS[char]
            section += digit or 0
            digit = None
            if section == 0 and total == 0:
                raise ValueError(f"not a Chinese numeral: {text!r}")
            total = (total + section) * large if large > 10**4 or total == 0 else total + section * large
            section = 0
    return total + section + (digit or 0)


_PERCENT_WORDS = {"百分百": 100, "一半": 50}  # 一半 only as a cut: see figures._HALF_CUT


def parse_percent_words(text: str) -> Decimal | None:
    """Value of 百分之九十八 / 百分之九十八点五 / 百分之98 / 百分百 / 一半, or None."""
    if text in _PERCENT_WORDS:
        return Decimal(_PERCENT_WORDS[text])
    match = re.fullmatch(r"百分之([〇零一二两三四五六七八九十百]+)(?:点([〇零一二三四五六七八九]+))?", text)
    if match:
        whole = parse_chinese(match.group(1))
        if match.group(2):
            decimals = "".join(str(CHINESE_DIGITS[c]) for c in match.group(2))
            return Decimal(f"{whole}.{decimals}")
        return Decimal(whole)
    match = re.fullmatch(r"百分之(\d+(?:\.\d+)?)", text)
    return Decimal(match.group(1)) if match else None
