"""Browsing: coverage by province and year, the region tree, agency timelines, yearly gaps, feeds."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from html import unescape

import pytest
from django.db import transaction
from django.urls import reverse

from reports.browse import (
    YearView,
    agency_timeline,
    coverage_by_province_and_year,
    region_overview,
    year_view,
)
from reports.ingest import parse_report_file
from reports.library_cache import library_generation
from reports.models import Agency, Region, Report
from reports.seeding import load_seed_fixture
from tests import factories
from tests.test_ingest_metadata import BODY  # a report body that names no agency or place

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def library():
    """Reports in two provinces, at county, city and province-municipality level, over three years."""
    qijiang = factories.agency("重庆市綦江区人民政府", region_code="500110")
    qijiang_transport = factories.agency(
        "重庆市綦江区交通局", region_code="500110", kind=Agency.Kind.DEPARTMENT
    )
    tongnan = factories.agency("重庆市潼南区人民政府", region_code="500152")
    litong = factories.agency("吴忠市利通区人民政府", region_code="640302")
    wuzhong = factories.agency("吴忠市人民政府", region_code="640300")
    reports = {
        "qijiang_2022": factories.report(qijiang, year=2022, published_on=date(2023, 3, 20)),
        "qijiang_2023": factories.report(qijiang, year=2023, published_on=date(2024, 4, 20)),
        "transport_2022": factories.report(qijiang_transport, year=2022),
        "tongnan_2023": factories.report(tongnan, year=2023),
        "litong_2023": factories.report(litong, year=2023),
        "wuzhong_2021": factories.report(wuzhong, year=2021),
    }
    old = factories.report(tongnan, year=2021)
    factories.new_version(old)  # a superseded version must not be counted twice
    return reports


def region(code: str) -> Region:
    return Region.objects.get(code=code)


@pytest.mark.django_db
def test_coverage_counts_current_reports_per_province_and_year(library):
    coverage = coverage_by_province_and_year()

    assert coverage.years == [2021, 2022, 2023]
    table = {row.province.name: dict(row.cells) for row in coverage.rows}
    assert table == {
        "重庆市": {2021: 1, 2022: 2, 2023: 2},
        "宁夏回族自治区": {2021: 1, 2022: 0, 2023: 1},
    }
    assert coverage.year_totals == [2, 2, 3]
    assert coverage.total == 7


@pytest.mark.django_db
def test_coverage_is_kept_until_the_library_changes(library, django_assert_num_queries):
    before = coverage_by_province_and_year()
    assert _ningxia(before) == {2021: 1, 2022: 0, 2023: 1}
    with django_assert_num_queries(1):  # only the check that nothing changed
        assert coverage_by_province_and_year() is before

    library["wuzhong_2021"].year = 2022  # an edit shows on the next read
    library["wuzhong_2021"].save()
    assert _ningxia(coverage_by_province_and_year()) == {2021: 0, 2022: 1, 2023: 1}

    factories.report(factories.agency(region_code="640303"), year=2023)  # and so does a new report
    assert _ningxia(coverage_by_province_and_year()) == {2021: 0, 2022: 1, 2023: 2}


@pytest.mark.django_db
def test_a_change_rolled_back_leaves_a_generation_that_is_never_handed_out_again():
    start = library_generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.agency("某县人民政府", region_code="640303")
        inside = library_generation()
        raise RuntimeError("import failed")

    assert library_generation() == start != inside
    factories.agency("某县人民政府", region_code="640303")
    assert library_generation() not in (start, inside)


def _ningxia(coverage) -> dict[int, int]:
    return dict(next(row for row in coverage.rows if row.province.code == "640000").cells)


@pytest.mark.django_db
def test_coverage_puts_reports_without_a_place_in_their_own_last_row(library):
    factories.report(factories.agency("鼓楼区人民政府", region_code=None), year=2023)

    rows = coverage_by_province_and_year().rows

    assert rows[-1].province is None
    assert dict(rows[-1].cells)[2023] == 1


@pytest.mark.django_db
def test_country_overview_lists_provinces_with_subtree_counts(library):
    overview = region_overview(None)

    assert [(p.region.name, p.counts) for p in overview.places] == [
        ("重庆市", {2021: 1, 2022: 2, 2023: 2}),
        ("宁夏回族自治区", {2021: 1, 2023: 1}),
    ]
    assert overview.governments == overview.departments == []


@pytest.mark.django_db
def test_country_overview_seats_ministries_at_the_country_but_not_agencies_of_unknown_place(client):
    ministry = factories.agency(
        "司法部", region_code=None, kind=Agency.Kind.DEPARTMENT, level=Region.Level.NATIONAL
    )
    factories.report(ministry, year=2022)
    factories.report(factories.agency("某局", region_code=None, kind=Agency.Kind.DEPARTMENT), year=2022)

    overview = region_overview(None)

    assert [(entry.agency.name, entry.counts) for entry in overview.departments] == [("司法部", {2022: 1})]
    page = client.get(reverse("reports:regions")).content.decode()
    assert "中央(国务院部门)" in page and "某局" not in page


@pytest.mark.django_db
def test_province_overview_adds_counties_up_into_their_city(library):
    overview = region_overview(region("640000"))

    assert [(p.region.name, p.total) for p in overview.places] == [("吴忠市", 2)]
    assert overview.child_government_level == "city"  # 吴忠市人民政府 reports
    # 宁夏 has reports for 2021 and 2023: 2022 is a column of zeros, not left out.
    assert overview.years == [2021, 2022, 2023]
    assert overview.places[0].cells == [(2021, 1), (2022, 0), (2023, 1)]


@pytest.mark.django_db
def test_no_comparison_of_the_governments_below_is_offered_when_none_of_them_reports(client):
    factories.report(factories.agency("许昌市交通运输局", region_code="411000", kind=Agency.Kind.DEPARTMENT))

    overview = region_overview(region("410000"))
    html = client.get(reverse("reports:region", args=["410000"])).content.decode()

    assert [p.region.name for p in overview.places] == ["许昌市"]
    assert overview.child_government_level == ""
    assert "下辖各市人民政府" not in html


@pytest.mark.django_db
def test_county_overview_separates_its_government_from_its_departments(library):
    overview = region_overview(region("500110"))

    assert overview.places == []
    assert [(e.agency.name, e.cells) for e in overview.governments] == [
        ("重庆市綦江区人民政府", [(2022, 1), (2023, 1)])
    ]
    assert [e.agency.name for e in overview.departments] == ["重庆市綦江区交通局"]


@pytest.mark.django_db
def test_a_countys_towns_are_listed_below_it_not_as_its_own_government(library, client):
    town = factories.agency("重庆市綦江区古南街道办事处", level=Region.Level.TOWNSHIP)
    factories.report(town, year=2023)

    overview = region_overview(region("500110"))
    html = client.get(reverse("reports:region", args=["500110"])).content.decode()

    assert [e.agency.name for e in overview.governments] == ["重庆市綦江区人民政府"]
    assert [e.agency.name for e in overview.townships] == ["重庆市綦江区古南街道办事处"]
    own, below = html.index("本级人民政府"), html.index("下辖乡镇、街道")
    assert own < html.index("重庆市綦江区人民政府") < below < html.index("古南街道办事处")
    assert "level=township" in html  # the towns compare as one


@pytest.mark.django_db
def test_a_zone_seated_at_a_municipality_is_listed_apart_from_its_own_government(client):
    city = factories.agency("重庆市人民政府", region_code="500000")
    zone = factories.agency("重庆市两江新区管理委员会", region_code="500000", level=Region.Level.COUNTY)
    factories.report(city, year=2023)
    factories.report(zone, year=2023)

    overview = region_overview(region("500000"))
    html = client.get(reverse("reports:region", args=["500000"])).content.decode()

    assert [e.agency.name for e in overview.governments] == ["重庆市人民政府"]
    assert [e.agency.name for e in overview.zones] == ["重庆市两江新区管理委员会"]
    assert (
        html.index("本级人民政府") < html.index("开发区、新区等(低一级)") < html.index("两江新区管理委员会")
    )


@pytest.mark.django_db
def test_city_overview_lists_its_own_government_beside_its_counties(library):
    overview = region_overview(region("640300"))

    assert [p.region.name for p in overview.places] == ["利通区"]
    assert [e.agency.name for e in overview.governments] == ["吴忠市人民政府"]


@pytest.mark.django_db
def test_agency_timeline_shows_years_newest_first_with_the_parts_each_report_contains(library):
    report_2023 = library["qijiang_2023"]
    factories.section(report_2023, "1", heading="主要举措和成效", label="measures")
    factories.section(report_2023, "1.1", heading="党政主要负责人履行职责", label="leadership")
    factories.section(report_2023, "2", heading="存在的不足", label="problems")

    timeline = agency_timeline(report_2023.agency)

    assert [entry.report.year for entry in timeline] == [2023, 2022]
    assert timeline[0].parts == {
        "measures": True,
        "problems": True,
        "leadership": True,
        "next_steps": False,
        "other": False,
    }
    assert timeline[0].parts_present == 3
    assert timeline[1].parts_present == 0


@pytest.mark.django_db
def test_year_view_lists_who_reported_and_who_reported_the_year_before_but_not_this_year(library):
    view = year_view(2023)

    assert {r.agency.name for r in view.reported} == {
        "重庆市綦江区人民政府",
        "重庆市潼南区人民政府",
        "吴忠市利通区人民政府",
    }
    assert [agency.name for agency in view.missing] == ["重庆市綦江区交通局"]


@pytest.mark.django_db
def test_year_view_narrowed_to_a_region(library):
    view = year_view(2022, region("640000"))

    assert list(view.reported) == []
    assert [agency.name for agency in view.missing] == ["吴忠市人民政府"]


@pytest.mark.django_db
def test_year_view_compares_with_the_nearest_earlier_year_on_file(library, client):
    # 宁夏 has reports for 2021 and 2023 only: 2023's gap is who reported for 2021.
    view = year_view(2023, region("640000"))

    assert view.previous_year == 2021
    assert [agency.name for agency in view.missing] == ["吴忠市人民政府"]
    html = client.get(reverse("reports:year", args=[2023]), {"region": "640000"}).content.decode()
    assert "2021年度报告了、本年度未收录的机关(1)" in html


# --- pages ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_region_pages_link_down_the_tree_to_the_agency_and_its_reports(client, library):
    country = client.get(reverse("reports:regions")).content.decode()
    assert reverse("reports:region", args=["500000"]) in country

    municipality = client.get(reverse("reports:region", args=["500000"])).content.decode()
    assert reverse("reports:region", args=["500110"]) in municipality
    # Each count links to the filtered report list.
    assert f"{reverse('reports:list')}?county=500110&amp;year=2022" in municipality

    county = client.get(reverse("reports:region", args=["500110"])).content.decode()
    agency = library["qijiang_2023"].agency
    assert reverse("reports:agency", args=[agency.pk]) in county
    assert "本级人民政府" in county and "本级政府部门" in county

    page = client.get(reverse("reports:agency", args=[agency.pk])).content.decode()
    assert library["qijiang_2023"].get_absolute_url() in page
    assert library["qijiang_2022"].get_absolute_url() in page


@pytest.mark.django_db
def test_agency_page_says_whether_each_report_was_published_on_time(client, library):
    agency = library["qijiang_2023"].agency

    html = client.get(reverse("reports:agency", args=[agency.pk])).content.decode()

    # 2022 report published 2023-03-20: on time; 2023 report published 2024-04-20: late.
    assert html.count('status--yes">按时') == 1
    assert html.count("逾期") == 1


@pytest.mark.django_db
def test_year_page_shows_gaps_and_paginates(client, library):
    html = client.get(reverse("reports:year", args=[2023])).content.decode()

    assert "重庆市綦江区交通局" in html
    assert "未收录的机关(1)" in html
    assert "已收录的报告(3)" in html


@pytest.mark.django_db
def test_year_page_region_filter_narrows_both_lists(client, library):
    html = client.get(reverse("reports:year", args=[2023]), {"region": "640000"}).content.decode()

    assert "已收录的报告(1)" in html
    assert "重庆市綦江区交通局" not in html


@pytest.mark.django_db
def test_year_page_offers_the_year_table_only_when_it_can_show_the_year(client, library, monkeypatch):
    """The national year pages linked to a year table of 560 agencies, which refuses over 50."""
    monkeypatch.setattr("reports.views.MAX_AGENCIES", 2)
    small = year_page(client, 2023, region="500000")  # 2 reports
    large = year_page(client, 2023)  # 3 reports

    assert '<a href="/compare/year/?year=2023&region=500000">比较本年度指标</a>' in small
    assert "/compare/year/" not in large
    assert '<a href="/compare/#by-year">比较本年度指标</a>(超过 2 份报告,须先选地区、机关类型或层级)' in large
    assert client.get("/compare/year/?year=2023&region=500000").status_code == 200


def year_page(client, year: int, **params: str) -> str:
    return unescape(client.get(reverse("reports:year", args=[year]), params).content.decode())


def year_links(html: str) -> dict[str, str]:
    """The year navigation's links by ``rel`` (prev, next) to the year they open, with its query."""
    nav = re.search(r'<nav class="year-nav" aria-label="年度">(.*?)</nav>', html, re.S)
    links = re.findall(r'<a href="/years/(\d+/[^"]*)" rel="(prev|next)">', nav.group(1)) if nav else []
    return {rel: target for target, rel in links}


@pytest.mark.django_db
def test_year_navigation_leads_only_to_years_that_have_reports(client, library):
    """It linked the year before and after whatever the library held: 2024 from the latest year,
    and on back to 1999 one empty page at a time."""
    # after the latest year, the next one whose reports are due: its page lists who has not
    # reported yet (the library holds nothing for 2024; those reports were due by April 2025)
    assert year_links(year_page(client, 2023)) == {"prev": "2022/", "next": "2024/"}
    assert year_links(year_page(client, 2022)) == {"prev": "2021/", "next": "2023/"}
    assert year_links(year_page(client, 2021)) == {"next": "2022/"}
    # Within a place, the years it has reports for: 宁夏 has none for 2022.
    assert year_links(year_page(client, 2023, region="640000")) == {
        "prev": "2021/?region=640000",
        "next": "2024/?region=640000",
    }
    assert year_links(year_page(client, 2021, region="640000")) == {"next": "2023/?region=640000"}


def test_the_year_after_the_latest_is_offered_only_once_its_reports_are_due() -> None:
    this_year = date.today().year

    def next_year(year: int, held: list[int]) -> int | None:
        return YearView(year, Report.objects.none(), Agency.objects.none(), held).next_year

    assert next_year(this_year - 2, [this_year - 3, this_year - 2]) == this_year - 1
    # this year's reports are not due until next April
    assert next_year(this_year - 1, [this_year - 2, this_year - 1]) is None


@pytest.mark.django_db
def test_a_year_not_over_lists_nobody_as_not_reporting_it(client, library):
    # /years/2030/ listed the latest year's agencies as 报告了、本年度未收录 (a journalist's review)
    this_year = date.today().year
    future = year_page(client, this_year)
    past = year_page(client, this_year - 1)

    assert f"{this_year}年度尚未结束，这一年度的报告要到{this_year + 1}年才陆续公开发布" in future
    assert "本年度未收录的机关" not in future
    assert "本年度未收录的机关" in past and "尚未结束" not in past


@pytest.mark.django_db
def test_a_typed_year_without_reports_says_so_and_links_the_years_held(client, library):
    response = client.get(reverse("reports:year", args=[2024]))
    html = unescape(response.content.decode())

    assert response.status_code == 200
    assert "本库没有收录2024年度的报告。有报告的年度：" in html
    assert re.search(r'>2021</a>、<a href="/years/2022/">2022</a>、<a href="/years/2023/">2023</a>', html)
    assert year_links(html) == {"prev": "2023/"}
    assert "未收录的机关(3)" in html  # those who reported for 2023 are still listed as the gap

    early = year_page(client, 2010)
    assert "本库没有收录2010年度的报告" in early and year_links(early) == {"next": "2021/"}
    assert "本库没有收录宁夏回族自治区2022年度的报告" in year_page(client, 2022, region="640000")
    assert "本库没有收录" not in year_page(client, 2023)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "params"),
    [
        (reverse("reports:region", args=["999999"]), {}),
        (reverse("reports:agency", args=[999999]), {}),
        (reverse("reports:year", args=[1900]), {}),
        (reverse("reports:year", args=[2023]), {"region": "nonsense"}),
        (reverse("reports:region-feed", args=["999999"]), {}),
    ],
)
def test_unknown_places_agencies_and_years_are_404_pages(client, url, params):
    response = client.get(url, params)

    assert response.status_code == 404


@pytest.mark.django_db
def test_feed_is_atom_with_newest_reports_first_and_marks_synthetic_ones(client, library):
    factories.report(factories.agency(region_code="640303"), title="合成的报告", is_synthetic=True)

    response = client.get(reverse("reports:feed"))

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles[0] == "【合成样本】合成的报告"
    assert len(titles) == 8  # seven current reports and the synthetic one, no superseded version
    # Atom requires each entry's <updated> (validators refused the feed without them)
    assert all(entry.find(f"{ATOM}updated") is not None for entry in feed.iter(f"{ATOM}entry"))
    # Those are import times: each entry says when its report was published.
    summaries = {
        entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}summary").text
        for entry in feed.iter(f"{ATOM}entry")
    }
    dated = Report.objects.current().exclude(published_on=None).first()
    assert f"发布日期:{dated.published_on.isoformat()}" in summaries[dated.title]
    assert not summaries[dated.title].endswith("(转载页的日期)")
    assert summaries["【合成样本】合成的报告"].endswith("发布日期不详")
    # a copy's date is the copy's
    Report.objects.filter(pk=dated.pk).update(source_url="https://www.example.com/copy.html")
    feed = ET.fromstring(client.get(reverse("reports:feed")).content)
    entry = next(e for e in feed.iter(f"{ATOM}entry") if e.find(f"{ATOM}title").text == dated.title)
    assert entry.find(f"{ATOM}summary").text.endswith("(转载页的日期)")


@pytest.mark.django_db
def test_region_feed_holds_only_reports_of_that_region(client, library):
    response = client.get(reverse("reports:region-feed", args=["640000"]))

    feed = ET.fromstring(response.content)
    links = {entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")}
    assert links == {
        f"http://testserver{library['litong_2023'].get_absolute_url()}",
        f"http://testserver{library['wuzhong_2021'].get_absolute_url()}",
    }


@pytest.mark.django_db
def test_home_shows_totals_latest_reports_and_a_coverage_table_of_links(client, library):
    html = client.get(reverse("reports:home")).content.decode()

    assert "<dt>报告</dt><dd>7</dd>" in html
    assert library["litong_2023"].get_absolute_url() in html
    assert f"{reverse('reports:list')}?province=640000&amp;year=2023" in html
    assert reverse("reports:region", args=["640000"]) in html
    assert reverse("reports:year", args=[2021]) in html


@pytest.mark.django_db
def test_home_of_an_empty_library_says_how_to_add_reports(client):
    html = client.get(reverse("reports:home")).content.decode()

    assert "报告库还是空的" in html


@pytest.mark.django_db
def test_agency_page_shows_its_most_reported_indicators_linking_to_their_sentences(client):
    load_seed_fixture()
    report = Report.objects.get(title__startswith="吴忠市利通区")

    html = client.get(reverse("reports:agency", args=[report.agency_id])).content.decode()

    section = html[html.index("主要指标") : html.index("历年报告")]
    assert section.count('<th scope="row">') == 8
    assert f"/reports/{report.pk}/figures/" in section


@pytest.mark.django_db
def test_a_ministrys_place_is_central_and_it_has_its_own_coverage_row(client):
    from reports.browse import coverage_by_province_and_year

    ministry = factories.agency("司法部", region_code=None, kind="department", level="national")
    unplaced = factories.agency("城关镇人民政府", region_code=None, level=Region.Level.TOWNSHIP)
    report = factories.report(ministry, year=2023)
    factories.report(unplaced, year=2023)

    rows = coverage_by_province_and_year().rows
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()

    assert [(row.central, row.province, row.total) for row in rows] == [(True, None, 1), (False, None, 1)]
    home = client.get("/").content.decode()
    assert "中央(国务院部门)" in home and "地区不详" in home
    assert "地区不详" not in page and "中央" in page


@pytest.mark.django_db
def test_a_countys_zone_ranks_with_its_towns_and_is_listed_apart_from_them(client):
    county = factories.agency("重庆市綦江区人民政府", region_code="500110")
    parsed = parse_report_file(
        f"重庆綦江高新区管委会2023年法治政府建设工作报告\n{BODY}".encode(), filename="report.txt"
    )
    zone = factories.agency(parsed.agency_name, region_code="500110", level=parsed.agency_level)
    town = factories.agency("重庆市綦江区古南街道办事处", region_code="500110", level=Region.Level.TOWNSHIP)
    for agency in (county, zone, town):
        factories.report(agency, year=2023)

    overview = region_overview(region("500110"))

    assert (parsed.agency_name, parsed.agency_level) == ("重庆市綦江区綦江高新区管理委员会", "township")
    # a county department named after the new district it builds is no zone's administration
    builder = parse_report_file(
        f"重庆市荣昌区新区建设管理委员会2023年法治政府建设工作报告\n{BODY}".encode(), filename="r.txt"
    )
    assert builder.agency_level == "county"
    assert [e.agency.name for e in overview.governments] == ["重庆市綦江区人民政府"]
    assert [e.agency.name for e in overview.zones] == ["重庆市綦江区綦江高新区管理委员会"]
    assert [e.agency.name for e in overview.townships] == ["重庆市綦江区古南街道办事处"]


@pytest.mark.django_db
def test_reports_whose_place_is_unknown_are_listed_from_the_home_table_and_the_list_filter(client):
    ministry = factories.agency("司法部", region_code=None, kind="department", level="national")
    unplaced = factories.agency("西城区人民政府", region_code=None)
    placed = factories.agency()
    for agency in (ministry, unplaced, placed):
        factories.report(agency, year=2023)

    home = client.get("/").content.decode()
    listing = client.get(reverse("reports:list"), {"province": "unknown", "year": "2023"}).content.decode()
    central = client.get(reverse("reports:list"), {"level": "national", "year": "2023"}).content.decode()
    api = client.get(reverse("reports:api-list"), {"province": "unknown"}).json()

    assert 'href="/reports/?province=unknown&amp;year=2023" aria-label="地区不详的2023年度 1 份报告"' in home
    assert 'href="/reports/?level=national&amp;year=2023" aria-label="中央部门2023年度 1 份报告"' in home
    assert '<option value="unknown" selected>地区不详</option>' in listing
    assert "西城区人民政府" in listing and "司法部" not in listing and placed.name not in listing
    assert "司法部" in central
    assert [report["agency"]["name"] for report in api["results"]] == ["西城区人民政府"]


@pytest.mark.django_db
def test_region_page_links_each_year_to_who_reported_there_and_the_year_page_links_back(client, library):
    county = client.get(reverse("reports:region", args=["500110"])).content.decode()
    # The year view of the place, for each year of its tables (it was reachable only from the
    # home page's country-wide header).
    year_url = f"{reverse('reports:year', args=[2023])}?region=500110"
    assert year_url in county

    page = client.get(reverse("reports:year", args=[2023]), {"region": "500110"}).content.decode()
    # Back to the place and up the tree within the year, on to the report list and the comparison.
    assert f'href="{reverse("reports:region", args=["500110"])}"' in page
    assert f'href="{reverse("reports:year", args=[2023])}?region=500000"' in page
    assert f"{reverse('reports:list')}?county=500110&amp;year=2023" in page
    assert f"{reverse('reports:compare-year')}?year=2023&amp;region=500110" in page


@pytest.mark.django_db
def test_year_page_says_whether_each_report_was_published_on_time(client, library):
    library["litong_2023"].published_on = date(2024, 3, 28)
    library["litong_2023"].save()

    html = client.get(reverse("reports:year", args=[2023])).content.decode()

    # 利通区 published 2024-03-28: on time; 綦江区 2024-04-20: late; 潼南区 gave no date.
    assert html.count('status--yes">按时') == 1
    assert html.count('status--no">逾期') == 1
    assert html.count('status--unknown">是否按时不详') == 1
    assert "2024年4月1日前公开发布" in html


@pytest.mark.django_db
def test_year_page_names_the_agency_of_each_report_whatever_its_title(client, library):
    # A page that gave a bare title (法治政府建设情况的报告) says nothing of who reported; the
    # list is in agency-name order, so it read as unordered without the names.
    report = library["tongnan_2023"]
    report.title = "法治政府建设情况的报告"
    report.save()

    html = client.get(reverse("reports:year", args=[2023])).content.decode()

    agency_link = f'<a href="{reverse("reports:agency", args=[report.agency.pk])}">重庆市潼南区人民政府</a>'
    assert agency_link in html


@pytest.mark.django_db
def test_year_page_offers_the_cities_with_reports_and_no_province_without_any(client, library):
    html = client.get(reverse("reports:year", args=[2023])).content.decode()
    picker = html.split('id="year-region"', 1)[1].split("</select>", 1)[0]

    # 吴忠市 (a city whose districts report) can be chosen: only provinces could before.
    assert '<option value="640300">— 吴忠市</option>' in picker
    assert '<option value="640000">宁夏回族自治区</option>' in picker
    assert "台湾省" not in picker and "北京市" not in picker  # no reports there

    county = client.get(reverse("reports:year", args=[2023]), {"region": "640302"}).content.decode()
    picker = county.split('id="year-region"', 1)[1].split("</select>", 1)[0]
    assert '<option value="640302" selected>宁夏回族自治区吴忠市利通区</option>' in picker
    assert picker.count(" selected") == 1


@pytest.mark.django_db
def test_report_page_links_its_year_to_the_list_and_to_who_reported_at_its_place(client, library):
    report = library["qijiang_2023"]

    html = client.get(report.get_absolute_url()).content.decode()

    # "报告列表 › 2023年": the year was plain text; the place's year view was not linked at all.
    assert f'<a href="{reverse("reports:list")}?year=2023">2023年</a>' in html
    assert f'href="{reverse("reports:year", args=[2023])}?region=500110">綦江区2023年度报告情况' in html


@pytest.mark.django_db
def test_an_agency_of_unknown_place_links_地区不详_to_the_reports_of_unknown_place(client):
    # The agency page's place was a dead end for these: 地区不详 as plain text, no breadcrumb place.
    agency = factories.agency("龙华区司法局", region_code=None, kind=Agency.Kind.DEPARTMENT)
    report = factories.report(agency, year=2023)
    unknown = f"{reverse('reports:list')}?province=unknown"
    link = f'<a href="{unknown}" title="所在地区未能确定的全部报告">地区不详</a>'

    assert link in client.get(reverse("reports:agency", args=[agency.pk])).content.decode()
    assert link in client.get(report.get_absolute_url()).content.decode()
    listed = client.get(reverse("reports:list"), {"province": "unknown"}).content.decode()
    assert report.title in listed


@pytest.mark.django_db
def test_every_table_of_the_browsing_pages_is_named_for_a_screen_readers_list_of_tables(client, library):
    # the coverage, place, agency and timeline tables were named only by their scrolling box
    agency = library["qijiang_2023"].agency
    for url in ("/", "/regions/", "/regions/500000/", "/regions/500110/", f"/agencies/{agency.pk}/"):
        page = client.get(url).content.decode()
        tables = re.findall(r"<table[^>]*>(?:\s*<caption)?", page)
        assert tables, url
        for table in tables:
            named = re.search(r'aria-labelledby="([^"]+)"', table)
            assert "<caption" in table or (named and f'id="{named.group(1)}"' in page), (url, table)


@pytest.mark.django_db
def test_a_filtered_report_list_and_a_pair_of_reports_say_in_their_titles_what_they_show(client, library):
    # tabs and history entries of different lists were all 报告列表
    listed = client.get("/reports/?province=500000&county=500110&year=2023&kind=government")
    pair = client.get(f"/compare/reports/?a={library['qijiang_2022'].pk}&b={library['qijiang_2023'].pk}")

    def title(response) -> str:
        return re.search(r"<title>(.*?)</title>", response.content.decode()).group(1)

    assert title(listed).startswith("重庆市綦江区 · 2023年度 · 人民政府 · 报告列表")
    assert title(pair).startswith("重庆市綦江区人民政府2022年度 与 2023年度")
