"""The place a government website's host name spells: xuwen.gov.cn is 徐闻县, cqjlp.gov.cn 重庆市九龙坡区.

Town offices and departments often head their report with a name that holds no place
(下洋镇人民政府, 区城市管理局), and some names fit several places (城中区: 柳州 or 西宁). Their
pages sit on the county's or the city's own site, whose host name is that place in pinyin: in
full (xuwen, liujiang), as initials (jlp; zh, ch and sh may keep both letters: chy for 朝阳),
either followed by the level (wjq for 武江区, tielingxian for 铁岭县), or any of these after
the initials or full pinyin of the units above (cq + jlp, hz + sc, hb + daye, yn + cx + ym;
with their level only where nothing else is spelt: cqs + tl). A department's or a county's
sub-site may sit under its place's host (hjq.huaihua.gov.cn).

Only hosts under gov.cn are read, and only current divisions are spelt. A spelling that fits
several places (qidong: 启东市 and 祁东县; two-letter initials) decides nothing on its own; it
can still choose between a name's candidates (``codes_spelled_by_host``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from pypinyin import lazy_pinyin

from .names import NameKind, name_variants
from .table import DivisionTable, Place, get_division_table

GOV_SUFFIX = ".gov.cn"
# A label read on its own must be at least this long: two or three letters (sh, hjs) are the
# initials of too many places.
MIN_STANDALONE_LABEL = 4
# Three initials, read on their own only where the name says the place's level (see host_place).
MIN_SHORT_LABEL = 3
# How a polyphone reads in place names, where pypinyin reads it as in ordinary words
# (长宁 zhangning, 朝阳市 zhaoyang, 单县 danxian). Every other character keeps pypinyin's reading:
# its rarer readings (揭 qi) would make hosts spell places they do not.
_PLACE_READINGS = {
    "长": "chang", "朝": "chao", "单": "shan", "蔚": "yu", "莘": "shen", "六": "lu", "涡": "guo",
    "行": "hang", "都": "du",  # 盐都 yandu, 都匀, 望都 (pypinyin reads dou)
}  # fmt: skip
_DIGRAPHS = ("zh", "ch", "sh")
# The short domains of provincial and big-city governments' own sites, each seen in the held-out
# reports' addresses with its place (sft.gd.gov.cn: 广东省司法厅, sthj.sh.gov.cn, amr.sz.gov.cn).
# Two or three letters stand for too many places to be read by spelling; these are known sites.
# Left out where the letters are two places' (hn: 湖南 and 海南; sx: 山西, 陕西 and 绍兴's site).
GOVERNMENT_SITE_DOMAINS = {
    "cq": "500000", "sh": "310000", "tj": "120000",
    "gd": "440000", "zj": "330000", "sc": "510000", "yn": "530000", "ln": "210000", "jl": "220000",
    "hlj": "230000", "nx": "640000", "nmg": "150000", "fj": "350000", "ah": "340000",
    "sz": "440300", "gz": "440100", "dl": "210200", "xm": "350200", "xa": "610100", "zs": "442000",
    "dg": "441900", "gxzf": "450000",  # 广西's portal, spelt with 政府
    # the two provinces whose names sound alike, spelt apart by convention (sft.shanxi.gov.cn)
    "shanxi": "140000", "shaanxi": "610000",
}  # fmt: skip
_SHORT_KINDS = (NameKind.SHORT_PROVINCE, NameKind.SHORT_CITY, NameKind.SHORT_COUNTY)


def host_labels(url: str) -> list[str]:
    """The labels of a gov.cn host before ``gov.cn``, outermost first (sfj, wuhan), or []."""
    host = (urlsplit(url.strip()).hostname or "") if url else ""
    host = host.rstrip(".。")  # www.yuelu.gov.cn。/…: a stop typed after the host
    if not host.endswith(GOV_SUFFIX):
        return []
    return [label for label in host[: -len(GOV_SUFFIX)].split(".") if label]


def on_government_site(url: str) -> bool:
    """Whether ``url`` is on a gov.cn host (a government's own site, not a mirror or reprint)."""
    return bool(host_labels(url))


def host_place(
    url: str,
    table: DivisionTable | None = None,
    *,
    fits: Callable[[Place], bool] | None = None,
    spelt_out: bool = False,
    short_labels: bool = False,
) -> Place | None:
    """The one place ``url``'s host spells, or None.

    The label just before gov.cn is read on its own when it is long enough and fits one place;
    each label before it only inside the place read so far (hjq.huaihua: a county of 怀化).
    ``fits`` says which places the caller can use: it chooses between the places one label
    spells (enshi: 恩施州, not 恩施市, for a name starting 州), keeps the place read so far when
    an inner label spells one that does not fit (a bureau's abbreviation: sft.hlj for 省司法厅),
    and must hold for the result.
    ``spelt_out`` skips those inner labels too short to stand on their own: two or three
    initials inside a place may be a unit the table no longer has (ws.cq: 万盛, now 綦江区's,
    not 巫山县), which the caller can then judge by stronger evidence.
    ``short_labels`` reads a site's label of three letters on its own as well, for a caller
    whose ``fits`` names the place's level (区司法局 on dxh.gov.cn: 东西湖区): of the held-out
    reports' three-letter sites that spell one place, one in twenty spells the wrong one."""
    table = table or get_division_table()
    place: Place | None = None
    for label in reversed(host_labels(url)):
        codes = _codes_spelt(label, table)
        if place is None and label in GOVERNMENT_SITE_DOMAINS:
            codes = frozenset({GOVERNMENT_SITE_DOMAINS[label]})
        elif place is not None and spelt_out and len(label) < MIN_STANDALONE_LABEL:
            continue
        elif place is not None:
            # A sub-site's label counts only inside the place read so far: most are a bureau's
            # abbreviation (scjg: 市场监管, not 四川剑阁).
            codes = frozenset(code for code in codes if place.code in table.ancestors(code))
        elif len(label) < (MIN_SHORT_LABEL if short_labels and fits is not None else MIN_STANDALONE_LABEL):
            return None
        spelt = [found for code in codes if (found := table.place(code))]
        if fits is not None and len(spelt) > 1:
            spelt = [found for found in spelt if fits(found)] or spelt
        if len(spelt) == 1:
            if place is not None and fits is not None and fits(place) and not fits(spelt[0]):
                continue  # sft.hlj for a 省 organ: 黑龙江's 司法厅 (sft), not its 四方台区
            place = spelt[0]
        elif place is None:
            return None
    return place if place is None or fits is None or fits(place) else None


def reposting_place(url: str, publisher_code: str, table: DivisionTable | None = None) -> Place | None:
    """The place below ``publisher_code`` whose government's site ``url`` is on, or None.

    A county or city department reposts its province's or city's report on its own site
    (suibin.gov.cn: 绥滨县 reposting 黑龙江省's; jtj.nanyang.gov.cn: 河南省交通运输厅's): a copy,
    with the repost's date. Only the site's own domain is read, not the sub-site labels before
    it, which mostly abbreviate a bureau (sft.hlj.gov.cn is 黑龙江's 司法厅, not 四方台区). A site
    of the publisher's own place or one above it (a province's portal hosting a county's report)
    publishes, and a site spelling an unrelated place decides nothing (the spelling may be wrong)."""
    labels = host_labels(url)
    if not labels:
        return None
    table = table or get_division_table()
    site = host_place(f"http://{labels[-1]}{GOV_SUFFIX}/", table)
    if site is None or site.code == publisher_code or publisher_code not in table.ancestors(site.code):
        return None
    return site


def codes_spelled_by_host(url: str, codes: Iterable[str], table: DivisionTable | None = None) -> list[str]:
    """Those of ``codes`` that a label of ``url``'s host spells, itself or a unit above it
    (xncz: 西宁市城中区 of the two 城中区; beijing: 北京市通州区 of the two 通州区)."""
    table = table or get_division_table()
    codes = list(codes)
    for label in host_labels(url):
        spelt = _codes_spelt(label, table)
        kept = [code for code in codes if code in spelt or not spelt.isdisjoint(table.ancestors(code))]
        if kept:
            return kept
    return []


@dataclass(frozen=True)
class _Spellings:
    """Each current division's own spellings (spelling -> codes) and its spellings as a unit
    above another (code -> spellings): without the level (cq, hz, hb), and with it (cqs)."""

    own: dict[str, frozenset[str]]
    as_prefix: dict[str, frozenset[str]]
    as_prefix_with_level: dict[str, frozenset[str]]


@cache
def _spellings(table: DivisionTable) -> _Spellings:
    current = max((division.last_year for division in table), default=0)
    own: dict[str, set[str]] = defaultdict(set)
    as_prefix: dict[str, frozenset[str]] = {}
    as_prefix_with_level: dict[str, frozenset[str]] = {}
    for division in table:
        if division.last_year != current:
            continue
        plain, with_level = _own_spellings(division.name, division.level)
        for spelling in plain | with_level:
            own[spelling].add(division.code)
        as_prefix[division.code] = plain
        as_prefix_with_level[division.code] = plain | with_level
    return _Spellings(
        {spelling: frozenset(codes) for spelling, codes in own.items()}, as_prefix, as_prefix_with_level
    )


def _codes_spelt(label: str, table: DivisionTable) -> frozenset[str]:
    """The divisions ``label`` spells: a division's own spelling, after the spellings of any
    of the units above it, in order (yn + cx + ym, hb + daye); the units above are read with
    their level (cqs + tl) only when they spell nothing without it (cqs + zx: 忠县, but cq +
    szx is 石柱县)."""
    spellings = _spellings(table)
    for prefixes in (spellings.as_prefix, spellings.as_prefix_with_level):
        found = {
            code
            for cut in range(len(label))
            for code in spellings.own.get(label[cut:], ())
            if _spells_units(label[:cut], list(reversed(table.ancestors(code))), prefixes)
        }
        if found:
            return frozenset(found)
    return frozenset()


def _spells_units(prefix: str, units: list[str], prefixes: dict[str, frozenset[str]]) -> bool:
    if not prefix:
        return True
    return any(
        prefix.startswith(form) and _spells_units(prefix[len(form) :], units[index + 1 :], prefixes)
        for index, unit in enumerate(units)
        for form in prefixes.get(unit, ())
    )


def _own_spellings(name: str, level: str) -> tuple[frozenset[str], frozenset[str]]:
    """A division's name in pinyin, in full and as initials (``plain``), and either with the
    level after it, in full or its initial (``with_level``: tielingxian for 铁岭县, jlpq for
    九龙坡区)."""
    stem = next((form for form, kind in name_variants(name, level) if kind in _SHORT_KINDS), name)
    plain: set[str] = set()
    with_level: set[str] = set()
    level_syllable = lazy_pinyin(name[-1])[0] if stem != name else ""
    level_initial = level_syllable[:1]
    for syllables in _readings(name, len(stem)):
        plain.add("".join(syllables))
        if level_syllable:
            with_level.add("".join(syllables) + level_syllable)
        for initials in _initials(syllables):
            plain.add(initials)
            if level_initial:
                with_level.add(initials + level_initial)
    return frozenset(plain), frozenset(with_level)


def _readings(name: str, length: int) -> list[tuple[str, ...]]:
    """Ways to read the first ``length`` characters of ``name``: pypinyin's reading of the whole
    name (it knows 朝阳区 is chaoyang, not zhaoyang), and the same with place names' own
    readings of common polyphones (长治 changzhi, 朝阳市 chaoyang, 单县 shanxian)."""
    reading = tuple(lazy_pinyin(name)[:length])
    as_place = tuple(_PLACE_READINGS.get(char, read) for char, read in zip(name, reading, strict=False))
    return list(dict.fromkeys([reading, as_place]))


def _initials(syllables: tuple[str, ...]) -> set[str]:
    first_letters = "".join(syllable[0] for syllable in syllables if syllable)
    digraphs = "".join(
        syllable[:2] if syllable.startswith(_DIGRAPHS) else syllable[:1] for syllable in syllables
    )
    return {first_letters, digraphs}


def department_site(url: str, table: DivisionTable | None = None) -> tuple[str, Place] | None:
    """The sub-site label and the place of a department's own site (jtj.ezhou.gov.cn: ``jtj``
    and 鄂州市), or None: the host must have a label before a place's site, and the labels from
    the place's on must spell that one place."""
    labels = host_labels(url)
    if len(labels) < 2:
        return None
    place = host_place(f"http://{'.'.join(labels[1:])}{GOV_SUFFIX}/", table, spelt_out=True)
    return (labels[0], place) if place is not None else None
