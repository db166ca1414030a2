"""The checkout's .gitignore keeps local state out of commits, however it is set up (audit)."""

import shutil
import subprocess
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def test_a_venv_linked_from_another_checkout_is_ignored(tmp_path):
    # A second checkout shares the first one's environment: .venv is a symbolic link there, which
    # a pattern for directories only ("/.venv/") does not match, so `git add -A` took it in.
    shutil.copy(PROJECT / ".gitignore", tmp_path / ".gitignore")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "shared-venv").mkdir()
    (tmp_path / ".venv").symlink_to(tmp_path / "shared-venv")

    checked = subprocess.run(
        ["git", "-C", str(tmp_path), "check-ignore", "-q", ".venv"], capture_output=True, check=False
    )

    assert checked.returncode == 0, ".venv (a symbolic link) is not ignored"
