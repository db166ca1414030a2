"""What a Word 97–2003 document's formatting says about its text: the runs not shown, the
numbers of Word's lists that the text does not hold, and which paragraphs are table cells.

Formatting is stored on 512-byte pages (FKPs) of the ``WordDocument`` stream that a bin table
lists, one for characters (CHPX) and one for paragraphs (PAPX): each page maps runs of the
stream (file offsets) to properties, lists of sprms. A character run marked deleted by a
tracked change (sprmCFRMarkDel; in the text until the change is accepted) or hidden
(sprmCFVanish) is not shown.

As in a DOCX (``word_numbering``), a heading numbered by Word's list feature keeps only a
reference: its paragraph properties (sprmPIlfo, sprmPIlvl), or its style's, name a list
override (LFO) and a level. The LFOs (PlfLfo) each point to a list definition (LSTF, in
PlfLst, followed by its levels: LVL records, each a number format, a start and a text pattern
whose characters 0–8 stand for the numbers of levels 1–9) and may restart or reformat levels.
These tables are read into a ``WordNumbering`` that counts the labels as Word does; lists
sharing a definition share its counts. A paragraph's properties are those of the run holding
its mark; styles come from the style sheet (STSH), a style inheriting from the one it is
based on. The same properties say whether a paragraph is in a table (sprmPFInTable) and whether
it is the mark ending a row (sprmPFTtp), which the text alone cannot tell from an empty cell.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from .word_numbering import ListLevel, NumberedList, WordNumbering

# Character properties that keep a run from being shown: sprmCFRMarkDel, sprmCFVanish.
_UNSEEN_SPRMS = frozenset({0x0800, 0x083C})
_SPRM_ILVL = 0x260A
_SPRM_IN_TABLE = 0x2416  # sprmPFInTable: the paragraph is in a table cell
_SPRM_ROW_END = 0x2417  # sprmPFTtp: the paragraph is a row's end mark
_SPRM_ILFO = 0x460B
_SPRM_CHANGE_TABS = 0xC615  # its operand size byte 255: a longer form, sized by its contents
_SPRM_TABLE_DEFINITION = 0xD608  # its operand sized by a 16-bit count
# Operand sizes by a sprm's top three bits (spra); None: variable, its size in its first byte.
_OPERAND_SIZES = (1, 1, 2, 4, 2, 2, None, 3)
_NO_STYLE = 0x0FFF
_PARAGRAPH_STYLE = 1
_MAX_STYLE_DEPTH = 11  # a style sheet's based-on chain is short; a loop in a damaged one ends

# MSONFC number formats as WordprocessingML names them; others count in decimals.
_FORMATS = {
    0x00: "decimal",
    0x0A: "ideographDigital",
    0x0E: "decimalFullWidth",
    0x12: "decimalEnclosedCircle",
    0x13: "decimalFullWidth",
    0x16: "decimalZero",
    0x17: "bullet",
    0x1B: "decimalEnclosedParen",
    0x1C: "decimalEnclosedCircleChinese",
    0x1E: "ideographTraditional",
    0x21: "chineseCounting",  # taiwaneseCounting: the same numerals
    0x22: "ideographLegalTraditional",
    0x23: "chineseCounting",
    0x25: "chineseCounting",
    0x26: "chineseLegalSimplified",
    0x27: "chineseCountingThousand",
    0xFF: "none",
}
_LEVEL_PLACEHOLDERS = {index: f"%{index + 1}" for index in range(9)}


class ListReference(NamedTuple):
    """A paragraph's list: an LFO (1-based; 0 or less: none) and a level."""

    lfo: int
    level: int


class ParagraphFacts(NamedTuple):
    """What a paragraph's properties say of its place: its list, and whether it is in a table
    and ends a row there (the row's end mark, a paragraph of its own); a row's end mark also
    holds where the row's cells begin and end (twips from the margin: a cell merged across
    columns spans edges its neighbours' rows have between)."""

    list: ListReference | None
    in_table: bool = False
    row_end: bool = False
    cell_edges: tuple[int, ...] = ()


class Paragraphs(NamedTuple):
    """The facts of a document's paragraphs, by the place of their marks."""

    limits: list[int]  # run starts (file offsets), sorted
    runs: list[tuple[int, ParagraphFacts]]  # (run end, facts) per start

    def at(self, place: int) -> ParagraphFacts:
        index = bisect_right(self.limits, place) - 1
        if index < 0 or place >= self.runs[index][0]:
            return _PLAIN
        return self.runs[index][1]


_PLAIN = ParagraphFacts(None)


def read_numbering(from_lists: bytes, lists_size: int, overrides: bytes) -> WordNumbering:
    """The lists of a document from its PlfLst (``lists_size`` bytes at the start of
    ``from_lists``, the table stream from there on: the level records follow it) and its
    PlfLfo: one list per LFO, keyed by its 1-based index."""
    numbering = WordNumbering()
    lists = from_lists[:lists_size]
    if len(lists) < 2 or len(overrides) < 4:
        return numbering
    (count,) = struct.unpack_from("<h", lists, 0)
    definitions: dict[int, dict[int, ListLevel]] = {}
    at = len(lists)  # the LVLs follow PlfLst: every definition's levels in its order
    for index in range(max(count, 0)):
        lsid, _, _, flags = struct.unpack_from("<iI18sB", lists, 2 + 28 * index)
        levels: dict[int, ListLevel] = {}
        for level in range(1 if flags & 0x01 else 9):  # fSimpleList: one level
            levels[level], at = _level(from_lists, at)
        definitions[lsid] = levels
    (override_count,) = struct.unpack_from("<I", overrides, 0)
    data_at = 4 + 16 * override_count  # LFOData after the LFOs: one per LFO, in order
    for index in range(override_count):
        lsid, _, _, changed = struct.unpack_from("<iIIB", overrides, 4 + 16 * index)
        levels = dict(definitions.get(lsid, {}))
        restarts: dict[int, int] = {}
        data_at += 4  # cp
        for _ in range(changed):
            start, flags = struct.unpack_from("<iI", overrides, data_at)
            data_at += 8
            level = flags & 0x0F
            if flags & 0x20:  # fFormatting: a whole level record follows, replacing the level
                levels[level], data_at = _level(overrides, data_at)
            if flags & 0x10:  # fStartAt: the level starts again
                restarts[level] = start
        numbering.lists[str(index + 1)] = NumberedList(str(lsid), levels, restarts)
    return numbering


def unseen_runs(word: bytes, bin_table: bytes) -> list[tuple[int, int]]:
    """The runs of text (file offsets, start and end) formatted as deleted by a tracked change
    or as hidden, sorted, from the character formatting pages the bin table (PlcBteChpx)
    lists. A file without the table has none."""
    runs: list[tuple[int, int]] = []
    for page, limits in _formatting_pages(word, bin_table):
        for run in range(len(limits) - 1):
            at = 2 * page[4 * len(limits) + run]  # a byte per run: where its CHPX is
            properties = page[at + 1 : at + 1 + page[at]] if at else b""
            if any(
                sprm in _UNSEEN_SPRMS and operand[:1] in (b"\x01", b"\x81")
                for sprm, operand in _sprms(properties)
            ):
                runs.append((limits[run], limits[run + 1]))
    return sorted(runs)


def read_paragraphs(word: bytes, bin_table: bytes, styles: bytes) -> Paragraphs:
    """Each paragraph run's facts, from the paragraph formatting pages the bin table
    (PlcBtePapx) lists and the style sheet (its styles' own list references)."""
    style_lists = _style_lists(styles)
    starts: list[tuple[int, int, ParagraphFacts]] = []
    for page, limits in _formatting_pages(word, bin_table):
        for run in range(len(limits) - 1):
            at = 2 * page[4 * len(limits) + 13 * run]  # BxPap: where its PAPX is, 12 bytes more
            facts = _PLAIN
            if at:
                # PapxInFkp: 2 × size − 1 bytes, or (size 0) 2 × the next byte's value
                size = page[at]
                properties = (
                    page[at + 1 : at + 2 * size] if size else page[at + 2 : at + 2 + 2 * page[at + 1]]
                )
                (style,) = struct.unpack_from("<H", properties, 0)
                sprms = list(_sprms(properties[2:]))
                flags = {sprm for sprm, operand in sprms if operand[:1] == b"\x01"}
                row_end = _SPRM_ROW_END in flags
                facts = ParagraphFacts(
                    _reference(sprms, style_lists.get(style)),
                    in_table=_SPRM_IN_TABLE in flags,
                    row_end=row_end,
                    cell_edges=_cell_edges(sprms) if row_end else (),
                )
            starts.append((limits[run], limits[run + 1], facts))
    starts.sort(key=lambda run: run[0])
    return Paragraphs([start for start, _, _ in starts], [(end, facts) for _, end, facts in starts])


def _cell_edges(sprms: list[tuple[int, bytes]]) -> tuple[int, ...]:
    """Where a row's cells begin and end (sprmTDefTable's rgdxaCenter: a count of cells, then
    one edge more than cells), () when the row does not say."""
    for sprm, operand in sprms:
        if sprm == _SPRM_TABLE_DEFINITION and len(operand) >= 3:
            count = operand[2]
            if len(operand) >= 3 + 2 * (count + 1):
                return struct.unpack_from(f"<{count + 1}h", operand, 3)
    return ()


def _formatting_pages(word: bytes, bin_table: bytes) -> Iterator[tuple[bytes, tuple[int, ...]]]:
    """Each formatting page a bin table lists, with the limits (file offsets) of its runs."""
    count = (len(bin_table) - 4) // 8
    for index in range(max(count, 0)):
        (entry,) = struct.unpack_from("<I", bin_table, 4 * (count + 1) + 4 * index)
        number = entry & 0x3FFFFF
        page = word[number * 512 : number * 512 + 512]
        if len(page) < 512:
            raise ValueError("no formatting page")
        yield page, struct.unpack_from(f"<{page[511] + 1}I", page, 0)


def _reference(sprms: list[tuple[int, bytes]], inherited: ListReference | None) -> ListReference | None:
    """The list reference a grpprl's sprms set, over the one it inherits (its style's)."""
    lfo, level = inherited if inherited is not None else (0, 0)
    found = inherited is not None
    for sprm, operand in sprms:
        if sprm == _SPRM_ILFO and len(operand) == 2:
            (lfo,) = struct.unpack("<h", operand)
            found = True
        elif sprm == _SPRM_ILVL and operand:
            level = operand[0]
    return ListReference(lfo, level) if found and lfo > 0 else None


def _style_lists(styles: bytes) -> dict[int, ListReference]:
    """The paragraph styles whose properties (or those of the styles they are based on) put
    their paragraphs in a list: style index → reference."""
    if len(styles) < 6:
        return {}
    (header_size,) = struct.unpack_from("<H", styles, 0)
    style_count, base_size = struct.unpack_from("<HH", styles, 2)
    at = 2 + header_size
    own: dict[int, tuple[int, bytes]] = {}  # style index → (based on, its grpprl)
    for index in range(style_count):
        (size,) = struct.unpack_from("<H", styles, at)
        style = styles[at + 2 : at + 2 + size]
        at += 2 + size
        if len(style) < base_size or style[2] & 0x0F != _PARAGRAPH_STYLE:
            continue
        (base,) = struct.unpack_from("<H", style, 2)
        (name_length,) = struct.unpack_from("<H", style, base_size)
        upx_at = base_size + 2 + 2 * name_length + 2  # after the name and its terminating zero
        upx_at += upx_at % 2
        (upx_size,) = struct.unpack_from("<H", style, upx_at)
        own[index] = (base >> 4, style[upx_at + 4 : upx_at + 2 + upx_size])  # after its istd
    resolved: dict[int, ListReference] = {}
    for index in own:
        chain, current = [], index
        while current in own and current != _NO_STYLE and len(chain) < _MAX_STYLE_DEPTH:
            chain.append(own[current][1])
            current = own[current][0]
        reference = None
        for properties in reversed(chain):  # the base first, each style over it
            reference = _reference(list(_sprms(properties)), reference)
        if reference is not None:
            resolved[index] = reference
    return resolved


def _level(data: bytes, at: int) -> tuple[ListLevel, int]:
    """The LVL record at ``at`` (its LVLF, paragraph and character properties, number text) and
    where the next one starts."""
    start, number_format = struct.unpack_from("<iB", data, at)
    character_size, paragraph_size = data[at + 24], data[at + 25]
    at += 28 + paragraph_size + character_size
    (length,) = struct.unpack_from("<H", data, at)
    text = data[at + 2 : at + 2 + 2 * length]
    if len(text) < 2 * length:
        raise ValueError("cut level text")
    pattern = text.decode("utf-16-le").translate(_LEVEL_PLACEHOLDERS)
    return ListLevel(_FORMATS.get(number_format, "decimal"), pattern, start), at + 2 + 2 * length


def _sprms(properties: bytes) -> Iterator[tuple[int, bytes]]:
    """The (sprm, operand) pairs of a grpprl."""
    at = 0
    while at + 2 <= len(properties):
        (sprm,) = struct.unpack_from("<H", properties, at)
        at += 2
        size = _OPERAND_SIZES[sprm >> 13]
        if sprm == _SPRM_TABLE_DEFINITION and at + 2 <= len(properties):
            size = 1 + struct.unpack_from("<H", properties, at)[0]
        elif size is None:
            size = 1 + (properties[at] if at < len(properties) else 0)
            if sprm == _SPRM_CHANGE_TABS and size == 256:
                size = _long_tab_change_size(properties, at)
        yield sprm, properties[at : at + size]
        at += size


def _long_tab_change_size(properties: bytes, at: int) -> int:
    """sprmPChgTabs in its long form: size byte, tabs closed (count, positions, widths), tabs
    added (count, positions, kinds)."""
    closed = properties[at + 1]
    added_at = at + 2 + 4 * closed
    added = properties[added_at]
    return added_at + 1 + 3 * added - at
