"""Compare pages: one agency across years, many agencies in a year, one indicator's ranking, two
reports side by side, promises kept; and the stable figure link they all use.

Thin views: read the query string (``reports.compare.params``), call one function of
``reports.compare``, render. Every page is a permalink (all state in the query string, defaults
written out in the link the page shows) and answers ``?format=csv`` (UTF-8 with BOM) and
``?format=json`` from the same rows (``reports.compare.export``). Bad input never reaches an
error page: ``CompareError`` becomes a message in the normal layout with status 400 or 404
(JSON ``{"error": …}`` or plain text for the exports).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from .api import json_response
from .compare import (
    MAX_AGENCIES,
    MAX_KEYS,
    VALUE_RULE,
    CompareError,
    PlaceFilter,
    agency_years,
    figure_anchor,
    indicator_ranking,
    promises,
    ranking_page_of,
    report_pair,
    year_table,
)
from .compare import export as exports
from .compare.choices import (
    AGENCY_VIEWS,
    agencies_with_most_years,
    agencies_with_plan_pairs,
    agency_search,
    facet_report_counts,
    indicator_report_counts,
    ranking_region_choices,
    region_choices,
    region_picker,
    stated_facets,
)
from .compare.coverage import indicator_coverage
from .compare.links import check_offsets, follow_words
from .compare.params import (
    KINDS,
    LEVELS,
    choice_param,
    column_of,
    column_spec,
    facet_param,
    format_param,
    indicator_columns,
    indicator_key,
    indicator_keys,
    one_int,
    page_param,
    place_filter,
    query_string,
    single,
    sort_param,
    unknown_params,
    year_param,
)
from .compare.texts import MISSING_MEASURES, MISSING_PLANS
from .models import Agency, IndicatorDefinition, IndicatorGroup, Report
from .spreadsheets import csv_download, download_name

FORMATS = ("", "html", "csv", "json")
# The parameters that choose agencies (PlaceFilter), and all the year table reads.
PLACE_PARAMS = ("region", "kind", "level", "agencies")
YEAR_PARAMS = ("year", *PLACE_PARAMS, "keys", "sort")
# The words a text comparison shows for a part a report lacks (its CSV has the same).
MISSING_TEXTS = {"plans": MISSING_PLANS, "measures": MISSING_MEASURES}


def _format(request: HttpRequest) -> str:
    formats = request.GET.getlist("format")
    return formats[0].strip().lower() if formats else ""


def _page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    export: Callable[[Callable[[str], str]], exports.Export],
    *,
    path: str,
    pairs: list[tuple[str, object]],
    filename: str,
) -> HttpResponse:
    """Render the page, or its CSV/JSON export, with the permalink built from ``pairs``."""
    query = query_string(pairs)
    permalink = f"{path}?{query}" if query else path
    kind = _format(request)
    if kind == "csv":
        return csv_download(export(request.build_absolute_uri).csv_rows(), filename)
    if kind == "json":
        return json_response(
            export(request.build_absolute_uri).as_json(request.build_absolute_uri(permalink))
        )
    joiner = "&" if query else "?"
    context.update(
        {
            "permalink": permalink,
            # written out whole, to be copied into a citation or read on paper
            "permalink_url": request.build_absolute_uri(permalink),
            "csv_url": f"{permalink}{joiner}format=csv",
            "json_url": f"{permalink}{joiner}format=json",
            "value_rule": VALUE_RULE,
        }
    )
    return render(request, template, context)


def _error(request: HttpRequest, error: CompareError, title: str = "无法比较") -> HttpResponse:
    kind = _format(request)
    if kind == "json":
        return json_response({"error": error.message}, status=error.status)
    if kind == "csv":
        return HttpResponse(error.message, status=error.status, content_type="text/plain; charset=utf-8")
    context = {"title": title, "message": error.message, "status": error.status}
    return render(request, "reports/compare_error.html", context, status=error.status)


def _check_query(request: HttpRequest, *known: str) -> str:
    """Check the export format; return a note naming the parameters the page ignores (an
    export refuses them: ``CompareError``)."""
    export = format_param(request.GET, FORMATS) in ("csv", "json")
    note = unknown_params(request.GET.keys(), (*known, "format"), export=export)
    if note and export:
        raise CompareError(note)
    return note


def _agency(pk: int) -> Agency:
    agency = Agency.objects.select_related("region__parent__parent").filter(pk=pk).first()
    if agency is None:
        raise CompareError(f"没有编号为 {pk} 的机关。", status=404)
    return agency


def _report(pk: int) -> Report:
    report = Report.objects.with_listing_data().filter(pk=pk).first()
    if report is None:
        raise CompareError(f"没有编号为 {pk} 的报告。", status=404)
    return report


@require_safe
def compare_index(request: HttpRequest) -> HttpResponse:
    """Entry page: a way into every kind of comparison, and every indicator with how many
    reports its ranking lists. ``?agency=<id or name>&view=agency|promises`` opens that
    agency's page (or lists the matches); ``?indicator=<key>`` opens the ranking."""
    search = None
    try:
        key = single(request.GET, "indicator", "指标")
        if key:
            definition = indicator_key(key)  # 404 for an unknown key
            facet = facet_param(request.GET, definition)  # a facet typed in is kept, or refused
            path = reverse("reports:compare-indicator", args=[definition.key])
            return HttpResponseRedirect(_page_url(path, [("facet", facet)], 1))
        text = single(request.GET, "agency", "机关")
        view = choice_param(request.GET, "view", AGENCY_VIEWS, "比较方式") or "agency"
        if text:
            search = agency_search(text, view)
            if search.target:
                return HttpResponseRedirect(search.target)
    except CompareError as error:
        return _error(request, error)
    counts, facet_counts = indicator_report_counts(), facet_report_counts()  # read once for every key
    groups: dict[str, list[tuple[IndicatorDefinition, int, list[tuple[str, int]]]]] = {}
    for definition in (
        IndicatorDefinition.objects.filter(is_active=True)
        .select_related("group")
        .order_by("group__position", "group__key", "position", "key")
    ):
        # each facet's own ranking, for a key that gathers several measures
        groups.setdefault(definition.group.name, []).append(
            (definition, counts.get(definition.key, 0), stated_facets(definition, facet_counts))
        )
    context = {
        "groups": groups,
        "search": search,
        "agency_views": AGENCY_VIEWS,
        "examples": agencies_with_most_years(),
        "plan_pairs": agencies_with_plan_pairs(),
        "regions": region_choices(),
        "kinds": KINDS,
        "levels": LEVELS,
        "max_agencies": MAX_AGENCIES,
    }
    return render(request, "reports/compare_index.html", context)


@require_safe
def compare_agency(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        ignored = _check_query(request, "keys")
        agency = _agency(pk)
        keys = indicator_keys(request.GET)
        result = agency_years(agency, keys)
    except CompareError as error:
        return _error(request, error)
    return _page(
        request,
        "reports/compare_agency.html",
        {"result": result, "agency": agency, "ignored": ignored},
        lambda absolute: exports.agency_years_export(result, absolute),
        path=reverse("reports:compare-agency", args=[pk]),
        pairs=[("keys", ",".join(keys))],
        filename=download_name(agency.name, "历年指标"),
    )


@require_safe
def compare_year(request: HttpRequest) -> HttpResponse:
    # A submitted form with every field left empty asks for nothing: show the form again.
    asked = [
        name for name, values in request.GET.lists() if name in YEAR_PARAMS and any(v.strip() for v in values)
    ]
    ignored = ""
    try:
        ignored = _check_query(request, *YEAR_PARAMS)
        if not asked:
            raise CompareError("请先选择地区或机关:例如在“按地区”页面点“比较本地区……”,或用下面的表单。")
        place = place_filter(request.GET)
        year = year_param(request.GET)
        keys = indicator_columns(request.GET)
        sort = sort_param(request.GET)
        result = year_table(place, year, keys, sort)
    except CompareError as error:
        if not asked and _format(request) in ("", "html"):
            context = {**_year_form_context(None, request), "ignored": ignored}
            return render(request, "reports/compare_year.html", context)
        return _error(request, error)
    pairs: list[tuple[str, object]] = [("year", result.year), *result.place.items()]
    pairs += [("keys", ",".join(result.keys)), ("sort", result.sort)]
    return _page(
        request,
        "reports/compare_year.html",
        {**_year_form_context(result, request), "ignored": ignored},
        lambda absolute: exports.year_table_export(result, absolute),
        path=reverse("reports:compare-year"),
        pairs=pairs,
        filename=download_name(result.place.describe(), f"{result.year}年度", "指标比较"),
    )


def _with_chosen(facets: list[str], chosen: str) -> list[str]:
    return facets if not chosen or chosen in facets else [chosen, *facets]


def _facet_columns(
    definition: IndicatorDefinition, chosen: list[str], counts: dict[tuple[str, str], int]
) -> list[tuple[str, str, bool]]:
    """A faceted key's columns of one facet each, for the year table's picker: (facet, the
    column's ``keys`` value, whether the table shows it), for the facets reports state
    (``facet_report_counts``) and any the table shows."""
    facets = [facet for facet, _count in stated_facets(definition, counts)]
    for spec in chosen:
        key, facet = column_of(spec)
        if key == definition.key and facet:
            facets = _with_chosen(facets, facet)
    specs = [(facet, column_spec(definition.key, facet)) for facet in facets]
    return [(facet, spec, spec in chosen) for facet, spec in specs]


def _year_form_context(result: Any, request: HttpRequest) -> dict[str, Any]:
    chosen = result.keys if result is not None else []
    counts = facet_report_counts()  # read once for every key
    groups = []
    for group in IndicatorGroup.objects.prefetch_related("definitions").order_by("position", "key"):
        definitions = [d for d in group.definitions.all() if d.is_active]
        if definitions:
            groups.append(
                (group.name, [(d, d.key in chosen, _facet_columns(d, chosen, counts)) for d in definitions])
            )
    # a table's picker counts the reports of its year: the table holds those (杭州市(77) over every
    # year read as 77 rows beside a year's 19); a year without any, every year's
    counted_year = result.year if result is not None else None
    regions = region_choices(counted_year) if counted_year is not None else []
    if not regions:
        counted_year, regions = None, region_choices()
    return {
        "result": result,
        **region_picker(result.place.region if result is not None else None, regions),
        "counted_year": counted_year,
        "catalogue": groups,
        "kinds": KINDS,
        "levels": LEVELS,
        "max_keys": MAX_KEYS,
        "max_agencies": MAX_AGENCIES,
    }


@require_safe
def compare_indicator(request: HttpRequest, key: str) -> HttpResponse:
    try:
        ignored = _check_query(request, "year", *PLACE_PARAMS, "facet", "page")
        definition = indicator_key(key)
        place = place_filter(request.GET)
        year = year_param(request.GET)
        facet = facet_param(request.GET, definition)
        page = page_param(request.GET)
        result = indicator_ranking(definition, place, year, page, facet)
    except CompareError as error:
        return _error(request, error)
    path = reverse("reports:compare-indicator", args=[key])
    every_facet = [("year", year), *place.items()]  # the same filters, every facet's figures
    pairs = [*every_facet, ("facet", facet)]
    return _page(
        request,
        "reports/compare_indicator.html",
        {
            "result": result,
            "ignored": ignored,
            # who states it, for the same year and kind (the coverage table has every place)
            "coverage_url": _page_url(
                reverse("reports:compare-coverage", args=[key]),
                [("year", year), ("kind", place.kind), ("facet", facet)],
                1,
            ),
            **region_picker(
                result.place.region, ranking_region_choices(definition.key, result.place, result.year, facet)
            ),
            "kinds": KINDS,
            "levels": LEVELS,
            "previous_url": _page_url(path, pairs, page - 1) if page > 1 else "",
            "next_url": _page_url(path, pairs, page + 1) if page < result.pages else "",
            # every facet's ranking under the same filters, and all of them again
            "facet_links": [
                (choice, _page_url(path, [*every_facet, ("facet", choice.facet)], 1))
                for choice in result.facets
                if choice.facet
            ],
            "all_facets_url": _page_url(path, every_facet, 1),
        },
        lambda absolute: exports.ranking_export(result, absolute),
        path=path,
        pairs=_with_page(pairs, page),
        filename=download_name(
            definition.name,
            f"类别{facet}" if facet else "",
            "排名",
            place.describe(),
            f"{year}年度" if year else "全部年度",
            f"第{page}页" if page > 1 else "",
        ),
    )


@require_safe
def ranking_row(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    """Redirect a report's 排名 link to its year's ranking among agencies of its kind and level
    (of the figure's facet, ``?facet=``, when it names one), at the page that holds its row
    (``#report-<id>``): on page 1 the anchor marked nothing for a report ranked past the first
    100 rows."""
    shown = ("year", "superseded_by", "agency__kind", "agency__level")
    report = Report.objects.select_related("agency").only(*shown).filter(pk=pk).first()
    if report is None:
        return _error(request, CompareError(f"没有编号为 {pk} 的报告。", status=404), "找不到报告")
    try:
        definition = indicator_key(key)
        facet = facet_param(request.GET, definition)
    except CompareError as error:
        return _error(request, error)
    if report.superseded_by_id is not None:  # rankings list current versions: the one that replaced it
        url = reverse("reports:ranking-row", args=[key, report.superseded_by_id])
        return HttpResponseRedirect(_page_url(url, [("facet", facet)], 1))
    place = PlaceFilter(kind=report.agency.kind, level=report.agency.level)
    page = ranking_page_of(definition, place, report.year, pk, facet)
    if page is None:
        what = f"类别为“{facet}”的数值" if facet else "数值"
        message = f"报告 #{pk} 没有给出“{definition.name}”{what},排名中没有它。"
        return _error(request, CompareError(message, status=404), "排名中没有这份报告")
    path = reverse("reports:compare-indicator", args=[key])
    url = _page_url(path, [("year", report.year), *place.items(), ("facet", facet)], page)
    return HttpResponseRedirect(f"{url}#report-{pk}")


@require_safe
def compare_coverage(request: HttpRequest, key: str) -> HttpResponse:
    """How many reports state the indicator, by province and level, out of how many are held."""
    try:
        ignored = _check_query(request, "year", "kind", "facet")
        definition = indicator_key(key)
        year = year_param(request.GET)
        kind = choice_param(request.GET, "kind", KINDS, "机关类型")
        facet = facet_param(request.GET, definition)
        result = indicator_coverage(definition, year, kind, facet)
    except CompareError as error:
        return _error(request, error)
    return _page(
        request,
        "reports/compare_coverage.html",
        {
            "result": result,
            "kinds": KINDS,
            # the facets reports state (取消+下放 too), and one asked for that none states
            "facets": _with_chosen([facet for facet, _count in stated_facets(definition)], facet),
            "ignored": ignored,
            # the ranking of the same reports (year, kind and facet kept)
            "ranking_url": _page_url(
                reverse("reports:compare-indicator", args=[key]),
                [("year", year), ("kind", kind), ("facet", facet)],
                1,
            ),
        },
        lambda absolute: exports.coverage_export(result, absolute),
        path=reverse("reports:compare-coverage", args=[key]),
        pairs=[("year", year), ("kind", kind), ("facet", facet)],
        filename=download_name(definition.name, "各地报告情况", result.describe()),
    )


def _with_page(pairs: list[tuple[str, object]], page: int) -> list[tuple[str, object]]:
    """``pairs`` with the page, left out on page 1 (the permalink of the first page stays as it was)."""
    return [*pairs, ("page", page if page > 1 else None)]


def _page_url(path: str, pairs: list[tuple[str, object]], page: int) -> str:
    query = query_string(_with_page(pairs, page))
    return f"{path}?{query}" if query else path


@require_safe
def compare_reports(request: HttpRequest) -> HttpResponse:
    try:
        ignored = _check_query(request, "a", "b")
        left = _report(one_int(request.GET, "a", "左侧报告编号", required=True) or 0)
        right = _report(one_int(request.GET, "b", "右侧报告编号", required=True) or 0)
        result = report_pair(left, right)
    except CompareError as error:
        return _error(request, error)
    return _page(
        request,
        "reports/compare_reports.html",
        {"result": result, "ignored": ignored},
        lambda absolute: exports.report_pair_export(result, absolute),
        path=reverse("reports:compare-reports"),
        pairs=[("a", left.pk), ("b", right.pk)],
        filename=download_name(
            f"{left.agency.name}{left.year}年", f"{right.agency.name}{right.year}年", "报告对照"
        ),
    )


@require_safe
def compare_promises(request: HttpRequest, agency_id: int) -> HttpResponse:
    try:
        ignored = _check_query(request, "year")
        agency = _agency(agency_id)
        result = promises(agency, year_param(request.GET))
    except CompareError as error:
        return _error(request, error)
    return _page(
        request,
        "reports/compare_promises.html",
        {"result": result, "agency": agency, "missing": MISSING_TEXTS, "ignored": ignored},
        lambda absolute: exports.promises_export(result, absolute),
        path=reverse("reports:compare-promises", args=[agency_id]),
        pairs=[("year", result.year)],
        filename=download_name(agency.name, f"{result.year}年计划与{result.year + 1}年落实"),
    )


@require_safe
def figure_link(request: HttpRequest, pk: int, start: int, end: int) -> HttpResponse:
    """Redirect a stable figure link to the report page, at the figure's current anchor; a
    link whose offsets cannot name text of the report is a 404 saying why."""
    report = Report.objects.only("pk", "text").filter(pk=pk).first()
    if report is None:
        return _error(request, CompareError(f"没有编号为 {pk} 的报告。", status=404), "找不到报告")
    try:
        start, end = follow_words(report, start, end, single(request.GET, "at", "数字及其前文"))
        check_offsets(report, start, end)
    except CompareError as error:
        return _error(request, error, "找不到这个数字")
    anchor = figure_anchor(report, start, end)
    url = reverse("reports:detail", args=[pk])
    return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)
