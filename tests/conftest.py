"""Test-wide set-up: a throwaway PostgreSQL cluster unless DATABASE_URL names a server."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from reports import library_cache

SAMPLES = Path(__file__).parent / "samples"


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("DATABASE_URL"):
        return
    from django.conf import settings

    from reportsite import localdb

    root = Path(tempfile.mkdtemp(prefix="reportsite-test-pg-"))
    cluster = localdb.ensure_running(root, throwaway=True)
    # Settings are loaded but no connection exists yet: point the default alias at the cluster.
    settings.DATABASES["default"].update(cluster.connection_settings())
    config.stash[_cluster_key] = root


def pytest_unconfigure(config: pytest.Config) -> None:
    root = config.stash.get(_cluster_key, None)
    if root is not None:
        from reportsite import localdb

        localdb.stop(root)
        shutil.rmtree(root, ignore_errors=True)


_cluster_key = pytest.StashKey[Path]()


@pytest.fixture
def sample_path():
    """Path of a real report file kept in tests/samples/."""

    def _path(name: str) -> Path:
        return SAMPLES / name

    return _path


@pytest.fixture
def qijiang():
    """綦江区's 2021 report (seed 004) imported with its figures (新入库科技型企业587家 is unmapped)."""
    from reports.ingest import import_report
    from reports.models import Report

    path = SAMPLES / "004_78ed85b0c485cc82.txt"
    return Report.objects.get(pk=import_report(path.read_bytes(), filename=path.name).report_id)


@pytest.fixture(autouse=True)
def _nothing_kept():
    """Each test starts with nothing kept: library-wide counts are kept per process."""
    library_cache.forget()
