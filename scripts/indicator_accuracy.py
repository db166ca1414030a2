"""Print the indicator extractor's precision, recall and key accuracy against a gold file.

Usage: .venv/bin/python scripts/indicator_accuracy.py [--quiet] [--gold FILE --texts DIR]
By default runs the importer's pure parse (no database) on tests/samples/00*.txt, extracts
indicators and compares them with tests/gold/indicators_seed.json. With ``--gold`` and
``--texts`` it measures a held-out set instead: plain text files (excerpts need not parse as
whole reports) extracted as they are, with no sections. Exits non-zero below the targets
(recall >= 95%, precision >= 98%, keys >= 90%).
"""

from __future__ import annotations

import argparse
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

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quiet", action="store_true", help="print only the score table")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "indicators_seed.json")
    parser.add_argument("--texts", type=Path, help="folder of the gold file's plain texts")
    args = parser.parse_args(argv)
    if (args.texts is None) != (args.gold == parser.get_default("gold")):
        parser.error("--gold and --texts go together")
    quiet = args.quiet
    gold = load_gold(args.gold)
    total = ReportScore("overall")
    print(f"{'report':28} {'gold':>5} {'found':>5} {'match':>5} {'recall':>7} {'prec.':>7} {'keys':>7}")
    for name, items in gold.items():
        if args.texts is None:
            parsed = parse_report_file((ROOT / "tests" / "samples" / name).read_bytes(), filename=name)
            text, sections = parsed.page.text, parsed.sections
        else:
            text, sections = (args.texts / name).read_text(encoding="utf-8"), []
        extracted = extract_indicators(text, sections)
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
