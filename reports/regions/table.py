"""The national division table read from ``reports/data/divisions.csv``, without the database."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .names import NameKind, name_variants

if TYPE_CHECKING:
    from .resolver import PlaceResolution

DIVISIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "divisions.csv"
CSV_COLUMNS = ("code", "name", "level", "parent_code", "first_year", "last_year", "former_names")
LEVELS = ("province", "city", "county")


@dataclass(frozen=True)
class Division:
    """One row of the division table."""

    code: str
    name: str
    level: str
    parent_code: str | None
    first_year: int
    last_year: int
    former_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    """A division with the names of the units above it, as a report would write them."""

    code: str
    name: str
    level: str  # 'province' | 'city' | 'county'
    province: str
    city: str | None
    county: str | None

    @property
    def prefix(self) -> str:
        """The place part of an agency's canonical name (吴忠市利通区, 重庆市綦江区, 济源市)."""
        if self.level == "province":
            return self.province
        if self.level == "city":
            return self.city or self.name
        if self.city:
            return f"{self.city}{self.county}"
        if is_municipality(self.province):
            return f"{self.province}{self.county}"
        # A county-level unit governed directly by its province goes by its own name.
        return self.county or self.name

    @property
    def full_name(self) -> str:
        """Every level spelled out: 宁夏回族自治区吴忠市利通区."""
        return "".join(part for part in (self.province, self.city, self.county) if part)


def is_municipality(province_name: str) -> bool:
    """北京市, 天津市, 上海市, 重庆市: the only province-level units named …市."""
    return province_name.endswith("市")


def read_divisions(path: Path | str | None = None) -> list[Division]:
    """The rows of the division CSV, in file order (sorted by code, so parents come first)."""
    path = Path(path) if path is not None else DIVISIONS_CSV
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != CSV_COLUMNS:
            raise ValueError(f"{path}: expected columns {','.join(CSV_COLUMNS)}, got {reader.fieldnames}")
        return [
            Division(
                code=row["code"],
                name=row["name"],
                level=row["level"],
                parent_code=row["parent_code"] or None,
                first_year=int(row["first_year"]),
                last_year=int(row["last_year"]),
                former_names=tuple(name for name in row["former_names"].split("|") if name),
            )
            for row in reader
        ]


class DivisionTable:
    """All divisions, their places and a name index; build once with ``load`` and share."""

    def __init__(self, divisions: list[Division]) -> None:
        self._divisions = {division.code: division for division in divisions}
        self._ancestors: dict[str, tuple[str, ...]] = {}
        self._places: dict[str, Place] = {}
        # written form -> [(code, kind)]; one form can name several divisions (鼓楼区).
        self._names: dict[str, list[tuple[str, NameKind]]] = {}
        # Forms specific enough to count as a mention when found in running text.
        self._mention_names: dict[str, tuple[str, ...]] = {}
        # Every written form of each division, short ones included (河源, 东源).
        self._written_forms: dict[str, tuple[str, ...]] = {}
        for division in self._divisions.values():
            self._ancestors[division.code] = self._chain_above(division)
            self._places[division.code] = self._make_place(division)
            forms = [(division.name, NameKind.FULL)]
            forms += [(former, NameKind.FORMER) for former in division.former_names]
            for name in (division.name, *division.former_names):
                forms += name_variants(name, division.level)
            for form, kind in forms:
                entries = self._names.setdefault(form, [])
                if not any(code == division.code and known >= kind for code, known in entries):
                    entries[:] = [(code, known) for code, known in entries if code != division.code]
                    entries.append((division.code, kind))
            self._mention_names[division.code] = tuple(
                dict.fromkeys(form for form, kind in forms if kind >= NameKind.ALIAS)
            )
            self._written_forms[division.code] = tuple(dict.fromkeys(form for form, _ in forms))
        self.longest_name = max(map(len, self._names), default=0)

    @classmethod
    def load(cls, path: Path | str | None = None) -> DivisionTable:
        """Read the table from ``path`` (default: the vendored ``divisions.csv``)."""
        return cls(read_divisions(path))

    def __len__(self) -> int:
        return len(self._divisions)

    def __iter__(self) -> Iterator[Division]:
        return iter(self._divisions.values())

    def __contains__(self, code: object) -> bool:
        return code in self._divisions

    def division(self, code: str) -> Division | None:
        return self._divisions.get(code)

    def place(self, code: str) -> Place | None:
        return self._places.get(code)

    def ancestors(self, code: str) -> tuple[str, ...]:
        """Codes of the divisions above ``code``, nearest first."""
        return self._ancestors.get(code, ())

    def nested(self, code: str, other: str) -> bool:
        """Whether the two divisions are one, or one lies inside the other."""
        return code == other or other in self.ancestors(code) or code in self.ancestors(other)

    def lookup(self, form: str) -> list[tuple[str, NameKind]]:
        """Divisions that ``form`` names, each with how it names them."""
        return self._names.get(form, [])

    def mention_names(self, code: str) -> tuple[str, ...]:
        """Forms of the division's name that identify it inside running text."""
        return self._mention_names.get(code, ())

    def written_forms(self, code: str) -> tuple[str, ...]:
        """Every form of the division's name: full, former, alias and short (东源县, 东源)."""
        return self._written_forms.get(code, ())

    def resolve(
        self, text: str, *, index_number: str | None = None, context: str = "", source_url: str = ""
    ) -> PlaceResolution:
        """See :func:`reports.regions.resolve_place`."""
        from .resolver import resolve_in_table

        return resolve_in_table(self, text, index_number=index_number, context=context, source_url=source_url)

    def _chain_above(self, division: Division) -> tuple[str, ...]:
        chain: list[str] = []
        parent = division.parent_code
        while parent is not None:
            if parent in chain or parent not in self._divisions:
                raise ValueError(f"division {division.code}: broken parent chain at {parent}")
            chain.append(parent)
            parent = self._divisions[parent].parent_code
        return tuple(chain)

    def _make_place(self, division: Division) -> Place:
        by_level = {division.level: division.name}
        for code in self._ancestors[division.code]:
            above = self._divisions[code]
            by_level[above.level] = above.name
        return Place(
            code=division.code,
            name=division.name,
            level=division.level,
            province=by_level["province"],
            city=by_level.get("city"),
            county=by_level.get("county"),
        )


@cache
def get_division_table() -> DivisionTable:
    """The vendored table, read on first use and shared by the whole process."""
    return DivisionTable.load()


def place_for_code(code: str) -> Place | None:
    """The place with this six-digit division code, or None if the table does not know it."""
    return get_division_table().place(code.strip())
