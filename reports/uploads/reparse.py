"""Parse a stored report's file again, in place, keeping what staff corrected by hand.

A re-parse runs the importer's parsing (``parse_report_file``) on the report's ``SourceFile``
bytes with the overrides of the upload that brought it in, then replaces the report's text,
detected metadata, sections, indicator values and search rows. The report keeps its id, so its
links, versions and indicator corrections stay attached. Fields staff set by hand
(``ReportCorrection``: title, year, dates, agency, section labels) are applied again on top,
so a re-parse never undoes a review.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from auditlog.context import disable_auditlog
from django.db import IntegrityError, transaction

from reports.indicators.store import extract_and_store, follow_corrections
from reports.ingest import RejectedFile, ReportOverrides
from reports.ingest.completeness import text_is_cut
from reports.ingest.pipeline import (
    ParsedReport,
    agency_as_read,
    fingerprint_text,
    parse_report_file,
    store_sections,
)
from reports.models import (
    Agency,
    ImportBatch,
    ImportItem,
    IndicatorValue,
    Region,
    Report,
    ReportCorrection,
    ReportQuerySet,
    Section,
)
from reports.reading_rules import reading_rules_version
from reports.search import index_reports
from reports.versions import other_versions

from .intake import overrides_of


def reparse_report(report: Report) -> Report:
    """Re-run parsing on ``report``'s stored file; raises ``RejectedFile`` when that cannot be done.

    A refusal still records that these rules read the file (``Report.read_with``; the stored
    reading stays), so ``stale_reports`` offers it again only once the rules change: callers
    keep the transaction they catch the refusal in. Its stored text is extracted again, so its
    figures follow these rules as every other report's do (a refused report kept goals as levels).
    """
    try:
        return _reparse(report)
    except RejectedFile:
        Report.objects.filter(pk=report.pk).update(read_with=reading_rules_version())
        extract_and_store(report)
        raise


def read_by_older_rules() -> ReportQuerySet:
    """Current reports an older version of the reading rules read; synthetic reports were
    generated, not read, and are left out."""
    return Report.objects.current().filter(is_synthetic=False).exclude(read_with=reading_rules_version())


def stale_reports() -> ReportQuerySet:
    """``read_by_older_rules`` not already queued to be read again."""
    queued = ImportItem.objects.unfinished().filter(batch__kind=ImportBatch.Kind.REPARSE)
    return read_by_older_rules().exclude(pk__in=queued.values("report_id"))


def _reparse(report: Report) -> Report:
    source = report.source_file
    # The address stored with the report places an agency whose name holds no place.
    overrides = upload_overrides(report)
    overrides = replace(overrides, source_url=overrides.source_url or report.source_url)
    try:
        parsed = parse_report_file(bytes(source.data), filename=source.name, overrides=overrides)
    except RejectedFile:
        as_filed = _as_filed(report, overrides)
        if as_filed == overrides:
            raise
        # Nothing stated is kept (imported before Report.stated, or nothing was stated): a text
        # in which the rules find no year or no placed agency is read as the report is filed,
        # not refused at every re-parse, telling staff to state them at an upload there is not.
        parsed = parse_report_file(bytes(source.data), filename=source.name, overrides=as_filed)
    text_sha256 = fingerprint_text(parsed.page.text)
    twin = Report.objects.filter(text_sha256=text_sha256).exclude(pk=report.pk).first()
    if twin is not None:
        raise RejectedFile(
            f"重新解析后与报告 #{twin.pk}《{twin.title}》正文相同,未修改 (would duplicate)",
            code="would_duplicate",
        )
    try:
        with transaction.atomic():
            return _replace(report.pk, parsed, text_sha256=text_sha256)
    except IntegrityError:
        current = (
            Report.objects.current()
            .filter(agency__name=parsed.agency_name, year=parsed.facts.year)
            .exclude(pk=report.pk)
            .first()
        )
        which = f" #{current.pk}《{current.title}》" if current else ""
        raise RejectedFile(
            f"重新解析后它属于{parsed.agency_name}{parsed.facts.year}年,而这一年已有现行报告{which},未修改:"
            "若两份是同一报告(如一份是转载),请删除多余的一份;若不是,请在管理后台核对它们的机关与年度"
            " (conflicts with the current version)",
            code="conflicts_with_current",
        ) from None


def _as_filed(report: Report, overrides: ReportOverrides) -> ReportOverrides:
    """``overrides`` with the agency, its place and the year the report is filed under where
    nothing was stated; unchanged for a report whose import kept what was stated."""
    if report.stated:
        return overrides
    agency = report.agency
    return replace(
        overrides,
        agency_name=overrides.agency_name or agency.name,
        region_code=overrides.region_code or (agency.region.code if agency.region_id else ""),
        year=overrides.year or report.year,
    )


def upload_overrides(report: Report) -> ReportOverrides:
    """What was stated when the report was imported: kept with it, or for a report stored before
    it kept them, its upload batch's (none for such a report from the command line)."""
    if report.stated:
        return ReportOverrides.from_stated(report.stated)
    item = (
        ImportItem.objects.filter(report=report, batch__kind=ImportBatch.Kind.UPLOAD)
        .select_related("batch")
        .order_by("-pk")
        .first()
    )
    return overrides_of(item.batch) if item is not None else ReportOverrides()


def apply_report_corrections(report: Report) -> None:
    """Set the report fields staff corrected (unsaved); sections are done by ``apply_section_corrections``."""
    for correction in report.corrections.all():
        if correction.field == "agency":
            report.agency_id = correction.value
        elif correction.field in ("published_on", "signed_on"):
            setattr(
                report, correction.field, date.fromisoformat(correction.value) if correction.value else None
            )
            if correction.field == "published_on":
                report.published_on_inferred = False  # staff gave it
        elif correction.field in ReportCorrection.REPORT_FIELDS:
            setattr(report, correction.field, correction.value)
            if correction.field == "title":
                report.title_made = False  # staff wrote it


def apply_section_corrections(report: Report) -> None:
    """Relabel sections (matched by path) as staff relabelled them."""
    for correction in report.corrections.filter(field__startswith="section:"):
        _, path, attribute = correction.field.split(":")
        Section.objects.filter(report=report, path=path).update(**{attribute: correction.value or ""})


def _agency_of(parsed: ParsedReport, filed_under: Agency) -> Agency:
    """The agency the re-parsed report names. A name the parse cannot place stays with the placed
    agency the report is filed under when that one's name ends with it: staff placed it in the
    admin (城关镇人民政府 → 十堰市竹溪县城关镇人民政府), and a re-parse must not undo that."""
    if parsed.place is None and filed_under.region_id and filed_under.name.endswith(parsed.agency_name):
        return filed_under
    region = Region.objects.get(code=parsed.place.code) if parsed.place else None
    return agency_as_read(parsed.agency_name, region, parsed)


def _replace(report_id: int, parsed: ParsedReport, *, text_sha256: str) -> Report:
    report = Report.objects.select_for_update().select_related("agency").get(pk=report_id)
    filed_under, year_before, old_text = report.agency, report.year, report.text
    page, facts = parsed.page, parsed.facts
    read_as = _agency_of(parsed, filed_under)
    report.agency = read_as
    report.year = facts.year
    report.title = facts.title[:255]
    report.title_made = facts.title_made
    report.published_on = facts.published_on
    report.published_on_inferred = facts.published_on_inferred
    report.signed_on = facts.signed_on
    report.publisher = (page.publisher or "")[:128]
    report.index_number = (page.index_number or "")[:64]
    report.source_url = parsed.source_url[:500]
    report.text = page.text
    report.text_cut = text_is_cut(page.text)
    report.text_sha256 = text_sha256
    report.region_note = parsed.region_note[:255]
    report.read_with = reading_rules_version()
    apply_report_corrections(report)
    report.save()
    # The figures staff corrected, where the new text has them; one it cannot find keeps the
    # stored reading rather than correct another figure (the transaction is rolled back).
    if lost := follow_corrections(report, old_text):
        figures = "、".join(f"#{c.pk}“{old_text[c.start : c.end]}”" for c in lost)
        raise RejectedFile(
            f"重新解析后的正文中找不到这些指标校正所指的数字:{figures};未修改。"
            "请在管理后台(指标校正)处理后再重新解析 (staff corrections would be lost)",
            code="corrections_not_found",
        )
    if (report.agency_id, report.year) != (filed_under.pk, year_before):
        # Its earlier versions are the same report's: they move with it (人社局 written in full).
        versions = [version.pk for version in other_versions(report)]
        Report.objects.filter(pk__in=versions).update(agency=report.agency, year=report.year)
    # The agency it left, or one the rules read that a staff correction overrode, may be empty.
    Agency.objects.filter(pk__in={filed_under.pk, read_as.pk} - {report.agency_id}).without_reports().delete()

    # Sections are replaced wholesale; the audit log records the report's change, not a deletion
    # and re-creation of every section.
    with disable_auditlog():
        IndicatorValue.objects.filter(report=report).delete()
        Section.objects.filter(report=report).delete()
        store_sections(report, parsed.sections)
        apply_section_corrections(report)
    extract_and_store(report, sections=list(report.sections.order_by("position")))
    index_reports([report.pk])
    return report
