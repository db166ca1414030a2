"""Facets: which of the measures a broad catalogue key holds a figure states.

Some keys gather measures a reader would not compare with each other: 取消, 下放 or 承接 of
approval items, a suggestion's 满意率 or its 办结率, applications 受理 or 办结. A key may list
its facets, each a label and the words that name it (``下放: 下放|赋权|委托``). A figure's facet
is the labels whose words its own clause names before it (from the last comma or the previous
figure up to the figure; failing that, the words right after it up to the next break:
对15件重大行政决策…), in the catalogue's order, joined by 、 (取消、下放行政审批事项35项 is
取消、下放). A word overlapping a longer word of another label is that label's (全程网办率 is
全程网办, not 网办率). No word: "", the report does not say, and nothing is compared as different.

Compare pages show a figure's facet, compute no change between two years of different facets
and warn when a column or ranking mixes them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reports.hanzi import to_simplified

# Where a figure's own clause begins: a clause break or the digits of the figure before it.
_CLAUSE_START = re.compile(r"[,，;；。:：!！?？\n\d０-９]")
# Where the words after a figure stop: the same, and 、 (15件决策、3件合同: the next item's).
_AFTER_END = re.compile(r"[,，;；。:：!！?？\n、\d０-９]")
# How far after a figure its counted words may reach (对15件重大行政决策进行合法性审查).
_AFTER_REACH = 16


@dataclass(frozen=True)
class Facet:
    label: str
    words: tuple[str, ...]


def parse_facet(text: str) -> Facet:
    """``"下放: 下放|赋权"`` as Facet("下放", ("下放", "赋权")); a label alone is its own word."""
    label, _colon, words = text.replace("：", ":").partition(":")
    label = label.strip()
    alternatives = tuple(word.strip() for word in (words or label).split("|") if word.strip())
    if not label or not alternatives:
        raise ValueError(f"facet {text!r} has no label or no words")
    return Facet(label, alternatives)


def facet_problems(text: str) -> list[str]:
    """What is wrong with one facet line as staff typed it (in Chinese, for the admin)."""
    label, colon, words = text.replace("：", ":").partition(":")
    if not label.strip():
        return ["冒号前须写口径的名称,如“下放: 下放|赋权|委托”"]
    if colon and not any(word.strip() for word in words.split("|")):
        return [f"“{label.strip()}”:冒号后须写表示这一口径的词,以“|”分隔"]
    if colon and "" in [word.strip() for word in words.split("|")]:
        return [f"“{label.strip()}”:“|”之间没有词"]
    return []


def facet_of(facets: Sequence[Facet], sentence: str, start: int, end: int) -> str:
    """The facet of the figure at ``start``–``end`` of ``sentence`` (see the module's docstring)."""
    if not facets:
        return ""
    before = to_simplified(sentence[:start])
    breaks = list(_CLAUSE_START.finditer(before))
    labels = _labels_in(facets, before[breaks[-1].end() :] if breaks else before)
    if not labels:
        after = to_simplified(sentence[end : end + _AFTER_REACH])
        stop = _AFTER_END.search(after)
        labels = _labels_in(facets, after[: stop.start()] if stop else after)
    return "、".join(labels)


def _labels_in(facets: Sequence[Facet], text: str) -> list[str]:
    """The labels whose words occur in ``text``, in ``facets``' order; a match overlapping a
    longer match does not count (网办率 in 全程网办率 is 全程网办's)."""
    found = [
        (match.start(), match.start() + len(word), facet.label)
        for facet in facets
        for word in facet.words
        for match in re.finditer(re.escape(word), text)
    ]
    kept = {
        label
        for start, end, label in found
        if not any(s < end and start < e and e - s > end - start for s, e, _ in found)
    }
    return [facet.label for facet in facets if facet.label in kept]
