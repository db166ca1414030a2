"""Compare pages: which value counts, changes, ranks, 未报告 never 0, warnings, limits and bad input,
CSV equal to the page, JSON shape, permalinks, stable figure links, texts side by side."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from html import unescape
from urllib.parse import urlencode

import pytest
from django.db.models import F
from django.db.models.functions import Greatest
from django.http import QueryDict
from django.urls import reverse

from reports.compare import (
    MISSING,
    Cell,
    agency_years,
    indicator_ranking,
    promises,
    ranking_page_of,
    year_table,
)
from reports.compare.figures import (
    Figure,
    FigureGroup,
    Indicator,
    change_between,
    column_warnings,
    groups_of,
    rank_and_scale,
)
from reports.compare.links import figure_url, follow_words
from reports.compare.params import MAX_AGENCIES, MAX_KEYS, CompareError, PlaceFilter, listed
from reports.compare.tables import NO_REPORT
from reports.compare.texts import MISSING_PLANS, SectionText, default_plan_year, plan_with_related
from reports.indicators.store import extract_and_store
from reports.ingest import import_report
from reports.models import (
    Agency,
    ChosenFigure,
    IndicatorCorrection,
    IndicatorDefinition,
    IndicatorValue,
    Region,
    Report,
    Section,
)
from reports.seeding import load_seed_fixture
from reports.spreadsheets import spreadsheet_text
from tests import factories

CELL = re.compile(r'<td class="compare-cell[^"]*" data-row="([^"]*)" data-col="([^"]*)">(.*?)</td>', re.S)


# --- helpers ------------------------------------------------------------------------------------


value = factories.indicator_value  # an unsaved value, for the pure rules


def page_cells(html: str) -> dict[tuple[str, str], dict[str, str]]:
    """The figure cells of a compare table: (row, col) → value, rank, change as shown."""
    cells = {}
    for row, col, body in CELL.findall(html):

        def text(cls: str, body: str = body) -> str:
            found = re.search(rf'class="{cls}"[^>]*>([^<]*)<', body)
            return unescape(found.group(1)).strip() if found else ""

        others = re.search(r'class="compare-others">(.*?)</span>', body)
        others_text = unescape(re.sub(r"<[^>]+>", "", others.group(1))) if others else ""
        cells[(row, col)] = {
            "value": text("compare-value") or text("compare-value compare-missing"),
            # the figures listed after 另有N处 (另有2处:4次、60余次 → 4次、60余次)
            "alternatives": others_text.partition(":")[2],
            "rank": text("compare-rank"),
            "change": text("compare-change"),
            "note": text("compare-note"),
            "scope": text("compare-scope"),
            "href": (re.search(r'class="compare-value" href="([^"]+)"', body) or [None, ""])[1],
        }
    return cells


def csv_rows(response) -> list[dict[str, str]]:
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(raw[1:])))


@pytest.fixture
def seeds(db):
    assert load_seed_fixture() == 5
    return {report.pk: report for report in Report.objects.select_related("agency")}


@pytest.fixture
def county():
    """A county government with reports for 2021, 2022 and 2023 (2022 leaves out the proposals)."""
    agency = factories.agency(region_code="640303")
    reports = {
        2021: factories.report_with_parts(
            agency, 2021, "全年办理人大代表建议200件,政协提案100件。行政机关负责人出庭应诉率达90%。"
        ),
        2022: factories.report_with_parts(
            agency, 2022, "全年办理人大代表建议250件。行政机关负责人出庭应诉率达95%。"
        ),
        2023: factories.report_with_parts(
            agency,
            2023,
            "全年办理人大代表建议250件,政协提案80件。行政机关负责人出庭应诉率达100%。另办理人大代表建议30件。",
            "一是办理人大代表建议力争300件。二是完善复议工作机制。",
        ),
    }
    return agency, reports


# --- ranks, changes, warnings (pure) -----------------------------------------------


def test_ranks_skip_missing_and_other_units_and_share_places_on_ties():
    cells = [
        Cell(Figure(value("30"))),
        Cell(None),
        Cell(Figure(value("50"))),
        Cell(Figure(value("30"))),
        Cell(Figure(value("99", "%"))),
        Cell(Figure(value("10"))),
    ]
    unit = rank_and_scale(cells)

    assert unit == "件"
    assert [cell.rank for cell in cells] == [2, None, 1, 2, None, 4]
    assert [cell.comparable for cell in cells] == [True, True, True, True, False, True]
    assert [cell.step for cell in cells] == [2, None, 4, 2, None, 0]
    assert cells[1].text == MISSING


def test_changes_are_in_points_for_percentages_and_absent_across_units_or_gaps():
    assert change_between(Figure(value("90", "%")), Figure(value("95.5", "%"))).text == "+5.5个百分点"
    assert change_between(Figure(value("200")), Figure(value("250"))).text == "+50件(+25%)"
    assert change_between(Figure(value("250")), Figure(value("200"))).text == "−50件(−20%)"
    assert change_between(Figure(value("0")), Figure(value("5"))).text == "+5件"
    assert change_between(Figure(value("5")), Figure(value("5"))).text == "持平"
    assert change_between(Figure(value("5")), Figure(value("5", "%"))) is None
    assert change_between(None, Figure(value("5"))) is None
    # a figure stated roughly (10余次) or as a range makes the change rough: 12次 → 10余次 is about −2
    assert change_between(Figure(value("12")), Figure(value("10", qualifier="余"))).text == "约−2件(−16.7%)"
    assert change_between(Figure(value("12", qualifier="近")), Figure(value("12"))).text == "约持平"
    assert (
        change_between(Figure(value("80", "%")), Figure(value("90", "%", value_high=95))).text
        == "约+10个百分点"
    )
    assert change_between(Figure(value("5", qualifier="各")), Figure(value("6"))).text == "+1件(+20%)"


def test_column_warns_about_mixed_scopes_and_units_in_one_sentence():
    cells = [
        Cell(Figure(value("30", scope="jurisdiction"))),
        Cell(Figure(value("5", scope="organ"))),
        Cell(Figure(value("7", "个"))),
    ]
    warnings = column_warnings(Indicator("k", "某指标"), groups_of(cells), "件", across="各机关", ranked=True)

    # one sentence naming the indicator once, its parts after semicolons
    assert warnings == [
        "“某指标”各机关的数字范围不同(全辖区、本机关),请结合原句比较;"
        "单位不一致(件、个):排名和颜色只比较单位为“件”的数字。"
    ]


def test_column_warns_about_mixed_facets_and_counts_those_naming_none():
    indicator = Indicator("k", "某指标")
    groups = [
        FigureGroup("项", False, "", 3, "下放"),
        FigureGroup("项", False, "", 1, "取消+下放"),
        FigureGroup("项", False, "", 2, ""),
    ]

    [warning] = column_warnings(indicator, groups, "项", across="各报告", ranked=True)

    assert warning.startswith("“某指标”各报告的数字分属不同类别(下放 3个、取消+下放 1个、未注明 2个)")
    # one facet and figures naming none: nothing to tell apart
    assert column_warnings(indicator, groups[::2], "项", across="各报告", ranked=True) == []


def test_a_figure_excerpt_is_the_words_around_it_in_its_sentence():
    long = value("52", "次", start=100)
    long.sentence = "全年,组织党组理论学习中心组会议52次,组织全局职工执法培训不少于2次。"
    long.start = 100 + long.sentence.index("52次")
    long.end = long.start + 3
    short = value("3", start=100)  # 办理3件。
    cut = value("7", start=100)
    cut.sentence = "根据市委全面依法治市委员会的统一部署和本单位的实际情况,组织集中学法7次。"
    cut.start = 100 + cut.sentence.index("7次")
    cut.end = cut.start + 2

    assert Figure(long).excerpt == ("全年,组织党组理论学习中心组会议", "52次", ",组织全局职工执…")
    assert Figure(short).excerpt == ("办理", "3件", "。")
    assert Figure(cut).excerpt == ("…部署和本单位的实际情况,组织集中学法", "7次", "。")


def test_column_warns_when_only_some_figures_state_their_scope():
    stated_and_not = [Cell(Figure(value("95000", scope="jurisdiction"))), Cell(Figure(value("11000")))]
    none_stated = [Cell(Figure(value("30"))), Cell(Figure(value("5")))]
    indicator = Indicator("k", "某指标")

    warnings = column_warnings(indicator, groups_of(stated_and_not), "件", across="各年", ranked=False)
    assert any("有的注明范围(全辖区" in w and "有的未注明" in w for w in warnings)
    assert column_warnings(indicator, groups_of(none_stated), "件", across="各年", ranked=False) == []


# --- one agency across years -----------------------------------------------------------------------


@pytest.mark.django_db
def test_agency_years_has_values_changes_and_not_reported_cells(client, county):
    agency, reports = county
    result = agency_years(agency)

    assert result.years == [2021, 2022, 2023]
    rows = {row.indicator.key: row for row in result.rows}
    npc = rows["npc_suggestions"]
    assert [cell.text for cell in npc.cells] == ["200件", "250件", "250件"]
    assert [cell.change_text for cell in npc.cells] == ["", "+50件(+25%)", "持平"]
    assert npc.cells[2].others_text == "另有1处"  # the later 30件 is not added
    assert [other.text for other in npc.cells[2].figure.alternatives] == ["30件"]
    # ... and the page names it, linked to its sentence, after a link to the report's figures
    report_2023 = reports[2023]
    html = client.get(reverse("reports:compare-agency", args=[agency.pk])).content.decode()
    others = f'<span class="compare-others"><a href="/reports/{report_2023.pk}/#indicators-title"'
    assert others in html
    listed = html[html.index(others) :].split("</span>")[0]
    sentence_link = rf'<a href="/reports/{report_2023.pk}/figures/\d+-\d+/[^"]*"[^>]*>'
    assert re.search(rf"另有1处</a>:{sentence_link}30件</a>$", listed)
    proposals = rows["cppcc_proposals"]
    assert [cell.text for cell in proposals.cells] == ["100件", MISSING, "80件"]
    assert proposals.cells[1].number is None and proposals.cells[1].change is None
    # 2023 changes from the last year that gives a figure, and says which
    assert proposals.cells[2].change_text == "较2021年−20件(−20%)"
    rate = rows["head_appearance_rate"]
    assert [cell.change_text for cell in rate.cells] == ["", "+5个百分点", "+5个百分点"]
    # The sparkline leaves 2022 out rather than drawing it at zero.
    assert proposals.sparkline.count("<circle") == 2 and "2022年 未报告" in proposals.sparkline
    # Catalogue order: the rows follow the definitions' order.
    order = list(
        IndicatorDefinition.objects.order_by("group__position", "group__key", "position", "key").values_list(
            "key", flat=True
        )
    )
    keys = [row.indicator.key for row in result.rows]
    assert keys == sorted(keys, key=order.index)


@pytest.mark.django_db
def test_agency_page_links_every_figure_and_never_shows_zero_for_missing(client, county):
    agency, reports = county
    response = client.get(reverse("reports:compare-agency", args=[agency.pk]))
    html = response.content.decode()

    assert response.status_code == 200
    cells = page_cells(html)
    assert cells[("cppcc_proposals", "2022")]["value"] == "未报告"
    assert cells[("cppcc_proposals", "2022")]["href"] == ""
    assert cells[("npc_suggestions", "2022")]["change"] == "+50件(+25%)"
    for (_key, year), cell in cells.items():
        if cell["value"] != "未报告":
            assert cell["href"].startswith(f"/reports/{reports[int(year)].pk}/figures/")
        assert cell["value"] not in {"0", "0件"}
    assert html.count('<svg class="chart chart--sparkline"') == len({key for key, _ in cells})
    assert "取值规则" in html and "第一次出现的数值" in html
    assert '<th scope="col">' in html and "<caption" in html
    # an indicator's name opens its ranking among agencies of the same kind and level
    ranking = f'href="/compare/indicator/npc_suggestions/?kind={agency.kind}&amp;level={agency.level}"'
    assert ranking in html


@pytest.mark.django_db
def test_agency_years_warns_when_a_row_changes_scope_over_the_years():
    agency = factories.agency(region_code="640303", kind=Agency.Kind.DEPARTMENT)  # it has an organ
    factories.report_with_parts(agency, 2022, "全区新增市场主体7000户。")
    factories.report_with_parts(agency, 2023, "本局新增市场主体100户。")

    result = agency_years(agency)

    assert any("范围不同" in warning for warning in result.warnings)


@pytest.mark.django_db
def test_agency_years_computes_no_change_between_a_real_report_and_a_synthetic_one():
    agency = factories.agency(region_code="640303")
    factories.report_with_parts(agency, 2022, "新增市场主体7000户。")
    synthetic = factories.report_with_parts(agency, 2023, "新增市场主体100户。")
    Report.objects.filter(pk=synthetic.pk).update(is_synthetic=True)
    factories.report_with_parts(agency, 2024, "新增市场主体150户。")

    row = next(row for row in agency_years(agency).rows if row.indicator.key == "new_market_entities")

    assert [cell.text for cell in row.cells] == ["7000户", "100户", "150户"]
    # the sample is compared with nothing; the real 2024 with the real 2022, saying so
    assert [cell.change_text for cell in row.cells] == ["", "", "较2022年−6850户(−97.9%)"]


@pytest.mark.django_db
def test_agency_years_says_which_years_are_not_held_and_breaks_the_line_there():
    """The columns jumped 2018 → 2020 with nothing saying 2019 is simply not on file, and the
    sparkline joined the points across it."""
    agency = factories.agency(region_code="640303")
    for year, count in ((2018, 10), (2020, 12), (2021, 15)):
        factories.report_with_parts(agency, year, f"办理行政处罚案件{count}件。")

    result = agency_years(agency)
    row = next(row for row in result.rows if row.indicator.key == "penalty_cases")

    assert any(warning.startswith("没有收录2019年度的报告(未收录)") for warning in result.warnings)
    # 2020 changes from 2018, saying so (it read nothing: the years are not adjacent)
    assert [cell.change_text for cell in row.cells] == ["", "较2018年+2件(+20%)", "+3件(+25%)"]
    title = re.search(r"<title>([^<]*)</title>", row.sparkline).group(1)
    assert "2018年 10件、2019年 未收录、2020年 12件、2021年 15件" in title
    # one line from 2020 to 2021 only, and 2018 a dot on its own
    assert row.sparkline.count("<polyline") == 1 and row.sparkline.count("<circle") == 3
    full = agency_years(factories.agency(region_code="640302"))
    assert not any("没有收录" in warning for warning in full.warnings)


@pytest.mark.django_db
def test_agency_years_warns_that_an_agency_without_a_place_may_hold_namesakes():
    placeless = factories.agency(
        "区城市管理局", region_code=None, kind=Agency.Kind.DEPARTMENT, level="county"
    )
    factories.report_with_parts(placeless, 2022, "办理行政处罚案件12件。")
    placed = factories.agency(region_code="640303")
    factories.report_with_parts(placed, 2022, "办理行政处罚案件12件。")

    assert any("所在地区未能确定" in warning for warning in agency_years(placeless).warnings)
    assert not any("所在地区未能确定" in warning for warning in agency_years(placed).warnings)


@pytest.mark.django_db
def test_texts_side_by_side_and_the_agency_finder_flag_a_placeless_agency(client):
    # 朝阳区 is in 北京 and in 长春: a text naming only 朝阳区 leaves its agency placeless.
    placeless = factories.agency("朝阳区人民政府", region_code=None, level="county")
    placed = factories.agency(region_code="640302")
    left = factories.report_with_parts(placeless, 2021, "办理行政复议案件12件。")
    right = factories.report_with_parts(placed, 2021, "办理行政复议案件15件。")

    html = client.get(reverse("reports:compare-reports") + f"?a={left.pk}&b={right.pk}").content.decode()
    finder = client.get(reverse("reports:compare") + "?agency=人民政府").content.decode()  # two matches

    assert "左侧报告的机关“朝阳区人民政府”所在地区未能确定" in html and "右侧报告的机关" not in html
    assert "朝阳区人民政府(地区未定,可能含外地同名机关)" in finder


# --- many agencies in one year ---------------------------------------------------------------------


@pytest.mark.django_db
def test_year_table_ranks_each_column_and_colours_it(seeds):
    place = PlaceFilter(region=Region.objects.get(code="500000"), kind=Agency.Kind.DEPARTMENT)
    result = year_table(place, None, ["items_handled", "penalty_cases", "head_appearance_rate"])

    assert result.year == 2023
    assert [line.agency.name for line in result.lines] == [
        "重庆市綦江区交通局",
        "重庆市潼南区城市管理局",
    ]  # pinyin: qi < tong
    by_name = {line.agency.name: line for line in result.lines}
    items = [by_name[n].cells[0] for n in ("重庆市綦江区交通局", "重庆市潼南区城市管理局")]
    assert [c.text for c in items] == ["77339件", "382件"]
    assert [c.rank for c in items] == [1, 2]
    assert [c.step for c in items] == [4, 0]
    rate = [by_name[n].cells[2] for n in ("重庆市綦江区交通局", "重庆市潼南区城市管理局")]
    assert rate[0].text == MISSING and rate[0].rank is None
    assert rate[1].text == "100%" and rate[1].rank == 1
    assert not any("人民政府" in w for w in result.warnings)


@pytest.mark.django_db
def test_year_table_warns_when_a_government_meets_a_department_and_units_differ(seeds):
    government = seeds[3].agency  # 利通区人民政府 (2023)
    department = seeds[1].agency  # 綦江区交通局 (2023)
    place = PlaceFilter(agency_ids=(department.pk, government.pk))
    result = year_table(place, 2023, ["normative_docs_amended"])

    assert any("既有人民政府也有政府部门" in w for w in result.warnings)
    assert any("单位不一致" in w for w in result.warnings)
    cells = [line.cells[0] for line in result.lines]
    assert sorted(c.comparable for c in cells) == [False, True]


@pytest.mark.django_db
def test_a_figure_left_unranked_says_why_in_the_csv_as_on_the_page(client, seeds):
    ids = f"{seeds[1].agency_id},{seeds[3].agency_id}"
    url = reverse("reports:compare-year") + f"?agencies={ids}&year=2023&keys=normative_docs_amended"

    cells = page_cells(client.get(url).content.decode())
    rows = csv_rows(client.get(url + "&format=csv"))

    notes = {row["机关ID"]: row["排名说明"] for row in rows}
    assert sorted(notes.values()) == ["", "单位不同，未排名"]
    for row in rows:
        assert row["排名说明"] == cells[(row["机关ID"], "0")]["note"]


@pytest.mark.django_db
def test_sorting_by_a_column_puts_figures_left_unranked_before_those_not_reported(seeds):
    silent = factories.report(factories.agency("阿里区人民政府", region_code="500110"), year=2023)
    ids = (seeds[1].agency_id, seeds[3].agency_id, silent.agency_id)
    result = year_table(
        PlaceFilter(agency_ids=ids), 2023, ["normative_docs_amended"], "normative_docs_amended"
    )

    cells = [line.cells[0] for line in result.lines]
    assert [(cell.rank, cell.unranked_note, cell.text) for cell in cells][1:] == [
        (None, "单位不同，未排名", cells[1].figure.text),
        (None, "", "未报告"),  # first by name, last by its column
    ]
    assert cells[0].rank == 1


@pytest.mark.django_db
def test_year_table_default_keys_are_the_most_reported_ones(seeds):
    result = year_table(PlaceFilter(region=Region.objects.get(code="500000")), 2023, [])
    assert 0 < len(result.keys) <= 8
    assert all(column.reported >= 1 for column in result.columns)


@pytest.mark.django_db
def test_year_table_default_keys_count_reports_not_figures():
    npc = "全年办理人大代表建议70件。办结人大代表建议68件。答复人大代表建议65件。"
    factories.report_with_parts(factories.agency("利通区司法局", region_code="640302"), 2023, npc)
    for name in ("红寺堡区人民政府", "红寺堡区司法局"):
        factories.report_with_parts(
            factories.agency(name, region_code="640303"), 2023, "开展普法宣传活动12场次。"
        )

    result = year_table(PlaceFilter(region=Region.objects.get(code="640300")), 2023, [])

    # Two reports state publicity events; one report states NPC suggestions, three times.
    assert result.keys[:2] == ["publicity_events", "npc_suggestions"]


@pytest.mark.django_db
def test_year_page_csv_equals_the_page(client, seeds):
    url = (
        reverse("reports:compare-year")
        + "?region=500000&kind=department&keys=items_handled,penalty_cases,petitions"
    )
    html = client.get(url).content.decode()
    rows = csv_rows(client.get(url + "&format=csv"))

    cells = page_cells(html)
    assert len(rows) == len(cells) == 6
    columns = ["items_handled", "penalty_cases", "petitions"]
    for row in rows:
        shown = cells[(row["机关ID"], str(columns.index(row["指标键"])))]
        assert row["数值"] == shown["value"]
        assert (f"第{row['排名']}" if row["排名"] else "") == shown["rank"]
        assert row["范围"] == shown["scope"]
        if row["数值"] == "未报告":
            assert row["报告ID"] == row["原句"] == row["起始位置"] == ""
        else:
            assert row["原文链接"].endswith(shown["href"])
            report = Report.objects.get(pk=row["报告ID"])
            start, end = int(row["起始位置"]), int(row["结束位置"])
            assert row["原句"] == IndicatorValue.objects.get(report=report, start=start, end=end).sentence
            assert report.text[start:end] in row["原句"]


@pytest.mark.django_db
def test_year_page_json_has_rows_warnings_rule_and_an_absolute_permalink(client, seeds):
    ids = f"{seeds[1].agency_id},{seeds[3].agency_id}"
    response = client.get(reverse("reports:compare-year") + f"?agencies={ids}&year=2023&format=json")
    body = response.json()

    assert response.status_code == 200
    assert body["kind"] == "year" and body["year"] == 2023
    assert body["permalink"].startswith("http://testserver/compare/year/?year=2023")
    assert "第一次出现的数值" in body["rule"]
    assert any("政府部门" in warning for warning in body["warnings"])
    assert len(body["rows"]) == 2 * len(body["keys"])
    row = next(row for row in body["rows"] if row["value"] != "未报告")
    assert set(row) >= {
        "agency_id",
        "agency",
        "key",
        "value",
        "rank",
        "report_id",
        "figure_url",
        "sentence",
        "start",
        "end",
    }
    missing = [row for row in body["rows"] if row["value"] == "未报告"]
    assert all(row["base_value"] is None for row in missing)


@pytest.mark.django_db
def test_year_page_permalink_writes_out_defaults_and_keeps_its_meaning(client, seeds):
    html = client.get(reverse("reports:compare-year") + "?region=500000&kind=department").content.decode()
    permalink = unescape(re.search(r'固定链接\uff1a<a href="([^"]+)"', html).group(1))
    assert "year=2023" in permalink and "keys=" in permalink and "region=500000" in permalink

    before = page_cells(client.get(permalink).content.decode())
    # A later report of one of these agencies must not change what the permalink shows.
    factories.report_with_parts(seeds[1].agency, 2024, "全年办理行政许可事项999件,查处行政处罚案件5件。")
    after = page_cells(client.get(permalink).content.decode())
    assert before == after
    assert client.get(permalink + "&format=csv").content == client.get(permalink + "&format=csv").content


@pytest.mark.django_db
def test_a_year_tables_place_picker_counts_the_reports_of_its_year(client, seeds):
    # 杭州市(77) over every year sat beside a table of its 19 reports of one year (a review)
    agency = seeds[1].agency
    factories.report(agency, year=2021)
    factories.report(agency, year=2022)
    url = reverse("reports:compare-year")

    table = unescape(client.get(url, {"region": "500000", "year": "2023"}).content.decode())
    form = unescape(client.get(url).content.decode())

    held = Report.objects.current().filter(agency__region__parent__code="500000")
    assert f'<option value="500000" selected>重庆市({held.filter(year=2023).count()})</option>' in table
    assert "括号中为2023年度的报告数" in table
    assert f'<option value="500000">重庆市({held.count()})</option>' in form  # no table: every year
    assert "括号中为各年度合计的报告数" in form
    # a year without reports: every year's counts, and the year asked for stays chosen (a review)
    empty = unescape(client.get(url, {"region": "500000", "year": "2030"}).content.decode())
    assert f'<option value="500000" selected>重庆市({held.count()})</option>' in empty
    assert "括号中为各年度合计的报告数" in empty
    assert '<option value="2030" selected>2030年(无报告)</option>' in empty


@pytest.mark.django_db
def test_year_page_sorts_rows_by_a_columns_rank(client, seeds):
    url = (
        reverse("reports:compare-year")
        + "?region=500000&kind=department&keys=items_handled&sort=items_handled"
    )
    html = client.get(url).content.decode()
    names = re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a>', html)
    assert names == ["重庆市綦江区交通局", "重庆市潼南区城市管理局"]


# --- one indicator ranked ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_ranking_compares_base_values_and_counts_reports_that_do_not_state_it(seeds):
    definition = IndicatorDefinition.objects.get(key="items_handled")
    result = indicator_ranking(definition, PlaceFilter(), None)

    assert [(e.agency.name, e.cell.text, e.cell.rank) for e in result.entries] == [
        ("重庆市綦江区人民政府", "78万余件", 1),
        ("重庆市綦江区交通局", "77339件", 2),
        ("重庆市潼南区城市管理局", "382件", 3),
    ]
    assert result.not_reported == 2
    assert any("多个年度" in warning for warning in result.warnings)
    assert any("政府部门" in warning for warning in result.warnings)


@pytest.fixture
def seven_figures(db):
    """Seven reports stating npc_suggestions: 50, 40, 40, 40, 30 and 10件, and 7个."""
    for index, number in enumerate(["40", "10", "50", "40", "7个", "30", "40"]):
        figure, unit = (number[:-1], "个") if number.endswith("个") else (number, "件")
        report = factories.report(factories.agency(f"第{index}县人民政府"))
        value(figure, unit, report_id=report.pk).save()
    return IndicatorDefinition.objects.get(key="npc_suggestions")


@pytest.mark.parametrize(
    ("shown", "ranks"),
    [
        (3, [1, 2, 2]),  # the cut falls inside a tie: the tied rows share the rank over all
        (5, [1, 2, 2, 2, 5]),
        (8, [1, 2, 2, 2, 5, 6, None]),  # room left: the figure in another unit comes last
    ],
)
def test_ranks_of_the_shown_rows_are_ranks_over_every_figure(monkeypatch, seven_figures, shown, ranks):
    monkeypatch.setattr("reports.compare.ranking.MAX_RANKING_ROWS", shown)
    result = indicator_ranking(seven_figures, PlaceFilter(), None)

    assert [entry.cell.rank for entry in result.entries] == ranks
    assert result.total == 7 and result.unit == "件"


def test_a_ranking_goes_on_page_by_page_with_ranks_over_every_figure(monkeypatch, seven_figures):
    monkeypatch.setattr("reports.compare.ranking.MAX_RANKING_ROWS", 3)
    pages = [indicator_ranking(seven_figures, PlaceFilter(), None, page) for page in (1, 2, 3)]

    assert [[entry.cell.rank for entry in page.entries] for page in pages] == [[1, 2, 2], [2, 5, 6], [None]]
    assert [page.pages for page in pages] == [3, 3, 3]
    texts = [entry.cell.text for page in pages for entry in page.entries]
    assert texts == ["50件", "40件", "40件", "40件", "30件", "10件", "7个"]  # every figure once
    with pytest.raises(CompareError, match="共 3 页,没有第 4 页") as error:
        indicator_ranking(seven_figures, PlaceFilter(), None, 4)
    assert error.value.status == 404


def test_one_years_ranking_ranks_only_that_years_figures_on_every_page(monkeypatch, seven_figures):
    # Larger figures of another year and another place must not push the 2023 ranks down.
    for index, number in enumerate(["90", "45", "40"]):
        report = factories.report(factories.agency(f"第{index}区人民政府"), year=2022)
        value(number, report_id=report.pk).save()
    monkeypatch.setattr("reports.compare.ranking.MAX_RANKING_ROWS", 2)
    pages = [indicator_ranking(seven_figures, PlaceFilter(), 2023, page) for page in (1, 2, 3, 4)]

    assert [[entry.cell.rank for entry in page.entries] for page in pages] == [[1, 2], [2, 2], [5, 6], [None]]
    assert {entry.report.year for page in pages for entry in page.entries} == {2023}
    all_years = indicator_ranking(seven_figures, PlaceFilter(), None, 2)
    assert [(entry.cell.text, entry.cell.rank) for entry in all_years.entries] == [("45件", 3), ("40件", 4)]


def test_ranking_pages_link_each_other_and_export_what_they_show(client, monkeypatch, seven_figures):
    monkeypatch.setattr("reports.compare.ranking.MAX_RANKING_ROWS", 3)
    url = reverse("reports:compare-indicator", args=["npc_suggestions"])
    html = client.get(url, {"page": 2}).content.decode()

    assert "第 2 页，共 3 页" in html and "第 4–6 行" in html
    assert f'href="{url}" rel="prev"' in html and f'href="{url}?page=3" rel="next"' in html
    rows = csv_rows(client.get(url, {"page": 2, "format": "csv"}))
    assert [(row["排名"], row["数值"]) for row in rows] == [("2", "40件"), ("5", "30件"), ("6", "10件")]
    for bad, status, message in [
        ("0", 400, "从 1 开始"),
        ("x", 400, "应为正整数"),
        ("9", 404, "没有第 9 页"),
    ]:
        response = client.get(url, {"page": bad})
        assert response.status_code == status and message in response.content.decode()


@pytest.mark.parametrize("rows", [2, 3])
def test_a_reports_ranking_page_is_the_page_that_shows_its_row(monkeypatch, seven_figures, rows):
    # Ties cross the page boundaries (40件 three times), and 7个 follows the ranked rows.
    monkeypatch.setattr("reports.compare.ranking.MAX_RANKING_ROWS", rows)
    place = PlaceFilter(kind=Agency.Kind.GOVERNMENT, level=Region.Level.COUNTY)
    pages = indicator_ranking(seven_figures, place, 2023).pages

    shown = {
        entry.report.pk: page
        for page in range(1, pages + 1)
        for entry in indicator_ranking(seven_figures, place, 2023, page).entries
    }
    assert len(shown) == 7 and max(shown.values()) > 2
    assert {pk: ranking_page_of(seven_figures, place, 2023, pk) for pk in shown} == shown
    silent = factories.report(factories.agency("不写这一项的县人民政府"))
    assert ranking_page_of(seven_figures, place, 2023, silent.pk) is None  # no row


def test_a_reports_ranking_link_opens_the_page_that_holds_its_row(client, monkeypatch, seven_figures):
    """The link opened page 1 at #report-<id>, which marked nothing for a row further down."""
    monkeypatch.setattr("reports.compare.ranking.MAX_RANKING_ROWS", 3)
    ten = ChosenFigure.objects.get(key="npc_suggestions", base_value=10).report_id  # row 6 of 7
    ranking = reverse("reports:compare-indicator", args=["npc_suggestions"])

    response = client.get(reverse("reports:ranking-row", args=["npc_suggestions", ten]))

    assert response.status_code == 302
    assert response["Location"] == f"{ranking}?year=2023&kind=government&level=county&page=2#report-{ten}"
    assert f'<tr id="report-{ten}">' in client.get(response["Location"].partition("#")[0]).content.decode()
    for url in (
        reverse("reports:ranking-row", args=["npc_suggestions", 999999]),
        reverse("reports:ranking-row", args=["no_such_key", ten]),
    ):
        assert client.get(url).status_code == 404


def test_a_ranking_link_of_a_report_without_a_row_says_so_and_an_old_versions_opens_the_current_row(
    client, seven_figures
):
    # both redirected to the first page at an anchor that marked nothing
    ten = Report.objects.get(pk=ChosenFigure.objects.get(key="npc_suggestions", base_value=10).report_id)
    silent = factories.report(factories.agency("不写这一项的县人民政府"))
    old = factories.report(ten.agency, year=2023, is_current=False, superseded_by=ten)

    refused = client.get(reverse("reports:ranking-row", args=["npc_suggestions", silent.pk]))
    moved = client.get(reverse("reports:ranking-row", args=["npc_suggestions", old.pk]))

    assert refused.status_code == 404 and "没有给出" in refused.content.decode()
    assert moved["Location"] == reverse("reports:ranking-row", args=["npc_suggestions", ten.pk])


@pytest.mark.django_db
def test_a_country_ranking_kept_between_requests_follows_every_new_figure():
    definition = IndicatorDefinition.objects.get(key="npc_suggestions")
    first = factories.report(factories.agency("甲县人民政府"))
    value("40", report_id=first.pk).save()
    assert [e.cell.text for e in indicator_ranking(definition, PlaceFilter(), None).entries] == ["40件"]

    second = factories.report(factories.agency("乙县人民政府"))
    value("70", report_id=second.pk).save()
    ranking = indicator_ranking(definition, PlaceFilter(), None)
    assert [(e.agency.name, e.cell.rank) for e in ranking.entries] == [
        ("乙县人民政府", 1),
        ("甲县人民政府", 2),
    ]

    factories.report(factories.agency("丙县人民政府"))  # states nothing: counted as not reported
    assert indicator_ranking(definition, PlaceFilter(), None).not_reported == 1


def test_ranking_page_has_a_linked_bar_chart_and_csv_equal_to_the_table(client, seeds):
    url = reverse("reports:compare-indicator", args=["npc_suggestions"])
    html = client.get(url).content.decode()
    rows = csv_rows(client.get(url + "?format=csv"))

    chart = re.search(r'<svg class="chart chart--bars chart--bars-wide".*?</svg>', html, re.S).group(0)
    assert 'role="img"' in chart and "<title>" in chart
    assert chart.count('<rect class="chart__bar"') == 2
    # The same chart laid out for a narrow screen follows it: same words, same links.
    narrow = re.search(r'<svg class="chart chart--bars chart--bars-narrow".*?</svg>', html, re.S).group(0)
    assert re.search(r'aria-label="[^"]*"', narrow).group(0) == re.search(r'aria-label="[^"]*"', chart).group(
        0
    )
    assert re.findall(r'href="([^"]*)"', narrow) == re.findall(r'href="([^"]*)"', chart)
    # Each row shows what its figure counts, the figure marked in its words.
    excerpts = re.findall(r'<td class="compare-excerpt">(.*?)</td>', html, re.S)
    assert len(excerpts) == len(rows) and all("<mark>" in excerpt for excerpt in excerpts)
    # All years: each bar names its year first, so a long name cut short keeps it.
    assert len(re.findall(r'class="chart__label"[^>]*>\d{4}年 ', chart)) == 2
    table = re.findall(
        r'<td class="compare-rank-cell">(\d+)</td>\s*<th scope="row"><a [^>]*>([^<]+)</a>', html
    )
    cells = page_cells(html)
    assert (
        [(r["排名"], r["机关"]) for r in rows]
        == table
        == [("1", "重庆市綦江区人民政府"), ("2", "吴忠市利通区人民政府")]
    )
    for row in rows:
        assert cells[(row["报告ID"], "value")]["value"] == row["数值"]
        assert row["原文链接"].endswith(cells[(row["报告ID"], "value")]["href"])
        # the year opens the report itself, not only its figure
        year_link = f'<td class="compare-year-cell"><a href="/reports/{row["报告ID"]}/" title="打开这份报告">'
        assert year_link + f"{row['年度']}</a>" in html
        assert (
            row["原文链接"] in chart.replace("&amp;", "&") or cells[(row["报告ID"], "value")]["href"] in chart
        )
    assert "另有 3 份报告没有给出这项指标的数值" in html


@pytest.mark.django_db
def test_a_ranking_with_no_figure_says_how_many_reports_gave_none_without_another(client, seeds):
    url = reverse("reports:compare-indicator", args=["reconsideration_correction_rate"])

    html = unescape(client.get(url).content.decode())

    assert "所选范围内的 5 份报告都没有给出这项指标的数值" in html
    assert not re.search(r"另有 \d+ 份报告", html) and "没有报告提到" not in html


@pytest.mark.django_db
def test_ranking_filters_by_year_kind_and_region(client, seeds):
    base = reverse("reports:compare-indicator", args=["items_handled"])
    body = client.get(base + "?year=2023&kind=department&format=json").json()
    assert [row["agency"] for row in body["rows"]] == ["重庆市綦江区交通局", "重庆市潼南区城市管理局"]
    body = client.get(base + "?region=500152&format=json").json()
    assert [row["agency"] for row in body["rows"]] == ["重庆市潼南区城市管理局"]
    # The form offers the places to choose from, the chosen one (a county) selected.
    html = client.get(base + "?region=500152").content.decode()
    picker = html[
        html.index('<select id="rank-region"') : html.index("</select>", html.index('id="rank-region"'))
    ]
    assert '<option value="500000">重庆市(3)</option>' in picker
    assert '<option value="500152" selected>重庆市潼南区</option>' in picker


@pytest.mark.django_db
def test_the_ranking_s_region_picker_counts_the_reports_stating_the_figure_under_its_other_filters(client):
    def agency(code: str, kind: str = Agency.Kind.GOVERNMENT) -> Agency:
        return factories.agency(region_code=code, kind=kind)

    factories.report_with_parts(agency("500110"), 2023, "全年办理人大代表建议12件。")
    factories.report_with_parts(agency("500152"), 2022, "全年办理人大代表建议30件。")
    factories.report_with_parts(agency("500152", Agency.Kind.DEPARTMENT), 2023, "办理人大代表建议3件。")
    factories.report_with_parts(agency("640302"), 2023, "全年办理人大代表建议8件。")
    factories.report_with_parts(agency("640303"), 2023, "推进依法行政。")  # held, no figure
    base = reverse("reports:compare-indicator", args=["npc_suggestions"])

    def picker(query: str) -> dict[str, int]:
        html = client.get(base + query).content.decode()
        opened = html.index('<select id="rank-region"')
        select = html[opened : html.index("</select>", opened)]
        return {name: int(count) for name, count in re.findall(r"(?:— )?([^>(]+)\((\d+)\)</option>", select)}

    assert picker("") == {"重庆市": 3, "宁夏回族自治区": 1, "吴忠市": 1}
    assert picker("?year=2023&kind=government") == {"重庆市": 1, "宁夏回族自治区": 1, "吴忠市": 1}
    for code, name in (("500000", "重庆市"), ("640300", "吴忠市")):  # the count is the ranking's total
        rows = client.get(base + f"?year=2023&region={code}&format=json").json()["rows"]
        assert len(rows) == picker(f"?year=2023&region={code}")[name]
    # The year page's picker still counts the reports held.
    year_page = client.get(reverse("reports:compare-year") + "?year=2023").content.decode()
    assert "宁夏回族自治区(2)" in year_page


@pytest.mark.django_db
def test_staff_can_correct_a_ranked_figure_from_the_ranking(client, admin_client, seeds):
    url = reverse("reports:compare-indicator", args=["npc_suggestions"])
    value = IndicatorValue.objects.filter(key="npc_suggestions").first()
    correct = (
        f'href="/admin/reports/indicatorcorrection/add/?report={value.report_id}'
        f'&amp;start={value.start}&amp;end={value.end}"'
    )

    assert correct in admin_client.get(url).content.decode()
    assert "校正" not in client.get(url).content.decode()  # readers see no admin link
    form = admin_client.get(unescape(correct[6:-1]))
    assert form.status_code == 200 and value.figure in form.content.decode()


# --- every figure opens its sentence ---------------------------------------------------------------


@pytest.mark.django_db
def test_every_figure_link_on_a_compare_page_opens_its_marked_sentence(client, seeds):
    html = client.get(reverse("reports:compare-indicator", args=["items_handled"])).content.decode()
    links = set(re.findall(r'href="(/reports/\d+/figures/\d+-\d+/\?at=[^"]+)"', html))
    assert len(links) == 3

    for link in links:
        response = client.get(unescape(link))
        assert response.status_code == 302
        report_id, start, end = map(int, re.match(r"/reports/(\d+)/figures/(\d+)-(\d+)/", link).groups())
        target = IndicatorValue.objects.get(report_id=report_id, start=start, end=end)
        assert response["Location"] == f"/reports/{report_id}/#{target.anchor}"
        page = client.get(response["Location"].split("#")[0]).content.decode()
        assert f'<span class="indicator-figure" id="{target.anchor}">' in page


@pytest.mark.django_db
def test_figure_links_survive_re_extraction(client, seeds):
    report = seeds[5]
    target = report.indicator_values.get(key="npc_suggestions")
    link = reverse("reports:figure", args=[report.pk, target.start, target.end])
    old_anchor = client.get(link)["Location"]

    extract_and_store(report)  # renumbers every value
    new = report.indicator_values.get(start=target.start, end=target.end)
    assert new.pk != target.pk
    # the anchor is the figure's place in the text: the same after re-extraction as before
    assert client.get(link)["Location"] == f"/reports/{report.pk}/#{new.anchor}" == old_anchor


@pytest.mark.django_db
def test_figure_link_to_an_unknown_report_or_offset_is_handled(client, seeds):
    missing = client.get(reverse("reports:figure", args=[999999, 1, 2]))
    assert missing.status_code == 404 and "没有编号为 999999 的报告" in missing.content.decode()
    nowhere = client.get(reverse("reports:figure", args=[1, 0, 1]))
    assert nowhere.status_code == 302 and nowhere["Location"].startswith("/reports/1/")


@pytest.mark.django_db
def test_a_figure_link_made_before_a_re_parse_moved_the_text_follows_its_words_to_the_figure(client, seeds):
    report = seeds[5]
    target = report.indicator_values.get(key="npc_suggestions")
    link = figure_url(target)
    assert "?at=" in link and client.get(link)["Location"] == f"/reports/{report.pk}/#{target.anchor}"

    # Newer reading rules read the file into another text: a line no longer starts it.
    dropped = report.text.index("\n") + 1
    report.text = report.text[dropped:]
    report.save(update_fields=["text"])
    sections = Section.objects.filter(report=report)
    sections.update(start=Greatest(F("start") - dropped, 0), end=F("end") - dropped)
    extract_and_store(report)
    moved = report.indicator_values.get(key="npc_suggestions")
    assert moved.start == target.start - dropped

    assert client.get(link)["Location"] == f"/reports/{report.pk}/#{moved.anchor}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("全年办理政协提案12件。", "现在的正文中找不到这段文字"),
        ("办理人大代表建议322件;另办理人大代表建议322件。", "这段文字出现了 2 次"),
    ],
)
def test_a_figure_link_whose_words_the_text_no_longer_holds_once_says_so(text, message):
    report = Report(text=text)

    with pytest.raises(CompareError) as refused:
        follow_words(report, 40, 44, "人大代表建议322件")

    assert refused.value.status == 404
    assert "重新读取" in refused.value.message and message in refused.value.message


def test_a_figure_link_whose_words_still_end_at_its_offsets_keeps_them():
    report = Report(text="办理人大代表建议322件。另办理人大代表建议322件。")

    assert follow_words(report, 22, 26, "代表建议322件") == (22, 26)  # the second, though twice
    assert follow_words(report, 8, 12, "") == (8, 12)  # a link made before links held words


def test_a_figure_link_spanning_more_than_its_words_is_not_followed_to_them():
    # the site's links end their words with the figure: 0-999999 was moved to a negative start
    report = Report(text="办理人大代表建议322件。")

    assert follow_words(report, 0, 999999, "代表建议322件") == (0, 999999)  # refused as past the end


@pytest.mark.django_db
def test_a_figure_link_whose_figure_is_no_longer_read_opens_the_section_holding_it(client, seeds):
    report = seeds[5]
    target = report.indicator_values.get(key="npc_suggestions")
    IndicatorCorrection.objects.create(report=report, start=target.start, end=target.end, is_rejected=True)
    extract_and_store(report)

    location = client.get(reverse("reports:figure", args=[report.pk, target.start, target.end]))["Location"]

    assert location == f"/reports/{report.pk}/#{target.section.anchor}"


# --- CSV equals the page: agency years --------------------------------------------------------------


@pytest.mark.django_db
def test_agency_csv_equals_the_page_and_json_has_the_same_rows(client, county):
    agency, _reports = county
    url = reverse("reports:compare-agency", args=[agency.pk])
    cells = page_cells(client.get(url).content.decode())
    response = client.get(url + "?format=csv")
    rows = csv_rows(response)
    body = client.get(url + "?format=json").json()

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert len(rows) == len(cells) == len(body["rows"])
    for row, item in zip(rows, body["rows"], strict=True):
        shown = cells[(row["指标键"], row["年度"])]
        # The CSV's text is the page's, with an apostrophe before a leading + (not a formula).
        change = spreadsheet_text(shown["change"])
        assert (row["数值"], row["增减"], row["范围"]) == (shown["value"], change, shown["scope"])
        assert row["同报告其他数值"] == shown["alternatives"]
        assert (item["value"], item["change"], item["key"]) == (row["数值"], shown["change"], row["指标键"])
        assert row["数值"] != "0"
    assert body["years"] == [2021, 2022, 2023] and body["agency"]["id"] == agency.pk


@pytest.mark.django_db
def test_agency_page_can_be_limited_to_chosen_keys(client, county):
    agency, _ = county
    url = reverse("reports:compare-agency", args=[agency.pk]) + "?keys=cppcc_proposals"
    cells = page_cells(client.get(url).content.decode())
    assert {key for key, _ in cells} == {"cppcc_proposals"}


# --- bad input -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/compare/agency/999999/", 404, "没有编号为 999999 的机关"),
        ("/compare/agency/1/?keys=nope", 404, "没有这些指标:nope"),
        ("/compare/agency/1/?format=xml", 400, "format"),
        ("/compare/year/?year=abc&region=500000", 400, "应为正整数"),
        ("/compare/year/?year=1800&region=500000", 400, "不在"),
        ("/compare/year/?region=12", 400, "6位数字"),
        ("/compare/year/?region=999999", 404, "没有区划代码为 999999"),
        ("/compare/year/?kind=party", 400, "机关类型"),
        ("/compare/year/?agencies=1,x", 400, "应为正整数"),
        ("/compare/year/?agencies=999998", 404, "没有编号为 999998 的机关"),
        ("/compare/year/?region=500000&year=2023&keys=items_handled&sort=petitions", 400, "排序指标"),
        ("/compare/indicator/no_such_key/", 404, "没有指标"),
        ("/compare/indicator/items_handled/?year=20x3", 400, "应为正整数"),
        ("/compare/reports/?a=1", 400, "缺少参数 b"),
        ("/compare/reports/?a=1&b=x", 400, "应为正整数"),
        ("/compare/reports/?a=1&b=999999", 404, "没有编号为 999999 的报告"),
        ("/compare/promises/5/?year=2019", 404, "没有2019年度的报告"),
        ("/compare/promises/999999/", 404, "没有编号为 999999 的机关"),
    ],
)
def test_bad_input_gets_a_clear_message_in_the_normal_layout(client, seeds, url, status, message):
    response = client.get(url)
    html = response.content.decode()

    assert response.status_code == status
    assert message in unescape(html)
    assert 'class="site-header"' in html and 'role="alert"' in html
    json_response = client.get(url + ("&" if "?" in url else "?") + "format=json")
    if "format=xml" not in url:
        assert json_response.status_code == status and message in json_response.json()["error"]


@pytest.mark.django_db
def test_too_many_agencies_or_keys_are_refused_with_the_limit(client, seeds):
    ids = ",".join(str(n) for n in range(1, MAX_AGENCIES + 2))
    response = client.get(f"/compare/year/?agencies={ids}")
    assert response.status_code == 400 and f"最多比较 {MAX_AGENCIES} 个机关" in response.content.decode()

    keys = ",".join(IndicatorDefinition.objects.values_list("key", flat=True)[: MAX_KEYS + 1])
    response = client.get(f"/compare/year/?region=500000&keys={keys}")
    assert response.status_code == 400 and f"最多比较 {MAX_KEYS} 项指标" in response.content.decode()


@pytest.mark.django_db
def test_a_region_with_more_agencies_than_the_limit_is_refused(client):
    for n in range(MAX_AGENCIES + 1):
        factories.report(
            factories.agency(f"某局{n}", region_code="500110", kind=Agency.Kind.DEPARTMENT), year=2023
        )
    response = client.get("/compare/year/?region=500110&kind=department")
    assert response.status_code == 400
    assert f"有 {MAX_AGENCIES + 1} 份报告,超过一次比较的上限" in response.content.decode()


@pytest.mark.django_db
def test_year_page_without_parameters_shows_the_form(client, seeds):
    response = client.get("/compare/year/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "还没有选择地区" in html and 'name="keys"' in html


@pytest.mark.django_db
def test_year_page_without_a_place_says_it_compares_the_whole_country(client, seeds):
    html = client.get("/compare/year/?kind=government").content.decode()

    assert "<h1>全国人民政府2023年度指标比较</h1>" in html
    assert "利通区人民政府" in html
    # No year was asked for: the page says which it chose and why.
    assert "未指定年度:显示全国人民政府报告最多的 2023 年度(1 份)。" in html
    assert "未指定年度" not in client.get("/compare/year/?kind=government&year=2023").content.decode()


@pytest.mark.django_db
def test_a_filtered_ranking_says_its_scope_in_its_title(client, seeds):
    url = reverse("reports:compare-indicator", args=["items_handled"])

    assert "<h1>“受理/办结审批服务事项”排名</h1>" in client.get(url).content.decode()
    filtered = client.get(url + "?region=500000&year=2023").content.decode()
    assert "<h1>“受理/办结审批服务事项”排名(重庆市及下辖各级机关,2023年度)</h1>" in filtered


# --- texts side by side, promises kept ----------------------------------------------------------------


@pytest.mark.django_db
def test_two_reports_are_aligned_by_part_and_their_figures_link_to_sentences(client, seeds):
    url = reverse("reports:compare-reports") + "?a=1&b=5"
    html = client.get(url).content.decode()
    rows = csv_rows(client.get(url + "&format=csv"))

    assert "(含报告编号和各部分原文)" in html and "原句和数字在正文中的位置" not in html  # what the CSV holds
    parts = re.findall(r'<h2 id="part-(\w+)">', html)
    assert parts == [label for label in Section.Label.values if label in parts]
    assert {"measures", "problems", "next_steps"} <= set(parts)
    figure_link = r'<a class="compare-figure" href="(/reports/(\d+)/figures/(\d+)-(\d+)/\?at=[^"]+)"'
    figures = re.findall(figure_link, html)
    assert (
        len(figures)
        == Report.objects.get(pk=1).indicator_values.count()
        + Report.objects.get(pk=5).indicator_values.count()
        - _values_outside_bodies()
    )
    for _, report_id, start, end in figures[:20]:
        assert IndicatorValue.objects.filter(report_id=report_id, start=start, end=end).exists()
    # The CSV holds the same section texts the page shows, paragraph by paragraph.
    page_text = unescape(re.sub(r"<[^>]+>", "", html))
    for row in rows:
        for paragraph in row["正文"].splitlines():
            assert paragraph in page_text
    assert {row["部分"] for row in rows} >= {"主要举措和成效", "下一步安排"}
    assert any("既有人民政府也有政府部门" in w for w in [unescape(html)])


def _values_outside_bodies() -> int:
    """Values of reports 1 and 5 that lie in a heading rather than a section body."""
    count = 0
    for value in IndicatorValue.objects.filter(report_id__in=[1, 5]).select_related("section", "report"):
        section = value.section
        text = value.report.text
        body_end = section.start + len(text[section.start : section.end].rstrip())
        body_start = body_end - len(section.body)
        if not (body_start <= value.start and value.end <= body_end):
            count += 1
    return count


@pytest.mark.django_db
def test_promises_put_one_years_plans_beside_the_next_years_measures(client, county):
    agency, reports = county
    factories.report_with_parts(agency, 2024, "全年办理人大代表建议310件。")
    result = promises(agency, 2023)

    assert result.plan == reports[2023] and result.outcome.year == 2024
    assert [text.plain for text in result.plans] == ["一是办理人大代表建议力争300件。二是完善复议工作机制。"]
    assert [text.plain for text in result.outcomes] == ["全年办理人大代表建议310件。"]
    # Without a year: the latest year whose following year is in the library.
    assert promises(agency, None).year == 2023

    url = reverse("reports:compare-promises", args=[agency.pk])
    html = client.get(url).content.decode()
    assert "2023年报告\uff1a下一步安排" in html and "2024年报告\uff1a主要举措和成效" in html
    permalink = r'固定链接\uff1a<a href="[^"]*\?year=2023">http://testserver/[^"<]*\?year=2023</a>'
    assert re.search(permalink, html)  # written out whole
    rows = csv_rows(client.get(url + "?year=2023&format=csv"))
    assert [(row["类别"], row["年度"], row["正文"]) for row in rows] == [
        ("计划", "2023", "一是办理人大代表建议力争300件。二是完善复议工作机制。"),
        ("落实", "2024", "全年办理人大代表建议310件。"),
    ]
    latest = client.get(url + "?year=2024").content.decode()
    assert "还没有" in latest and "2025年度的报告" in latest


def _signed_report(year: int, measures: str, plans: str) -> Report:
    """A county government's report read by the importer, its signature block at the end."""
    text = "\n".join(
        [
            f"吴忠市红寺堡区人民政府关于{year}年法治政府建设情况的报告",
            f"{year}年,我区深入推进法治政府建设,现将有关情况报告如下:",
            "一、主要举措和成效",
            f"(一)完善依法行政制度体系。{measures}",
            # Long enough to be taken for a report (300 Chinese characters at least).
            "(二)严格规范公正文明执法。"
            + "全面落实行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度。" * 6,
            "二、存在的不足",
            "执法队伍专业化程度不高,基层执法力量仍然薄弱,运用法治思维和法治方式解决问题的能力有待提高。",
            f"三、{year + 1}年工作打算",
            f"(一)深化行政执法体制改革。{plans}",
            "吴忠市红寺堡区人民政府",
            f"{year + 1}年1月20日",
        ]
    )
    outcome = import_report(text.encode(), filename=f"hongsibu-{year}.txt")
    assert not outcome.failed, outcome.reason
    return Report.objects.get(pk=outcome.report_id)


@pytest.mark.django_db
def test_a_signature_closes_the_report_page_and_stays_out_of_plans_and_comparisons(client):
    plan = _signed_report(2022, "全年审查规范性文件12件。", "推进执法规范化建设。")
    outcome = _signed_report(2023, "全年审查规范性文件15件。", "继续推进执法规范化。")

    last_plan = plan.sections.get(label=Section.Label.NEXT_STEPS, level=2)
    signature = plan.sections.get(label=Section.Label.SIGNATURE)
    assert last_plan.body == "推进执法规范化建设。"
    assert signature.body == "吴忠市红寺堡区人民政府\n2023年1月20日"
    assert plan.signed_on.isoformat() == "2023-01-20"

    page = client.get(plan.get_absolute_url()).content.decode()
    closing = re.search(r'<section class="[^"]*section--signature" id="ssign">(.*?)</section>', page, re.S)
    assert closing and ">落款<" in closing.group(1) and "2023年1月20日" in closing.group(1)
    assert page.rindex("推进执法规范化建设。") < closing.start()  # the last thing on the page

    promised = reverse("reports:compare-promises", args=[plan.agency_id]) + "?year=2022&format=csv"
    rows = csv_rows(client.get(promised))
    assert [row["正文"] for row in rows if row["类别"] == "计划" and row["正文"]] == ["推进执法规范化建设。"]
    assert not any("1月20日" in row["正文"] for row in rows)
    side_by_side = reverse("reports:compare-reports") + f"?a={plan.pk}&b={outcome.pk}&format=csv"
    assert "落款" not in {row["部分"] for row in csv_rows(client.get(side_by_side))}


def _text(heading: str, body: str, *, topic: str = "", path: str = "1") -> SectionText:
    section = Section(path=path, level=path.count(".") + 1, heading=heading, body=body, topic=topic)
    return SectionText(section, [line for line in body.split("\n") if line])


def test_each_plan_points_to_the_next_years_measures_on_its_topic():
    enforcement = _text("严格规范公正文明执法", "开展执法培训12期。", topic="enforcement", path="1.1")
    services = _text("深化政务服务改革", "一网通办事项520项。", topic="functions_services", path="1.2")
    items = _text(
        "下一步工作打算", "一是深化行政执法体制改革。\n二是推进政务服务一网通办。\n三是加强自身建设。"
    )
    item = _text("严格规范行政执法行为", "落实行政执法三项制度。\n加强执法监督。", path="2.1")

    listed = plan_with_related(items, [enforcement, services])
    headed = plan_with_related(item, [enforcement, services])

    assert [(r.name, r.sections) if r else None for _p, r in listed.paragraphs] == [
        ("行政执法", [enforcement]),
        ("政府职能和政务服务", [services]),
        None,
    ]
    assert listed.after is None
    # An item whose heading names the topic points once, after its paragraphs.
    assert [r for _p, r in headed.paragraphs] == [None, None]
    assert (headed.after.topic, headed.after.sections) == ("enforcement", [enforcement])
    assert plan_with_related(item, [services]).after is None  # nothing on the topic next year
    introduction = plan_with_related(items, [enforcement, services], introduces=True)
    assert [r for _p, r in introduction.paragraphs] == [None, None, None] and introduction.after is None


@pytest.mark.django_db
def test_the_compare_index_names_the_agencies_whose_plans_it_can_set_beside_the_next_year(client, county):
    # only 3 agency-years of the library could be compared so (a journalist's review): say which
    agency, reports = county
    alone = factories.agency(region_code="500110")
    factories.report_with_parts(alone, 2023, "全年办理人大代表建议50件。")  # plans, no next year

    html = unescape(client.get(reverse("reports:compare")).content.decode())

    # the latest year whose plans have the next year's report: 2022 (2023's have no 2024)
    promises = reverse("reports:compare-promises", args=[agency.pk])
    assert f'<a href="{promises}?year=2022">{agency.name}(2022→2023)</a>' in html
    # a year without a plans part is no pair: the one before it is
    reports[2022].sections.filter(label=Section.Label.NEXT_STEPS).update(label=Section.Label.OTHER)
    Report.objects.filter(pk=reports[2022].pk).update(title="改")  # the library changed
    again = unescape(client.get(reverse("reports:compare")).content.decode())
    assert f'<a href="{promises}?year=2021">{agency.name}(2021→2022)</a>' in again
    assert alone.name not in html.split("可以对照计划与落实的机关", 1)[1].split("</p>", 1)[0]
    Report.objects.update(is_current=False)
    assert "暂时无法对照计划与落实" in unescape(client.get(reverse("reports:compare")).content.decode())


@pytest.mark.django_db
def test_the_promises_page_links_each_plan_to_the_measures_on_its_topic(client):
    agency = factories.agency("吴忠市利通区人民政府", region_code="640302")
    plan = factories.report(agency, year=2022)
    for path, heading, body in [
        ("2", "下一步工作打算", "围绕执法中心工作,重点做好以下工作:"),  # introduces the items below
        ("2.1", "推进依法行政", "一是深化行政执法体制改革。\n二是加强自身建设。"),
    ]:
        factories.section(plan, path, heading=heading, body=body, label=Section.Label.NEXT_STEPS)
    outcome = factories.report(agency, year=2023)
    factories.section(outcome, "1", heading="主要举措和成效")
    factories.section(
        outcome, "1.1", heading="严格规范公正文明执法", body="开展执法培训。", topic="enforcement"
    )

    html = client.get(reverse("reports:compare-promises", args=[agency.pk]) + "?year=2022").content.decode()

    pointer = (
        '<p class="compare-related">→ 下一年同主题(行政执法)的举措：'
        '<a href="#outcome-s1-1">严格规范公正文明执法</a></p>'
    )
    assert html.count(pointer) == 1
    assert html.index("一是深化行政执法体制改革") < html.index(pointer) < html.index("二是加强自身建设")
    assert 'id="outcome-s1-1"' in html
    rows = csv_rows(
        client.get(reverse("reports:compare-promises", args=[agency.pk]) + "?year=2022&format=csv")
    )
    assert [row["同主题的下一年举措"] for row in rows if row["类别"] == "计划"] == [
        "",
        "行政执法:严格规范公正文明执法",
    ]


@pytest.mark.parametrize(
    ("years", "with_plans", "expected"),
    [
        ([2023, 2022, 2021], {2021, 2023}, 2021),  # plans followed by a report beat a newer plan
        ([2023, 2022, 2021], {2023}, 2023),  # else the latest plan, even with nothing after it
        ([2023, 2022, 2021], set(), 2022),  # else as before: the latest year followed by another
        ([2023, 2021], set(), 2023),  # else the latest
    ],
)
def test_the_promises_page_opens_on_plans_it_can_set_beside_what_followed(years, with_plans, expected):
    assert default_plan_year(years, frozenset(with_plans)) == expected


@pytest.mark.django_db
def test_the_promises_page_opens_on_a_year_with_plans_and_the_chooser_says_which_have_them(client, county):
    agency, reports = county
    # 2022's report (followed by 2023's) says nothing of its next steps; 2021's does.
    reports[2022].sections.filter(label=Section.Label.NEXT_STEPS).delete()
    url = reverse("reports:compare-promises", args=[agency.pk])

    assert promises(agency, None).year == 2021
    html = client.get(url).content.decode()
    assert "2021年报告\uff1a下一步安排" in html and "2022年报告\uff1a主要举措和成效" in html
    chooser = html.split('aria-label="选择年度"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r"<li>(.*?)</li>", chooser) == [
        f'<a href="{url}?year=2022">2022年</a>',
        '<span aria-current="page">2021年(有下一步安排)</span>',
    ]
    # Asked for, a year without plans is still shown, saying so.
    assert MISSING_PLANS in client.get(url + "?year=2022").content.decode()


@pytest.mark.django_db
def test_a_part_a_report_lacks_is_a_row_of_the_csv_with_the_pages_words(client):
    agency = factories.agency(region_code="640303")
    plan = factories.report(agency, year=2022, text="利通区2022年法治政府建设情况报告")  # no sections
    outcome = factories.report_with_parts(agency, 2023, "全年办理人大代表建议310件。")
    url = reverse("reports:compare-promises", args=[agency.pk]) + "?year=2022"

    html = client.get(url).content.decode()
    rows = csv_rows(client.get(url + "&format=csv"))

    assert MISSING_PLANS in html
    assert [(row["类别"], row["报告ID"], row["正文"]) for row in rows] == [
        ("计划", str(plan.pk), MISSING_PLANS),
        ("落实", str(outcome.pk), "全年办理人大代表建议310件。"),
    ]


# --- links in -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_county_page_offers_to_compare_its_towns_and_the_table_lists_only_them(client):
    county = factories.agency(region_code="640302")  # 利通区人民政府
    town = factories.agency("吴忠市利通区金积镇人民政府", region_code="640302", level="township")
    for agency in (county, town):
        factories.report_with_parts(agency, 2023, "全年办理人大代表建议20件。")

    html = client.get(reverse("reports:region", args=["640302"])).content.decode()
    link = "/compare/year/?region=640302&amp;kind=government&amp;level=township"
    assert f'href="{link}">下辖各乡镇(街道)</a>' in html
    table = client.get(unescape(link) + "&format=json").json()
    assert [row["agency"] for row in table["rows"]] == ["吴忠市利通区金积镇人民政府"]


@pytest.mark.django_db
def test_agency_region_and_report_pages_link_to_the_compare_pages(client, seeds):
    agency = seeds[5].agency
    agency_html = client.get(reverse("reports:agency", args=[agency.pk])).content.decode()
    assert f'href="/compare/agency/{agency.pk}/"' in agency_html and "比较历年指标" in agency_html

    region_html = client.get(reverse("reports:region", args=["500000"])).content.decode()
    assert 'href="/compare/year/?region=500000&amp;kind=government&amp;level=county"' in region_html
    county_html = client.get(reverse("reports:region", args=["500110"])).content.decode()
    assert 'href="/compare/year/?region=500110&amp;kind=department&amp;level=county"' in county_html
    assert client.get("/compare/year/?region=500110&kind=department&level=county").status_code == 200

    # A figure's ranking opens among the report's peers: same year, kind and level, at its row.
    report = seeds[5]
    report_html = client.get(report.get_absolute_url()).content.decode()
    link = f"/compare/indicator/npc_suggestions/reports/{report.pk}/"
    assert f'class="indicators__rank" href="{link}"' in report_html
    peers = f"year={report.year}&kind={report.agency.kind}&level={report.agency.level}"
    assert client.get(link)["Location"] == f"/compare/indicator/npc_suggestions/?{peers}#report-{report.pk}"
    assert client.get("/compare/").status_code == 200


@pytest.mark.django_db
def test_ranking_shows_each_figures_scope_as_its_csv_does_and_exports_name_the_place(client):
    agency = factories.agency(region_code="640303")
    factories.report_with_parts(
        agency, 2023, "区政府负责人出庭应诉率100%,区级部门和镇街负责人出庭应诉率99.3%。"
    )
    url = reverse("reports:compare-indicator", args=["head_appearance_rate"])

    cells = page_cells(client.get(url).content.decode())
    (row,) = csv_rows(client.get(url + "?format=csv"))

    assert row["范围"] == "本级政府" == cells[(row["报告ID"], "value")]["scope"]
    assert (row["省份"], row["城市"], row["区县"], row["区划代码"]) == (
        "宁夏回族自治区",
        "吴忠市",
        "红寺堡区",
        "640303",
    )
    assert (row["机关层级"], row["机关类型"]) == ("县级", "人民政府")
    # The year table and the agency's table export the same place columns.
    for other in (
        reverse("reports:compare-year") + "?year=2023&region=640303",
        reverse("reports:compare-agency", args=[agency.pk]),
    ):
        assert {
            r["区划代码"] for r in csv_rows(client.get(other + ("&" if "?" in other else "?") + "format=csv"))
        } == {"640303"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("level", "kind", "described"),
    [
        ("", "government", "宁夏回族自治区吴忠市及下辖各级人民政府"),
        ("county", "government", "宁夏回族自治区吴忠市下辖县级人民政府"),
        ("city", "", "宁夏回族自治区吴忠市地级机关"),
    ],
)
def test_a_selection_says_whether_it_is_the_places_own_organs_or_those_below(level, kind, described):
    """吴忠市人民政府2023年度指标比较 headed a table of the governments in the city's counties."""
    place = PlaceFilter(region=factories.region("640300"), kind=kind, level=level)
    assert place.describe() == described


@pytest.mark.django_db
def test_a_figure_over_the_whole_jurisdiction_is_named_so_at_any_level(client):
    """全省 in a province's report was labelled 全区(全市、全县), the words of a county's."""
    province = factories.agency(region_code="320000")
    factories.report_with_parts(province, 2023, "全省行政机关负责人出庭应诉率达到100%。")
    url = reverse("reports:compare-indicator", args=["head_appearance_rate"])

    (row,) = csv_rows(client.get(url + "?format=csv"))

    cells = page_cells(client.get(url).content.decode())
    assert row["范围"] == "全辖区" == cells[(row["报告ID"], "value")]["scope"]


@pytest.mark.django_db
def test_coverage_counts_who_states_an_indicator_by_province_and_level_as_the_ranking_does(client, seeds):
    key = "npc_suggestions"
    ranking = indicator_ranking(IndicatorDefinition.objects.get(key=key), PlaceFilter(), None)
    url = reverse("reports:compare-coverage", args=[key])

    html = client.get(url).content.decode()
    rows = csv_rows(client.get(url + "?format=csv"))

    # the totals are named as the page heads them
    total = next(row for row in rows if row["省份"] == "合计" and row["机关层级"] == "合计")
    assert (int(total["提到该指标的报告"]), int(total["收录的报告"])) == (
        ranking.total,
        ranking.total + ranking.not_reported,
    )
    # Every cell the page shows is a row of the CSV, and each linked count opens a ranking of as many.
    shown = re.findall(r'<td class="coverage-cell">(?:<a href="([^"]+)">)?(\d+)(?:</a>)? / (\d+)', html)
    assert sorted((s, h) for _u, s, h in shown) == sorted(
        (r["提到该指标的报告"], r["收录的报告"]) for r in rows
    )
    for link, stated, _held in shown:
        if link:
            assert indicator_total(client, unescape(link)) == int(stated)
    assert "重庆市" in html and "宁夏回族自治区" in html
    assert "含各格的报告数、比例和排名网址" in html  # what its download holds: no report rows
    # A year or kind narrows the counts; a parameter it does not read is refused by the export.
    assert (
        client.get(url + "?year=1999").status_code == 400
        or "还没有收录报告" in client.get(url + "?year=2001").content.decode()
    )
    assert client.get(url + "?region=500000&format=csv").status_code == 400
    # Its JSON says what it is; the filter has its own name.
    body = client.get(url + "?kind=government&format=json").json()
    assert (body["kind"], body["agency_kind"]) == ("coverage", "government")
    assert "点击报告数可打开这些报告的排名" in html and "点击数字可打开报告原文" not in html
    # A ranking links to the coverage of its own year and kind.
    ranking = client.get(reverse("reports:compare-indicator", args=[key]) + "?year=2023&kind=government")
    assert f"{url}?year=2023&amp;kind=government" in ranking.content.decode()


@pytest.mark.django_db
def test_coverage_says_how_many_reports_without_the_figure_are_held_only_in_part(client):
    """29 / 616 (5%) stood without a word that 587 of those reports were openings."""
    whole = factories.report_with_parts(factories.agency("甲区政府"), 2023, "全年办理人大代表建议20件。")
    cut = factories.report_with_parts(factories.agency("乙区政府"), 2023, "全年开展普法活动3场。")
    Report.objects.update(text_cut=False)
    Report.objects.filter(pk=cut.pk).update(text_cut=True)

    html = client.get(reverse("reports:compare-coverage", args=["npc_suggestions"])).content.decode()

    assert "没有给出的 1 份报告中,1 份收录的正文不完整" in html
    Report.objects.filter(pk=whole.pk).update(text_cut=True)  # a partial report giving the figure
    html = client.get(reverse("reports:compare-coverage", args=["npc_suggestions"])).content.decode()
    assert "没有给出的 1 份报告中,1 份收录的正文不完整" in html


def test_coverage_shares_are_rounded_half_up():
    from reports.compare.coverage import CoverageCell

    assert [CoverageCell(n, 8).share for n in (1, 5)] == ["13%", "63%"]


def indicator_total(client, ranking_url: str) -> int:
    data = client.get(ranking_url + ("&" if "?" in ranking_url else "?") + "format=json").json()
    return data["total"]


@pytest.mark.django_db
def test_a_missing_plan_in_a_partial_text_says_it_may_be_in_the_part_not_stored(client):
    agency = factories.agency(region_code="640303")
    # The stored text stops inside a sentence (a scrape that kept only the opening).
    plan = factories.report(
        agency, year=2022, text="利通区2022年法治政府建设情况报告\n一、主要举措\n全年办理", text_cut=True
    )
    factories.report_with_parts(agency, 2023, "全年办理人大代表建议310件。")
    url = reverse("reports:compare-promises", args=[agency.pk]) + "?year=2022"

    html = client.get(url).content.decode()

    assert plan.text_cut
    assert "正文不完整" in html and "“下一步安排”可能在未收录的部分" in html
    # A whole text that has no plans says only that.
    plan.text_cut = False
    plan.save()
    assert "正文不完整" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_part_missing_from_a_partial_text_side_by_side_may_be_in_the_part_not_stored(client):
    agency = factories.agency(region_code="640303")
    partial = factories.report(
        agency, year=2022, text="利通区2022年法治政府建设情况报告\n一、主要举措\n全年办理", text_cut=True
    )
    factories.section(partial, "1", number="一、", heading="主要举措", body="全年办理", start=19, end=30)
    whole = factories.report_with_parts(agency, 2023, "全年办理人大代表建议310件。")
    whole.sections.filter(label=Section.Label.MEASURES).update(label=Section.Label.OTHER)
    Report.objects.filter(pk=whole.pk).update(text_cut=False)  # as a whole report is read
    url = reverse("reports:compare-reports") + f"?a={partial.pk}&b={whole.pk}"

    html = unescape(client.get(url).content.decode())
    rows = csv_rows(client.get(url + "&format=csv"))

    hedged = "没有这一部分。该报告收录的正文不完整(在句子中间结束或不足"
    assert hedged in html and "“下一步安排”可能在未收录的部分。" in html
    missing_plan = [row["正文"] for row in rows if row["位置"] == "左" and row["部分"] == "下一步安排"]
    assert len(missing_plan) == 1 and missing_plan[0].startswith(hedged)
    # the whole report lacks no part it might hold: it says only that it has none
    assert [row["正文"] for row in rows if row["位置"] == "右" and row["部分"] == "主要举措和成效"] == [
        "没有这一部分。"
    ]
    # nor does a partial text lack its opening, which is what it kept (a review)
    assert [row["正文"] for row in rows if row["位置"] == "左" and row["部分"] == "引言"] == [
        "没有这一部分。"
    ]


@pytest.mark.django_db
def test_a_table_over_the_limit_suggests_only_the_choices_not_made_yet(client):
    for n in range(MAX_AGENCIES + 1):
        factories.report(factories.agency(f"某县{n}人民政府", region_code="500110"), year=2023)

    chosen = client.get("/compare/year/?region=500000&kind=government&level=county&year=2023")
    # Kind and level chosen already: telling to choose them read as if the form were ignored.
    message = unescape(chosen.content.decode())
    assert chosen.status_code == 400
    assert "选定机关类型" not in message and "选定层级" not in message
    assert "请选一个更小的地区,或在“机关编号”中只列出要比较的机关。" in message

    nothing = unescape(client.get("/compare/year/?year=2023").content.decode())
    assert "请选定地区,选定机关类型、层级,或在“机关编号”中只列出要比较的机关。" in nothing


@pytest.mark.django_db
def test_compare_csv_cells_a_spreadsheet_would_run_as_formulas_are_defused(client, county):
    # "+50件(+25%)" opened in Excel as a formula (#NAME?); the search export guarded its cells,
    # the compare exports did not.
    agency, _reports = county
    url = reverse("reports:compare-agency", args=[agency.pk]) + "?keys=npc_suggestions&format=csv"

    rows = {row["年度"]: row for row in csv_rows(client.get(url))}

    assert rows["2022"]["增减"] == "'+50件(+25%)"
    assert rows["2022"]["增减数值(百分比为百分点)"] == "50"  # the change as a number too
    assert rows["2021"]["增减数值(百分比为百分点)"] == ""  # no year before it
    assert rows["2022"]["基本单位数值"] == "250"  # numbers stay numbers
    Agency.objects.filter(pk=agency.pk).update(name='=HYPERLINK("http://x")局')
    named = csv_rows(client.get(url))
    assert {row["机关"] for row in named} == {'\'=HYPERLINK("http://x")局'}


@pytest.mark.parametrize("written", ["12,35", "12，35", "12、35", "12, 35", "12 35", "12;35", "12；35"])
def test_a_list_parameter_is_split_at_whatever_separator_a_person_types(written):
    # a Chinese keyboard types ，or 、; a phone's digit pad offers none, so a space serves too
    assert listed(QueryDict(urlencode({"agencies": written})), "agencies") == ["12", "35"]


@pytest.mark.django_db
def test_the_year_tables_exports_name_the_agencies_asked_for_without_a_report_that_year(client, seeds):
    # the page named them; a script reading the export could not tell they were asked for
    without = factories.agency("某县人民政府", region_code="640303")
    ids = f"{seeds[1].agency_id},{without.pk}"
    url = reverse("reports:compare-year") + f"?agencies={ids}&year=2023"

    body = client.get(url + "&format=json").json()
    rows = csv_rows(client.get(url + "&format=csv"))

    note = f"以下机关没有2023年度的报告:{without.name}。"
    assert note in body["warnings"]
    assert body["without_report"] == [{"id": without.pk, "name": without.name}]
    json_row = next(row for row in body["rows"] if row["agency_id"] == without.pk)
    csv_row = next(row for row in rows if row["机关ID"] == str(without.pk))
    assert json_row["value"] == csv_row["数值"] == NO_REPORT and not csv_row["报告ID"]


@pytest.mark.django_db
def test_a_figure_staff_corrected_says_so_on_the_ranking_and_in_its_exports(client, seeds):
    # the report panel said 经人工校正; the ranking showed 76件 beside the words 调解75件
    report = seeds[5]
    value = report.indicator_values.get(key="npc_suggestions")
    IndicatorCorrection.objects.create(report=report, start=value.start, end=value.end, value=Decimal(400))
    extract_and_store(report)
    url = reverse("reports:compare-indicator", args=["npc_suggestions"]) + f"?year={report.year}"

    page = client.get(url).content.decode()
    rows = {row["报告ID"]: row["人工校正"] for row in csv_rows(client.get(url + "&format=csv"))}
    body = client.get(url + "&format=json").json()

    cell = re.search(rf'<td class="compare-cell[^"]*" data-row="{report.pk}".*?</td>', page, re.S).group(0)
    assert "经人工校正" in cell and page.count("经人工校正") == 1
    assert rows.pop(str(report.pk)) == "是" and set(rows.values()) <= {"否", ""}
    assert [row["report_id"] for row in body["rows"] if row["corrected"]] == [report.pk]


def test_compare_exports_cite_each_report_by_title_publication_and_source(client, seeds):
    # A journalist quoting an exported figure needed the report page for when and where it was
    # published, and whether the copy read was the publisher's own.
    url = reverse("reports:compare-indicator", args=["npc_suggestions"])
    own, copied = (Report.objects.get(pk=row["报告ID"]) for row in csv_rows(client.get(url + "?format=csv")))
    Report.objects.filter(pk=own.pk).update(source_url="https://www.gov.cn/zhengce/report.html")
    Report.objects.filter(pk=copied.pk).update(source_url="https://www.example.com/mirror/report.html")

    rows = {row["报告ID"]: row for row in csv_rows(client.get(url + "?format=csv"))}
    body = {row["report_id"]: row for row in client.get(url + "?format=json").json()["rows"]}

    for report, mirrored in ((own, "否"), (copied, "是")):
        row = rows[str(report.pk)]
        assert row["报告标题"] == report.title
        assert row["发布日期"] == report.published_on.isoformat()
        assert row["来源网址"] == Report.objects.get(pk=report.pk).source_url
        assert row["转载或镜像"] == mirrored
        assert body[report.pk]["from_other_site"] is (mirrored == "是")
    # A report with no source address says nothing either way (empty, never 否).
    Report.objects.filter(pk=own.pk).update(source_url="")
    row = {row["报告ID"]: row for row in csv_rows(client.get(url + "?format=csv"))}[str(own.pk)]
    assert row["来源网址"] == row["转载或镜像"] == ""


@pytest.mark.django_db
def test_agency_years_computes_no_change_between_two_facets_of_a_key_and_says_so(client):
    # 下放118项 then 精简140项 read +22项(+18.6%): two measures under one broad key
    agency = factories.agency(region_code="640303")
    factories.report_with_parts(agency, 2022, "全年下放行政审批事项118项。")
    factories.report_with_parts(agency, 2023, "全年精简行政审批事项140项。")
    factories.report_with_parts(agency, 2024, "全年精简行政审批事项150项。")

    result = agency_years(agency)
    row = next(row for row in result.rows if row.indicator.key == "approval_items_streamlined")
    url = reverse("reports:compare-agency", args=[agency.pk])
    html = client.get(url).content.decode()
    rows = [
        r
        for r in csv_rows(client.get(url + "?format=csv"))
        if r["指标键"] == "approval_items_streamlined" and not r["分类别行"]  # the key's row
    ]

    assert [cell.figure.facet for cell in row.cells] == ["下放", "精简", "精简"]
    # the trend line is not drawn across the change of facet: a dot, then a line of two
    assert row.sparkline.count("<polyline") == 1 and row.sparkline.count("<circle") == 3
    assert [cell.change_text for cell in row.cells] == ["", "类别不同,不计增减", "+10项(+7.1%)"]
    # a row of years says which year stated which (counts told a reader less)
    assert any(
        "分属不同类别(2022年 下放、2023年 精简、2024年 精简)" in warning for warning in result.warnings
    )
    assert "类别:下放" in html and "类别不同,不计增减" in html
    assert [(r["类别"], r["增减"], r["增减数值(百分比为百分点)"]) for r in rows] == [
        ("下放", "", ""),
        ("精简", "类别不同,不计增减", ""),
        ("精简", "'+10项(+7.1%)", "10"),  # defused as a spreadsheet formula
    ]


@pytest.mark.django_db
def test_an_agencys_years_give_no_change_between_figures_of_different_scopes(client):
    # a reviewer read +10场(+66.7%) from 15场 over 全区 to 25场 of 本级政府
    agency = factories.agency(region_code="640303")
    factories.report_with_parts(agency, 2022, "全区办理行政处罚案件2356件。")
    factories.report_with_parts(agency, 2023, "区政府办理行政处罚案件35件。")
    factories.report_with_parts(agency, 2024, "区政府办理行政处罚案件40件。")

    result = agency_years(agency)
    row = next(row for row in result.rows if row.indicator.key == "penalty_cases")
    url = reverse("reports:compare-agency", args=[agency.pk])
    rows = [r for r in csv_rows(client.get(url + "?format=csv")) if r["指标键"] == "penalty_cases"]

    assert [cell.figure.scope_name for cell in row.cells] == ["全辖区", "本级政府", "本级政府"]
    assert [cell.change_text for cell in row.cells] == ["", "范围不同,不计增减", "+5件(+14.3%)"]
    assert row.sparkline.count("<polyline") == 1 and row.sparkline.count("<circle") == 3
    assert any("范围不同的年份之间不计算增减,折线图在那里断开" in warning for warning in result.warnings)
    assert [r["增减"] for r in rows] == ["", "范围不同,不计增减", "'+5件(+14.3%)"]
    # a figure naming no scope is compared with either
    factories.report_with_parts(agency, 2025, "办理行政处罚案件50件。")
    latest = next(row for row in agency_years(agency).rows if row.indicator.key == "penalty_cases")
    assert latest.cells[-1].change_text == "+10件(+25%)"


@pytest.mark.django_db
def test_a_ranking_mixing_facets_of_its_key_warns_with_how_many_of_each(client):
    for code, sentence in (
        ("640302", "全年下放行政审批事项118项。"),
        ("640303", "全年下放行政审批事项90项。"),
        ("500110", "全年取消行政审批事项12项。"),
        ("320000", "全年精简行政审批事项15项。"),
    ):
        factories.report_with_parts(factories.agency(region_code=code), 2023, sentence)
    url = reverse("reports:compare-indicator", args=["approval_items_streamlined"])

    html = unescape(client.get(url).content.decode())
    body = client.get(url + "?format=json").json()

    assert "数字分属不同类别(下放 2个、取消 1个、精简 1个):排名把它们排在一起" in html
    assert html.count("类别:下放") == 2 and html.count("类别:取消") == 1
    assert sorted(row["facet"] for row in body["rows"]) == ["下放", "下放", "取消", "精简"]
    # a key without facets groups no figures by them and warns of none
    plain = unescape(
        client.get(reverse("reports:compare-indicator", args=["npc_suggestions"])).content.decode()
    )
    assert "类别" not in plain


@pytest.mark.django_db
def test_compare_exports_read_their_reports_citations_without_a_query_a_row(client):
    # a review counted four queries a row in the ranking's export (its title, date, source…)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(count: int) -> dict[str, int]:
        Report.objects.all().delete()
        for number in range(count):
            agency = factories.agency(f"红寺堡区第{number}局{count}", region_code="640303", kind="department")
            factories.report_with_parts(agency, 2023, "办理人大代表建议30件。")
        urls = {
            "ranking": reverse("reports:compare-indicator", args=["npc_suggestions"]) + "?format=csv",
            "year": reverse("reports:compare-year") + "?region=640303&year=2023&format=csv",
        }
        counted = {}
        for name, url in urls.items():
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counted[name] = len(queries)
        return counted

    assert queries_for(2) == queries_for(7)
