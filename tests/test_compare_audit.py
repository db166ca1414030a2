"""Compare pages after the site audit: exports mark synthetic reports and name the report read
for 未报告; the compare index is reachable and has a way into each comparison; the year page has
a real place form; bad figure links, sorts and repeated parameters are refused clearly; ranking
links keep the selection; index counts equal the rankings; a year without figures says so; the
promises picker offers only years with a following report."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from html import unescape

import pytest
from django.urls import reverse

from reports.compare import PlaceFilter, indicator_ranking, promises
from reports.compare.params import MAX_AGENCIES
from reports.compare.tables import default_year
from reports.indicators.store import extract_and_store
from reports.models import IndicatorDefinition, IndicatorValue, Report
from reports.seeding import load_seed_fixture
from tests import factories


def csv_rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.content.decode()[:300]
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(raw[1:])))


def main_part(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def seeds(db):
    assert load_seed_fixture() == 5
    return {report.pk: report for report in Report.objects.select_related("agency")}


@pytest.fixture
def county(db):
    """A county government with 2021–2023 reports; 2022 leaves out the proposals."""
    agency = factories.agency(region_code="640303")
    reports = {
        2021: factories.report_with_parts(agency, 2021, "全年办理人大代表建议200件,政协提案100件。"),
        2022: factories.report_with_parts(agency, 2022, "全年办理人大代表建议250件。"),
        2023: factories.report_with_parts(agency, 2023, "全年办理人大代表建议260件,政协提案80件。"),
    }
    return agency, reports


def mark_synthetic(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(is_synthetic=True)


# --- 1. exports mark synthetic reports and name the report read for 未报告 ---------------------------


@pytest.mark.django_db
def test_year_export_marks_synthetic_reports_and_names_the_report_of_missing_cells(client, seeds):
    synthetic, real = seeds[1], seeds[3]
    mark_synthetic(synthetic)
    url = (
        reverse("reports:compare-year")
        + f"?agencies={synthetic.agency_id},{real.agency_id}&year=2023&keys=items_handled,npc_suggestions"
    )
    rows = csv_rows(client.get(url + "&format=csv"))
    body = client.get(url + "&format=json").json()

    assert len(rows) == len(body["rows"]) == 4
    assert "合成样本" in rows[0]
    for row, item in zip(rows, body["rows"], strict=True):
        report = synthetic if row["机关ID"] == str(synthetic.agency_id) else real
        assert row["合成样本"] == ("是" if report == synthetic else "否")
        assert item["synthetic"] is (report == synthetic)
        # Every row names the report that was read, 未报告 included; never 0.
        assert row["报告ID"] == str(report.pk) and item["report_id"] == report.pk
        assert row["报告网址"] == f"http://testserver/reports/{report.pk}/"
    missing = [row for row in rows if row["数值"] == "未报告"]
    assert missing, "the selection should have a 未报告 cell"
    assert all(
        row["原文链接"] == row["原句"] == row["起始位置"] == row["基本单位数值"] == "" for row in missing
    )


@pytest.mark.django_db
def test_agency_years_export_names_the_report_of_a_missing_year_and_flags_synthetic(client, county):
    agency, reports = county
    mark_synthetic(reports[2022])
    url = reverse("reports:compare-agency", args=[agency.pk]) + "?keys=cppcc_proposals"
    rows = csv_rows(client.get(url + "&format=csv"))

    by_year = {row["年度"]: row for row in rows}
    assert by_year["2022"]["数值"] == "未报告"
    assert by_year["2022"]["报告ID"] == str(reports[2022].pk)
    assert by_year["2022"]["报告网址"].endswith(f"/reports/{reports[2022].pk}/")
    assert by_year["2022"]["原文链接"] == ""
    assert [by_year[y]["合成样本"] for y in ("2021", "2022", "2023")] == ["否", "是", "否"]
    json_rows = client.get(url + "&format=json").json()["rows"]
    assert [row["synthetic"] for row in json_rows] == [False, True, False]


@pytest.mark.django_db
def test_ranking_pair_and_promises_exports_flag_synthetic_reports(client, seeds, county):
    mark_synthetic(seeds[5])
    ranking = csv_rows(
        client.get(reverse("reports:compare-indicator", args=["npc_suggestions"]) + "?format=csv")
    )
    flags = {row["报告ID"]: row["合成样本"] for row in ranking}
    assert flags[str(seeds[5].pk)] == "是" and set(flags.values()) == {"是", "否"}

    pair = csv_rows(client.get(reverse("reports:compare-reports") + f"?a={seeds[5].pk}&b=1&format=csv"))
    assert {(row["位置"], row["合成样本"]) for row in pair} == {("左", "是"), ("右", "否")}

    agency, reports = county
    mark_synthetic(reports[2022])
    plans = csv_rows(
        client.get(reverse("reports:compare-promises", args=[agency.pk]) + "?year=2021&format=csv")
    )
    assert {(row["年度"], row["合成样本"]) for row in plans} == {("2021", "否"), ("2022", "是")}
    body = client.get(reverse("reports:compare-promises", args=[agency.pk]) + "?year=2021&format=json").json()
    assert {row["synthetic"] for row in body["rows"]} == {False, True}


def mark_cut(report: Report) -> None:
    """Only this report's text is partial (a factory's few lines all read as partial)."""
    Report.objects.update(text_cut=False)
    Report.objects.filter(pk=report.pk).update(text_cut=True)


@pytest.mark.django_db
def test_a_partial_texts_missing_figures_are_flagged_on_the_agency_table_and_its_exports(client, county):
    """未报告 beside a report of which only the opening is held may be in the part not held: the
    ranking said so, the agency's and the year's tables did not (nor did their exports)."""
    agency, reports = county
    mark_cut(reports[2022])
    url = reverse("reports:compare-agency", args=[agency.pk]) + "?keys=cppcc_proposals"

    page = main_part(client.get(url).content.decode())
    rows = {row["年度"]: row for row in csv_rows(client.get(url + "&format=csv"))}
    json_rows = client.get(url + "&format=json").json()["rows"]

    assert "2022年度的报告收录的正文不完整" in page and page.count("正文不完整</span>") == 1
    assert [rows[year]["正文不完整"] for year in ("2021", "2022", "2023")] == ["否", "是", "否"]
    assert [row["text_cut"] for row in json_rows] == [False, True, False]


@pytest.mark.django_db
def test_a_partial_texts_missing_figures_are_flagged_on_the_year_table_and_its_exports(client, county):
    agency, reports = county
    other = factories.agency("红寺堡区司法局", region_code="640303", kind="department")
    partial = factories.report_with_parts(other, 2022, "全年办理行政复议案件3件。")
    mark_cut(partial)
    url = reverse("reports:compare-year") + f"?agencies={agency.pk},{other.pk}&year=2022&keys=npc_suggestions"

    page = main_part(client.get(url).content.decode())
    rows = {row["机关"]: row for row in csv_rows(client.get(url + "&format=csv"))}

    assert "其中 1 份报告收录的正文不完整" in page and page.count("正文不完整</span>") == 1
    assert (rows["红寺堡区司法局"]["数值"], rows["红寺堡区司法局"]["正文不完整"]) == ("未报告", "是")
    assert rows[agency.name]["正文不完整"] == "否"
    # a partial report that states every figure asked for is not worth a warning
    stated = reverse("reports:compare-year") + f"?agencies={agency.pk}&year=2022&keys=npc_suggestions"
    mark_cut(reports[2022])
    assert "正文不完整</span>" in main_part(client.get(stated).content.decode())
    assert "收录的正文不完整" not in main_part(client.get(stated).content.decode())
    # the warning counts every row marked, and says which of them leave a cell 未报告
    Report.objects.filter(pk=partial.pk).update(text_cut=True)  # mark_cut left only the other
    both = main_part(client.get(url).content.decode())
    assert both.count("正文不完整</span>") == 2
    assert "其中 2 份报告收录的正文不完整" in both and "其中 1 份的“未报告”可能写在未收录的部分" in both


# --- 2. the compare index is reachable and leads into every comparison; the year page form ----------


@pytest.mark.django_db
def test_header_and_home_page_link_to_the_compare_index(client, seeds):
    home = client.get(reverse("reports:home")).content.decode()
    header = home.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/compare/"' in header
    assert 'href="/compare/"' in main_part(home)
    index = client.get("/compare/").content.decode()
    assert re.search(r'<a href="/compare/" aria-current="page">比较</a>', index)


@pytest.mark.django_db
def test_compare_index_has_a_form_for_every_kind_of_comparison(client, seeds):
    html = main_part(client.get("/compare/").content.decode())

    assert re.search(r'<form[^>]*action="/compare/year/"', html)
    assert '<option value="500000">' in html and '<option value="640300">' in html  # a province, a city
    assert re.search(r'<form[^>]*action="/compare/reports/"', html)
    assert 'name="a"' in html and 'name="b"' in html
    assert 'name="agency"' in html and '<option value="promises"' in html
    assert 'name="indicator"' in html and '<option value="items_handled">' in html


@pytest.mark.django_db
def test_compare_index_opens_the_agency_or_indicator_asked_for(client, seeds):
    agency = seeds[1].agency
    response = client.get("/compare/", {"agency": agency.name, "view": "agency"})
    assert response.status_code == 302 and response["Location"] == f"/compare/agency/{agency.pk}/"
    response = client.get("/compare/", {"agency": str(agency.pk), "view": "promises"})
    assert response.status_code == 302 and response["Location"] == f"/compare/promises/{agency.pk}/"

    several = client.get("/compare/", {"agency": "綦江区"})
    html = unescape(several.content.decode())
    assert several.status_code == 200 and "请选择" in html
    assert html.count('href="/compare/agency/') >= 2
    none = unescape(client.get("/compare/", {"agency": "不存在的机关"}).content.decode())
    assert "没有名称包含“不存在的机关”" in none
    # one character is too little to look a name up by: the page says so rather than "no such agency"
    one = unescape(client.get("/compare/", {"agency": "区"}).content.decode())
    assert "请输入机关名称中至少 2 个字" in one and "没有名称包含" not in one

    response = client.get("/compare/", {"indicator": "items_handled"})
    assert response.status_code == 302 and response["Location"] == "/compare/indicator/items_handled/"
    assert client.get("/compare/", {"indicator": "nope"}).status_code == 404


@pytest.mark.django_db
def test_year_page_has_a_place_form_instead_of_address_bar_instructions(client, seeds):
    html = unescape(client.get("/compare/year/").content.decode())
    assert "?region=区划代码" not in html and "在地址中写" not in html
    assert '<select id="compare-region" name="region" aria-describedby="compare-region-hint">' in html
    assert '<option value="500000">' in html
    assert re.search(r'<input id="compare-agencies" name="agencies"', html)

    # The form submitted with every field empty asks for nothing: the form again, not an error.
    empty = client.get("/compare/year/?region=&agencies=&kind=&level=")
    assert empty.status_code == 200 and "还没有选择地区" in unescape(empty.content.decode())

    chosen = client.get("/compare/year/?region=500000&kind=department").content.decode()
    assert '<option value="500000" selected>' in chosen
    ids = f"{seeds[1].agency_id},{seeds[3].agency_id}"
    picked = client.get(f"/compare/year/?agencies={ids}").content.decode()
    assert f'name="agencies" value="{ids}"' in picked


# --- 3. figure links that name no text of the report ----------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("offsets", "message"),
    [
        ((5, 1), "起始位置应小于结束位置"),
        ((7, 7), "起始位置应小于结束位置"),
        ((999999, 9999999), "超出了报告正文"),
    ],
)
def test_figure_link_with_impossible_offsets_is_a_404_with_a_chinese_message(client, seeds, offsets, message):
    response = client.get(reverse("reports:figure", args=[3, *offsets]))
    assert response.status_code == 404
    assert message in unescape(response.content.decode())
    assert 'role="alert"' in response.content.decode()


# --- 4. sort always validated; repeated single-valued parameters refused ----------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/compare/year/?region=500000&sort=zzz", "排序指标“zzz”"),
        ("/compare/year/?region=500000&year=2023&sort=items_handled&sort=petitions", "只能给一个值"),
        ("/compare/reports/?a=1&a=2&b=3", "参数 a(左侧报告编号)只能给一个值"),
        ("/compare/year/?region=500000&region=640000", "参数 region"),
        ("/compare/year/?region=500000&year=2023&year=2022", "参数 year"),
        ("/compare/indicator/items_handled/?kind=government&kind=department", "参数 kind"),
        ("/compare/promises/1/?year=2023&year=2022", "参数 year"),
    ],
)
def test_bad_sort_and_repeated_parameters_get_a_400(client, seeds, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert message in unescape(response.content.decode())
    json_response = client.get(url + "&format=json")
    assert json_response.status_code == 400 and message in json_response.json()["error"]


@pytest.mark.django_db
def test_a_sort_outside_the_default_columns_is_refused_and_a_shown_permalink_always_works(client, seeds):
    html = client.get("/compare/year/?region=500000&kind=department").content.decode()
    keys = re.search(r"keys=([\w,]+)", unescape(re.search(r'固定链接：<a href="([^"]+)"', html).group(1)))
    shown = set(keys.group(1).split(","))
    other = IndicatorDefinition.objects.exclude(key__in=shown).values_list("key", flat=True).first()
    response = client.get(f"/compare/year/?region=500000&kind=department&sort={other}")
    refusal = unescape(response.content.decode())
    assert response.status_code == 400 and "不在表中的指标里" in refusal
    # the columns it may sort by are named as the table names them, with the key to write
    some_key = sorted(shown)[0]
    name = IndicatorDefinition.objects.get(key=some_key).name
    assert f"{name}({some_key})" in refusal

    key = sorted(shown)[0]
    page = client.get(f"/compare/year/?region=500000&kind=department&sort={key}").content.decode()
    permalink = unescape(re.search(r'固定链接：<a href="([^"]+)"', page).group(1))
    assert f"sort={key}" in permalink and client.get(permalink).status_code == 200


# --- 5. column-header ranking links keep the selection -----------------------------------------------


@pytest.mark.django_db
def test_year_page_ranking_links_keep_region_kind_level_and_agencies(client, seeds):
    html = client.get("/compare/year/?region=500000&kind=department&level=county&year=2023").content.decode()
    links = [unescape(h) for h in re.findall(r'<th scope="col"><a href="(/compare/indicator/[^"]+)"', html)]
    assert links
    for link in links:
        assert link.endswith("?year=2023&region=500000&kind=department&level=county"), link
        assert client.get(link).status_code == 200

    ids = f"{seeds[1].agency_id},{seeds[3].agency_id}"
    html = client.get(f"/compare/year/?agencies={ids}&year=2023&keys=items_handled").content.decode()
    link = unescape(re.search(r'<th scope="col"><a href="(/compare/indicator/[^"]+)"', html).group(1))
    assert link == f"/compare/indicator/items_handled/?year=2023&agencies={ids}"
    rows = client.get(link + "&format=json").json()["rows"]
    assert rows and {row["agency_id"] for row in rows} <= {seeds[1].agency_id, seeds[3].agency_id}


# --- 6. index counts equal the rankings; what the left-out reports said -------------------------------


def index_counts(html: str) -> dict[str, int]:
    found = re.findall(
        r'<a href="/compare/indicator/(\w+)/">[^<]+</a> <span class="compare-catalogue__count">(\d+) 份报告',
        html,
    )
    return {key: int(count) for key, count in found}


@pytest.mark.django_db
def test_index_counts_follow_a_change_to_indicator_values_alone(client, seeds):
    before = index_counts(client.get("/compare/").content.decode())
    key = max(before, key=before.get)
    stated = IndicatorValue.objects.filter(key=key, measure=IndicatorValue.Measure.LEVEL, rejected=False)
    # Staff reject every figure of the key in one report: no report, agency or place changes.
    IndicatorValue.objects.filter(report_id=stated.values("report_id")[:1]).filter(key=key).update(
        rejected=True
    )

    after = index_counts(client.get("/compare/").content.decode())
    assert after.get(key, 0) == before[key] - 1


@pytest.mark.django_db
def test_index_counts_are_the_reports_each_ranking_lists(client, seeds):
    agency = factories.agency(region_code="640303")
    # States the proposals only as a target in its plans, and only as a change in the text.
    factories.report_with_parts(
        agency, 2023, "人大代表建议办理量同比增长12%。", "办理人大代表建议力争300件。"
    )
    replaced = factories.report_with_parts(agency, 2022, "全年办理人大代表建议70件。")
    Report.objects.filter(pk=replaced.pk).update(is_current=False)
    assert IndicatorValue.objects.filter(report__agency=agency, key="npc_suggestions").count() >= 2

    counts = index_counts(client.get("/compare/").content.decode())
    assert counts
    for key, count in counts.items():
        ranking = indicator_ranking(IndicatorDefinition.objects.get(key=key), PlaceFilter(), None)
        assert count == ranking.total, key


@pytest.mark.django_db
def test_ranking_says_which_left_out_reports_state_the_indicator_only_otherwise(client, seeds):
    agency = factories.agency(region_code="640303")
    factories.report_with_parts(agency, 2023, "全年工作有序推进。", "办理人大代表建议力争300件。")
    assert IndicatorValue.objects.filter(report__agency=agency, key="npc_suggestions").exists()

    result = indicator_ranking(IndicatorDefinition.objects.get(key="npc_suggestions"), PlaceFilter(), None)
    assert result.not_reported == 4 and result.mentioned_otherwise == 1
    stated = "其中 1 份只提到增减幅度、多年的数值或目标数,3 份中没有识别到这项指标的数字"
    assert stated in result.not_reported_text
    body = client.get("/compare/indicator/npc_suggestions/?format=json").json()
    assert body["not_reported"] == 4 and body["mentioned_otherwise"] == 1


# --- 7. a year whose reports have no catalogue figure -------------------------------------------------


@pytest.mark.django_db
def test_year_without_figures_explains_and_its_exports_equal_the_page(client):
    agency = factories.agency(region_code="410000", level="province")
    report = factories.report(
        agency, year=2023, text="河南省人民政府2023年法治政府建设情况报告。全面推进依法行政。"
    )
    extract_and_store(report)

    response = client.get("/compare/year/?region=410000")
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "没有识别出归入指标目录的数字" in html
    assert 'class="compare-table' not in html
    assert f'href="/reports/{report.pk}/"' in html

    rows = csv_rows(client.get("/compare/year/?region=410000&format=csv"))
    assert [(row["机关ID"], row["报告ID"], row["指标键"], row["数值"]) for row in rows] == [
        (str(agency.pk), str(report.pk), "", "")
    ]
    body = client.get("/compare/year/?region=410000&format=json").json()
    assert [(row["agency_id"], row["report_id"]) for row in body["rows"]] == [(agency.pk, report.pk)]
    # The same fields as a row with a figure, null where it has none, as the CSV's empty cells.
    assert set(body["rows"][0]) == {column["key"] for column in body["columns"]}
    assert body["rows"][0]["key"] is None and body["rows"][0]["value"] is None
    assert any("没有识别出归入指标目录的数字" in warning for warning in body["warnings"])


@pytest.mark.django_db
def test_a_year_without_reports_says_which_years_there_are(client):
    agency = factories.agency(region_code="410000", level="province")
    factories.report(agency, year=2022, text="河南省人民政府2022年法治政府建设情况报告。")

    html = unescape(client.get("/compare/year/?region=410000&year=2024").content.decode())
    assert "在2024年度没有收录报告(已收录的年度:2022)" in html
    body = client.get("/compare/year/?region=410000&year=2024&format=json").json()
    assert "已收录的年度:2022" in body["empty_reason"]


@pytest.mark.django_db
@pytest.mark.parametrize("ids", ["120,99999", "99999999999999999999999"])
def test_a_ranking_for_agencies_that_do_not_exist_is_a_404(client, ids):
    factories.agency(region_code="410000")
    response = client.get(f"/compare/indicator/leaders_shufa/?agencies={ids}")
    assert response.status_code in (400, 404)
    assert "机关" in response.content.decode()


# --- 8. the promises picker ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_promises_year_picker_offers_only_years_with_a_following_report(client, county):
    agency, _reports = county
    assert promises(agency, None).years == [2022, 2021]
    html = client.get(reverse("reports:compare-promises", args=[agency.pk])).content.decode()
    picker = html.split('aria-label="选择年度"', 1)[1].split("</nav>", 1)[0]
    assert "?year=2021" in picker and '<span aria-current="page">2022年(有下一步安排)</span>' in picker
    assert "2023" not in picker
    # The newest year can still be opened (it says the next report is missing) and stays marked.
    latest = client.get(reverse("reports:compare-promises", args=[agency.pk]) + "?year=2023").content.decode()
    picker = latest.split('aria-label="选择年度"', 1)[1].split("</nav>", 1)[0]
    assert '<span aria-current="page">2023年(有下一步安排)</span>' in picker and "?year=2022" in picker


@pytest.mark.django_db
def test_promises_say_when_the_library_holds_no_following_report():
    lone = factories.agency(region_code="410000")
    factories.report_with_parts(lone, 2022, "全年办理人大代表建议300余件。")
    factories.report_with_parts(lone, 2024, "全年办理人大代表建议250件。")

    no_pair = promises(lone, None)

    assert no_pair.year == 2024 and no_pair.outcome is None
    assert f"库中没有{lone.name}相邻两个年度的报告(已收录:2022、2024)" in no_pair.warnings[0]


@pytest.mark.django_db
def test_promises_of_the_newest_year_say_its_next_report_is_missing(county):
    agency, _reports = county
    assert f"库中没有{agency.name}2024年度的报告,无法对照" in promises(agency, 2023).warnings[0]
    assert not any("库中没有" in warning for warning in promises(agency, 2022).warnings)


@pytest.mark.django_db
def test_a_sparkline_says_each_year_as_its_cell_does(client):
    agency = factories.agency(region_code="410000")
    factories.report_with_parts(agency, 2022, "全年办理人大代表建议300余件。")
    factories.report_with_parts(agency, 2023, "全年办理人大代表建议250件。")
    html = unescape(client.get(f"/compare/agency/{agency.pk}/").content.decode())
    title = re.search(r"<title>[^<]*人大代表建议[^<]*历年变化:([^<]*)</title>", html).group(1)
    assert title == "2022年 300余件、2023年 250件"


def test_a_year_table_opens_at_the_year_with_the_most_reports():
    assert default_year(Counter({2025: 1, 2023: 7, 2022: 7})) == 2023
    assert default_year(Counter({2025: 1, 2024: MAX_AGENCIES + 1})) == 2025  # too many for one table
    assert default_year(Counter({2024: MAX_AGENCIES + 5})) == 2024


@pytest.mark.django_db
def test_the_year_page_without_a_year_shows_the_fullest_year(client):
    for index in range(2):
        factories.report(factories.agency(f"测试市第{index}局", region_code="410000"), year=2022)
    factories.report(factories.agency("测试市第9局", region_code="410000"), year=2024)
    body = client.get("/compare/year/?region=410000&format=json").json()
    assert body["year"] == 2022


@pytest.mark.django_db
def test_a_parameter_a_compare_page_does_not_read_is_named_on_the_page_and_refused_by_its_export(
    client, seeds
):
    # The list and the API filter by province=; a compare page by region=. Silently ignored, a
    # misspelt filter showed the whole country's ranking as if it were one province's.
    url = reverse("reports:compare-indicator", args=["npc_suggestions"]) + "?province=500000"

    page = client.get(url)
    export = client.get(url + "&format=csv")

    assert page.status_code == 200
    assert "不认识参数 province,已忽略" in unescape(page.content.decode())
    assert "region=六位区划代码" in page.content.decode()
    assert export.status_code == 400 and "不认识参数 province,未导出" in export.content.decode()
    # What the site's own forms and links send is read, never reported as unknown.
    year = client.get(reverse("reports:compare-year") + "?year=2021&region=500000&kind=&level=&sort=")
    assert year.status_code == 200 and "不认识参数" not in year.content.decode()
    assert (
        "不认识参数"
        not in client.get(reverse("reports:compare-indicator", args=["npc_suggestions"])).content.decode()
    )
    # A link shared in a chat app gains parameters of its own: the page still opens.
    # The hint to use region= only where a page reads it.
    coverage = client.get(reverse("reports:compare-coverage", args=["npc_suggestions"]) + "?province=500000")
    assert "不认识参数 province" in unescape(coverage.content.decode())
    assert "region=六位区划代码" not in coverage.content.decode()
    shared = client.get(reverse("reports:compare-year") + "?from=singlemessage")
    assert shared.status_code == 200 and "不认识参数 from,已忽略" in shared.content.decode()


@pytest.mark.django_db
def test_ranking_says_how_many_reports_without_the_figure_have_a_partial_text(client, seeds):
    agency = factories.agency(region_code="640303")
    factories.report_with_parts(agency, 2023, "全年工作有序推进。", "继续推进依法")  # stops mid-sentence
    cut = Report.objects.get(agency=agency)
    assert cut.text_cut

    result = indicator_ranking(IndicatorDefinition.objects.get(key="npc_suggestions"), PlaceFilter(), None)

    assert result.partial == 1
    assert "这些报告中有 1 份收录的正文不完整" in result.not_reported_text
    assert "正文不完整" in unescape(client.get("/compare/indicator/npc_suggestions/").content.decode())


@pytest.mark.django_db
def test_ranking_of_reports_that_all_lack_a_figure_says_so_without_a_dangling_among_them(seeds):
    # No seed report states a figure of this key in words or plans only: all are silent.
    result = indicator_ranking(IndicatorDefinition.objects.get(key="npc_suggestions"), PlaceFilter(), None)
    assert result.not_reported and not result.mentioned_otherwise

    text = result.not_reported_text

    # "其中没有识别到…" read as a count left out ("among them, [how many?]").
    assert "其中" not in text
    assert text.endswith("(未报告,不计为0,不参与排名),它们中都没有识别到这项指标的数字。")


def _download_name(response) -> str:
    from urllib.parse import unquote

    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''"), disposition
    return unquote(disposition.split("''", 1)[1])


@pytest.mark.django_db
def test_csv_downloads_are_named_by_what_they_hold(client, seeds):
    # Two places' year tables both downloaded as year-2023.csv, every ranking as
    # indicator-<key>.csv whatever its year and place: a memo's sources could not be told apart.
    def name(url: str) -> str:
        response = client.get(url)
        assert response.status_code == 200
        return _download_name(response)

    year = "/compare/year/?year=2023&region={}&format=csv"
    assert name(year.format("500000")) != name(year.format("640000"))
    assert name(year.format("500000")) == "重庆市及下辖各级机关-2023年度-指标比较.csv"
    ranking = "/compare/indicator/npc_suggestions/?format=csv"
    assert name(ranking) == "办理人大代表建议-排名-全国机关-全部年度.csv"
    narrowed = name(ranking + "&year=2023&region=640000")
    assert narrowed == "办理人大代表建议-排名-宁夏回族自治区及下辖各级机关-2023年度.csv"
    agency = Report.objects.get(pk=1).agency
    assert name(f"/compare/agency/{agency.pk}/?format=csv") == f"{agency.name}-历年指标.csv"
    assert name("/compare/reports/?a=1&b=5&format=csv").endswith("-报告对照.csv")


def test_a_download_name_holds_no_path_separators_or_characters_windows_refuses():
    from reports.spreadsheets import download_name

    assert download_name("某市/某县", "2023年度", "", None, "a:b*c?") == "某市-某县-2023年度-a-b-c.csv"
    assert download_name("") == "导出.csv"
