"""The one normaliser shared by the index and the query.

Text is folded character by character — NFKC (full-width → half-width, ㈠ → (一)), traditional
→ simplified through a 1:1 character table built from OpenCC's data, lower case — and
whitespace is dropped except a single space between two Latin letters or digits ("Xi Jinping"
stays two words, "行政 复议" and "2023 年" join up). Format characters (zero-width space, BOM)
are dropped too, and so are quotation marks: reports quote their slogans inside words
(“八五”普法, 深化"放管服"改革, 行政执法“三项制度”), which people search without the marks.
Because the folding is per character, every normalised character remembers the original
character it came from, so a match found in normalised text maps back to exact offsets in the
original text for highlighting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import opencc

from reports.hanzi import to_simplified, traditional_to_simplified


@dataclass(frozen=True)
class Normalized:
    """Normalised text and, for each of its characters, the index of its original character."""

    text: str
    origin: Sequence[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` covering normalised characters ``[start, end)``."""
        return self.origin[start], self.origin[end - 1] + 1


# CJK ideographs: the BMP blocks and the supplementary ideographic planes.
HAN_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))
# is_word_char as one character class ([^\W_] is str.isalnum), to test a whole word in C.
WORD_CHAR = re.compile("[^\\W_]|[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in HAN_RANGES) + "]")


def is_han(char: str) -> bool:
    """A CJK ideograph."""
    code = ord(char)
    return any(low <= code <= high for low, high in HAN_RANGES)


def is_word_char(char: str) -> bool:
    """A character a search term must contain at least one of: a letter, digit or ideograph."""
    return char.isalnum() or is_han(char)


def has_word_char(text: str) -> bool:
    """Whether any character of ``text`` is a word character (``is_word_char``)."""
    return WORD_CHAR.search(text) is not None


def _is_latin_word_char(char: str) -> bool:
    return char.isalnum() and not is_han(char)


@cache
def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    table = traditional_to_simplified()
    return "".join(table.get(c, c) for c in folded).lower()


# Per character: None for whitespace, "" for a character dropped (format characters, quotation
# marks, or one that folds to nothing), else its folding (which may hold spaces, skipped below).
_FOLDED: dict[str, str | None] = {}
# Straight, curly and corner quotation marks, single and double (《》 name a document and stay).
QUOTATION_MARKS = frozenset("\"'“”‘’„‟‚‛「」『』〝〞〟＂＇")


def _folded_entry(char: str) -> str | None:
    if char.isspace():
        entry = None
    elif unicodedata.category(char) == "Cf" or char in QUOTATION_MARKS:
        entry = ""
    else:
        entry = _fold_char(char)
    _FOLDED[char] = entry
    return entry


def normalize(text: str) -> Normalized:
    """Fold ``text`` for searching; see the module docstring for the rules."""
    folded = _fold(text)  # first: it records the irregular characters
    irregular = list(_irregular_pattern().finditer(text))
    if not irregular:
        # Every character folded to exactly one character: offsets are unchanged.
        return Normalized(folded, range(len(text)))
    # Where each character of ``folded`` came from: runs of regular characters map 1:1.
    origin: list[int] = []
    position = 0
    for found in irregular:
        index = found.start()
        origin.extend(range(position, index))
        origin.extend([index] * len(_FOLD_TABLE[ord(text[index])]))
        position = index + 1
    origin.extend(range(position, len(text)))
    if " " not in folded:
        return Normalized(folded, origin)
    # Collapse whitespace exactly as ``normalize_text`` does; a kept space points at the
    # character just before the one that follows it.
    out: list[str] = []
    kept_origin: list[int] = []
    position = 0
    for run in _SPACES.finditer(folded):
        out.append(folded[position : run.start()])
        kept_origin.extend(origin[position : run.start()])
        if _kept_space(run):
            out.append(" ")
            kept_origin.append(origin[run.end()] - 1)
        position = run.end()
    out.append(folded[position:])
    kept_origin.extend(origin[position:])
    return Normalized("".join(out), kept_origin)


def _irregular_pattern() -> re.Pattern[str]:
    """A character class of ``_IRREGULAR``, rebuilt when a new irregular character was seen."""
    global _irregular_compiled
    if _irregular_compiled[0] != len(_IRREGULAR):
        chars = "".join(re.escape(char) for char in sorted(_IRREGULAR))
        _irregular_compiled = (len(_IRREGULAR), re.compile(f"[{chars}]" if chars else "(?!)"))
    return _irregular_compiled[1]


class _FoldTable(dict):
    """The folding of each character, filled on first sight of it: whitespace becomes one
    space (decided on below), format characters vanish, others fold (NFKC's own spaces dropped).

    Characters that do not fold to exactly one non-space character go into ``_IRREGULAR``: text
    without any of them keeps its offsets, which lets ``normalize`` skip the per-character map.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        entry = _FOLDED[char] if char in _FOLDED else _folded_entry(char)
        folded = " " if entry is None else "".join(c for c in entry if not c.isspace())
        if len(folded) != 1 or folded == " ":
            _IRREGULAR.add(char)
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()
_IRREGULAR: set[str] = set()
_irregular_compiled: tuple[int, re.Pattern[str]] = (-1, re.compile("(?!)"))
_SPACES = re.compile(" +")


def _fold(text: str) -> str:
    """``text`` with every character replaced by its ``_FOLD_TABLE`` entry.

    Most characters of Chinese text fold to themselves, so only the others are looked up: a
    regular-expression scan for them is several times faster than ``str.translate``, which looks
    up every character through the mapping (35 against 180 ns a character for ``normalize_text``
    on synthetic reports).
    """
    return _changing_pattern().sub(_fold_match, text)


def _fold_match(found: re.Match[str]) -> str:
    return _FOLD_TABLE[ord(found.group())]


@cache
def _changing_pattern() -> re.Pattern[str]:
    """Every character except the BMP characters that fold to themselves; characters outside the
    BMP always go through the table. Built once per process (~0.2 s)."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if not _folds_to_itself(code):
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    kept = "".join(
        re.escape(chr(start)) + ("-" + re.escape(chr(end)) if end > start else "") for start, end in ranges
    )
    return re.compile(f"[^{kept}]")


def _folds_to_itself(code: int) -> bool:
    char = chr(code)
    if 0x3400 <= code <= 0x9FFF and is_han(char):
        # Unified ideographs are stable under NFKC and case folding: only the table moves them.
        return char not in traditional_to_simplified()
    if 0xD800 <= code <= 0xDFFF or char.isspace() or unicodedata.category(char) == "Cf":
        return False
    if char in QUOTATION_MARKS:
        return False
    return _fold_char(char) == char


def normalize_text(text: str) -> str:
    """Just the normalised string: ``normalize(text).text`` without the offset map, ~3× faster
    (indexing normalises every section; only highlighting needs the offsets)."""
    folded = _fold(text)
    if " " not in folded:
        return folded
    return _SPACES.sub(_kept_space, folded).strip(" ")


def _kept_space(run: re.Match[str]) -> str:
    text, start, end = run.string, run.start(), run.end()
    between_words = (
        start > 0
        and end < len(text)
        and _is_latin_word_char(text[start - 1])
        and _is_latin_word_char(text[end])
    )
    return " " if between_words else ""


@cache
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def script_spellings(text: str) -> set[str]:
    """``text`` as typed, in simplified characters and in traditional ones: OpenCC's phrase-aware
    conversion (东城区 → 東城區, 关于 → 關於), and one that keeps each character that is also
    written so in traditional text, as many sites' converters do (关于 → 關于, 云湖桥 → 云湖橋)."""
    simplified = to_simplified(text)
    forms = _traditional_forms()
    kept = "".join(char if char in forms.get(char, char) else forms[char][0] for char in simplified)
    return {text, simplified, _to_traditional().convert(simplified), kept}


@cache
def _traditional_forms() -> dict[str, str]:
    """Each simplified character with its traditional forms, the usual one first (OpenCC's
    character table: 于 → 於于, 区 → 區)."""
    table_file = Path(opencc.__file__).parent / "dictionary" / "STCharacters.txt"
    forms = {}
    for line in table_file.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        single = "".join(target for target in targets.split(" ") if len(target) == 1)
        if len(source) == 1 and single:
            forms[source] = single
    return forms
