"""Facets (类别): which of the measures a broad catalogue key holds a figure states.

Some keys gather measures a reader would not compare with each other: 取消, 下放 or 承接 of
approval items, a suggestion's 满意率 or its 办结率, applications 受理 or 办结. A key may list
its facets, each a label and the words that name it (``下放: 下放|赋权|委托``), and after a
semicolon how its words join others (``承接: 承接; 对象在后``: see ``OPTIONS``). A figure's facet
is read from the words of its own clause before it: from the last comma, or from the figure
before it when a list separates the two (取消8项、承接10项: 承接), else from the comma (取消了
县公安局等5个单位6项: 取消). Failing those, the words right after it name it (对15件重大行政
决策…), up to the next figure's item, and first when the figure opens a list's item (…、21项
上会文件); failing all, a clause before it in the sentence that holds no figure (开展常务会议
会前学法,副市长领学法律法规6次). The first word found names the facet, with the words listed
with it (取消、下放行政审批事项35项: 取消+下放; 受理并办结: 受理+办结; 重要合同、重大行政决策:
合同+决策; two labels written together: 取消调整: 取消+调整), not later words of what it acted
on (承接第三批市级赋权184项, 承接下放事项: 承接; its option 对象在后), nor a kind of item right
after another facet's word (决策议题、文件: 决策+文件; option 附于前词). A word naming who acts
(承接主体) names none; a
word in quotation marks (“一网通办”全程网办率) only when no other does; the parts of a total
listed after it (立案查处390件(其中简易程序110件…)) do not name it; a count of several forms of
doing something of which only some are facets (专题研讨、辅导讲座、实地研学等形式…57次; 专题
学法、法治讲座2场次) has none. A word overlapping a longer one is the longer one's (全程网办率 is
全程网办, not 网办率). Several labels are joined by + in catalogue order; no word: "", the
report does not say, and nothing is compared as different.

Compare pages show a figure's facet, compute no change between two years of different facets,
warn when a column or ranking mixes them, and compare one facet alone on request.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reports.hanzi import to_simplified

_HARD_BREAK = re.compile(r"[,，;；。:：!！?？\n]")
# The figure before: its digits (a heading's number too, which ends its words as well), or a
# Chinese numeral before a unit (取消八项、下放三项).
_NUMBER = re.compile(r"[\d０-９]|[一二三四五六七八九十百千两]+(?=[项件个次人家起份张])")
# How far after a figure its counted words may reach (对131件党工委会、主任办公会议题等重大行政决策).
_AFTER_REACH = 30
# Words listed with the first facet word: a list's joining word, with at most a few words
# qualifying the next item (重要合同、重大行政决策; 重大决策与规范性文件; 议题及各部门文件);
# nothing between is no list (承接下放审批事项: 承接 of items handed down).
_LISTED_WITH = re.compile(r"[、和及与并或/](?:其他|其它)?[^\d０-９、,，;；。:：]{0,5}")
# How a facet's words join others, written after a semicolon on its line. Two labels written
# together are listed together (取消调整329项, 受理办结51871件: two actions), except after a facet
# whose object follows it (承接下放事项: items handed down, received); a facet naming a kind of
# item, right after another facet's word, is what that one qualifies, read as part of it
# (决策议题、文件: 决策+文件; 上会文件: 议题).
TAKES_OBJECT = "对象在后"
QUALIFIES_BEFORE = "附于前词"
OPTIONS = (TAKES_OBJECT, QUALIFIES_BEFORE)
_OPTION_SEPARATOR = re.compile(r"[\s,，、]+")
# A total whose parts are named after it (立案查处390件(其中简易程序110件…), 审核48份(含合同37份)):
# the words after it name the parts, not what it counts.
_PARTS_AFTER = re.compile(r"其中|含|包括")
# What closes an enumeration of forms of doing something (专题研讨、辅导讲座等形式开展学习).
_FORMS_CLOSING = re.compile(r"等(?:多种|各类)?(?:形式|方式|活动|载体|途径)")
# Items of a list, and forms of study or training an item may name (专题学法、法治讲座).
_LIST_ITEMS = re.compile(r"[、和及与()（）]")
_TITLES = re.compile(r"《[^》]*》|“[^”]*”")
_ASIDES = re.compile(r"[(（][^()（）、]*[)）]")
_STUDY_FORMS = ("学法", "研讨", "党课", "培训", "学习", "报告会", "讲堂", "夜校")
# After a facet word, words naming who acts, not what was done (向34个承接主体委托下放…).
_ACTOR = re.compile(r"主体|单位|机构|对象")  # not 部门: 审查部门规范性文件
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」")
# Several facets of one figure are joined so (取消+下放): 、 separates facets in warnings.
FACET_JOIN = "+"
# A label is shown under each figure: a few characters (several may be joined).
FACET_LABEL_MAX = 8


@dataclass(frozen=True)
class Facet:
    label: str
    words: tuple[str, ...]
    takes_object: bool = False  # 对象在后: a facet's word after it is what it acts on
    qualifies_before: bool = False  # 附于前词: right after another facet's word, part of it


def _split(text: str) -> tuple[str, str, str, list[str]]:
    """A facet line's label, colon, words and options (a full-width colon and semicolon read as
    the ASCII ones)."""
    line, _semicolon, options = text.replace("；", ";").partition(";")
    label, colon, words = line.replace("：", ":").partition(":")
    return label.strip(), colon, words, [option for option in _OPTION_SEPARATOR.split(options) if option]


def parse_facet(text: str) -> Facet:
    """``"下放: 下放|赋权"`` as Facet("下放", ("下放", "赋权")); a label alone is its own word;
    ``"承接: 承接; 对象在后"`` sets that option."""
    label, _colon, words, options = _split(text)
    alternatives = tuple(word.strip() for word in (words or label).split("|") if word.strip())
    if not label or not alternatives:
        raise ValueError(f"facet {text!r} has no label or no words")
    return Facet(label, alternatives, TAKES_OBJECT in options, QUALIFIES_BEFORE in options)


def facet_problems(text: str) -> list[str]:
    """What is wrong with one facet line as staff typed it (in Chinese, for the admin)."""
    label, colon, words, options = _split(text)
    if unknown := [option for option in options if option not in OPTIONS]:
        options_named = "或".join(f"“{option}”" for option in OPTIONS)
        return [f"“{label}”:分号后的“{'、'.join(unknown)}”无法识别,可写{options_named}"]
    if not label:
        return ["冒号前须写类别的名称,如“下放: 下放|赋权|委托”"]
    if len(label) > FACET_LABEL_MAX or FACET_JOIN in label:
        return [f"“{label}”:类别名称写{FACET_LABEL_MAX}个字以内,不含“{FACET_JOIN}”"]
    if colon and not any(word.strip() for word in words.split("|")):
        return [f"“{label}”:冒号后须写表示这一类别的词,以“|”分隔"]
    if colon and "" in [word.strip() for word in words.split("|")]:
        return [f"“{label}”:“|”之间没有词"]
    return []


def facet_lines_problems(text: str) -> list[str]:
    """What is wrong with a key's facet lines (the admin's field): each line's problems, and a
    label given on more than one line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    problems = [f"无法解析的类别“{line}”:{problem}。" for line in lines for problem in facet_problems(line)]
    labels = [_split(line)[0] for line in lines]
    if repeated := sorted({label for label in labels if label and labels.count(label) > 1}):
        problems.append(f"类别“{'、'.join(repeated)}”写了不止一行,请合并为一行。")
    return problems


def facet_labels(text: str) -> list[str]:
    """The labels of a key's facet lines (the definition's field), in the catalogue's order;
    lines that do not parse are left out (the admin refuses them)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return list(dict.fromkeys(_split(line)[0] for line in lines if not facet_problems(line)))


def in_catalogue_order(facets: Iterable[str], labels: Sequence[str]) -> list[str]:
    """Stored facets (下放, 取消+下放) in the order of their key's ``labels``: single facets
    first, then figures naming several; a label no longer listed after those listed."""

    def place(facet: str) -> tuple[int, list[int]]:
        parts = facet.split(FACET_JOIN)
        return len(parts), [labels.index(part) if part in labels else len(labels) for part in parts]

    return sorted(facets, key=place)


def facet_of(facets: Sequence[Facet], sentence: str, start: int, end: int) -> str:
    """The facet of the figure at ``start``–``end`` of ``sentence`` (see the module's docstring)."""
    if not facets:
        return ""
    before = to_simplified(sentence[:start])
    breaks = list(_HARD_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    numbers = list(_NUMBER.finditer(clause))
    own = clause[numbers[-1].end() :] if numbers else clause
    after = _words_after(to_simplified(sentence[end : end + _AFTER_REACH]))
    if own.endswith("、"):
        # the figure opens a list's item: its words follow it (规范性文件和重大决策事项、21项上会文件)
        return FACET_JOIN.join(_labels_in(facets, after) or _labels_in(facets, own))
    labels = _labels_in(facets, own)
    if labels and _mixed_enumeration(facets, own):
        return ""  # 专题研讨、辅导讲座、实地研学等形式…57次: the forms together, not the 讲座
    if not labels and numbers and "、" not in own:
        # no list between the figure before and this one: one item with a figure inside
        labels = _labels_in(facets, clause)  # 取消了县公安局等5个单位6项
    if not labels:
        labels = _labels_in(facets, after)
    if not labels and not numbers and breaks:
        # the clause before, when it holds no figure, says what this one counts (开展市政府常务
        # 会议会前学法,副市长领学法律法规6次)
        earlier = before[breaks[-2].end() if len(breaks) > 1 else 0 : breaks[-1].start()]
        if not _NUMBER.search(earlier) and not _mixed_enumeration(facets, earlier):
            labels = _labels_in(facets, earlier)
    return FACET_JOIN.join(labels)


def _words_after(after: str) -> str:
    """The words after a figure that may say what it counts: up to the next clause break, and
    not into the next figure's item (清理事项12项、下放事项3项)."""
    stop = _HARD_BREAK.search(after)
    after = after[: stop.start()] if stop else after
    if (parts := _PARTS_AFTER.search(after)) is not None:
        after = after[: parts.start()]
    if (digit := _NUMBER.search(after)) is not None:
        item_end = after.find("、")
        after = after[: item_end if 0 <= item_end < digit.start() else digit.start()]
    return after


def _mixed_enumeration(facets: Sequence[Facet], words: str) -> bool:
    """Whether the facet words of ``words`` are counted with things no facet names: they sit in
    an enumeration of forms (…等形式, 等方式, 等活动) whose other items name no facet (网上学法、
    专家讲座、专题培训等活动), or in a list beside a form of study or training that names none
    (开展专题学法、法治讲座2场次; 法治专题学习(培训、讲座)11次). A list of what was studied
    (习近平法治思想、《条例》等) says nothing of the form."""
    closing = list(_FORMS_CLOSING.finditer(words))
    if closing and "、" in words[: closing[-1].start()]:
        named = [bool(_labels_in(facets, item)) for item in words[: closing[-1].start()].split("、")]
        if any(named) and not all(named):
            return True
    # 《中华人民共和国…法》 holds no list's 和, nor 中心组(扩大)会议 a list's bracket
    listed = _ASIDES.sub("", _TITLES.sub("》", words))
    items = _LIST_ITEMS.split(listed[: listed.rfind("等")] if "等" in listed else listed)  # not 等开展学习
    named = [bool(_labels_in(facets, item)) for item in items]
    if not any(named):
        return False
    # a form before the first named item; after it, the forms are what that one did (中心组开展
    # 集中学习、研讨31次)
    return any(item.endswith(_STUDY_FORMS) for item in items[: named.index(True)])


def _labels_in(facets: Sequence[Facet], text: str) -> list[str]:
    """The labels the first facet word of ``text`` and the words listed with it name, in
    ``facets``' order (the module's docstring says which words count)."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    found = [
        (match.start(), match.start() + len(word), facet.label)
        for facet in facets
        for word in facet.words
        for match in re.finditer(re.escape(word), text)
        if not _ACTOR.match(text, match.start() + len(word))
    ]
    found = [
        (start, end, label)
        for start, end, label in found
        if not any(s < end and start < e and e - s > end - start for s, e, _ in found)
    ]
    outside = [m for m in found if not any(s <= m[0] and m[1] <= e for s, e in quoted)]
    found = sorted(outside or found)
    if not found:
        return []
    by_label = {facet.label: facet for facet in facets}
    chosen, (last_start, last_end, last_label) = {found[0][2]}, found[0]
    for start, end, label in found[1:]:
        if start < last_end:
            continue  # another word inside the same span
        if start == last_end and by_label[label].qualifies_before:
            last_end = end
            continue
        # two labels themselves, as a report names two actions (取消调整); not 考试取得 or 申请考试
        written_together = (
            start == last_end
            and text[last_start:last_end] == last_label
            and text[start:end] == label
            and not by_label[last_label].takes_object
        )
        if not written_together and not _LISTED_WITH.fullmatch(text, last_end, start):
            break
        chosen.add(label)
        last_start, last_end, last_label = start, end, label
    return [facet.label for facet in facets if facet.label in chosen]
