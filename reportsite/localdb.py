"""Start and reuse a private PostgreSQL cluster under the project's ``var/`` folder.

Used when ``DATABASE_URL`` is not set: development gets a persistent cluster in
``var/postgres``, the test suite a throwaway one in a temporary folder. The server
listens only on a unix socket inside the cluster folder, so nothing else on the
machine can reach it and no port can clash. PostgreSQL refuses to run as root, so
when we are root the server runs as the unprivileged ``postgres`` system user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SERVER_USER = "postgres"
DATABASE_NAME = "reportsite"

INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl) were not found.\n"
    "Install them, e.g. `apt-get install postgresql` on Debian/Ubuntu or "
    "`brew install postgresql` on macOS,\n"
    "or set DATABASE_URL=postgres://user:password@host:5432/reportsite to use an existing server."
)


class LocalDatabaseError(RuntimeError):
    """The local cluster could not be found, created or started."""


@dataclass(frozen=True)
class LocalCluster:
    """A cluster folder: ``data/`` holds the files, the folder itself holds the socket."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    def connection_settings(self) -> dict[str, str]:
        """Django ``DATABASES`` entries (without ENGINE/NAME) for this cluster."""
        return {"HOST": str(self.root), "PORT": "", "USER": SERVER_USER, "PASSWORD": ""}


def find_server_bindir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``: PATH, ``pg_config``, then Debian's layout."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        bindir = Path(result.stdout.strip())
        if result.returncode == 0 and (bindir / "pg_ctl").exists():
            return bindir
    # Newest major version first.
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    for candidate in candidates:
        if (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", SERVER_USER, "--", *command]


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_as_server_user(command), capture_output=True, text=True)


def _hand_to_server_user(path: Path) -> None:
    if os.geteuid() != 0:
        return
    try:
        account = pwd.getpwnam(SERVER_USER)
    except KeyError as exc:
        raise LocalDatabaseError(
            f"Running as root needs a '{SERVER_USER}' system user to run PostgreSQL "
            f"(create it with `useradd --system {SERVER_USER}`) or set DATABASE_URL."
        ) from exc
    os.chown(path, account.pw_uid, account.pw_gid)


def is_running(cluster: LocalCluster, bindir: Path) -> bool:
    if not (cluster.data_dir / "postmaster.pid").exists():
        return False
    return _run([str(bindir / "pg_ctl"), "-D", str(cluster.data_dir), "status"]).returncode == 0


def ensure_running(root: Path, *, throwaway: bool = False) -> LocalCluster:
    """Create the cluster at ``root`` if needed, start it unless it runs, create the database.

    A second call finds the running server and returns at once. ``throwaway`` trades
    durability for speed (no fsync), for test clusters only.
    """
    bindir = find_server_bindir()
    if bindir is None:
        raise LocalDatabaseError(INSTALL_HINT)
    cluster = LocalCluster(root.resolve())
    cluster.root.mkdir(parents=True, exist_ok=True)
    _hand_to_server_user(cluster.root)

    if not (cluster.data_dir / "PG_VERSION").exists():
        # C.UTF-8 keeps character classes right for Chinese (pg_trgm, lower()).
        result = _run(
            [
                str(bindir / "initdb"),
                "-D", str(cluster.data_dir),
                "-U", SERVER_USER,
                "-A", "trust",
                "-E", "UTF8",
                "--locale=C.UTF-8",
            ]
        )  # fmt: skip
        if result.returncode != 0:
            raise LocalDatabaseError(f"initdb failed:\n{result.stderr or result.stdout}")

    if not is_running(cluster, bindir):
        options = f"-h '' -k {cluster.root}"
        if throwaway:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        else:
            options += f" -c shared_buffers={shared_buffers_mb()}MB"
        result = _run(
            [
                str(bindir / "pg_ctl"),
                "-D", str(cluster.data_dir),
                "-l", str(cluster.log_file),
                "-w",
                "-o", options,
                "start",
            ]
        )  # fmt: skip
        if result.returncode != 0:
            log = cluster.log_file.read_text(errors="replace")[-2000:] if cluster.log_file.exists() else ""
            raise LocalDatabaseError(f"PostgreSQL did not start:\n{result.stderr}\n{log}")

    _create_database(cluster)
    return cluster


def shared_buffers_mb() -> int:
    """A quarter of the machine's memory, between PostgreSQL's default 128 MB and 4 GB.

    The default holds almost nothing of a large search index, and on virtual machines whose
    host reclaims the page cache (this one drops from 21 GB to 4 GB within minutes) the
    server's own buffers are the only cache that stays. Test clusters keep the default.
    """
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, OSError, ValueError):
        return 128
    return max(128, min(4096, memory // 4 // 2**20))


def _create_database(cluster: LocalCluster) -> None:
    import psycopg
    from psycopg import sql

    try:
        with psycopg.connect(
            host=str(cluster.root), user=SERVER_USER, dbname="postgres", autocommit=True
        ) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
            if found is None:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))
    except psycopg.Error as exc:
        raise LocalDatabaseError(f"Cannot prepare database {DATABASE_NAME}: {exc}") from exc


def stop(root: Path) -> None:
    """Stop the cluster at ``root`` if it runs (tests call this for their throwaway cluster)."""
    bindir = find_server_bindir()
    cluster = LocalCluster(root.resolve())
    if bindir is not None and is_running(cluster, bindir):
        _run([str(bindir / "pg_ctl"), "-D", str(cluster.data_dir), "-m", "fast", "-w", "stop"])
