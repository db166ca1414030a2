"""Print the indicator extractor's precision, recall and key accuracy on the seed gold file.

Usage: .venv/bin/python scripts/indicator_accuracy.py [--quiet]
Runs the importer's pure parse (no database) on tests/samples/00*.txt, extracts indicators and
compares them with tests/gold/indicators_seed.json. Exits non-zero below the targets
(recall >= 95%, precision >= 98%, keys >= 90%).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")

TARGETS = {"recall": 0.95, "precision": 0.98, "keys": 0.90}


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from reports.indicators import extract_indicators
    from reports.indicators.evaluation import ReportScore, load_gold, locate_gold, score_report
    from reports.ingest.pipeline import parse_report_file

    quiet = "--quiet" in argv
    gold = load_gold(ROOT / "tests" / "gold" / "indicators_seed.json")
    total = ReportScore("overall")
    print(f"{'report':28} {'gold':>5} {'found':>5} {'match':>5} {'recall':>7} {'prec.':>7} {'keys':>7}")
    for name, items in gold.items():
        path = ROOT / "tests" / "samples" / name
        parsed = parse_report_file(path.read_bytes(), filename=name)
        text = parsed.page.text
        extracted = extract_indicators(text, parsed.sections)
        score = score_report(name, locate_gold(text, items), extracted)
        total.add(score)
        _row(score)
        if not quiet:
            for miss in score.misses:
                print(f"    MISS   {miss.figure:<12} {miss.value} {miss.unit:<4} in …{miss.context}…")
            for fp in score.false_positives:
                around = text[max(0, fp.start - 12) : fp.end + 4]
                print(f"    FALSE+ {fp.figure:<12} {fp.value} {fp.unit:<4} in …{around}…")
            for item, got in score.wrong_keys:
                print(f"    KEY    {item.figure:<12} gold {item.key} got {got.key}  …{item.context}…")
    _row(total)
    ok = (
        total.recall >= TARGETS["recall"]
        and total.precision >= TARGETS["precision"]
        and total.key_accuracy >= TARGETS["keys"]
    )
    print("targets: recall >= 95%, precision >= 98%, keys >= 90% ->", "met" if ok else "NOT met")
    return 0 if ok else 1


def _row(score: object) -> None:
    s = score  # a ReportScore
    print(
        f"{s.name:28} {s.gold:5} {s.extracted:5} {s.matched:5} "  # type: ignore[attr-defined]
        f"{s.recall:7.1%} {s.precision:7.1%} {s.key_accuracy:7.1%}"  # type: ignore[attr-defined]
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
