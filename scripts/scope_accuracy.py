"""Print how often extraction gives audited library figures the scope a judge gave them.

Usage: .venv/bin/python scripts/scope_accuracy.py [--wrong]
Reads tests/gold/scope_audits.json (its "about" says how the audits were made) and prints, per
audit and pooled, the figures whose scope (全辖区, 本级政府, 本机关, 各级合计 or unstated) is the
judge's, and which scopes are taken for which; ``--wrong`` lists the others with their sentences.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")

AUDITS = ROOT / "tests" / "gold" / "scope_audits.json"


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from reports.indicators.display import SCOPE_NAMES
    from reports.indicators.evaluation import ScopeScore, score_scopes

    names = {**SCOPE_NAMES, "": "未写明", "?": "(不再识别为数字)"}

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wrong", action="store_true", help="list the figures given another scope")
    args = parser.parse_args(argv)
    scores = score_scopes(json.loads(AUDITS.read_text(encoding="utf-8"))["figures"])
    pooled = ScopeScore("pooled")
    for score in scores.values():
        print(f"{score.name:8} {score.right:4} of {score.judged:4} right  {score.accuracy:6.1%}")
        pooled.add(score)
    print(f"{pooled.name:8} {pooled.right:4} of {pooled.judged:4} right  {pooled.accuracy:6.1%}")
    print("judged -> extracted (pooled):")
    for (judged, extracted), count in sorted(pooled.pairs.items(), key=lambda item: -item[1]):
        print(f"  {names[judged]} -> {names[extracted]}: {count}")
    if args.wrong:
        for sentence, figure, judged, extracted in pooled.wrong:
            print(f"\n{figure}: judged {names[judged]}, extracted {names[extracted]}")
            print(f"  {sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
