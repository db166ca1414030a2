"""What search engines are offered: the sitemap of real reports, agencies and places, and robots.txt."""

from __future__ import annotations

import re

import pytest

from tests import factories


def locations(xml: str) -> list[str]:
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]


@pytest.mark.django_db
def test_the_sitemap_lists_current_real_reports_their_agencies_and_places(client):
    agency = factories.agency("吴忠市利通区人民政府", region_code="640302")
    old = factories.report(agency, year=2022)
    current = factories.new_version(old)
    sample = factories.report(factories.agency("某县人民政府", region_code="410000"), is_synthetic=True)

    index = locations(client.get("/sitemap.xml").content.decode())
    reports = locations(client.get("/sitemap-reports.xml").content.decode())
    agencies = locations(client.get("/sitemap-agencies.xml").content.decode())
    regions = locations(client.get("/sitemap-regions.xml").content.decode())

    assert index == [f"/sitemap-{name}.xml" for name in ("pages", "reports", "agencies", "regions")]
    assert reports == [current.get_absolute_url()]  # not the superseded version, nor the sample
    assert old.get_absolute_url() not in reports and sample.get_absolute_url() not in reports
    assert agencies == [f"/agencies/{agency.pk}/"]
    assert regions == ["/regions/640000/", "/regions/640300/", "/regions/640302/"]
    assert "/" in locations(client.get("/sitemap-pages.xml").content.decode())


@pytest.mark.django_db
def test_robots_txt_keeps_crawlers_out_of_the_admin_and_search_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    body = response.content.decode()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Disallow: /admin/" in body and "Disallow: /search/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.django_db
def test_a_report_page_describes_itself_for_search_results(client):
    report = factories.report(factories.agency("吴忠市利通区人民政府", region_code="640302"), year=2023)

    html = client.get(report.get_absolute_url()).content.decode()

    assert '<meta name="description" content="吴忠市利通区人民政府2023年度法治政府建设报告' in html
