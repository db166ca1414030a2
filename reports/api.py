"""The read-only JSON API: the filtered report list, one report with its sections and figures,
the indicator catalogue with what each key counts, every figure of the current reports in bulk
(one row per stored value, for panel data) and the region tree with its reports per year.

Errors are JSON too: ``{"error": "…"}`` with status 400 for bad paging or filter values, a
parameter given twice or one the endpoint does not know (a misspelt filter must not answer with
unfiltered data), 404 for an unknown report or an address the API does not have
(``views.page_not_found``), 405 with ``Allow: GET, HEAD`` for any other method (refused by
``middleware.RefuseChangesOutsideAdmin`` before any view). Chinese is written as is
(``ensure_ascii=False``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import wraps
from typing import Any
from urllib.parse import parse_qsl

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.http.response import HttpResponseBase
from django.urls import reverse

from .browse import AgencyCounts, PlaceCounts, agencies_named, region_overview, regions_named, reports_titled
from .compare.params import CompareError, facet_param
from .filters import FLAG_ERROR, SEARCH_FILTERS, ReportFilter, flag_value, one_value_only
from .json_numbers import json_number
from .models import Agency, IndicatorDefinition, IndicatorValue, Region, Report
from .query_ints import query_int
from .search import QueryError, SearchPage, search_page
from .searching import suggestions_with_hits
from .spreadsheets import csv_download, spreadsheet_text

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
PAGING = ("page", "page_size")
# The parameters each endpoint reads: any other is refused.
LIST_PARAMETERS = (*ReportFilter.base_filters, *PAGING)  # the report list's filters
SEARCH_PARAMETERS = ("q", *SEARCH_FILTERS, *PAGING)
VALUES_DEFAULT_PAGE_SIZE = 100
VALUES_MAX_PAGE_SIZE = 500
VALUE_REPORT_FILTERS = ("province", "city", "county", "year", "level", "kind")
VALUES_PARAMETERS = ("key", "facet", *VALUE_REPORT_FILTERS, "report", "format", *PAGING)
# The columns of ``/api/values/?format=csv``: the JSON's fields, flattened, as identifiers that
# statistics software reads as they are.
VALUES_CSV_COLUMNS = (
    "report_id", "year", "agency_id", "agency_name", "agency_kind", "agency_level",
    "province", "city", "county", "region_code", "key", "name", "value", "value_high", "unit",
    "base_value", "base_unit", "qualifier", "measure", "derived", "corrected", "combined", "scope",
    "facet", "chosen", "chosen_in_facet", "figure", "sentence", "sentence_start", "sentence_end",
    "start", "end", "section_path", "report_url",
)  # fmt: skip
# What a client sending a parameter of another page probably meant.
PARAMETER_HINTS = {
    "region": "地区请按层级用 province、city 或 county(六位区划代码)",
    "q": "全文检索请用 /api/search/",
}


class BadRequest(ValueError):
    """A query parameter the API cannot serve; the message is shown to the client, with
    ``details`` (more keys of the JSON error) if any."""

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.details = details

    def response(self) -> JsonResponse:
        return json_response({"error": str(self), **self.details}, status=400)


def json_response(data: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(
        data,
        status=status,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )


def is_api_path(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def answers_in_json(request: HttpRequest) -> bool:
    """Whether an error for ``request`` is said in JSON: the API's addresses and the pages'
    JSON exports (``format=json``, read as the compare pages read it: any case, spaces around).
    Read from the raw path and query string, which hold even when Django refused to parse the
    query (too many fields) or the host."""
    if is_api_path(request.path):
        return True
    return "json" in _formats_asked(request)


def answers_in_csv(request: HttpRequest) -> bool:
    """Whether an error for ``request`` is said in plain text: the CSV exports (``format=csv``,
    or an address ending .csv), whose clients save what they get as a file. Read as
    ``answers_in_json`` is, from the raw path and query string."""
    return "csv" in _formats_asked(request) or request.path.endswith(".csv")


def _formats_asked(request: HttpRequest) -> set[str]:
    query = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    return {value.strip().lower() for name, value in query if name == "format"}


def error_for_a_client(request: HttpRequest, message: str, status: int) -> HttpResponse | None:
    """``message`` in the form a script reads: JSON for the API and the JSON exports, plain text
    for the CSV exports; None where a page answers (the caller renders it)."""
    if answers_in_json(request):
        return json_response({"error": message}, status=status)
    if answers_in_csv(request):
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    return None


def api_view(
    accepted: Sequence[str] = (), flags: Sequence[str] = ()
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """A read-only endpoint reading the query parameters ``accepted``, of which ``flags`` are
    booleans: a parameter not accepted, given twice or a flag with another value than
    ``FLAG_VALUES`` (reports.filters) gets a JSON 400."""

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            try:
                known_parameters(request.GET, accepted)
                single_values(request.GET)
                for name in flags:
                    flag(request.GET, name)
            except BadRequest as error:
                return error.response()
            return view(request, *args, **kwargs)

        return checked

    return decorate


def known_parameters(params: Any, accepted: Sequence[str]) -> None:
    """``BadRequest`` naming the parameters not in ``accepted`` and listing those that are."""
    unknown = sorted(set(params) - set(accepted))
    if not unknown:
        return
    message = f"不支持的参数:{'、'.join(unknown)}。"
    message += f"可用的参数:{'、'.join(accepted)}。" if accepted else "这个接口不接受参数。"
    hints = [PARAMETER_HINTS[name] for name in unknown if name in PARAMETER_HINTS and name not in accepted]
    message += "".join(f"{hint}。" for hint in hints)
    raise BadRequest(message, unknown_parameters=unknown, accepted_parameters=list(accepted))


def flag(params: Any, name: str) -> bool:
    """``params[name]`` as a boolean: 1/true or 0/false (any case), absent or empty is false."""
    value = flag_value(params.get(name))
    if value is None:
        raise BadRequest(FLAG_ERROR.format(name=name, value=params.get(name, "")[:20]))
    return value


# What ``/api/`` lists: each endpoint's address, the parameters it reads (the same tuples its view
# checks) and what it answers; the README's JSON API section has the fields in full.
ENDPOINTS: list[tuple[str, str, Sequence[str], str]] = [
    ("api-list", "", LIST_PARAMETERS, "报告列表:按地区、年度、层级、类型、未给出的指标筛选,分页"),
    ("api-detail", "1", (), "一份报告:元数据、全文、章节和全部指标数值(地址中的 1 换成报告编号)"),
    ("api-search", "", SEARCH_PARAMETERS, "全文检索:q 为检索式,返回排序的结果、摘要和分面计数"),
    ("api-indicators", "", (), "指标目录:全部指标键、名称、口径说明和单位"),
    ("api-values", "", VALUES_PARAMETERS, "指标数值:当前报告中识别出的每个数字,可按指标键、报告和地区筛选"),
    ("api-regions", "", (), "全国的地区树:各省份与中央机关的逐年报告数"),
    (
        "api-region",
        "500000",
        (),
        "一个地区(地址中的 500000 换成六位区划代码):下一级各地和驻在当地的机关的逐年报告数",
    ),
]


@api_view()
def index(request: HttpRequest) -> JsonResponse:
    """``/api/``: the endpoints, their parameters and what they answer."""
    return json_response(
        {
            "about": "只读 JSON 接口,只接受 GET 和 HEAD;参数只能是各接口所列的,且每个只能给一次。",
            "endpoints": [
                {
                    "url": reverse(f"reports:{name}", args=[arg] if arg else []),
                    "parameters": list(parameters),
                    "description": description,
                }
                for name, arg, parameters, description in ENDPOINTS
            ],
        }
    )


@api_view(LIST_PARAMETERS, flags=("include_old",))
def report_list(request: HttpRequest) -> JsonResponse:
    try:
        page_number, page_size = paging(request.GET)
    except BadRequest as error:
        return error.response()

    filterset = ReportFilter(request.GET)
    if not filterset.is_valid():
        return invalid_filters(filterset)

    return paged_response(
        filterset.qs,
        page_number,
        page_size,
        lambda report: {
            "id": report.pk,
            "title": report.title,
            "year": report.year,
            "published_on": iso_date(report.published_on),
            "published_on_inferred": report.published_on_inferred,
            "synthetic": report.is_synthetic,
            # with include_old: which rows are not current (earlier versions, and reports staff
            # withdrew, which nothing replaced yet), and what replaced them
            "current": report.is_current,
            "superseded_by": report.superseded_by_id,
            "agency": agency_json(report.agency),
            "region": region_json(report.agency.region),
            "url": request.build_absolute_uri(report.get_absolute_url()),
        },
    )


@api_view()
def report_detail(request: HttpRequest, pk: int) -> JsonResponse:
    report = Report.objects.with_listing_data().filter(pk=pk).first()
    if report is None:
        return json_response({"error": "报告不存在"}, status=404)
    sections = report.sections.order_by("position")
    indicators = (
        report.indicator_values.shown().with_chosen().select_related("definition").order_by("start", "pk")
    )
    return json_response(
        {
            "id": report.pk,
            "title": report.title,
            "title_made": report.title_made,  # the page gave none: made from agency and year
            "year": report.year,
            "published_on": iso_date(report.published_on),
            # the day the page's address states (the page gave none): a re-post's may be later
            "published_on_inferred": report.published_on_inferred,
            "signed_on": iso_date(report.signed_on),
            "publisher": report.publisher,
            "index_number": report.index_number,
            "source_url": report.source_url,
            "from_other_site": report.from_other_site,  # a mirror, reprint or a lower government's repost
            "text": report.text,
            "text_cut": report.text_cut,  # stops inside a sentence: part of the report
            "current": report.is_current,  # false: replaced (superseded_by) or withdrawn by staff
            "superseded_by": report.superseded_by_id,
            "synthetic": report.is_synthetic,
            "agency": agency_json(report.agency),
            "region": region_json(report.agency.region),
            "url": request.build_absolute_uri(report.get_absolute_url()),  # as the list's rows have it
            "region_note": report.place_note,
            "sections": [
                {
                    "path": section.path,
                    "level": section.level,
                    "number": section.number,
                    "heading": section.heading,
                    "label": section.label,
                    "topic": section.topic,
                    "start": section.start,
                    "end": section.end,
                }
                for section in sections
            ],
            "indicators": [indicator_json(value) for value in indicators],
        }
    )


@api_view()
def indicator_catalogue(request: HttpRequest) -> JsonResponse:
    """The active catalogue keys in catalogue order: what a figure's ``key`` means."""
    definitions = (
        IndicatorDefinition.objects.filter(is_active=True)
        .select_related("group")
        .order_by("group__position", "group__key", "position", "key")
    )
    return json_response(
        {
            "indicators": [
                {
                    "key": definition.key,
                    "name": definition.name,
                    "definition": definition.definition,
                    "group": definition.group.key,
                    "group_name": definition.group.name,
                    "units": definition.units.split(),
                    "ranking_url": reverse("reports:compare-indicator", args=[definition.key]),
                }
                for definition in definitions
            ]
        }
    )


@api_view()
def region_detail(request: HttpRequest, code: str | None = None) -> JsonResponse:
    """``/api/regions/`` (the country) and ``/api/regions/<code>/``: as the regions pages show
    them, the places right below with their current reports per year, and the agencies seated
    there (a province's own government and departments; the country's are the ministries)."""
    region = None
    if code is not None:
        if not re.fullmatch(r"[0-9]{6}", code):
            return json_response({"error": f"区划代码应为六位数字,收到的是“{code[:20]}”"}, status=404)
        region = Region.objects.select_related("parent__parent").filter(code=code).first()
        if region is None:
            return json_response({"error": f"没有区划代码为 {code} 的地区"}, status=404)
    overview = region_overview(region)

    def counted(entry: PlaceCounts | AgencyCounts) -> dict[str, object]:
        return {"reports": entry.total, "by_year": {str(year): count for year, count in entry.cells}}

    extra: dict[str, object] = {}
    if region is None:
        # The reports whose agency's place was never settled sit under no place of the tree.
        unplaced = (
            Report.objects.current().filter(agency__region=None).exclude(agency__level=Region.Level.NATIONAL)
        )
        extra["unplaced"] = {
            "reports": unplaced.count(),
            "reports_api_url": request.build_absolute_uri(f"{reverse('reports:api-list')}?province=unknown"),
        }
    seated = (
        ("government", overview.governments),
        ("department", overview.departments),
        ("township", overview.townships),
        ("zone", overview.zones),
    )
    return json_response(
        {
            "region": None if region is None else _place_json(request, region),
            "parent": _place_json(request, region.parent) if region is not None and region.parent else None,
            "years": overview.years,
            "places": [{**_place_json(request, place.region), **counted(place)} for place in overview.places],
            "agencies": [
                {
                    **agency_json(entry.agency),
                    "seated_as": group,
                    **counted(entry),
                    "url": request.build_absolute_uri(reverse("reports:agency", args=[entry.agency.pk])),
                }
                for group, entries in seated
                for entry in entries
            ],
            **extra,
        }
    )


def _place_json(request: HttpRequest, region: Region) -> dict[str, object]:
    """A place with its page, its own entry here and the report list filtered to it."""
    absolute = request.build_absolute_uri
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "url": absolute(reverse("reports:region", args=[region.code])),
        "api_url": absolute(reverse("reports:api-region", args=[region.code])),
        # the list's place filters are named after the levels: province=, city=, county=
        "reports_api_url": absolute(f"{reverse('reports:api-list')}?{region.level}={region.code}"),
    }


@api_view(VALUES_PARAMETERS)
def value_list(request: HttpRequest) -> HttpResponseBase:
    """``/api/values/``: every shown figure of the current reports, in report and text order;
    with ``format=csv`` all of them in one streamed CSV (the panel in one download)."""
    try:
        as_csv = _values_format(request.GET)
        page_number, page_size = paging(
            request.GET, default=VALUES_DEFAULT_PAGE_SIZE, maximum=VALUES_MAX_PAGE_SIZE
        )
        values = IndicatorValue.objects.shown()
        if key := request.GET.get("key", ""):
            values = values.filter(key=known_key(key))
        if request.GET.get("facet", "") and (facet := known_facet(request.GET, key)):
            values = values.filter(facet=facet)
        if request.GET.get("report"):
            values = values.filter(report_id=current_report(positive_int(request.GET, "report", default=1)))
    except BadRequest as error:
        return error.response()
    # The report filters of the list, without include_old: the panel is of current reports, as
    # the compare pages are.
    report_filters = QueryDict(mutable=True)
    report_filters.update({name: request.GET[name] for name in VALUE_REPORT_FILTERS if name in request.GET})
    filterset = ReportFilter(report_filters)
    if not filterset.is_valid():
        return invalid_filters(filterset)
    values = (
        values.filter(report__in=filterset.qs.values("pk"))
        .with_chosen()
        .select_related("definition", "report__agency__region__parent__parent")
        .defer("report__text")
        .order_by("report_id", "start", "pk")
    )
    if as_csv:
        return _values_csv(request, values)
    return paged_response(
        values,
        page_number,
        page_size,
        lambda value: {
            "report_id": value.report_id,
            "year": value.report.year,
            "agency": agency_json(value.report.agency),
            "region": region_json(value.report.agency.region),
            **indicator_json(value),
        },
    )


def _values_format(params: Any) -> bool:
    """Whether ``format`` asks for CSV ("json" or nothing: the JSON pages); CSV is never paged."""
    wanted = params.get("format", "").strip().lower()
    if wanted not in ("", "json", "csv"):
        raise BadRequest(f"format 只能是 json 或 csv,收到的是“{params.get('format', '')[:20]}”")
    if wanted == "csv" and any(name in params for name in PAGING):
        raise BadRequest("CSV 包含全部行,不分页:请去掉 page 和 page_size。")
    return wanted == "csv"


def _values_csv(request: HttpRequest, values: Any) -> HttpResponseBase:
    """Every row, streamed, text cells such that a spreadsheet will not run them as formulas."""
    report_urls: dict[int, str] = {}  # rows come report by report: one address each
    places: dict[int | None, dict[str, str | None]] = {}

    def rows() -> Iterator[list[object]]:
        yield list(VALUES_CSV_COLUMNS)
        for value in values.iterator(chunk_size=2000):
            agency = value.report.agency
            if agency.region_id not in places:
                places[agency.region_id] = region_json(agency.region)
            region = places[agency.region_id]
            if value.report_id not in report_urls:
                report_urls.clear()
                report_urls[value.report_id] = request.build_absolute_uri(
                    reverse("reports:detail", args=[value.report_id])
                )
            row = {
                "report_id": value.report_id,
                "year": value.report.year,
                "agency_id": agency.pk,
                "agency_name": agency.name,
                "agency_kind": agency.kind,
                "agency_level": agency.level,
                **{level: region[level] or "" for level in _PLACE_LEVELS},
                "region_code": region["code"] or "",
                **indicator_json(value),
                "figure": value.figure,
                "report_url": report_urls[value.report_id],
            }
            yield [
                spreadsheet_text(cell) if isinstance(cell, str) else "" if cell is None else cell
                for cell in (row[column] for column in VALUES_CSV_COLUMNS)
            ]

    return csv_download(rows(), "法治政府建设报告-指标数值.csv", streamed=True)


def paged_response(
    rows: Any, page_number: int, page_size: int, row_json: Callable[[Any], dict[str, Any]]
) -> JsonResponse:
    """One page of ``rows`` with the paging fields, or a 400 for a page past the last."""
    paginator = Paginator(rows, page_size)
    if page_number > paginator.num_pages:
        return json_response({"error": f"page 超出范围:共 {paginator.num_pages} 页"}, status=400)
    return json_response(
        {
            "count": paginator.count,
            "page": page_number,
            "page_size": page_size,
            "num_pages": paginator.num_pages,
            "results": [row_json(row) for row in paginator.page(page_number).object_list],
        }
    )


def invalid_filters(filterset: ReportFilter) -> JsonResponse:
    """The 400 for report filters the filterset refused, with each field's messages."""
    fields = {name: list(messages) for name, messages in filterset.errors.items()}
    return json_response({"error": "筛选条件无效", "fields": fields}, status=400)


def known_key(key: str) -> str:
    """``key`` if the catalogue has it (active or not), else ``BadRequest``."""
    if not IndicatorDefinition.objects.filter(key=key).exists():
        raise BadRequest(f"没有指标键“{key[:40]}”:可用的指标键见 {reverse('reports:api-indicators')}")
    return key


def known_facet(params: Any, key: str) -> str:
    """The ``facet`` asked for, one of ``key``'s (as a ranking reads it: 取消+下放 in the
    catalogue's order), else ``BadRequest``; a facet belongs to a key, so ``key`` is needed."""
    if not key:
        raise BadRequest("参数 facet(类别)须与 key 一起使用:类别属于某项指标")
    try:
        return facet_param(params, IndicatorDefinition.objects.get(key=key))
    except CompareError as error:
        raise BadRequest(error.message) from error


def current_report(pk: int) -> int:
    """``pk`` if it is a current report, else ``BadRequest`` saying what it is."""
    found = Report.objects.filter(pk=pk).values_list("is_current", "superseded_by_id").first()
    if found is None:
        raise BadRequest(f"没有编号为 {pk} 的报告")
    current, superseded_by = found
    if not current:
        what = "已被新版本取代" if superseded_by else "已被管理员撤下"
        detail = reverse("reports:api-detail", args=[pk])
        raise BadRequest(f"报告 {pk} {what}:本接口只列现行版本的数值,它的数值见 {detail}")
    return pk


def indicator_json(value: IndicatorValue) -> dict[str, Any]:
    """One stated quantity; ``text[start:end]`` of the report JSON is the figure. ``chosen``
    (needs ``with_chosen()``): the figure of its key the compare pages show for the report;
    ``chosen_in_facet``: of its facet, shown when that facet is compared alone."""
    return {
        "key": value.key or None,
        "name": value.definition.name if value.definition else None,
        "value": json_number(value.value),
        "value_high": json_number(value.value_high),
        "unit": value.unit,
        "base_value": json_number(value.base_value),
        "base_unit": value.base_unit,
        "qualifier": value.qualifier,
        "measure": value.measure,
        "derived": value.derived,
        # staff corrected it: the figure in the sentence may read otherwise
        "corrected": value.correction_id is not None,
        "combined": value.combined,
        "scope": value.scope,
        "facet": value.facet,  # which of its key's measures (下放, 满意率…), "" when none is named
        "sentence": value.sentence,
        "sentence_start": value.sentence_start,
        "sentence_end": value.sentence_end,
        "start": value.start,
        "end": value.end,
        "section_path": value.section_path,
        "chosen": value.is_chosen,
        "chosen_in_facet": value.is_chosen_in_facet,
    }


def paging(params: Any, *, default: int = DEFAULT_PAGE_SIZE, maximum: int = MAX_PAGE_SIZE) -> tuple[int, int]:
    """``page`` and ``page_size`` from the query string, or ``BadRequest`` saying what is wrong."""
    page_number = positive_int(params, "page", default=1)
    page_size = positive_int(params, "page_size", default=default)
    if page_size > maximum:
        raise BadRequest(f"page_size 不能大于 {maximum}")
    return page_number, page_size


def single_values(params: Any) -> None:
    """``BadRequest`` for a parameter given more than once (``year=2023&year=2024``): every
    parameter of the API takes one value, and reading the last one would answer another query."""
    for name in params:
        values = params.getlist(name)
        if len(values) > 1:
            raise BadRequest(f"参数 {name} {one_value_only(values)}")


def positive_int(params: Any, name: str, *, default: int) -> int:
    """``params[name]`` as an integer ≥ 1; ASCII digits only, so "+3", " 3" and "٣" are refused."""
    value = params.get(name)
    if value is None or value == "":
        return default
    number = query_int(value)
    if number is None or number < 1:
        raise BadRequest(f"{name} 必须是不小于 1 的整数,收到的是“{value[:40]}”")
    return number


def iso_date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def agency_json(agency: Agency) -> dict[str, object]:
    """The agency, with the id its pages use (/agencies/<id>/, /compare/agency/<id>/)."""
    return {"id": agency.pk, "name": agency.name, "kind": agency.kind, "level": agency.level}


_PLACE_LEVELS = ("province", "city", "county")


def region_json(region: Region | None) -> dict[str, str | None]:
    """Province, city and county names and codes (None where the chain has no such level: a
    district of a municipality has no city; all None when the place is unknown), and ``code``,
    the most specific one's."""
    chain = region.by_level() if region is not None else {}
    names = {level: chain[level].name if level in chain else None for level in _PLACE_LEVELS}
    codes = {f"{level}_code": chain[level].code if level in chain else None for level in _PLACE_LEVELS}
    return {**names, "code": region.code if region is not None else None, **codes}


def _order(result: SearchPage) -> str:
    """How the results are ordered: "newest_first" (``sort=newest``: by year, then relevance),
    "relevance", or with too many matches to rank them all "newest_first_ranked_by_20" (newest
    year first, each block of 20 ranked by relevance)."""
    if result.newest_first:
        return "newest_first"
    return "relevance" if result.ranked_overall else "newest_first_ranked_by_20"


@api_view(SEARCH_PARAMETERS, flags=("include_old",))
def search(request: HttpRequest) -> JsonResponse:
    """``/api/search/?q=…`` with the report filters plus ``label``/``topic``, ``page``, ``page_size``."""
    try:
        page_number, page_size = paging(request.GET)
    except BadRequest as error:
        return error.response()
    try:
        q = request.GET.get("q", "")
        result = search_page(q, request.GET, page=page_number, page_size=page_size)
    except QueryError as error:
        return json_response({"error": error.message}, status=400)
    if page_number > 1 and not result.results:
        # past the end: not past num_pages, which an estimated count may put too low
        pages = f"共 {result.num_pages} 页" if result.reports_exact else f"结果不到第 {page_number} 页"
        return json_response({"error": f"page 超出范围:{pages}"}, status=400)
    shown = [hit.report_id for hit in result.results]
    listed = Report.objects.with_listing_data().defer("text").in_bulk(shown)
    return json_response(
        {
            "query": result.query.text,
            "reports": result.reports,
            "sections": result.sections,
            "exact": result.exact,
            "reports_exact": result.reports_exact,
            "order": _order(result),
            "page": result.page,
            "page_size": result.page_size,
            "num_pages": result.num_pages,
            "has_next": result.has_next,  # an estimated count may be low: walk the pages by this
            # Did you mean: only when nothing matches, and never applied for the caller.
            "suggestions": [
                {"query": suggestion.text, "reason": suggestion.reason, "reports": other.reports}
                for suggestion, other in ([] if result.reports else suggestions_with_hits(q, request.GET, 1))
            ],
            "agencies": [
                {
                    "id": agency.pk,
                    "name": agency.name,
                    "reports": agency.report_count,
                    "url": request.build_absolute_uri(reverse("reports:agency", args=[agency.pk])),
                }
                for agency in agencies_named(result.query.required_strings)
            ],
            # A query that reads as a title: the current reports whose titles hold it.
            "titled_reports": [
                {
                    "report_id": report.pk,
                    "title": report.title,
                    "url": request.build_absolute_uri(report.get_absolute_url()),
                }
                for report in reports_titled(result.query.required_strings)
            ],
            # A query naming a place: its page lists every report filed there and below.
            "regions": [
                {
                    "code": region.code,
                    "name": region.full_name,
                    "reports": region.report_count,
                    "url": request.build_absolute_uri(reverse("reports:region", args=[region.code])),
                }
                for region in regions_named(result.query.required_strings)
            ],
            "results": [
                {
                    "report_id": hit.report_id,
                    "title": hit.title,
                    # the same objects as the report list's (one query for the page's reports)
                    "agency": agency_json(listed[hit.report_id].agency),
                    "region": region_json(listed[hit.report_id].agency.region),
                    "year": hit.year,
                    "score": hit.score,
                    "synthetic": hit.synthetic,
                    "matching_sections": hit.matching_sections,
                    "url": request.build_absolute_uri(reverse("reports:detail", args=[hit.report_id])),
                    "sections": [
                        {
                            "path": section.path,
                            "anchor": section.anchor,
                            "heading_html": section.heading_html,
                            "label": section.label,
                            "topic": section.topic,
                            "snippet_html": section.snippet_html,
                        }
                        for section in hit.sections
                    ],
                }
                for hit in result.results
            ],
            "facets": {
                name: [
                    {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                    for v in values
                ]
                for name, values in result.facets.items()
            },
        }
    )
