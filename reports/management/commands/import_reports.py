"""``manage.py import_reports PATH [PATH ...] [--sources FILE]``: import report files and folders
of them, with what a sources table says of each file (its web address, and where the page does
not name it, its agency and year) when one is given."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from reports.filters import YEAR_MIN
from reports.ingest import ImportOutcome, ImportStatus, ReportOverrides, import_report

REPORT_SUFFIXES = {".txt", ".html", ".htm", ".shtml", ".docx", ".doc", ".wps", ".pdf"}

STATUS_WORDS = {
    ImportStatus.CREATED: "imported",
    ImportStatus.NEW_VERSION: "imported as a new version",
    ImportStatus.UNCHANGED: "unchanged (already imported)",
    ImportStatus.DUPLICATE: "duplicate",
    ImportStatus.FAILED: "FAILED",
}


def collect_report_files(paths: list[str]) -> tuple[list[Path], list[Path]]:
    """Files named directly, plus report files found anywhere below named folders, in name order;
    and the other files found in those folders (left out, and said so)."""
    files: list[Path] = []
    skipped: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            files.extend(p for p in found if p.suffix.lower() in REPORT_SUFFIXES)
            skipped.extend(p for p in found if p.suffix.lower() not in REPORT_SUFFIXES)
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"No such file or folder: {raw}")
    return files, skipped


# The longest agency name a sources table may give (the upload form's limit).
AGENCY_NAME_MAX = 128


def read_sources(path: str) -> dict[str, ReportOverrides]:
    """File name → what the table states of it, from a tab- or comma-separated table with ``file``
    and ``url`` columns (the address a report was scraped from; it can place an agency whose name
    has no place) and optionally ``agency`` and ``year`` (as the upload form's fields: a filled
    cell wins over what detection finds, which pages that do not name them need; an empty one
    leaves it to detection). Raises ``CommandError`` for a table it cannot use, naming its bad
    rows, before any file is imported."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"Cannot read the sources table {path}: {exc}") from None
    dialect = "excel-tab" if "\t" in text.partition("\n")[0] else "excel"
    rows = csv.DictReader(text.splitlines(), dialect=dialect)
    if not {"file", "url"} <= set(rows.fieldnames or ()):
        raise CommandError(f"The sources table {path} needs a header with 'file' and 'url' columns")
    sources, bad = {}, []
    for row in rows:
        name = (row.get("file") or "").strip()
        if not name:
            continue
        url, agency, year = ((row.get(column) or "").strip() for column in ("url", "agency", "year"))
        if url and not _web_address(url):
            bad.append(f"{name}: {url} is no http(s) web address")
        if len(agency) > AGENCY_NAME_MAX:
            bad.append(f"{name}: the agency name is longer than {AGENCY_NAME_MAX} characters")
        reported = _reported_year(year)
        if year and reported is None:
            bad.append(f"{name}: year {year} is no year from {YEAR_MIN} to this one")
        sources[name] = ReportOverrides(source_url=url, agency_name=agency, year=reported)
    if bad:
        shown = "; ".join(bad[:5]) + (f"; and {len(bad) - 5} more" if len(bad) > 5 else "")
        raise CommandError(f"The sources table {path} has rows it cannot use: {shown}")
    return sources


def _reported_year(text: str) -> int | None:
    """The year ``text`` states if a report can cover it: from ``YEAR_MIN`` to this one (as the
    upload form), else None."""
    if text.isdigit() and YEAR_MIN <= int(text) <= timezone.localdate().year:
        return int(text)
    return None


def _web_address(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


class Command(BaseCommand):
    help = "Import annual rule-of-law reports from .txt/.html/.docx/.doc/.pdf files or folders of them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="report files or folders")
        parser.add_argument(
            "--json", action="store_true", help="print a machine-readable summary on standard output"
        )
        parser.add_argument(
            "--sources",
            metavar="FILE",
            help="table (TSV or CSV) of file names and the web addresses they came from: columns file, url, "
            "and optionally agency and year for pages that do not name them",
        )

    def handle(self, *args: object, **options: object) -> None:
        files, skipped = collect_report_files(options["paths"])  # type: ignore[arg-type]
        sources = read_sources(options["sources"]) if options["sources"] else {}  # type: ignore[arg-type]
        as_json = bool(options["json"])
        # With --json, standard output carries only the summary; progress goes to standard error.
        progress = self.stderr if as_json else self.stdout
        if skipped:
            kinds = "、".join(sorted({p.suffix.lower() or "(no extension)" for p in skipped}))
            progress.write(
                f"Skipped {len(skipped)} files in the folders that are no report format ({kinds}; "
                f"reports are {', '.join(sorted(REPORT_SUFFIXES))}; save other documents as .docx or .pdf): "
                + ", ".join(str(p) for p in skipped[:10])
                + (" …" if len(skipped) > 10 else "")
            )
        outcomes: list[ImportOutcome] = []
        for index, path in enumerate(files, start=1):
            overrides = sources.get(path.name, ReportOverrides())
            outcome = import_report(path.read_bytes(), filename=path.name, overrides=overrides)
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
