"""The project's own PostgreSQL cluster: created once, reused, and refused clearly without binaries."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import psycopg
import pytest

from reportsite import localdb


@pytest.fixture
def cluster_root():
    """A folder the unprivileged server user can reach (pytest's tmp_path is private to root)."""
    parent = Path(tempfile.mkdtemp(prefix="reportsite-localdb-test-"))
    parent.chmod(0o755)
    yield parent / "pg"
    localdb.stop(parent / "pg")
    shutil.rmtree(parent, ignore_errors=True)


def test_cluster_starts_and_a_second_start_reuses_it(cluster_root):
    cluster = localdb.ensure_running(cluster_root, throwaway=True)
    pid_before = (cluster.data_dir / "postmaster.pid").read_text().split()[0]

    again = localdb.ensure_running(cluster_root, throwaway=True)

    assert (again.data_dir / "postmaster.pid").read_text().split()[0] == pid_before
    with psycopg.connect(host=str(again.root), user="postgres", dbname=localdb.DATABASE_NAME) as conn:
        assert conn.execute("SELECT current_setting('server_encoding')").fetchone() == ("UTF8",)


def test_data_survives_a_restart(cluster_root):
    cluster = localdb.ensure_running(cluster_root)
    dsn = {"host": str(cluster.root), "user": "postgres", "dbname": localdb.DATABASE_NAME}
    with psycopg.connect(**dsn) as conn:
        conn.execute("CREATE TABLE kept (word text)")
        conn.execute("INSERT INTO kept VALUES ('法治')")
    localdb.stop(cluster_root)

    localdb.ensure_running(cluster_root)

    with psycopg.connect(**dsn) as conn:
        assert conn.execute("SELECT word FROM kept").fetchone() == ("法治",)


def test_missing_server_binaries_give_install_advice(tmp_path, monkeypatch):
    monkeypatch.setattr(localdb, "find_server_bindir", lambda: None)
    with pytest.raises(localdb.LocalDatabaseError, match="DATABASE_URL"):
        localdb.ensure_running(tmp_path / "pg")


@pytest.mark.parametrize(("memory_gb", "expected_mb"), [(0.25, 128), (2, 512), (8, 2048), (64, 4096)])
def test_shared_buffers_take_a_quarter_of_memory_within_bounds(monkeypatch, memory_gb, expected_mb):
    pages = int(memory_gb * 2**30) // 4096
    monkeypatch.setattr(localdb.os, "sysconf", lambda name: 4096 if name == "SC_PAGE_SIZE" else pages)
    assert localdb.shared_buffers_mb() == expected_mb
