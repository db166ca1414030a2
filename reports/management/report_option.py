"""The ``--report ID`` option of the commands that work report by report (extract_indicators,
reparse_reports): declared once, and unknown ids refused the same way."""

from __future__ import annotations

from django.core.management.base import CommandError, CommandParser

from reports.models import Report


def add_report_option(parser: CommandParser, *, what: str = "only this report") -> None:
    parser.add_argument(
        "--report",
        type=int,
        action="append",
        dest="report_ids",
        metavar="ID",
        help=f"{what}; repeat for several: --report 3 --report 7",
    )


def requested_report_ids(requested: list[int]) -> list[int]:
    """The given report ids in order, or ``CommandError`` naming those that do not exist."""
    ids = sorted(set(Report.objects.filter(pk__in=requested).values_list("pk", flat=True)))
    unknown = sorted(set(requested) - set(ids))
    if unknown:
        raise CommandError(f"no such report: {', '.join(map(str, unknown))}")
    return ids
