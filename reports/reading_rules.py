"""Which version of the reading rules a stored report was read with.

A report's agency, place, year, title, sections and indicator values are what the code under
``reports/ingest``, ``reports/regions`` and ``reports/indicators`` (with its catalogue file), the
character tables and the vendored division tables in ``reports/data`` made of its file.
``reading_rules_version()`` fingerprints that code and data; every report records the
fingerprint it was read with (``Report.read_with``), and ``manage.py reparse_reports --stale``
(run by ``bin/run`` at every start) reads again the reports an older version read, so a library
kept across upgrades does not keep old readings beside new ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

APP_DIR = Path(__file__).resolve().parent
RULE_SOURCES = ("ingest", "regions", "indicators", "data", "hanzi.py")
# Documentation beside the code does not change a reading.
RULE_FILE_SUFFIXES = frozenset({".py", ".toml", ".csv", ".txt", ".json"})


@cache
def reading_rules_version() -> str:
    """The fingerprint of the reading rules this process runs (16 hex digits)."""
    return rules_fingerprint(APP_DIR, RULE_SOURCES)


def rules_fingerprint(root: Path, sources: Iterable[str]) -> str:
    """Hash of the names and contents of the rule files in ``sources`` (files or folders under ``root``)."""
    files: list[Path] = []
    for source in sources:
        path = root / source
        candidates = path.rglob("*") if path.is_dir() else [path]
        files.extend(
            file
            for file in candidates
            if file.is_file() and file.suffix in RULE_FILE_SUFFIXES and "__pycache__" not in file.parts
        )
    digest = hashlib.sha256()
    for file in sorted(files, key=lambda file: file.relative_to(root).as_posix()):
        digest.update(file.relative_to(root).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
