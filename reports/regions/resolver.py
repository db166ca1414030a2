"""``resolve_place``: the division named at the start of an agency name or title, or why not.

Reading goes left to right over the place chain province → prefecture → county, any part of
which may be left out (吴忠市利通区 never says 宁夏). At each step the longest written form
wins; later parts must lie inside earlier ones. A form several divisions share (鼓楼区) is
settled only by evidence — a code in the 索引号, the names of the units above it in the rest of
the report, the website the page came from (xncz.gov.cn: 西宁's 城中区) — and otherwise comes
back ambiguous with its candidates: it is never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .hosts import codes_spelled_by_host, host_place
from .names import NEW_AREAS, STATE_OFFICE_AFTER_SHORT_FORM, ZONE_AFTER_SHORT_FORM, ZONE_KIND_WORDS, NameKind
from .table import DivisionTable, Place, get_division_table

# What may follow a bare short form (綦江, 许昌) for it to count as a place: without such a
# marker 荆州市公安局 would read as 荆州市 + 公安(县) + 局. A zone named after its place
# (宁波高新区, 武汉经开区, 长春新区) is one, and so is any zone named with its management
# committee (郑州航空港经济综合实验区管委会), and an office of the state (大连海事局).
_SHORT_FORM_MARKERS = re.compile(
    rf"[0-9\uff10-\uff19]|二[〇零0○]|(人民)?政府|党委|[省市州县区旗]委|法治|依法"
    rf"|{STATE_OFFICE_AFTER_SHORT_FORM}|{ZONE_AFTER_SHORT_FORM}"
    rf"|[\u4e00-\u9fff]{{0,8}}?(?:{'|'.join(ZONE_KIND_WORDS)})(?:管理委员会|管委会)"
)
_LEADING_DIGITS = re.compile(r"\s*([0-9]+)")
_TOWN_AFTER_SHORT_FORM = re.compile(r"镇|乡(?!村)|街道")
_WEAK_KINDS = (NameKind.SHORT_CITY, NameKind.SHORT_COUNTY)


@dataclass(frozen=True)
class PlaceResolution:
    """The outcome of reading a place name: a place, or candidates and a note saying why not."""

    place: Place | None
    candidates: tuple[Place, ...] = ()  # set only when the name fits several places
    matched: str = ""  # the place text at the start of the input (吴忠市利通区 in 吴忠市利通区人民政府)
    note: str = ""  # a short Chinese explanation when no single place was found

    @property
    def resolved(self) -> bool:
        return self.place is not None


@dataclass
class _Segment:
    """One written division name in the chain, with the codes it may stand for."""

    text: str
    codes: dict[str, NameKind]


def resolve_place(
    text: str, *, index_number: str | None = None, context: str = "", source_url: str = ""
) -> PlaceResolution:
    """Find the division named at the start of ``text`` (an agency name or a report title).

    ``index_number`` is the page's 索引号, whose leading digits are often the publisher's division
    code; ``context`` is the rest of the report (publisher, opening paragraph, signature);
    ``source_url`` the page's address, whose gov.cn host may spell its place. All are used only
    to choose between places that share a name.
    """
    return resolve_in_table(
        get_division_table(), text, index_number=index_number, context=context, source_url=source_url
    )


def resolve_in_table(
    table: DivisionTable,
    text: str,
    *,
    index_number: str | None = None,
    context: str = "",
    source_url: str = "",
) -> PlaceResolution:
    """``resolve_place`` against an explicitly given table (tests, other data files)."""
    chain = _read_chain(table, text or "", 0, ())
    if not chain:
        return PlaceResolution(None, note="名称开头没有可识别的行政区划名称")
    matched = "".join(segment.text for segment in chain)
    last = chain[-1]
    codes = list(last.codes)
    all_codes = list(codes)

    # Evidence first, so that the rest of the report can pick even a former name's holder.
    codes = narrow_by_evidence(
        table, codes, index_number=index_number, context=context, source_url=source_url
    )
    # Then preference: a name's latest holder over its earlier ones when their years do not
    # overlap (简阳市 moved from 资阳 to 成都 in 2016; 沙县 became 沙县区), then the strongest
    # written form (a current name over a former one, 吉林 the province over 吉林市).
    codes = _drop_superseded(table, codes)
    strongest = max(last.codes[code] for code in codes)
    codes = [code for code in codes if last.codes[code] == strongest]

    if len(codes) == 1:
        place = table.place(codes[0])
        if (
            len(chain) == 1
            and place.level == "county"
            and (elsewhere := _site_elsewhere(table, place, source_url))
        ):
            # 西城区 alone, on 格尔木's site: a unit of 格尔木 the table does not know, not
            # Beijing's 西城区. The name is left unplaced rather than filed far away. Only a
            # county's bare name: a city's (深圳市 on szss.gov.cn, read as 石嘴山) is kept.
            note = f"{last.text} 只有{place.full_name}一处,但来源网址是{elsewhere.full_name}的网站,无法确定"
            return PlaceResolution(None, candidates=(place,), matched=matched, note=note)
        return PlaceResolution(place, matched=matched)
    candidates = tuple(place for code in sorted(codes) if (place := table.place(code)))
    return PlaceResolution(
        None,
        candidates=candidates,
        matched=matched,
        note=_ambiguity_note(table, last.text, candidates, total=len(all_codes)),
    )


def _site_elsewhere(table: DivisionTable, place: Place | None, source_url: str) -> Place | None:
    """The place a government site's address spells when it lies outside ``place`` and
    ``place`` outside it (neither holds the other), else None."""
    hosted = host_place(source_url, table) if source_url and place is not None else None
    return hosted if hosted is not None and not table.nested(hosted.code, place.code) else None


def narrow_by_evidence(
    table: DivisionTable,
    codes: list[str],
    *,
    index_number: str | None = None,
    context: str = "",
    source_url: str = "",
) -> list[str]:
    """Those of ``codes`` (places sharing a name) the report's evidence points at: the 索引号's
    division code, the units the rest of the report names, the page's gov.cn host. All of them
    when nothing decides."""
    codes = _filter_by_index_number(table, codes, index_number)
    codes = _filter_by_context(table, codes, context)
    if len(codes) > 1 and source_url:
        codes = codes_spelled_by_host(source_url, codes, table) or codes
    return codes


def _read_chain(table: DivisionTable, text: str, start: int, parents: tuple[str, ...]) -> list[_Segment]:
    """The longest chain of division names from ``start``, each inside one of ``parents``."""
    longest = min(table.longest_name, len(text) - start)
    for length in range(longest, 1, -1):
        form = text[start : start + length]
        entries = table.lookup(form)
        if not entries:
            continue
        if parents:
            entries = [(code, kind) for code, kind in entries if _inside(table, code, parents)]
        end = start + length
        if _TOWN_AFTER_SHORT_FORM.match(text, end) and not _read_chain(
            table, text, end, tuple(code for code, _kind in entries)
        ):
            # 湖南镇, 吉林街道: a town named with a short form, not that place's town (but 吉林
            # 镇赉县 is 吉林省's 镇赉县, and 宁夏乡村振兴局 宁夏's)
            entries = [(code, kind) for code, kind in entries if kind > NameKind.SHORT_PROVINCE]
        strong = {code: kind for code, kind in entries if kind not in _WEAK_KINDS}
        weak = {code: kind for code, kind in entries if kind in _WEAK_KINDS}
        # A bare short form counts only before a marker or a division inside it (吴忠利通区).
        if (
            weak
            and not _SHORT_FORM_MARKERS.match(text, end)
            and not _read_chain(table, text, end, tuple(weak))
        ):
            weak = {}
        codes = strong | weak
        if not codes:
            continue
        rest = _read_chain(table, text, end, tuple(codes))
        return [_Segment(form, codes), *rest]
    return []


def _inside(table: DivisionTable, code: str, parents: tuple[str, ...]) -> bool:
    ancestors = table.ancestors(code)
    return any(parent in ancestors for parent in parents)


def _filter_by_index_number(table: DivisionTable, codes: list[str], index_number: str | None) -> list[str]:
    """Keep the codes the 索引号's leading division code points at (640302009/2024-00011 → 640302)."""
    if len(codes) < 2 or not index_number:
        return codes
    # Full-width digits are common in pasted page text.
    digits = _LEADING_DIGITS.match(unicodedata.normalize("NFKC", index_number))
    if digits is None or len(digits.group(1)) < 6:
        return codes
    stated = _code_stem(digits.group(1)[:6])
    kept = [
        code for code in codes if _code_stem(code).startswith(stated) or stated.startswith(_code_stem(code))
    ]
    # Many 索引号 start with an organisation code instead; a number matching nothing says nothing.
    return kept or codes


def _code_stem(code: str) -> str:
    """The significant digits of a division code: 320100 → 3201, 320000 → 32, 320106 → 320106."""
    while len(code) > 2 and code.endswith("00"):
        code = code[:-2]
    return code


def _filter_by_context(table: DivisionTable, codes: list[str], context: str) -> list[str]:
    """Keep the codes whose own or enclosing divisions the rest of the report names most."""
    if len(codes) < 2 or not context:
        return codes
    scores = {
        code: sum(
            any(name in context for name in table.mention_names(unit))
            for unit in (code, *table.ancestors(code))
        )
        for code in codes
    }
    best = max(scores.values())
    if best == 0:
        return codes
    return [code for code in codes if scores[code] == best]


def _drop_superseded(table: DivisionTable, codes: list[str]) -> list[str]:
    """Drop a code whose name passed to another code listed only after it ended."""
    if len(codes) < 2:
        return codes
    spans = {code: table.division(code) for code in codes}
    first_years = {code: division.first_year for code, division in spans.items() if division}
    return [
        code
        for code, division in spans.items()
        if division is None or not any(year > division.last_year for year in first_years.values())
    ]


def _ambiguity_note(table: DivisionTable, name: str, candidates: tuple[Place, ...], *, total: int) -> str:
    labels = [_distinguishing_label(table, place) for place in candidates]
    if len(set(labels)) < len(labels):
        labels = [place.full_name for place in candidates]
    listed = "、".join(labels)
    if len(candidates) < total:
        return f"{name} 有{total}处同名,仍无法在{listed}之间确定"
    return f"{name} 有{total}处同名:{listed},正文未能区分"


def _distinguishing_label(table: DivisionTable, place: Place) -> str:
    """The unit directly above (南京市 for 南京市鼓楼区), or the place itself at the top."""
    ancestors = table.ancestors(place.code)
    if not ancestors:
        return place.name
    parent = table.place(ancestors[0])
    return parent.name if parent else place.full_name


def without_leading_places(text: str, codes: Sequence[str], table: DivisionTable | None = None) -> str:
    """``text`` without the written forms of the places ``codes`` it starts with, longest first,
    as long as something is left (河源东源产业园区管委会 → 产业园区管委会 for 河源市, 东源县)."""
    table = table or get_division_table()
    forms = sorted({form for code in codes for form in table.written_forms(code)}, key=len, reverse=True)
    while stated := next((form for form in forms if text.startswith(form) and len(text) > len(form)), None):
        text = text[len(stated) :]
    return text


class NewArea(NamedTuple):
    """A new area a name opens with (``names.NEW_AREAS``): where it lies, and the name from it on."""

    place: Place
    area: str  # 两江新区
    rest: str  # 两江新区管理委员会 (without the place words before it: 大连金普新区司法局 → 金普新区司法局)


def new_area_at(name: str, table: DivisionTable | None = None) -> NewArea | None:
    """The new area whose name holds no place (两江新区, 金普新区) that ``name`` opens with, maybe
    after its own place's name (重庆两江新区, 大连金普新区司法局); None for any other name."""
    table = table or get_division_table()
    for area, code in NEW_AREAS.items():
        if area not in name:
            continue  # most names: no need to strip place words
        rest = without_leading_places(name, (code, *table.ancestors(code)), table)
        if rest.startswith(area) and (place := table.place(code)) is not None:
            return NewArea(place, area, rest)
    return None
