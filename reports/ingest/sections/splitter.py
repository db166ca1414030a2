"""``split_sections``: cleaned report text in, its heading tree out as flat, ordered drafts.

Each draft covers the text from its number to the next heading of any level, so the drafts'
spans partition the text after the preamble; a signature block (落款) closing the text is a draft
of its own, the last, at level 0 like the preamble. Levels come from the order in which numbering
styles first appear, so a report whose top level is (一) gets (一) at level 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..signature import find_signature
from . import labels
from .grammar import STYLES, HeadingMatch, fold, leading_space, match_number, split_heading
from .topics import heading_names_task, topic_for

LEAD_IN = "lead_in"  # pseudo-style of an unnumbered part opened by a lead-in line
SIGNATURE_PATH = "sign"  # the signature's path: no heading number, and unique in its report


@dataclass(frozen=True)
class SectionDraft:
    """One section as found in the text; offsets index the ``text`` given to ``split_sections``."""

    path: str
    level: int
    number: str
    heading: str
    body: str
    start: int
    end: int
    label: str
    topic: str


@dataclass
class _Opening:
    """A line that opens a section, before its level, span and label are known."""

    style: str
    start: int  # offset of the number (or of the lead-in line's first character)
    number_end: int
    line_end: int
    ordinal: int | None = None
    lead_in_label: str = ""
    level: int = 0
    path: str = ""


def split_sections(text: str, *, year: int | None = None) -> list[SectionDraft]:
    """Split cleaned report text into its preamble and numbered (or lead-in) sections.

    ``year`` is the report's year: a heading naming that year or an earlier one is no plan.
    Returns [] for blank text and a single preamble for text without headings.
    """
    if not text.strip():
        return []
    openings = _find_openings(text, year)
    _assign_levels(openings)
    _assign_paths(openings)
    text_end = _signature_start(text, openings)

    drafts: list[SectionDraft] = []
    if not openings or text[: openings[0].start].strip():
        end = openings[0].start if openings else text_end
        drafts.append(SectionDraft("0", 0, "", "", text[:end].strip(), 0, end, labels.PREAMBLE, ""))

    ends = [opening.start for opening in openings[1:]] + ([text_end] if openings else [])
    subtree_ends = _subtree_ends(text, openings)
    part_labels = _part_labels(text, openings, ends, subtree_ends, year)
    part_label = labels.OTHER
    part_heading = ""
    child_label = None
    for index, (opening, end, subtree_end) in enumerate(zip(openings, ends, subtree_ends, strict=True)):
        number, heading, body = _texts(text, opening, end)
        if opening.level == 1:
            part_label, part_heading, child_label = part_labels[index], heading, None
        elif opening.level == 2:
            child_label = labels.second_part(part_heading, part_label, heading, year=year)
        label = child_label or part_label if opening.level > 1 else part_label
        topic = ""
        if label == labels.MEASURES and (opening.level > 1 or heading_names_task(heading)):
            topic = topic_for(heading, text[opening.number_end : subtree_end])
        drafts.append(
            SectionDraft(
                path=opening.path,
                level=opening.level,
                number=number,
                heading=heading,
                body=body,
                start=opening.start,
                end=end,
                label=label,
                topic=topic,
            )
        )
    if text_end < len(text):
        signature = text[text_end:].strip()
        drafts.append(
            SectionDraft(SIGNATURE_PATH, 0, "", "", signature, text_end, len(text), labels.SIGNATURE, "")
        )
    return drafts


def _signature_start(text: str, openings: list[_Opening]) -> int:
    """Where the signature block begins, or the text's end when there is none.

    A block is only taken from after the last heading's line: a text that is nothing but a
    signature stays a preamble.
    """
    signature = find_signature(text)
    after_headings = openings[-1].line_end if openings else 0
    if signature is None or signature.start <= after_headings:
        return len(text)
    return signature.start


def _find_openings(text: str, year: int | None) -> list[_Opening]:
    openings: list[_Opening] = []
    numbered = [(start, end, _number_of(text[start:end])) for start, end in _lines(text)]
    # next_numbered[i]: the first numbered line after line i (lead-ins look ahead to it).
    next_numbered: list[HeadingMatch | None] = [None] * len(numbered)
    for index in range(len(numbered) - 2, -1, -1):
        following = numbered[index + 1][2]
        next_numbered[index] = following if following is not None else next_numbered[index + 1]
    styles: list[str] = []  # numbering styles in order of first appearance
    current_label = ""  # label of the top-level part being read, as its heading states it
    for index, (line_start, line_end, found) in enumerate(numbered):
        line = text[line_start:line_end]
        if found is not None:
            openings.append(
                _Opening(
                    style=found.style,
                    start=line_start + found.number_start,
                    number_end=line_start + found.number_end,
                    line_end=line_end,
                    ordinal=found.ordinal,
                )
            )
            if found.style not in styles:
                styles.append(found.style)
            if found.style == styles[0]:
                split = split_heading(line, found.number_end)
                heading = line[split.heading_start : split.heading_end]
                current_label = labels.label_for_heading(heading, year=year) or ""
            if found.style == "cn" and (first := _FIRST_SUBITEM.match(line, found.number_end)):
                # '一、主要举措和成效 (一)加强党的领导…': the first item runs on after the part's heading.
                openings[-1].line_end = line_start + first.start("number")
                openings.append(
                    _Opening(
                        style="paren_cn",
                        start=line_start + first.start("number"),
                        number_end=line_start + first.end("number"),
                        line_end=line_end,
                        ordinal=1,
                    )
                )
                if "paren_cn" not in styles:
                    styles.append("paren_cn")
            continue
        if not styles:
            continue  # the preamble's own "现将有关情况报告如下:" and the like
        label = labels.lead_in_label(line, year=year)
        if label is None or label == current_label:
            continue
        if not _opens_part(line, next_numbered[index], styles):
            continue
        folded = fold(line)
        first_char = line_start + folded.original(leading_space(folded))
        openings.append(_Opening(LEAD_IN, first_char, first_char, line_end, lead_in_label=label))
        current_label = label
    return openings


# A part's short heading with its first item on the same line ('一、主要举措和成效 (一)加强…').
_FIRST_SUBITEM = re.compile(r"[^。;；,，\n(（]{2,20}?\s*(?P<number>[(（]\s*一\s*[)）])")


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _number_of(line: str) -> HeadingMatch | None:
    return match_number(fold(line)) if line.strip() else None


def _opens_part(line: str, following: HeadingMatch | None, styles: list[str]) -> bool:
    """Whether a lead-in line really opens a part, judged by the numbered line after it.

    It may be followed by nothing, by the next top-level part (the list is inline, as in "…存在一些
    薄弱环节:一是…"), or by a fresh list one level below the top. A colon in mid-list ("针对存在的
    问题:" before a section's 1. 2. 3.) must not cut that list in two.
    """
    if following is None:
        return True
    if following.style == styles[0]:
        # "…做好以下工作:" right before the next part announces a list that is not there.
        return not line.rstrip().endswith((":", "："))
    second = styles[1] if len(styles) > 1 else following.style
    return following.ordinal == 1 and following.style == second


def _assign_levels(openings: list[_Opening]) -> None:
    """Level by the stack of open styles; a style keeps the level it had when first seen."""
    style_level: dict[str, int] = {}
    stack: list[str] = []
    for opening in openings:
        style = opening.style
        if style == LEAD_IN:
            stack = [LEAD_IN]
            opening.level = 1
            continue
        if style in stack:
            level = stack.index(style) + 1
        elif style in style_level:
            level = min(style_level[style], len(stack) + 1)
        elif not stack or _rank(style) > _rank(stack[-1]):
            level = len(stack) + 1  # a style lower in the grammar nests under the open one
        else:
            # A new style higher in the grammar than the open one: place it under the deepest
            # open style that outranks it (a garbled or unusual report; never crash).
            higher = [depth for depth, open_style in enumerate(stack) if _rank(open_style) < _rank(style)]
            level = higher[-1] + 2 if higher else 1
        style_level.setdefault(style, level)
        del stack[level - 1 :]
        stack.append(style)
        opening.level = level


def _rank(style: str) -> int:
    return -1 if style == LEAD_IN else STYLES.index(style)


def _assign_paths(openings: list[_Opening]) -> None:
    counters: list[int] = []  # counters[d]: children seen so far at depth d under the open parent
    prefix: list[str] = []
    for opening in openings:
        depth = opening.level - 1
        del counters[depth + 1 :]
        del prefix[depth:]
        while len(counters) <= depth:
            counters.append(0)
        counters[depth] += 1
        prefix.append(str(counters[depth]))
        opening.path = ".".join(prefix)


def _texts(text: str, opening: _Opening, end: int) -> tuple[str, str, str]:
    """(number as written, heading, own body) of one section."""
    line_start = text.rfind("\n", 0, opening.start) + 1
    line = text[line_start : opening.line_end]
    number = text[opening.start : opening.number_end].strip()
    split = split_heading(line, opening.number_end - line_start)
    heading_start, heading_end = line_start + split.heading_start, line_start + split.heading_end
    body_start = line_start + split.body_start
    if heading_start >= heading_end and opening.style != LEAD_IN:
        # A number alone on its line ("一、" then "主要做法"): the next short line is the heading.
        next_end = text.find("\n", opening.line_end + 1)
        next_end = end if next_end < 0 or next_end > end else next_end
        candidate = text[opening.line_end + 1 : next_end].strip() if opening.line_end < end else ""
        if candidate and len(candidate) <= 40 and "。" not in candidate:
            heading_start = text.index(candidate, opening.line_end)
            heading_end = body_start = heading_start + len(candidate)
    heading = text[heading_start:heading_end].strip()
    body = text[min(body_start, end) : end].strip()
    return number, heading, body


def _part_labels(
    text: str, openings: list[_Opening], ends: list[int], subtree_ends: list[int], year: int | None
) -> dict[int, str]:
    """The label of each top-level part, keyed by its index in ``openings``.

    Parts are required in a fixed order, measures before problems and plans, so a part whose
    heading and content say nothing ("坚持党建统领,全面加强党的建设") but that stands before the
    problems or plans is one of the report's measures.
    """
    found: dict[int, str] = {}
    said_nothing: set[int] = set()
    for index, opening in enumerate(openings):
        if opening.level != 1:
            continue
        heading = _texts(text, opening, ends[index])[1]
        found[index] = _part_label(heading, opening, text[opening.start : subtree_ends[index]], year)
        if found[index] == labels.OTHER and labels.label_for_heading(heading, year=year) is None:
            said_nothing.add(index)
    later_parts = [i for i, label in found.items() if label in (labels.PROBLEMS, labels.NEXT_STEPS)]
    if later_parts:
        for index in said_nothing:
            if index < later_parts[0]:
                found[index] = labels.MEASURES
    return found


def _part_label(heading: str, opening: _Opening, part_text: str, year: int | None) -> str:
    if opening.lead_in_label:
        return opening.lead_in_label
    label = labels.label_for_heading(heading, year=year)
    if label:
        return label
    if heading_names_task(heading):
        return labels.MEASURES  # older reports use the outline's tasks as their top-level parts
    return labels.label_for_content(part_text)


def _subtree_ends(text: str, openings: list[_Opening]) -> list[int]:
    """Where each section's subtree (itself and its descendants) ends: at the next heading not below it."""
    ends = [len(text)] * len(openings)
    open_indices: list[int] = []
    for index, opening in enumerate(openings):
        while open_indices and openings[open_indices[-1]].level >= opening.level:
            ends[open_indices.pop()] = opening.start
        open_indices.append(index)
    return ends
