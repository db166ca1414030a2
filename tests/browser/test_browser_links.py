"""Every link a visitor can follow from the report list and the report pages leads somewhere."""

from __future__ import annotations

import re
from urllib.parse import urldefrag

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser

LIST_URL = reverse("reports:list")


# The links are the same at both widths: crawl once, at desktop size.
@pytest.mark.parametrize("page", ["desktop"], indirect=True)
def test_every_link_on_the_list_and_report_pages_answers(page, live_server, seed_reports):
    page.goto(LIST_URL)
    report_pages = sorted(
        {
            urldefrag(href).url
            for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
            if re.search(r"/reports/\d+/$", urldefrag(href).url)
        }
    )
    assert report_pages == sorted(f"{live_server.url}{r.get_absolute_url()}" for r in seed_reports)

    checked: dict[str, int] = {}
    for url in [f"{live_server.url}{LIST_URL}", *report_pages]:
        page.goto(url)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            target, fragment = urldefrag(href)
            if target == url and fragment:
                assert page.locator(f"[id='{fragment}']").count() == 1, f"{href} on {url}: no such anchor"
                continue
            if not href.startswith(live_server.url):
                # A source page on a government site: tests have no network, so only its form.
                assert href.startswith(("http://", "https://")), f"{url} links to {href}"
                continue
            if target not in checked:
                checked[target] = page.request.get(target).status
    failing = {target: status for target, status in checked.items() if status != 200}
    assert not failing, failing
    # The crawl did reach the kinds of pages it should: detail pages, downloads, the API, admin.
    assert any(target.endswith("/original/") for target in checked)
    assert any(target.endswith("/api/") for target in checked)
    assert any("/admin/" in target for target in checked)


@pytest.mark.parametrize("page", ["desktop"], indirect=True)
def test_every_link_on_the_home_page_and_the_region_tree_answers(page, live_server, seed_reports):
    """Home, then every region page reachable from it, crawled breadth first; all their links."""
    to_visit = [f"{live_server.url}{reverse('reports:home')}"]
    visited: set[str] = set()
    checked: dict[str, int] = {}
    while to_visit:
        url = to_visit.pop(0)
        if url in visited:
            continue
        visited.add(url)
        page.goto(url)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            target, _fragment = urldefrag(href)
            if not target.startswith(live_server.url):
                continue
            if re.search(r"/regions/(\d{6}/)?$", target) and target not in visited:
                to_visit.append(target)
            if target not in checked:
                checked[target] = page.request.get(target).status
    failing = {target: status for target, status in checked.items() if status != 200}
    assert not failing, failing
    # The seeds' places: three provinces, a city and four counties, each with its page.
    region_pages = {url for url in visited if "/regions/" in url}
    assert len(region_pages) >= 1 + 3 + 1 + 4, sorted(region_pages)
    assert any("/agencies/" in target for target in checked)
    assert any("/years/" in target for target in checked)
    assert any(re.search(r"/reports/\?province=\d{6}&year=\d{4}$", target) for target in checked)
