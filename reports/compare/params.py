"""Reading compare-page parameters from a query string: validation, limits and clear messages.

Every failure raises ``CompareError`` with a Chinese message and the HTTP status the page should
answer with (400 for malformed or too many items, 404 for unknown ids and keys). The parsed
selections know their canonical query string, so a page can show a permalink that keeps its
meaning when data is added later (defaults such as the year are written out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlencode

from reports.filters import one_value_only
from reports.indicators.facets import FACET_JOIN, facet_labels
from reports.models import Agency, ChosenFacetFigure, IndicatorDefinition, Region
from reports.query_ints import query_int

MAX_AGENCIES = 50
MAX_KEYS = 12
MAX_RANKING_ROWS = 100
YEAR_RANGE = (2000, 2100)
# How the report list, search and API name a place filter; the compare pages take one region.
PLACE_LEVEL_NAMES = ("province", "city", "county")
KINDS = {choice.value: choice.label for choice in Agency.Kind}
LEVELS = {choice.value: choice.label for choice in Region.Level}
_LEVEL_ORDER = list(LEVELS)  # national, province, city, county, township: from the top


class QueryLike(Protocol):
    def get(self, key: str, default: str | None = ...) -> str | None: ...
    def getlist(self, key: str) -> list[str]: ...


class CompareError(Exception):
    """A request the compare pages cannot serve; ``message`` is shown to the reader."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def single(query: QueryLike, name: str, label: str) -> str:
    """The one value of a single-valued parameter, stripped ("" when absent); a repeated
    parameter (``a=1&a=2``) is refused rather than silently read as its last value."""
    values = query.getlist(name)
    if len(values) > 1:
        raise CompareError(f"参数 {name}({label}){one_value_only(values)}")
    return values[0].strip() if values else ""


def one_int(query: QueryLike, name: str, label: str, *, required: bool = False) -> int | None:
    raw = single(query, name, label)
    if not raw:
        if required:
            raise CompareError(f"缺少参数 {name}({label})。")
        return None
    number = query_int(raw)
    if number is None:
        raise CompareError(f"参数 {name}({label})应为正整数,收到“{raw[:40]}”。")
    return number


def year_param(query: QueryLike, name: str = "year", *, required: bool = False) -> int | None:
    year = one_int(query, name, "年度", required=required)
    if year is not None and not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise CompareError(f"年度 {year} 不在 {YEAR_RANGE[0]}–{YEAR_RANGE[1]} 之间。")
    return year


def page_param(query: QueryLike) -> int:
    """The page of a long table, from 1 (absent: 1)."""
    page = one_int(query, "page", "页码")
    if page == 0:
        raise CompareError("参数 page(页码)从 1 开始。")
    return page or 1


# What people type between a list's items: commas and semicolons of either width, 、 (a Chinese
# keyboard's list mark) and spaces (a phone's digit pad has no comma). Keys and ids hold none.
_LIST_SEPARATORS = re.compile(r"[,\uff0c;\uff1b\u3001\s]+")


def listed(query: QueryLike, name: str) -> list[str]:
    """Values of a list parameter, given repeated (keys=a&keys=b) or separated (keys=a,b)."""
    items: list[str] = []
    for raw in query.getlist(name):
        items.extend(_LIST_SEPARATORS.split(raw))
    return list(dict.fromkeys(item for item in items if item))


# A year table's column of one facet of a key: approval_items_streamlined:下放.
COLUMN_FACET_MARK = ":"


def column_of(spec: str) -> tuple[str, str]:
    """A column's key and facet ("" for all its figures) from ``key`` or ``key:facet``."""
    key, _mark, facet = spec.replace("：", COLUMN_FACET_MARK).partition(COLUMN_FACET_MARK)
    return key, facet


def column_spec(key: str, facet: str = "") -> str:
    """How a column is named in ``keys`` and ``sort``: the key, or ``key:facet``."""
    return f"{key}{COLUMN_FACET_MARK}{facet}" if facet else key


def indicator_columns(query: QueryLike, name: str = "keys") -> list[str]:
    """The year table's requested columns (at most ``MAX_KEYS``): catalogue keys, or one facet
    of a key as ``key:facet`` (approval_items_streamlined:下放), facets read as ``facet_param``
    reads them; [] when none given."""
    items = listed(query, name)
    definitions = IndicatorDefinition.objects.in_bulk(
        [column_of(item)[0] for item in items], field_name="key"
    )
    parsed: list[tuple[str, str]] = []
    for item in items:
        key, facet = column_of(item)
        if parsed and parsed[-1][1] and not facet and key not in definitions:
            # k:取消+下放 typed into an address arrives as k:取消 下放, split at the space
            parsed[-1] = (parsed[-1][0], f"{parsed[-1][1]}{FACET_JOIN}{key}")
        else:
            parsed.append((key, facet))
    if len(parsed) > MAX_KEYS:
        raise CompareError(f"一次最多比较 {MAX_KEYS} 项指标,收到 {len(parsed)} 项。请减少指标。")
    unknown = list(dict.fromkeys(column_spec(key, facet) for key, facet in parsed if key not in definitions))
    if unknown:
        raise CompareError(f"没有这些指标:{'、'.join(k[:40] for k in unknown)}。", status=404)
    columns = [column_spec(key, facet_of_key(facet, definitions[key])) for key, facet in parsed]
    return list(dict.fromkeys(columns))


def indicator_keys(query: QueryLike, name: str = "keys") -> list[str]:
    """The requested catalogue keys (at most ``MAX_KEYS``), all known; [] when none given. A
    column of one facet (``key:facet``) is the year table's: an agency's table lists facets in
    rows of their own."""
    keys = indicator_columns(query, name)
    if faceted := [key for key in keys if column_of(key)[1]]:
        raise CompareError(
            f"这里不能只选指标的一个类别(“{faceted[0][:40]}”):各年的表格会在指标下按类别分行列出,请只写指标键。"
        )
    return keys


def indicator_key(key: str) -> IndicatorDefinition:
    definition = IndicatorDefinition.objects.select_related("group").filter(key=key).first()
    if definition is None:
        raise CompareError(f"没有指标“{key[:40]}”。", status=404)
    return definition


def facet_param(query: QueryLike, definition: IndicatorDefinition) -> str:
    """The facet (类别) of ``definition`` a page compares alone ("" for all its figures): one of
    its labels, or several joined by + as figures naming both are stored (取消+下放, put in the
    catalogue's order); a space is read as + (a + typed into an address arrives as a space)."""
    return facet_of_key(single(query, "facet", "类别"), definition)


def facet_of_key(raw: str, definition: IndicatorDefinition) -> str:
    """``raw`` read as a facet of ``definition`` (see ``facet_param``), or ``CompareError``. A
    facet the stored figures still carry is one too, though staff have since renamed it in the
    catalogue (until re-extraction relabels them): pages link to the facets figures carry."""
    raw = raw.strip().replace("＋", FACET_JOIN)  # a Chinese keyboard's ＋
    if not raw:
        return ""
    labels = facet_labels(definition.facets)
    parts = [part for part in re.split(rf"[{re.escape(FACET_JOIN)}\s]+", raw) if part]
    if parts and any(part not in labels for part in parts):
        stored = FACET_JOIN.join(parts)
        if ChosenFacetFigure.objects.filter(key=definition.key, facet=stored).exists():
            return stored
    if not labels:
        raise CompareError(f"指标“{definition.name}”不分类别,不能按类别(参数 facet)比较。")
    if not parts or any(part not in labels for part in parts):
        raise CompareError(
            f"指标“{definition.name}”没有类别“{raw[:40]}”。可选的类别:{'、'.join(labels)}"
            f"(同一数字属于几类时以“{FACET_JOIN}”连接,如“{FACET_JOIN.join(labels[:2])}”)。"
        )
    return FACET_JOIN.join(sorted(set(parts), key=labels.index))


def choice_param(query: QueryLike, name: str, choices: Mapping[str, str], label: str) -> str:
    raw = single(query, name, label)
    if raw and raw not in choices:
        allowed = "、".join(f"{value}({text})" for value, text in choices.items())
        raise CompareError(f"参数 {name}({label})只能是 {allowed},收到“{raw[:40]}”。")
    return raw


def region_param(query: QueryLike, name: str = "region") -> Region | None:
    code = single(query, name, "地区")
    if not code:
        return None
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        raise CompareError(f"地区代码应为6位数字,收到“{code[:40]}”。")
    region = Region.objects.select_related("parent__parent").filter(code=code).first()
    if region is None:
        raise CompareError(f"没有区划代码为 {code} 的地区。", status=404)
    return region


def sort_param(query: QueryLike, name: str = "sort") -> str:
    """The column to sort the year table by ("" for by name): a catalogue key, or ``key:facet``
    as ``indicator_columns`` reads it. Whether it is one of the table's columns is checked once
    the columns are known (``year_table``)."""
    spec = single(query, name, "排序指标")
    if not spec:
        return ""
    key, facet = column_of(spec)
    definition = IndicatorDefinition.objects.filter(key=key).first()
    if definition is None:
        raise CompareError(f"排序指标“{spec[:40]}”不是指标目录中的指标。")
    return column_spec(key, facet_of_key(facet, definition))


def format_param(query: QueryLike, formats: Sequence[str]) -> str:
    """The export format ("" for the web page), lower-cased; refused when not one of ``formats``."""
    kind = single(query, "format", "格式").lower()
    if kind not in formats:
        raise CompareError("参数 format 只能是 csv 或 json(不写则为网页)。")
    return kind


def agency_ids(query: QueryLike, name: str = "agencies") -> list[int]:
    raw = listed(query, name)
    numbers = [query_int(item) for item in raw]
    if None in numbers:
        bad = raw[numbers.index(None)]
        raise CompareError(f"机关编号应为正整数,收到“{bad[:40]}”。")
    ids = list(dict.fromkeys(numbers))
    if len(ids) > MAX_AGENCIES:
        raise CompareError(f"一次最多比较 {MAX_AGENCIES} 个机关,收到 {len(ids)} 个。")
    return ids


@dataclass(frozen=True)
class PlaceFilter:
    """Which agencies: those in (or below) a region, of a kind and level; or an explicit list."""

    region: Region | None = None
    kind: str = ""
    level: str = ""
    agency_ids: Sequence[int] = field(default_factory=tuple)

    def items(self) -> list[tuple[str, str]]:
        pairs = []
        if self.region is not None:
            pairs.append(("region", self.region.code))
        if self.kind:
            pairs.append(("kind", self.kind))
        if self.level:
            pairs.append(("level", self.level))
        if self.agency_ids:
            pairs.append(("agencies", ",".join(str(pk) for pk in self.agency_ids)))
        return pairs

    def describe(self) -> str:
        words = []
        if self.region is not None:
            words.append(self.region.full_name)
            # its own organs and those of the places below it, or a level below's alone: 吴忠市人民政府
            # read as the city's own government heading a table of its counties'
            if not self.level:
                words.append("及下辖各级")
            elif _LEVEL_ORDER.index(self.level) > _LEVEL_ORDER.index(self.region.level):
                words.append("下辖")
        elif not self.agency_ids:
            words.append("全国")  # no place and no list: every agency of the kind and level
        if self.level:
            words.append(LEVELS[self.level])
        words.append(KINDS[self.kind] if self.kind else "机关")
        if self.agency_ids:
            words.append(f"(指定的 {len(self.agency_ids)} 个)")
        return "".join(words)


def place_filter(query: QueryLike) -> PlaceFilter:
    return PlaceFilter(
        region=region_param(query),
        kind=choice_param(query, "kind", KINDS, "机关类型"),
        level=choice_param(query, "level", LEVELS, "层级"),
        agency_ids=tuple(agency_ids(query)),
    )


def unknown_params(names: Iterable[str], known: Sequence[str], *, export: bool) -> str:
    """What to say of query parameters a page does not read ("" when there are none): a page
    ignores them (a link shared in a chat app gains some), an export refuses them, since a
    script that misspells a filter would otherwise save unfiltered rows."""
    unknown = [name for name in dict.fromkeys(names) if name not in known]
    if not unknown:
        return ""
    named = "、".join(name[:40] for name in unknown)
    what = f"不认识参数 {named},未导出" if export else f"不认识参数 {named},已忽略"
    note = f"{what}。此页可用的参数:{'、'.join(known)}。"
    if "region" in known and any(name in PLACE_LEVEL_NAMES for name in unknown):
        note += "地区请用 region=六位区划代码(如 region=500000 为重庆市)。"
    return note


def query_string(pairs: Sequence[tuple[str, object]]) -> str:
    """``a=1&b=x`` from pairs, leaving out empty values; commas and a column's facet mark
    (key:facet) stay readable."""
    kept = [(name, str(value)) for name, value in pairs if value not in (None, "", [])]
    return urlencode(kept, safe="," + COLUMN_FACET_MARK)
