"""``manage.py import_reports PATH [PATH ...]``: import report files and folders of them."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.ingest import ImportOutcome, ImportStatus, import_report

REPORT_SUFFIXES = {".txt", ".html", ".htm", ".shtml", ".docx", ".pdf"}

STATUS_WORDS = {
    ImportStatus.CREATED: "imported",
    ImportStatus.NEW_VERSION: "imported as a new version",
    ImportStatus.UNCHANGED: "unchanged (already imported)",
    ImportStatus.DUPLICATE: "duplicate",
    ImportStatus.FAILED: "FAILED",
}


def collect_report_files(paths: list[str]) -> list[Path]:
    """Files named directly, plus report files found anywhere below named folders, in name order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
            )
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"No such file or folder: {raw}")
    return files


class Command(BaseCommand):
    help = "Import annual rule-of-law reports from .txt/.html/.docx/.pdf files or folders of them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="report files or folders")
        parser.add_argument(
            "--json", action="store_true", help="print a machine-readable summary on standard output"
        )

    def handle(self, *args: object, **options: object) -> None:
        files = collect_report_files(options["paths"])  # type: ignore[arg-type]
        as_json = bool(options["json"])
        # With --json, standard output carries only the summary; progress goes to standard error.
        progress = self.stderr if as_json else self.stdout
        outcomes: list[ImportOutcome] = []
        for index, path in enumerate(files, start=1):
            outcome = import_report(path.read_bytes(), filename=path.name)
            outcomes.append(outcome)
            progress.write(f"[{index}/{len(files)}] {path}: {_describe(outcome)}")

        failed = [outcome for outcome in outcomes if outcome.failed]
        counts = {str(status): sum(o.status is status for o in outcomes) for status in ImportStatus}
        if as_json:
            self.stdout.write(
                json.dumps({"counts": counts, "files": [o.as_dict() for o in outcomes]}, ensure_ascii=False)
            )
        else:
            summary = ", ".join(f"{count} {status}" for status, count in counts.items() if count)
            self.stdout.write(f"{len(files)} files: {summary or 'nothing to do'}")
        if failed:
            raise CommandError(f"{len(failed)} of {len(files)} files failed")


def _describe(outcome: ImportOutcome) -> str:
    words = STATUS_WORDS[outcome.status]
    if outcome.report_id is not None:
        words += f" -> report #{outcome.report_id}"
    if outcome.reason:
        words += f" ({outcome.reason})"
    return words
