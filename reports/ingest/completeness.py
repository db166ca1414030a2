"""Whether a stored report text looks whole or cut off.

A report ends on a full sentence, a date line (2024年3月15日), the name of the agency signing
it, or a closing note ((此件公开发布), 附件:…). A text that stops inside a sentence was cut: a
web page saved before it had loaded, a scraper that kept only the opening, a PDF missing its
last pages. So was a text too short to hold the five parts a report must have, though it ends on
a full stop (a scraper that kept the opening's first paragraphs). Pages say so, because what the
rest of the report states cannot be found, counted or compared here, and "未报告" beside such a
report means only that the stored part does not say it.
"""

from __future__ import annotations

import re

# Enough of a text's end to judge it by (the database hands pages this much, not whole texts).
TAIL_CHARS = 80
# Fewer characters than this cannot hold a whole report's five parts: the seed reports have
# 3,469–7,347, and every held-out text under it is the opening of a longer report.
WHOLE_REPORT_MIN_CHARS = 1000
# Why pages call a stored text partial, in their words.
CUT_REASON = f"在句子中间结束或不足{WHOLE_REPORT_MIN_CHARS}字"
# A sentence's stop, also inside closing quotes (…“枫桥经验”。 or …新篇章!”); a text ending on a
# quote, a title (《…》) or a semicolon without one stops mid-sentence.
_STOPS = tuple("。！？!?…")
_CLOSING_QUOTES = "”’」』】"
# A date (2024年3月15日, 二〇二四年三月, 2024-03-15; 2022211日 with 年 and 月 lost).
_DATE = r"[\d〇○零一二三四五六七八九十年月日\s./-]{4,16}"
_DATE_LINE = re.compile(_DATE)
# A signature: a short line naming an organ, perhaps with the date after it; not a point of a
# list (二是…) nor a word that only ends like an organ (新格局, 工作大局).
_SIGNATURE = re.compile(
    r"(?![一二三四五六七八九十]是)[^，,、。;；:：]{2,30}?"
    r"(?:政府|(?<![格布大全开结变破时僵残战])局|委|委员会|管委会|办|办公室|办事处|厅|中心|院|所|队|部|署|海关|气象台|镇|乡|街道)"
    rf"(?:\s*{_DATE})?"
)
# Closing lines that are no sentence: a note in brackets ((此件公开发布), (2024年12月30日); not a
# heading number such as (二)), 特此报告 without its stop, an attachment or an editor's line.
_CLOSING_LINE = re.compile(
    r"[(（](?![一二三四五六七八九十百\d]+[)）])[^()（）]{2,24}[)）]|特此报告|(?:附件|责任编辑)\s*[:：\d].*"
)


def ends_mid_sentence(tail: str) -> bool:
    """Whether a text whose last characters are ``tail`` stops inside a sentence."""
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    if not lines:
        return False
    last = lines[-1]
    if last.rstrip(_CLOSING_QUOTES).endswith(_STOPS):
        return False
    return not any(pattern.fullmatch(last) for pattern in (_DATE_LINE, _SIGNATURE, _CLOSING_LINE))


def text_is_cut(text: str) -> bool:
    """Whether a whole stored text is too short to be a whole report or stops inside a sentence
    (``ends_mid_sentence`` of its end)."""
    return len(text) < WHOLE_REPORT_MIN_CHARS or ends_mid_sentence(text[-TAIL_CHARS:])
