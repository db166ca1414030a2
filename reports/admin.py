"""Staff views of the library. Uploads come with their own issue; this covers reading and fixing rows."""

from __future__ import annotations

from django.contrib import admin

from .models import Agency, Region, Report, Section, SourceFile


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
    readonly_fields = ["text_sha256", "imported_at"]
    inlines = [SectionInline]


@admin.register(SourceFile)
class SourceFileAdmin(admin.ModelAdmin):
    list_display = ["name", "size", "sha256", "received_at"]
    search_fields = ["name", "sha256"]
    exclude = ["data"]
    readonly_fields = ["name", "size", "sha256", "received_at"]
