"""Public HTML pages: the filterable report list, one report, and its original file."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from .filters import ReportFilter
from .models import Report, Section, SourceFile

PAGE_SIZE = 20


@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    filterset = ReportFilter(request.GET, drop_stale_places=True)
    # An invalid filter shows its error and no reports, never an unfiltered list.
    reports = filterset.qs if filterset.is_valid() else Report.objects.none()
    page_obj = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/report_list.html", {"filterset": filterset, "page_obj": page_obj})


@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        Report.objects.with_listing_data()
        .select_related("source_file", "superseded_by")
        # The page shows sections, not the whole text, and only the file's name.
        .defer("text", "source_file__data", "superseded_by__text"),
        pk=pk,
    )
    sections = list(report.sections.order_by("position"))
    earlier_versions = list(
        report.earlier_versions.order_by("-imported_at").only("pk", "title", "year", "imported_at")
    )
    context = {
        "report": report,
        "sections": sections,
        "toc": heading_tree(sections),
        "earlier_versions": earlier_versions,
        # Only web addresses become links; anything else (javascript: …) is shown as text.
        "source_is_link": report.source_url.startswith(("http://", "https://")),
    }
    return render(request, "reports/report_detail.html", context)


@require_GET
def report_original(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(SourceFile.objects.only("name", "data"), reports__pk=pk)
    content_type, encoding = mimetypes.guess_type(source.name)
    if content_type is None or encoding is not None:
        # A compressed file (report.txt.gz) is served as the bytes it is, not as its content.
        content_type = "application/octet-stream"
    response = HttpResponse(bytes(source.data), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=source.name)
    return response


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
