"""Whether a stored report text looks whole or cut off.

A report ends on a full sentence, a date line (2024年3月15日) or the name of the agency signing
it. A text that stops inside a sentence was cut: a web page saved before it had loaded, a
scraper that kept only the opening, a PDF missing its last pages. Pages say so, because what
the rest of the report states cannot be found, counted or compared here, and "未报告" beside
such a report means only that the stored part does not say it.
"""

from __future__ import annotations

import re

# Enough of a text's end to judge it by (the database hands pages this much, not whole texts).
TAIL_CHARS = 80
_SENTENCE_END = tuple("。！？!?；;…：:」』”’】》")
# A line of a date alone (2024年3月15日, 二〇二四年三月, 2024-03-15; 2022211日 with 年 and 月 lost).
_DATE_LINE = re.compile(r"[\d〇○零一二三四五六七八九十年月日\s./-]{4,16}")
# A signature: a short line naming an organ (a heading or half a sentence is no ending).
_NAME_LINE_CHARS = 30
_ORGAN_ENDS = (
    "政府", "局", "委", "委员会", "办", "办公室", "办事处", "厅", "中心", "院", "所", "队", "部", "署",
    "镇", "乡", "街道",
)  # fmt: skip
_CLAUSE_BREAK = re.compile(r"[，,、。]")
# Closing lines that are no sentence: a note in brackets ((此件公开发布)), 特此报告 without its stop
# (a heading number, (二), is no note).
_CLOSING_LINE = re.compile(r"[(（](?![一二三四五六七八九十百\d]+[)）])[^()（）]{2,20}[)）]|特此报告")


def ends_mid_sentence(tail: str) -> bool:
    """Whether a text whose last characters are ``tail`` stops inside a sentence."""
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    if not lines:
        return False
    last = lines[-1]
    if last.endswith(_SENTENCE_END) or _DATE_LINE.fullmatch(last) or _CLOSING_LINE.fullmatch(last):
        return False
    signature = (
        len(last) <= _NAME_LINE_CHARS and last.endswith(_ORGAN_ENDS) and not _CLAUSE_BREAK.search(last)
    )
    return not signature


def text_is_cut(text: str) -> bool:
    """Whether a whole stored text stops inside a sentence (``ends_mid_sentence`` of its end)."""
    return ends_mid_sentence(text[-TAIL_CHARS:])
