"""How the report page and the compare pages write a value: unmapped values named by what they
count, derived values as the words they come from (全覆盖), durations with their 个."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from django.urls import reverse

from reports.indicators.display import trail_words, unmapped_name, value_text
from reports.ingest import ReportOverrides, import_report
from reports.models import IndicatorValue, Report
from tests import factories

SAMPLES = Path(__file__).parent / "samples"
QIJIANG = "004_78ed85b0c485cc82.txt"  # 綦江区 2021
STATED = ReportOverrides(agency_name="重庆市綦江区司法局", year=2023)
UNMAPPED_ITEM = re.compile(
    r'<li class="indicators__item indicators__item--unmapped">\s*<a href="#(ind-\d+-\d+)">'
    r'<span class="indicators__name">([^<]*)</span> <span class="indicators__value">([^<]*)</span></a>'
)
ITEM = re.compile(
    r'<a href="#(ind-\d+-\d+)"><span class="indicators__name">([^<]*)</span> '
    r'<span class="indicators__value">([^<]*)</span></a>'
)


def import_sample(name: str) -> Report:
    path = SAMPLES / name
    return Report.objects.get(pk=import_report(path.read_bytes(), filename=path.name).report_id)


def panel_items(client, report: Report, pattern: re.Pattern[str] = ITEM) -> dict[str, tuple[str, str]]:
    """anchor -> (name, value) of the panel's items, unescaped."""
    html = client.get(report.get_absolute_url()).content.decode()
    start = html.index('<details class="indicators"')
    panel = html[start : html.index("<script>", start)]  # it holds a <details> per 口径
    return {anchor: (unescape(name), unescape(value)) for anchor, name, value in pattern.findall(panel)}


def unmapped(sentence: str, figure: str, *, occurrence: int = 0) -> IndicatorValue:
    """An unmapped value for ``figure`` (its ``occurrence``-th time) in ``sentence``, at offset 100."""
    index = -1
    for _ in range(occurrence + 1):
        index = sentence.index(figure, index + 1)
    return IndicatorValue(
        sentence=sentence,
        sentence_start=100,
        start=100 + index,
        end=100 + index + len(figure),
        figure=figure,
    )


# --- unmapped values are named by what they count -----------------------------------------------


@pytest.mark.django_db
def test_unmapped_values_on_a_seed_report_name_what_was_counted_never_the_figure_twice(client):
    report = import_sample(QIJIANG)
    items = panel_items(client, report, UNMAPPED_ITEM)
    values = {value.anchor: value for value in report.indicator_values.filter(key="")}
    assert set(items) == set(values) and len(items) > 20

    by_figure = {}
    for anchor, (name, shown) in items.items():
        value = values[anchor]
        by_figure.setdefault(value.figure, []).append(name)
        assert name and name != shown, (name, shown)
        assert value.figure not in name and shown not in name, (name, shown)
        assert len(name) <= 24, name
    # What the audit found named by the words before the figure alone (细化 312项, 22名 22名):
    # now the counted noun is part of the name.
    assert by_figure["312项"] == ["细化…改革任务"]
    assert "组织…区级部门" in by_figure["15个"]
    assert by_figure["22名"] == ["业务骨干"]
    assert by_figure["55个"] == ["执法单位"]
    assert by_figure["34个"] == ["对…执法部门"]
    assert by_figure["29个"] == ["实现…区级部门"]
    assert by_figure["587家"] == ["新入库科技型企业"]  # nothing after it in its clause


@pytest.mark.django_db
def test_a_tables_unmapped_figures_are_named_on_the_panel_by_their_row_and_column(client):
    table = "项目 | 2022年 | 2023年 | 增减\n行政复议申请 | 52件 | 61件 | 增加9件"
    report = factories.report_with_parts(factories.agency("测试区甲机关"), 2023, table)

    items = panel_items(client, report)
    shown = {value.figure: items[value.anchor] for value in report.indicator_values.all()}

    # the words before such a figure are a bar and other cells' figures: the name was "|"
    assert shown["52件"] == ("行政复议申请 · 2022年", "原52件")
    assert shown["9件"] == ("行政复议申请 · 增减", "增加9件")
    assert shown["61件"][0] == report.indicator_values.get(figure="61件").definition.name


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        # the counted noun after the figure, up to a verb, a clause break or the next figure
        ("下放304项区级事权到打通镇,组织15个区级部门、22名业务骨干定期派驻蹲点", "15个", "组织…区级部门"),
        ("下放304项区级事权到打通镇,组织15个区级部门、22名业务骨干定期派驻蹲点", "22名", "业务骨干"),
        ("规范执法事前事中事后公示,55个执法单位配备记录仪1256台。", "55个", "执法单位"),
        ("新增储备应急物资1.3万件。", "1.3万件", "新增储备应急物资"),
        ("跟踪督导14个指标及3个新增专项执行情况。", "14个", "跟踪督导…指标"),
        # brackets inside the noun stay; a bracket the clause did not open ends it
        ("实现21个街镇、381个村(社区)法律顾问全覆盖。", "381个", "村(社区)法律顾问"),
        ("(其中,领导下访45件、信访交办件41件),办结率100%。", "41件", "信访交办件"),
        # a long clause is cut, never in the middle of a number
        (
            "全区综合行政执法支队持续开展道路交通安全专项整治行动12次。",
            "12次",
            "…开展道路交通安全专项整治行动",
        ),
        ("全区累计办理政务服务事项123456789件审批业务均已办结78件。", "78件", "…123456789件审批业务均已办结"),
        # a figure alone in its clause takes the end of the clause before it
        ("全年受理申请,120件。", "120件", "全年受理申请"),
        # words joining the name to its figure are not part of it
        ("其中即收即办件数为4956件。", "4956件", "其中即收即办件数"),
        ("群众满意率达98.5%。", "98.5%", "群众满意率"),
        ("每件申请材料平均1.96个。", "1.96个", "每件申请材料平均"),  # 平均 kept whole, not cut to 平
    ],
)
def test_unmapped_name(sentence: str, figure: str, name: str) -> None:
    assert unmapped_name(unmapped(sentence, figure)) == name


def test_a_name_leaves_out_the_qualifier_and_the_space_before_the_figure() -> None:
    qualified = unmapped("全年网办量超4600万次。", "4600万次")
    qualified.qualifier = "超过"
    spaced = unmapped("召开常务会议 1 次,法治建设专题会议 2 次。", "2 次")

    assert unmapped_name(qualified) == "全年网办量"
    assert unmapped_name(spaced) == "法治建设专题会议"
    changed = unmapped("全市信访总量同比增长41%。", "41%")
    changed.measure = IndicatorValue.Measure.CHANGE_PCT
    assert unmapped_name(changed) == "全市信访总量"  # the value reads 增长41%
    both = unmapped("受理、办结案件均增长367%。", "367%")
    both.measure = IndicatorValue.Measure.CHANGE_PCT
    assert unmapped_name(both) == "办结案件"


def test_a_long_counted_noun_is_cut_short() -> None:
    value = unmapped("配合各级人民法院完成涉及318个诉讼主体的行政诉讼案件审理工作。", "318个")
    assert trail_words(value) == "诉讼主体的行政诉讼案…"
    assert len(unmapped_name(value)) <= 24


# --- derived values and durations -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"value": Decimal(100), "unit": "%", "derived": True, "figure": "全覆盖"}, "全覆盖(100%)"),
        ({"value": Decimal(0), "unit": "%", "derived": True, "figure": "零败诉"}, "零败诉(0%)"),
        ({"value": Decimal(100), "unit": "%", "figure": "100%"}, "100%"),
        ({"value": Decimal(1530), "unit": "工作日", "qualifier": "余"}, "1530余个工作日"),
        ({"value": Decimal("0.5"), "unit": "工作日"}, "0.5个工作日"),
        ({"value": Decimal(1), "value_high": Decimal(60), "unit": "工作日"}, "1至60个工作日"),
        ({"value": Decimal(10), "unit": "工作日", "qualifier": "不超过"}, "不超过10个工作日"),
        ({"value": Decimal(-5), "unit": "工作日", "measure": "change_abs"}, "减少5个工作日"),
        ({"value": Decimal(17), "unit": "项", "measure": "earlier"}, "原17项"),
        # a duration of months is not a month's name (奋战8个月 read 8月), nor a range of cuts negative
        ({"value": Decimal(8), "unit": "月"}, "8个月"),
        ({"value": Decimal(2), "unit": "季度"}, "2个季度"),
        (
            {"value": Decimal(-3), "value_high": Decimal(-5), "unit": "月", "measure": "change_abs"},
            "减少3至5个月",
        ),
    ],
)
def test_value_text_of_derived_values_and_working_days(fields: dict, expected: str) -> None:
    value = IndicatorValue(**{"measure": "level", "qualifier": "", "derived": False, "figure": "", **fields})
    assert value_text(value) == expected
    assert value.unit == fields["unit"]  # display only: the stored unit is unchanged


@pytest.mark.django_db
def test_report_panel_shows_a_derived_value_as_the_words_and_durations_with_ge(client):
    qijiang = import_sample(QIJIANG)
    derived = qijiang.indicator_values.get(derived=True, sentence__contains="证照分离")
    items = panel_items(client, qijiang)
    assert items[derived.anchor][1] == "全覆盖(100%)"

    report = import_sample("003_dc28648a02efcf17.txt")
    shown = {value for _, value in panel_items(client, report).values()}
    assert {"1至60个工作日", "不超过10个工作日"} <= shown
    assert not any(re.search(r"\d工作日", value) for value in shown)
    assert set(report.indicator_values.filter(figure__contains="工作日").values_list("unit", flat=True)) == {
        "工作日"
    }


@pytest.mark.django_db
def test_compare_pages_show_a_derived_value_as_the_words_and_exports_keep_the_raw_number(client):
    factories.report_with_parts(factories.agency("测试区甲机关"), 2023, "党政主要负责人述法实现全覆盖。")
    factories.report_with_parts(factories.agency("测试区乙机关"), 2023, "全区2509名党政主要负责人开展述法。")
    url = reverse("reports:compare-indicator", args=["leaders_shufa"]) + "?year=2023"

    html = unescape(client.get(url).content.decode())
    assert "全覆盖(100%)" in html and "2509名" in html
    assert not re.search(r'class="compare-value"[^>]*>100%<', html)

    rows = client.get(url + "&format=json").json()["rows"]
    derived = next(row for row in rows if row["value"].startswith("全覆盖"))
    assert (derived["value"], derived["base_value"], derived["base_unit"]) == ("全覆盖(100%)", 100, "%")
    stated = next(row for row in rows if row["value"] == "2509名")
    assert stated["base_value"] == 2509 and isinstance(stated["base_value"], int)  # as the API writes it


# --- figures a heading states ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_figure_a_heading_states_is_marked_in_the_heading_and_linked_to_it(client):
    """The panel linked it to its section, unmarked, and named it by the section's number."""
    from tests.test_ingest_metadata import BODY

    added = "(五)建成12个公共法律服务工作站\n全年接待群众咨询300余人次。\n"
    text = BODY.replace("二、存在的不足和原因", added + "二、存在的不足和原因")
    outcome = import_report(text.encode(), filename="a.txt", overrides=STATED)
    report = Report.objects.get(pk=outcome.report_id)
    figure = report.indicator_values.get(figure="12个")

    html = client.get(report.get_absolute_url()).content.decode()
    section = report.sections.get(heading__contains="公共法律服务工作站")
    heading = re.search(r"<h3>(.*?)</h3>", html[html.index(f'id="{section.anchor}"') :], re.S).group(1)
    assert f'<span class="indicator-figure" id="{figure.anchor}">12个</span>' in heading
    assert figure.anchor in panel_items(client, report)
    # a search's marks in the heading keep the figure's
    searched = client.get(report.get_absolute_url() + "?q=公共法律服务").content.decode()
    assert f'id="{figure.anchor}"' in searched and 'class="search-hit"' in searched
