"""Compose one synthetic report: text, heading tree with exact offsets, title and dates.

The text is written the way the importer stores a real one (preamble, 一、 parts, (一) sections,
1. items, signature) and the sections are recorded while writing, so ``start``/``end`` slice the
text exactly as ``split_sections`` would. Sentences come from the seed material with the place,
year, first person and figures of this report filled in; era-bound phrases (二十大, 八五普法,
习近平法治思想, 民法典) are moved to what a report of that year would have said.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from reports.hanzi import chinese_count
from reports.ingest.sections import SIGNATURE_PATH, SectionDraft
from reports.regions import Place

from . import material as m

SYNTHETIC_MARK = "【合成样本】"

# Ordered replacements that move a 2021–2023 text to an earlier report year (first match wins per year).
_ERA_RULES: tuple[tuple[int, str, str], ...] = (
    # (applies to report years below this, old, new)
    (2022, "党的二十大", "党的十九大"),
    (2022, "二十大", "十九大"),
    (2022, "二十届二中全会", "十九届五中全会"),
    (2022, "二十届", "十九届"),
    (2021, "(2021—2025年)", "(2015—2020年)"),
    (2021, "八五", "七五"),
    (2020, "习近平法治思想", "习近平总书记全面依法治国新理念新思想新战略"),
    (2020, "民法典", "民法总则"),
    (2018, "十九届五中全会", "十八届六中全会"),
    (2018, "十九大", "十八大"),
    (2018, "十九届", "十八届"),
)
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"(?<![A-Za-z0-9.+〔\-—–/])(\d+)(\.\d+)?(?![\d年月日号〕+\-—–/]|\.\d)")


@dataclass(frozen=True)
class AgencySpec:
    """Who writes the report: enough to name it and speak in its voice."""

    name: str
    kind: str  # Agency.Kind value
    level: str  # Region.Level value
    region_code: str
    place: Place
    organ: str  # 人民政府, 司法局 …

    @property
    def own_name(self) -> str:
        return self.place.county or self.place.city or self.place.province

    def markers(self) -> dict[int, str]:
        """Translation table from material markers to this agency's names."""
        own = self.own_name
        unit = own[-1]
        if self.kind == "government":
            self_word = f"我{unit}"
        else:
            self_word = "我委" if self.organ.endswith("委员会") else f"我{self.organ[-1]}"
        if self.place.county:
            upper = self.place.city or self.place.province
        elif self.place.city:
            upper = self.place.province
        else:
            upper = own
        return {
            ord(m.AGENCY): self.name,
            ord(m.PLACE): self.place.prefix,
            ord(m.NAME): own,
            ord(m.SHORT): m.short_name(own),
            ord(m.UPPER): upper,
            ord(m.PROVINCE): m.short_name(self.place.province, m.PROVINCE_SUFFIXES),
            ord(m.SELF): self_word,
            ord(m.WHOLE): f"全{unit}",
        }


@dataclass
class ComposedReport:
    title: str
    text: str
    sections: list[SectionDraft]
    published_on: date | None
    signed_on: date | None
    publisher: str
    index_number: str


@dataclass
class _Opening:
    path: str
    level: int
    number: str
    heading: str
    start: int
    body_start: int
    label: str
    topic: str


class _EraPools:
    """The material's pools with years and era-bound phrases settled for one report year."""

    def __init__(self, material: m.Material, year: int) -> None:
        years = {ord(m.YEAR): str(year), ord(m.NEXT_YEAR): str(year + 1), ord(m.LAST_YEAR): str(year - 1)}
        rules = [(old, new) for below, old, new in _ERA_RULES if year < below]

        def settle(text: str) -> str:
            text = text.translate(years)
            for old, new in rules:
                text = text.replace(old, new)
            return text

        self.titles = [settle(t) for t in material.titles]
        self.preamble_openers = [settle(s) for s in material.preamble_openers]
        self.preamble_sentences = [settle(s) for s in material.preamble_sentences]
        self.part_headings = {k: [settle(h) for h in v] for k, v in material.part_headings.items()}
        self.sub_headings = {
            k: [(settle(h.text), h.topic) for h in v] for k, v in material.sub_headings.items()
        }
        self.item_headings = {
            k: [(settle(h.text), h.topic) for h in v] for k, v in material.item_headings.items()
        }
        self.sentences = {k: [settle(s) for s in v] for k, v in material.sentences.items()}
        self.label_sentences = {k: [settle(s) for s in v] for k, v in material.label_sentences.items()}
        # Sentences with figures to vary; the others skip the regular expression.
        self.with_figures = {
            s for pool in self.label_sentences.values() for s in pool if _DIGIT.search(s)
        } | {s for s in self.preamble_sentences if _DIGIT.search(s)}


@lru_cache(maxsize=64)
def _era_pools(material_id: int, year: int) -> _EraPools:
    return _EraPools(_MATERIALS[material_id], year)


_MATERIALS: dict[int, m.Material] = {}


def era_pools(material: m.Material, year: int) -> _EraPools:
    _MATERIALS[id(material)] = material
    return _era_pools(id(material), year)


def vary_numbers(sentence: str, rng: random.Random) -> str:
    """Every figure changed to a plausible other value of the same shape (percentages stay ≤ 100)."""

    def replace(found: re.Match[str]) -> str:
        whole, fraction = found.group(1), found.group(2) or ""
        if len(whole) >= 8 or (len(whole) == 5 and whole.startswith("123")):
            return found.group()  # hotlines (12345, 12348) and garbled runs stay as written
        if not fraction and len(whole) == 4 and 1990 <= int(whole) <= 2035:
            return found.group()  # a year ("2023行动"), not a figure
        value = float(whole + fraction)
        decimals = len(fraction) - 1 if fraction else 0
        is_percent = sentence[found.end() : found.end() + 1] in ("%", "％")
        if is_percent:
            new = min(100.0, value * rng.uniform(0.85, 1.12)) if value > 0 else 0.0
        elif value == 0:
            return found.group()
        else:
            new = max(1.0 if not decimals else 0.01, value * rng.lognormvariate(0.0, 0.55))
        return f"{new:.{decimals}f}" if decimals else str(round(new))

    return _NUMBER.sub(replace, sentence)


class _Writer:
    """Appends text and keeps the offset, so openings record exact positions."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def text(self) -> str:
        return "".join(self.parts)


class _Composer:
    def __init__(self, material: m.Material, agency: AgencySpec, year: int, rng: random.Random) -> None:
        self.pools = era_pools(material, year)
        self.agency = agency
        self.year = year
        self.rng = rng
        self.table = agency.markers()
        self.writer = _Writer()
        self.openings: list[_Opening] = []
        self.used: set[str] = set()
        self.item_sep = rng.choice((".", ".", "、"))

    # -- sentences -------------------------------------------------------------------------------

    def fill(self, text: str) -> str:
        return text.translate(self.table)

    def sentence(self, label: str, topic: str = "") -> str:
        rng = self.rng
        pool = self.pools.sentences.get((label, topic)) if topic else None
        if not pool or rng.random() < 0.25:
            pool = self.pools.label_sentences.get(label) or self.pools.label_sentences["measures"]
        choice = rng.choice(pool)
        for _ in range(3):
            if choice not in self.used:
                break
            choice = rng.choice(pool)
        self.used.add(choice)
        has_figures = choice in self.pools.with_figures
        if rng.random() < 0.2:
            # Graft the opening clause of one sentence onto the rest of another from the same pool.
            other = rng.choice(pool)
            head, sep, _ = choice.partition(",")
            _, sep2, tail = other.partition(",")
            if sep and sep2 and tail:
                choice = f"{head},{tail}"
                has_figures = has_figures or other in self.pools.with_figures
        text = choice.translate(self.table)
        return vary_numbers(text, rng) if has_figures else text

    def paragraphs(self, label: str, topic: str, budget: int) -> list[str]:
        """Sentences worth about ``budget`` characters, grouped into paragraphs (lines)."""
        rng = self.rng
        lines: list[str] = []
        written = 0
        while written < budget or not lines:
            count = rng.randint(2, 6)
            enumerate_items = count >= 3 and rng.random() < 0.35
            sentences = []
            for index in range(count):
                sentence = self.sentence(label, topic)
                if enumerate_items:
                    sentence = f"{chinese_count(index + 1)}是{sentence}"
                sentences.append(sentence)
                written += len(sentence)
                if written >= budget:
                    break
            lines.append("".join(sentences))
        return lines

    # -- structure -------------------------------------------------------------------------------

    def open(self, path: str, level: int, number: str, heading: str, label: str, topic: str) -> _Opening:
        opening = _Opening(path, level, number, heading, self.writer.pos, 0, label, topic)
        self.openings.append(opening)
        return opening

    def section(
        self,
        path: str,
        level: int,
        number: str,
        heading: str,
        label: str,
        topic: str,
        budget: int,
        *,
        run_in: bool,
    ) -> None:
        """A heading and its own body; ``budget`` 0 writes the heading line alone."""
        opening = self.open(path, level, number, heading, label, topic)
        writer = self.writer
        if run_in and budget > 0:
            writer.write(f"{number}{heading}。")
            opening.body_start = writer.pos
            lines = self.paragraphs(label, topic, budget)
        else:
            writer.write(f"{number}{heading}")
            opening.body_start = writer.pos
            lines = self.paragraphs(label, topic, budget) if budget > 0 else []
            writer.write("\n")
        for line in lines:
            writer.write(line)
            writer.write("\n")

    def pick_headings(self, pool: list[tuple[str, str]], count: int) -> list[tuple[str, str]]:
        if not pool:
            return []
        if count <= len(pool):
            return self.rng.sample(pool, count)
        return [self.rng.choice(pool) for _ in range(count)]

    def part_heading(self, label: str) -> str:
        return self.fill(self.rng.choice(self.pools.part_headings[label]))

    def measures_part(self, path: str, number: str, budget: int) -> None:
        rng = self.rng
        self.section(path, 1, number, self.part_heading("measures"), "measures", "", 0, run_in=False)
        subs = self.pools.sub_headings.get("measures", [])
        count = max(3, min(12, round(budget / rng.uniform(700, 1300))))
        chosen = self.pick_headings(subs, count)
        items_pool = self.pools.item_headings.get("measures", [])
        share = budget // max(1, len(chosen))
        for index, (heading, topic) in enumerate(chosen, start=1):
            sub_path = f"{path}.{index}"
            sub_number = f"({chinese_count(index)})"
            if items_pool and rng.random() < 0.45:
                self.section(sub_path, 2, sub_number, self.fill(heading), "measures", topic, 0, run_in=False)
                items = self.pick_headings(items_pool, rng.randint(2, 5))
                for item_index, (item_heading, item_topic) in enumerate(items, start=1):
                    self.section(
                        f"{sub_path}.{item_index}",
                        3,
                        f"{item_index}{self.item_sep}",
                        self.fill(item_heading),
                        "measures",
                        item_topic or topic,
                        max(80, share // len(items)),
                        run_in=True,
                    )
            else:
                self.section(
                    sub_path,
                    2,
                    sub_number,
                    self.fill(heading),
                    "measures",
                    topic,
                    share,
                    run_in=rng.random() < 0.5,
                )

    def plain_part(self, path: str, number: str, label: str, budget: int) -> None:
        """A problems, leadership or next-steps part: one body, or (一)(二)… sections."""
        rng = self.rng
        subs = self.pools.sub_headings.get(label, [])
        if len(subs) >= 2 and rng.random() < 0.6:
            self.section(path, 1, number, self.part_heading(label), label, "", 0, run_in=False)
            chosen = self.pick_headings(subs, min(len(subs), rng.randint(2, 6)))
            share = max(60, budget // len(chosen))
            for index, (heading, _topic) in enumerate(chosen, start=1):
                self.section(
                    f"{path}.{index}",
                    2,
                    f"({chinese_count(index)})",
                    self.fill(heading),
                    label,
                    "",
                    share,
                    run_in=rng.random() < 0.7,
                )
        else:
            self.section(path, 1, number, self.part_heading(label), label, "", budget, run_in=False)

    def compose(self, target_chars: int) -> ComposedReport:
        rng = self.rng
        pools = self.pools
        writer = self.writer

        # Preamble: an opening sentence, a little context, often "现将有关情况报告如下:".
        preamble = [self.fill(rng.choice(pools.preamble_openers))]
        for _ in range(rng.randint(0, 2)):
            preamble.append(vary_numbers(self.fill(rng.choice(pools.preamble_sentences)), rng))
        if rng.random() < 0.6:
            preamble.append("现将有关情况报告如下:")
        writer.write("".join(preamble) + "\n")
        preamble_end = writer.pos

        body_budget = max(1000, target_chars - writer.pos - 60)
        parts: list[str] = ["measures", "problems", "next_steps"]
        has = pools.part_headings
        if has.get("leadership") and rng.random() < 0.6:
            parts.insert(0 if rng.random() < 0.25 else 1, "leadership")
        shares = {"measures": 0.68, "leadership": 0.08, "problems": 0.09, "next_steps": 0.15}
        total_share = sum(shares[p] for p in parts)
        for index, label in enumerate(parts, start=1):
            budget = int(body_budget * shares[label] / total_share)
            number = f"{chinese_count(index)}、"
            if label == "measures":
                self.measures_part(str(index), number, budget)
            else:
                self.plain_part(str(index), number, label, budget)

        signed_on = self._date(rng, 1, 3) if rng.random() < 0.7 else None
        signature = f"{self.agency.name}\n"
        if signed_on:
            signature += f"{signed_on.year}年{signed_on.month}月{signed_on.day}日"
        signature_start = writer.pos
        writer.write(signature.rstrip("\n"))
        text = writer.text()

        sections = [
            SectionDraft("0", 0, "", "", text[:preamble_end].strip(), 0, preamble_end, "preamble", "")
        ]
        ends = [o.start for o in self.openings[1:]] + [signature_start]
        for opening, end in zip(self.openings, ends, strict=True):
            sections.append(
                SectionDraft(
                    path=opening.path,
                    level=opening.level,
                    number=opening.number,
                    heading=opening.heading,
                    body=text[opening.body_start : end].strip(),
                    start=opening.start,
                    end=end,
                    label=opening.label,
                    topic=opening.topic,
                )
            )
        sections.append(
            SectionDraft(
                SIGNATURE_PATH,
                0,
                "",
                "",
                text[signature_start:].strip(),
                signature_start,
                len(text),
                "signature",
                "",
            )
        )

        published_on = None
        if rng.random() < 0.85:
            published_on = self._date(rng, 1, 5)
            if signed_on and published_on < signed_on:
                published_on = signed_on
        return ComposedReport(
            title=self._title(),
            text=text,
            sections=sections,
            published_on=published_on,
            signed_on=signed_on,
            publisher=self._publisher(),
            index_number=self._index_number(),
        )

    def _date(self, rng: random.Random, first_month: int, last_month: int) -> date:
        month = rng.randint(first_month, last_month)
        return date(self.year + 1, month, rng.randint(1, 28))

    def _title(self) -> str:
        titles = self.pools.titles
        if self.agency.kind == "government":
            titles = [t for t in titles if "部门" not in t] or titles
        title = self.fill(self.rng.choice(titles))
        if self.agency.name not in title:
            title = self.agency.name + title.replace(self.agency.place.prefix, "", 1)
        return (SYNTHETIC_MARK + title)[:255]

    def _publisher(self) -> str:
        roll = self.rng.random()
        if roll < 0.2:
            return ""
        if self.agency.kind == "government" and roll < 0.55:
            return f"{self.agency.place.prefix}司法局"
        return self.agency.name[:128]

    def _index_number(self) -> str:
        if self.rng.random() < 0.5:
            return ""
        organ_code, serial = self.rng.randint(1, 999), self.rng.randint(1, 99999)
        return f"{self.agency.region_code}{organ_code:03d}/{self.year + 1}-{serial:05d}"


def compose_report(
    material: m.Material, agency: AgencySpec, year: int, rng: random.Random, target_chars: int
) -> ComposedReport:
    """One synthetic report of about ``target_chars`` characters for ``agency`` and ``year``."""
    return _Composer(material, agency, year, rng).compose(target_chars)
