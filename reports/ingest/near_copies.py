"""Reports of other agencies whose text is nearly a new report's: a file saved under the wrong
agency's name, or a template copied between bureaus with only the name changed, which the
fingerprint (exact text) and the version check (same agency and year) cannot see.

Candidates come from the search index: reports holding several of a few runs of the new text,
taken from its middle; each is then measured by ``text_overlap``. Nothing is refused: staff
are asked to check (the import's 请核对).
"""

from __future__ import annotations

import re
from collections import Counter

from reports.models import Report
from reports.search import QueryError, search_page

from .pipeline import text_overlap

# A near copy shares this much of the shorter text's runs; reports of one kind from one template
# share a third at most (reports.ingest.pipeline.VERSION_OVERLAP), a re-saved file nearly all.
NEAR_COPY = 0.9
_PHRASE = re.compile(r"[\u4e00-\u9fff]{14,}")
_PHRASE_CHARS = 12
_PHRASES = 3  # runs looked up; a candidate must hold two of them
_CHECKED = 5  # candidates measured at most


def near_copies(report: Report) -> list[tuple[Report, float]]:
    """Current reports of other agencies whose text ``report``'s nearly is, with the share
    of runs they have in common, closest first."""
    held: Counter[int] = Counter()
    for phrase in _phrases(report.text):
        try:
            found = search_page(f'"{phrase}"', {}, page=1, page_size=20)
        except QueryError:
            continue
        held.update(hit.report_id for hit in found.results)
    candidates = [pk for pk, count in held.most_common() if count >= 2 and pk != report.pk][:_CHECKED]
    others = Report.objects.current().filter(pk__in=candidates).exclude(agency=report.agency)
    measured = [(other, text_overlap(other.text, report.text)) for other in others]
    return sorted(
        ((other, overlap) for other, overlap in measured if overlap >= NEAR_COPY),
        key=lambda pair: -pair[1],
    )


def _phrases(text: str) -> list[str]:
    """Runs of Chinese characters from the middle of ``text`` (openings and endings are the
    stock phrases every report shares), one from each of ``_PHRASES`` stretches."""
    runs = [match for match in _PHRASE.finditer(text) if len(text) * 0.2 <= match.start() <= len(text) * 0.8]
    if len(runs) < _PHRASES:
        return []
    step = len(runs) // _PHRASES
    return [run.group()[:_PHRASE_CHARS] for run in runs[step // 2 :: step][:_PHRASES]]


def near_copy_note(report: Report) -> str:
    """What the import asks staff to check when ``report`` nearly copies another agency's."""
    copies = near_copies(report)
    if not copies:
        return ""
    named = "、".join(
        f"#{other.pk}《{other.title}》({other.agency.name},{overlap:.0%}相同)" for other, overlap in copies
    )
    return f"请核对:正文与其他机关的报告几乎相同:{named};机关是否认错,或文件是否传错。"
