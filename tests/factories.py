"""Plain functions that create library rows for tests, with sensible defaults.

Regions use real GB/T 2260 codes through ``get_or_create``, so the factories work both on an
empty table and after the data migration has loaded the real division table.
"""

from __future__ import annotations

import hashlib
import itertools
from decimal import Decimal
from typing import Any

from reports.indicators.store import extract_and_store
from reports.ingest.completeness import text_is_cut
from reports.models import Agency, IndicatorValue, Region, Report, Section, SourceFile

# code: (name, level, parent code)
REAL_REGIONS: dict[str, tuple[str, str, str | None]] = {
    "500000": ("重庆市", "province", None),
    "500110": ("綦江区", "county", "500000"),
    "500152": ("潼南区", "county", "500000"),
    "640000": ("宁夏回族自治区", "province", None),
    "640300": ("吴忠市", "city", "640000"),
    "640302": ("利通区", "county", "640300"),
    "640303": ("红寺堡区", "county", "640300"),
    "410000": ("河南省", "province", None),
    "411000": ("许昌市", "city", "410000"),
    "411002": ("魏都区", "county", "411000"),
    # two districts of one name (鼓楼区), in two provinces
    "320000": ("江苏省", "province", None),
    "320100": ("南京市", "city", "320000"),
    "320106": ("鼓楼区", "county", "320100"),
    "350000": ("福建省", "province", None),
    "350100": ("福州市", "city", "350000"),
    "350102": ("鼓楼区", "county", "350100"),
}

_serial = itertools.count(1)


def region(code: str) -> Region:
    """The region with this real code, creating it (and its ancestors) if absent."""
    name, level, parent_code = REAL_REGIONS[code]
    parent = region(parent_code) if parent_code else None
    row, _ = Region.objects.get_or_create(
        code=code,
        defaults={"name": name, "level": level, "parent": parent, "first_year": 1980, "last_year": 2024},
    )
    return row


def agency(
    name: str | None = None,
    *,
    region_code: str | None = "500110",
    kind: str = Agency.Kind.GOVERNMENT,
    level: str | None = None,
) -> Agency:
    """An agency in ``region_code`` (None: place unknown); its level defaults to the region's."""
    place = region(region_code) if region_code else None
    if name is None:
        base = place.full_name if place else "某地"
        name = f"{base}人民政府" if kind == Agency.Kind.GOVERNMENT else f"{base}司法局{next(_serial)}"
    return Agency.objects.create(
        name=name,
        kind=kind,
        level=level or (place.level if place else Region.Level.COUNTY),
        region=place,
    )


def source_file(data: bytes | None = None, *, name: str = "报告.txt") -> SourceFile:
    data = data if data is not None else f"原始文件 {next(_serial)}".encode()
    return SourceFile.objects.create(
        sha256=hashlib.sha256(data).hexdigest(), name=name, size=len(data), data=data
    )


def indicator_value(
    number: str, unit: str = "件", *, start: int = 0, measure: str = "level", **fields: Any
) -> IndicatorValue:
    """An unsaved value of ``npc_suggestions`` whose sentence 办理{number}{unit}。 starts at ``start``
    (offsets as a report text holding that sentence there would give); save it to store it."""
    figure, sentence = f"{number}{unit}", f"办理{number}{unit}。"
    return IndicatorValue(
        report_id=fields.pop("report_id", 1),
        key=fields.pop("key", "npc_suggestions"),
        value=Decimal(number),
        unit=unit,
        base_value=Decimal(number),
        base_unit=unit,
        measure=measure,
        figure=figure,
        sentence=sentence,
        sentence_start=start,
        sentence_end=start + len(sentence),
        start=start + 2,
        end=start + 2 + len(figure),
        **fields,
    )


def report(
    agency_: Agency | None = None,
    *,
    year: int = 2023,
    title: str | None = None,
    text: str | None = None,
    source: SourceFile | None = None,
    **fields: Any,
) -> Report:
    """A report (current unless told otherwise) with its own source file and unique text."""
    agency_ = agency_ or agency()
    if text is not None:  # as an import would read it (the made-up default is a title line)
        fields.setdefault("text_cut", text_is_cut(text))
    else:
        text = f"{agency_.name}{year}年法治政府建设情况报告 {next(_serial)}"
    return Report.objects.create(
        agency=agency_,
        year=year,
        title=title or f"{agency_.name}{year}年法治政府建设情况报告",
        text=text,
        text_sha256=hashlib.sha256(text.encode()).hexdigest(),
        source_file=source or source_file(text.encode()),
        **fields,
    )


def new_version(old: Report, **fields: Any) -> Report:
    """A newer version of ``old`` (same agency and year); ``old`` becomes superseded."""
    old.is_current = False
    old.save(update_fields=["is_current"])
    new = report(old.agency, year=old.year, **fields)
    old.superseded_by = new
    old.save(update_fields=["superseded_by"])
    return new


def section(
    report_: Report,
    path: str,
    *,
    heading: str = "",
    number: str = "",
    body: str = "",
    label: str = Section.Label.MEASURES,
    topic: str = "",
    position: int | None = None,
    start: int | None = None,
    end: int | None = None,
) -> Section:
    """A section at ``path`` ("0" is the preamble); level is the path's depth.

    Without ``start``/``end`` the offsets are made up (position × 100 onwards, never overlapping).
    """
    level = 0 if path == "0" else path.count(".") + 1
    position = position if position is not None else report_.sections.count()
    start = start if start is not None else position * 100
    return Section.objects.create(
        report=report_,
        position=position,
        path=path,
        level=level,
        number=number,
        heading=heading,
        body=body,
        start=start,
        end=end if end is not None else start + len(heading) + len(body),
        label=label,
        topic=topic,
    )


def report_with_parts(
    agency: Agency, year: int, measures: str, next_steps: str = "继续推进依法行政。"
) -> Report:
    """A report with true section offsets (preamble, measures, next steps), its figures extracted."""
    preamble = f"{agency.name}{year}年法治政府建设情况报告"
    text = f"{preamble}\n一、主要举措和成效\n{measures}\n二、下一步安排\n{next_steps}\n"
    made = report(agency, year=year, text=text)
    h1, h2 = text.index("一、主要"), text.index("二、下一步")
    section(made, "0", body=preamble, label=Section.Label.PREAMBLE, start=0, end=h1)
    section(made, "1", number="一、", heading="主要举措和成效", body=measures, start=h1, end=h2)
    section(
        made,
        "2",
        number="二、",
        heading="下一步安排",
        body=next_steps,
        label=Section.Label.NEXT_STEPS,
        start=h2,
        end=len(text),
    )
    extract_and_store(made)
    return made


def definition_form(definition: Any, **changes: object) -> dict[str, object]:
    """The admin change form of a catalogue entry as a browser posts it, with ``changes``."""
    data: dict[str, object] = {
        "name": definition.name,
        "group": definition.group_id,
        "position": definition.position,
        "units": definition.units,
        "scope": definition.scope,
        "cues": definition.cues.replace("\n", "\r\n"),  # a textarea's line breaks
        "unless": definition.unless,
        "combines": definition.combines,
        "facets": definition.facets.replace("\n", "\r\n"),
        "is_active": "on" if definition.is_active else "",
    }
    return {**data, **changes}


def reports_in_provinces(count: int, body: str = "推进行政复议体制改革。") -> list[Report]:
    """One indexed report in each of the first ``count`` provinces of the division table, saying
    ``body``."""
    from reports.search import index_reports

    made = []
    provinces = Region.objects.filter(level=Region.Level.PROVINCE).order_by("code")[:count]
    assert len(provinces) == count, "the division table is not loaded"
    for place in provinces:
        government = Agency.objects.create(
            name=f"{place.name}人民政府", kind=Agency.Kind.GOVERNMENT, level=place.level, region=place
        )
        made_report = report(government, year=2023, title=f"{place.name}2023年报告")
        section(made_report, "1", number="一、", heading="举措", body=body)
        made.append(made_report)
    index_reports([r.pk for r in made])
    return made
