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
SIGNATURE = "signature"  # the organ and date closing the report (落款), no part of it
LABELS = (PREAMBLE, MEASURES, PROBLEMS, LEADERSHIP, NEXT_STEPS, OTHER, SIGNATURE)

# Checked in this order: a heading naming two parts gets the first that matches, so
# "存在的问题和下一步打算" is problems and "第一责任人职责工作情况" is leadership, not measures.
_HEADING_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (OTHER, re.compile(r"其他(需要|需|应当)?(报告|说明)")),
    (LEADERSHIP, re.compile(r"第一责任人|主要负责人(履行|履职)|履行.{0,12}职责情况")),
    # A part that reports its measures and results first and its shortcomings after them
    # ("主要举措、成效和不足", "主要措施、成效及存在问题") opens with the measures.
    (
        MEASURES,
        re.compile(
            r"(举措|成效|措施|做法|成绩|成果)[^,。;:]{0,8}?[、和及与并](存在的?)?(主要)?(问题|不足|差距|短板)"
        ),
    ),
    # "问题" only as the thing reported on: "突出问题专项整治" is a measure.
    (PROBLEMS, re.compile(r"存在|问题([和及与]|$)|不足|差距|短板|薄弱")),
    (
        NEXT_STEPS,
        re.compile(
            # "取得新思路" is a result, "工作思路" a plan.
            r"下一步|下步|下一年|今后|明年|来年|展望"
            r"|(打算|(?<!新)思路|安排|计划|要点|设想)$"
        ),
    ),
    (
        MEASURES,
        re.compile(
            r"举措|成效|做法|措施|主要工作|工作情况|建设情况|开展情况|推进情况|落实情况|进展|成绩|亮点"
        ),
    ),
)

# What a part's heading says when it covers a later part too (主要举措、成效和不足; 存在的问题和下一步
# 打算): its sub-part so titled is that later part.
_COVERS = {
    PROBLEMS: re.compile(r"不足|问题|差距|短板"),
    NEXT_STEPS: re.compile(r"打算|安排|计划|下一步|下步|思路"),
}


def second_part(part_heading: str, part_label: str, heading: str, *, year: int | None = None) -> str | None:
    """The label of a sub-part (二、…(二)存在的不足及原因) when its part's heading names two parts and
    the sub-part's heading is the later one; None when it belongs to its part like any other."""
    own = label_for_heading(heading, year=year)
    if own not in _COVERS or own == part_label or part_label not in (MEASURES, PROBLEMS):
        return None
    if own == PROBLEMS and part_label != MEASURES:
        return None
    return own if _COVERS[own].search(fold_text(part_heading)) else None


# A year naming a plan ("2024年工作要点", "2022年度重点工作安排"): a plan only for a year after
# the report's, since a 2022 report's "2022年重点工作及主要工作举措" are its measures.
_PLAN_YEAR = re.compile(r"(20\d\d)(?=年度?.{0,16}(打算|思路|安排|计划|要点|设想|重点))")


def label_for_heading(heading: str, *, year: int | None = None) -> str | None:
    """The part's label if its heading says which part it is.

    ``year`` is the report's year; without it every year named before a plan word is a plan.
    """
    folded = fold_text(heading)
    for label, pattern in _HEADING_RULES:
        if pattern.search(folded):
            return label
        if label == NEXT_STEPS and _names_plan_year(folded, year):
            return label
    return None


def _names_plan_year(folded: str, year: int | None) -> bool:
    """Whether the heading names a plan for a year after ``year`` (for any year if None)."""
    return any(year is None or int(match.group(1)) > year for match in _PLAN_YEAR.finditer(folded))


# Content cues for a part whose heading says nothing: shortcomings, plans, or results.
_PROBLEM_CUES = re.compile(r"有待|不够|不足|薄弱|欠缺|滞后|短板|差距|不到位|不平衡|不充分")
# A shortcoming named in the same clause as the measure that remedies it ("针对上年度的薄弱环节",
# "补齐短板") is no cue. Not "解决"/"整改"/"对照" or "针对性", which problems are stated with too
# ("解决问题的能力有待提高", "整改不到位", "对照要求仍有差距", "针对性不够").
_REMEDY = re.compile(r"针对(?!性)|补齐|补强|补足|补上|弥补|补短|破解")
_REMEDY_REACH = 16
_CLAUSE_END = re.compile(r"[。;,:!?\n]")
_PLAN_CUES = re.compile(r"将(进一步|继续|持续|全面|着力|重点|坚持|加快)|下一步|明年|来年|力争")
# Headcounts are results too ("组织9名新任命中层干部进行宪法宣誓").
_RESULT_CUES = re.compile(
    r"\d+(\.\d+)?(余|多)?(件|次|人次|名|人|项|个|场|份|条|万元|%)|完成|累计|办结|出台|印发"
)
_MIN_CUES = 2


def label_for_content(text: str) -> str:
    """Best guess for a part with an uninformative heading; ``other`` when the cues are thin."""
    folded = fold_text(text)
    counts = {
        PROBLEMS: sum(not _remedied(folded, cue.start()) for cue in _PROBLEM_CUES.finditer(folded)),
        NEXT_STEPS: len(_PLAN_CUES.findall(folded)),
        MEASURES: len(_RESULT_CUES.findall(folded)),
    }
    label, count = max(counts.items(), key=lambda item: item[1])
    return label if count >= _MIN_CUES else OTHER


def _remedied(folded: str, start: int) -> bool:
    """Whether the clause before offset ``start`` names a remedy for what stands there."""
    before = folded[max(0, start - _REMEDY_REACH) : start]
    clause = _CLAUSE_END.split(before)[-1]
    return bool(_REMEDY.search(clause))


# Unnumbered lines that open a part. Plans: a short line naming the plan, or a sentence announcing
# a list ("…将重点抓好以下内容:"). Problems: a sentence announcing shortcomings before a colon.
_FUTURE = r"(下一步|下步|今后|明年|来年|新的一年|下一年度?|(?P<year>20\d\d)年度?)"
_PLAN_TITLE = re.compile(rf"^{_FUTURE}[^。:]{{0,20}}(打算|计划|安排|思路|要点|重点工作|举措)[:]?$")
_PLAN_LIST = re.compile(rf"^{_FUTURE}[^。]{{0,60}}(将|拟|计划)[^。]{{0,40}}(以下|如下)[^。]{{0,12}}:$")
_PROBLEM_LIST = re.compile(r"(存在|还有|仍有)[^。:]{0,20}(问题|不足|薄弱环节|短板|差距|困难)[^。:]{0,10}:")
_PROBLEM_TITLE = re.compile(r"^(存在的?|主要)?(问题|不足)([和及与]?(不足|问题|原因|差距))*[:]?$")
_MAX_LEAD_IN = 160


def lead_in_label(line: str, *, year: int | None = None) -> str | None:
    """``next_steps``/``problems`` if an unnumbered line opens such a part, else None.

    ``year`` is the report's year: "2022年主要工作举措" in a 2022 report opens no plan.
    """
    folded = fold_text(line).strip()
    if not folded or len(folded) > _MAX_LEAD_IN:
        return None
    plan = _PLAN_TITLE.match(folded) or _PLAN_LIST.match(folded)
    if plan and (year is None or not plan["year"] or int(plan["year"]) > year):
        return NEXT_STEPS
    if _PROBLEM_TITLE.match(folded) or _PROBLEM_LIST.search(folded):
        return PROBLEMS
    return None
