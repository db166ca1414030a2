"""Print the indicator extractor's precision, recall and key accuracy against a gold file.

Usage: .venv/bin/python scripts/indicator_accuracy.py [--quiet] [--gold FILE (--files DIR | --texts DIR)]
By default runs the importer's pure parse (no database) on tests/samples/00*.txt, extracts
indicators and compares them with tests/gold/indicators_seed.json. With ``--gold`` and
``--files`` it measures other reports the same way: each file the gold file names (text, HTML
page, PDF, Word …) read as an import reads it, its gold contexts found in that cleaned text; a
file the importer refuses is shown with the reason and all its figures count as missed. With
``--gold`` and ``--texts`` it measures a held-out set instead: plain text files (excerpts need
not parse as whole reports) extracted as they are, with no sections. With ``--heldout`` it measures every
held-out set under tests/gold/heldout, one row per set and the pool, and the key accuracy on
the figures that the sets' two annotators (where a set has two) key alike. ``--timing`` also prints
how long extraction alone takes per held-out text (best of three passes over all of them).
Exits 1 below the targets (recall >= 95%, precision >= 98%, keys >= 90%), 2 for a gold file
or folder it cannot use (the message says which report and item).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from reports.indicators.evaluation import ReportScore

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")

SEED_GOLD = ROOT / "tests" / "gold" / "indicators_seed.json"
SAMPLES = ROOT / "tests" / "samples"
HELDOUT = ROOT / "tests" / "gold" / "heldout"
TARGETS = {"recall": 0.95, "precision": 0.98, "keys": 0.90}


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from reports.indicators import extract_indicators
    from reports.indicators.evaluation import GoldFileError, heldout_sets

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quiet", action="store_true", help="print only the score table")
    parser.add_argument("--gold", type=Path, default=SEED_GOLD)
    folders = parser.add_mutually_exclusive_group()
    folders.add_argument(
        "--files", type=Path, help="folder of the gold file's report files, read as imported"
    )
    folders.add_argument(
        "--texts", type=Path, help="folder of the gold file's plain texts, extracted as they are"
    )
    parser.add_argument("--heldout", action="store_true", help="every set under tests/gold/heldout")
    parser.add_argument("--timing", action="store_true", help="time extraction of the held-out texts")
    args = parser.parse_args(argv)
    if (args.texts is None and args.files is None) != (args.gold == SEED_GOLD):
        parser.error("--gold goes with --files or --texts")
    try:
        ok = _score(args)
    except GoldFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.timing:
        paths = [path for set_ in heldout_sets(HELDOUT) for path in sorted((set_ / "texts").glob("*.txt"))]
        texts = [path.read_text(encoding="utf-8") for path in paths]
        seconds = _best_of_three(lambda: [extract_indicators(text) for text in texts])
        characters = sum(map(len, texts))
        print(
            f"extraction: {len(texts)} held-out texts ({characters:,} characters), best of 3: "
            f"{seconds * 1000 / len(texts):.2f} ms a text, "
            f"{seconds * 1e6 / characters:.2f} ms per 1,000 characters"
        )
    return 0 if ok else 1


def _score(args: argparse.Namespace) -> bool:
    """Print the score table of the chosen reports; whether the targets are met."""
    from reports.indicators.evaluation import (
        ReportScore,
        heldout_sets,
        score_files,
        score_heldout_set,
        score_texts,
    )

    print(f"{'report':28} {'gold':>5} {'found':>5} {'match':>5} {'recall':>7} {'prec.':>7} {'keys':>7}")
    total = ReportScore("overall")
    agreed = ReportScore("agreed")  # on the figures a set's two annotators key alike
    sets_keyed_twice = 0
    if args.heldout:
        for folder in heldout_sets(HELDOUT):
            set_score, agreed_score = score_heldout_set(folder)
            _row(set_score, details=not args.quiet)
            total.add(set_score)
            if agreed_score is not None:
                agreed.add(agreed_score)
                sets_keyed_twice += 1
    elif args.texts is not None:
        for score in score_texts(args.gold, args.texts):
            _row(score, details=not args.quiet)
            total.add(score)
    else:
        for score, refusal in score_files(args.gold, args.files or SAMPLES):
            _row(score, details=not args.quiet)
            if refusal:
                print(f"    REFUSED by the importer, all {score.gold} figures missed: {refusal}")
            total.add(score)
    _row(total)
    ok = (
        total.recall >= TARGETS["recall"]
        and total.precision >= TARGETS["precision"]
        and total.key_accuracy >= TARGETS["keys"]
    )
    print("targets: recall >= 95%, precision >= 98%, keys >= 90% ->", "met" if ok else "NOT met")
    if args.heldout:
        print(
            f"keys where two annotators agree: {agreed.key_accuracy:.1%} "
            f"({agreed.keys_correct}/{agreed.matched} figures found, {sets_keyed_twice} sets keyed twice)"
        )
    return ok


def _best_of_three(work: Callable[[], object]) -> float:
    work()  # the catalogue and the division table load on first use
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def _row(score: ReportScore, details: bool = False) -> None:
    print(
        f"{score.name:28} {score.gold:5} {score.extracted:5} {score.matched:5} "
        f"{score.recall:7.1%} {score.precision:7.1%} {score.key_accuracy:7.1%}"
    )
    if not details:
        return
    for miss in score.misses:
        print(f"    MISS   {miss.figure:<12} {miss.value} {miss.unit:<4} in …{miss.context}…")
    for fp in score.false_positives:
        at = fp.start - fp.sentence_start
        around = fp.sentence[max(0, at - 12) : at + len(fp.figure) + 4]
        print(f"    FALSE+ {fp.figure:<12} {fp.value} {fp.unit:<4} in …{around}…")
    for item, got in score.wrong_keys:
        print(f"    KEY    {item.figure:<12} gold {item.key} got {got.key}  …{item.context}…")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
