"""Browsing in Chromium: home → coverage → region tree → agency → report, and the year view."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

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
    page.get_by_role("link", name="2024年度 →").click()
    expect(page).to_have_url(re.compile(r"/years/2024/$"))
    # Nobody has reported for 2024 yet: the three who reported for 2023 are the gap.
    expect(page.locator("#missing-title")).to_contain_text("(3)")

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
