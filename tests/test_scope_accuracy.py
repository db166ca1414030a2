"""The scope audits: scored figure by figure, and every audited figure still found."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reports.indicators.evaluation import score_scopes

ROOT = Path(__file__).resolve().parent.parent
AUDITS = ROOT / "tests" / "gold" / "scope_audits.json"


def test_scope_scores_count_the_judges_scope_as_right_and_any_other_or_no_figure_as_wrong() -> None:
    sentence = "全区办理行政处罚案件2356件。"
    start = sentence.index("2356件")
    figures = [
        {
            "audit": "a",
            "sentence": sentence,
            "start": start,
            "end": start + 5,
            "department": False,
            "scope": "jurisdiction",
        },
        {
            "audit": "a",
            "sentence": sentence,
            "start": start,
            "end": start + 5,
            "department": False,
            "scope": "",
        },
        {"audit": "b", "sentence": sentence, "start": 0, "end": 2, "department": False, "scope": ""},
    ]
    scores = score_scopes(figures)
    assert (scores["a"].right, scores["a"].judged) == (1, 2)
    assert scores["a"].wrong == [(sentence, "2356件", "", "jurisdiction")]
    assert scores["b"].pairs == {("", "?"): 1}  # 全区 is no figure


def test_a_departments_recorded_name_and_place_give_its_own_names_when_scoring() -> None:
    sentence = "区卫生健康委共作出卫生行政许可3082件。"
    start = sentence.index("3082件")
    figure = {"audit": "a", "sentence": sentence, "start": start, "end": start + 5, "department": True}
    named = {**figure, "agency": "上海市普陀区卫生健康委员会", "place": "普陀区", "scope": "organ"}
    assert score_scopes([named])["a"].right == 1
    assert score_scopes([{**figure, "scope": "organ"}])["a"].right == 0


def test_every_audited_figure_is_still_a_figure_in_its_sentence() -> None:
    figures = json.loads(AUDITS.read_text(encoding="utf-8"))["figures"]
    scores = score_scopes(figures)
    assert sum(score.judged for score in scores.values()) == len(figures) > 500
    assert not [pair for score in scores.values() for pair in score.pairs if pair[1] == "?"]


def test_scope_accuracy_script_prints_each_audit_and_the_pool() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "scope_accuracy.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    audits = list(
        dict.fromkeys(figure["audit"] for figure in json.loads(AUDITS.read_text(encoding="utf-8"))["figures"])
    )
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[: len(audits) + 1]] == [*audits, "pooled"]
    assert "judged -> extracted" in result.stdout
