"""A report's versions: one chain per agency and year, kept whole when staff delete or correct one.

The importer links a re-published report to the one it replaces (``superseded_by``; only the
newest is current). Staff work on single reports in the admin, so two things must keep the
chain true: a version's agency or year cannot change alone (the others would stay filed under
the old ones), and deleting a version hands its place in the chain to the version before it,
which becomes current again when the deleted one was.
"""

from __future__ import annotations

from django.db import transaction

from reports.models import Agency, Report
from reports.search import index_reports


def other_versions(report: Report) -> list[Report]:
    """The other versions of ``report``'s chain, oldest first (empty for a report without any)."""
    if report.pk is None:
        return []
    chain: dict[int, Report] = {}
    pending = [report]
    while pending:
        current = pending.pop()
        # Numbers and dates only: the chain's texts are not needed to walk it.
        rows = Report.objects.only("pk", "superseded_by", "imported_at")
        linked = list(rows.filter(superseded_by=current))
        if current.superseded_by_id is not None:
            linked.append(rows.get(pk=current.superseded_by_id))
        for version in linked:
            if version.pk != report.pk and version.pk not in chain:
                chain[version.pk] = version
                pending.append(version)
    return sorted(chain.values(), key=lambda version: (version.imported_at, version.pk))


def chain_change_problem(
    report: Report, *, agency: Agency | None, year: int | None, is_current: bool
) -> str | None:
    """Why ``report`` may not be filed under ``agency`` and ``year``, or made (non-)current,
    alone; None when it may."""
    same_agency = agency is None or agency.pk == report.agency_id
    unchanged = same_agency and year == report.year and is_current == report.is_current
    if report.pk is None or unchanged:
        return None
    versions = other_versions(report)
    if not versions:
        return None
    numbers = "、".join(f"#{version.pk}" for version in versions)
    if (
        is_current != report.is_current
        and same_agency
        and year == report.year
        and report.superseded_by_id is None
    ):
        # The newest version withdrawn (for a rewrite the next import links as its new version)
        # or put back: no older version becomes current by hand.
        return None
    if is_current != report.is_current:
        return (
            f"这份报告与 {numbers} 是同一报告的不同版本,哪一版现行由导入决定,不能单独修改:"
            "要让前一版重新现行,请删除较新的版本。"
        )
    return (
        f"这份报告与 {numbers} 是同一报告的不同版本,机关和年度须与它们一致,不能单独修改。"
        "若它其实是另一机关或另一年度的报告(被误认成了新版本),请删除它(前一个版本会恢复为现行)"
        "后重新上传,并在上传时填写机关与年度。"
    )


@transaction.atomic
def delete_report(report: Report) -> None:
    """Delete ``report``; the version it replaced takes its place in the chain (current again if
    ``report`` was), and an agency left without reports goes too."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    previous = Report.objects.filter(superseded_by=report).order_by("-imported_at", "-pk").first()
    Report.objects.filter(superseded_by=report).update(superseded_by=report.superseded_by)
    was_current = report.is_current
    report.delete()
    if previous is not None and was_current:
        previous.refresh_from_db()
        previous.is_current = True
        previous.superseded_by = None
        previous.save(update_fields=["is_current", "superseded_by"])
        index_reports([previous.pk])  # searchable again as the current version
    Agency.objects.filter(pk=report.agency_id).without_reports().delete()
