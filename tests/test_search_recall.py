"""Recall: search finds exactly the sections plain substring search finds, on the real seed reports."""

from __future__ import annotations

import importlib
import random
from pathlib import Path

import pytest

from reports.ingest import import_report
from reports.models import Section
from reports.search import match_spans, search_page
from reports.search.models import SECTION_GRAMS, SEPARATOR
from reports.search.normalize import is_word_char, normalize_text
from reports.search.tokens import bigrams

SAMPLES = Path(__file__).parent / "samples"
QUOTE_CHARS = set('"“”„‟「」『』＂〝〞')

# Terms inside longer words, names jieba does not know, mixed forms, numbers.
CHOSEN_QUERIES = [
    "复议",
    "行政复议",
    "人民法院",
    "法院",
    "渝快办",
    "一网通办",
    "放管服",
    "12345",
    "2023",
    "2023年",
    "PM2.5",
    "政复",
    "法治政府",
    "法治政府建设",
    "依法行政",
    "出庭应诉",
    "规范性文件",
    "合法性审核",
    "綦江",
    "潼南区",
    "执法",
    "普法",
    "习近平法治思想",
]


@pytest.fixture
def seed_library(db):
    for path in sorted(SAMPLES.glob("00*.txt")):
        outcome = import_report(path.read_bytes(), filename=path.name)
        assert outcome.report_id is not None, outcome.reason
    sections = list(Section.objects.all())
    return [(s.pk, s.report_id, normalize_text(s.heading), normalize_text(s.body)) for s in sections]


def substring_truth(library, term: str) -> tuple[set[int], set[int]]:
    """Report ids and section ids whose normalised heading or body contains ``term``."""
    sections = {sid for sid, _, heading, body in library if term in heading or term in body}
    reports = {rid for sid, rid, _, _ in library if sid in sections}
    return reports, sections


def searched(query: str) -> tuple[set[int], int, int]:
    page = search_page(query, page_size=100)
    assert page.exact
    return {hit.report_id for hit in page.results}, page.reports, page.sections


def random_substrings(library, count: int, seed: int = 20240401) -> list[str]:
    rng = random.Random(seed)
    texts = [body for _, _, _, body in library if len(body) > 10] + [
        h for _, _, h, _ in library if len(h) > 6
    ]
    found: list[str] = []
    while len(found) < count:
        text = rng.choice(texts)
        length = rng.randint(2, 6)
        start = rng.randrange(0, len(text) - length)
        candidate = text[start : start + length]
        if QUOTE_CHARS & set(candidate) or not any(is_word_char(c) for c in candidate):
            continue
        found.append(candidate)
    return found


@pytest.mark.django_db
def test_search_finds_exactly_the_sections_substring_search_finds_for_chosen_terms(seed_library):
    for term in CHOSEN_QUERIES:
        truth_reports, truth_sections = substring_truth(seed_library, normalize_text(term))
        reports, report_count, section_count = searched(f'"{term}"')
        assert (reports, report_count, section_count) == (
            truth_reports,
            len(truth_reports),
            len(truth_sections),
        ), term


@pytest.mark.django_db
def test_search_matches_substring_truth_for_random_substrings_of_the_real_text(seed_library):
    mismatches = []
    for term in random_substrings(seed_library, 250):
        truth_reports, truth_sections = substring_truth(seed_library, term)
        assert truth_sections, term  # sampled from the text, so it occurs
        got = searched(f'"{term}"')
        if got != (truth_reports, len(truth_reports), len(truth_sections)):
            mismatches.append(term)
    assert mismatches == []


@pytest.mark.django_db
def test_unquoted_short_terms_find_the_same_sections_as_quoted(seed_library):
    for term in ["复议", "人民法院", "渝快办", "12345", "依法行政", "行政执法"]:
        assert searched(term) == searched(f'"{term}"'), term


@pytest.mark.django_db
def test_one_character_queries_find_every_section_containing_the_character(seed_library):
    for char in ["法", "诉", "綦", "5"]:
        truth_reports, truth_sections = substring_truth(seed_library, char)
        assert searched(char) == (truth_reports, len(truth_reports), len(truth_sections)), char


@pytest.mark.django_db
def test_and_query_finds_sections_containing_both_terms(seed_library):
    truth = {
        sid for sid, _, h, b in seed_library if ("复议" in h or "复议" in b) and ("诉讼" in h or "诉讼" in b)
    }
    assert searched("复议 诉讼")[2] == len(truth)
    assert truth  # the seeds do have such sections, so the comparison means something


@pytest.mark.django_db
def test_exclusion_drops_sections_containing_the_excluded_term(seed_library):
    with_term = substring_truth(seed_library, "复议")[1]
    with_both = with_term & substring_truth(seed_library, "诉讼")[1]
    assert with_both
    assert searched("复议 -诉讼")[2] == len(with_term - with_both)


@pytest.mark.django_db
def test_or_query_finds_sections_containing_either_term(seed_library):
    either = substring_truth(seed_library, "复议")[1] | substring_truth(seed_library, "普法")[1]
    assert searched("复议 OR 普法")[2] == len(either)


@pytest.mark.django_db
def test_match_spans_cover_every_occurrence_in_the_original_section_text(seed_library):
    for section in Section.objects.all():
        spans = match_spans(section.body, "复议")
        assert len(spans) == normalize_text(section.body).count("复议")
        assert all(normalize_text(section.body[start:end]) == "复议" for start, end in spans)


@pytest.mark.django_db
def test_every_section_holding_a_substring_is_found_by_the_section_index_condition(seed_library):
    from django.db import connection

    from reports.search.query import parse_query

    sampled = random_substrings(seed_library, 300, seed=11)
    missed, held = [], 0
    with connection.cursor() as cursor:
        for term in [*sampled, *CHOSEN_QUERIES, "法", "5"]:
            query = parse_query(f'"{term}"')
            # Sections that hold the term but not the grams the section index is asked for.
            cursor.execute(
                f"SELECT count(*) FILTER (WHERE {SECTION_GRAMS} @@ %s::tsquery), count(*) "
                "FROM reports_searchsection WHERE strpos(heading, %s) > 0 OR strpos(body, %s) > 0",
                [query.section_tsquery, normalize_text(term), normalize_text(term)],
            )
            found, holding = cursor.fetchone()
            held += holding
            if found != holding:
                missed.append(term)
    assert missed == []
    assert held >= len(sampled)  # each sampled substring occurs somewhere


def postgres_bigrams(text: str) -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(array_agg(lexeme), '{}') FROM unnest(search_bigrams(%s))", [text])
        return set(cursor.fetchone()[0])


@pytest.mark.django_db
def test_postgres_computes_exactly_the_bigrams_and_last_character_of_a_text(seed_library):
    # The index (built by PostgreSQL) and the query (built in Python) must agree on the tokens.
    rng = random.Random(3)
    alphabet = list("ab'\\ \n行政复议𠀀,.%_")
    texts = [body for _, _, _, body in seed_library[:40] if body]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(300)]
    for text in texts:
        assert postgres_bigrams(text) == set(bigrams(text)) | {text[-1]}
    assert postgres_bigrams("") == set()


@pytest.mark.django_db
def test_postgres_bigrams_of_joined_pieces_cover_each_piece_and_invent_nothing():
    pieces = ["行政复议", "", "a", "渝快办"]
    lexemes = postgres_bigrams(SEPARATOR.join(pieces))
    for piece in filter(None, pieces):
        assert set(bigrams(piece)) | {piece[-1]} <= lexemes
    assert all(any(lexeme in piece for piece in pieces) for lexeme in lexemes)


@pytest.mark.django_db
def test_recall_script_finds_every_substring_of_plain_texts(tmp_path, capsys):
    script = importlib.import_module("scripts.search_recall")
    (tmp_path / "a.txt").write_text((SAMPLES / "001_2a747604b19e6eb5.txt").read_text(encoding="utf-8"))
    (tmp_path / "b.txt").write_text("推行“渝快办”，ＰＭ２．５浓度下降，行政復議案件12件。", encoding="utf-8")
    assert script.main([str(tmp_path), "--per-text", "60"]) == 0
    assert "2 texts" in capsys.readouterr().out
