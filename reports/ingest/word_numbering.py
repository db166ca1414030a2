"""The numbers Word writes before numbered paragraphs, which the document's text does not hold.

A heading numbered by Word's list feature ("一、" "（一）" "1." typed by nobody) stores only a
reference in ``word/document.xml`` (``w:numPr``: a list id and a level, on the paragraph or on its
style); the format lives in ``word/numbering.xml``: per level a number format (chineseCounting,
decimal …), a text pattern ("%1、", "（%1）", "%1.%2") and a start. ``WordNumbering`` reads those
definitions and, paragraph by paragraph in document order, counts and writes the labels, so that
the heading tree of such a report is found as in its web page.

``word97_formatting`` gives the same lists, read from a Word 97–2003 file's binary tables, to
be counted here alike.

Lists (``w:num``) of one definition share its counts, as in Word, unless a list restarts a level
(``startOverride``); a level restarts when a level above it moves on. Word's rarer rules (legal
numbering, a level restarting only after a given other) are not followed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from reports.hanzi import CHINESE_DIGITS, chinese_count

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PARENTHESISED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_NO_SPACE_AFTER = "、.．。,，:：)）」】"


def _from(table: str) -> Callable[[int], str]:
    return lambda number: table[number - 1] if 0 < number <= len(table) else str(number)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda number: f"{number:02d}",
    "decimalFullWidth": lambda number: str(number).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    ),
    "chineseCounting": chinese_count,
    "chineseCountingThousand": chinese_count,
    "ideographDigital": lambda number: "".join(CHINESE_DIGITS[int(digit)] for digit in str(number)),
    "chineseLegalSimplified": lambda number: chinese_count(number, _LEGAL_DIGITS, "拾"),
    "ideographLegalTraditional": lambda number: chinese_count(number, _LEGAL_DIGITS, "拾"),
    "ideographTraditional": _from(_STEMS),
    "decimalEnclosedCircle": _from(_CIRCLED),
    "decimalEnclosedCircleChinese": _from(_CIRCLED),
    "decimalEnclosedParen": _from(_PARENTHESISED),
}
# Others (letters, Roman numerals: not seen in these reports) are written as decimals.
_UNNUMBERED = {"bullet", "none"}


@dataclass(frozen=True)
class ListLevel:
    """One level of a list definition: how its numbers are written and where they start."""

    number_format: str
    pattern: str  # "%1、", "（%1）", "%1.%2"
    start: int


@dataclass(frozen=True)
class NumberedList:
    """A list instance (``w:num``): the definition it counts with, and the levels it restarts."""

    definition: str  # abstractNumId: lists of one definition share its counts
    levels: dict[int, ListLevel]
    restarts: dict[int, int]  # level → the number it starts again at (startOverride)


@dataclass
class WordNumbering:
    """The list definitions of one document and the counts reached so far, paragraph by paragraph."""

    lists: dict[str, NumberedList] = field(default_factory=dict)  # by numId
    style_lists: dict[str, tuple[str, int]] = field(default_factory=dict)  # style id → (numId, level)
    counts: dict[str, dict[int, int]] = field(default_factory=dict)  # by definition: level → count
    started: set[str] = field(default_factory=set)  # numIds already met (their restarts applied)

    @classmethod
    def read(cls, numbering: etree._Element | None, styles: etree._Element | None) -> WordNumbering:
        """From the roots of ``numbering.xml`` and ``styles.xml`` (either may be missing)."""
        found = cls()
        if numbering is None:
            return found
        definitions: dict[str, dict[int, ListLevel]] = {}
        for definition in numbering.iter(f"{W}abstractNum"):
            definitions[definition.get(f"{W}abstractNumId", "")] = {
                _int(level.get(f"{W}ilvl"), 0): _level(level) for level in definition.iter(f"{W}lvl")
            }
        for instance in numbering.iter(f"{W}num"):
            source = instance.find(f"{W}abstractNumId")
            definition = source.get(f"{W}val", "") if source is not None else ""
            levels = dict(definitions.get(definition, {}))
            restarts: dict[int, int] = {}
            for override in instance.iter(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"), 0)
                if (replaced := override.find(f"{W}lvl")) is not None:
                    levels[ilvl] = _level(replaced)
                if (start := override.find(f"{W}startOverride")) is not None:
                    restarts[ilvl] = _int(start.get(f"{W}val"), 1)
            found.lists[instance.get(f"{W}numId", "")] = NumberedList(definition, levels, restarts)
        for style in styles.iter(f"{W}style") if styles is not None else ():
            if (reference := _list_reference(style.find(f"{W}pPr"))) is not None:
                found.style_lists[style.get(f"{W}styleId", "")] = reference
        return found

    def label(self, paragraph: etree._Element) -> str:
        """The number Word shows before ``paragraph`` ("" for none), counting it."""
        properties = paragraph.find(f"{W}pPr")
        reference = _list_reference(properties)
        if (
            reference is None
            and properties is not None
            and (style := properties.find(f"{W}pStyle")) is not None
        ):
            reference = self.style_lists.get(style.get(f"{W}val", ""))
        return self.count(*reference) if reference is not None else ""

    def count(self, list_id: str, ilvl: int) -> str:
        """The number Word shows before the next paragraph of list ``list_id`` at level ``ilvl``
        ("" for none: an unknown list, such as numId 0 taking numbering off, or a bullet),
        counting it."""
        if list_id not in self.lists:
            return ""
        numbered = self.lists[list_id]
        levels = numbered.levels
        if ilvl not in levels or levels[ilvl].number_format in _UNNUMBERED:
            return ""
        counts = self.counts.setdefault(numbered.definition, {})
        if list_id not in self.started:  # a list that restarts a level (一 again after a lead-in)
            self.started.add(list_id)
            for level, start in numbered.restarts.items():
                counts[level] = start - 1
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [level for level in counts if level > ilvl]:
            del counts[deeper]  # a new (一) under the next 一、 starts again
        text = levels[ilvl].pattern
        for level in sorted(levels, reverse=True):  # %10 … before %1
            if f"%{level + 1}" in text:
                count = counts.get(level, levels[level].start)
                text = text.replace(f"%{level + 1}", _FORMATS.get(levels[level].number_format, str)(count))
        if not text or text[-1] in _NO_SPACE_AFTER:
            return text
        return text + " "


def _level(element: etree._Element) -> ListLevel:
    number_format = element.find(f"{W}numFmt")
    pattern = element.find(f"{W}lvlText")
    start = element.find(f"{W}start")
    return ListLevel(
        number_format.get(f"{W}val", "decimal") if number_format is not None else "decimal",
        pattern.get(f"{W}val", "") if pattern is not None else "",
        _int(start.get(f"{W}val") if start is not None else None, 1),
    )


def _list_reference(properties: etree._Element | None) -> tuple[str, int] | None:
    """(list id, level) of a paragraph's or a style's ``w:numPr``; list id "0" takes numbering off."""
    numbered = properties.find(f"{W}numPr") if properties is not None else None
    if numbered is None:
        return None
    list_id = numbered.find(f"{W}numId")
    level = numbered.find(f"{W}ilvl")
    value = list_id.get(f"{W}val", "0") if list_id is not None else "0"
    return value, _int(level.get(f"{W}val") if level is not None else None, 0)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
