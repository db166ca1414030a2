"""Staff views of the library. Uploads come with their own issue; this covers reading and fixing rows."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from .indicators.store import extract_and_store
from .models import (
    Agency,
    IndicatorCorrection,
    IndicatorDefinition,
    IndicatorGroup,
    IndicatorValue,
    Region,
    Report,
    Section,
    SourceFile,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "first_year", "last_year"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "region"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "region__name"]
    raw_id_fields = ["region"]


class SectionInline(admin.TabularInline):
    model = Section
    fields = ["path", "number", "heading", "label", "topic"]
    readonly_fields = ["path", "number", "heading"]
    extra = 0
    can_delete = False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "year", "published_on", "is_current", "imported_at"]
    list_filter = ["year", "is_current", "agency__kind", "agency__level"]
    search_fields = ["title", "agency__name", "index_number"]
    raw_id_fields = ["agency", "source_file", "superseded_by"]
    readonly_fields = ["text_sha256", "imported_at", "indicator_values_link"]
    inlines = [SectionInline]

    @admin.display(description="指标数值")
    def indicator_values_link(self, obj: Report) -> str:
        if obj.pk is None:
            return "—"
        url = reverse("admin:reports_indicatorvalue_changelist") + f"?report__id__exact={obj.pk}"
        return format_html('<a href="{}">查看 {} 个数值</a>', url, obj.indicator_values.count())


@admin.register(SourceFile)
class SourceFileAdmin(admin.ModelAdmin):
    list_display = ["name", "size", "sha256", "received_at"]
    search_fields = ["name", "sha256"]
    exclude = ["data"]
    readonly_fields = ["name", "size", "sha256", "received_at"]


# --- Indicators: the catalogue is edited here; values are read-only (re-extracted, never edited);
# a correction is the way to fix one, and it is applied at once and after every re-extraction.


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "position"]
    list_editable = ["position"]
    search_fields = ["name", "key"]


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "group", "units", "position", "is_active"]
    list_filter = ["group", "is_active", "scope"]
    list_select_related = ["group"]
    search_fields = ["key", "name", "cues"]
    fields = ["key", "name", "group", "position", "units", "scope", "cues", "unless", "combines", "is_active"]

    def get_readonly_fields(self, request: HttpRequest, obj: IndicatorDefinition | None = None) -> list[str]:
        # Stored values and fixtures refer to the key: it is chosen once.
        return ["key"] if obj is not None else []


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["report", "figure", "key", "value", "unit", "qualifier", "measure", "rejected", "correct"]
    list_filter = ["measure", "derived", "combined", "rejected", "definition__group"]
    list_select_related = ["report"]
    search_fields = ["key", "figure", "sentence", "report__title"]
    raw_id_fields = ["report", "definition", "section", "correction"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[IndicatorValue]:
        # A page lists a hundred values: their reports' titles, not their whole texts.
        return super().get_queryset(request).defer("report__text")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: IndicatorValue | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: IndicatorValue | None = None) -> bool:
        return False

    @admin.display(description="校正")
    def correct(self, obj: IndicatorValue) -> str:
        if obj.correction_id:
            url = reverse("admin:reports_indicatorcorrection_change", args=[obj.correction_id])
            return format_html('<a href="{}">已校正</a>', url)
        query = urlencode({"report": obj.report_id, "start": obj.start, "end": obj.end})
        url = reverse("admin:reports_indicatorcorrection_add") + "?" + query
        return format_html('<a href="{}">校正</a>', url)


class IndicatorCorrectionForm(forms.ModelForm):
    class Meta:
        model = IndicatorCorrection
        fields = ["report", "start", "end", "definition", "unmap", "value", "unit", "is_rejected", "note"]

    def clean(self) -> dict:
        data = super().clean()
        report, start, end = data.get("report"), data.get("start"), data.get("end")
        if report is not None and start is not None and end is not None:
            if not report.indicator_values.filter(start=start, end=end).exists():
                raise forms.ValidationError(
                    "该报告在这个位置没有识别出的数字(起止位置须与某个指标数值一致)。"
                )
            if data.get("definition") is not None and data.get("unmap"):
                raise forms.ValidationError("“改为指标”和“不归入任何指标”只能选一个。")
        return data


@admin.register(IndicatorCorrection)
class IndicatorCorrectionAdmin(admin.ModelAdmin):
    form = IndicatorCorrectionForm
    list_display = [
        "report",
        "start",
        "end",
        "figure_text",
        "definition",
        "value",
        "unit",
        "is_rejected",
        "corrected_by",
    ]
    list_select_related = ["report", "definition", "corrected_by"]
    search_fields = ["report__title", "note"]
    raw_id_fields = ["report"]
    readonly_fields = ["figure_text", "corrected_by", "corrected_at"]

    @admin.display(description="原文数字")
    def figure_text(self, obj: IndicatorCorrection) -> str:
        return obj.report.text[obj.start : obj.end] if obj.pk else "—"

    def save_model(
        self, request: HttpRequest, obj: IndicatorCorrection, form: forms.ModelForm, change: bool
    ) -> None:
        obj.corrected_by = request.user
        super().save_model(request, obj, form, change)
        extract_and_store(obj.report)  # the correction shows at once, not only after a re-run

    def delete_model(self, request: HttpRequest, obj: IndicatorCorrection) -> None:
        report = obj.report
        super().delete_model(request, obj)
        extract_and_store(report)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[IndicatorCorrection]) -> None:
        reports = list(Report.objects.filter(indicator_corrections__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for report in reports:
            extract_and_store(report)
