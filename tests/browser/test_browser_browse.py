"""Browsing in Chromium: home → coverage → region tree → agency → report, and the year view."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import factories
from tests.browser.checks import horizontal_overflow

pytestmark = pytest.mark.browser


def test_home_region_tree_agency_and_report(page, seed_reports, screenshot):
    page.goto(reverse("reports:home"))
    expect(page.locator(".totals")).to_contain_text("5")
    coverage = page.get_by_role("table").first
    expect(coverage).to_contain_text("重庆市")
    assert horizontal_overflow(page) == 0
    screenshot("home")

    coverage.get_by_role("link", name="重庆市", exact=True).click()
    expect(page).to_have_url(re.compile(r"/regions/500000/$"))
    expect(page.locator("h1")).to_have_text("重庆市")
    page.get_by_role("link", name="潼南区", exact=True).click()
    expect(page).to_have_url(re.compile(r"/regions/500152/$"))
    assert horizontal_overflow(page) == 0
    screenshot("county")

    report = next(r for r in seed_reports if r.agency.name == "重庆市潼南区城市管理局")
    page.get_by_role("link", name="重庆市潼南区城市管理局").click()
    expect(page.locator("h1")).to_have_text("重庆市潼南区城市管理局")
    timeline = page.locator("table.timeline")
    expect(timeline.locator("tbody th")).to_have_text(["2023"])
    on_time = {True: "按时", False: "逾期", None: "不详"}[report.published_on_time]
    expect(timeline.locator("tbody td .status").first).to_have_text(on_time)
    screenshot("agency")

    timeline.get_by_role("link", name=re.compile("2023年法治政府建设情况的报告")).click()
    expect(page.locator("h1")).to_contain_text("重庆市潼南区城市管理局")
    expect(page.get_by_role("navigation", name="目录")).to_be_visible()


def test_year_view_lists_reports_and_gaps_and_moves_between_years(page, seed_reports, screenshot):
    page.goto(reverse("reports:year", args=[2023]))
    expect(page.locator("#reported-title")).to_contain_text("已收录的报告(3)")
    page.get_by_role("link", name="← 2022年度").click()
    expect(page).to_have_url(re.compile(r"/years/2022/$"))
    expect(page.locator("#reported-title")).to_contain_text("(1)")
    expect(page.locator("#missing-title")).to_contain_text("(1)")  # 綦江区 reported for 2021 only

    # Nothing is held for 2024, whose reports are due: its page says so, the three who reported
    # for 2023 are its gap, and the navigation goes no further.
    page.get_by_role("link", name="2023年度 →").click()
    page.get_by_role("link", name="2024年度 →").click()
    expect(page.get_by_role("note").filter(has_text="本库没有收录2024年度的报告")).to_be_visible()
    expect(page.locator("#missing-title")).to_contain_text("(3)")
    expect(page.get_by_role("navigation", name="年度").get_by_role("link")).to_have_count(1)

    page.get_by_label("地区").select_option(label="宁夏回族自治区")
    page.get_by_role("button", name="查看").click()
    expect(page).to_have_url(re.compile(r"region=640000"))
    expect(page.locator("#missing-title")).to_contain_text("(1)")
    assert horizontal_overflow(page) == 0
    screenshot()


def test_print_style_keeps_the_report_and_drops_the_site_chrome(page, seed_reports, screenshot):
    report = seed_reports[0]
    page.goto(report.get_absolute_url())
    page.emulate_media(media="print")

    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("navigation", name="目录")).to_be_hidden()
    expect(page.locator("h1")).to_have_text(report.title)
    expect(page.locator(".report-body")).to_be_visible()
    screenshot()


def test_print_leaves_out_what_only_a_screen_can_use(page, seed_reports):
    """On paper a 排名 link beside every figure, "点击数字可跳到原句" and the breadcrumb are noise."""
    report = next(r for r in seed_reports if r.indicator_values.exists())
    page.goto(report.get_absolute_url())
    page.locator("details.indicators").evaluate("panel => { panel.open = true; }")  # closed on a phone
    expect(page.locator(".indicators__rank").first).to_be_visible()
    page.emulate_media(media="print")

    expect(page.locator(".indicators__value").first).to_be_visible()
    expect(page.locator(".indicators__rank").first).to_be_hidden()
    expect(page.locator(".indicators__hint")).to_be_hidden()
    expect(page.locator(".breadcrumb")).to_be_hidden()


@pytest.mark.parametrize("page", ["phone"], indirect=True)
def test_a_report_printed_from_a_phone_prints_its_figures(page, seed_reports):
    """The figures panel starts closed on a phone; printed closed, it gave its heading and no figure."""
    report = next(r for r in seed_reports if r.indicator_values.exists())
    page.goto(report.get_absolute_url())
    panel = page.locator("details.indicators")
    assert panel.evaluate("panel => panel.open") is False

    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    expect(page.locator(".indicators__value").first).to_be_visible()

    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert panel.evaluate("panel => panel.open") is False  # as the reader left it


def test_an_agencys_reports_table_keeps_the_year_in_view_while_it_scrolls_sideways(page, seed_reports):
    seed = next(report for report in seed_reports if report.agency.name == "重庆市綦江区人民政府")
    for year in (2022, 2023):
        factories.report_with_parts(seed.agency, year, "全年办理人大代表建议340件。")
    page.goto(reverse("reports:agency", args=[seed.agency.pk]))
    section = page.get_by_role("region", name="历年报告")
    expect(section.locator("tbody th[scope=row]")).to_have_text(["2023", "2022", str(seed.year)])
    expect(page.locator("#timeline-title + .table-hint")).to_contain_text("窄屏上表格可左右滑动")
    assert horizontal_overflow(page) == 0  # the cells' hidden words included

    scroller = section.locator(".table-scroll")
    room = scroller.evaluate("el => el.scrollWidth - el.clientWidth")
    if page.viewport_size["width"] >= 1000:
        assert room <= 0, "the table scrolls on a desktop"
        return
    assert room > 0
    # The table in the middle of the window (clear of the sticky header), scrolled to its end.
    scroller.evaluate(
        "el => { window.scrollBy(0, el.getBoundingClientRect().top - 300); el.scrollLeft = el.scrollWidth; }"
    )
    box = scroller.bounding_box()
    year = section.locator("tbody th[scope=row]").first
    last = section.locator("thead th").last
    # Scrolled to the end: the last part's column is in view and the year still at the left,
    # under its own header.
    assert abs(year.bounding_box()["x"] - box["x"]) < 1
    assert abs(section.locator("thead th").first.bounding_box()["x"] - box["x"]) < 1
    last_box = last.bounding_box()
    assert last_box["x"] >= box["x"] and last_box["x"] + last_box["width"] <= box["x"] + box["width"] + 1
    # ... and drawn over the cells that scroll under it.
    assert year.evaluate(
        "el => document.elementFromPoint(el.getBoundingClientRect().left + 4, "
        "el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2) === el"
    )


def test_report_to_agency_to_place_to_its_year_and_on_to_the_comparison_and_back(
    page, seed_reports, screenshot
):
    """The year view of a place was reachable only from the home page's country-wide header: a
    place's page now leads to it, and it leads up the tree, on to the comparison, and back."""
    report = next(r for r in seed_reports if r.agency.name == "重庆市綦江区交通局")
    page.goto(report.get_absolute_url())
    page.locator("dl.meta").get_by_role("link", name="重庆市綦江区交通局").click()
    page.locator(".breadcrumb").get_by_role("link", name="綦江区", exact=True).click()
    expect(page).to_have_url(re.compile(r"/regions/500110/$"))

    page.locator(".year-links").get_by_role("link", name=f"{report.year}年度").click()
    expect(page).to_have_url(re.compile(rf"/years/{report.year}/\?region=500110$"))
    reported = page.locator("#reported-title + .table-hint + ul li")
    expect(reported).to_have_count(1)
    expect(reported).to_contain_text("重庆市綦江区交通局")
    expect(reported.locator(".status")).to_have_text(
        {True: "按时", False: "逾期", None: "是否按时不详"}[report.published_on_time]
    )
    assert horizontal_overflow(page) == 0
    screenshot("year")

    page.locator(".breadcrumb").get_by_role("link", name="重庆市", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/years/{report.year}/\?region=500000$"))
    page.get_by_role("link", name="比较本年度指标").click()
    expect(page).to_have_url(re.compile(rf"/compare/year/\?year={report.year}&region=500000$"))
    expect(page.locator("h1")).to_contain_text(f"{report.year}年度")

    page.go_back()
    expect(page).to_have_url(re.compile(rf"/years/{report.year}/\?region=500000$"))
    page.go_back()
    page.go_back()
    expect(page).to_have_url(re.compile(r"/regions/500110/$"))


def test_year_view_puts_each_reports_agency_under_its_title(page, seed_reports):
    """The agency link followed the title link on the same line: two links running together."""
    report = seed_reports[0]
    page.goto(f"{reverse('reports:year', args=[report.year])}")
    item = page.locator("#reported-title ~ ul li").first
    title, agency = (
        item.locator("a").nth(0).bounding_box(),
        item.locator(".compact-list__meta a").first.bounding_box(),
    )

    assert agency["y"] >= title["y"] + title["height"] - 1
