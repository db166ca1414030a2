"""The indicator catalogue: keys, names, units and the cue phrases that map a figure to a key.

The catalogue is data (``catalogue.toml``), read into frozen dataclasses. ``catalogue_from_records``
takes the same fields as plain dicts, so a database table edited in the admin can later feed the
same matcher without going through the file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .facets import Facet, parse_facet
from .figures import STATED_CHANGES, Measure
from .units import UnitKind, base_unit_of, unit_for

CATALOGUE_FILE = Path(__file__).with_name("catalogue.toml")
# Listed among an indicator's units, lets stated changes (减少72%) map to it.
CHANGES_UNIT = "增减"
# Listed by an indicator that is itself a cut (时限压缩比, 取消下放的审批事项): it takes stated
# changes as 增减 does, and a stored figure of it holds the cut's size as its level (时限压缩83%:
# 时限压缩比 83%; 减少审批事项9项: 9项), so rankings and tables compare every report stating it.
CUTS_UNIT = "减幅"


def takes_measure(units: Iterable[str], measure: str) -> bool:
    """True when an indicator stated in ``units`` may hold a figure of kind ``measure``: a level
    (or the level one was changed from) always, a stated change only where the indicator lists
    增减 or 减幅 (see catalogue.toml)."""
    return measure not in STATED_CHANGES or not {CHANGES_UNIT, CUTS_UNIT}.isdisjoint(units)


def counts_cuts(units: Iterable[str]) -> bool:
    """Whether an indicator stated in ``units`` is itself a cut (it lists 减幅)."""
    return CUTS_UNIT in units


def unit_to_list(base_unit: str, measure: str) -> str:
    """The unit an indicator must list to hold a figure in ``base_unit`` of kind ``measure``:
    "%" for a relative change or a change in points (同比下降12%), whatever was counted; 增减
    for a time cut (时限压减55个工作日: the cut, where 压缩至5个工作日 is a new time limit)."""
    if measure in (Measure.CHANGE_PCT, Measure.CHANGE_POINTS):
        return "%"
    if measure == Measure.CHANGE_ABS and (unit := unit_for(base_unit)) and unit.kind is UnitKind.DURATION:
        return CHANGES_UNIT
    return base_unit


@dataclass(frozen=True)
class Term:
    """One required word of a cue, with alternatives; ``in_context`` allows it earlier in the
    sentence, ``ahead`` later in it (after the figure)."""

    alternatives: tuple[str, ...]
    in_context: bool
    ahead: bool = False


@dataclass(frozen=True)
class Cue:
    terms: tuple[Term, ...]  # the clause's own terms first: the cheapest to rule a cue out
    source: str  # the cue as written in the catalogue

    @cached_property
    def subject_only(self) -> bool:
        """A cue of @ terms alone, resting wholly on the sentence's shared subject."""
        return all(term.in_context for term in self.terms)


@dataclass(frozen=True)
class Veto:
    """A word that vetoes a key where it occurs, unless ``lifted_by`` occurs as well
    (written "各级!中心组" in the catalogue), or one of its alternatives ("委员会!常务会|常委会")."""

    word: str
    lifted_by: str = ""

    @cached_property
    def lifting_words(self) -> tuple[str, ...]:
        return tuple(word for word in self.lifted_by.split("|") if word)


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    group: str
    units: tuple[str, ...]
    scope: str
    cues: tuple[Cue, ...]
    unless: tuple[Veto, ...] = ()  # vetoes in the figure's clause or after a shared subject
    combines: tuple[str, ...] = ()
    unless_in_clause: tuple[Veto, ...] = ()  # vetoes in the figure's own clause only ("=支部")
    # vetoes in the parts a total lists after 其中 (">民事": 诉讼案件72起,其中民事诉讼50起)
    unless_in_parts: tuple[Veto, ...] = ()
    # vetoes anywhere in the sentence up to the figure ("^全会精神!法": a talk on a plenum's
    # spirit, named in the clause before, that names no law)
    unless_in_sentence: tuple[Veto, ...] = ()
    facets: tuple[Facet, ...] = ()  # the measures the key gathers (取消, 下放…): ``facets``

    @cached_property
    def clause_vetoes(self) -> tuple[Veto, ...]:
        return self.unless + self.unless_in_clause

    @property
    def is_combined(self) -> bool:
        return bool(self.combines)

    @cached_property
    def units_looked_up(self) -> frozenset[str]:
        """The units a figure is looked up under to reach this indicator: those it lists, and
        增减 for one listing 减幅 (a cut in time, 时限压减55个工作日, is looked up as 增减)."""
        return frozenset(self.units) | ({CHANGES_UNIT} if counts_cuts(self.units) else frozenset())


@dataclass(frozen=True)
class Catalogue:
    groups: Mapping[str, str]
    indicators: tuple[Indicator, ...]

    def get(self, key: str) -> Indicator | None:
        return self._by_key.get(key)

    def stated_in(self, unit: str) -> tuple[Indicator, ...]:
        """The indicators stated in ``unit`` ("%" for shares and relative changes), in
        catalogue order (which breaks ties between equally good cues)."""
        return self._by_unit.get(unit, ())

    @cached_property
    def _by_key(self) -> dict[str, Indicator]:
        return {indicator.key: indicator for indicator in self.indicators}

    @cached_property
    def _by_unit(self) -> dict[str, tuple[Indicator, ...]]:
        units = {unit for indicator in self.indicators for unit in indicator.units_looked_up}
        return {unit: tuple(i for i in self.indicators if unit in i.units_looked_up) for unit in units}

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __len__(self) -> int:
        return len(self.indicators)


def parse_cue(text: str) -> Cue:
    """Parse ``"受理|立案 @复议"`` into a cue of two terms."""
    terms = []
    for word in text.split():
        in_context, ahead = word.startswith("@"), word.startswith(">")
        alternatives = tuple(a for a in word.lstrip("@>").split("|") if a)
        if not alternatives:
            raise ValueError(f"empty term in cue {text!r}")
        terms.append(Term(alternatives, in_context, ahead))
    if not terms:
        raise ValueError("empty cue")
    # The score is a sum over terms, so their order is free: plain terms first
    terms.sort(key=lambda term: term.in_context or term.ahead)
    return Cue(tuple(terms), text)


# Typed with a Chinese input method, the marks come out full width and would be read as part of
# a word that never occurs in a report.
_FULL_WIDTH_MARKS = {"＠": "@", "＞": ">", "｜": "|", "＝": "=", "！": "!"}


def cue_problems(text: str) -> list[str]:
    """What is wrong with one cue line as staff typed it (in Chinese, for the admin); [] when
    ``parse_cue`` reads it as meant."""
    problems = [
        f"“{w}”是全角符号,请改用半角“{n}”" for w, n in _FULL_WIDTH_MARKS.items() if w in text and n in "@>|"
    ]
    for word in text.split():
        marks = word[: len(word) - len(word.lstrip("@>"))]
        body = word[len(marks) :]
        if len(marks) > 1:
            problems.append(f"“{word}”:一个词前只能有一个“@”或“>”")
        if "@" in body or ">" in body:
            problems.append(f"“{word}”:“@”和“>”只能写在词的开头")
        if any(mark in word for mark in "!=！＝"):
            problems.append(f"“{word}”:“!”和“=”只用于排除词,提示词中没有这种写法")
        if not any(body.split("|")):
            problems.append(f"“{word}”里没有词")
        elif "" in body.split("|"):
            problems.append(f"“{word}”:“|”之间没有词")
    return problems


def veto_problems(text: str) -> list[str]:
    """What is wrong with one 排除词 (``unless``) entry as staff typed it; [] when ``parse_veto``
    reads it as meant: ``word``, ``=word`` (the figure's clause only), ``>word`` (the parts a
    total lists after 其中) or ``^word`` (the sentence up to the figure), each with ``!lift``
    words, alternatives separated by ``|``."""
    wide = [f"“{w}”是全角符号,请改用半角“{n}”" for w, n in _FULL_WIDTH_MARKS.items() if w in text]
    if wide:
        return wide
    mark = text[:1] if text.startswith(_VETO_MARKS) else ""
    word, bang, lifted_by = text[len(mark) :].partition("!")
    if not word:
        return [f"“{text}”里没有要排除的词(这样会排除所有数字)"]
    if word.startswith(_VETO_MARKS):
        return [f"“{text}”:一个排除词前只能有一个“=”“>”或“^”"]
    if word[0] == "@":
        return [f"“{text}”:排除词不能以“@”开头;只在数字所在分句中排除请写“={word[1:]}”"]
    if "|" in word:
        return [
            f"“{text}”:要排除的词不支持“|”,几个词请以空格分隔分别写出;“|”只用在“!”之后,分隔几个不排除的词"
        ]
    if bang and (not any(lifted_by.split("|")) or "!" in lifted_by):
        return [f"“{text}”:“!”后须写一个词,或以“|”分隔的几个词(同时出现其中任一个时不排除)"]
    return []


def unit_listing_problem(unit: str) -> str:
    """Why a key listing ``unit`` would never hold a figure (in Chinese, for the admin); "" when
    figures are stored in that unit, or it is 增减 or 减幅. Figures are stored in base units, so a
    key must list 人 for 5位, 万元 for 3亿元 and 件 for 1.3万件."""
    if unit in (CHANGES_UNIT, CUTS_UNIT):
        return ""
    base = base_unit_of(unit)
    if base is None:
        return (
            f"“{unit}”不是系统认识的单位,数字后的这个词不会被识别为单位,本指标永远收不到数字"
            f"(常用的如:件 项 人 人次 次 个 场 家 万元 %;写“{CHANGES_UNIT}”表示也收同比增减的数字,"
            f"写“{CUTS_UNIT}”表示本指标就是压减的幅度或数量)"
        )
    if base != unit:
        return f"写作“{unit}”的数字按“{base}”存储和比较,请写“{base}”"
    return ""


# What a record may hold: the fields read here, and the definition the tables keep beside them.
_RECORD_FIELDS = frozenset(
    {"key", "name", "definition", "group", "units", "scope", "cues", "unless", "combines", "facets"}
)


def catalogue_from_records(
    records: Iterable[Mapping[str, object]], groups: Mapping[str, str] | None = None
) -> Catalogue:
    """Build a catalogue from plain records (the TOML tables, or rows from a model)."""
    indicators = []
    seen: set[str] = set()
    for record in records:
        key = str(record["key"])
        unknown_fields = sorted(set(record) - _RECORD_FIELDS)
        if unknown_fields:
            # a misspelt field would otherwise be dropped without a word
            raise ValueError(f"{key} has unknown fields {unknown_fields}")
        if key in seen:
            raise ValueError(f"duplicate indicator key {key!r}")
        seen.add(key)
        unless = _strings(record.get("unless", ()))
        indicators.append(
            Indicator(
                key=key,
                name=str(record["name"]),
                group=str(record.get("group", "")),
                units=tuple(_strings(record.get("units", ()))),
                scope=str(record.get("scope", "any")),
                cues=tuple(parse_cue(c) for c in _strings(record.get("cues", ()))),
                unless=tuple(parse_veto(t) for t in unless if not t.startswith(_VETO_MARKS)),
                combines=tuple(_strings(record.get("combines", ()))),
                unless_in_clause=tuple(parse_veto(t[1:]) for t in unless if t.startswith("=")),
                unless_in_parts=tuple(parse_veto(t[1:]) for t in unless if t.startswith(">")),
                unless_in_sentence=tuple(parse_veto(t[1:]) for t in unless if t.startswith("^")),
                facets=tuple(parse_facet(f) for f in _strings(record.get("facets", ()))),
            )
        )
    catalogue = Catalogue(groups=dict(groups or {}), indicators=tuple(indicators))
    for indicator in catalogue.indicators:
        unknown = [k for k in indicator.combines if k not in catalogue]
        if unknown:
            raise ValueError(f"{indicator.key} combines unknown keys {unknown}")
    return catalogue


# The marks an 排除词 may start with: where it vetoes, if not in the clause or after a shared subject
_VETO_MARKS = ("=", ">", "^")


def parse_veto(text: str) -> Veto:
    """A veto as the catalogue writes it: "各级!中心组" is Veto("各级", lifted_by="中心组")."""
    word, _, lifted_by = text.partition("!")
    return Veto(word, lifted_by)


@lru_cache(maxsize=4)
def load_catalogue(path: Path = CATALOGUE_FILE) -> Catalogue:
    """The catalogue from a TOML file (by default the one shipped with the project)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return catalogue_from_records(data.get("indicator", []), data.get("groups", {}))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return []
