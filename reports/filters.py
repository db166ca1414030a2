"""The report filters shared by the list page and the JSON API.

One FilterSet reads the query string (``province``, ``city``, ``county``, ``year``, ``level``,
``kind``, ``include_old``) and narrows ``Report.objects`` accordingly. Place filters take GB/T
2260 codes and offer only places that have reports; the city list narrows to the chosen
province and the county list to the chosen city (or province).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef
from django.db.models.expressions import OrderBy
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django_filters.fields import ChoiceField as FilterChoiceField

from .library_cache import kept_until_changed
from .models import (
    Agency,
    ChosenFacetFigure,
    ChosenFigure,
    IndicatorDefinition,
    Region,
    Report,
    ReportQuerySet,
)
from .query_ints import query_int

# The list's orders. The default walks an index (newest year, then newest added, so a new
# version comes before the one it replaced); sorting by agency name must sort every match.
SORT_ORDERS: dict[str, tuple[tuple[str | OrderBy, ...], str]] = {
    "": (("-year", "-pk"), "最新年度"),
    "agency": (("agency__name", "-year", "-pk"), "机关名称"),
    # Reports without a stated date come last, not first as PostgreSQL's DESC would put them.
    "published": ((F("published_on").desc(nulls_last=True), "-pk"), "发布日期"),
}
LISTING_ORDER = SORT_ORDERS[""][0]

PLACE_LEVELS = ("province", "city", "county")
ALL_LABEL = "全部"
# Until the place above is chosen, a city or county select offers only 全部; it says which place
# to choose first, short enough for a half-width select on a phone (about seven characters).
NARROW_FIRST_HINTS = {"city": "全部(先选省)", "county": "全部(先选省市)"}
INVALID_PLACE = "没有区划代码为 %(value)s 的这一级地区,或它不在所选的上一级地区内。"
# The province choice for reports whose agency's place was never settled (an ambiguous 西城区).
PLACE_UNKNOWN = "unknown"

YEAR_MIN, YEAR_MAX = 2000, 2100  # the model's plausible range


# What a yes/no parameter (include_old) may be, in any case; absent or empty is no. Pages, the
# API and the exports read it alike and refuse any other word (include_old=abc is no "yes").
FLAG_VALUES = {"1": True, "true": True, "0": False, "false": False, "": False}
FLAG_ERROR = "{name} 只能是 1、0、true 或 false,收到的是“{value}”"


def flag_value(raw: object) -> bool | None:
    """A yes/no parameter's value (absent: False), or None when it is neither."""
    return FLAG_VALUES.get(str(raw if raw is not None else "").strip().lower())


class FlagCheckbox(forms.CheckboxInput):
    """A checkbox whose query value "0" or "false" means unchecked (it sends "1" checked).

    Django's CheckboxInput treats any non-empty string except "false" as checked, so an API
    client sending ``include_old=0`` would get the opposite of what it asked for. A word that is
    neither is refused by the form (``SingleValuedForm``).
    """

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> bool:
        return bool(flag_value(data.get(name)))


class PlainSelect(forms.Select):
    """A select whose options are written in code, not through a template each: the list's 100
    indicator choices took 1.9 ms a request through Django's option templates, 0.1 ms so."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> str:
        chosen = {str(item) for item in self.format_value(value)}
        final = {**self.build_attrs(self.attrs, attrs), "name": name}
        options = "".join(
            f'<option value="{escape(code)}"{" selected" if str(code) in chosen else ""}>'
            f"{escape(label)}</option>"
            for code, label in self.choices
        )
        return mark_safe(f"<select{flatatt(final)}>{options}</select>")  # every text above escaped


class IndicatorChoiceField(FilterChoiceField):
    """A catalogue key or one facet of it (``key:facet``), read as the compare pages read them
    (取消 下放, ＋, a full-width colon, either order): any facet of the key, stated or not, not
    only the choices the select offers."""

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        if not value or any(value == code for code, _label in self.choices):
            return value  # offered as it is spelt (``ReportFilter`` spells a value it can read so)
        return read_lacks(value)[0]

    def valid_value(self, value: Any) -> bool:
        return True  # to_python read it, or said what is wrong


class IndicatorChoiceFilter(django_filters.ChoiceFilter):
    field_class = IndicatorChoiceField


def read_lacks(raw: str) -> tuple[str, str]:
    """``raw`` as the ``lacks`` filter reads it: (the key, or ``key:facet`` in the catalogue's
    spelling, and its name as the compare pages write it); ``ValidationError`` saying what is wrong."""
    # imported here: the models import this module (through search), and compare the models
    from reports.compare.figures import with_facet
    from reports.compare.params import CompareError, column_of, column_spec, facet_of_key

    key, facet = column_of(raw.strip())
    definition = IndicatorDefinition.objects.filter(key=key, is_active=True).first()
    if definition is None:
        raise forms.ValidationError(f"没有指标“{key[:40]}”:请从列表中选择。")
    try:
        facet = facet_of_key(facet, definition)
    except CompareError as error:
        raise forms.ValidationError(error.message) from error
    return column_spec(key, facet), with_facet(definition.name, facet)


class SharedChoices(tuple):
    """Choices that every copy of a form shares: a form copies its fields, and with them the
    thousands of place choices (19 ms a request at 100k reports); the pairs cannot change."""

    def __deepcopy__(self, memo: dict[int, Any]) -> SharedChoices:
        return self


class AsciiIntegerField(forms.IntegerField):
    """A whole number written in ASCII digits only (``query_int``), as the API documents:
    Django's own field would also read "２０２３", "+2023", "2_023" and "2023.0"."""

    # Django's "输入整数" said -1 and 99999999999999999999 were not whole numbers
    default_error_messages = {"invalid": "请输入由数字 0–9 写成的正整数(不带正负号,不超过 18 位)。"}

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        number = query_int(str(value))  # " 2023" too is refused: ASCII digits only, as the API documents
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class YearFilter(django_filters.Filter):
    """An exact year: any plausible integer, offered as a select of the years that have reports."""

    field_class = AsciiIntegerField


@dataclass
class PlaceIndex:
    """Every region that has reports, with its ancestors, loaded in one query.

    Kept across requests (``kept_until_changed``), so what each request asks of it (the places
    of a level, whether one lies in another) is worked out once here, not per request.
    """

    by_code: dict[str, Region] = field(default_factory=dict)
    # code -> the codes of the region and of every region above it
    lineage: dict[str, frozenset[str]] = field(default_factory=dict)
    levels: dict[str, list[Region]] = field(default_factory=dict)  # in code order
    unplaced: bool = False  # whether some agency's place was never settled

    @classmethod
    def load(cls) -> PlaceIndex:
        index = cls()
        # Agencies exist because a report named them, so "has an agency" stands for "has reports"
        # without joining every report (a place whose last report was deleted lists nothing).
        with_agencies = Agency.objects.filter(region=OuterRef("pk"))
        index._add(Region.objects.filter(Exists(with_agencies)).select_related("parent__parent"))
        index.unplaced = Agency.objects.filter(region=None).exclude(level=Region.Level.NATIONAL).exists()
        return index

    def including(self, regions: Iterable[Region]) -> PlaceIndex:
        """A copy that also holds ``regions`` (and what lies above them): places asked for that
        hold no report are real places still, whose reports are none, not an invalid choice."""
        index = PlaceIndex(dict(self.by_code), dict(self.lineage), {}, self.unplaced)
        index._add(regions)
        return index

    def _add(self, regions: Iterable[Region]) -> None:
        for region in regions:
            for node in region.ancestors_and_self():
                if node.code not in self.by_code:
                    self.by_code[node.code] = node
                    self.lineage[node.code] = frozenset(r.code for r in node.ancestors_and_self())
        self.levels = {}
        for region in sorted(self.by_code.values(), key=lambda r: r.code):
            self.levels.setdefault(region.level, []).append(region)

    def of_level(self, level: str) -> list[Region]:
        return self.levels.get(level, [])

    def lies_in(self, code: str, ancestor_code: str) -> bool:
        """Whether the region ``code`` is ``ancestor_code`` or below it."""
        return ancestor_code in self.lineage.get(code, ())

    def known(self, code: str | None, level: str) -> bool:
        return bool(code) and code in self.by_code and self.by_code[code].level == level


def one_value_only(values: Sequence[str]) -> str:
    """What to say of a single-valued query parameter given several values (year=2024&year=2023):
    read as its last value, it would answer another question than the one asked."""
    shown = "、".join(value.strip()[:20] for value in values[:5])
    return f"只能给一个值,收到 {len(values)} 个:{shown}。"


class SingleValuedForm(forms.Form):
    """A query-string form whose every field takes one value: year=2024&year=2023 is refused
    with a message rather than read as its last value, as compare pages and the API do."""

    def clean(self) -> dict[str, object]:
        for name, form_field in self.fields.items():
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
            if len(values) > 1:
                self.add_error(name, one_value_only(values))
            elif (
                isinstance(form_field.widget, FlagCheckbox) and flag_value(raw := self.data.get(name)) is None
            ):
                self.add_error(name, FLAG_ERROR.format(name=name, value=str(raw)[:20]))
        return super().clean()


class ReportFilter(django_filters.FilterSet):
    """Filters over reports; unbound or empty, it lists current reports in listing order.

    ``drop_stale_places=True`` (the HTML page) silently drops a city or county that lies outside
    the chosen province or city: without JavaScript, a visitor who changes the province submits
    the old city along with it. The API keeps them, so a mismatch is reported as an error.
    """

    province = django_filters.ChoiceFilter(
        label="省份",
        method="filter_place",
        empty_label=ALL_LABEL,
        error_messages={"invalid_choice": INVALID_PLACE},
    )
    city = django_filters.ChoiceFilter(
        label="城市",
        method="filter_place",
        empty_label=ALL_LABEL,
        error_messages={"invalid_choice": INVALID_PLACE},
    )
    county = django_filters.ChoiceFilter(
        label="区县",
        method="filter_place",
        empty_label=ALL_LABEL,
        error_messages={"invalid_choice": INVALID_PLACE},
    )
    year = YearFilter(label="年度", field_name="year", min_value=YEAR_MIN, max_value=YEAR_MAX)
    level = django_filters.ChoiceFilter(
        label="机关层级", field_name="agency__level", choices=Region.Level.choices, empty_label=ALL_LABEL
    )
    kind = django_filters.ChoiceFilter(
        label="机关类型", field_name="agency__kind", choices=Agency.Kind.choices, empty_label=ALL_LABEL
    )
    include_old = django_filters.BooleanFilter(
        label="包括旧版本", method="filter_versions", widget=FlagCheckbox(attrs={"value": "1"})
    )
    # reports that give no figure of a key (or of one facet of it, key:facet): the 未报告 of its
    # ranking, listed
    lacks = IndicatorChoiceFilter(
        label="未给出的指标", method="filter_lacks", widget=PlainSelect, empty_label=ALL_LABEL
    )
    sort = django_filters.ChoiceFilter(
        label="排序",
        method="filter_sort",
        choices=[(key, label) for key, (_order, label) in SORT_ORDERS.items() if key],
        empty_label=SORT_ORDERS[""][1],
    )

    class Meta:
        model = Report
        form = SingleValuedForm
        fields = ["province", "city", "county", "year", "level", "kind", "lacks", "include_old", "sort"]

    def __init__(
        self,
        data: QueryDict | None = None,
        queryset: ReportQuerySet | None = None,
        *,
        request: Any = None,
        prefix: str | None = None,
        drop_stale_places: bool = False,
    ) -> None:
        if queryset is None:
            # A listing never shows the full text (up to hundreds of kB per report): leave it behind.
            queryset = Report.objects.with_listing_data().defer("text").order_by(*LISTING_ORDER)
        # The places and years that have reports and the indicators, as choices (one kept value:
        # one freshness check).
        self.places, self.report_years, lacks_choices = kept_until_changed(
            "choices", lambda: (PlaceIndex.load(), _report_years(), SharedChoices(_lacks_choices()))
        )
        if data is not None:
            asked = [data.get(level) for level in PLACE_LEVELS]
            if unheld := [code for code in asked if code and code not in self.places.by_code]:
                regions = Region.objects.filter(code__in=unheld).select_related("parent__parent")
                # only the place of the level asked: a county's code as a province stays invalid
                found = [region for region in regions if data.get(region.level) == region.code]
                if found:
                    self.places = self.places.including(found)
        if data is not None and drop_stale_places:
            data = self._without_stale_places(data)
        if data is not None and data.get("lacks"):
            data, lacks_choices = self._lacks_read(data, lacks_choices)
        super().__init__(data, queryset, request=request, prefix=prefix)
        self._offer_places()
        self._offer_years()
        self.filters["lacks"].extra["choices"] = lacks_choices

    @staticmethod
    def _lacks_read(data: QueryDict, choices: SharedChoices) -> tuple[QueryDict, SharedChoices]:
        """``lacks`` in the catalogue's spelling, so the select shows it chosen, and offered
        though no report states it (the list is then every report); as given when it cannot be
        read (the form says why)."""
        try:
            code, name = read_lacks(data["lacks"])
        except forms.ValidationError:
            return data, choices
        data = data.copy()
        data["lacks"] = code
        if all(value != code for value, _label in choices):
            choices = SharedChoices([*choices, (code, name)])
        return data, choices

    def _without_stale_places(self, data: QueryDict) -> QueryDict:
        data = data.copy()
        province, city = data.get("province"), data.get("city")
        if province and city and not self.places.lies_in(city, province):
            data.pop("city")
            city = None
        county = data.get("county")
        parent = city or province
        if county and parent and not self.places.lies_in(county, parent):
            data.pop("county")
        return data

    def _offer_places(self) -> None:
        """Choices for the three place selects, each narrowed by the place chosen above it."""
        province = self.data.get("province")
        city = self.data.get("city")
        province = province if self.places.known(province, "province") else None
        city = city if self.places.known(city, "city") else None
        if city and province and not self.places.lies_in(city, province):
            city = None

        unknown = [(PLACE_UNKNOWN, "地区不详")] if self.places.unplaced else []
        self.filters["province"].extra["choices"] = SharedChoices(
            [*((region.code, region.name) for region in self.places.of_level("province")), *unknown]
        )

        cities = self.places.of_level("city")
        if province:
            cities = [region for region in cities if self.places.lies_in(region.code, province)]
        city_choices = SharedChoices(
            (region.code, region.name if province else self._with_parent(region)) for region in cities
        )
        self.filters["city"].extra["choices"] = city_choices

        counties = self.places.of_level("county")
        parent = city or province
        if parent:
            counties = [region for region in counties if self.places.lies_in(region.code, parent)]
        # Many districts share a name (鼓楼区), so name the parent unless the city is chosen.
        county_choices = SharedChoices(
            (region.code, region.name if city else self._with_parent(region)) for region in counties
        )
        self.filters["county"].extra["choices"] = county_choices
        # Thousands of <option>s cost a third of a second to render and nobody scrolls them:
        # until the place above narrows a list, offer only the place already chosen in it.
        self._rendered_places = {
            "city": self._rendered("city", city_choices, narrowed=bool(province)),
            "county": self._rendered("county", county_choices, narrowed=bool(parent)),
        }

    def _rendered(
        self, name: str, choices: Sequence[tuple[str, str]], *, narrowed: bool
    ) -> list[tuple[str, str]]:
        if narrowed:
            return [("", ALL_LABEL), *choices]
        chosen = self.data.get(name)
        return [("", NARROW_FIRST_HINTS[name]), *((code, label) for code, label in choices if code == chosen)]

    @property
    def form(self) -> forms.Form:
        form = super().form
        for name, choices in self._rendered_places.items():
            form.fields[name].widget.choices = choices
        return form

    @property
    def lacking(self) -> tuple[str, str] | None:
        """The ``lacks`` value a valid filter applies and its name as the select offers it."""
        chosen = self.form.cleaned_data.get("lacks", "")
        return next(
            ((code, label) for code, label in self.filters["lacks"].extra["choices"] if code == chosen), None
        )

    @property
    def chosen_count(self) -> int:
        """How many filters the query sets (the list's order is not one; include_old=0 is unset)."""
        count = 0
        for name in self.filters:
            value = str(self.data.get(name) or "").strip()
            if name == "sort" or not value:
                continue
            if name == "include_old" and not flag_value(value):
                continue
            count += 1
        return count

    def described(self) -> str:
        """What the filters choose, in words for the page's title (重庆市綦江区 · 2023年度 ·
        人民政府); "" when nothing is chosen or a filter is invalid."""
        if not self.is_bound or not self.form.is_valid():
            return ""
        data = self.form.cleaned_data
        words = []
        if place := data.get("county") or data.get("city") or data.get("province"):
            words.append("地区不详" if place == PLACE_UNKNOWN else self.places.by_code[place].full_name)
        if data.get("year"):
            words.append(f"{data['year']}年度")
        words += [
            str(dict(self.filters[name].extra["choices"])[data[name]])
            for name in ("level", "kind")
            if data.get(name)
        ]
        return " · ".join(words)

    @staticmethod
    def _with_parent(region: Region) -> str:
        return f"{region.name}({region.parent.name})" if region.parent else region.name

    def _offer_years(self) -> None:
        years = self.report_years
        # Keep a valid year that has no reports selectable, so the select shows what was asked.
        asked = query_int(str(self.data.get("year") or ""))
        if asked is not None and YEAR_MIN <= asked <= YEAR_MAX:
            years = sorted({*years, asked}, reverse=True)
        choices = [("", ALL_LABEL), *((year, f"{year}年") for year in years)]
        self.filters["year"].extra["widget"] = forms.Select(choices=choices)

    def filter_place(self, queryset: ReportQuerySet, name: str, value: str) -> ReportQuerySet:
        if value == PLACE_UNKNOWN:
            return queryset.filter(agency__region=None).exclude(agency__level=Region.Level.NATIONAL)
        return queryset.in_region(self.places.by_code[value])

    def filter_lacks(self, queryset: ReportQuerySet, name: str, value: str) -> ReportQuerySet:
        # imported here: the models import this module (through search), and compare the models
        from reports.compare.params import column_of

        key, facet = column_of(value)
        if facet:
            stated = ChosenFacetFigure.objects.filter(report=OuterRef("pk"), key=key, facet=facet)
        else:
            stated = ChosenFigure.objects.filter(report=OuterRef("pk"), key=key)
        return queryset.exclude(Exists(stated))

    def filter_versions(self, queryset: ReportQuerySet, name: str, value: bool) -> ReportQuerySet:
        return queryset if value else queryset.current()

    def filter_sort(self, queryset: ReportQuerySet, name: str, value: str) -> ReportQuerySet:
        return queryset.order_by(*SORT_ORDERS[value][0])


def _lacks_choices() -> list[tuple[str, str]]:
    """The catalogue's keys in its order, each followed by the facets reports state (key:facet),
    as the compare pages name them."""
    # imported here: the models import this module (through search), and compare the models
    from reports.compare.choices import facet_report_counts, stated_facets
    from reports.compare.figures import with_facet
    from reports.compare.params import column_spec

    counts = facet_report_counts()
    choices = []
    for definition in IndicatorDefinition.objects.filter(is_active=True).order_by(
        "group__position", "group__key", "position", "key"
    ):
        choices.append((definition.key, definition.name))
        choices += [
            (column_spec(definition.key, facet), with_facet(definition.name, facet))
            for facet, _count in stated_facets(definition, counts)
        ]
    return choices


# --- Search -------------------------------------------------------------------------------------

# The search's parameters besides q and page: its filters, and the order (sort) they travel with.
SEARCH_FILTERS = (
    "province",
    "city",
    "county",
    "year",
    "level",
    "kind",
    "label",
    "topic",
    "include_old",
    "sort",
)
# The orders of search results: by relevance (empty, the default) or by year, newest first.
SEARCH_ORDERS = {"": "相关程度", "newest": "年度从新到旧"}
_PLACE_CODE = r"^[0-9]{6}$"


class SearchForm(SingleValuedForm):
    """The search page's state, all of it in the query string so that a search is a permalink.

    It checks the form of each value; whether a region code or topic exists is the search
    module's call (``reports.search`` raises ``QueryError`` with a message). ``q`` is not limited
    here either: the query language's own limits give friendlier messages.
    """

    q = forms.CharField(label="查找", required=False, strip=True)
    province = forms.RegexField(label="省份", regex=rf"{_PLACE_CODE}|^{PLACE_UNKNOWN}$", required=False)
    city = forms.RegexField(label="城市", regex=_PLACE_CODE, required=False)
    county = forms.RegexField(label="区县", regex=_PLACE_CODE, required=False)
    year = AsciiIntegerField(label="年度", min_value=YEAR_MIN, max_value=YEAR_MAX, required=False)
    level = forms.ChoiceField(
        label="机关层级", choices=[("", ALL_LABEL), *Region.Level.choices], required=False
    )
    kind = forms.ChoiceField(
        label="机关类型", choices=[("", ALL_LABEL), *Agency.Kind.choices], required=False
    )
    label = forms.CharField(label="章节类别", max_length=32, required=False)
    topic = forms.CharField(label="主题", max_length=32, required=False)
    include_old = forms.BooleanField(
        label="包括旧版本", required=False, widget=FlagCheckbox(attrs={"value": "1"})
    )
    sort = forms.ChoiceField(
        label="排序",
        choices=list(SEARCH_ORDERS.items()),
        required=False,
        # Django's message repeats the value, however long
        error_messages={"invalid_choice": "只能是 newest(年度从新到旧)或留空(相关程度)。"},
    )
    page = AsciiIntegerField(label="页码", min_value=1, required=False)

    def filters(self) -> dict[str, str]:
        """The non-empty filters as the search module reads them (strings; ``include_old`` as "1")."""
        data = self.cleaned_data
        filters = {
            name: str(data[name]) for name in SEARCH_FILTERS if data.get(name) not in (None, "", False)
        }
        if data.get("include_old"):
            filters["include_old"] = "1"
        return filters


def _report_years() -> list[int]:
    """Every year that has a report, newest first (a scan of the report table: 8 ms at 100k)."""
    return list(Report.objects.order_by("-year").values_list("year", flat=True).distinct())
