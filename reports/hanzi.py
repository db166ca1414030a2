"""Chinese characters shared across the app: the traditional-to-simplified table of the search
normaliser and the indicator extractor, and numbers counted in Chinese (一 … 九十九) as headings
and lists write them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import opencc


@cache
def traditional_to_simplified() -> dict[str, str]:
    """OpenCC's character table, keeping only one-character targets so offsets stay 1:1."""
    table_file = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[str, str] = {}
    for line in table_file.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(target) == 1 and source != target:
            table[source] = target
    return table


def to_simplified(text: str) -> str:
    """``text`` with each traditional character replaced by its simplified one (same length)."""
    table = traditional_to_simplified()
    return "".join(table.get(char, char) for char in text)


def traditional_share(text: str) -> float:
    """The share of ``text``'s Chinese characters that are traditional ones (0 for a page in
    simplified characters, a fifth or more for one converted to traditional)."""
    han = [char for char in text if "\u4e00" <= char <= "\u9fff"]
    table = traditional_to_simplified()
    return sum(char in table for char in han) / len(han) if han else 0.0


CHINESE_DIGITS = "〇一二三四五六七八九"


def chinese_count(number: int, digits: str = CHINESE_DIGITS, ten: str = "十") -> str:
    """一 … 九十九 as Chinese reports count headings (十一, 二十, 二十一); larger numbers digit by
    digit. ``digits`` and ``ten`` give other forms (壹 … 玖, 拾)."""
    if 0 < number < 10:
        return digits[number]
    if 10 <= number < 100:
        tens, units = divmod(number, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[units] if units else "")
    return "".join(digits[int(digit)] for digit in str(number))
