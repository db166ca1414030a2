"""Check the search index's recall on plain texts: random substrings must satisfy their tsquery.

Usage: .venv/bin/python scripts/search_recall.py DIR [DIR ...] [--per-text N] [--seed S]
Each ``*.txt`` file in the folders is normalised as the index normalises text; random substrings
of two to eight characters are parsed as quoted queries, and the database's ``search_bigrams``
and ``search_grams`` of the whole text must satisfy each query's report and section tsquery (the
indexes' necessary conditions; the exact check after them is a plain substring test). Prints
every miss and exits non-zero on any.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")

# Quotes, spaces and a leading minus would change what the query means.
SKIPPED = set('"“”„‟「」『』＂〝〞 ')


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from django.db import connection

    from reports.search.normalize import has_word_char, normalize_text
    from reports.search.query import parse_query

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--per-text", type=int, default=150)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    paths = sorted(path for folder in args.folders for path in folder.glob("*.txt"))
    checked = missed = 0
    with connection.cursor() as cursor:
        for path in paths:
            text = normalize_text(path.read_text(encoding="utf-8"))
            for _ in range(args.per_text):
                length = rng.randint(2, 8)
                start = rng.randrange(0, max(1, len(text) - length))
                term = text[start : start + length]
                if len(term) < 2 or not has_word_char(term) or term[0] == "-" or SKIPPED & set(term):
                    continue
                query = parse_query(f'"{term}"')
                cursor.execute(
                    "SELECT search_bigrams(%s) @@ %s::tsquery, search_grams(%s) @@ %s::tsquery",
                    [text, query.report_tsquery, text, query.section_tsquery],
                )
                checked += 1
                in_report, in_section = cursor.fetchone()
                if not (in_report and in_section):
                    missed += 1
                    print(f"MISS {path.name}: {term!r} ({query.report_tsquery} / {query.section_tsquery})")
    print(f"{len(paths)} texts, {checked} substrings checked, {missed} missed")
    return 1 if missed or not checked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
