"""Which of the five required parts a top-level part is, from its heading or else its content.

Also recognises unnumbered lead-in lines ("2024年我局将重点抓好以下内容:") that open a part of
their own. All matching is on width-folded text.
"""

from __future__ import annotations

import re

from .grammar import fold_text

PREAMBLE = "preamble"
MEASURES = "measures"
PROBLEMS = "problems"
LEADERSHIP = "leadership"
NEXT_STEPS = "next_steps"
OTHER = "other"
LABELS = (PREAMBLE, MEASURES, PROBLEMS, LEADERSHIP, NEXT_STEPS, OTHER)

# Checked in this order: a heading naming two parts gets the first that matches, so
# "存在的问题和下一步打算" is problems and "第一责任人职责工作情况" is leadership, not measures.
_HEADING_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (OTHER, re.compile(r"其他(需要|需|应当)?(报告|说明)")),
    (LEADERSHIP, re.compile(r"第一责任人|主要负责人(履行|履职)|履行.{0,12}职责情况")),
    # "问题" only as the thing reported on: "突出问题专项整治" is a measure.
    (PROBLEMS, re.compile(r"存在|问题([和及与]|$)|不足|差距|短板|薄弱")),
    (
        NEXT_STEPS,
        re.compile(
            r"下一步|下步|下一年|今后|明年|来年|展望"
            r"|(打算|思路|安排|计划|要点|设想)$"
            r"|20\d\d年度?.{0,16}(打算|思路|安排|计划|要点|设想|重点)"
        ),
    ),
    (
        MEASURES,
        re.compile(
            r"举措|成效|做法|措施|主要工作|工作情况|建设情况|开展情况|推进情况|落实情况|进展|成绩|亮点"
        ),
    ),
)


def label_for_heading(heading: str) -> str | None:
    """The part's label if its heading says which part it is."""
    folded = fold_text(heading)
    for label, pattern in _HEADING_RULES:
        if pattern.search(folded):
            return label
    return None


# Content cues for a part whose heading says nothing: shortcomings, plans, or results.
_PROBLEM_CUES = re.compile(r"有待|不够|不足|薄弱|欠缺|滞后|短板|差距|不到位|不平衡|不充分")
_PLAN_CUES = re.compile(r"将(进一步|继续|持续|全面|着力|重点|坚持|加快)|下一步|明年|来年|力争")
_RESULT_CUES = re.compile(r"\d+(\.\d+)?(余|多)?(件|次|人次|项|个|场|份|条|万元|%)|完成|累计|办结|出台|印发")
_MIN_CUES = 2


def label_for_content(text: str) -> str:
    """Best guess for a part with an uninformative heading; ``other`` when the cues are thin."""
    folded = fold_text(text)
    counts = {
        PROBLEMS: len(_PROBLEM_CUES.findall(folded)),
        NEXT_STEPS: len(_PLAN_CUES.findall(folded)),
        MEASURES: len(_RESULT_CUES.findall(folded)),
    }
    label, count = max(counts.items(), key=lambda item: item[1])
    return label if count >= _MIN_CUES else OTHER


# Unnumbered lines that open a part. Plans: a short line naming the plan, or a sentence announcing
# a list ("…将重点抓好以下内容:"). Problems: a sentence announcing shortcomings before a colon.
_FUTURE = r"(下一步|下步|今后|明年|来年|新的一年|下一年度?|20\d\d年度?)"
_PLAN_TITLE = re.compile(rf"^{_FUTURE}[^。:]{{0,20}}(打算|计划|安排|思路|要点|重点工作|举措)[:]?$")
_PLAN_LIST = re.compile(rf"^{_FUTURE}[^。]{{0,60}}(将|拟|计划)[^。]{{0,40}}(以下|如下)[^。]{{0,12}}:$")
_PROBLEM_LIST = re.compile(r"(存在|还有|仍有)[^。:]{0,20}(问题|不足|薄弱环节|短板|差距|困难)[^。:]{0,10}:")
_PROBLEM_TITLE = re.compile(r"^(存在的?|主要)?(问题|不足)([和及与]?(不足|问题|原因|差距))*[:]?$")
_MAX_LEAD_IN = 160


def lead_in_label(line: str) -> str | None:
    """``next_steps``/``problems`` if an unnumbered line opens such a part, else None."""
    folded = fold_text(line).strip()
    if not folded or len(folded) > _MAX_LEAD_IN:
        return None
    if _PLAN_TITLE.match(folded) or _PLAN_LIST.match(folded):
        return NEXT_STEPS
    if _PROBLEM_TITLE.match(folded) or _PROBLEM_LIST.search(folded):
        return PROBLEMS
    return None
