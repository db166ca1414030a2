"""What the generator recombines: headings and sentences learned from the real seed reports.

Each seed file goes through the importer's own parser (``parse_report_file``: page furniture
stripped, place resolved, heading tree split and labelled), so the material carries the parser's
labels and topics. Sentences are then made place- and year-neutral: the seed's agency, place
names, report year and first-person forms ("我局", "全区") become marker characters that
``compose`` fills in for each synthetic report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from reports.ingest import parse_report_file
from reports.ingest.sections import SectionDraft, label_for_heading
from reports.ingest.sections.grammar import MAX_HEADING, fold, match_number
from reports.ingest.sections.labels import lead_in_label
from reports.regions import Place

# The five real seed reports kept with the tests (the same files as ../shared/seeds).
SEED_DIR = Path(settings.BASE_DIR) / "tests" / "samples"
SEED_GLOB = "0*.txt"

# Private-use characters stand for the parts that change from report to report.
AGENCY = "\ue000"  # the agency's full name: 吴忠市利通区人民政府
PLACE = "\ue001"  # the place as an agency name writes it: 吴忠市利通区
NAME = "\ue002"  # the unit's own name: 利通区
SHORT = "\ue003"  # the unit's name without its suffix: 利通
UPPER = "\ue004"  # the unit above (city, or province for a city): 吴忠市
PROVINCE = "\ue005"  # the province's short name: 宁夏
SELF = "\ue006"  # first person: 我局 / 我区 / 我县 / 我市
WHOLE = "\ue007"  # the whole jurisdiction: 全区 / 全县 / 全市 / 全省
YEAR = "\ue010"  # the report year
NEXT_YEAR = "\ue011"  # the year after (plans, publication)
LAST_YEAR = "\ue012"  # the year before
MARKERS = (AGENCY, PLACE, NAME, SHORT, UPPER, PROVINCE, SELF, WHOLE, YEAR, NEXT_YEAR, LAST_YEAR)

# A year standing alone, not part of a span such as 2021—2025 or a document number.
_YEAR = re.compile(r"(?<![\d—\-–~至〔\[])(20\d\d)(?![\d—\-–~至〕\]])")
_SENTENCE = re.compile(r"[^。!?！？]+[。!?！？]")
# "一是" … and, where scraping lost the numeral, a bare "是" opening a sentence.
_LIST_MARK = re.compile(
    r"^(?:[一二三四五六七八九十]*是|其[一二三四五六七八九十]是|首先|其次|此外|同时)[,，、:：]?"
)
PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市")
_UNIT_SUFFIXES = ("自治县", "自治州", "地区", "新区", "区", "县", "市", "旗", "盟", "州")


@dataclass
class HeadingSample:
    """A heading as a seed wrote it (markers in place of its place and year), with the parser's topic."""

    text: str
    topic: str = ""


@dataclass
class Material:
    """Headings by (label, level) and sentences by (label, topic), all from the seed reports."""

    titles: list[str] = field(default_factory=list)
    preamble_openers: list[str] = field(default_factory=list)
    preamble_sentences: list[str] = field(default_factory=list)
    part_headings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    sub_headings: dict[str, list[HeadingSample]] = field(default_factory=lambda: defaultdict(list))
    item_headings: dict[str, list[HeadingSample]] = field(default_factory=lambda: defaultdict(list))
    sentences: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    label_sentences: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    seed_files: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Characters of sentence material, a rough measure of its variety."""
        return sum(len(s) for pool in self.label_sentences.values() for s in pool)


def load_material(seed_dir: Path | str | None = None) -> Material:
    """Parse every seed report in ``seed_dir`` with the importer and collect its parts."""
    folder = Path(seed_dir) if seed_dir is not None else SEED_DIR
    paths = sorted(folder.glob(SEED_GLOB))
    if not paths:
        raise FileNotFoundError(f"no seed reports ({SEED_GLOB}) in {folder}")
    material = Material()
    for path in paths:
        parsed = parse_report_file(path.read_bytes(), filename=path.name)
        if parsed.place is None or not parsed.sections:
            continue
        neutral = _Neutraliser(parsed.agency_name, parsed.place, parsed.facts.year)
        material.seed_files.append(path.name)
        material.titles.append(neutral(parsed.facts.title))
        _collect_sections(material, parsed.sections, neutral)
    if not material.seed_files:
        raise ValueError(f"none of the seed reports in {folder} could be parsed")
    _deduplicate(material)
    return material


def _collect_sections(material: Material, sections: list[SectionDraft], neutral: _Neutraliser) -> None:
    for section in sections:
        body_sentences = [neutral(s) for s in split_sentences(section.body)]
        body_sentences = [s for s in body_sentences if usable_sentence(s)]
        if section.level == 0:
            if body_sentences:
                material.preamble_openers.append(body_sentences[0])
                material.preamble_sentences.extend(body_sentences[1:])
            continue
        heading = neutral(section.heading)
        if section.number and usable_heading(heading):
            if section.level == 1 and label_for_heading(_fill_plain(heading)) == section.label:
                material.part_headings[section.label].append(heading)
            elif section.level == 2:
                material.sub_headings[section.label].append(HeadingSample(heading, section.topic))
            elif section.level == 3:
                material.item_headings[section.label].append(HeadingSample(heading, section.topic))
        material.label_sentences[section.label].extend(body_sentences)
        if section.topic:
            material.sentences[(section.label, section.topic)].extend(body_sentences)


def _deduplicate(material: Material) -> None:
    def unique(items: list) -> list:
        seen: set = set()
        kept = []
        for item in items:
            key = item.text if isinstance(item, HeadingSample) else item
            if key not in seen:
                seen.add(key)
                kept.append(item)
        return kept

    material.titles = unique(material.titles)
    material.preamble_openers = unique(material.preamble_openers)
    material.preamble_sentences = unique(material.preamble_sentences)
    for pools in (material.part_headings, material.sub_headings, material.item_headings):
        for key in list(pools):
            pools[key] = unique(pools[key])
    for pools in (material.sentences, material.label_sentences):
        for key in list(pools):
            pools[key] = unique(pools[key])


def split_sentences(body: str) -> list[str]:
    """Whole sentences of a body, list markers (一是, 二是…) stripped so they can be renumbered."""
    sentences = []
    for line in body.split("\n"):
        for found in _SENTENCE.finditer(line.strip()):
            sentence = _LIST_MARK.sub("", found.group().strip())
            if len(sentence) >= 8:
                sentences.append(sentence)
    return sentences


def usable_sentence(sentence: str) -> bool:
    """A sentence that cannot be mistaken for a heading or a part's lead-in at a paragraph start."""
    if match_number(fold(sentence)) is not None:
        return False
    return lead_in_label(_fill_plain(sentence)) is None


def usable_heading(heading: str) -> bool:
    """Short enough to stand as a run-in heading and free of the characters that end one early."""
    plain = _fill_plain(heading)
    return 4 <= len(plain) <= MAX_HEADING - 4 and not re.search(r"[。;:!?；：！？\n]", plain)


def _fill_plain(text: str) -> str:
    """Markers replaced by ordinary sample values, for checks that read the text."""
    for marker, value in (
        (AGENCY, "某某区司法局"),
        (PLACE, "某某区"),
        (NAME, "某某区"),
        (SHORT, "某某"),
        (UPPER, "某某市"),
        (PROVINCE, "某省"),
        (SELF, "我局"),
        (WHOLE, "全区"),
        (YEAR, "2023"),
        (NEXT_YEAR, "2024"),
        (LAST_YEAR, "2022"),
    ):
        text = text.replace(marker, value)
    return text


def short_name(name: str, suffixes: tuple[str, ...] = _UNIT_SUFFIXES) -> str:
    """綦江区 → 綦江, 宁夏回族自治区 → 宁夏; names of two characters keep their suffix (和县)."""
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


class _Neutraliser:
    """Replaces one seed report's own agency, places, year and voice with markers."""

    def __init__(self, agency_name: str, place: Place, year: int | None) -> None:
        pairs: list[tuple[str, str]] = [
            (agency_name, AGENCY),
            (place.prefix, PLACE),
            (place.full_name, PLACE),
        ]
        own = place.county or place.city or place.province
        pairs += [(own, NAME), (short_name(own), SHORT)]
        upper = place.city if place.county else (place.province if place.city else "")
        if upper and upper != own:
            pairs += [(upper, UPPER)]
        pairs += [(place.province, PROVINCE), (short_name(place.province, PROVINCE_SUFFIXES), PROVINCE)]
        pairs += [("我局", SELF), ("本局", SELF), ("我区", SELF), ("我县", SELF), ("我市", SELF)]
        unit = own[-1]
        pairs += [(f"全{unit}", WHOLE)]
        # Longest first, so 吴忠市利通区 is one marker, not 吴忠市 + 利通区.
        self.pairs = sorted({p for p in pairs if p[0]}, key=lambda pair: -len(pair[0]))
        self.year = year

    def __call__(self, text: str) -> str:
        for original, marker in self.pairs:
            text = text.replace(original, marker)
        if self.year:
            shifts = {str(self.year): YEAR, str(self.year + 1): NEXT_YEAR, str(self.year - 1): LAST_YEAR}
            text = _YEAR.sub(lambda m: shifts.get(m.group(1), m.group(1)), text)
        return text
