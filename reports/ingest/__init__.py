"""Turning report files into stored reports: the one entry point is ``import_report``."""

from .errors import RejectedFile
from .pipeline import ImportOutcome, ImportStatus, ReportOverrides, import_report, parse_report_file

__all__ = [
    "ImportOutcome",
    "ImportStatus",
    "RejectedFile",
    "ReportOverrides",
    "import_report",
    "parse_report_file",
]
