"""Check a gold file against its texts: every context unique, every figure inside its context,
every key one of the annotation kit's, every value a decimal number.

Usage: python3 validate.py SETDIR   (expects SETDIR/gold.json and SETDIR/texts/*.txt)
"""

import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

KIT = Path(__file__).parent / "annotation_kit.md"


def kit_keys() -> set[str]:
    rows = KIT.read_text(encoding="utf-8").splitlines()
    return {row.split("|")[1].strip() for row in rows if row.startswith("| ") and not row.startswith("| key")}


def problems_of(item: dict, text: str, keys: set[str]) -> list[str]:
    context, figure = item["context"], item["figure"]
    found = []
    if text.count(context) != 1:
        found.append(f"context occurs {text.count(context)} times")
    if figure not in context:
        found.append("figure not inside context")
    if item.get("key") is not None and item["key"] not in keys:
        found.append(f"unknown key {item['key']}")
    found += [f"no {field}" for field in ("value", "unit") if field not in item]
    if "value" in item and not _is_decimal(item["value"]):
        found.append(f"value {item['value']!r} is not a decimal number (write 1/3 as 0.33, or leave it out)")
    return found


def _is_decimal(value: object) -> bool:
    try:
        Decimal(str(value))
    except InvalidOperation:
        return False
    return True


def main(folder: Path) -> int:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["reports"]
    keys = kit_keys()
    bad = 0
    for name, items in gold.items():
        text = (folder / "texts" / name).read_text(encoding="utf-8")
        for item in items:
            problems = problems_of(item, text, keys)
            if problems:
                bad += 1
                print(name, item["context"], "->", "; ".join(problems))
    print(f"{sum(map(len, gold.values()))} items in {len(gold)} reports, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
