"""Check a gold file against its texts: every context unique, every figure inside its context.
Usage: python3 validate.py SETDIR   (expects SETDIR/gold.json and SETDIR/texts/*.txt)"""
import json, sys
from pathlib import Path
d = Path(sys.argv[1]); gold = json.loads((d / "gold.json").read_text())["reports"]
keys = {l.split("|")[1].strip() for l in (Path(__file__).parent / "annotation_kit.md").read_text().splitlines()
        if l.startswith("| ") and not l.startswith("| key")}
bad = 0
for name, items in gold.items():
    text = (d / "texts" / name).read_text(encoding="utf-8")
    for it in items:
        c, f = it["context"], it["figure"]
        n = text.count(c)
        problems = []
        if n != 1: problems.append(f"context occurs {n} times")
        if f not in c: problems.append("figure not inside context")
        if it.get("key") is not None and it["key"] not in keys: problems.append(f"unknown key {it['key']}")
        for field in ("value", "unit"):
            if field not in it: problems.append(f"no {field}")
        if problems:
            bad += 1; print(name, c, "->", "; ".join(problems))
print(f"{sum(map(len, gold.values()))} items in {len(gold)} reports, {bad} problems")
sys.exit(1 if bad else 0)
