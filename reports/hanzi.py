"""Chinese character tables shared by the search normaliser and the indicator extractor."""

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
