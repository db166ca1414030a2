"""``import_report``: one report file in, stored with its agency, place and sections, or refused.

The pipeline reads top to bottom: bytes → text → page furniture separated from the report →
report facts (title, agency, year, dates) → place in the division table → heading tree →
one transaction. The import command, the admin upload and the tests all come through here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from enum import StrEnum
from urllib.parse import urlsplit

from auditlog.models import LogEntry
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.functions import Length

from reports.hanzi import to_simplified, traditional_share
from reports.indicators.store import (
    CarriedCorrections,
    carry_corrections,
    extract_and_store,
    extract_on_commit,
)
from reports.models import Agency, Region, Report, Section, SourceFile
from reports.reading_rules import reading_rules_version
from reports.regions import (
    STATE_OFFICE_AFTER_SHORT_FORM,
    ZONE_ADMINISTRATION,
    ZONE_AFTER_SHORT_FORM,
    ZONE_KIND_WORDS,
    ZONE_WITH_ITS_DIVISION,
    Place,
    central_branch,
    central_organ_at,
    get_division_table,
    host_place,
    narrow_by_evidence,
    new_area_at,
    on_government_site,
    place_for_code,
    places_with_town,
    reposting_place,
    resolve_place,
    without_leading_places,
)
from reports.search import index_reports, reindex_on_commit
from reports.versions import other_versions

from .completeness import CUT_REASON, text_is_cut
from .decoding import decode_report_bytes, markup_kind
from .errors import RejectedFile, file_too_large
from .metadata import (
    ORGAN_LEVEL_WORD,
    PILOT_FREE_TRADE_ZONE,
    ReportFacts,
    detect_report_facts,
    split_place,
    stated_agency_name,
)
from .mhtml import MHTML_SUFFIXES
from .organs import full_organ_name
from .page import Page, extract_page
from .page.fields import date_in_address
from .sections import SectionDraft, split_sections

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", *MHTML_SUFFIXES)
GOVERNMENT_ORGAN = "人民政府"


class ImportStatus(StrEnum):
    CREATED = "created"  # a report not seen before
    NEW_VERSION = "new_version"  # same agency and year, different text: the earlier one is superseded
    UNCHANGED = "unchanged"  # the very same file was imported before
    DUPLICATE = "duplicate"  # another file with the same report text was imported before
    FAILED = "failed"  # refused, with a reason; nothing stored


@dataclass(frozen=True)
class ReportOverrides:
    """Facts a person states at upload time; they win over what detection finds."""

    year: int | None = None
    published_on: date | None = None
    source_url: str = ""
    region_code: str = ""
    agency_name: str = ""

    def as_stated(self) -> dict[str, object]:
        """What was stated, as a report keeps it (``Report.stated``): the fields given."""
        stated = {name: value for name, value in asdict(self).items() if value not in (None, "")}
        if self.published_on:
            stated["published_on"] = self.published_on.isoformat()
        return stated

    @classmethod
    def from_stated(cls, stated: dict[str, object]) -> ReportOverrides:
        published = stated.get("published_on")
        return cls(**{**stated, "published_on": date.fromisoformat(published) if published else None})


@dataclass(frozen=True)
class ImportOutcome:
    filename: str
    status: ImportStatus
    report_id: int | None = None
    reason: str = ""
    # For a refusal, ``RejectedFile.code`` (e.g. "needs_ocr" for a scanned PDF).
    code: str = ""

    @property
    def failed(self) -> bool:
        return self.status is ImportStatus.FAILED

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.filename,
            "status": str(self.status),
            "report_id": self.report_id,
            "reason": self.reason,
            "code": self.code,
        }


@dataclass(frozen=True)
class ParsedReport:
    """Everything learned from one file before anything is stored."""

    page: Page
    facts: ReportFacts
    agency_name: str
    agency_kind: str
    agency_level: str
    place: Place | None
    region_note: str
    sections: list[SectionDraft]
    # The page's address: as the upload stated it, else as the page gives it ("" when neither).
    source_url: str


def import_report(
    data: bytes,
    *,
    filename: str,
    overrides: ReportOverrides | None = None,
) -> ImportOutcome:
    """Parse and store one report file. Never raises for bad input: a refusal is an outcome."""
    overrides = overrides or ReportOverrides()
    file_sha256 = hashlib.sha256(data).hexdigest()

    known_file = SourceFile.objects.filter(sha256=file_sha256).first()
    if known_file is not None:
        report = known_file.reports.order_by("-is_current", "-pk").first()
        if report is not None:
            note = f"同一文件已导入为报告 #{report.pk}"
            if not report.is_current and report.superseded_by_id:
                note += f"(旧版本,现行版本是 #{report.superseded_by_id})"
            return ImportOutcome(filename, ImportStatus.UNCHANGED, report.pk, note)

    try:
        parsed = parse_report_file(data, filename=filename, overrides=overrides)
    except RejectedFile as exc:
        return ImportOutcome(filename, ImportStatus.FAILED, reason=exc.reason, code=exc.code)

    text_sha256 = fingerprint_text(parsed.page.text)
    twin = Report.objects.filter(text_sha256=text_sha256).first()
    if twin is not None:
        return ImportOutcome(
            filename, ImportStatus.DUPLICATE, twin.pk, f"与已有报告 #{twin.pk}《{twin.title}》正文相同"
        )

    try:
        report, status, note = _store(
            parsed,
            data=data,
            filename=filename,
            file_sha256=file_sha256,
            text_sha256=text_sha256,
            overrides=overrides,
        )
    except RejectedFile as exc:
        return ImportOutcome(filename, ImportStatus.FAILED, reason=exc.reason, code=exc.code)
    except KeptStoredReport as exc:
        return ImportOutcome(filename, ImportStatus.DUPLICATE, exc.stored.pk, exc.reason)
    except IntegrityError:
        # A concurrent import of the same file or text won the race; report what is stored now.
        twin = Report.objects.filter(text_sha256=text_sha256).first()
        if twin is None:
            raise
        return ImportOutcome(filename, ImportStatus.DUPLICATE, twin.pk, f"与已有报告 #{twin.pk} 正文相同")
    from .near_copies import near_copy_note  # it measures with this module's text_overlap

    return ImportOutcome(filename, status, report.pk, note + near_copy_note(report))


def parse_report_file(
    data: bytes, *, filename: str, overrides: ReportOverrides | None = None
) -> ParsedReport:
    """The pure part of the import: everything except the database writes."""
    overrides = overrides or ReportOverrides()
    if len(data) > settings.REPORT_MAX_BYTES:
        raise RejectedFile(file_too_large(len(data), settings.REPORT_MAX_BYTES))
    raw_text = decode_report_bytes(data, filename=filename)
    # A page saved under another name (t20240315_1, report.txt) is still a page.
    is_html = filename.lower().endswith(HTML_SUFFIXES) or markup_kind(raw_text) == "html"
    page = extract_page(raw_text, is_html=is_html)
    address = overrides.source_url or page.source_url or ""
    # A government page that states no date often has it in its address (…/t20240315_1.html);
    # a copy elsewhere has the day it was copied.
    day = date_in_address(address) if on_government_site(address) else None
    if day is not None and day > date.today():
        day = None
    facts = detect_report_facts(
        page,
        agency=stated_agency_name(overrides.agency_name),
        year=overrides.year,
        address_day=day,
        source_url=address,
    )
    if overrides.published_on:
        facts = replace(facts, published_on=overrides.published_on)
    elif facts.published_on is None and day is not None and facts.year <= day.year:
        facts = replace(facts, published_on=day, published_on_inferred=True)
    # Places are looked up in simplified characters: 南陽市 is 南阳市, 朝陽區 朝阳区.
    stated_agency = to_simplified(facts.agency_name)
    context = "\n".join(
        part for part in (page.publisher, page.title, page.text[:600], page.text[-200:]) if part
    )
    national = central_organ_at(stated_agency) is not None
    # A central organ's local branch (国家税务总局北京市税务局) is placed by the name after it.
    central, local_name = central_branch(stated_agency) or ("", stated_agency)
    # 中国(上海)自由贸易试验区…, placed by its brackets as 上海自由贸易试验区 is, keeps its own name.
    if free_trade_zone := PILOT_FREE_TRADE_ZONE.match(local_name):
        local_name = free_trade_zone.group(1) + local_name[free_trade_zone.end() :]
    named_from_above = False
    if overrides.region_code:
        place = place_for_code(overrides.region_code)
        if place is None:
            raise RejectedFile(f"未知的行政区划代码 {overrides.region_code}")
        resolution_note = ""
        matched = _leading_place_text(local_name, place)
        # a city bureau's branch in the district chosen (广州市公安局荔湾区分局 at 荔湾区) names
        # itself in full: not 广州市荔湾区广州市公安局荔湾区分局
        named_from_above = not matched and _opens_with_a_place_above(local_name, place)
    elif national:
        place, matched, resolution_note = None, "", ""  # a ministry: no region
    else:
        resolution = resolve_place(
            local_name, index_number=page.index_number, context=context, source_url=address
        )
        place, matched, resolution_note = resolution.place, resolution.matched, resolution.note
        new_area = new_area_at(local_name)
        if new_area and (place is None or place.code in get_division_table().ancestors(new_area.place.code)):
            # 两江新区 names no place; 江北新区 is 南京's, not 宁波's or 重庆's 江北区; after its
            # province's name (湖南省湘江新区) it still lies in its city
            said = "名称未写明所属地区" if place is None else f"名称只写明{place.full_name}"
            place, local_name, matched = new_area.place, new_area.rest, ""
            resolution_note = f"{said},{new_area.area}在{place.full_name}"
        if place is None:
            placed = _place_from_other_evidence(
                local_name[len(matched) :],
                resolution.candidates,
                township=facts.agency_level == "township",
                index_number=page.index_number,
                context=context,
                source_url=address,
            )
            if placed is not None:
                place, organ, resolution_note = placed
                local_name = local_name[: len(matched)] + organ

    agency_name = stated_agency
    agency_kind = facts.agency_kind
    agency_level = "national" if national else facts.agency_level
    if place is not None:
        organ = local_name[len(matched) :] if matched else local_name
        if (level_word := ORGAN_LEVEL_WORD.match(organ)) and place.prefix.endswith(level_word.group(1)):
            organ = organ[level_word.end() :]  # 区司法局 at 洛阳市老城区: 老城区司法局, not 老城区区司法局
        if matched and _ZONE_NAMED_AFTER_SHORT_FORM.match(organ) and not place.prefix.endswith(matched):
            # 长春新区 is the zone's own name: 长春市长春新区管理委员会 (重庆涪陵高新区: 涪陵高新区)
            organ = without_leading_places(matched, get_division_table().ancestors(place.code)) + organ
        if not (free_trade_zone or named_from_above or _OFFICE_OF_THE_STATE.search(organ)):  # own names kept
            agency_name = central + place.prefix + (organ or GOVERNMENT_ORGAN)
            if not organ:
                agency_kind = "government"  # a place alone stated names its government (焦作市)
        # A town sits at its county's place but below it, and so does a zone the division table
        # does not know (天津滨海高新区 is no province-level government).
        if agency_level != "township":
            agency_level = _level_below(place, organ) if _ZONE.match(organ) else place.level
        if branch_place := _branch_seat(place, organ):
            place, agency_level = branch_place, branch_place.level
        elif (merged := ZONE_WITH_ITS_DIVISION.search(organ)) and (
            district := _division_in(place, merged.group(1))
        ):
            place, agency_level = district, district.level  # the zone is its district's administration

    if facts.title_made:
        # The title the site makes names the organ in full, and by the agency it is filed as
        # when the text named it by its level alone (县人民政府: 贵阳市开阳县人民政府).
        named = facts.agency_name if split_place(facts.agency_name)[0] else agency_name
        title = facts.title.replace(facts.agency_name, full_organ_name(named), 1)
        facts = replace(facts, title=title)
    return ParsedReport(
        page=page,
        facts=facts,
        agency_name=full_organ_name(agency_name),
        agency_kind=agency_kind,
        agency_level=agency_level,
        place=place,
        region_note=resolution_note,
        sections=split_sections(page.text, year=facts.year),
        source_url=address,
    )


# A development or other zone named after its place (滨海高新区, 经济技术开发区, 东疆综合保税区),
# or a district the division table does not know (怀化市洪江区人民政府, a management district).
_ZONE = re.compile(
    rf"[\u4e00-\u9fff]{{0,12}}?(?:{'|'.join(ZONE_KIND_WORDS)}|(?<!地)[区县](?=人民政府|管委会|管理委员会))"
)


# Customs and maritime offices the central government keeps in a place go by names of their own
# (大连海事局, 黄埔海关), not made from the place's full name as a local organ's is.
_OFFICE_OF_THE_STATE = re.compile(rf"(?:{STATE_OFFICE_AFTER_SHORT_FORM})$")
# A city bureau's branch in one of its districts (公安局渝北区分局, 生态环境局中站分局).
_BRANCH = re.compile(r"局(?P<seat>[\u4e00-\u9fff]{2,10}?)分局$")
# The seat's division word, after which a branch may name its bureau's work again (公安局增城区公安分局).
_SEAT_END = re.compile(r"[区县市旗]")


def _branch_seat(place: Place, organ: str) -> Place | None:
    """The district or county inside ``place`` where a bureau's branch sits (重庆市公安局渝北区分局:
    渝北区; 焦作市生态环境局中站分局: 中站区), or None: the branch reports at its seat's level."""
    match = _BRANCH.search(organ)
    if match is None:
        return None
    written = match.group("seat")
    for seat in (written, *(written[: end.end()] for end in _SEAT_END.finditer(written))):
        if (found := _division_in(place, seat)) is not None:
            return found
    return None


def _division_in(place: Place, name: str) -> Place | None:
    """The one division inside ``place`` that ``name`` names, or None."""
    table = get_division_table()
    found = {code for code, _kind in table.lookup(name) if place.code in table.ancestors(code)}
    return table.place(found.pop()) if len(found) == 1 else None


# After a place's short form, a zone's word makes the short form part of the zone's own name
# (长春新区, 宁波高新区), unlike after a full name (宁波市高新区).
_ZONE_NAMED_AFTER_SHORT_FORM = re.compile(ZONE_AFTER_SHORT_FORM)


def _place_from_other_evidence(
    organ: str,
    candidates: Sequence[Place],
    *,
    township: bool,
    index_number: str | None,
    context: str,
    source_url: str,
) -> tuple[Place, str, str] | None:
    """For a name whose place words settle nothing (``organ``: what follows them, ``candidates``:
    the places they may mean), the place a town's name or the page's address gives, the organ's
    name without words of that place, and a note saying how; None when neither settles it.

    Raises ``RejectedFile`` for an organ named by its level alone or with no place at all
    (省司法厅, 区城市管理局, 城市管理局): stored without a place, every province's or district's
    reports would share one agency."""
    if township:
        place, by_address = _place_of_town(
            organ, candidates, index_number=index_number, context=context, source_url=source_url
        )
        if place is not None:
            how = "乡镇(街道)名称和来源网址" if by_address else "乡镇(街道)名称"
            return place, organ, f"名称未写明所属县区,据{how}定为{place.full_name}"
    if candidates:
        return None  # an ambiguous place name: the candidates and their note stand
    if placed := _placed_by_host(organ, source_url, township=township):
        place, organ = placed
        return place, organ, f"名称未写明所属地区,据来源网址({_host(source_url)})定为{place.full_name}"
    if not township and (ORGAN_LEVEL_WORD.match(organ) or not split_place(organ)[0]):
        address = (
            f"来源网址 {_host(source_url)} 也未能定出是哪里的"
            if source_url
            else "或填写报告的来源网址(政府网站的网址可以定出地区)"
        )
        raise RejectedFile(
            f"报告机关“{organ}”没有写明是哪个地方的:请在上传时填写机关全称;{address}"
            " (agency named without its place)",
            code="agency_without_place",
        )
    return None


def _host(url: str) -> str:
    return urlsplit(url.strip()).hostname or url


def _place_of_town(
    organ: str,
    candidates: Sequence[Place],
    *,
    index_number: str | None,
    context: str,
    source_url: str,
) -> tuple[Place | None, bool]:
    """The one county (or city) among ``candidates``, or anywhere when there are none, that has
    a town called as ``organ`` names it, the report's evidence choosing between several (城关镇:
    88 counties), or None; and whether the page's address had to choose. A website spelling
    another place wins over the table, which lists the towns of 2023 only, unless it spells it
    by a few initials alone (ws.cq.gov.cn: 万盛, not the 巫山县 its letters now fit)."""
    table = get_division_table()
    codes = list(places_with_town(organ))
    if candidates:
        allowed = {place.code for place in candidates}
        codes = [code for code in codes if code in allowed]
    codes = narrow_by_evidence(table, codes, index_number=index_number, context=context)
    by_address = len(codes) > 1 and bool(source_url)
    if by_address:
        codes = narrow_by_evidence(table, codes, source_url=source_url)
    if len(codes) != 1:
        return None, by_address
    hosted = host_place(source_url, spelt_out=True)
    if hosted is not None and not table.nested(hosted.code, codes[0]):
        return None, by_address
    return table.place(codes[0]), by_address


def _placed_by_host(name: str, source_url: str, *, township: bool) -> tuple[Place, str] | None:
    """The place a placeless name's website spells and the name without any words of that
    place (河源东源产业园区管委会 on gddongyuan.gov.cn: 东源县, 产业园区管委会), or None when
    the host spells no single place or one that does not fit the name: its level word must be
    the place's (区司法局 is not placed on a city's site); a town, or a zone's committee (五象新区
    管理委员会 on nnwxxq.gxzf.gov.cn, which is 南宁's), is not placed on a province's."""
    level_word = None if township else ORGAN_LEVEL_WORD.match(name)
    place = host_place(
        source_url,
        fits=lambda place: level_word is None or place.name.endswith(level_word.group(1)),
        short_labels=level_word is not None,
    )
    below_a_province = township or ZONE_ADMINISTRATION.search(name) is not None
    if place is None or (below_a_province and place.level == "province"):
        return None
    organ = name  # a town's name is its own (海安街道 on haian.gov.cn)
    if not township:
        table = get_division_table()
        organ = without_leading_places(organ, (place.code, *table.ancestors(place.code)))
        if any(table.lookup(organ[:length]) for length in range(2, table.longest_name + 1)):
            return None  # another place's name: 荆州公安局 on a site that spells 徐闻县
        if level := ORGAN_LEVEL_WORD.match(organ):
            organ = organ[level.end() :]
    return (place, organ) if len(organ) >= 2 else None


def _level_below(place: Place, organ: str) -> str:
    """The level of a unit inside ``place`` but not in the division table: a province's zone
    ranks with its cities, a municipality's or a city's with their districts, a county's with
    its towns (涪陵高新区管委会 is no district government beside 涪陵区's own; but a county's
    新区建设管理委员会 is one of its departments, not a zone's administration)."""
    if place.level == "province" and not place.province.endswith("市"):
        return "city"
    if place.level == "county":
        return "township" if ZONE_ADMINISTRATION.search(organ) else "county"
    return "county"


def fingerprint_text(text: str) -> str:
    """Hash of the report text with width, whitespace and traditional/simplified differences
    folded away: a mirror page in traditional characters is the same report (migration 0024)."""
    return hashlib.sha256(_folded(text).encode("utf-8")).hexdigest()


def _folded(text: str) -> str:
    return to_simplified(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))


# Runs of this many characters: long enough that two reports of one kind rarely share one
# outside stock phrases, short enough that a revision leaves most of them in place.
_SHINGLE = 8
# Share of the shorter text's runs that the longer one holds. Versions of one report (a
# corrected figure, a re-scraped page, an opening beside the full text) share nearly all; two
# reports of neighbouring years from one template share a third at most (measured on the
# held-out openings: 0.68 for a township that reused its report of two years before).
VERSION_OVERLAP = 0.5


def text_overlap(earlier: str, later: str) -> float:
    """How much of the shorter text the longer one holds, by runs of ``_SHINGLE`` characters,
    with the differences ``fingerprint_text`` ignores folded away (0 to 1)."""
    runs = [_shingles(_folded(text)) for text in (earlier, later)]
    shorter = min(len(runs[0]), len(runs[1]))
    return len(runs[0] & runs[1]) / shorter if shorter else 0.0


def _shingles(text: str) -> set[str]:
    return {text[i : i + _SHINGLE] for i in range(max(1, len(text) - _SHINGLE + 1))} if text else set()


def _leading_place_text(name: str, place: Place) -> str:
    """The place words ``name`` opens with, up to ``place``'s own name (河南省洛阳市西工区司法局:
    河南省洛阳市西工区), or "" when it does not name ``place``."""
    rest = without_leading_places(name, get_division_table().ancestors(place.code))
    for candidate in (place.prefix, place.name):
        if rest.startswith(candidate):
            return name[: len(name) - len(rest) + len(candidate)]
    return ""


def _opens_with_a_place_above(name: str, place: Place) -> bool:
    return without_leading_places(name, get_division_table().ancestors(place.code)) != name


@transaction.atomic
def _store(
    parsed: ParsedReport,
    *,
    data: bytes,
    filename: str,
    file_sha256: str,
    text_sha256: str,
    overrides: ReportOverrides,
) -> tuple[Report, ImportStatus, str]:
    region = Region.objects.get(code=parsed.place.code) if parsed.place else None
    name = to_simplified(parsed.agency_name)
    region_note = parsed.region_note
    source_url = parsed.source_url
    if region is None and (known := _agency_of_the_site(name, source_url)):
        agency = known
        region_note = f"同一网站({_host(source_url)})此前的报告已定为{known.name}"
    else:
        agency = _agency_at(name, region, parsed)
    source_file, _ = SourceFile.objects.get_or_create(
        sha256=file_sha256, defaults={"name": filename[-255:], "size": len(data), "data": data}
    )
    # Lock the current version, if any, so two imports for one agency and year queue up.
    previous = (
        Report.objects.select_for_update()
        .filter(agency=agency, year=parsed.facts.year, is_current=True)
        .first()
    )
    if previous is None:
        # A report staff withdrew (unticked 现行版本, as a refusal below advises for a rewritten
        # report) is replaced whatever its text: else it stayed hidden with nothing pointing to it.
        previous = (
            Report.objects.select_for_update()
            .filter(agency=agency, year=parsed.facts.year, is_current=False, superseded_by=None)
            .order_by("-imported_at", "-pk")
            .first()
        )
    elif (overlap := text_overlap(previous.text, parsed.page.text)) < VERSION_OVERLAP:
        # Not a revision of the stored report but another text, most often a report whose
        # agency or year was read wrongly: superseding would hide a real report.
        raise RejectedFile(_another_text(previous, overlap, overrides), code="not_a_version")
    if previous is not None and previous.is_current:
        if reprint := _reprint_of(previous, parsed.page.text, source_url):
            raise ReprintOfStoredReport(previous, reprint)
        if not previous.text_cut and text_is_cut(parsed.page.text):
            raise CutCopyOfStoredReport(previous)
        previous.is_current = False
        previous.save(update_fields=["is_current"])

    page, facts = parsed.page, parsed.facts
    report = Report.objects.create(
        agency=agency,
        year=facts.year,
        title=facts.title[:255],
        title_made=facts.title_made,
        published_on=facts.published_on,
        published_on_inferred=facts.published_on_inferred,
        signed_on=facts.signed_on,
        publisher=(page.publisher or "")[:128],
        index_number=(page.index_number or "")[:64],
        source_url=source_url[:500],
        source_file=source_file,
        text=page.text,
        text_cut=text_is_cut(page.text),
        text_sha256=text_sha256,
        region_note=region_note[:255],
        read_with=reading_rules_version(),
        stated=overrides.as_stated(),
    )
    sections = store_sections(report, parsed.sections)
    carried = None
    if previous is not None:
        carried = carry_corrections(previous, report)  # staff work on figures the new text still states
        _carry_report_corrections(previous, report, parsed)
    # Every stated quantity, traced to its section; a new version gets its own values.
    extract_and_store(report, sections=sections)
    # Searchable as soon as this transaction commits; the superseded version drops out too.
    index_reports([report.pk] if previous is None else [report.pk, previous.pk])
    checks = _readings_to_check(report, region_note, parsed)
    if previous is not None:
        previous.superseded_by = report
        previous.save(update_fields=["superseded_by"])
        replaced = f"替换了此前收录的 #{previous.pk}《{previous.title}》。"
        return report, ImportStatus.NEW_VERSION, "".join((replaced, _carried_note(previous, carried), checks))
    return report, ImportStatus.CREATED, checks


def _another_text(stored: Report, overlap: float, overrides: ReportOverrides) -> str:
    """The refusal of a text that is not a version of ``stored``, though read as the same
    agency's and year's: how to put right either reading, by what the admin allows."""
    this_one = (
        "请核对上传时填写的机关与年度"
        if overrides.agency_name or overrides.year
        else "请在上传时填写机关与年度"
    )
    if versions := other_versions(stored):
        # a version's agency or year cannot be corrected alone (reports.versions)
        numbers = "、".join(f"#{version.pk}" for version in versions)
        stored_one = f"它与 {numbers} 是同一报告的不同版本,请在管理后台删除这些版本后重新上传并填写机关与年度"
    else:
        stored_one = "请在管理后台更正它的机关或年度后再导入"
    return (
        f"{stored.agency.name}{stored.year}年已有报告 #{stored.pk}《{stored.title}》,"
        f"而这份正文与它只有{overlap:.0%}相同,不像同一报告的新版本:两份中有一份的机关或年度认错了。"
        f"若是这一份,{this_one};若是 #{stored.pk},{stored_one};"
        f"如确为重写的新版本,请先取消 #{stored.pk} 的“现行版本”再导入"
        " (different text for an agency and year that already have a report)"
    )


def _readings_to_check(report: Report, region_note: str, parsed: ParsedReport) -> str:
    """What staff should look at in a stored report, for the import's outcome: an agency left
    without a place, a text that seems cut short, and what the reading of its facts noted."""
    checks = []
    agency = report.agency
    if agency.region_id is None and agency.level != Region.Level.NATIONAL:
        why = f"({region_note})" if region_note else ""
        checks.append(f"机关所属地区未能确定{why},请在“机关”管理页为“{agency.name}”选择所属地区")
    if report.text_cut:
        checks.append(f"正文可能不完整({CUT_REASON}),如有完整的文件,请上传以替换")
    checks += parsed.facts.warnings
    return f"请核对:{';'.join(checks)}。" if checks else ""


def _carried_note(previous: Report, carried: CarriedCorrections | None) -> str:
    """What became of the earlier version's staff corrections, for the import's outcome."""
    if carried is None or not (carried.carried or carried.left):
        return ""
    note = f"旧版本 #{previous.pk} 的人工校正:{carried.carried} 条已沿用到新版本"
    if carried.left:
        figures = "、".join(carried.left[:5]) + ("等" if len(carried.left) > 5 else "")
        note += (
            f";{len(carried.left)} 条({figures})在新版本中前后文字已改动或不止一处,未沿用,请在新版本上核对"
        )
    return note + "。"


# Report fields whose staff correction a new version takes over when its page reads as the
# previous one's did (the agency and year are the chain's own).
_CARRIED_FIELDS = ("title", "published_on", "signed_on")


def _carry_report_corrections(previous: Report, report: Report, parsed: ParsedReport) -> None:
    """Give ``report`` the staff corrections of ``previous``'s title and dates where its page
    reads as ``previous``'s did (the same title or date staff corrected); where it reads
    otherwise, the new page's own reading stands."""
    corrections = list(previous.corrections.filter(field__in=_CARRIED_FIELDS))
    if not corrections:
        return
    try:
        earlier = parse_report_file(
            bytes(previous.source_file.data),
            filename=previous.source_file.name,
            overrides=ReportOverrides(source_url=previous.source_url),
        )
    except RejectedFile:
        return  # read only with what its upload stated: nothing to compare with
    for correction in corrections:
        field = correction.field
        if getattr(earlier.facts, field) != getattr(parsed.facts, field):
            continue
        correction.pk = None
        correction.report = report
        correction.save()
        if field == "title":
            report.title, report.title_made = correction.value, False
        else:
            setattr(report, field, date.fromisoformat(correction.value) if correction.value else None)
            if field == "published_on":
                report.published_on_inferred = False
    report.save()


def _agency_at(name: str, region: Region | None, parsed: ParsedReport) -> Agency:
    """The agency ``name`` at ``region``, made when new. One agency whatever script a page used
    (北京市朝陽區人民政府 is 北京市朝阳区人民政府), and one whatever fullness of name: staff may
    have placed an agency under the shorter name an earlier report gave it (牛田镇人民政府, set
    to 桃江县), and 益阳市桃江县牛田镇人民政府 at that place is the same organ."""
    if region is not None:
        # The same name without some of the places it starts with (not 交通局 for 公共交通局).
        shorter = [
            name[start:] for start in range(1, len(name) - _SHORTEST_NAME + 1) if _only_places(name[:start])
        ]
        placed = Agency.objects.filter(region=region, name__in=shorter).order_by(Length("name").desc())
        if agency := placed.first():
            return agency
    return agency_as_read(name, region, parsed)


def agency_as_read(name: str, region: Region | None, parsed: ParsedReport) -> Agency:
    """The agency ``name`` at ``region``, made when new. One that older reading rules made takes
    the kind and level the rules read now (兴安盟行政公署 was filed as a department), unless staff
    set them in the admin, adding or editing it: the audit log holds that entry, made in a
    request (an import's entries are made by the worker, outside one)."""
    read = {"kind": parsed.agency_kind, "level": parsed.agency_level}
    agency, created = Agency.objects.get_or_create(name=name, region=region, defaults=read)
    if created or (agency.kind, agency.level) == (read["kind"], read["level"]):
        return agency
    entries = LogEntry.objects.get_for_object(agency)
    if not entries.filter(remote_addr__isnull=False, changes__has_any_keys=list(read)).exists():
        agency.kind, agency.level = read["kind"], read["level"]
        agency.save(update_fields=list(read))  # in the audit log: staff see why it changed
        reindex_on_commit(agency, list(read))  # its reports' search rows copy both
        extract_on_commit(agency, list(read))  # and their figures' scopes follow both
    return agency


def _agency_of_the_site(name: str, source_url: str) -> Agency | None:
    """The one placed agency whose name ends with ``name`` (a place's name shared by several
    places: 铁东区人民政府, 白云区人民政府) that the library holds reports of from the same
    government site: tiedong.gov.cn serves one 铁东区, and an earlier report from it that named
    its city has settled which. None when the site is no government's, or it is not one agency."""
    host = urlsplit(source_url.strip()).hostname or ""
    chain = split_place(name)[0]
    if not on_government_site(source_url) or not chain or host in _PORTALS_OF_MANY_PLACES:
        return None
    # A province's or city's portal (jiangsu.gov.cn) may host the reports of each of its 鼓楼区.
    if (site := host_place(source_url)) is not None:
        table = get_division_table()
        namesakes = [code for code, _kind in table.lookup(chain[-1]) if table.nested(code, site.code)]
        if len(namesakes) > 1:
            return None
    agencies = list(
        Agency.objects.filter(
            region__isnull=False,
            name__endswith=name,
            reports__is_current=True,
            reports__source_url__iregex=rf"^https?://{re.escape(host)}[:/]",
        ).distinct()[:2]
    )
    return agencies[0] if len(agencies) == 1 else None


def _only_places(text: str) -> bool:
    """Whether ``text`` is a chain of place names and nothing else (益阳市桃江县, not 益阳市公共)."""
    chain, rest = split_place(text)
    return bool(chain) and not rest


# The central government's portals publish the reports of places of every province.
_PORTALS_OF_MANY_PLACES = frozenset({"www.gov.cn", "gov.cn"})
# The shortest agency name a fuller one may be taken for (司法局, 牛田镇政府 are longer).
_SHORTEST_NAME = 3


class KeptStoredReport(Exception):
    """The text shares the stored current report's wording but must not replace it: the import
    stores nothing and reports a duplicate of the stored report, with ``reason``."""

    def __init__(self, stored: Report, reason: str) -> None:
        self.stored = stored
        self.reason = reason
        super().__init__(reason)


class ReprintOfStoredReport(KeptStoredReport):
    """The text is the stored current report copied elsewhere: not a new version of it."""

    def __init__(self, stored: Report, why: str) -> None:
        super().__init__(
            stored,
            f"与已有报告 #{stored.pk}《{stored.title}》是同一报告的转载({why}),"
            f"未替换政府网站发布的版本;如确为新版本,请先取消 #{stored.pk} 的“现行版本”再导入"
            " (a reprint of a stored report)",
        )


class CutCopyOfStoredReport(KeptStoredReport):
    """The text stops inside a sentence where the stored current version is whole: part of the
    report (a download or copy cut short), which would put a shorter text in its place in search
    and comparisons."""

    def __init__(self, stored: Report) -> None:
        super().__init__(
            stored,
            f"这份正文在句中断开,不完整;已有报告 #{stored.pk}《{stored.title}》是完整的,未被替换。"
            f"如有完整的新版本,请上传完整的文件;如确要以这份替换,请先取消 #{stored.pk} 的“现行版本”再导入"
            " (a cut copy of a whole stored report)",
        )


# Share of a text's Chinese characters that are traditional, above which it was written in
# traditional script (a simplified page has none; a mirror's converted page a fifth or more).
_TRADITIONAL_SHARE = 0.05


def _reprint_of(stored: Report, text: str, source_url: str) -> str:
    """Why a text sharing the wording of the ``stored`` current report is a copy of it rather
    than a revision, or "": from a site that is no government's, or the site of a government
    below the publisher's place, when the stored one came from the publisher's own, or in
    traditional characters when the stored one is in simplified. Such copies are cut at other
    lengths, so their fingerprints differ; superseding the official page would hide its 索引号,
    publisher and address behind a mirror's."""
    if source_url and on_government_site(stored.source_url) and not stored.from_other_site:
        if not on_government_site(source_url):
            return f"来源 {_host(source_url)} 不是政府网站"
        region = stored.agency.region
        if region is not None and (below := reposting_place(source_url, region.code)):
            return f"来源 {_host(source_url)} 是{below.name}政府的网站,发布机关在其上级"
    if traditional_share(text) >= _TRADITIONAL_SHARE > traditional_share(stored.text):
        return "繁体字转载页"
    return ""


def store_sections(report: Report, drafts: Sequence[SectionDraft]) -> list[Section]:
    """Write the report's heading tree, one row per draft in reading order."""
    return Section.objects.bulk_create(
        Section(report=report, position=position, **asdict(draft)) for position, draft in enumerate(drafts)
    )
