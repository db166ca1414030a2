"""Units on the compare pages: units that are the same measure rank as one (名 with 人, 场次 with
场), a column's main unit comes from stated figures before derived ones (实现全覆盖 → 100%), and
the ranking chart's caption says how many figures it draws."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from reports.compare import Cell, indicator_ranking
from reports.compare.figures import (
    Figure,
    FigureGroup,
    Indicator,
    change_between,
    column_warnings,
    groups_of,
    main_unit,
    rank_and_scale,
)
from reports.compare.params import PlaceFilter
from reports.compare.ranking import CHART_BARS
from reports.indicators.units import comparable_unit, merged_units_note
from reports.models import IndicatorDefinition, IndicatorValue
from tests import factories


def figure(number: str, unit: str, *, derived: bool = False, start: int = 0) -> Figure:
    """A figure of an unsaved value whose base unit is ``unit``."""
    return Figure(
        IndicatorValue(
            report_id=1,
            key="leaders_shufa",
            value=Decimal(number),
            unit=unit,
            base_value=Decimal(number),
            base_unit=unit,
            measure=IndicatorValue.Measure.LEVEL,
            qualifier="",
            derived=derived,
            figure="全覆盖" if derived else f"{number}{unit}",
            sentence="述法。",
            sentence_start=start,
            sentence_end=start + 10,
            start=start + 2,
            end=start + 4,
        )
    )


def drawn_bars(html: str) -> int:
    """The bars of the ranking chart (its wide layout; the narrow one draws the same bars)."""
    wide = re.search(r'<svg class="chart chart--bars chart--bars-wide".*?</svg>', html, re.S).group(0)
    narrow = re.search(r'<svg class="chart chart--bars chart--bars-narrow".*?</svg>', html, re.S).group(0)
    assert wide.count('<rect class="chart__bar"') == narrow.count('<rect class="chart__bar"')
    return wide.count('<rect class="chart__bar"')


def ranking_of(key: str, texts: list[str]):
    """The 2023 ranking of ``key`` over one report per text, each by an agency of its own."""
    for index, text in enumerate(texts):
        factories.report_with_parts(factories.agency(f"测试区第{index}机关"), 2023, text)
    return indicator_ranking(IndicatorDefinition.objects.get(key=key), PlaceFilter(), 2023)


def caption(html: str) -> str:
    return unescape(re.search(r"<figcaption>(.*?)</figcaption>", html, re.S).group(1))


# --- which units are one measure ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "compared_as"),
    [
        ("名", "人"),
        ("人", "人"),
        ("场次", "场"),
        ("场", "场"),
        ("起", "件"),
        ("宗", "件"),
        # not the same measure: kept apart
        ("人次", "人次"),
        ("次", "次"),
        ("期", "期"),
        ("家", "家"),
        ("个", "个"),
        ("件", "件"),
        ("件次", "件次"),
        ("%", "%"),
        ("", ""),
    ],
)
def test_only_units_of_the_same_measure_compare_as_one(unit: str, compared_as: str) -> None:
    assert comparable_unit(unit) == compared_as


def test_merged_units_are_named_once_in_the_order_met() -> None:
    assert (
        merged_units_note(["人", "名", "场次", "名", "次"])
        == "“名”按“人”比较(同为人数)、“场次”按“场”比较(同为场数)"
    )
    assert merged_units_note(["人", "人次", "家"]) == ""


# --- the main unit and the ranks (the audit's 述法 column) -----------------------------------------


def shufa_column() -> list[Cell]:
    """21 derived 全覆盖, then counts in 名, 人, 人次 and 家, as on /compare/indicator/leaders_shufa/."""
    cells = [Cell(figure("100", "%", derived=True)) for _ in range(21)]
    cells += [Cell(figure("2509", "名")), Cell(figure("887", "人")), Cell(figure("887", "名"))]
    cells += [Cell(figure("120", "人次")), Cell(figure("9", "家")), Cell(None)]
    return cells


def test_the_main_unit_comes_from_stated_figures_not_from_derived_ones() -> None:
    assert main_unit(groups_of(shufa_column())) == "人"
    # the 家 outnumber the 人 among stated figures: 家 is the main unit, still not %
    cells = [Cell(figure("100", "%", derived=True)) for _ in range(5)]
    cells += [Cell(figure("3", "家")), Cell(figure("4", "家")), Cell(figure("5", "人"))]
    assert main_unit(groups_of(cells)) == "家"


def test_the_main_unit_weighs_each_group_by_its_count() -> None:
    """A ranking reads its figures grouped (unit, derived, scope) with a count from SQL."""
    groups = [FigureGroup("人", False, "", count=2), FigureGroup("家", False, "", count=3)]
    assert main_unit(groups) == "家"
    assert main_unit([*groups, FigureGroup("名", False, "", count=2)]) == "人"  # 名 counts as 人
    assert main_unit([FigureGroup("%", True, "", count=50), FigureGroup("人", False, "")]) == "人"


def test_a_column_of_derived_figures_only_takes_their_unit() -> None:
    cells = [Cell(figure("100", "%", derived=True)), Cell(None), Cell(figure("100", "%", derived=True))]
    assert rank_and_scale(cells) == "%"
    assert [cell.rank for cell in cells] == [1, None, 1]


def test_head_counts_in_ming_and_ren_rank_together_and_keep_their_own_unit() -> None:
    cells = shufa_column()
    unit = rank_and_scale(cells)

    assert unit == "人"
    stated = cells[21:]
    assert [cell.text for cell in stated] == ["2509名", "887人", "887名", "120人次", "9家", "未报告"]
    assert [cell.rank for cell in stated] == [1, 2, 2, None, None, None]
    assert [cell.comparable for cell in stated] == [True, True, True, False, False, True]
    assert all(cell.rank is None and not cell.comparable for cell in cells[:21])
    assert stated[0].step == 4 and stated[1].step == 0


def test_sessions_in_chang_and_changci_rank_together_but_not_times_or_courses() -> None:
    """leaders_law_study is stated in 次, 场, 场次 and 期: only 场 and 场次 are one measure."""
    cells = [
        Cell(figure("12", "场次")),
        Cell(figure("4", "场")),
        Cell(figure("6", "场次")),
        Cell(figure("20", "次")),
        Cell(figure("15", "次")),
        Cell(figure("3", "期")),
    ]
    assert rank_and_scale(cells) == "场"
    assert [cell.rank for cell in cells] == [1, 3, 2, None, None, None]


def test_changes_merge_the_same_measure_only() -> None:
    assert change_between(figure("887", "人"), figure("900", "名")).text == "+13人(+1.5%)"
    assert change_between(figure("10", "名"), figure("12", "名")).text == "+2名(+20%)"
    assert change_between(figure("10", "场"), figure("10", "场次")).text == "持平"
    assert change_between(figure("10", "人"), figure("12", "人次")) is None
    assert change_between(figure("10", "次"), figure("12", "场次")) is None


def test_warnings_list_compared_units_and_say_which_were_merged() -> None:
    cells = shufa_column()
    unit = rank_and_scale(cells)
    warnings = column_warnings(
        Indicator("leaders_shufa", "党政主要负责人述法"), groups_of(cells), unit, across="各报告", ranked=True
    )

    assert any("单位不一致(%、人、人次、家)" in w and "单位为“人”" in w for w in warnings)
    assert any("“名”按“人”比较(同为人数)" in w for w in warnings)

    only_people = [Cell(figure("5", "人")), Cell(figure("7", "名"))]
    unit = rank_and_scale(only_people)
    warnings = column_warnings(
        Indicator("k", "某指标"), groups_of(only_people), unit, across="各机关", ranked=True
    )
    assert not any("单位不一致" in w for w in warnings)
    assert any("“名”按“人”比较" in w for w in warnings)
    # the units as the cells show them: 16场次 is not named 场 when no 场 stands beside it
    sessions = [Cell(figure("4", "次")), Cell(figure("16", "场次"))]
    unit = rank_and_scale(sessions)
    warnings = column_warnings(
        Indicator("k", "某指标"), groups_of(sessions), unit, across="各机关", ranked=True
    )
    assert any("单位不一致(次、场次)" in w for w in warnings), warnings
    # all in 名: nothing was merged, nothing to say
    all_ming = [Cell(figure("5", "名")), Cell(figure("7", "名"))]
    assert (
        column_warnings(
            Indicator("k", "某指标"),
            groups_of(all_ming),
            rank_and_scale(all_ming),
            across="各机关",
            ranked=True,
        )
        == []
    )


# --- the ranking page -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_ranking_page_ranks_stated_head_counts_and_its_caption_counts_every_one(client) -> None:
    texts = [
        "党政主要负责人述法实现全覆盖。",
        "党政主要负责人述法实现全覆盖。",
        "党政主要负责人述法实现全覆盖。",
        "全区2509名党政主要负责人开展述法。",
        "组织887人现场述法。",
        "组织部门主要负责人述法9家。",
    ]
    result = ranking_of("leaders_shufa", texts)
    assert result.unit == "人"
    assert [(entry.cell.text, entry.cell.rank) for entry in result.entries] == [
        ("2509名", 1),
        ("887人", 2),
        ("全覆盖(100%)", None),  # the derived 全覆盖 and the 家, by agency name
        ("全覆盖(100%)", None),
        ("全覆盖(100%)", None),
        ("9家", None),
    ]

    html = client.get(
        reverse("reports:compare-indicator", args=["leaders_shufa"]) + "?year=2023"
    ).content.decode()
    assert drawn_bars(html) == 2
    assert caption(html).startswith("全部 2 个以“人”计的数字;单位不同的数字未画出、未排名。")
    assert "前 2 名" not in html
    assert "“名”按“人”比较" in unescape(html)


@pytest.mark.django_db
def test_ranking_caption_says_top_n_only_when_the_chart_is_cut_short(client) -> None:
    for index in range(CHART_BARS + 1):
        factories.report_with_parts(
            factories.agency(f"测试区第{index}机关"), 2023, f"全区{index + 1}名党政主要负责人开展述法。"
        )
    factories.report_with_parts(factories.agency("测试区部门"), 2023, "组织部门主要负责人述法9家。")

    html = client.get(reverse("reports:compare-indicator", args=["leaders_shufa"])).content.decode()
    assert drawn_bars(html) == CHART_BARS
    assert caption(html).startswith(f"前 {CHART_BARS} 名,单位：名。")  # as written: every figure is in 名


@pytest.mark.django_db
def test_a_tie_between_units_goes_to_the_unit_the_catalogue_lists_first():
    # 家 is met first and as often as 人; leaders_shufa lists 人 before 家.
    texts = [
        "组织部门主要负责人述法9家。",
        "组织部门主要负责人述法7家。",
        "组织887人现场述法。",
        "组织455人现场述法。",
    ]
    assert ranking_of("leaders_shufa", texts).unit == "人"


@pytest.mark.django_db
def test_services_counted_in_ge_rank_with_those_counted_in_xiang():
    # 个 right before the services it counts (580个政务服务事项) counts them as 项 does.
    texts = ["全区580个政务服务事项实现“一网通办”。", "梳理政务服务事项1200项。", "梳理政务服务事项300项。"]
    result = ranking_of("service_items", texts)
    assert result.unit == "项"
    assert [(entry.cell.text, entry.cell.rank) for entry in result.entries] == [
        ("1200项", 1),
        ("580个", 2),
        ("300项", 3),
    ]
