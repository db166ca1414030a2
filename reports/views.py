"""Public HTML pages: home, the filterable report list, one report and its original file, the
region tree, an agency's reports over time and a year's reporting gaps."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost, TooManyFieldsSent
from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import defaults
from django.views.decorators.http import require_safe

from .api import answers_in_json, error_for_a_client, is_api_path, json_response
from .browse import (
    REQUIRED_PARTS,
    agency_timeline,
    coverage_by_province_and_year,
    key_indicators,
    latest_reports,
    library_totals,
    region_overview,
    year_view,
)
from .compare.choices import region_choices, region_picker
from .compare.params import MAX_AGENCIES, column_of, query_string, unknown_params
from .filters import PLACE_LEVELS, ReportFilter, one_value_only
from .indicators.display import report_indicators
from .models import Agency, Region, Report, Section, SourceFile
from .query_ints import query_int
from .reading import mark_report, occurrence_links
from .search_views import back_to_results

PAGE_SIZE = 20
YEAR_PAGE_SIZE = 50


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "totals": library_totals(),
        "latest": latest_reports(),
        "coverage": coverage_by_province_and_year(),
    }
    return render(request, "reports/home.html", context)


@require_safe
def report_list(request: HttpRequest) -> HttpResponse:
    if "region" in request.GET:
        return _list_of_region(request)
    filterset = ReportFilter(request.GET, drop_stale_places=True)
    # An invalid filter shows its error and no reports, never an unfiltered list, and answers 400
    # as the search page and the API do.
    valid = filterset.is_valid()
    reports = filterset.qs if valid else Report.objects.none()
    page_obj = page_of(reports, PAGE_SIZE, request.GET.get("page"))
    # a misspelt filter listed every report with no word of it
    ignored = unknown_params(request.GET.keys(), [*ReportFilter.base_filters, "page"], export=False)
    # what 未给出的指标 chose, in words (a narrow select cuts its name off) and with its ranking
    lacking = _lacking(*filterset.lacking) if valid and filterset.lacking else None
    context = {"filterset": filterset, "page_obj": page_obj, "ignored": ignored, "lacking": lacking}
    return render(request, "reports/report_list.html", context, status=200 if valid else 400)


def _lacking(spec: str, name: str) -> tuple[str, str]:
    """The name of the indicator (or facet) the list's reports give no figure of, and its ranking."""
    key, facet = column_of(spec)
    ranking = reverse("reports:compare-indicator", args=[key])
    return name, f"{ranking}?{query_string([('facet', facet)])}" if facet else ranking


def _list_of_region(request: HttpRequest) -> HttpResponse:
    """``region=code``, as the year and compare pages name a place: the list of that place, its
    province and city filled in above it and any other place given dropped; an unknown code
    or two of them said, not every report listed."""
    values = request.GET.getlist("region")
    if len(values) > 1:
        message = f"参数 region {one_value_only(values)}"
        answer = error_for_a_client(request, message, status=400)
        return answer or HttpResponseBadRequest(render_to_string("400.html", {"message": message}, request))
    query = request.GET.copy()
    del query["region"]
    if code := values[0].strip():
        places = Region.objects.filter(code=code, level__in=PLACE_LEVELS).select_related("parent__parent")
        region = places.first()
        if region is None:
            return not_found(request, f"没有区划代码为“{code[:20]}”的省、市或区县:请从地区列表中选择。")
        for level in PLACE_LEVELS:
            query.pop(level, None)
        for place in region.ancestors_and_self():
            query[place.level] = place.code
    return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)


@require_safe
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # The agency's report before this one, for the links comparing the two (read in the same query).
    earlier = (
        Report.objects.current()
        .filter(agency=OuterRef("agency_id"), year__lt=OuterRef("year"))
        .order_by("-year")
    )
    report = get_object_or_404(
        Report.objects.with_listing_data()
        .annotate(
            previous_pk=Subquery(earlier.values("pk")[:1]), previous_year=Subquery(earlier.values("year")[:1])
        )
        .select_related("source_file", "superseded_by")
        # The page shows only the file's name; the text places the indicator marks in the sections.
        .defer("source_file__data", "superseded_by__text"),
        pk=pk,
    )
    sections = list(report.sections.order_by("position"))
    values = (
        report.indicator_values.shown()
        .with_chosen()
        .select_related("definition__group")
        .order_by("start", "pk")
    )
    earlier_versions = list(
        report.earlier_versions.order_by("-imported_at").only("pk", "title", "year", "imported_at")
    )
    indicators = report_indicators(report.text, sections, list(values))
    reading = mark_report(request.GET.get("q", ""), indicators.sections)
    context = {
        "report": report,
        "sections": sections,
        "toc": heading_tree(sections),
        "indicators": indicators,
        # Opened from a search (?q=…): every occurrence marked, numbered for next/previous.
        "reading": reading,
        "occurrence_links": occurrence_links(request.GET, reading.hits),
        "results_url": back_to_results(request.GET),
        "earlier_versions": earlier_versions,
        # Only web addresses become links; anything else (javascript: …) is shown as text.
        "source_is_link": report.source_url.startswith(("http://", "https://")),
    }
    return render(request, "reports/report_detail.html", context)


@require_safe
def report_original(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(SourceFile.objects.only("name", "data"), reports__pk=pk)
    content_type, encoding = mimetypes.guess_type(source.name)
    data = bytes(source.data)
    if content_type is None or encoding is not None:
        # A compressed file (report.txt.gz) is served as the bytes it is, not as its content.
        content_type = "application/octet-stream"
    elif charset := _text_charset(data, content_type):
        content_type = f"{content_type}; charset={charset}"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=source.name)
    return response


def _text_charset(data: bytes, content_type: str) -> str | None:
    """The charset a text file's bytes are in, so that one opened in the browser is not shown
    garbled: UTF-8 when they are valid UTF-8, else GB18030 for plain text (an HTML page names
    its own in its meta tag); None when they are neither, or the file is no text."""
    candidates = {"text/plain": ("utf-8", "gb18030"), "text/html": ("utf-8",)}.get(content_type, ())
    for charset in candidates:
        try:
            data.decode(charset)
        except UnicodeDecodeError:
            continue
        return charset
    return None


@dataclass
class TocEntry:
    section: Section
    children: list[TocEntry] = field(default_factory=list)


def heading_tree(sections: list[Section]) -> list[TocEntry]:
    """The numbered sections nested by path ("2.1" under "2"); the untitled preamble is left out."""
    roots: list[TocEntry] = []
    by_path: dict[str, TocEntry] = {}
    for section in sections:
        if section.level == 0:
            continue
        entry = TocEntry(section)
        parent = by_path.get(section.path.rpartition(".")[0])
        (parent.children if parent else roots).append(entry)
        by_path[section.path] = entry
    return roots


@require_safe
def region_browse(request: HttpRequest, code: str | None = None) -> HttpResponse:
    region = None
    if code is not None:
        region = get_object_or_404(Region.objects.select_related("parent__parent"), code=code)
    overview = region_overview(region)
    context = {
        "overview": overview,
        "region": region,
        "agency_groups": [
            ("本级人民政府" if region else "中央(国务院部门)", overview.governments),
            ("本级政府部门" if region else "中央(国务院部门)", overview.departments),
            ("开发区、新区等(低一级)", overview.zones),
            ("下辖乡镇、街道", overview.townships),
        ],
    }
    return render(request, "reports/region_browse.html", context)


@require_safe
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.select_related("region__parent__parent"), pk=pk)
    timeline = agency_timeline(agency)
    context = {
        "agency": agency,
        "timeline": timeline,
        # the 正文不完整 badge is explained in words under the table (a hover title no phone shows)
        "some_text_cut": any(entry.report.text_cut for entry in timeline),
        "parts": REQUIRED_PARTS,
        "key_indicators": key_indicators(agency),
    }
    return render(request, "reports/agency_detail.html", context)


def page_of(items: Any, size: int, raw: str | None) -> Page:
    """The asked-for page; a number below 1 means the first (Django's paginator would show the
    last), one past the end the last, anything else the first."""
    text = (raw or "").strip()
    number = query_int(text)
    if text.startswith("-") or number == 0:
        number = 1
    return Paginator(items, size).get_page(text if number is None else number)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 for an address no view answers: JSON for the API and the JSON exports (what
    their clients can read), the site's page elsewhere."""
    if is_api_path(request.path):
        message = f"没有这个接口地址:{request.path}。可用的接口及其参数见 /api/"
    else:
        message = f"没有这个地址:{request.path}"
    answer = error_for_a_client(request, message, status=404)
    return answer or render(request, "404.html", {"request_path": request.path}, status=404)


# Requests Django refuses before any view runs, said in the words of the 400 page.
_REFUSALS = {
    DisallowedHost: "请求的主机名不是本站的地址。",
    TooManyFieldsSent: f"查询参数太多(最多 {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} 个)。",
}


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 for a request Django refuses (a host not ours, too many query parameters): JSON
    for the API and the JSON exports, the site's 400 page elsewhere."""
    message = next((said for kind, said in _REFUSALS.items() if isinstance(exception, kind)), "请求无效。")
    # Rendered without the request, as Django's own 400 is: a refused host cannot be asked again.
    answer = error_for_a_client(request, message, status=400)
    return answer or HttpResponseBadRequest(render_to_string("400.html", {"message": message}))


SERVER_ERROR = "服务器处理这个请求时出了问题,已记录在日志中。请稍后再试。"


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500: JSON for the API and the JSON exports, else the plain page that needs nothing
    that could fail in turn."""
    if answers_in_json(request):
        return json_response({"error": SERVER_ERROR}, status=500)
    return defaults.server_error(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form (in the admin: the only place that takes one) whose CSRF token did not check out:
    said in Chinese, with what to do, instead of Django's English page."""
    context = {"no_cookie": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)


def not_found(request: HttpRequest, reason: str) -> HttpResponse:
    """The 404 page saying what was not found, rather than that the address has no page."""
    answer = error_for_a_client(request, reason, status=404)
    return answer or render(request, "404.html", {"reason": reason, "request_path": request.path}, status=404)


@require_safe
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    if not 2000 <= year <= 2100:
        return not_found(request, f"没有 {year} 年度:年度须在 2000 至 2100 之间。")
    region = None
    if code := request.GET.get("region", "").strip():
        region = Region.objects.filter(code=code).select_related("parent__parent").first()
        if region is None:
            return not_found(request, f"没有区划代码为“{code[:20]}”的地区:请从地区列表中选择。")
    view = year_view(year, region)
    reported = page_of(view.reported, YEAR_PAGE_SIZE, request.GET.get("page"))
    context = {
        "year": year,
        "region": region,
        # Provinces and their cities that have reports, as on the year comparison (a district
        # looks at its city's year; a province without reports has nothing to show).
        **region_picker(region, region_choices()),
        "reported": reported,
        "missing": page_of(view.missing, YEAR_PAGE_SIZE, request.GET.get("missing_page")),
        "view": view,
        # the year table compares at most MAX_AGENCIES agencies: a link to more would only refuse
        "comparable": reported.paginator.count <= MAX_AGENCIES,
        "max_agencies": MAX_AGENCIES,
    }
    return render(request, "reports/year_detail.html", context)
