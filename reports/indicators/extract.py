"""``extract_indicators``: every stated quantity in a report's text, mapped and traced.

Reads top to bottom: figures in the text (``figures``) → the sentence and clause around each →
its catalogue key (``mapping``) → scope words and section → derived values stated as phrases
(实现全覆盖, 无一败诉). Offsets always index the text given, so ``text[start:end]`` is the figure
and ``text[sentence_start:sentence_end]`` its sentence.

Combined counts ("人大建议、政协提案109件") are one value under a combined key whose catalogue
entry lists the keys it adds together (``combined`` is then true); they are never split.
Figures after 其中 are parts of the figure before them and stay unmapped, as do per-person
rates (每人每年不少于60学时). In a table comparing years (``tables``) only the latest year's
figure is keyed, read with its row's label; an earlier year's and a change column's are not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from typing import Protocol

from reports.organ_names import short_organ_names

from .catalogue import Catalogue, counts_cuts, load_catalogue
from .exclusions import SpanIndex, name_spans, protected_spans
from .figures import LIST_JOINS, STATED_CHANGES, Figure, Measure, find_figures
from .mapping import FigureContext, counted_unit, map_figure
from .numbers import fold_width
from .tables import Column, TableCell, Tables
from .units import UnitKind, comparable_unit


class SectionLike(Protocol):
    """Anything with a heading path and character offsets (SectionDraft, the Section model)."""

    path: str
    start: int
    end: int


@dataclass(frozen=True)
class ExtractedIndicator:
    key: str | None  # catalogue key, None when the catalogue does not know the figure
    value: Decimal  # as stated (1.3 for 1.3万件); negative for a stated decrease
    value_high: Decimal | None  # upper bound of a range (3至5个)
    unit: str  # normalised, with its multiplier: 件 万件 万元 % 百分点
    base_value: Decimal  # in base units: 13000 for 1.3万件; money in 万元
    base_unit: str
    qualifier: str  # 余 多 近 约 超过 以上 以下 不足 不少于 不超过 各, or ""
    measure: str  # level, change_pct, change_points, change_abs, earlier, multi_year, target
    derived: bool  # implied by a phrase (实现全覆盖), not written as a number
    combined: bool  # one value counting several catalogue keys together
    scope: str  # jurisdiction (全区), organ (本局), government (区政府), all_levels (各级), or ""
    figure: str  # text[start:end]
    sentence: str
    sentence_start: int
    sentence_end: int
    start: int
    end: int
    section_path: str

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        for name in ("value", "value_high", "base_value"):
            if data[name] is not None:
                data[name] = str(data[name])
        return data


_SENTENCE_END = "。!?!?\n"
_PART_END = ";;"  # ends a 其中 run, not the sentence
_HARD = ",,;;。::!?!?\n"
# A count of meetings written before them (召开9次党组会议, 17次主持召开常务会议) or right after
# them (召开常委会4次、党组会5次,专题听取…): what the meetings did is said in the next clause.
_MEETING = r"(?:会议|常务会|常委会|党组会|党委会|党工委会|厅务会|局务会|办公会)"
_MEETINGS_AFTER = re.compile(rf"[^,,;;。]{{0,14}}?{_MEETING}")
_MEETING_BEFORE = re.compile(rf"{_MEETING}[上等]?$")  # 常务会议上56次, 常务会议、专题会议等5次
# Not a committee's meeting alone (依法治区委员会会议2次): most annotators leave those unkeyed,
# but key it with the party committee's own (市委常委会会议和市委全面依法治市委员会会议4次).
_COMMITTEE_MEETING = re.compile(r"委员会会议上?$")
# A clause of a count of its own starting on a verb of a new activity (…会议52次,组织全局职工执法培训
# 2次): it is not what the meetings did.
_OWN_ACTIVITY = re.compile(r"开展|组织|举办|召开|完成")
# What a level names as its own (区级政务服务事项, 市级行政职权): read with 市级/区级/县级 below.
_LEVELS_OWN_ITEMS = (
    "政务服务",
    "依申请",
    "行政职权",
    "行政权力",
    "权力事项",
    "行政许可",
    "审批服务",
    "审批事项",  # 保留区级审批事项341项
    "事项",
    "管理权限",  # 下放市级管理权限41项
    "重大行政决策",  # 公布6项区级重大行政决策
)
_SCOPE_MARKERS: dict[str, tuple[str, ...]] = {
    "jurisdiction": (
        "全区",
        "全市",
        "全县",
        "全省",
        "全旗",
        "全州",
        "全盟",
        "全镇",
        "全乡",
        "全街道",
        "全地区",  # a prefecture (阿里地区): 全地区共取消行政审批事项202项
        "辖区",
        "全域",
        *("县内", "县域内", "乡域内", "镇域内"),  # 县内行政应诉案件共开庭审理7件
    ),
    # a department's own offices and party group (厅党委会, 局党组(扩大)会议) are the organ's
    "organ": (
        *("本局", "我局", "我厅", "我委", "本部门", "本单位", "本机关"),
        *("局机关", "局本级", "厅本级", "委本级"),
        *("厅机关", "委机关", "局党组", "厅党组", "委党组", "局党委", "厅党委", "委党委"),
        # the bureau's whole staff (全局共有73名民警), not 工作全局
        *("全局共", "全局干部", "全局民警", "全局职工", "全局党员"),
    ),
    # The place's government: the report's own organ in a government's report, a wider one in
    # a department's (九龙坡区司法局 writing of 区政府负责人出庭应诉率); a level's own work
    # (市本级政务服务事项) is its government's too.
    "government": (
        *("区政府", "市政府", "县政府", "省政府", "州政府", "旗政府", "镇政府", "乡政府"),
        *("本级政府", "省本级", "市本级", "区本级", "县本级", "州本级", "旗本级", "盟本级"),
        # the level's own services, powers and items (区级政务服务事项100%全程网办, 下放市级行政职权
        # 事项16项, 区级审批服务事项896项, 区级权力事项105项, 区级事项)
        *(f"{level}级{items}" for level in "市区县" for items in _LEVELS_OWN_ITEMS),
    ),
    "all_levels": ("各级",),
}
# Rates per person or per period are norms, not totals: 每人每年培训60学时, 每季度学法不少于1次.
_PER_CAPITA = (
    "每人",
    "人均",
    "每名",
    "每万人",
    "平均每个",  # 平均每个村(社区)配备4名以上“法律明白人”
    *("每个村", "每个行政村", "每个社区", "每村"),  # 每个行政村培养3名“法律明白人”: not 每个事项压缩时限50%
    "百万人",  # 百万人受理办件量194100件: per million people
    "每千人",
    "每季度",
    "每个季度",
    "每月",
    "每个月",
    *("每两月", "每两个月", "每双月", "每半月", "每两周"),  # 以每两月1次频次开展…学习5次
    "每周",
    "每半年",
    "每年",
    "每期",  # 每期干部培训至少安排1次法治专题学习: each course's share
    "日均",  # 日均新设市场主体5044户: a day's average
)
# A floor required of someone (明确全年学习不得少于2次, 各单位中心组均开展至少1次) is a norm too.
_REQUIRED = re.compile(r"要求|明确|规定|原则上|均")
# A document being made (制定出台…述法工作实施办法,): its name is not the subject of what follows.
_DOCUMENT_MADE = re.compile(
    r"(?:制定|出台|印发|起草|修订|编制)(?:出台|印发|发布|了)?"
    r"[^,,。;;:“”《》\n]{2,30}?(?:实施办法|办法|清单|方案|意见|细则|规定|规则|指引)(?=[,,。;;、]|$)"
)
# Between two counts of one list, a short verb of the next item's own: 修改5件、废止25件.
_LIST_VERB_CHARS = 4
_LIST_VERB = re.compile(rf"、[\u4e00-\u9fff]{{1,{_LIST_VERB_CHARS}}}")
# A verb heading a list of counts joined by 、 (办理市场主体设立登记8845件、项目备案2006件).
_LIST_HEAD_VERB = re.compile(
    r"(?:共|累计|全年|依法)?(办理|受理|办结|抽查|检查|审查|审核|查处|调解|化解|举办|开展|组织|出具|提供|接待|发放)"
)
# A bracketed aside right before a count.
_ASIDE = re.compile(r"[((][^()()]{1,12}[))]$")
# A bracket inside a word giving an alternative of its part (科(局)级, 涉税(费)事项); not places
# (6个县(市、区)合法性审查中心 counts the places, not what follows them).
_INLINE_ALTERNATIVE = re.compile(
    r"[((](?![市区县乡镇街道、]+[))])[\u4e00-\u9fff、]{1,4}[))](?=[\u4e00-\u9fff])"
)
# A short quoted name (“双随机、一公开”): the 、 inside it lists nothing.
_QUOTED_NAME = re.compile(r"“[^“”的()（）]{1,12}”")
# The verb of 对…进行(开展, 实施)…: 对22宗行政处罚、2宗…案件进行了法制审核.
_VERB_AFTER_OBJECT = re.compile(r"(?:进行|开展|实施|组织)了?")
# 对 opening its object: right before the count (or its scope: 对全区53份重要文件), or with the
# object's noun between (not 对照, 针对, 应对…); an item of such a list ends at 、 or the verb.
_DUI_BEFORE_COUNT = re.compile(r"对(?:全[省市区县镇乡]|本级)?$")
_DUI_BEFORE_NOUN = re.compile(r"(?<![针应核比面相反绝])对(?![照标接于象外应比])[\u4e00-\u9fff]{1,12}$")
_ITEM_ENDS = re.compile(rf"、|{_VERB_AFTER_OBJECT.pattern}")
# An adverb right after a count starts what is said of the counted things (审查合同38件都出具…),
# a conjunction the next item of a list (中心组学习7次和支部学习8次): neither names them.
_PREDICATE_AFTER = re.compile(r"均|都|全部|全都|已全部|和|及|与")
# Sessions and attendances written before what was attended: 11次600多人次参加的…集中培训.
_ATTENDED_BY = re.compile(r"(?:\d+(?:\.\d+)?[多余]?人次?)?(参加的[^,，;；。、的((]+)")
# A share written before what it is a share of: 67.29%的事项实现全程网办, 95%以上的案件.
_SHARE_OF = re.compile(r"(?:以上|以下|左右)?的")
_MASK = "□"
# 改革全覆盖试点 is a pilot and 述法全覆盖工作实施办法 a document (named without 《》), not coverage achieved
_COVERAGE = re.compile(r"全覆盖(?!试点|(?:工作)?(?:实施)?(?:办法|方案|意见|细则|制度))")
# No suit lost, in any of the words reports use (零败诉, 均无败诉, 无败诉案件, 未发生…行政诉讼败诉案件,
# 无行政复议纠错及行政诉讼败诉情况): a loss rate of 0%. A loss counted (败诉2件), a risk of losing
# and the rate itself are not such statements, nor is no loss of one cause or kind (未发生因行政合同
# 签订履行导致的败诉: other suits may have been lost); the figure runs from the negation to 败诉.
_NO_LOSS = re.compile(
    r"零败诉|败诉率为零"
    r"|(?:无|未发生|未出现|没有)(?:(?!因|合同)[^,，;；。:：!?！？()（）\n]){0,30}?"
    r"败诉(?!率|风险|\s*[\d一二两三四五六七八九十])"
)
_QUOTES = ("“”", '""', "「」", "‘’")


@dataclass(frozen=True)
class Reporter:
    """Who wrote a report, as extraction reads the words it uses of itself: a department's party
    group and offices named bare (党组会议, 局务会) and its own names (``own_names``: 区司法局,
    区城管局) are its organ; a government has no organ apart from the government; a town's or
    street office's bare self-name (街道领导干部) is its government. ``department`` is None where
    the kind is not known (a text scored alone)."""

    department: bool | None = None
    township: bool = False
    own_names: tuple[str, ...] = ()

    @classmethod
    def of(cls, kind: str, level: str, name: str = "", place: str = "") -> Reporter:
        """The reporter of an agency's report, from its kind (government, department), level
        (province … township), and for a department its name and place (潼南区): what the store
        and the accuracy script both pass."""
        department = kind == "department"
        return cls(
            department=department,
            township=level == "township",
            own_names=department_names(name, place) if department else (),
        )


UNKNOWN_REPORTER = Reporter()


def extract_indicators(
    text: str,
    sections: Sequence[SectionLike] = (),
    catalogue: Catalogue | None = None,
    *,
    year: int | None = None,
    reporter: Reporter = UNKNOWN_REPORTER,
) -> list[ExtractedIndicator]:
    """Every stated quantity in ``text``, in order, plus derived values, each with provenance.
    ``year`` is the year the report is on, which tells 2021年以来 in a report on 2023 (a level
    over several years) from the same words in a report on 2021; ``reporter`` who wrote it, which
    tells whose a figure its words give no place to is (局务会, 街道领导干部)."""
    catalogue = catalogue or load_catalogue()
    folded = fold_width(text)
    sentences = _sentence_spans(folded)
    figures = find_figures(text)
    tables = Tables(folded)
    results = []
    list_start = 0  # where the list of figures the current one ends begins (…分别达99.99%、90.2%)
    for index, figure in enumerate(figures):
        s_start, s_end = _containing(sentences, figure.start)
        previous = figures[index - 1] if index and figures[index - 1].start >= s_start else None
        following = figures[index + 1] if index + 1 < len(figures) else None
        if following is not None and following.start >= s_end:
            following = None
        cell = tables.cell(figure.start, figure.end)
        column = cell.column if cell else Column.OTHER
        if cell and column is Column.LATEST:
            context = _context_in_its_row(folded, figure, cell.name)
        else:
            context = _context(
                folded, figure, previous, following, s_start, s_end, figures[:index], figures[index + 1 :]
            )
        if cell and column is Column.CHANGE:
            figure = _as_change(figure, cell)
        elif column is Column.EARLIER and figure.measure is Measure.LEVEL:
            figure = replace(figure, measure=Measure.EARLIER)
        figure = replace(figure, base_unit=counted_unit(figure, context))
        mapping = map_figure(figure, context, catalogue)
        # an earlier year's figure, or the change since, is not the report's own
        indicator = mapping.indicator if column in (Column.OTHER, Column.LATEST) else None
        listed = previous is not None and folded[previous.end : figure.start] in LIST_JOINS
        changed_from = (
            previous is not None
            and results[-1].measure == Measure.LEVEL
            and results[-1].base_unit == figure.base_unit
            and figure.measure is Measure.LEVEL
            and _CHANGED_TO.fullmatch(folded, previous.end, figure.start)
        )
        if changed_from:
            # 由17项减少至8项: 8项 is the level now, 17项 the one it was changed from
            results[-1] = replace(results[-1], measure=Measure.EARLIER)
        list_start = list_start if listed else figure.start
        if (
            indicator is None
            and previous is not None
            and results[-1].base_unit == figure.base_unit
            and results[-1].key is not None
            and (
                # 网上办比例和全流程网上办分别达到99.99%、90.2%: a figure of a 分别 list counts what
                # the one before counts (no held-out set keys such a pair apart); so does the level
                # a list was cut to (许可事项由17项减少至8项)
                (listed and _respectively(folded, list_start, s_start)) or changed_from
            )
        ):
            indicator = catalogue.get(results[-1].key)
        results.append(
            _result(
                text,
                figure,
                key=indicator.key if indicator else None,
                combined=bool(indicator and indicator.is_combined),
                derived=False,
                sentence=(s_start, s_end),
                scope=_scope(context.sentence_before, context.words_after, figure.text, reporter),
                sections=sections,
            )
        )
    results = [_for_its_period(folded, result, year, catalogue) for result in results]
    results.extend(_derived(text, folded, sentences, sections, catalogue, reporter))
    results.sort(key=lambda r: r.start)
    return _targets_marked(folded, results)


def department_names(name: str, place: str) -> tuple[str, ...]:
    """The names a department's report may call it by, longest first: its full name, and after its
    place's name the body with the place (潼南区城市管理局), its level (区城市管理局, 市司法局 of
    上海市司法局) or, of three characters or more, alone (应急管理局), as its own report writes of
    itself (市司法局各接入事项…); each also in its shortened forms (区城管局, 市人社局, 应急局)."""
    forms = {name, *short_organ_names(name)} if name else set()
    if place and place in name:
        body = name[name.rindex(place) + len(place) :]
        if len(body) >= 2:
            for form in (body, *short_organ_names(body)):
                forms |= {place + form, place[-1] + form}
                if len(form) >= 3:
                    forms.add(form)  # its body alone (将法治建设纳入市场监管局年度工作要点)
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


# Time phrases: the last one before a figure in its sentence says what period the figure is
# for. Several years (党的十八大以来, “十三五”期间, 近三年, 五年来, and a year's 以来 or 至今 before
# the report's year), or one (2023年, 今年, 全年, 一年来: the report's own again).
_NUMBER_OF_YEARS = r"(?:[两二三四五六七八九十]|(?<!\d)\d{1,2})"
_PERIOD = re.compile(
    rf"(?P<years>(?:党的)?十[六七八九]大以来|十[一二三四]五”?(?:以来|期间|时期)|近{_NUMBER_OF_YEARS}年"
    rf"|{_NUMBER_OF_YEARS}年(?:来|以来)|去年以来|上年以来)(?!的)"
    r"|(?P<since>(?:19|20)\d{2})\s*年(?:\s*\d{1,2}\s*月份?)?(?:\s*\d{1,2}\s*日)?\s*(?:以来|至今)(?!的)"
    r"|(?:19|20)\d{2}\s*年度?|今年|本年度?|全年|当年|一年来"
)
# (?!的), and after a verb of going through (清理自党的十八大以来…, 梳理2018年以来发文…的文件):
# the phrase says which papers were gone through this year, not the period of what follows.
_GOING_THROUGH = re.compile(r"(?:清理|梳理|归集|排查|审查|核查|对)自?$")


def _for_its_period(
    text: str, result: ExtractedIndicator, year: int | None, catalogue: Catalogue
) -> ExtractedIndicator:
    """A level stated for several years measured so; so is a cut under a key that is itself a
    cut (2019年以来…精简3200余项), by its size, as the store puts a year's cut under it."""
    if result.measure not in (Measure.LEVEL, *STATED_CHANGES) or not _over_several_years(text, result, year):
        return result
    if result.measure == Measure.LEVEL:
        return replace(result, measure=Measure.MULTI_YEAR)
    indicator = catalogue.get(result.key) if result.key else None
    if indicator is None or not counts_cuts(indicator.units):
        return result  # a change is no year's level anyway
    high = abs(result.value_high) if result.value_high is not None else None
    return replace(
        result,
        measure=Measure.MULTI_YEAR,
        value=abs(result.value),
        value_high=high,
        base_value=abs(result.base_value),
    )


def _over_several_years(text: str, result: ExtractedIndicator, year: int | None) -> bool:
    """Whether the figure is stated for a period longer than the report's year (its sentence
    says so before it); a year's 以来 counts only when the report's year is known."""
    periods = list(_PERIOD.finditer(text, result.sentence_start, result.start))
    if not periods:
        return False
    period = periods[-1]
    if _GOING_THROUGH.search(text, max(0, period.start() - 3), period.start()):
        return False
    if period.group("since"):
        return year is not None and int(period.group("since")) < year
    return period.group("years") is not None


# Words that make a level in their clause one aimed at (力争纠错率达到15%, 争取达到…, 目标为…,
# 拟下放…3项: planned), not one reached. Left out: 争取 alone (争取中央专项资金5268万元: funds
# obtained), 预计 (预计全省研发投入达2132亿元: the year's own figure, estimated before the
# statistics), 确保 (reports write it of what was reached too: 确保了应诉率100%), 力争上游 and
# 以目标为导向, 目标是否完成, a distance from a target (超出目标值5天, 低于目标值4天), and 拟 of
# what was drafted or appointed (拟定, 拟订, 拟任).
_AIMED_AT = re.compile(
    r"力争(?!上游)|争取(?:达到|实现)|(?<![出于比较过])目标(?:是|为|值)(?!导向|否)"
    r"|拟(?:下放|取消|修改|修订|废止|制定|出台|开展|实施|推行|新增|调整|承接|提请|提交|组织|举办|设立)"
)


def _targets_marked(text: str, results: Sequence[ExtractedIndicator]) -> list[ExtractedIndicator]:
    """``results`` (in text order), a level whose own clause states it as a goal measured as a
    target: keyed, never the report's value (a goal of 15% ranked above the 12.5% another report
    reached). Its clause starts after the figure before it: 目标值为90%的满意率实际达到98% has
    one target, not two; a derived level counts too (力争…实现全覆盖)."""
    marked: list[ExtractedIndicator] = []
    for result in results:
        previous_end = marked[-1].end if marked and marked[-1].end <= result.start else 0
        clause_start = max(previous_end, _clause_start(text, result.sentence_start, result.start))
        aimed_at = result.measure == Measure.LEVEL and _AIMED_AT.search(text, clause_start, result.start)
        marked.append(replace(result, measure=Measure.TARGET) if aimed_at else result)
    return marked


# Between a level and the level it was changed to (由17项减少至8项, 从63项减少为40项, 压减率从
# 76.7%提高到83.4%, 由30个工作日缩短为3个工作日, 由2022年的52件增加到2023年的61件, 增加到今年的).
_CHANGED_TO = re.compile(
    r",?(?:减少|压减|削减|精简|缩减|压缩|缩短|调整|增加|增长|扩大|提高|提升|上升|下降|降低|减|降|增)"
    r"(?:至|到|为)(?:(?:20\d\d年(?:底|末)?|今年|本年度?|当年)的?)?"
)
_RESPECTIVELY_WITHIN = 12  # characters before a list where its 分别 may stand


# Steps of one process, each its own key: 受理、办结…分别为12件、10件 counts two things.
_STEPS = re.compile(r"收到|受理|办结|审结|立案|结案|新增|注销|取消|下放|承接|调整")


def _respectively(text: str, list_start: int, s_start: int) -> bool:
    """Whether 分别 stands right before the list of figures starting at ``list_start``, after a
    subject that names no two steps of a process."""
    before = text[s_start:list_start]
    at = before.rfind("分别", max(0, len(before) - _RESPECTIVELY_WITHIN))
    return at != -1 and len(set(_STEPS.findall(before[:at]))) < 2


def _context_in_its_row(text: str, figure: Figure, name: str) -> FigureContext:
    """A figure in a table row read as its label followed by the figure (行政复议申请61件): the
    cells between are other years' figures, not words about this one."""
    reading = name + text[figure.start : figure.end]
    alone = replace(figure, start=len(reading) - len(figure.text), end=len(reading))
    return _context(reading, alone, None, None, 0, len(reading))


def _as_change(figure: Figure, cell: TableCell) -> Figure:
    """A figure under a table's 增减 or 同比 column: the change between the years, in points
    where its row is a rate's (出庭应诉率 | 95% | 100% | 5%), else in its unit or in %."""
    if figure.measure is not Measure.LEVEL:
        return figure  # the cell says so itself (增加9件)
    if figure.unit_kind is not UnitKind.PERCENT:
        measure = Measure.CHANGE_ABS
    elif _RATE_NAME.search(cell.name):
        measure = Measure.CHANGE_POINTS
    else:
        measure = Measure.CHANGE_PCT
    sign = Decimal(-1) if cell.negative else Decimal(1)
    return replace(
        figure,
        measure=measure,
        value=sign * figure.value,
        value_high=None if figure.value_high is None else sign * figure.value_high,
        base_value=sign * figure.base_value,
    )


_RATE_NAME = re.compile(r"率|比例|占比|比重")


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for i, char in enumerate(text):
        if char in _SENTENCE_END:
            spans.append((start, i + 1 if char != "\n" else i))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _containing(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= position < end:
            # Leading whitespace is not part of the sentence.
            return start, end
    return position, position


def _context(
    text: str,
    figure: Figure,
    previous: Figure | None,
    following: Figure | None,
    s_start: int,
    s_end: int,
    earlier: Sequence[Figure] = (),
    later: Sequence[Figure] = (),
) -> FigureContext:
    boundary = max(text.rfind(c, s_start, figure.start) for c in _HARD) + 1
    before_start = max(boundary, s_start)
    if previous is not None and previous.end >= before_start:
        before_start = previous.end
        enumeration = text.find("、", before_start, figure.start)
        if enumeration != -1:
            before_start = enumeration + 1
    clause_end = _clause_end(text, figure.end, s_end)
    after_end = min(clause_end, following.start) if following else clause_end
    after_full = text[figure.end : after_end]
    if figure.unit_kind is UnitKind.PERCENT and _SHARE_OF.match(after_full):
        after = after_full  # 67.29%的政务服务事项实现“全程网办”: what follows is what the share is of
    elif _PREDICATE_AFTER.match(after_full):
        after = ""  # 审查合同38件都出具审查意见书: what follows says what became of them
    elif attended := _ATTENDED_BY.match(text, figure.end, clause_end):
        after = attended.group(1)  # 共开展11次600多人次参加的执法人员集中培训: of the training
    else:
        # a bracket adds, it does not name; one inside a word gives an alternative (科(局)级)
        noun = _noun(_INLINE_ALTERNATIVE.sub("", after_full))
        if not noun and after_full.startswith("的") and figure.base_unit.endswith("次"):
            # 180人次的业务培训: the attendances or sessions of what follows (13人的团队 is a team)
            noun = _noun(after_full[1:])
        after = noun or _list_noun(text, figure, later, clause_end)
    before = text[before_start : figure.start]
    # 抽查企业1946户、餐饮经营户23户: the verb heading a list of counts governs each item with a
    # noun of its own (not the bare figures of 分别为12件、10件)
    list_head = _LIST_HEAD_VERB.match(text, max(boundary, s_start)) if before_start > boundary else None
    if list_head and before and not _LIST_HEAD_VERB.match(before):
        before = list_head.group(1) + before
    before = _ASIDE.sub("", before)  # 法治专题学习(培训、讲座)11次: what it is, not the aside
    if _DUI_BEFORE_COUNT.search(before) and (verb := _VERB_AFTER_OBJECT.search(text, figure.end, clause_end)):
        # 对81件市委、市政府规范性文件进行了合法性审查: what is done to them comes after them
        after = text[figure.end : min(verb.start(), after_end)] + text[verb.start() : clause_end]
    elif (
        _DUI_BEFORE_NOUN.search(before)
        and _ITEM_ENDS.match(text, figure.end)
        and (verb := _VERB_AFTER_OBJECT.search(text, figure.end, clause_end))
    ):
        # 对部门规范性文件2件、镇街规范性文件1件进行备案: each item names itself before its count
        after = text[verb.start() : clause_end]
    if _MEETINGS_AFTER.match(after) or (figure.base_unit == "次" and _counts_meetings(before)):
        # what the meetings did is said in the rest of the clause or the next, not past a ";"
        # (专题会议11次;针对…)
        said_until = clause_end if text.startswith(tuple(_PART_END), clause_end) else clause_end + 1
        said_end = _clause_end(text, said_until, s_end)
        if following and following.start < said_end and _OWN_ACTIVITY.match(text, said_until):
            said_end = clause_end
        # in a list of counts (召开党委会37次、党政联席会48次…,推动…; 专题会议4次、组织法治培训4次) the
        # other items are not what these meetings did, only words after the last (19次党工委会、12次
        # 主任办公会专题研究…)
        listed = [item for item in later if item.start < clause_end]
        if listed:
            after = after_full.partition("、")[0] + text[listed[-1].end : said_end]
        else:
            after = text[figure.end : said_end]
    clause = before + after
    # A shared subject (an @ cue word) reaches back to the sentence start, but not past a ";":
    # reports put one topic per semicolon-separated part.
    topic_start = max(s_start, *(text.rfind(c, s_start, figure.start) + 1 for c in _PART_END))
    return FigureContext(
        clause=clause,
        before=before,
        sentence_before=text[s_start : figure.end],
        words_after=after_full,
        topic_before=text[topic_start : figure.end] + after_full,
        topic_subject=_mask_names(text[topic_start : figure.end] + after_full),
        topic_after=text[figure.end + len(after_full) : _part_end(text, figure.end, s_end)],
        subset=_in_subset(text, figure, earlier, s_start),
        # A norm stated in an earlier item of a list (每季度听取汇报、开展学法7次) is not this figure's.
        norm=any(marker in before.rpartition("、")[2] + after for marker in _PER_CAPITA)
        or (figure.qualifier == "不少于" and _REQUIRED.search(before) is not None),
        parts=_parts_listed(text, clause_end, s_end),
    )


def _noun(words: str) -> str:
    """The noun a count's words after it start with: up to 、, 的 or a bracket, but not a 、 inside
    a short quoted name (21个“双随机、一公开”成员单位)."""
    masked = _QUOTED_NAME.sub(lambda name: "x" * len(name.group()), words)
    stop = re.search(r"[、的((]", masked)
    return words[: stop.start()] if stop else words


def _counts_meetings(before: str) -> bool:
    """Whether the words before a count of 次 end on the meetings it counts (常务会议上56次), not a
    committee's alone (依法治区委员会会议2次)."""
    if not _MEETING_BEFORE.search(before):
        return False
    committee = _COMMITTEE_MEETING.search(before)
    return committee is None or re.search(_MEETING, before[: committee.start()]) is not None


def _parts_listed(text: str, clause_end: int, s_end: int) -> str:
    """The parts listed after 其中 right after a total's clause (,其中民事诉讼50起,行政诉讼14起),
    up to the next ";": what a veto of the total's parts (">民事") reads."""
    start = clause_end + (clause_end < s_end and text[clause_end] in ",，")
    if not text.startswith("其中", start):
        return ""
    return text[start : _part_end(text, start, s_end)]


def _list_noun(text: str, figure: Figure, later: Sequence[Figure], clause_end: int) -> str:
    """The noun closing a list of counts that share one verb each (修改5件、废止25件市政府规章):
    it is what every count of the list counts. The counts must be in the same unit, only a short
    verb may stand before each (修改, 、废止), and ``figure`` must have no noun of its own
    (废止行政规范性文件4件、完成新增2件规范性文件备案: 4件 are not 备案); "" otherwise."""
    item_start = max(text.rfind(c, 0, figure.start) for c in "、,，;；:：。\n") + 1
    if figure.start - item_start > _LIST_VERB_CHARS:
        return ""
    last = figure
    for following in later:
        if following.start >= clause_end or following.unit != figure.unit:
            break
        if not _LIST_VERB.fullmatch(text, last.end, following.start):
            break
        last = following
    if last is figure:
        return ""
    return re.split(r"[、的]", text[last.end : clause_end], maxsplit=1)[0]


def _mask_names(text: str) -> str:
    """``text`` with quoted names, titles and the names of documents being made blanked out (the
    same length), so that no word inside them serves as a shared (``@``) subject."""
    spans = name_spans(text) + [m.span() for m in _DOCUMENT_MADE.finditer(text)]
    chars = list(text)
    for start, end in spans:
        chars[start:end] = _MASK * (end - start)
    return "".join(chars)


def _in_subset(text: str, figure: Figure, earlier: Sequence[Figure], s_start: int) -> bool:
    """True for a part listed after 其中 or in a bracket opened by 含: up to the next ; (or the
    bracket's end), in the unit of the total before it (parts are counted like their total)."""
    position = text.rfind("其中", s_start, figure.start)
    included = max(text.rfind(f"{bracket}含", s_start, figure.start) for bracket in "((")
    if included > position:
        position = included + 1
    if position == -1 or any(c in text[position : figure.start] for c in _PART_END):
        return False
    # a sentence that opens with 其中 lists the parts of the sentence before it (…会前学法563次。其中,…)
    total_from = _previous_sentence_start(text, s_start) if text.startswith("其中", s_start) else s_start
    totals = [f for f in earlier if total_from <= f.start and f.end <= position]
    # a part may be counted under another word for the same count (84人…其中新增4名, 法律顾问事项
    # 1900多件,其中审查规范性文件26件次)
    if not totals or _part_unit(totals[-1].unit) != _part_unit(figure.unit):
        return False
    if position > 0 and text[position - 1] in "((":
        return not any(c in text[position : figure.start] for c in "))")
    return True


def _part_unit(unit: str) -> str:
    """The unit a total and its parts are compared in: as pages compare them, and 件次 as 件."""
    return comparable_unit("件" if unit == "件次" else unit)


def _previous_sentence_start(text: str, s_start: int) -> int:
    """Where the sentence before the one starting at ``s_start`` begins (as ``_sentence_spans`` cuts)."""
    return max(text.rfind(stop, 0, max(0, s_start - 1)) for stop in _SENTENCE_END) + 1


# A bureau named by its level (市公安局, 区司法局): after a government marker, the figure is its own.
# Not 政务服务大厅, 新格局, 大局, 布局, 全局, 结局: words ending like an organ.
_BUREAU_NAMED = re.compile(r"[省市区县州旗][\u4e00-\u9fff]{1,10}?(?<![大格布全结])[局厅]")


# Governments that say nothing of whose figure it is: one written to (向省政府和市人大报备, 报请市政府
# 审议, up to a clause away) and those below the one reporting, named together (市县政府负责人);
# nor does a whole place the reporter ranks or leads in (组建全省首个…宣讲团, 在全省率先建立, 位居全市
# 第一, 经验在全市推广): the figure after it is still the reporter's own.
_NOT_SCOPE = re.compile(
    r"(?:向|报请|提请|呈报|报送)[^,，;；。]{0,12}?[省市区县州旗]政府"
    # a government that rewards or is helped (被市委、市政府表彰7次, 获评省政府…考核优秀, 配合市委市政府
    # 成立督察组), or what is left out (不含市级审批服务事项)
    r"|(?:被|获评?|获得|受到|荣获|配合)[^,，;；。]{0,8}?[省市区县州旗]政府|不含[^,，;；。)）]{0,16}"
    # a level listed with others (编制完成区级、镇街、村(社区)审批服务事项): not one level's own
    r"|[省市区县]级、[^,，;；。]{0,12}"
    # a government served (为市委、市政府配备法律顾问,提供法律意见263件), not one 为 names (列为县政府
    # 年度工作, 任命6人为县政府行政复议员)
    r"|为(?:[省市区县州旗]委)?、?[省市区县州旗]政府(?=[^,，;；。]{0,24}?(?:提供|配备|出具|服务))"
    # levels named together; not a place's last character before its own (杭州市政府, 沙市区政府)
    r"|(?:省市县|市县区|县市区|市州|市县|县市|县区|区县|乡镇|镇街)政府"
    # a place in the name of a meeting or a title (积极参与筹备全市平安法治大会, 全省法治政府示范县, 被评为
    # 全省…典型案例, 成为全省…两个地市之一, 全市性会议); not a course, whose trainees judges split on
    r"|全[省市区县州旗][^,，;；。、]{0,16}?(?:推进会|大会|工作会|示范县|示范市|示范区)"
    r"|(?:评为|成为|入选|确定为|列为)全[省市区县州旗]|全[省市区县州旗]性"
    r"|全[省市区县州旗盟](?:范围内)?(?:首个|首家|首批|首创|首推|首例|首部|首位|率先|第[一二三四五六七八九十\d]"
    r"|唯一|领先|前列|排名|排位|名列|最[先早高多]|推广|示范|先进|优秀)"
    # the reporter's place ranked among others (我市在全部参评的100个城市中位居第二, 我县成为全省首批
    # 两个示范县之一): the figure counts the field
    r"|我[省市区县州旗盟](?=[^,，;；。]*?(?:位列|位居|排名|第[一二三四五六七八九十\d]+名|之一))"
    # nor fixed terms (各级各类学校, 全省通办, 全区可办, 全区一体化政务服务平台), a leader's title
    # (局党组书记), or a government whose papers a department reviews or handles (审查区委区政府重要
    # 涉法文件23件)
    r"|各级各类|全[省市区县](?:域)?(?:通办|可办|一体化)|(?:局|厅|委)党[组委](?:书记|成员)"
    r"|(?:审查|审核|承办|交办)[^,，;；。]{0,10}?[省市区县州旗]政府|[省市区县州旗]政府交办"
    # what work is put into or measured by (纳入各级党委理论学习中心组学习内容, 作为各级…必学内容,
    # 衡量各级领导班子, 纳入区政府年度工作督查; its own meetings' agenda still is the government's:
    # 纳入市政府常务会议规定动作,组织集中学法7次), and the place's rule of law or its matters as a
    # topic or an object (听取全市法治政府建设情况汇报, 推动全区法治建设,, 常务会议4次研究全市…重大问题):
    # no subject either
    r"|(?:(?:纳入|列入)[^,，;；。]{0,12}?|作为|衡量|依托)(?:全[省市区县州旗](?:各级)?|各级)"
    r"|(?:纳入|列入)[省市区县州旗]政府(?!党组|常务会)|研究全[省市区县州旗]"
    r"|全[省市区县州旗镇乡](?:法治政府建设|法治建设|依法行政)"
    r"(?=[“\"]?(?:工作|情况|推进|会|重点|任务|示范|考核|考评|督察|议事|规划|要点|先进|优秀)|[,，;；。])"
)


# Scope words read only in the figure's own clause: further off they name what the clause is
# about, not whose the figure is (…政府常务会议学法、旁听庭审等制度,举办法治讲座3530余场).
# The government's meeting or party group, its place unsaid (政府常务会议专题学法4次, 政府党组会学习
# 法律法规13次); levels named together
# (市县乡三级党政主要负责人述法全覆盖, 实现市县乡全覆盖, 两级政府常务会): every level's figures summed.
_OWN_CLAUSE_MARKERS = re.compile(
    r"(?P<government>(?<!各级)(?<![两三四五]级)政府(?:常务会|党组))"
    r"|(?P<all_levels>[省市州盟旗县区乡镇苏木村街道社()（）、]{2,14}[两三四五]级"
    r"|(?:省市县|市县乡|县乡村|市县区|县市区)(?=党政|主要负责|全覆盖)|[两三四五]级政府)"
)
# The level's own departments named alone in the figure's own list item (动态调整14个市级部门466项
# 行政许可事项, 38个县直单位的50名主要负责人): its government's; not listed with the units below
# (全市各县区和市直部门, 区直单位、各街道, 179个市级机关单位(含…)、9个县…: the whole place), nor
# two levels' (600个县市直单位).
_LEVELS_OWN_UNITS = re.compile(
    r"(?<![、和及与省市区县州])[市区县州][级直](?:机关单位|部门|单位|机关)(?![、和及与]|[(（][^)）]*[)）]?[、和及与])"
)
# The place's units heading the figure's clause (各乡镇(街道)审查规范性文件…2174件, 全区各单位共承办
# 生效合同4690件, 各村(居)、各单位领导干部开展法治专题培训班4次, 区级部门和镇街负责人出庭应诉率99.3%):
# all of them together, the whole place.
_UNITS_SUBJECT = re.compile(
    r"(?:全[省市区县])?各(?:乡镇|镇|乡|街道|镇街|街镇|单位|部门|县区|区县|县市区|村)"
    r"|[市区县][级直](?:部门|单位)[和及、]各?(?:镇街|街镇|乡镇|镇|街道)"
)
# A list item naming its own subject does not take a government or every level named before it
# (区政府常务会议…2次、区委理论学习中心组…2次, 行政办公会议26次、党工委会议52次: the party committee's
# study is no government's; 各级党委听取汇报23次,分局共召开15次党委会: the branch's own), though its
# organ's or its place's
# (我局…共计召开党委理论学习中心组学习13次; 全区7个党委部门和23个政府工作部门).
_OWN_SUBJECT = re.compile(r"[省市区县州旗]委|党委|工委|党组|中心组|街镇|乡镇|街道")


# In a department's report its party group, offices, head and leading team named bare, not a
# place's or a body's (党组理论学习中心组集体学法7次, 局务会, 局长讲法活动7场, 开展领导班子法治学习2次;
# not 各级党委(党组), 镇党委, 基层党组织, 各单位领导班子, 公安局局长).
_DEPARTMENT_OWN = re.compile(
    r"(?<![委府厅局部门各级镇乡街村区县市省州旗位社团校院业(（])(?:党组(?!织)|党委(?=会|中心组|理论|集体|学))"
    r"|(?:局|厅|委)务会|(?:局长|厅长|主任)办公会|(?<![各分局厅])(?:局长|厅长)(?!办公会)"
    r"|(?<![各级府委党镇乡街村区县市省州旗位社团校院业部门、和及与])领导班子(?![及和与、])"
    # its own documents (制定了…13件委规范性文件), not a party committee's (市委规范性文件)
    r"|(?<![省市区县州旗党])(?:局|厅|委)规范性文件"
)
# The reporter's place named as its own (我市交通运输系统共办理行政处罚案件13206件, 我县共制定行政规范
# 性文件13件, a government's 我县政务服务事项1494项): the whole place. Not a place its own work is based
# on, serves or joins (根据我区实际, 为我市疫情防控, 纳入我市第一批…) or that others come to (邀请专家来
# 我区举办讲座, not 近年来我县…).
_OWN_PLACE = re.compile(r"(?<!结合)(?<!根据)(?<!立足)(?<!纳入)(?<![为对到])(?<![^年]来)我[省市区县州旗盟]")
# In a town's or street office's report its bare self-name (组织街道领导干部学法培训2次, 我镇共召开, 街道
# 一般程序立案142起, 街道党政主要领导…) is its government; not its party bodies (街道党工委, 街道中心组)
# or the units below named with it or by it (街道及社区, 街道两级, 我镇及下辖39个村, 街道下辖党组织).
# So are its own office meetings (主任办公会, 镇长办公室会议, 行政办公会议26次).
_TOWNSHIPS_OWN = re.compile(
    r"[我本](?:镇|乡|街道)(?![及和与、]|下辖)"
    r"|(?<![各全镇乡、和及与每])街道(?!党(?!政)|黨(?!政)|[工及和与、社村]|中心[组組]|两级|三级|各|所辖|下辖|内)"
    r"|(?:主任|镇长|乡长|行政)办公(?:室)?会"
)
# The reporter itself, in a government's report (组织本单位干部学习10余次).
_GOVERNMENTS_OWN = ("本单位", "本机关", "我委", "本部门")
# A part of a sentence starting a new item of a list (…;三是…, …;(二)…).
_NEW_ITEM = re.compile(
    r"\s*(?:[一二三四五六七八九十]是|其次|此外|另外|[(（]?[一二三四五六七八九十\d]{1,2}[)）、.．])"
)
# A new item's mark inside a clause, where a page lost the punctuation before it.
_ITEM_MARK = re.compile(r"[一二三四五六七八九十]是|[(（][一二三四五六七八九十]{1,2}[)）]")
# What may come before a subject heading its sentence or clause: the year or period it reports on.
_BEFORE_SUBJECT = re.compile(
    r"(?:\d{4}年度?|\d{1,2}(?:[—-]\d{1,2})?月(?:份)?|今年|去年|全年|上半年|年内|一年来|近年来|以来|截至目前|目前|[,，:：\s])*"
)


def _scope(before: str, after: str = "", figure: str = "", reporter: Reporter = UNKNOWN_REPORTER) -> str:
    """Whose the figure at the end of ``before`` (the sentence up to it; ``after``: the words
    after it in its clause) is: the last scope marker before it in its part of the sentence (up
    to a ";"; from earlier parts only their subjects) or after it in its item, unless the
    figure's own item of a list names its own subject (区委…中心组…2次 after 区政府…2次)."""
    # a marker after 、 or a new item's mark is the next item's (…组织法治培训4次二是组织全区…)
    words = before + _ITEM_MARK.split(after.split("、")[0], maxsplit=1)[0]
    own_item, own_clause = _own_item_start(before, len(figure))
    blanked = _blank_not_scope(words)
    positions = _marker_positions(blanked, own_clause)
    positions += [(match.start(), "government") for match in _LEVELS_OWN_UNITS.finditer(blanked, own_item)]
    # Past a semicolon only the organ, the sentence's subject (2022年,市政府…;…) or a place heading
    # a clause (…,全市完成…;权责清单总数45933项) still say whose the figure is, and not into a new
    # item (…;三是…): elsewhere a place there named what another part was about.
    part_start = max(before.rfind(";"), before.rfind("；")) + 1
    positions = [
        (position, scope) for position, scope in positions if position >= part_start or scope == "organ"
    ]
    # a department names its place as its own anywhere in the part (我市交通运输系统…, 深化我市…改革,
    # 全年办理933件); a government's words mostly name its own plans and lists by it (制定出台我市实施
    # 方案, 梳理我区…清单), so there only as the subject of the figure's clause or one heading its own
    places = _OWN_PLACE.finditer(blanked, part_start)
    positions += [
        (match.start(), "jurisdiction")
        for match in places
        if reporter.department or match.start() >= own_clause or _heads_clause(blanked, match.start())
    ]
    if reporter.department:
        positions += [(match.start(), "organ") for match in _DEPARTMENT_OWN.finditer(words, part_start)]
        # its own name (市司法局各接入事项…减时限比例为50%)
        positions += [(at, "organ") for at in _own_names_at(words, reporter.own_names, part_start)]
        # its whole system in the figure's own clause (组织全系统共对4526份…进行案卷评查, 全系统226名干部
        # 职工): the place's; further off it names a task or a meeting (作为全系统首要政治任务)
        if (system := blanked.rfind("全系统", own_clause)) != -1:
            positions.append((system, "jurisdiction"))
    if reporter.township:
        positions += [
            (match.start(), "government")
            for match in _TOWNSHIPS_OWN.finditer(blanked, part_start)
            if match.start() >= own_clause or _heads_clause(blanked, match.start())
        ]
    if not _NEW_ITEM.match(before, part_start):
        positions += [
            (position, scope)
            for position, scope in _clause_subjects(blanked, part_start)
            if scope == "jurisdiction" or _BEFORE_SUBJECT.fullmatch(words, 0, position)
        ]
    if _OWN_SUBJECT.search(words, own_item):
        positions = [
            (position, scope)
            for position, scope in positions
            if position >= own_item or scope in ("organ", "jurisdiction")
        ]
    if not positions:
        best = ""
    else:
        best = max(positions)[1]
        if best == "government" and any(scope == "organ" for _position, scope in positions):
            best = "organ"  # 废止本部门起草的区政府规范性文件2件: the organ's own work on a kind of document
    government = max(words.rfind(marker) for marker in _SCOPE_MARKERS["government"])
    named_after = government >= 0 and _BUREAU_NAMED.search(words, government + 3)
    if best in ("government", "") and named_after:
        best = "organ"  # 向市政府汇报…,市公安局负责人出庭应诉率100%: the bureau named last is the subject
    if best == "organ" and reporter.department is False:
        # a government's report: its own unit (本单位, 我委 of a 管委会) is the government; a bureau's
        # party committee or a bureau named is another body's, not the reporter's organ
        return "government" if any(marker in words for marker in _GOVERNMENTS_OWN) else ""
    return best


# The characters a place's name ends with (潼南区, 上海市): a name starting with one is a level's.
_LEVEL_CHARS = "省市区县州旗盟"
# A department named by its level alone (区司法局, 市公安局) is itself after these or no Chinese
# character at all (,区司法局共提供…, 由县民政局…, 制发了市公安局…); after any other character it
# ends another place's name (成华区市场监督管理局, 广州市公安局, 各市区…).
_BEFORE_LEVEL_NAME = "由了对向与和及将把经在为以从据是"
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _own_names_at(words: str, names: Sequence[str], start: int) -> list[int]:
    """Where a department's report names the department itself (``department_names``) from
    ``start`` on: not inside a document's title (《阳山县民政局领导干部集体学法制度》, which says
    nothing of whose the figure is), nor as the end of another place's name."""
    found = []
    for name in names:
        by_level = name[0] in _LEVEL_CHARS
        at = words.find(name, start)
        while at != -1:
            before = words[at - 1] if at else "。"
            in_title = words.rfind("《", 0, at) > words.rfind("》", 0, at)
            # another place's (市应急局 in a county's report), every one's (各司法局) or the
            # state's (国家发展改革委)
            another_place = before in _LEVEL_CHARS + "各家" or (
                by_level and _HAN.match(before) is not None and before not in _BEFORE_LEVEL_NAME
            )
            if not in_title and not another_place:
                found.append(at)
            at = words.find(name, at + 1)
    return found


def _own_item_start(before: str, figure_length: int) -> tuple[int, int]:
    """Where the figure's own item of a list and its clause start in ``before`` (which ends with
    the figure): the item after the figure before it in the clause and the list mark after that."""
    own_end = max(len(before) - figure_length, 0)
    clause_start = _clause_start(before, 0, own_end)
    digits = list(re.finditer(r"[\d０-９]", before[clause_start:own_end]))
    if not digits:
        return clause_start, clause_start
    after_digit = clause_start + digits[-1].end()
    mark = before.find("、", after_digit, own_end)
    return (mark + 1 if mark != -1 else after_digit), clause_start


def _marker_positions(blanked: str, own_clause: int) -> list[tuple[int, str]]:
    """Where each scope marker of ``blanked`` (the words with ``_NOT_SCOPE`` blanked, not cut, so
    that positions still say which comes last) last is; those of ``_OWN_CLAUSE_MARKERS`` from
    ``own_clause`` on."""
    found = [
        (position, scope)
        for scope, markers in _SCOPE_MARKERS.items()
        for marker in markers
        if (position := blanked.rfind(marker)) != -1
    ]
    found += [
        (match.start(), str(match.lastgroup))
        for match in _OWN_CLAUSE_MARKERS.finditer(blanked)
        # levels named together as the subject of an earlier clause sum every level after it too
        # (市、县、乡三级党政主要负责人述法566人次,…实现述法全覆盖)
        if match.start() >= own_clause
        or (match.lastgroup == "all_levels" and _heads_clause(blanked, match.start()))
    ]
    found += [
        (match.start(), "jurisdiction")
        for match in _UNITS_SUBJECT.finditer(blanked, own_clause)
        if _heads_clause(blanked, match.start())
    ]
    return found


def _heads_clause(text: str, position: int) -> bool:
    """Whether the words at ``position`` head their clause, after the year or period it reports on."""
    return bool(_BEFORE_SUBJECT.fullmatch(text, _clause_start(text, 0, position), position))


def _clause_subjects(blanked: str, end: int) -> list[tuple[int, str]]:
    """The scope markers of ``blanked`` before ``end`` that head their clause, after the year or
    period it reports on: the subjects of the clauses."""
    return [
        (match.start(), _SCOPE_OF_MARKER[match.group()])
        for match in _ANY_MARKER.finditer(blanked, 0, end)
        if _heads_clause(blanked, match.start())
    ]


_SCOPE_OF_MARKER = {marker: scope for scope, markers in _SCOPE_MARKERS.items() for marker in markers}
# longest first, so that 局本级 is read whole where 本级 would match too
_ANY_MARKER = re.compile("|".join(sorted(map(re.escape, _SCOPE_OF_MARKER), key=len, reverse=True)))


def _blank_not_scope(words: str) -> str:
    """``words`` with what ``_NOT_SCOPE`` matches blanked out, its length kept."""
    return _NOT_SCOPE.sub(lambda match: "　" * len(match.group()), words)


def _section_path(sections: Sequence[SectionLike], position: int) -> str:
    best: SectionLike | None = None
    for section in sections:
        if section.start <= position < section.end and (best is None or section.start >= best.start):
            best = section
    return best.path if best is not None else ""


def _result(
    text: str,
    figure: Figure,
    *,
    key: str | None,
    combined: bool,
    derived: bool,
    sentence: tuple[int, int],
    scope: str,
    sections: Sequence[SectionLike],
) -> ExtractedIndicator:
    s_start, s_end = sentence
    while s_start < s_end and text[s_start].isspace():
        s_start += 1
    return ExtractedIndicator(
        key=key,
        value=figure.value,
        value_high=figure.value_high,
        unit=figure.unit,
        base_value=figure.base_value,
        base_unit=figure.base_unit,
        qualifier=figure.qualifier,
        measure=str(figure.measure),
        derived=derived,
        combined=combined,
        scope=scope,
        figure=text[figure.start : figure.end],
        sentence=text[s_start:s_end],
        sentence_start=s_start,
        sentence_end=s_end,
        start=figure.start,
        end=figure.end,
        section_path=_section_path(sections, figure.start),
    )


def _derived(
    text: str,
    folded: str,
    sentences: list[tuple[int, int]],
    sections: Sequence[SectionLike],
    catalogue: Catalogue,
    reporter: Reporter,
) -> list[ExtractedIndicator]:
    """Values a report implies in words: 实现全覆盖 (100%), 无一败诉 (败诉率 0%); their scope read
    as a stated figure's, for the same reporter."""
    matches = [
        (match, value, fixed_key)
        for pattern, value, fixed_key in (
            (_COVERAGE, Decimal(100), None),
            (_NO_LOSS, Decimal(0), "litigation_loss_rate"),
        )
        for match in pattern.finditer(folded)
    ]
    if not matches:
        return []  # most texts: no need to find where numbers are names
    protected = SpanIndex(protected_spans(folded))
    # 《关于推进法律顾问全覆盖工作的实施意见》 names a document; coverage is not achieved by it.
    named = SpanIndex(name_spans(folded))
    found = []
    for match, value, fixed_key in matches:
        # (a zero loss quoted for emphasis, 实现“零败诉”, is still stated)
        emphasis = fixed_key is not None and _quoted_alone(folded, match)
        if (protected.covers(match.start()) or named.covers(match.start())) and not emphasis:
            continue
        s_start, s_end = _containing(sentences, match.start())
        figure = Figure(
            start=match.start(),
            end=match.end(),
            text=match.group(),
            value=value,
            value_high=None,
            unit="%",
            unit_kind=UnitKind.PERCENT,
            base_value=value,
            base_unit="%",
            qualifier="",
            measure=Measure.LEVEL,
            chinese=True,
        )
        key = fixed_key
        if key is None:
            context = _context(folded, figure, None, None, s_start, s_end)
            indicator = map_figure(figure, context, catalogue).indicator
            key = indicator.key if indicator else None
        found.append(
            _result(
                text,
                figure,
                key=key if key in catalogue else None,
                combined=False,
                derived=True,
                sentence=(s_start, s_end),
                scope=_scope(folded[s_start : match.end()], "", match.group(), reporter),
                sections=sections,
            )
        )
    return found


def _quoted_alone(text: str, match: re.Match[str]) -> bool:
    """Whether quotes wrap exactly the words of ``match`` (实现“零败诉”): emphasis, not a name."""
    start, end = match.span()
    return start > 0 and end < len(text) and text[start - 1] + text[end] in _QUOTES


def _part_end(text: str, start: int, s_end: int) -> int:
    """Where the sentence part holding ``start`` ends (the next ";" or the sentence end)."""
    return _next_stop(text, _PART_END, start, s_end)


def _clause_start(text: str, s_start: int, position: int) -> int:
    """Where the clause holding ``position`` starts (after the last hard punctuation before it,
    or the sentence start)."""
    return max(s_start, *(text.rfind(c, s_start, position) + 1 for c in _HARD))


def _clause_end(text: str, start: int, s_end: int) -> int:
    """Where the clause starting at ``start`` ends (the next hard punctuation or the sentence end)."""
    return _next_stop(text, _HARD, start, s_end)


def _next_stop(text: str, stops: str, start: int, s_end: int) -> int:
    ends = [p for p in (text.find(c, start, s_end) for c in stops) if p != -1]
    return min([s_end, *ends])
