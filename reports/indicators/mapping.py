"""Mapping a figure to a catalogue key from the words around it.

Each figure gets a ``FigureContext``: its clause (the words from the previous comma or the
previous figure up to the figure, plus the counted noun after it, cut at 的), and the sentence up
to the end of that clause. A cue matches when each of its plain terms occurs in the clause and
each ``@`` term occurs in the clause or earlier in the sentence (not before a ";"; for a cue
of ``@`` terms alone, not inside a quoted name or a title either), and each ``>`` term later
in the sentence, after the clause (not past a ";"); the longest match wins. The
unit must be one the indicator is stated in (relative changes in % may belong to any key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .catalogue import Catalogue, Cue, Indicator, Veto, takes_measure, unit_to_list
from .figures import Figure
from .units import UnitKind


@dataclass(frozen=True)
class FigureContext:
    clause: str  # the words that say what the figure counts
    before: str  # the part of the clause before the figure
    sentence_before: str  # the sentence from its start to the figure's end
    words_after: str  # the words after the figure in its clause, up to the next figure
    topic_before: str  # the same from the last ";" before the figure: where @ cue words may be
    # topic_before with quoted names, titles and documents being made blanked out: where the
    # words of a cue made of @ terms alone may be (a name is not the sentence's subject)
    topic_subject: str
    topic_after: str  # the rest of the sentence after the clause, up to a ";": where > cue words may be
    subset: bool  # inside a 其中… run: a part of the figure before it, not the total
    norm: bool  # a rate per person or period (每人, 每季度) or a floor asked of someone: not a total
    parts: str = ""  # the parts a total lists right after it: ",其中民事诉讼50起,行政诉讼14起"


@dataclass(frozen=True)
class Mapping:
    indicator: Indicator | None
    score: int
    cue: str = ""


# Counts of what won an award or a place in a collection (3个项目获评…典型案例, 15个党支部被评为…,
# 1个案例入选…): no annotator keys them, whatever the sentence is about.
_AWARDED = re.compile(r"获评|评为|入选|荣获")


def map_figure(figure: Figure, context: FigureContext, catalogue: Catalogue) -> Mapping:
    """The best catalogue key for ``figure``, or a mapping with no indicator."""
    if context.subset or context.norm or figure.unit_kind is UnitKind.NONE:
        return Mapping(None, 0)
    if _AWARDED.search(context.clause):
        return Mapping(None, 0)
    candidates: list[tuple[int, int, Mapping]] = []  # (score, nearness, mapping)
    for indicator in catalogue.stated_in(unit_to_list(figure.base_unit, figure.measure)):
        if not takes_measure(indicator.units, figure.measure):
            # 信访量下降31.7% is not a count of petitions; 办理时限减少72% is a time-limit compression.
            continue
        if vetoed(indicator.clause_vetoes, context.clause):
            continue
        if vetoed(indicator.unless_in_parts, context.parts):
            continue  # 诉讼案件72起,其中民事诉讼50起: a total of several kinds
        if vetoed(indicator.unless_in_sentence, context.sentence_before):
            continue  # 组建…全会精神宣讲团,…开展宣讲活动1600余场次: no law named
        best: tuple[int, int, Mapping] | None = None
        for cue in indicator.cues:
            score, nearness = _cue_score(cue, context, indicator.unless)
            if score and (best is None or (score, nearness) > best[:2]):
                best = (score, nearness, Mapping(indicator, score, cue.source))
        if best is not None:
            candidates.append(best)
    if not candidates:
        return Mapping(None, 0)
    # Stable sort: among equals the catalogue order decides.
    candidates.sort(key=lambda c: c[0], reverse=True)
    top = [c for c in candidates if c[0] == candidates[0][0]]
    if len(top) > 1 and "均" in context.clause:
        return Mapping(None, 0)  # 受理、办结案件均增长367%: one figure for several keys
    chosen = max(top, key=lambda c: c[1])[2]
    if not chosen.indicator.is_combined and _total_of_a_list(context.clause, candidates):
        return Mapping(None, 0)  # 行政复议、行政应诉、行政调解案件共计5474件: several keys' sum
    return chosen


def counted_unit(figure: Figure, context: FigureContext) -> str:
    """The base unit ``figure`` counts in: its own, except that 个 right before the items it
    counts (580个政务服务事项) counts them as 项 does, so it is mapped, compared and ranked with
    them; 服务事项22个 or 12个综合窗口 stay in 个."""
    if figure.base_unit == "个" and _ITEMS_COUNTED.match(context.clause, len(context.before)):
        return "项"
    return figure.base_unit


# The noun right after a figure naming services or licences (政务服务事项, 行政许可事项), not a
# list of them (事项清单), nor the departments, windows or platforms they belong to (在两个平台上
# 对行政审批事项实现目录化管理).
_ITEMS_COUNTED = re.compile(
    r"(?:(?!部门|单位|窗口|平台)[\u4e00-\u9fff]){0,8}?(?:服务|许可|审批|办理)事项(?!清单)"
)


def _total_of_a_list(clause: str, candidates: list[tuple[int, int, Mapping]]) -> bool:
    """Whether the clause adds up a list of things that belong to different keys: a total
    (共计, 合计) after items joined by 、, at least two of them each a key's own clause word."""
    if "、" not in clause or not any(word in clause for word in _TOTAL_WORDS):
        return False
    listed = {c[2].indicator.key for c in candidates if c[0] >= _OWN_WORD_SCORE}
    return len(listed) > 1


# A total's words, and the score of a cue word of four characters met in the clause itself.
_TOTAL_WORDS = ("共计", "合计", "总计")
_OWN_WORD_SCORE = 8


def vetoed(vetoes: tuple[Veto, ...], text: str) -> bool:
    """True when a veto word occurs in ``text`` and no word lifting it does."""
    return any(veto.word in text and not any(word in text for word in veto.lifting_words) for veto in vetoes)


def _cue_score(cue: Cue, context: FigureContext, unless: tuple[Veto, ...]) -> tuple[int, int]:
    """(score, nearness): matched length (clause words count double) and how close the
    nearest clause word is to the figure (a larger value is nearer)."""
    score = 0
    nearness = -len(context.clause)
    # A cue of @ terms alone rests wholly on the shared subject, which a word inside a name
    # (“日常学法、年度考法、年终述法”制度, 《…述法清单》) is not; with a clause term the name may
    # still set the scene (开展“双随机、一公开”监管,抽查市场主体3500户).
    topic = context.topic_subject if cue.subject_only else context.topic_before
    for term in cue.terms:
        if term.ahead:
            # 16人,各部门班子成员147人,实现述法全覆盖: what the counts were for comes after them
            # (only there: in the clause, the word would be a plain term's)
            word = next((a for a in term.alternatives if a in context.topic_after), "")
            if not word:
                return 0, 0
            score += len(word)
            continue
        found = [
            (context.clause.rfind(a), a)
            for a in term.alternatives
            if a in context.clause and (not cue.subject_only or a in topic)  # nor in the clause's names
        ]
        if found:
            score += 2 * max(len(a) for _, a in found)
            nearness = max(nearness, max(p + len(a) for p, a in found) - len(context.before))
            continue
        if not term.in_context:
            return 0, 0
        positions = [(topic.rfind(a), a) for a in term.alternatives]
        position, word = max(positions)
        if position < 0:
            return 0, 0
        # A change of subject after the shared one: 受理复议14件,…受理行政争议案件10件,办结10件
        later = topic[position + len(word) :]
        if vetoed(unless, later):
            return 0, 0
        score += len(word)
    return score, nearness
