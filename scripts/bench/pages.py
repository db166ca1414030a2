"""Timing the main HTML pages (and two API answers) with Django's test client."""

from __future__ import annotations

import random
from typing import Any
from urllib.parse import quote

from .common import Timing, log, timed
from .report import fmt_ms

# Keys stated in many reports: their rankings read the most figures.
RANKED_KEYS = ("publicity_events", "legal_trainings")
# A key whose catalogue entry lists facets (受理/办结/办理), stated in many synthetic reports.
FACETED_KEY = "items_handled"


def measure_pages(repeat: int, seed: int) -> dict[str, object]:
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from reports.compare.params import MAX_RANKING_ROWS
    from reports.models import ChosenFigure, Report

    rng = random.Random(seed)
    client = Client()
    ids = list(Report.objects.filter(is_synthetic=True).values_list("pk", "year", "agency_id")[:5000])
    picks = [rng.choice(ids) for _ in range(5)]
    province = (
        Report.objects.filter(
            is_synthetic=True, agency__region__level="county", agency__region__parent__level="city"
        )
        .values_list("agency__region__parent__parent__code", flat=True)
        .first()
    )

    county = (
        Report.objects.filter(is_synthetic=True, year=2023, agency__region__level="county")
        .values_list("agency__region__code", flat=True)
        .first()
    )

    # Reports whose row a report page's 排名 link opens (a redirect to the ranking page holding it).
    ranked = list(ChosenFigure.objects.filter(key=RANKED_KEYS[0]).values_list("report_id", flat=True)[:5000])
    ranked_picks = [rng.choice(ranked) for _ in range(5)] if ranked else []

    def last_ranking_page(key: str) -> int:
        rows = ChosenFigure.objects.filter(key=key, report__is_current=True).count()
        return max(1, -(-rows // MAX_RANKING_ROWS))

    def url(name: str, *args: object, app: str = "reports:") -> str | None:
        try:
            return reverse(f"{app}{name}", args=args)
        except NoReverseMatch:
            return None

    pages: dict[str, list[str]] = {
        "home": [url("home")],
        "report list": [url("list")],
        "report list, province+year": [f"{url('list')}?province={province}&year={y}" for y in (2023, 2022)],
        "report list, page 50": [f"{url('list')}?page=50"],
        # the reports a ranking leaves out (未报告), listed: those without a figure of the key
        "report list, not stating a key": [f"{url('list')}?lacks={RANKED_KEYS[0]}&year=2023"],
        "report detail": [url("detail", pk) for pk, _y, _a in picks],
        "region browse": [url("regions"), url("region", province)],
        "agency page": [url("agency", agency) for _pk, _y, agency in picks],
        "year view": [url("year", 2023)],
        # Compare pages read indicator values: extract them first (manage.py extract_indicators)
        # for the reports to compare; the synthetic generator does not.
        "compare index": [url("compare")],
        "indicator ranking, all": [url("compare-indicator", key) for key in RANKED_KEYS],
        "indicator ranking, year": [f"{url('compare-indicator', key)}?year=2023" for key in RANKED_KEYS],
        # the deepest page: its rows are read after all the figures above them are counted
        "indicator ranking, last page": [
            f"{url('compare-indicator', key)}?page={last_ranking_page(key)}" for key in RANKED_KEYS
        ],
        # a key listing facets groups its figures by them too (read past the covering index)
        "indicator ranking, faceted key": [url("compare-indicator", FACETED_KEY)],
        # one facet of it alone: each report's first figure of that facet (ChosenFacetFigure)
        "indicator ranking, one facet": [
            f"{url('compare-indicator', FACETED_KEY)}?facet={quote(facet)}" for facet in ("受理", "办理")
        ],
        "indicator coverage": [url("compare-coverage", key) for key in RANKED_KEYS],
        "ranking row (排名 link)": [url("ranking-row", RANKED_KEYS[0], pk) for pk in ranked_picks],
        # a county: a province holds more agencies than one table compares (a 400 page)
        "year table, county": [f"{url('compare-year')}?region={county}&year=2023"],
        "agency across years": [url("compare-agency", agency) for _pk, _y, agency in picks],
        # a common word: among many matches, by relevance in blocks or by year
        "search, relevance": [f"{url('search')}?q=行政复议"],
        "search, newest first": [f"{url('search')}?q=行政复议&sort=newest"],
        # real reports only: at a synthetic corpus the scan of the report table is what costs
        "sitemap index": [url("sitemap-index", app="")],
        "sitemap of reports": [url("sitemap-section", "reports", app="")],
        "regions API, a province": [url("api-region", province)],
        # streamed: timed to its last row (one key's figures; the whole panel is timed apart)
        "values CSV, one key": [f"{url('api-values')}?format=csv&key={RANKED_KEYS[1]}"],
    }
    results: dict[str, object] = {}
    for name, urls in pages.items():
        urls = [u for u in urls if u]
        if not urls:
            results[name] = {"skipped": "no such page yet"}
            continue
        timing = Timing()
        statuses = set()
        for address in urls:
            statuses.add(_read(client.get(address)).status_code)  # warm-up
            for _ in range(repeat):
                ms, response = timed(lambda address=address: _read(client.get(address)))
                statuses.add(response.status_code)
                timing.samples_ms.append(ms)
        results[name] = {**timing.summary(), "status": sorted(statuses), "urls": urls}
        log(f"page {name}: p50 {fmt_ms(timing.p50)} p95 {fmt_ms(timing.p95)} status {sorted(statuses)}")
    return results


def _read(response: Any) -> Any:
    """The response with a streamed body read to its end, so that its time is the whole download."""
    if getattr(response, "streaming", False):
        for _chunk in response.streaming_content:
            pass
    return response
