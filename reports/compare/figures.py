"""The building blocks of every compare table: which stated value is "the" value of a key in a
report, cells with ranks and colour steps, changes between years, and the warnings.

The rule (``VALUE_RULE``, shown on every page): when a report states the same indicator more
than once, its value is the reporter's own level figure (its government's in a government's
report, its own organ's in a department's), else the FIRST in the text (a 数值, never a 同比增长 change, a
figure over several years (2019年以来…), a target in the 下一步安排 part or one aimed at
elsewhere (力争…达到15%)), preferring a stated number over one derived from words (实现全覆盖 →
100%). Nothing is summed:
a combined count (人大建议、政协提案109件) stays under its own combined key. Comparisons use the
base value and base unit (1.3万件 → 13000 件); units that are the same measure compare as one
(名 as 人, 场次 as 场: ``units.comparable_unit``) while each figure still shows its own. A column
ranks only the figures in its main unit: the most common one among its stated figures, or among
all when every figure is derived, so derived values never outvote the stated numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, QuerySet
from django.urls import reverse

from reports.indicators.display import SCOPE_NAMES, value_text
from reports.indicators.facets import facet_labels
from reports.indicators.units import comparable_unit, merged_units_note
from reports.models import (
    Agency,
    ChosenFacetFigure,
    ChosenFigure,
    IndicatorDefinition,
    IndicatorValue,
    Report,
    Section,
)

from .links import figure_url

# Either table of chosen figures (a key's, or a facet's): both hold the fields a ranking reads.
ChosenRows = QuerySet[ChosenFigure] | QuerySet[ChosenFacetFigure]

MISSING = "未报告"
# In a row of one facet: the report states the key, only not in this facet (类别:下放).
MISSING_IN_FACET = "未报告此类"
VALUE_RULE = (
    "同一报告多次提到同一指标时,先取写明属于报告单位自身的数值(政府报告中本级政府的,"
    "部门报告中本部门的),没有时取正文中第一次出现的数值(不取“同比增长”等增减幅度,"
    "不取“由17项减少至8项”中变动前的17项,不取“2019年以来”“近三年”等跨越多个年度的数值,"
    "不取“下一步安排”中的目标数,也不取其他部分写作“力争”“目标为”的目标数;"
    "由文字推出的数值,如“实现全覆盖”记为100%,只在没有明确数字时采用);"
    "不做加总,未取的数值列在“另有N处”之后。"
    "“未报告”表示报告中没有识别到该指标,不等于0。"
)
SCALE_STEPS = 5
# A ranking shows each figure with this many characters of its sentence around it.
EXCERPT_BEFORE, EXCERPT_AFTER = 18, 8


@dataclass(frozen=True)
class Indicator:
    """A catalogue key as a row or column heading."""

    key: str
    name: str
    group: str = ""
    units: tuple[str, ...] = ()  # the catalogue's units, in its order of preference
    facets: tuple[str, ...] = ()  # the catalogue's facet labels (下放, 取消…), in its order

    @property
    def ranking_url(self) -> str:
        return reverse("reports:compare-indicator", args=[self.key])


@dataclass(frozen=True)
class Figure:
    """The value of one key in one report, chosen by ``VALUE_RULE``, with its provenance."""

    value: IndicatorValue
    others: int = 0  # further level figures of the same key in the same report
    # those figures (stated before derived, then in text order) where ``figures_for`` read them:
    # 另有N处 names them
    alternatives: tuple[Figure, ...] = ()

    @property
    def text(self) -> str:
        return value_text(self.value)

    @property
    def number(self) -> Decimal:
        return self.value.base_value

    @property
    def unit(self) -> str:
        """The unit the figure is compared in: its base unit, 名 read as 人 (``comparable_unit``)."""
        return comparable_unit(self.value.base_unit)

    @property
    def base_unit(self) -> str:
        """The base unit as stated (名 stays 名)."""
        return self.value.base_unit

    @property
    def derived(self) -> bool:
        """Implied by words (实现全覆盖 → 100%), not a stated number."""
        return self.value.derived

    @property
    def scope(self) -> str:
        return self.value.scope

    @property
    def facet(self) -> str:
        """Which of its key's measures the figure states (下放, 满意率…), "" when the key has
        none or the report does not say (``indicators.facets``)."""
        return self.value.facet

    @property
    def corrected(self) -> bool:
        """Staff corrected it (its key, value, unit or kind): not the extractor's reading."""
        return self.value.correction_id is not None

    @property
    def scope_name(self) -> str:
        """What the figure counts over, in words (本级政府, 全区…), "" when the report does not say."""
        return SCOPE_NAMES.get(self.value.scope, "")

    @property
    def report_id(self) -> int:
        return self.value.report_id

    @property
    def href(self) -> str:
        """A stable link to the figure in its report: report id, offsets and words, not the row's id."""
        return figure_url(self.value)

    @property
    def report_url(self) -> str:
        return reverse("reports:detail", args=[self.value.report_id])

    @property
    def tooltip(self) -> str:
        return f"原句:{self.value.sentence}"

    @property
    def excerpt(self) -> tuple[str, str, str]:
        """The words just before the figure in its sentence, the figure as written, and the
        words just after: enough to see what was counted (…理论学习中心组会议 | 52次 | ,组织…)."""
        value = self.value
        start, end = value.start - value.sentence_start, value.end - value.sentence_start
        before, after = value.sentence[max(0, start - EXCERPT_BEFORE) : start], value.sentence[end:]
        if start > EXCERPT_BEFORE:
            before = "…" + before
        if len(after) > EXCERPT_AFTER:
            after = after[:EXCERPT_AFTER] + "…"
        return before, value.sentence[start:end], after


@dataclass(frozen=True)
class Change:
    """A cell's change from the year before (same base unit only); no ``delta`` between two
    facets of a key (下放118项 → 精简140项), only the words saying why. ``since``: the year it is
    from, when a table sets it (an agency's row: the latest earlier year giving a figure)."""

    delta: Decimal | None
    text: str
    since: int | None = None


@dataclass
class Cell:
    """One table cell: the figure or None (未报告), and what the table adds to it."""

    figure: Figure | None
    rank: int | None = None
    step: int | None = None  # colour-scale step 0 … SCALE_STEPS-1; None: not coloured
    change: Change | None = None
    comparable: bool = True  # False: another base unit than the column's, left out of ranks
    missing: str = MISSING  # what the cell says without a figure

    @property
    def text(self) -> str:
        return self.figure.text if self.figure else self.missing

    @property
    def number(self) -> Decimal | None:
        return self.figure.number if self.figure else None

    @property
    def rank_text(self) -> str:
        return f"第{self.rank}" if self.rank is not None else ""

    @property
    def unranked_note(self) -> str:
        """Why a figure has no rank, in the page's words ("" when it has one, or no figure)."""
        return "单位不同，未排名" if self.figure and not self.comparable else ""

    @property
    def change_text(self) -> str:
        return self.change.text if self.change else ""

    @property
    def others_text(self) -> str:
        return f"另有{self.figure.others}处" if self.figure and self.figure.others else ""


def with_facet(name: str, facet: str) -> str:
    """An indicator's name with the one facet a row, column or ranking compares alone."""
    return f"{name}(类别:{facet})" if facet else name


def indicators_for(keys: Iterable[str]) -> dict[str, Indicator]:
    """Catalogue names for ``keys``; a key without a definition row keeps its key as name."""
    wanted = list(dict.fromkeys(keys))
    rows = IndicatorDefinition.objects.filter(key__in=wanted).select_related("group")
    found = {row.key: indicator_of(row) for row in rows}
    return {key: found.get(key, Indicator(key, key)) for key in wanted}


def indicator_of(definition: IndicatorDefinition) -> Indicator:
    return Indicator(
        definition.key,
        definition.name,
        definition.group.name,
        tuple(definition.units.split()),
        tuple(facet_labels(definition.facets)),
    )


def catalogue_order(keys: Iterable[str]) -> list[str]:
    """``keys`` in catalogue order (group, then position); unknown keys last by name."""
    order = {
        key: index
        for index, key in enumerate(
            IndicatorDefinition.objects.order_by(
                "group__position", "group__key", "position", "key"
            ).values_list("key", flat=True)
        )
    }
    return sorted(set(keys), key=lambda key: (order.get(key, len(order)), key))


def figures_for(
    report_ids: Iterable[int], keys: Iterable[str] | None = None, *, facet: str = ""
) -> dict[tuple[int, str], Figure]:
    """The figure of every (report, key) that has one; ``keys`` None: every mapped key; with
    ``facet``, the figure among those of that facet (下放) instead.

    The database keeps each pair's choice by ``VALUE_RULE`` (``ChosenFigure``), and each
    facet's (``ChosenFacetFigure``)."""
    if facet:
        values = _chosen_values("chosen_in_facet", report_ids, keys).filter(chosen_in_facet__facet=facet)
    else:
        values = _chosen_values("chosen", report_ids, keys)
    return {(f.value.report_id, f.value.key): f for f in _figures(values, by_facet=bool(facet))}


def facet_figures_for(report_ids: Iterable[int], keys: Iterable[str]) -> dict[tuple[int, str, str], Figure]:
    """The figure of every (report, key, facet) that has one: each facet's chosen one
    (``ChosenFacetFigure``), for rows that compare a key's facets apart."""
    values = _chosen_values("chosen_in_facet", report_ids, keys)
    return {(f.value.report_id, f.value.key, f.value.facet): f for f in _figures(values, by_facet=True)}


def _figures(values: Iterable[IndicatorValue], *, by_facet: bool) -> list[Figure]:
    """The chosen ``values`` (annotated with ``others``) as figures, each with the figures its
    choice passed over (``by_facet``: of its own facet)."""
    chosen = list(values)
    alternatives = _alternatives(chosen, by_facet=by_facet)
    return [
        Figure(value, others=value.others, alternatives=alternatives.get(value.pk, ())) for value in chosen
    ]


def _alternatives(chosen: Sequence[IndicatorValue], *, by_facet: bool) -> dict[int, tuple[Figure, ...]]:
    """The other level figures the choice of each ``chosen`` value passed over (what its
    ``others`` counts: outside 下一步安排, not rejected; ``by_facet``: of its facet), stated
    before derived and in text order, by the chosen value's id; one query for all, none when
    nothing was passed over."""
    with_others = [value for value in chosen if value.others]
    if not with_others:
        return {}

    def slot(value: IndicatorValue) -> tuple[int, str, str]:
        return value.report_id, value.key, value.facet if by_facet else ""

    slot_of = {slot(value): value.pk for value in with_others}
    values = (
        IndicatorValue.objects.filter(
            report_id__in={value.report_id for value in with_others},
            key__in={value.key for value in with_others},
            measure=IndicatorValue.Measure.LEVEL,
            rejected=False,
        )
        .exclude(section__label=Section.Label.NEXT_STEPS)
        .exclude(pk__in=[value.pk for value in with_others])
        .order_by("derived", "start", "pk")
    )
    if by_facet:
        values = values.exclude(facet="")
    found: dict[int, list[Figure]] = {}
    for value in values:
        if (pick := slot_of.get(slot(value))) is not None:
            found.setdefault(pick, []).append(Figure(value))
    return {pick: tuple(figures) for pick, figures in found.items()}


def _chosen_values(
    chosen: str, report_ids: Iterable[int], keys: Iterable[str] | None
) -> QuerySet[IndicatorValue]:
    """The values chosen in the ``chosen`` table (its relation's name) for the reports and keys,
    each with the number of its other level figures."""
    values = IndicatorValue.objects.filter(**{f"{chosen}__report_id__in": list(report_ids)})
    if keys is not None:
        values = values.filter(**{f"{chosen}__key__in": list(keys)})
    return values.annotate(others=F(f"{chosen}__others")).order_by()


def chosen_figures(key: str, facet: str = "") -> ChosenRows:
    """Every report's chosen figure of ``key`` (``VALUE_RULE``), or with ``facet`` its chosen
    figure of that facet: the two tables hold the same fields for a ranking to read."""
    if facet:
        return ChosenFacetFigure.objects.filter(key=key, facet=facet)
    return ChosenFigure.objects.filter(key=key)


@dataclass(frozen=True)
class FigureGroup:
    """Figures of a column that share what its unit and warnings look at, and how many they
    are: a table makes one per cell (``groups_of``), a ranking reads them grouped from SQL."""

    base_unit: str  # as stated (名 stays 名)
    derived: bool
    scope: str
    count: int = 1
    facet: str = ""
    where: str = ""  # the figure's place in a row of years (2021年): warnings name it

    @property
    def unit(self) -> str:
        """The unit the figures are compared in (``comparable_unit``)."""
        return comparable_unit(self.base_unit)


def groups_of(cells: Sequence[Cell], wheres: Sequence[str] = ()) -> list[FigureGroup]:
    """One group per cell that has a figure, in the cells' order; ``wheres`` name the cells
    (2021年) for warnings to say which figure is which."""
    return [
        FigureGroup(
            cell.figure.base_unit,
            cell.figure.derived,
            cell.figure.scope,
            facet=cell.figure.facet,
            where=where,
        )
        for cell, where in zip(cells, wheres or [""] * len(cells), strict=True)
        if cell.figure
    ]


def main_unit(groups: Sequence[FigureGroup], preferred: Sequence[str] = ()) -> str:
    """The most common comparable unit among the stated figures; a tie goes to the unit the
    catalogue lists first (``preferred``), else to the first met.

    Derived figures (实现全覆盖 → 100%) count only when no figure is stated: ``VALUE_RULE`` uses
    them only when there is no explicit number, so twenty 全覆盖 must not make % the unit of a
    column of head counts.
    """
    pool = [group for group in groups if not group.derived] or list(groups)
    counts: Counter[str] = Counter()
    for group in pool:
        counts[group.unit] += group.count
    if not counts:
        return ""
    best = max(counts.values())
    tied = list(dict.fromkeys(group.unit for group in pool if counts[group.unit] == best))
    order = {unit: index for index, unit in enumerate(comparable_unit(u) for u in preferred)}
    return min(tied, key=lambda unit: order.get(unit, len(order)))


def shown_unit(groups: Sequence[FigureGroup], unit: str) -> str:
    """The unit to print for a column compared in ``unit``: the one its figures were written in
    when they share it (1441名 under 名, not 人), else ``unit`` itself (名 and 人 mixed)."""
    stated = {group.base_unit for group in groups if group.unit == unit}
    return stated.pop() if len(stated) == 1 else unit


def scale_step(number: Decimal, low: Decimal, high: Decimal) -> int:
    """The colour step of ``number`` between a column's lowest and highest figure."""
    if high == low:
        return SCALE_STEPS // 2
    return min(int((number - low) / (high - low) * SCALE_STEPS), SCALE_STEPS - 1)


def rank_and_scale(cells: Sequence[Cell], *, descending: bool = True, preferred: Sequence[str] = ()) -> str:
    """Give cells in the column's main unit a competition rank (1, 2, 2, 4) and a colour step.

    A figure is in the main unit when its comparable unit is (2509名 ranks with 887人). Missing
    figures and figures in another unit get neither (``comparable`` False for the latter).
    Returns the main unit.
    """
    unit = main_unit(groups_of(cells), preferred)
    ranked = [cell for cell in cells if cell.figure and cell.figure.unit == unit]
    for cell in cells:
        cell.comparable = cell.figure is None or cell.figure.unit == unit
    numbers = sorted((cell.figure.number for cell in ranked), reverse=descending)  # type: ignore[union-attr]
    first_place = {}
    for index, number in enumerate(numbers):
        first_place.setdefault(number, index + 1)
    if ranked:
        low, high = min(numbers), max(numbers)
        for cell in ranked:
            cell.rank = first_place[cell.figure.number]  # type: ignore[union-attr]
            cell.step = scale_step(cell.figure.number, low, high)  # type: ignore[union-attr]
    return unit


def change_between(previous: Figure | None, current: Figure | None) -> Change | None:
    """Current minus previous, in their shared (comparable) unit; None when either is missing or
    the units differ. Percentages change in 百分点; other units add the relative change. Two
    different facets of the key (``Figure.facet``) or scopes (全区, then 本级政府) have no change,
    only a note saying so."""
    if previous is None or current is None or previous.unit != current.unit:
        return None
    if facets_differ(previous.facet, current.facet):
        return Change(None, "类别不同,不计增减")  # each cell shows its own (类别:下放)
    if facets_differ(previous.scope, current.scope):
        return Change(None, "范围不同,不计增减")  # each cell shows its own (全辖区)
    unit = current.base_unit if previous.base_unit == current.base_unit else current.unit
    delta = current.number - previous.number
    # 12次 → 10余次 is about −2次: a figure stated roughly or as a range makes the change rough too
    about = "约" if _approximate(previous) or _approximate(current) else ""
    sign = "+" if delta > 0 else ("−" if delta < 0 else "")
    amount = _plain(abs(delta))
    if delta == 0:
        return Change(delta, f"{about}持平")
    if unit == "%":
        return Change(delta, f"{about}{sign}{amount}个百分点")
    text = f"{about}{sign}{amount}{unit}"
    if previous.number != 0:
        ratio = (delta / abs(previous.number) * 100).quantize(Decimal("0.1"))
        text += f"({'+' if ratio > 0 else '−' if ratio < 0 else ''}{_plain(abs(ratio))}%)"
    return Change(delta, text)


def facets_differ(first: str, second: str) -> bool:
    """Two figures of a key state different measures (下放, then 精简) or scopes (全区, then
    本级政府): both name one, and not the same. A figure naming none is compared with either."""
    return bool(first and second and first != second)


def cut_without_figure(reports: QuerySet[Report], key: str, facet: str = "") -> QuerySet[Report]:
    """Those of ``reports`` that give no figure of ``key`` (of ``facet``, when given) and whose
    text is held only in part: their 未报告 may lie in the part not held."""
    return reports.filter(text_cut=True).exclude(
        Exists(chosen_figures(key, facet).filter(report=OuterRef("pk")))
    )


# Qualifiers that make a figure a rough one (各, "each", does not).
_ROUGH = frozenset({"余", "多", "近", "约", "超过", "以上", "以下", "不足", "不少于", "不超过"})


def _approximate(figure: Figure) -> bool:
    return figure.value.qualifier in _ROUGH or figure.value.value_high is not None


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def kind_warnings(agencies: Sequence[Agency]) -> list[str]:
    """Warnings when the compared agencies mix governments and departments, or levels."""
    return kind_warnings_of({agency.kind for agency in agencies}, {agency.level for agency in agencies})


def kind_warnings_of(kinds: set[str], levels: set[str]) -> list[str]:
    """``kind_warnings`` from the agencies' kinds and levels."""
    warnings = []
    if {Agency.Kind.GOVERNMENT, Agency.Kind.DEPARTMENT} <= kinds:
        warnings.append(
            "所比较的机关中既有人民政府也有政府部门:政府报告的数字多为全辖区(全省、全市、全县)范围,"
            "部门报告的数字多为本部门范围,不宜直接比较。"
        )
    if len(levels) > 1:
        names = "、".join(
            label for value, label in Agency._meta.get_field("level").choices if value in levels
        )
        warnings.append(f"所比较的机关层级不同({names}),数字的规模通常不可比。")
    return warnings


def column_warnings(
    indicator: Indicator,
    groups: Sequence[FigureGroup],
    unit: str,
    *,
    across: str,
    ranked: bool,
) -> list[str]:
    """The warning for one indicator's figures, if any: different scopes (全区 vs 本局), facets
    (下放 vs 取消) or units, and which stated units were compared as another (名 as 人), said in
    one sentence that names the indicator once (a list of at most one, to add to the page's).

    ``across`` names what varies along the figures, e.g. "各机关" or "各年"; ``ranked`` says
    whether they are ranked (else the unit warning speaks of the chart and the changes).
    """
    parts: list[str] = []
    scopes = {group.scope for group in groups if group.scope}
    names = "、".join(SCOPE_NAMES.get(scope, scope) for scope in sorted(scopes))
    if len(scopes) > 1:
        effect = "请结合原句比较" if ranked else "范围不同的年份之间不计算增减,折线图在那里断开"
        parts.append(f"数字范围不同({names}),{effect}")
    elif scopes and any(not group.scope for group in groups):
        # 全省9.5万场 beside an unqualified 1.1万场 may count different things: say so.
        parts.append(f"数字有的注明范围({names}),有的未注明,请结合原句比较")
    facets: Counter[str] = Counter()
    for group in groups:
        facets[group.facet] += group.count
    named = [(facet, count) for facet, count in facets.most_common() if facet]
    if len(named) > 1:
        if all(group.where for group in groups):  # a row of years: which year said which
            listed = "、".join(f"{group.where} {group.facet or '未注明'}" for group in groups)
        else:
            listed = "、".join(f"{facet} {count}个" for facet, count in named)
            if facets[""]:
                listed += f"、未注明 {facets['']}个"
        effect = (
            "排名把它们排在一起,请结合各数字注明的类别比较"
            if ranked
            else "注明的类别不同的年份之间不计算增减,折线图在那里断开"
            + ("(未注明类别的照常与前后年份比较)" if facets[""] else "")
        )
        parts.append(f"数字分属不同类别({listed}):{effect}")
    stated: dict[str, set[str]] = {}
    for group in groups:
        stated.setdefault(group.unit, set()).add(group.base_unit)

    def written(unit: str) -> str:
        """A compared unit as the cells show it: 场次 when every figure compared as 场 says 场次."""
        return next(iter(stated[unit])) if len(stated.get(unit, ())) == 1 else unit or "无单位"

    units = list(dict.fromkeys(group.unit for group in groups))
    if len(units) > 1:
        effect = "排名和颜色只比较" if ranked else "折线图只画出、增减只计算"
        parts.append(
            f"单位不一致({'、'.join(written(u) for u in units)}):{effect}单位为“{written(unit)}”的数字"
        )
    # Say so when figures written in different units were compared as one (887人 beside 2509名).
    merged = merged_units_note(group.base_unit for group in groups if len(stated[group.unit]) > 1)
    if merged:
        parts.append(f"数字中,{merged}")
    return [f"“{indicator.name}”{across}的{';'.join(parts)}。"] if parts else []
