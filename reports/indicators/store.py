"""Storing a report's indicators: extract with the database catalogue, replace, re-apply corrections.

``extract_and_store(report)`` is what the import pipeline (inside its transaction) and the
``extract_indicators`` command call; nothing else writes ``IndicatorValue`` rows. The catalogue
is read from ``IndicatorDefinition`` (the admin-edited copy of ``catalogue.toml``); only when
that table is empty does extraction fall back to the file, and values then carry keys without
definition rows. Staff corrections (``IndicatorCorrection``) are matched to the new values by
the figure's offsets and applied before the rows are written, so they survive every re-run. A
correction whose offsets no longer hold an extracted figure (the extraction rules now read the
figure's span differently, or a re-parse changed the text and its words are not found once:
``follow_corrections`` moves the others) is kept, not applied, and reported: a log warning, and
a line in ``extract_indicators``'s output.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import F

from reports.models import Agency, IndicatorCorrection, IndicatorDefinition, IndicatorValue, Report, Section
from reports.models.indicators import QUALIFIER_NONE

from .catalogue import (
    CHANGES_UNIT,
    CUTS_UNIT,
    Catalogue,
    catalogue_from_records,
    counts_cuts,
    load_catalogue,
    takes_measure,
    unit_to_list,
)
from .extract import ExtractedIndicator, Reporter, extract_indicators
from .facets import facet_of
from .figures import STATED_CHANGES, Measure
from .units import MULTIPLIERS, base_quantity, normalise_unit, unit_for

logger = logging.getLogger(__name__)

# IndicatorValue's decimal columns hold 22 integer digits; a longer "number" is no quantity.
_LARGEST = Decimal(10) ** 21
_FIGURE_MAX = IndicatorValue._meta.get_field("figure").max_length
_FACET_MAX = IndicatorValue._meta.get_field("facet").max_length


@dataclass(frozen=True)
class CatalogueSnapshot:
    """The catalogue extraction maps with, and the definition row of each of its keys."""

    catalogue: Catalogue
    definition_ids: Mapping[str, int] = field(default_factory=dict)
    from_database: bool = False


def catalogue_snapshot() -> CatalogueSnapshot:
    """The active definitions as a catalogue (the shipped file when the table is empty).

    A combined key whose parts are not all active is left out, since the matcher cannot add up
    keys it does not know.
    """
    rows = list(
        IndicatorDefinition.objects.filter(is_active=True).select_related("group").order_by("position", "key")
    )
    if not rows:
        return CatalogueSnapshot(load_catalogue())
    active = {row.key for row in rows}
    usable = []
    for row in rows:
        missing = set(row.combines.split()) - active
        if missing:
            logger.warning("indicator %s combines inactive or unknown keys %s; skipped", row.key, missing)
            continue
        usable.append(row)
    groups = {row.group.key: row.group.name for row in usable}
    catalogue = catalogue_from_records((row.as_record() for row in usable), groups)
    return CatalogueSnapshot(catalogue, {row.key: row.pk for row in usable}, from_database=True)


@dataclass(frozen=True)
class StoredIndicators:
    """What one extraction stored: how many values, and the staff corrections it could not apply."""

    values: int
    unmatched: tuple[IndicatorCorrection, ...] = ()


def extract_and_store(
    report: Report,
    *,
    sections: Sequence[Section] | None = None,
    snapshot: CatalogueSnapshot | None = None,
) -> int:
    """Replace ``report``'s indicator values with a fresh extraction; returns how many were stored.

    ``sections`` are the report's stored sections (read when not given); ``snapshot`` lets a
    caller extracting many reports read the catalogue once. Corrections that no longer match a
    figure are logged (``store_indicators`` returns them).
    """
    return store_indicators(report, sections=sections, snapshot=snapshot).values


@transaction.atomic
def store_indicators(
    report: Report,
    *,
    sections: Sequence[Section] | None = None,
    snapshot: CatalogueSnapshot | None = None,
) -> StoredIndicators:
    """``extract_and_store``, returning the corrections whose offsets hold no extracted figure too."""
    snapshot = snapshot or catalogue_snapshot()
    if sections is None:
        sections = list(report.sections.order_by("position"))
    by_path = {section.path: section for section in sections}
    corrections = {
        (correction.start, correction.end): correction
        for correction in report.indicator_corrections.select_related("definition")
    }
    rows = []
    applied: set[tuple[int, int]] = set()
    for item in _extract(report, sections, snapshot):
        if abs(item.value) >= _LARGEST or abs(item.base_value) >= _LARGEST:
            logger.warning("report %s: figure %r is too large to store", report.pk, item.figure)
            continue
        row = _value_row(report, item, snapshot, by_path.get(item.section_path))
        correction = corrections.get((item.start, item.end))
        if correction is not None:
            apply_correction(row, correction)
            applied.add((item.start, item.end))
        if correction is None or not correction.measure:  # staff may set the kind themselves
            store_cut_as_its_size(row, snapshot.catalogue)
        row.facet = facet_of_row(row, snapshot.catalogue)  # of the key staff gave, if they did
        rows.append(row)
    report.indicator_values.all().delete()
    IndicatorValue.objects.bulk_create(rows, batch_size=500)
    unmatched = tuple(correction for span, correction in sorted(corrections.items()) if span not in applied)
    for correction in unmatched:
        logger.warning("report %s: %s", report.pk, unmatched_message(report, correction))
    return StoredIndicators(len(rows), unmatched)


# Characters either side of a figure that must read the same in a new version for a staff
# correction to follow it there: wide enough to tell 12个 of one sentence from another's.
_CORRECTION_CONTEXT = 24
# An offset past every report text, where corrections wait while they move.
_PARKED = 10**9


@dataclass(frozen=True)
class CarriedCorrections:
    carried: int
    left: tuple[str, ...]  # the figures (as written) not found in the same words in the new text


def carry_corrections(previous: Report, report: Report) -> CarriedCorrections:
    """Copy ``previous``'s indicator corrections onto ``report``, its new version, where the
    figure stands in the same words (the same characters either side, once in the new text),
    each noted as taken over from ``previous``; says how many were carried and which figures
    were not. Those stay with ``previous``, which keeps all its own."""
    carried, left = 0, []
    for correction in previous.indicator_corrections.order_by("start"):
        shift = _shift_in(correction, previous.text, report.text)
        if shift is None:
            left.append(previous.text[correction.start : correction.end])
            continue
        earlier = correction.pk
        correction.pk = None
        correction.report = report
        correction.start += shift
        correction.end += shift
        correction.note = (f"{correction.note}\n" if correction.note else "") + (
            f"沿用旧版本报告 #{previous.pk} 的校正 #{earlier}。"
        )
        correction.save()
        carried += 1
    return CarriedCorrections(carried, tuple(left))


def follow_corrections(report: Report, old_text: str) -> list[IndicatorCorrection]:
    """Move ``report``'s indicator corrections to where their figures stand in its new text
    (a re-parse read the same file into another text: a title or page furniture no longer
    starts it), found by their words as ``carry_corrections`` finds them. Returns the
    corrections that could not be followed, which are left as they were: at their old offsets
    they would correct another figure, so the caller must not keep the new text."""
    moves, lost = [], []
    for correction in report.indicator_corrections.all():
        shift = _shift_in(correction, old_text, report.text)
        if shift is None:
            lost.append(correction)
        elif shift:
            moves.append((correction, shift))
    if lost:
        return lost
    # Parked beyond any text first: a correction must not land on another's span on its way.
    for correction, _shift in moves:
        IndicatorCorrection.objects.filter(pk=correction.pk).update(
            start=F("start") + _PARKED, end=F("end") + _PARKED
        )
    for correction, shift in moves:
        IndicatorCorrection.objects.filter(pk=correction.pk).update(
            start=correction.start + shift, end=correction.end + shift
        )
    return []


def _shift_in(correction: IndicatorCorrection, old_text: str, new_text: str) -> int | None:
    """How far the corrected figure moved from ``old_text`` to ``new_text``: found once with
    ``_CORRECTION_CONTEXT`` characters either side, or else with those after it alone, or
    before it alone (near a text's start or end the other side is what changed); None when
    none of these finds it once."""
    figure = old_text[correction.start : correction.end]
    before = old_text[max(0, correction.start - _CORRECTION_CONTEXT) : correction.start]
    after = old_text[correction.end : correction.end + _CORRECTION_CONTEXT]
    for lead, trail in ((before, after), ("", after), (before, "")):
        if not lead and not trail:
            continue
        passage = lead + figure + trail
        at = new_text.find(passage)
        if at != -1 and new_text.find(passage, at + 1) == -1:
            return at + len(lead) - correction.start
    return None


def unmatched_message(report: Report, correction: IndicatorCorrection) -> str:
    """Why a staff correction was not applied, for logs and the command's output."""
    text = report.text[correction.start : correction.end]
    return (
        f"staff correction #{correction.pk} at {correction.start}-{correction.end} ({text!r}) "
        "no longer matches an extracted figure; it is kept but not applied "
        "(fix or delete it in the admin: 指标校正)"
    )


def apply_correction(row: IndicatorValue, correction: IndicatorCorrection) -> None:
    """Put a staff correction onto a (new, unsaved) value row; empty correction fields change nothing."""
    row.correction = correction
    if correction.definition is not None:
        row.definition, row.key = correction.definition, correction.definition.key
    elif correction.unmap:
        row.definition, row.key = None, ""
    if correction.value is not None or correction.unit:
        if correction.value is not None:
            row.value, row.value_high = correction.value, None
        if correction.unit:
            row.unit = normalise_unit(correction.unit)
        row.base_value, base_unit = base_of(Decimal(row.value), row.unit)
        if correction.unit:  # else the unit it was counted in stays (580个政务服务事项: 项)
            row.base_unit = base_unit
    if correction.measure:
        row.measure = correction.measure
    if correction.qualifier == QUALIFIER_NONE:
        row.qualifier = ""
    elif correction.qualifier:
        row.qualifier = correction.qualifier
    row.rejected = correction.is_rejected


def _extract(
    report: Report, sections: Sequence[Section], snapshot: CatalogueSnapshot
) -> list[ExtractedIndicator]:
    """The report's figures as extraction reads them, told the year it is on and whether a
    department (its bare 党组 is its own organ, and so is its name) or a town (its bare 街道 is its
    government) wrote it."""
    agency = report.agency
    place = agency.region.name if agency.region_id else ""
    return extract_indicators(
        report.text,
        sections,
        snapshot.catalogue,
        year=report.year,
        reporter=Reporter.of(agency.kind, agency.level, agency.name, place),
    )


def extracted_reading(report: Report, start: int, end: int) -> IndicatorValue | None:
    """The figure at ``start``–``end`` as the extractor reads it today, before any staff
    correction (an unsaved row), or None when it reads no figure there."""
    snapshot = catalogue_snapshot()
    sections = list(report.sections.order_by("position"))
    for item in _extract(report, sections, snapshot):
        if (item.start, item.end) == (start, end):
            row = _value_row(report, item, snapshot, None)
            store_cut_as_its_size(row, snapshot.catalogue)
            row.facet = facet_of_row(row, snapshot.catalogue)
            return row
    return None


def facet_of_row(row: IndicatorValue, catalogue: Catalogue) -> str:
    """Which of its key's facets the value states (``facets.facet_of``); "" for a key without."""
    indicator = catalogue.get(row.key) if row.key else None
    if indicator is None:
        return ""
    at = row.sentence_start
    # many labels joined could outgrow the column; each label is short (FACET_LABEL_MAX)
    return facet_of(indicator.facets, row.sentence, row.start - at, row.end - at)[:_FACET_MAX]


def base_of(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """``value`` in the base unit of ``unit`` (1.3 万件 -> 13000 件; money in 万元)."""
    for multiplier in sorted(MULTIPLIERS, key=len, reverse=True):
        if unit.startswith(multiplier) and (known := unit_for(unit[len(multiplier) :])) is not None:
            return base_quantity(value, known, multiplier)
    known = unit_for(unit)
    return base_quantity(value, known, "") if known is not None else (value, unit)


# What extraction reads of a report's agency (``Reporter.of``): a change to any changes scopes (a
# department's bare 党组 and its name are its organ, a town's bare 街道 its government) and so
# which figure of a key is the report's own. A government's name and place it does not read.
READ_AGENCY_FIELDS = frozenset({"kind", "level"})
READ_DEPARTMENT_FIELDS = READ_AGENCY_FIELDS | {"name", "region"}
_READ_AGENCY_COLUMNS = ("kind", "level", "name", "region__name")


@dataclass
class ExtractionRun:
    reports: int = 0
    values: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)
    # (report id, message) for each staff correction that no longer matches a figure
    unmatched: list[tuple[int, str]] = field(default_factory=list)


def extract_reports(
    report_ids: Iterable[int],
    *,
    progress: Callable[[int, int, ExtractionRun], None] | None = None,
) -> ExtractionRun:
    """Re-extract each report in its own transaction; a failing report is recorded, the rest go on."""
    ids = list(report_ids)
    snapshot = catalogue_snapshot()
    run = ExtractionRun()
    for done, pk in enumerate(ids, start=1):
        report = (
            Report.objects.select_related("agency__region")
            .only("pk", "text", "year", *(f"agency__{field}" for field in _READ_AGENCY_COLUMNS))
            .get(pk=pk)
        )
        try:
            stored = store_indicators(report, snapshot=snapshot)
            run.values += stored.values
            run.reports += 1
            run.unmatched += [(pk, unmatched_message(report, c)) for c in stored.unmatched]
        except Exception as error:  # any failure of one report: record it and go on with the rest
            logger.exception("extracting indicators of report %s failed", pk)
            run.failures.append((pk, f"{type(error).__name__}: {error}"))
        if progress is not None:
            progress(done, len(ids), run)
    return run


def extract_on_commit(edited: Agency | Report, changed_fields: Iterable[str]) -> None:
    """Re-extract the reports whose reporter ``edited`` changed, once the current transaction
    commits: an agency's reports when a field extraction reads changed (``READ_AGENCY_FIELDS``,
    for a department ``READ_DEPARTMENT_FIELDS``), a report moved to another agency.

    Robust, as re-indexing: the edit is saved by then, so a failure is logged (the figures stay
    as they were) rather than answered with an error page."""
    changed = set(changed_fields)
    if isinstance(edited, Agency):
        read = READ_DEPARTMENT_FIELDS if edited.kind == Agency.Kind.DEPARTMENT else READ_AGENCY_FIELDS
        if read.isdisjoint(changed):
            return
        ids = list(edited.reports.order_by("pk").values_list("pk", flat=True))
    else:
        if "agency" not in changed:
            return
        ids = [edited.pk]
    if ids:
        transaction.on_commit(lambda: extract_reports(ids), robust=True)


def _value_row(
    report: Report, item: ExtractedIndicator, snapshot: CatalogueSnapshot, section: Section | None
) -> IndicatorValue:
    key = item.key or ""
    return IndicatorValue(
        report=report,
        definition_id=snapshot.definition_ids.get(key),
        key=key,
        extracted_key=key,
        value=item.value,
        value_high=item.value_high,
        unit=item.unit,
        base_value=item.base_value,
        base_unit=item.base_unit,
        qualifier=item.qualifier,
        measure=item.measure,
        derived=item.derived,
        combined=item.combined,
        scope=item.scope,
        figure=item.figure[:_FIGURE_MAX],
        sentence=item.sentence,
        sentence_start=item.sentence_start,
        sentence_end=item.sentence_end,
        start=item.start,
        end=item.end,
        section_id=section.pk if section is not None else None,
        section_path=item.section_path,
    )


def store_cut_as_its_size(row: IndicatorValue, catalogue: Catalogue) -> None:
    """Put a stated cut (时限压缩83%, 减少72小时) under a key that is itself a cut as that key's
    level, by its size, so it ranks with the reports stating the key as a level (压缩比达89%)."""
    indicator = catalogue.get(row.key)
    if row.measure not in STATED_CHANGES or indicator is None or not counts_cuts(indicator.units):
        return
    row.value, row.base_value = abs(Decimal(row.value)), abs(Decimal(row.base_value))
    if row.value_high is not None:
        row.value_high = abs(Decimal(row.value_high))
    row.measure = Measure.LEVEL


def unit_fits_key(definition: IndicatorDefinition, unit: str, measure: str) -> str:
    """Why a figure in ``unit`` (normalised) and of kind ``measure`` cannot be stated under
    ``definition``, as the extractor decides it; "" when it can (or the key lists no units)."""
    units = definition.units.split()
    if not units:
        return ""
    if not takes_measure(units, measure):
        return f"指标“{definition.name}”不收增减数字(其单位不含“{CHANGES_UNIT}”或“{CUTS_UNIT}”)。"
    base_unit = unit_to_list(base_of(Decimal(1), unit)[1], measure)
    if base_unit in units:
        return ""
    return (
        f"指标“{definition.name}”的单位是“{' '.join(units)}”,不含“{base_unit or '(无单位)'}”:"
        "请改选指标,或在“改为单位”填上合适的单位,或先在指标定义里加上这个单位。"
    )
