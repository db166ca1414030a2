"""The CSV exports as a spreadsheet will open them: the file, and its text cells.

The file is UTF-8 with a byte-order mark, which Excel needs to read Chinese. Excel and its like
run a cell that starts with = + - or @ as a formula: a change of +29次(+414.3%) opened as #NAME?,
and a report title starting with = would be run. Such a cell gets an apostrophe in front; the
numbers of the exports are written as numbers and left alone.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """Text a spreadsheet will not run as a formula (a leading = + - @ gets an apostrophe)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# Characters a file name may not hold on Windows or macOS (and the separators of paths).
_UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def download_name(*words: object) -> str:
    """A CSV's file name from what it holds (北京市县级人民政府-2024年度-指标比较.csv): two
    tables of different places or years no longer download under one name (year-2024.csv)."""
    name = "-".join(str(word) for word in words if word not in (None, ""))
    name = _UNSAFE_IN_FILENAME.sub("-", name).strip(" .-")
    return f"{name[:100] or '导出'}.csv"


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
