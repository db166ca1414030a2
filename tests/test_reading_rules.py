"""The fingerprint of the reading rules: stable for the same files, new when a rule file changes."""

from __future__ import annotations

from pathlib import Path

from reports.reading_rules import rules_fingerprint


def rule_tree(root: Path) -> None:
    (root / "ingest" / "__pycache__").mkdir(parents=True)
    (root / "ingest" / "metadata.py").write_text("PLACE = '县'\n")
    (root / "ingest" / "__pycache__" / "metadata.cpython-311.pyc").write_bytes(b"\x00")
    (root / "ingest" / "README.md").write_text("how it reads\n")
    (root / "hanzi.py").write_text("TABLE = {}\n")


def test_the_same_rule_files_give_the_same_fingerprint(tmp_path):
    rule_tree(tmp_path)

    assert rules_fingerprint(tmp_path, ["ingest", "hanzi.py"]) == rules_fingerprint(
        tmp_path, ["ingest", "hanzi.py"]
    )


def test_changing_a_rule_file_changes_the_fingerprint(tmp_path):
    rule_tree(tmp_path)
    before = rules_fingerprint(tmp_path, ["ingest", "hanzi.py"])

    (tmp_path / "ingest" / "metadata.py").write_text("PLACE = '区'\n")

    assert rules_fingerprint(tmp_path, ["ingest", "hanzi.py"]) != before


def test_compiled_files_and_documentation_do_not_change_the_fingerprint(tmp_path):
    rule_tree(tmp_path)
    before = rules_fingerprint(tmp_path, ["ingest", "hanzi.py"])

    (tmp_path / "ingest" / "__pycache__" / "metadata.cpython-311.pyc").write_bytes(b"\x01")
    (tmp_path / "ingest" / "README.md").write_text("how it reads, said better\n")

    assert rules_fingerprint(tmp_path, ["ingest", "hanzi.py"]) == before
