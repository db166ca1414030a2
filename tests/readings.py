"""What a report file reads as, for tests that compare one report in two formats."""

from __future__ import annotations

from reports.indicators import extract_indicators
from reports.ingest.pipeline import ParsedReport


def parts(parsed: ParsedReport) -> list[tuple[str, str, str]]:
    """Each section's path, label and heading."""
    return [(section.path, section.label, section.heading) for section in parsed.sections]


def figures(parsed: ParsedReport) -> list[tuple[str, str, str | None]]:
    """Each figure the extraction finds, with its unit and catalogue key, in text order."""
    return [
        (value.figure, value.unit, value.key)
        for value in extract_indicators(parsed.page.text, parsed.sections)
    ]


def assert_read_alike(parsed: ParsedReport, as_text: ParsedReport) -> None:
    """The same parts, headings and figures (the texts may differ in spaces a PDF closed)."""
    assert parts(parsed) == parts(as_text)
    assert figures(parsed) == figures(as_text)
