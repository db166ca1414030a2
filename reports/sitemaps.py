"""The sitemap search engines read (``/sitemap.xml``) and the robots.txt that points to it.

Listed: the browsing pages, every current real report, and the agencies and places that have
one. Synthetic samples are left out (they exist for load tests, not for readers), as are search
results and compare pages: their addresses are made of queries without end.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from .browse import regions_with_ancestors
from .models import Agency, Region, Report


class PageSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["reports:home", "reports:list", "reports:regions", "reports:compare"]

    def location(self, item: str) -> str:
        return reverse(item)


def _with_real_reports() -> QuerySet[Report]:
    return Report.objects.current().filter(is_synthetic=False)


class ReportSitemap(Sitemap):
    def items(self) -> QuerySet[Report]:
        return _with_real_reports().only("pk", "imported_at").order_by("pk")

    def lastmod(self, report: Report) -> object:
        return report.imported_at


class AgencySitemap(Sitemap):
    def items(self) -> QuerySet[Agency]:
        real = _with_real_reports().filter(agency=OuterRef("pk"))
        return Agency.objects.filter(Exists(real)).only("pk").order_by("pk")

    def location(self, agency: Agency) -> str:
        return reverse("reports:agency", args=[agency.pk])


class RegionSitemap(Sitemap):
    def items(self) -> list[Region]:
        # The places of agencies with a real report, and the places above them.
        seats = _with_real_reports().exclude(agency__region=None).values_list("agency__region_id", flat=True)
        return sorted(regions_with_ancestors(set(seats.distinct())).values(), key=lambda place: place.code)

    def location(self, region: Region) -> str:
        return reverse("reports:region", args=[region.code])


SITEMAPS = {
    "pages": PageSitemap,
    "reports": ReportSitemap,
    "agencies": AgencySitemap,
    "regions": RegionSitemap,
}

ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /search/
Disallow: /api/
Sitemap: {sitemap}
"""


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap-index"))
    return HttpResponse(ROBOTS.format(sitemap=sitemap), content_type="text/plain; charset=utf-8")
