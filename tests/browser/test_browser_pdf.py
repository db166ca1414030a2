"""Reports saved as PDF by Chromium ("print to PDF"), as a reader keeps a web page: a real text
layer (fonts, positions, the spaces it puts between Chinese and digits), with or without the date,
title, address and page count the browser prints at each page's top and foot."""

from __future__ import annotations

import re
from html import escape

import pytest

from reports.ingest import ImportStatus, import_report
from reports.ingest.pipeline import parse_report_file
from reports.models import Region, Report
from reports.regions.loading import sync_regions
from tests.conftest import SAMPLES
from tests.readings import assert_read_alike

pytestmark = pytest.mark.browser


def report_page(title: str, text: str) -> str:
    """The report as a plain page: its title, then each paragraph indented two characters."""
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text.split("\n"))
    return (
        f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        "<style>body{font-size:16pt;margin:0} p{text-indent:2em;margin:0} h1{text-align:center}</style>"
        f"</head><body><h1>{escape(title)}</h1>{paragraphs}</body></html>"
    )


@pytest.mark.parametrize("headers", [False, True], ids=["plain", "with-browser-headers"])
@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_a_seed_printed_to_pdf_by_chromium_reads_as_its_text(browser, seed, headers):
    path = next(SAMPLES.glob(f"{seed}_*.txt"))
    as_text = parse_report_file(path.read_bytes(), filename=path.name)
    page = browser.new_page()
    page.set_content(report_page(as_text.facts.title, as_text.page.text))
    data = page.pdf(format="A4", display_header_footer=headers, margin={"top": "2cm", "bottom": "2cm"})
    page.close()

    as_pdf = parse_report_file(data, filename=f"{seed}.pdf")

    assert len(data) > 10_000 and as_pdf.facts.title == as_text.facts.title
    assert_read_alike(as_pdf, as_text)
    # The text itself, but for the spaces the seed's own text has between Chinese words
    # (机制 提升), which a PDF's spacing cannot be told from.
    assert as_pdf.page.text == re.sub(r"(?<=\S) (?=\S)", "", as_text.page.text)


def test_a_government_page_printed_by_chromium_is_placed_by_the_address_in_its_footer(
    browser, transactional_db
):
    """A department's page that calls itself 市司法局 (labelled synthetic), printed from its site:
    the footer's address (sfj.dl.gov.cn) says which city, as the page's own table does in HTML."""
    sync_regions(Region)  # an earlier transactional test's flush emptied the division table
    html = (SAMPLES / "synthetic_dalian_city_bureau_page.html").read_bytes()
    address = "https://sfj.dl.gov.cn/art/2024/3/28/art_1234_5678.html"
    page = browser.new_page()
    page.route("https://sfj.dl.gov.cn/**", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(address)
    data = page.pdf(format="A4", display_header_footer=True, margin={"top": "2cm", "bottom": "2cm"})
    page.close()

    outcome = import_report(data, filename="司法局.pdf")

    assert outcome.status is ImportStatus.CREATED, outcome.reason
    report = Report.objects.select_related("agency__region").get(pk=outcome.report_id)
    assert report.source_url == address
    assert (report.agency.name, report.agency.region.code, report.year) == ("大连市司法局", "210200", 2023)
    as_html = parse_report_file(html, filename="page.html")
    assert_read_alike(parse_report_file(data, filename="司法局.pdf"), as_html)
    # The browser's margins (3/28/24, 4:20 PM and the title; the address and 1/1) are not text.
    assert "sfj.dl.gov.cn" not in report.text and not re.search(r"\d:\d\d", report.text)
