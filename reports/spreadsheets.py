"""The CSV exports as a spreadsheet will open them: the file, and its text cells.

The file is UTF-8 with a byte-order mark, which Excel needs to read Chinese. Excel and its like
run a cell that starts with = + - or @ as a formula: a change of +29次(+414.3%) opened as #NAME?,
and a report title starting with = would be run. Such a cell gets an apostrophe in front; the
numbers of the exports are written as numbers and left alone.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """Text a spreadsheet will not run as a formula (a leading = + - @ gets an apostrophe)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_download(
    rows: Iterable[Sequence[object]], filename: str, *, streamed: bool = False
) -> HttpResponse | StreamingHttpResponse:
    """``rows`` as a CSV file to save as ``filename``; ``streamed``, written row by row as the
    client reads (an export of any length in little memory)."""
    lines = _csv_lines(rows)
    response = (
        StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        if streamed
        else HttpResponse("".join(lines), content_type="text/csv; charset=utf-8")
    )
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


class _Line:
    """Where ``csv.writer`` writes a row: the row's line comes back."""

    def write(self, line: str) -> str:
        return line


def _csv_lines(rows: Iterable[Sequence[object]]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow(row)
