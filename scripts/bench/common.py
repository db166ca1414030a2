"""Constants, database set-up, logging and timing shared by every benchmark stage."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")

DEFAULT_DATABASE = "reportsite_bench"
# Targets at 100k reports on this 2-core machine (issue 3: search; issue 6: pages).
TARGET_P95_MS = 100.0
# Rows of the pages table that are downloads, not pages: timed to their last byte, no target.
DOWNLOADS = frozenset({"values CSV, one key"})
TARGET_SPEEDUP = 100.0
TARGET_BUILD_MINUTES = 30.0
TARGET_BYTES_PER_CHAR = 8.0

CLASSES = ("rare", "medium", "common", "and", "phrase", "filtered")
CLASS_NAMES = {
    "rare": "rare term",
    "medium": "medium term",
    "common": "very common term",
    "and": "two-term AND",
    "phrase": "phrase",
    "filtered": "filtered (province+year)",
}
# Document-frequency bands (share of sampled sections containing the term) per class.
RARE_MAX_DF = 0.002
MEDIUM_DF = (0.01, 0.12)
COMMON_MIN_DF = 0.5
GENERAL_WORDS = (
    "工作",
    "法治",
    "依法",
    "建设",
    "推进",
    "加强",
    "政府",
    "行政",
    "制度",
    "开展",
    "服务",
    "管理",
)


# -- set-up -------------------------------------------------------------------------------------


def setup_django(database: str, allow_any: bool) -> tuple[str, Path | None]:
    """Point Django at the benchmark database (created if missing).

    Returns its name and, for the project's own cluster, the socket folder.
    """
    import django
    from django.conf import settings

    socket: Path | None = None
    if os.environ.get("DATABASE_URL"):
        name = settings.DATABASES["default"]["NAME"]
    else:
        from reportsite import localdb

        cluster = localdb.ensure_running(settings.LOCAL_DATABASE_DIR)
        _create_database(cluster.root, database)
        settings.DATABASES["default"].update(cluster.connection_settings())
        settings.DATABASES["default"]["NAME"] = database
        name, socket = database, cluster.root
    if "bench" not in name and not allow_any:
        sys.exit(f"error: refusing to use database {name!r}: its name must contain 'bench'")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    django.setup()
    # With DEBUG every connection keeps the text of its last 9,000 queries: at 100k reports the
    # bulk inserts made that 14 GB, and formatting each logged query would be timed too.
    settings.DEBUG = False
    return name, socket


def _create_database(socket_dir: Path, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=str(socket_dir), user="postgres", dbname="postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _recreate_database(socket_dir: Path, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=str(socket_dir), user="postgres", dbname="postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Timing:
    samples_ms: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float | None:
        return statistics.median(self.samples_ms) if self.samples_ms else None

    @property
    def p95(self) -> float | None:
        if not self.samples_ms:
            return None
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    def summary(self) -> dict[str, float | int | None]:
        return {"p50_ms": self.p50, "p95_ms": self.p95, "samples": len(self.samples_ms)}


def timed(function: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = function()
    return (time.perf_counter() - started) * 1000, value


def cpu_reference_ms() -> float:
    """Milliseconds for a fixed pure-Python loop (best of three), printed beside the timings.

    Virtual machines of the same kind differ in speed, so figures from two runs compare only
    beside it (~0.35 s on the machine of 2026-12-02).
    """

    def loop() -> None:
        total = 0
        for number in range(5_000_000):
            total += number

    return round(min(timed(loop)[0] for _ in range(3)), 1)
