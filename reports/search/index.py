"""Building and refreshing the search index rows of reports.

``index_reports`` (re)writes the rows of the given reports: one ``SearchSection`` row per
section, or per chunk of a section too long for PostgreSQL's positions (at most 16,383, and at
most 256 positions per lexeme), and one ``SearchReport`` row. Chunks overlap by the longest
phrase a query may hold, so no match is lost at a cut. A report whose text is unchanged only
has its filter columns refreshed (a version superseded, an agency moved), which is cheap
enough to run inside the import transaction. ``rebuild_index`` starts from nothing.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction

from reports.models import Report, Section

from .models import SearchReport, SearchSection
from .normalize import normalize_text
from .query import MAX_TERM_CHARS
from .tokens import add_user_words, bigrams, load_database_words, text_lexemes, tsvector_literal

# Bump when tokenisation changes, so every report is re-tokenised by index_reports.
INDEX_VERSION = "1"
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 255
CHUNK_CHARS = 4000
# Positions skipped between two pieces of one row, so no phrase runs from a heading into a body.
PIECE_GAP = 2
HEADING_WEIGHT = "A"
BODY_WEIGHT = ""  # D, the default
REBUILD_BATCH = 200


@dataclass(frozen=True)
class Piece:
    text: str
    weight: str


def split_piece(text: str) -> list[str]:
    """``text`` cut into overlapping pieces that each fit one row's position limits."""
    if not text:
        return []
    # A word's count never exceeds that of its first bigram, so bigram counts bound every lexeme.
    if len(text) <= MAX_POSITIONS_PER_LEXEME:
        return [text]
    if len(text) <= CHUNK_CHARS and max(Counter(bigrams(text)).values()) <= MAX_POSITIONS_PER_LEXEME:
        return [text]
    middle = len(text) // 2
    # A phrase of up to MAX_TERM_CHARS that starts left of the cut ends inside the left piece.
    return split_piece(text[: middle + MAX_TERM_CHARS - 1]) + split_piece(text[middle:])


def section_documents(heading: str, body: str) -> list[str]:
    """tsvector literals for one section (normalised heading and body), one per row."""
    pieces = [Piece(text, HEADING_WEIGHT) for text in split_piece(heading)]
    pieces += [Piece(text, BODY_WEIGHT) for text in split_piece(body)]
    documents: list[str] = []
    entries: dict[str, list[str]] = {}
    used = 0
    for piece in pieces:
        lexemes = text_lexemes(piece.text)
        counts = Counter(lexeme for lexeme, _ in lexemes)
        crowded = any(len(entries.get(lex, ())) + n > MAX_POSITIONS_PER_LEXEME for lex, n in counts.items())
        if entries and (used + len(piece.text) > MAX_POSITION or crowded):
            documents.append(tsvector_literal(entries))
            entries, used = {}, 0
        for lexeme, offset in lexemes:
            entries.setdefault(lexeme, []).append(f"{used + offset + 1}{piece.weight}")
        used += len(piece.text) + PIECE_GAP
    if entries or not documents:
        documents.append(tsvector_literal(entries))
    return documents


def plain_terms(texts: Iterable[str]) -> str:
    """A position-less tsvector literal of the bigrams and final characters of ``texts``."""
    terms: set[str] = set()
    for text in texts:
        if text:
            terms.update(bigrams(text))
            terms.add(text[-1])
    return tsvector_literal({term: [] for term in terms})


def _filter_columns(report: Report) -> dict[str, object]:
    agency = report.agency
    chain = agency.region.by_level() if agency.region else {}
    return {
        "year": report.year,
        "province_id": chain["province"].pk if "province" in chain else None,
        "city_id": chain["city"].pk if "city" in chain else None,
        "county_id": chain["county"].pk if "county" in chain else None,
        "kind": agency.kind,
        "level": agency.level,
        "is_current": report.is_current,
    }


def _fingerprint(report: Report, sections: list[Section]) -> str:
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for text in [
        report.title,
        *(f"{s.pk}\x00{s.label}\x00{s.topic}\x00{s.heading}\x00{s.body}" for s in sections),
    ]:
        digest.update(text.encode("utf-8"))
        digest.update(b"\x01")
    return digest.hexdigest()


@transaction.atomic
def index_reports(report_ids: Iterable[int]) -> int:
    """Write the index rows of these reports; returns how many reports were (re)indexed.

    Ids of reports that no longer exist are skipped (their rows went with them).
    """
    ids = sorted(set(report_ids))
    if not ids:
        return 0
    load_database_words()
    reports = list(
        Report.objects.filter(pk__in=ids)
        .select_related("agency__region__parent__parent")
        .only("pk", "title", "year", "is_current", "agency")
    )
    sections_by_report: dict[int, list[Section]] = {}
    for section in Section.objects.filter(report_id__in=ids).order_by("report_id", "position"):
        sections_by_report.setdefault(section.report_id, []).append(section)
    known = dict(SearchReport.objects.filter(report_id__in=ids).values_list("report_id", "fingerprint"))

    rewrite: list[int] = []
    new_reports: list[SearchReport] = []
    new_sections: list[SearchSection] = []
    for report in reports:
        sections = sections_by_report.get(report.pk, [])
        columns = _filter_columns(report)
        fingerprint = _fingerprint(report, sections)
        if known.get(report.pk) == fingerprint:
            SearchReport.objects.filter(report_id=report.pk).update(**columns)
            SearchSection.objects.filter(report_id=report.pk).update(**columns)
            continue
        rewrite.append(report.pk)
        add_user_words([report.agency.name])
        headings: list[str] = [normalize_text(report.title)]
        bodies: list[str] = []
        for section in sections:
            heading, body = normalize_text(section.heading), normalize_text(section.body)
            headings.append(heading)
            bodies.append(body)
            for chunk, document in enumerate(section_documents(heading, body)):
                new_sections.append(
                    SearchSection(
                        report_id=report.pk,
                        section_id=section.pk,
                        chunk=chunk,
                        label=section.label,
                        topic=section.topic,
                        document=document,
                        **columns,
                    )
                )
        new_reports.append(
            SearchReport(
                report_id=report.pk,
                terms=plain_terms(headings[1:] + bodies),
                heads=plain_terms(headings),
                fingerprint=fingerprint,
                **columns,
            )
        )
    if rewrite:
        SearchSection.objects.filter(report_id__in=rewrite).delete()
        SearchReport.objects.filter(report_id__in=rewrite).delete()
        SearchReport.objects.bulk_create(new_reports, batch_size=500)
        SearchSection.objects.bulk_create(new_sections, batch_size=1000)
    return len(reports)


def rebuild_index(progress: Callable[[int, int], None] | None = None) -> int:
    """Drop every index row and index all reports again; ``progress(done, total)`` after each batch."""
    ids = list(Report.objects.order_by("pk").values_list("pk", flat=True))
    if connection.in_atomic_block:
        # TRUNCATE fails beside pending deferred constraint checks; DELETE works anywhere.
        SearchSection.objects.all().delete()
        SearchReport.objects.all().delete()
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {SearchSection._meta.db_table}, {SearchReport._meta.db_table}")
    done = 0
    for start in range(0, len(ids), REBUILD_BATCH):
        done += index_reports(ids[start : start + REBUILD_BATCH])
        if progress is not None:
            progress(min(start + REBUILD_BATCH, len(ids)), len(ids))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {SearchSection._meta.db_table}, {SearchReport._meta.db_table}")
    return done
