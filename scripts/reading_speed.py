#!/usr/bin/env python
"""How fast a report file of each format is read (``parse_report_file``: text, page, facts and
sections; no database), and the peak memory Python traces meanwhile.

    .venv/bin/python scripts/reading_speed.py [--repeat 5]

Files: the samples in ``tests/samples`` (a seed as text, a government page in HTML, seeds printed
to PDF by LibreOffice, seeds saved as Word 97 .doc, one with its headings as list paragraphs), a
Word file written from a seed, and a long synthetic PDF made from seed lines (labelled as such).
PDFium's own memory is not traced (it is C), only Python's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT / "tests" / "samples"


def files() -> list[tuple[str, str, bytes]]:
    """(what the file is, its name, its bytes)."""
    from tests.upload_samples import docx_bytes, pdf_bytes

    seed = (SAMPLES / "003_dc28648a02efcf17.txt").read_text(encoding="utf-8")
    wrapped = [line[i : i + 30] for line in seed.splitlines() for i in range(0, max(len(line), 1), 30)]
    samples = [
        ("seed 003, text", "003_dc28648a02efcf17.txt"),
        ("a government page, HTML", "report_page.html"),
        ("seed 000 printed by LibreOffice, PDF", "000_0bf6173844fdf9f5_libreoffice.pdf"),
        ("seed 002 printed by LibreOffice, PDF", "002_93b0a848b4e38b69_libreoffice.pdf"),
        ("seed 004 as Word 97, .doc", "004_78ed85b0c485cc82_word97.doc"),
        ("seed 003 as Word 97 with list numbers, .doc", "003_dc28648a02efcf17_word97_list_numbers.doc"),
    ]
    return [
        *((what, name, (SAMPLES / name).read_bytes()) for what, name in samples),
        ("seed 003 written by python-docx, DOCX", "003.docx", docx_bytes(seed.splitlines())),
        ("synthetic: seed 003 lines x30, PDF", "synthetic.pdf", pdf_bytes(wrapped * 30, lines_per_page=40)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed reads of each file")
    args = parser.parse_args()
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")
    import django

    django.setup()
    from reports.ingest import parse_report_file

    print(f"{'file':40} {'KB':>6} {'p50 ms':>8} {'max ms':>8} {'peak MB':>8}")
    for what, filename, data in files():
        parse_report_file(data, filename=filename)  # warm: imports, tables, PDFium
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            parse_report_file(data, filename=filename)
            times.append((time.perf_counter() - started) * 1000)
        tracemalloc.start()
        parse_report_file(data, filename=filename)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        median, slowest = statistics.median(times), max(times)
        print(f"{what:40} {len(data) // 1024:6d} {median:8.0f} {slowest:8.0f} {peak:8.1f}")


if __name__ == "__main__":
    main()
