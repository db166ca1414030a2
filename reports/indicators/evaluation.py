"""Measuring extraction against a hand-written gold file: precision, recall, key accuracy.

The gold file (``tests/gold/indicators_seed.json``) locates each quantity by a short unique
context string rather than by offsets, so it survives small changes in text cleaning and stays
readable. A figure counts as found when an extracted figure overlaps the gold figure with the
same value, range and unit; key accuracy is measured over the figures found (null = null
counts as correct). Derived values are not part of the value metrics.

Scopes are measured on their own (``tests/gold/scope_audits.json``): figures of the library
whose scope a judge decided from the sentence, each read again from that sentence alone.

Held-out sets (``tests/gold/heldout/setNN/``: ``gold.json`` and the plain ``texts/`` it keys)
are openings of real reports annotated blind to the rules; they are scored on the text alone,
with no sections. Many were keyed a second time by another annotator, blind to the first
(``gold_second.json``, or ``gold_defs.json`` from the catalogue's definitions): where the two
agree on a figure's key, a different key from the rules is the rules' error, not a split.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .extract import ExtractedIndicator, Reporter, department_names, extract_indicators
from .units import normalise_unit

# A held-out set's second annotation, by either protocol (see the module docstring).
SECOND_GOLD = ("gold_second.json", "gold_defs.json")


@dataclass(frozen=True)
class GoldFigure:
    start: int
    end: int
    figure: str
    value: Decimal
    value_high: Decimal | None
    unit: str
    key: str | None
    context: str


@dataclass
class ReportScore:
    name: str
    gold: int = 0
    extracted: int = 0
    matched: int = 0
    keys_correct: int = 0
    misses: list[GoldFigure] = field(default_factory=list)
    false_positives: list[ExtractedIndicator] = field(default_factory=list)
    wrong_keys: list[tuple[GoldFigure, ExtractedIndicator]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def key_accuracy(self) -> float:
        return self.keys_correct / self.matched if self.matched else 1.0

    def add(self, other: ReportScore) -> None:
        self.gold += other.gold
        self.extracted += other.extracted
        self.matched += other.matched
        self.keys_correct += other.keys_correct
        self.misses.extend(other.misses)
        self.false_positives.extend(other.false_positives)
        self.wrong_keys.extend(other.wrong_keys)


class GoldFileError(ValueError):
    """A gold file that cannot be used as written; the message says where and why."""


_ITEM_FIELDS = ("context", "figure", "value", "unit")


def load_gold(path: Path) -> dict[str, list[dict[str, object]]]:
    """The gold items per report file name, as written; ``GoldFileError`` for a file that is
    not one (``{"reports": {name: [{context, figure, value, unit, key…}]}}``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GoldFileError(f"{path}: not a readable JSON file ({error})") from None
    reports = data.get("reports") if isinstance(data, dict) else None
    if not isinstance(reports, dict):
        raise GoldFileError(f'{path}: no "reports" object mapping each file name to its list of items')
    for name, items in reports.items():
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise GoldFileError(f"{path}: {name}: the items must be a list of objects")
        for number, item in enumerate(items, start=1):
            if missing := [field for field in _ITEM_FIELDS if field not in item]:
                raise GoldFileError(f"{path}: {name}: item {number} has no {', '.join(missing)}")
    return reports


def locate_gold(text: str, items: Sequence[dict[str, object]]) -> list[GoldFigure]:
    """Turn gold items into figures with offsets; raises ``GoldFileError`` for an unusable item
    (a context missing from the text or not unique in it, a figure not in its context)."""
    located = []
    for item in items:
        context, figure = str(item["context"]), str(item["figure"])
        at = text.find(context)
        if at == -1 or text.find(context, at + 1) != -1:
            raise GoldFileError(f"gold context {context!r} is {'missing' if at == -1 else 'not unique'}")
        offset = -1
        for _ in range(int(item.get("occurrence", 1))):  # type: ignore[call-overload]
            offset = context.find(figure, offset + 1)
        if offset == -1:
            raise GoldFileError(f"figure {figure!r} not in context {context!r}")
        high = item.get("value_high")
        try:
            value, value_high = Decimal(str(item["value"])), Decimal(str(high)) if high is not None else None
        except ArithmeticError:
            raise GoldFileError(f"value of {figure!r} is not a number") from None
        located.append(
            GoldFigure(
                start=at + offset,
                end=at + offset + len(figure),
                figure=figure,
                value=value,
                value_high=value_high,
                unit=normalise_unit(str(item["unit"])),
                key=item.get("key"),  # type: ignore[arg-type]
                context=context,
            )
        )
    return located


def score_report(
    name: str, gold: Sequence[GoldFigure], extracted: Sequence[ExtractedIndicator]
) -> ReportScore:
    """Compare one report's extracted figures with its gold figures."""
    stated = [e for e in extracted if not e.derived]
    score = ReportScore(name, gold=len(gold), extracted=len(stated))
    used: set[int] = set()
    for item in gold:
        match = next((i for i, e in enumerate(stated) if i not in used and _same_figure(item, e)), None)
        if match is None:
            score.misses.append(item)
            continue
        used.add(match)
        score.matched += 1
        if stated[match].key == item.key:
            score.keys_correct += 1
        else:
            score.wrong_keys.append((item, stated[match]))
    score.false_positives = [e for i, e in enumerate(stated) if i not in used]
    return score


def agreed_figures(first: Sequence[GoldFigure], second: Sequence[GoldFigure]) -> list[GoldFigure]:
    """The figures of ``first`` that ``second`` lists too (overlapping, with the same value,
    range and unit) under the same key."""
    agreed = []
    for item in first:
        twin = next((other for other in second if _same_figure(item, other)), None)
        if twin is not None and twin.key == item.key:
            agreed.append(item)
    return agreed


def _same_figure(item: GoldFigure, other: GoldFigure | ExtractedIndicator) -> bool:
    """True when ``other`` overlaps ``item`` and states the same value, range and unit."""
    return (
        other.start < item.end
        and item.start < other.end
        and (other.value, other.value_high) == (item.value, item.value_high)
        and normalise_unit(other.unit) == item.unit
    )


def score_heldout_set(folder: Path) -> tuple[ReportScore, ReportScore | None]:
    """A held-out set scored against its first gold file, and on the figures its two
    annotators key alike (None for a set keyed once); each text is extracted once."""
    second_path = next((folder / name for name in SECOND_GOLD if (folder / name).exists()), None)
    second = load_gold(second_path) if second_path is not None else None
    first_score, agreed_score = ReportScore(folder.name), ReportScore(folder.name)
    for name, items in load_gold(folder / "gold.json").items():
        text = (folder / "texts" / name).read_text(encoding="utf-8")
        extracted = extract_indicators(text, [])
        first = locate_gold(text, items)
        first_score.add(score_report(name, first, extracted))
        if second is not None:
            agreed = agreed_figures(first, locate_gold(text, second.get(name, [])))
            agreed_score.add(score_report(name, agreed, extracted))
    return first_score, agreed_score if second is not None else None


def score_texts(gold_path: Path, texts: Path) -> list[ReportScore]:
    """Score every report of a gold file whose plain texts are in the folder ``texts``."""
    scores = []
    for name, items in load_gold(gold_path).items():
        text = _gold_text(texts / name)
        scores.append(score_report(name, locate_in(name, text, items), extract_indicators(text, [])))
    return scores


def score_files(gold_path: Path, folder: Path) -> list[tuple[ReportScore, str]]:
    """Score every report of a gold file as the importer reads its file in ``folder`` (any
    format it takes: the page's furniture left out, the report's parts found), with the
    reason when the importer refuses one: all its gold figures are then missed."""
    from reports.ingest import RejectedFile, parse_report_file

    scores = []
    for name, items in load_gold(gold_path).items():
        try:
            data = (folder / name).read_bytes()
        except OSError as error:
            raise GoldFileError(f"{name}: no such file in {folder} ({error.strerror})") from None
        try:
            parsed = parse_report_file(data, filename=name)
        except RejectedFile as refused:
            scores.append((ReportScore(name, gold=len(items)), refused.reason))
            continue
        gold = locate_in(name, parsed.page.text, items)
        facts = parsed.facts
        extracted = extract_indicators(  # as stored
            parsed.page.text,
            parsed.sections,
            year=facts.year,
            reporter=Reporter.of(
                facts.agency_kind,
                facts.agency_level,
                parsed.agency_name,
                parsed.place.name if parsed.place else "",
            ),
        )
        scores.append((score_report(name, gold, extracted), ""))
    return scores


def locate_in(name: str, text: str, items: Sequence[dict[str, object]]) -> list[GoldFigure]:
    """``locate_gold`` for the report ``name``, which an error names."""
    try:
        return locate_gold(text, items)
    except GoldFileError as error:
        raise GoldFileError(f"{name}: {error}") from None


def _gold_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GoldFileError(f"{path}: not a readable UTF-8 text ({error})") from None


def heldout_sets(root: Path) -> list[Path]:
    """The held-out set folders under ``root`` (each with gold.json and texts/), in the order of
    their numbers (set99 before set100)."""
    return sorted((path.parent for path in root.glob("*/gold.json")), key=_set_order)


def _set_order(folder: Path) -> tuple[int, str]:
    digits = "".join(c for c in folder.name if c.isdigit())
    return (int(digits) if digits else 0, folder.name)


@dataclass
class ScopeScore:
    """How many of an audit's judged figures extraction gives the judge's scope, and the others
    as (sentence, figure, judged scope, extracted scope)."""

    name: str
    right: int = 0
    wrong: list[tuple[str, str, str, str]] = field(default_factory=list)
    # (judged, extracted) for every figure: which scopes are taken for which
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def judged(self) -> int:
        return self.right + len(self.wrong)

    @property
    def accuracy(self) -> float:
        return self.right / self.judged if self.judged else 1.0

    def add(self, other: ScopeScore) -> None:
        self.right += other.right
        self.wrong.extend(other.wrong)
        self.pairs.update(other.pairs)


def score_scopes(figures: Iterable[Mapping[str, object]]) -> dict[str, ScopeScore]:
    """Each audit's score: every figure (``sentence``, ``start``, ``end``, ``department``,
    ``township``, ``scope``, ``audit``, and where recorded the department's ``agency`` name and
    ``place``, from which today's rules read its own names) is extracted from its sentence and its
    scope compared with the judge's. A figure extraction no longer finds there counts as wrong,
    its scope read as "?"."""
    scores: dict[str, ScopeScore] = {}
    for figure in figures:
        sentence, start, end = str(figure["sentence"]), int(figure["start"]), int(figure["end"])
        found = {
            (item.start, item.end): item.scope
            for item in extract_indicators(
                sentence,
                reporter=Reporter(
                    department=bool(figure["department"]),
                    township=bool(figure.get("township")),
                    own_names=department_names(str(figure["agency"]), str(figure.get("place", "")))
                    if figure.get("agency")
                    else (),
                ),
            )
        }
        judged, extracted = str(figure["scope"]), found.get((start, end), "?")
        score = scores.setdefault(str(figure["audit"]), ScopeScore(str(figure["audit"])))
        score.pairs[(judged, extracted)] += 1
        if extracted == judged:
            score.right += 1
        else:
            score.wrong.append((sentence, sentence[start:end], judged, extracted))
    return scores
