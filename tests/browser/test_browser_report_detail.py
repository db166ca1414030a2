"""A report page in Chromium: opened from the list, its table of contents, the original file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.checks import draws_distinct_chinese_glyphs, horizontal_overflow

pytestmark = pytest.mark.browser

LIST_URL = reverse("reports:list")


def longest(reports):
    """The seed report with the most sections: its later sections lie well below the fold."""
    return max(reports, key=lambda report: report.sections.count())


def test_report_opens_from_the_list_and_its_contents_lead_to_the_sections(page, seed_reports, screenshot):
    report = longest(seed_reports)
    page.goto(LIST_URL)
    page.get_by_role("link", name=report.title).click()

    expect(page).to_have_url(re.compile(rf"/reports/{report.pk}/$"))
    expect(page.locator("h1")).to_have_text(report.title)
    assert page.locator("html").get_attribute("lang").startswith("zh")
    assert draws_distinct_chinese_glyphs(page, "h1")
    toc = page.get_by_role("navigation", name="目录")
    expect(toc).to_be_visible()
    fold = toc.locator("details")
    if page.viewport_size["width"] < 960:
        # on a phone the contents start closed, so that the text is not screens down
        assert fold.evaluate("details => details.open") is False
        toc.get_by_text("目录").click()
    assert fold.evaluate("details => details.open") is True
    entries = toc.get_by_role("link")
    assert entries.count() == report.sections.filter(level__gte=1).count()

    # An entry in the middle: the page must scroll down to it and still have text below.
    entry = entries.nth(entries.count() // 2)
    anchor = entry.get_attribute("href").removeprefix("#")
    entry_text = entry.inner_text()
    entry.click()

    expect(page).to_have_url(re.compile(rf"#{anchor}$"))
    section = page.locator(f"section#{anchor}")
    assert section.evaluate("el => el.matches(':target')")
    assert section.locator("h2, h3, h4").first.inner_text() == entry_text
    assert page.evaluate("window.scrollY") > 0
    top = section.bounding_box()["y"]
    assert 0 <= top <= 40, f"the section starts {top}px below the top of the window"
    screenshot()


def test_original_file_downloads_with_its_name_and_bytes(page, seed_reports):
    report = seed_reports[0]
    page.goto(report.get_absolute_url())

    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"下载 {report.source_file.name}").click()

    download = download_info.value
    assert download.suggested_filename == report.source_file.name
    assert Path(download.path()).read_bytes() == bytes(report.source_file.data)


def test_every_report_page_fits_the_window_width(page, seed_reports, screenshot):
    for report in seed_reports:
        page.goto(report.get_absolute_url())
        expect(page.locator("h1")).to_have_text(report.title)
        assert horizontal_overflow(page) <= 0, f"{report.get_absolute_url()} scrolls sideways"
        screenshot(f"report{report.pk}")


def test_a_signed_report_ends_on_its_signature_set_to_the_right(page, seed_reports, screenshot):
    signed = [report for report in seed_reports if report.sections.filter(label="signature").exists()]
    assert len(signed) == 2  # 潼南区城市管理局 and 綦江区人民政府 sign theirs
    for report in signed:
        page.goto(report.get_absolute_url())
        sections = page.locator(".report-body > section")
        closing = sections.last
        expect(closing).to_have_id("ssign")
        expect(closing.locator(".badge")).to_have_text("落款")
        organ = closing.locator("p").first
        expect(organ).to_have_text(report.agency.name)
        assert organ.evaluate("el => getComputedStyle(el).textAlign") == "right"
        # The organ's name ends at the text column's right edge, as on the printed page.
        body_box = page.locator(".report-body").bounding_box()
        text_right = organ.evaluate(
            "el => { const range = document.createRange(); range.selectNodeContents(el);"
            " return range.getBoundingClientRect().right; }"
        )
        assert abs(body_box["x"] + body_box["width"] - text_right) <= 2
        # The last plan item no longer ends with it, nor does the table of contents list it.
        assert report.agency.name not in sections.nth(sections.count() - 2).inner_text()
        assert page.get_by_role("navigation", name="目录").get_by_role("link", name="落款").count() == 0
        closing.scroll_into_view_if_needed()
        screenshot(f"signature{report.pk}")
