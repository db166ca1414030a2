"""Staff views of the library: reading and fixing rows, uploading report files, reviewing imports.

Uploads: ``ImportBatchAdmin``'s add page is the upload form and its change page the batch page
(items, statuses, reasons, refreshing itself until done); the work itself is in
``reports.uploads``. Every staff edit of reports, sections, agencies and corrections lands in
the audit log (django-auditlog), and report fields and section labels set by hand are
remembered as ``ReportCorrection`` rows so that a re-parse keeps them. Saved reports, and
agencies and places whose copied fields changed, are re-indexed for search when the save
commits (``reports.search.reindex_on_commit``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from urllib.parse import urlencode

from auditlog.admin import LogEntryAdmin
from auditlog.mixins import AuditlogHistoryAdminMixin
from auditlog.models import LogEntry
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.validators import RegexValidator, URLValidator
from django.db import models, router
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Abs
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .indicators.display import value_text
from .indicators.store import extract_and_store, extract_on_commit, extracted_reading, unit_fits_key
from .indicators.units import base_unit_of, normalise_unit
from .ingest import ReportOverrides
from .models import (
    Agency,
    ImportBatch,
    ImportItem,
    IndicatorCorrection,
    IndicatorDefinition,
    IndicatorGroup,
    IndicatorValue,
    Region,
    Report,
    ReportCorrection,
    Section,
    SourceFile,
)
from .search import reindex_on_commit
from .tasks import TASK_NAMES, queue_indicator_reextraction, reextraction_status
from .uploads import (
    PROGRESS_CHOICES,
    batch_progress,
    create_batch,
    create_reparse_batch,
    idle_worker_seconds,
    incoming_files,
    received_message,
    record_report_corrections,
    record_section_corrections,
    retry_items,
)
from .versions import chain_change_problem, delete_report

# The admin's name in its header, page titles and front page: the site's, not "Django 管理".
admin.site.site_header = "法治政府建设年度报告库 管理后台"
admin.site.site_title = "法治政府建设年度报告库 管理后台"
admin.site.index_title = "管理首页"


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "first_year", "last_year"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]

    def save_model(self, request: HttpRequest, obj: Region, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        reindex_on_commit(obj, form.changed_data)  # a place moved or re-levelled moves its reports


class PlaceUnknownFilter(admin.SimpleListFilter):
    """Agencies (or their reports) whose place was never settled: namesakes of several places may
    share them. Staff set the region, or re-parse reports whose address now places them."""

    title = "所属地区"
    parameter_name = "place"
    agency_path = ""  # the lookup from the listed model to its agency

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("unknown", "未确定")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() != "unknown":
            return queryset
        return queryset.filter(**{f"{self.agency_path}region__isnull": True}).exclude(
            **{f"{self.agency_path}level": Region.Level.NATIONAL}
        )


class ReportPlaceUnknownFilter(PlaceUnknownFilter):
    agency_path = "agency__"


class AuditlogLinkAdminMixin(AuditlogHistoryAdminMixin):
    """django-auditlog's history view, with a changelist column whose links say whose log each
    opens: a screen reader's list of links would otherwise read 100 identical 查看."""

    @admin.display(description="审计日志")
    def auditlog_link(self, obj: models.Model) -> str:
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_auditlog", args=[obj.pk])
        # The name starts with the text shown, so that a voice command “点击 查看” still finds it.
        return format_html('<a href="{}" aria-label="查看《{}》的审计日志">查看</a>', url, obj)


@admin.register(Agency)
class AgencyAdmin(AuditlogLinkAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "level", "region"]
    list_filter = ["kind", "level", PlaceUnknownFilter]
    search_fields = ["name", "region__name"]
    # Staff find a place by its name or its 6-digit code, as the upload form asks for it.
    autocomplete_fields = ["region"]

    def save_model(self, request: HttpRequest, obj: Agency, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        reindex_on_commit(obj, form.changed_data)  # its reports' rows copy its kind, level and place
        extract_on_commit(obj, form.changed_data)  # extraction reads its kind and level


class SectionInline(admin.TabularInline):
    model = Section
    fields = ["path", "number", "heading", "label", "topic"]
    readonly_fields = ["path", "number", "heading"]
    extra = 0
    can_delete = False


# Reports are web pages: an ftp:// or mailto: address is a typing slip, not a source.
web_address = URLValidator(
    schemes=["http", "https"],
    message="来源网址须是以 http:// 或 https:// 开头的网页地址。",
    code="not_a_web_page",  # not "invalid": the field's own message for that code would replace it
)


def refuse_date_before_year(form: forms.Form, data: dict) -> None:
    """A report of a year is published in that year or after it."""
    published, year = data.get("published_on"), data.get("year")
    if published and year and published.year < year:
        form.add_error("published_on", f"发布日期早于报告年度 {year} 年,请检查。")


class WebAddressField(forms.URLField):
    """A 来源网址: one message for an address that is no http(s) page, not Django's second one."""

    default_validators = [web_address]


def no_later_than_today(day: date | None) -> None:
    if day is not None and day > timezone.localdate():
        raise forms.ValidationError(f"日期 {day:%Y-%m-%d} 晚于今天,请检查。")


def reported_year(year: int | None) -> None:
    # A report covers a year that has begun: 2025年度 is published early in 2026.
    if year is not None and year > timezone.localdate().year:
        raise forms.ValidationError(f"报告年度 {year} 还没有到,请检查(报告写的是已过去的年度)。")


class ReportAdminForm(forms.ModelForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if "source_url" in self.fields:
            self.fields["source_url"].validators = [web_address]  # in place of Django's own
        for name, check in (
            ("year", reported_year),
            ("published_on", no_later_than_today),
            ("signed_on", no_later_than_today),
        ):
            if name in self.fields:
                self.fields[name].validators.append(check)

    def clean(self) -> dict:
        data = super().clean()
        problem = chain_change_problem(
            self.instance,
            agency=data.get("agency"),
            year=data.get("year"),
            is_current=data.get("is_current", self.instance.is_current),
        )
        if problem:
            raise forms.ValidationError(problem)
        refuse_date_before_year(self, data)
        return data


@admin.register(Report)
class ReportAdmin(AuditlogLinkAdminMixin, admin.ModelAdmin):
    form = ReportAdminForm
    # Addresses typed without a scheme are government sites served over https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "agency", "year", "published_on", "is_current", "imported_at"]
    list_filter = ["year", "is_current", "agency__kind", "agency__level", ReportPlaceUnknownFilter]
    search_fields = ["title", "agency__name", "index_number"]
    autocomplete_fields = ["agency"]
    raw_id_fields = ["source_file"]
    # The text is what the source file reads as: figures, sections and search point into it by
    # offset, so it changes only with a new version or a re-parse. The importer keeps the chain.
    readonly_fields = [
        "text",
        "superseded_by",
        "text_sha256",
        "imported_at",
        "indicator_values_link",
        "corrections_list",
        "history_link",
    ]
    inlines = [SectionInline]
    actions = ["reparse"]
    show_auditlog_history_link = True

    def save_model(self, request: HttpRequest, obj: Report, form: forms.ModelForm, change: bool) -> None:
        if "title" in form.changed_data:
            obj.title_made = False  # a title staff wrote is no longer the site's own
        if "published_on" in form.changed_data:
            obj.published_on_inferred = False
        super().save_model(request, obj, form, change)
        if change:
            # Fields set by hand outlive a re-parse of the report's file.
            record_report_corrections(obj, form.changed_data, user=request.user)
            if "agency" in form.changed_data:
                Agency.objects.filter(pk=form.initial["agency"]).without_reports().delete()
            extract_on_commit(obj, form.changed_data)  # another agency: another reporter

    def get_deleted_objects(
        self, objs: Sequence[Report] | QuerySet[Report], request: HttpRequest
    ) -> tuple[list[object], dict[str, int], set[str], list[str]]:
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # Values are never deleted one by one in the admin, but they go with their report.
        perms_needed.discard(IndicatorValue._meta.verbose_name)
        # The versions a deleted report replaced are no obstacle: ``delete_report`` relinks them,
        # and deletes a selection newest first. They are the only rows that protect a report.
        collector = NestedObjects(using=router.db_for_write(Report))
        collector.collect(list(objs))
        if all(isinstance(obj, Report) for obj in collector.protected):
            protected = []
        return deleted, counts, perms_needed, protected

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        report = Report.objects.filter(pk=object_id).only("pk", "is_current").first()
        if request.method == "GET" and report is not None and report.is_current:
            previous = Report.objects.filter(superseded_by=report).only("pk").first()
            if previous is not None:
                restored = f"删除后,前一版本 #{previous.pk} 将恢复为现行版本。"
                self.message_user(request, restored, messages.INFO)
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request: HttpRequest, obj: Report) -> None:
        delete_report(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        for report in queryset.order_by("-imported_at", "-pk"):
            delete_report(report)

    def save_formset(
        self, request: HttpRequest, form: forms.ModelForm, formset: forms.BaseModelFormSet, change: bool
    ) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is Section:
            for section_form in formset.forms:
                if section_form.instance.pk and section_form.has_changed():
                    record_section_corrections(
                        section_form.instance, section_form.changed_data, user=request.user
                    )

    def save_related(
        self,
        request: HttpRequest,
        form: forms.ModelForm,
        formsets: list[forms.BaseModelFormSet],
        change: bool,
    ) -> None:
        super().save_related(request, form, formsets, change)
        # Once the report and its sections are saved: search follows when the save commits.
        reindex_on_commit(form.instance)

    @admin.action(description="重新解析所选报告(保留人工校正)", permissions=["change"])
    def reparse(self, request: HttpRequest, queryset: QuerySet[Report]) -> HttpResponse:
        batch = create_reparse_batch(queryset.select_related("source_file"), created_by=request.user)
        return HttpResponseRedirect(reverse("admin:reports_importbatch_change", args=[batch.pk]))

    @admin.display(description="人工校正")
    def corrections_list(self, obj: Report) -> str:
        """Links to the corrections of the report's fields and of its figures, each counted."""
        if obj.pk is None:
            return "—"
        kinds = [
            ("报告字段", "admin:reports_reportcorrection_changelist", obj.corrections.count()),
            ("指标校正", "admin:reports_indicatorcorrection_changelist", obj.indicator_corrections.count()),
        ]
        held = [(reverse(name), obj.pk, label, count) for label, name, count in kinds if count]
        if not held:
            return "—"
        links = format_html_join("、", '<a href="{}?report__id__exact={}">{} {} 项</a>', held)
        return format_html("{}(重新解析时保留)", links)

    @admin.display(description="修改记录")
    def history_link(self, obj: Report) -> str:
        if obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">审计日志</a>', reverse("admin:reports_report_auditlog", args=[obj.pk])
        )

    @admin.display(description="指标数值")
    def indicator_values_link(self, obj: Report) -> str:
        if obj.pk is None:
            return "—"
        url = reverse("admin:reports_indicatorvalue_changelist") + f"?report__id__exact={obj.pk}"
        return format_html('<a href="{}">查看 {} 个数值</a>', url, obj.indicator_values.count())


@admin.register(SourceFile)
class SourceFileAdmin(admin.ModelAdmin):
    """Read-only: a file comes in through an upload (导入批次 → 增加), which stores its bytes."""

    list_display = ["name", "size", "sha256", "received_at"]
    search_fields = ["name", "sha256"]
    exclude = ["data"]
    readonly_fields = ["name", "size", "sha256", "received_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


# --- Indicators: the catalogue is edited here; values are read-only (re-extracted, never edited);
# a correction is the way to fix one, and it is applied at once and after every re-extraction.


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "position"]
    list_editable = ["position"]
    search_fields = ["name", "key"]


# Page addresses (/compare/indicator/<key>/), exports and the API spell a key, and it is chosen
# once: lower-case Latin letters, digits and underscores, as every shipped key.
KEY_FORMAT = RegexValidator(
    r"\A[a-z][a-z0-9_]*\Z",
    "键只能由英文小写字母、数字和下划线组成,并以字母开头,如 notarization_cases"
    "(不能有空格、汉字、大写字母或连字符)。",
)


class IndicatorDefinitionForm(forms.ModelForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if "key" in self.fields:  # only when adding: the key is read-only afterwards
            self.fields["key"].validators = [KEY_FORMAT]
            self.fields[
                "key"
            ].help_text = "英文小写字母、数字和下划线,以字母开头,如 notarization_cases;保存后不能再改。"


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(AuditlogLinkAdminMixin, admin.ModelAdmin):
    form = IndicatorDefinitionForm
    show_auditlog_history_link = True
    list_display = ["key", "name", "group", "units", "position", "is_active"]
    list_filter = ["group", "is_active", "scope"]
    list_select_related = ["group"]
    search_fields = ["key", "name", "definition", "cues"]
    fields = [
        "key",
        "name",
        "definition",
        "group",
        "position",
        "units",
        "scope",
        "cues",
        "unless",
        "combines",
        "facets",
        "is_active",
    ]

    def get_urls(self) -> list[URLPattern]:
        reextract = self.admin_site.admin_view(require_POST(self.reextract_view))
        return [
            path("reextract/", reextract, name="reports_indicatordefinition_reextract"),
            *super().get_urls(),
        ]

    def reextract_view(self, request: HttpRequest) -> HttpResponse:
        """Queue a re-extraction of every report by the catalogue as it stands: after a failed
        run, or a catalogue file changed on the server, without a command on the server."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        self._reextract(request)
        return HttpResponseRedirect(reverse("admin:reports_indicatordefinition_changelist"))

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        # Saving an entry queues a re-extraction: the list says whether it waits, runs or is done.
        extra_context = {
            "reextraction_status": reextraction_status(),
            "can_reextract": self.has_change_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def get_readonly_fields(self, request: HttpRequest, obj: IndicatorDefinition | None = None) -> list[str]:
        # Stored values and fixtures refer to the key: it is chosen once.
        return ["key"] if obj is not None else []

    def save_model(
        self, request: HttpRequest, obj: IndicatorDefinition, form: forms.ModelForm, change: bool
    ) -> None:
        before = None
        if change:
            saved = IndicatorDefinition.objects.select_related("group").filter(pk=obj.pk).first()
            before = _extraction_fields(saved) if saved is not None else None
        super().save_model(request, obj, form, change)
        # A browser sends a textarea's line breaks as \r\n: "changed" is what extraction reads.
        if before is None or _extraction_fields(obj) != before:
            self._reextract(request)
        if not obj.is_active and (corrections := obj.corrections.count()):
            url = reverse("admin:reports_indicatorcorrection_changelist") + f"?definition__id__exact={obj.pk}"
            self.message_user(
                request,
                format_html(
                    '指标“{}”已停用,但仍有 <a href="{}">{} 条人工校正</a>把数字改归入它:'
                    "这些数字仍显示在该指标下(报告页和排名)。如不再需要,请修改或删除这些校正。",
                    obj.name,
                    url,
                    corrections,
                ),
                messages.WARNING,
            )

    def get_deleted_objects(
        self, objs: Sequence[IndicatorDefinition], request: HttpRequest
    ) -> tuple[list[object], dict[str, int], set[str], list[str]]:
        # A key another key adds up is protected: deleted, the sum silently stopped being read.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # Figures are not deleted with their key (SET_NULL) but become unmapped: say how many.
        held = IndicatorValue.objects.filter(definition__in=objs)
        if figures := held.count():
            reports = held.values("report").distinct().count()
            deleted.append(
                f"指标数值:{figures} 个数字({reports} 份报告)将不再归入该指标,变为未归类(数字本身不删除)"
            )
        keys = {obj.key for obj in objs}
        for obj in objs:
            for combiner in obj.combined_by():
                if combiner.key not in keys:
                    protected.append(f"指标定义:{combiner}(合计指标中有 {obj.key})")
        return deleted, counts, perms_needed, protected

    def delete_model(self, request: HttpRequest, obj: IndicatorDefinition) -> None:
        super().delete_model(request, obj)
        self._reextract(request)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[IndicatorDefinition]) -> None:
        super().delete_queryset(request, queryset)
        self._reextract(request)

    def _reextract(self, request: HttpRequest) -> None:
        """Pages show the values stored at the last extraction: queue one with the new catalogue."""
        queued = queue_indicator_reextraction()
        self.message_user(
            request,
            ("已在后台排队" if queued else "后台已有一次排队中的")
            + "重新识别:全部当前报告的指标将按修改后的指标目录重新识别(保留人工校正),"
            "完成前报告页和比较页仍显示原来的结果。后台任务由 bin/run 启动的后台进程执行;"
            "若后台进程未运行,请在服务器上运行 manage.py extract_indicators。",
            messages.INFO,
        )


def _extraction_fields(definition: IndicatorDefinition) -> tuple[object, ...]:
    """What extraction reads of a definition (its catalogue record, whether it is used, its rank)."""
    return (definition.as_record(), definition.is_active, definition.position)


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["report", "figure", "key", "reading", "measure", "rejected", "correct"]
    list_filter = [
        "measure",
        "derived",
        "combined",
        "rejected",
        ("correction", admin.EmptyFieldListFilter),  # 非空: the figures staff corrected
        "definition__group",
        "definition",
    ]
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

    @admin.display(description="读作", ordering="base_value")
    def reading(self, obj: IndicatorValue) -> str:
        return value_text(obj)  # 近300件, 增长12.5%: not 300.00000000 beside its unit

    @admin.display(description="校正")
    def correct(self, obj: IndicatorValue) -> str:
        if obj.correction_id:
            url = reverse("admin:reports_indicatorcorrection_change", args=[obj.correction_id])
            return format_html('<a href="{}">已校正</a>', url)
        query = urlencode({"report": obj.report_id, "start": obj.start, "end": obj.end})
        url = reverse("admin:reports_indicatorcorrection_add") + "?" + query
        return format_html('<a href="{}">校正</a>', url)


def _corrected_value(correction: IndicatorCorrection) -> IndicatorValue | None:
    """The stored value at a correction's offsets (None when the report has none there)."""
    if correction.report_id is None or correction.start is None or correction.end is None:
        return None
    return (
        IndicatorValue.objects.filter(
            report_id=correction.report_id, start=correction.start, end=correction.end
        )
        .select_related("definition")
        .first()
    )


# What a staff correction may change: the form's fields after the figure's place, and the
# admin's "校正为" fieldset.
CORRECTED_FIELDS = ["definition", "unmap", "value", "unit", "measure", "qualifier", "is_rejected", "note"]
CHANGING_FIELDS = [name for name in CORRECTED_FIELDS if name != "note"]


class IndicatorCorrectionForm(forms.ModelForm):
    class Meta:
        model = IndicatorCorrection
        fields = ["report", "start", "end", *CORRECTED_FIELDS]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk is None and not self.is_bound:
            # Opened from a value's 校正 link (?report=&start=&end=): the instance knows which
            # figure it corrects, so the page can show that figure, its sentence and its reading.
            for name in ("report", "start", "end"):
                raw = self.initial.get(name)
                if isinstance(raw, str) and raw.isdigit():
                    setattr(instance, f"{name}_id" if name == "report" else name, int(raw))
        # Keys pages and the API list, and a stopped one the correction already holds, marked.
        keys = self.fields["definition"]
        keys.queryset = keys.queryset.filter(Q(is_active=True) | Q(pk=instance.definition_id))
        keys.label_from_instance = lambda key: str(key) if key.is_active else f"{key}(已停用)"
        # The extractor's reading of a figure, per span: reading it runs the report's extraction,
        # which a form read once on opening and again on saving the same figure.
        self._readings: dict[tuple[int | None, int | None, int | None], IndicatorValue | None] = {}
        reading = self._extractors_reading(instance.report_id, instance.start, instance.end)
        if reading is not None:
            # What stays when a field is left empty (the extractor's reading), in the empty field.
            self.fields["value"].widget.attrs["placeholder"] = (
                f"识别结果:{format(reading.value.normalize(), 'f')}"
            )
            self.fields["unit"].widget.attrs["placeholder"] = f"识别结果:{reading.unit or '(无单位)'}"

    def clean(self) -> dict:
        data = super().clean()
        report, start, end = data.get("report"), data.get("start"), data.get("end")
        if report is not None and start is not None and end is not None:
            current = (
                report.indicator_values.filter(start=start, end=end).select_related("definition").first()
            )
            if current is None:
                raise forms.ValidationError(
                    "该报告在这个位置没有识别出的数字(起止位置须与某个指标数值一致)。"
                    + _nearby_figures(report, start)
                )
            if any(name in self.errors for name in CHANGING_FIELDS):
                return data  # a field filled in wrongly: its own error says it, and nothing else
            # What a field left empty keeps: the extractor's reading, not an earlier correction's.
            current = self._extractors_reading(report.pk, start, end) or current
            # "is not False": a value corrected to 0 is a change (0 == False)
            if not any(
                data.get(name) not in (None, "") and data.get(name) is not False for name in CHANGING_FIELDS
            ):
                # saved, it would mark the figure 已校正 and change nothing
                raise forms.ValidationError(
                    "没有填写要改的内容:请至少改一项(指标、数值、单位、类型、限定词或“不是数量”);"
                    "若要撤销已有的校正,请删除这条校正。"
                )
            if data.get("definition") is not None and data.get("unmap"):
                return data  # the model's constraint says why, once
            if data.get("unit") and base_unit_of(normalise_unit(data["unit"])) is None:
                self.add_error(
                    "unit", f"“{data['unit']}”不是系统认识的单位(常用的如:件 项 人 人次 次 个 场 家 万元 %)。"
                )
            measure = data.get("measure") or current.measure
            if data.get("value") is not None and data["value"] < 0 and measure in _AMOUNTS:
                self.add_error(
                    "value",
                    "数量不能是负数:减少、下降的数字请在“改为类型”选增减量、增减幅度或增减百分点,再填负数。",
                )
            # The key the figure ends up under must be stated in the unit it ends up with.
            definition = data.get("definition")
            field = "definition"
            if definition is None and not data.get("unmap") and (data.get("unit") or data.get("measure")):
                definition, field = current.definition, "unit" if data.get("unit") else "measure"
            if definition is not None:
                unit = normalise_unit(data["unit"]) if data.get("unit") else current.unit
                problem = unit_fits_key(definition, unit, data.get("measure") or current.measure)
                if problem:
                    self.add_error(field, problem)
        return data

    def _extractors_reading(
        self, report_id: int | None, start: int | None, end: int | None
    ) -> IndicatorValue | None:
        span = (report_id, start, end)
        if span not in self._readings:
            report = Report.objects.filter(pk=report_id).first() if report_id is not None else None
            found = report is not None and start is not None and end is not None
            self._readings[span] = extracted_reading(report, start, end) if found else None
        return self._readings[span]


# Kinds of measure that state an amount, never below zero (a decrease is a change).
_AMOUNTS = {
    IndicatorValue.Measure.LEVEL,
    IndicatorValue.Measure.EARLIER,
    IndicatorValue.Measure.MULTI_YEAR,
    IndicatorValue.Measure.TARGET,
}


def _nearby_figures(report: Report, start: int) -> str:
    """The figures nearest to ``start``, with their offsets, for a correction typed by hand."""
    values = list(
        report.indicator_values.annotate(distance=Abs(F("start") - start))
        .order_by("distance", "start")
        .values_list("figure", "start", "end")[:5]
    )
    if not values:
        return "该报告没有识别出任何数字。"
    listed = "、".join(f"{figure}(起始 {s},结束 {e})" for figure, s, e in sorted(values, key=lambda v: v[1]))
    return f"附近识别出的数字:{listed}。也可以在“指标数值”列表中找到该数字,点“校正”打开本页。"


@admin.register(IndicatorCorrection)
class IndicatorCorrectionAdmin(AuditlogLinkAdminMixin, admin.ModelAdmin):
    form = IndicatorCorrectionForm
    show_auditlog_history_link = True  # each correction's before and after
    list_display = [
        "report",
        "start",
        "end",
        "figure_text",
        "key_change",
        "value_shown",
        "unit",
        "measure",
        "qualifier",
        "is_rejected",
        "corrected_by",
    ]
    list_filter = ["definition", "unmap", "is_rejected", "measure", "corrected_by"]
    list_select_related = ["report", "definition", "corrected_by"]
    search_fields = ["report__title", "note"]
    raw_id_fields = ["report"]
    readonly_fields = ["figure_text", "figure_context", "corrected_by", "corrected_at"]
    fieldsets = [
        (
            "要校正的数字",
            {
                "fields": ["report", "start", "end", "figure_text", "figure_context"],
                "description": "从“指标数值”列表中某个数字的“校正”链接打开时,报告和起止位置已自动填好。",
            },
        ),
        (
            "校正为(留空的项不改)",
            {"fields": CORRECTED_FIELDS},
        ),
        ("记录", {"fields": ["corrected_by", "corrected_at"]}),
    ]

    @admin.display(description="改为指标", ordering="definition__name")
    def key_change(self, obj: IndicatorCorrection) -> str:
        """The key a correction gives, or that it takes the figure out of every key: both read
        "-" before, as a correction that leaves the key alone does."""
        if obj.unmap:
            return "不归入任何指标"
        return str(obj.definition) if obj.definition_id else "-"

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        # A 校正 link (value list, ranking, report page) names a figure; one corrected before opens
        # its correction, to be changed, instead of a form that can only be refused.
        if request.method == "GET":
            span = [request.GET.get(name, "") for name in ("report", "start", "end")]
            if all(part.isdigit() for part in span):
                existing = IndicatorCorrection.objects.filter(
                    report_id=int(span[0]), start=int(span[1]), end=int(span[2])
                ).first()
                if existing is not None and self.has_change_permission(request, existing):
                    self.message_user(
                        request, "这个数字已有一条校正,已为你打开它:在这里修改即可。", messages.INFO
                    )
                    return HttpResponseRedirect(
                        reverse("admin:reports_indicatorcorrection_change", args=[existing.pk])
                    )
        return super().add_view(request, form_url, extra_context)

    def get_fieldsets(self, request: HttpRequest, obj: IndicatorCorrection | None = None) -> list:
        # Who corrected it and when: nothing to show before it is saved.
        return self.fieldsets if obj is not None else self.fieldsets[:-1]

    @admin.display(description="改为数值", ordering="value")
    def value_shown(self, obj: IndicatorCorrection) -> str:
        return "—" if obj.value is None else format(obj.value.normalize(), "f")  # 76, not 76.00000000

    @admin.display(description="原文数字")
    def figure_text(self, obj: IndicatorCorrection) -> str:
        if obj.report_id is None or obj.start is None or obj.end is None:
            return "—"
        try:
            text = obj.report.text  # selected with the row on the list
        except Report.DoesNotExist:  # a report id typed by hand that names no report
            return "—"
        return text[obj.start : obj.end] or "—"

    @admin.display(description="原句与当前识别结果")
    def figure_context(self, obj: IndicatorCorrection) -> str:
        current = _corrected_value(obj)
        if current is None:
            if obj.pk is None:
                return "—"
            return "该位置现在没有识别出的数字(报告正文或识别规则已变),本校正暂不生效。"
        sentence, offset = current.sentence, current.start - current.sentence_start
        figure_end = offset + current.end - current.start
        if offset >= 0 and figure_end <= len(sentence):
            marked = format_html(
                "{}<mark>{}</mark>{}", sentence[:offset], sentence[offset:figure_end], sentence[figure_end:]
            )
        else:
            marked = format_html("{}", sentence)
        key = f"{current.definition.name}({current.key})" if current.definition else current.key or "未归类"
        return format_html(
            "<div>{}</div><div>当前:指标 {};数值 {}(数值 {},单位 {},类型 {},限定词 {}){}</div>",
            marked,
            key,
            value_text(current),
            format(current.value.normalize(), "f"),
            current.unit or "无",
            current.get_measure_display(),
            current.qualifier or "无",
            "(已含本校正)" if obj.pk is not None and current.correction_id == obj.pk else "",
        )

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


# --- Uploads: the add page of a batch is the upload form, its change page the batch page.


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; empty files pass, to be refused on their own item with a reason."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: object) -> None:
        super().__init__(allow_empty_file=True, **kwargs)

    def clean(self, data: object, initial: object = None) -> list:
        files = data if isinstance(data, list | tuple) else [data]
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in files if item]
        if not cleaned and self.required:
            raise forms.ValidationError("请选择要上传的文件。")
        return cleaned


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="文件",
        help_text="可多选;支持 TXT(UTF-8、GBK/GB18030、UTF-16)、HTML(含浏览器另存的“单个文件”MHT)、"
        "DOCX、DOC(Word 97-2003)、带文字层的 PDF,或这些文件的 ZIP 压缩包。",
    )
    agency_name = forms.CharField(
        label="机关名称",
        max_length=128,
        required=False,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text="留空则自动识别。请写全称,如“北京市朝阳区司法局”;同名地方可在括号里注明所在省市,"
        "如“朝阳区司法局(北京)”。",
    )
    region_code = forms.CharField(
        label="区划代码", max_length=6, required=False, help_text="6 位行政区划代码;留空则从正文识别。"
    )
    year = forms.IntegerField(label="报告年度", min_value=2000, required=False, validators=[reported_year])
    source_url = WebAddressField(
        label="来源网址",
        max_length=500,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "vURLField"}),
        help_text="报告所在的网页。名称里没有地名的机关(区司法局、某某镇人民政府)据政府网站的网址定出所属地区。",
    )
    published_on = forms.DateField(
        label="发布日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[no_later_than_today],
    )

    def clean(self) -> dict:
        data = super().clean()
        refuse_date_before_year(self, data)
        return data

    def clean_region_code(self) -> str:
        code = self.cleaned_data["region_code"].strip()
        if code and not Region.objects.filter(code=code).exists():
            raise forms.ValidationError(f"未知的行政区划代码 {code}。")
        return code

    def overrides(self) -> ReportOverrides:
        data = self.cleaned_data
        return ReportOverrides(
            year=data["year"],
            published_on=data["published_on"],
            source_url=data["source_url"],
            region_code=data["region_code"],
            agency_name=data["agency_name"].strip(),
        )


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "created_by", "created_at", "summary"]
    list_filter = ["kind"]
    list_select_related = ["created_by"]

    def get_urls(self) -> list[URLPattern]:
        retry = self.admin_site.admin_view(require_POST(self.retry_view))
        return [path("<int:batch_id>/retry/", retry, name="reports_importbatch_retry"), *super().get_urls()]

    def has_change_permission(self, request: HttpRequest, obj: ImportBatch | None = None) -> bool:
        return False  # a batch is a record of what happened; its items are retried, not edited

    @admin.display(description="结果")
    def summary(self, obj: ImportBatch) -> str:
        counts, _ = batch_progress(obj)
        return "、".join(f"{label} {counts[value]}" for value, label in PROGRESS_CHOICES if counts[value])

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            files = incoming_files(form.cleaned_data["files"])
            batch = create_batch(files, overrides=form.overrides(), created_by=request.user)
            # a file refused at once is no success: the message says so in the warning's colour
            refused_any = any(incoming.refusal for incoming in files)
            (messages.warning if refused_any else messages.success)(request, received_message(files))
            return HttpResponseRedirect(reverse("admin:reports_importbatch_change", args=[batch.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "上传报告文件",
            "opts": self.model._meta,
            "form": form,
            "max_mb": settings.REPORT_MAX_BYTES // (1024 * 1024),
            "upload_max_mb": settings.REPORT_UPLOAD_MAX_BYTES // (1024 * 1024),
        }
        return TemplateResponse(request, "admin/reports/importbatch/upload.html", context)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        batch = get_object_or_404(ImportBatch.objects.select_related("created_by"), pk=object_id)
        if not self.has_view_permission(request, batch):
            raise PermissionDenied
        items = list(batch.items.select_related("report", "duplicate_of").defer("data"))
        counts, abandoned = batch_progress(batch)
        # Items still queued or being parsed; an abandoned item waits for a retry, not the worker.
        unfinished = counts[ImportItem.Status.QUEUED] + counts[ImportItem.Status.PARSING]
        retryable = batch.items.retryable_failures().count() + len(abandoned)
        context = {
            **self.admin_site.each_context(request),
            "title": f"导入批次 #{batch.pk}",
            "opts": self.model._meta,
            "batch": batch,
            "items": items,
            "abandoned": abandoned,
            "counts": [(label, counts[value], value) for value, label in PROGRESS_CHOICES],
            "total": len(items),
            "finished": len(items) - unfinished - len(abandoned),
            "running": unfinished > 0,
            "retryable": retryable,
            "can_retry": self.has_add_permission(request),
            # Staff who may only upload follow a stored report on the public site.
            "can_view_reports": self.admin_site._registry[Report].has_view_permission(request),
            "idle_worker_seconds": idle_worker_seconds() if unfinished else None,
            "overrides": [
                (label, value)
                for label, value in (
                    ("机关名称", batch.agency_name),
                    ("区划代码", batch.region_code),
                    ("报告年度", batch.year),
                    ("来源网址", batch.source_url),
                    ("发布日期", batch.published_on),
                )
                if value
            ],
        }
        return TemplateResponse(request, "admin/reports/importbatch/batch.html", context)

    def retry_view(self, request: HttpRequest, batch_id: int) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        batch = get_object_or_404(ImportBatch, pk=batch_id)
        count = retry_items(batch.items.all())
        messages.success(request, f"已重新排队 {count} 个文件。")
        return HttpResponseRedirect(reverse("admin:reports_importbatch_change", args=[batch.pk]))


@admin.register(ImportItem)
class ImportItemAdmin(admin.ModelAdmin):
    list_display = [
        "filename",
        "batch_link",
        "status",
        "reason_shown",
        "report",
        "duplicate_of",
        "attempts",
        "finished_at",
    ]
    list_filter = ["status", "batch__kind"]
    search_fields = ["filename", "reason", "sha256"]
    list_select_related = ["batch", "report", "duplicate_of"]
    exclude = ["data"]
    actions = ["retry"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ImportItem]:
        return super().get_queryset(request).defer("data", "report__text", "duplicate_of__text")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ImportItem | None = None) -> bool:
        return False

    @admin.display(description="批次")
    def batch_link(self, obj: ImportItem) -> str:
        url = reverse("admin:reports_importbatch_change", args=[obj.batch_id])
        return format_html('<a href="{}">#{}</a>', url, obj.batch_id)

    @admin.display(description="说明", ordering="reason")
    def reason_shown(self, obj: ImportItem) -> str:
        return obj.reason_in_chinese  # as the batch page shows it; the logs keep the English

    @admin.action(description="重试所选的出错、冲突或中断文件", permissions=["view"])
    def retry(self, request: HttpRequest, queryset: QuerySet[ImportItem]) -> None:
        if not request.user.has_perm("reports.add_importbatch"):
            raise PermissionDenied
        count = retry_items(queryset)
        self.message_user(request, f"已重新排队 {count} 个文件。")


@admin.register(ReportCorrection)
class ReportCorrectionAdmin(AuditlogLinkAdminMixin, admin.ModelAdmin):
    """Read-only: corrections are made by editing the report; deleting one lets a re-parse decide again."""

    list_display = ["report", "field", "value", "corrected_by", "corrected_at"]
    list_select_related = ["report", "corrected_by"]
    search_fields = ["report__title", "field"]
    readonly_fields = ["report", "field", "value", "corrected_by", "corrected_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReportCorrection]:
        return super().get_queryset(request).defer("report__text")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ReportCorrection | None = None) -> bool:
        return False


# django-auditlog's list of log entries, with the two labels it writes as plain English in
# Chinese (the rest come from reportsite/locale).
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class AuditLogEntryAdmin(LogEntryAdmin):
    @admin.display(description="时间", ordering="timestamp")
    def created(self, obj: LogEntry) -> str:
        return date_format(localtime(obj.timestamp), "Y-m-d H:i:s")  # not to the microsecond

    @admin.display(description="改动")
    def msg_short(self, obj: LogEntry) -> str:
        if obj.action in (LogEntry.Action.DELETE, LogEntry.Action.ACCESS):
            return ""
        changes = obj.changes_dict
        fields = "、".join(_field_name(obj, name) for name in changes)
        return f"{len(changes)} 处改动:{fields[:60]}{'…' if len(fields) > 60 else ''}"

    @admin.display(description="关联编号")
    def cid_url(self, obj: LogEntry) -> str:
        return super().cid_url(obj)


def _field_name(entry: LogEntry, name: str) -> str:
    """A changed field by its Chinese name (机关, 年度), as the model's forms show it."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))


# django-tasks-db's admin of the worker's queue, with the labels it writes as plain English
# strings in Chinese (its fields' names and statuses come from reportsite/locale) and our
# tasks by what they do.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = ("task", "status", "enqueued_at", "started_at", "finished_at", "queue_name")

    @admin.display(description="任务", ordering="task_path")
    def task(self, obj: DBTaskResult) -> str:
        return TASK_NAMES.get(obj.task_path, obj.task_path)

    @admin.display(description="出错信息")
    def formatted_traceback(self, obj: DBTaskResult) -> str:
        return super().formatted_traceback(obj)

    @admin.display(description="最早执行时间")
    def display_run_after(self, obj: DBTaskResult) -> object:
        return super().display_run_after(obj)
