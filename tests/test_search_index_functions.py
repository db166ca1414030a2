"""The index functions in C give the plpgsql results exactly, ``search_grams`` gives the tokeniser's
grams, and search works without the library."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

from reports.ingest import import_report
from reports.models import Section
from reports.search import engine, parse_query, search_page
from reports.search.index_functions import (
    FUNCTIONS,
    LIBRARY,
    c_definition,
    current_language,
    use_fastest_functions,
)
from reports.search.models import SEPARATOR
from reports.search.normalize import normalize_text
from reports.search.selection import parse_selection
from reports.search.tokens import grams

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
# bin/test builds and installs the library for the project's own cluster; a server named by
# DATABASE_URL may not have it.
OWN_CLUSTER = not os.environ.get("DATABASE_URL")


def library_loads() -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(c_definition("pg_temp.probe_bigrams", LIBRARY))
        return True
    except DatabaseError:
        return False


def both_results(function: str, texts: list[str]) -> list[tuple[str, str]]:
    """Each text's tsvector (as text, and its stored size) from the C and the plpgsql ``function``."""
    definition, symbol = FUNCTIONS[function]
    with connection.cursor() as cursor:
        cursor.execute(c_definition("pg_temp.function_c", LIBRARY, symbol))
        cursor.execute(definition.replace(f"{function}(text)", "pg_temp.function_plpgsql(text)"))
        cursor.execute(
            "SELECT c::text || pg_column_size(c), p::text || pg_column_size(p) FROM unnest(%s::text[]) t, "
            "pg_temp.function_c(t) c, pg_temp.function_plpgsql(t) p",
            [texts],
        )
        return cursor.fetchall()


@pytest.fixture
def texts() -> list[str]:
    """Sections of the real sample reports as indexed, all of them joined, and random strings."""
    for path in sorted(SAMPLES.glob("00*.txt")):
        import_report(path.read_bytes(), filename=path.name)
    sections = [normalize_text(s.heading) + SEPARATOR + normalize_text(s.body) for s in Section.objects.all()]
    assert len(sections) > 50
    rng = random.Random(7)
    # Separators, one-, two-, three- and four-byte characters, a newline, a backslash, a quote.
    alphabet = list("\x1f\x1fab1é行政复议𠀀😀\n\\ '")
    return [
        *sections,
        SEPARATOR.join(sections),
        "",
        *("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(3000)),
    ]


@pytest.mark.parametrize("function", sorted(FUNCTIONS))
def test_c_functions_equal_plpgsql_functions_on_real_and_random_text(function, texts):
    if not library_loads():
        assert not OWN_CLUSTER, f"bin/test should have installed {LIBRARY} into the server's $libdir"
        pytest.skip(f"{LIBRARY} is not installed on the server named by DATABASE_URL")
    results = both_results(function, texts)
    assert len(results) == len(texts)
    differing = [text for text, (c, p) in zip(texts, results, strict=True) if c != p]
    assert differing == []


def test_search_grams_are_the_tokenisers_grams_of_each_piece(texts):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(search_grams(t)) FROM unnest(%s::text[]) t", [texts])
        from_database = [set(row[0]) for row in cursor.fetchall()]
    expected = [{gram for piece in text.split(SEPARATOR) for gram in grams(piece)} for text in texts]
    assert from_database == expected


def sections_found_through_the_section_index(query: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        rows = engine._section_rows(cursor, parse_query(query), parse_selection({}), exact=True)
        cursor.execute("RESET enable_seqscan")
    return [row[0] for row in rows]


def test_search_bigrams_fall_back_to_plpgsql_when_the_library_cannot_be_loaded():
    path = SAMPLES / "000_0bf6173844fdf9f5.txt"
    outcome = import_report(path.read_bytes(), filename=path.name)
    assert outcome.report_id is not None
    functions = sorted(FUNCTIONS)
    if OWN_CLUSTER:  # migrations 0019 and 0025 chose C
        assert [current_language(connection, name) for name in functions] == ["c", "c"]

    assert use_fastest_functions(connection, library="reportsite_no_such_library") == "plpgsql"
    assert [current_language(connection, name) for name in functions] == ["plpgsql", "plpgsql"]
    assert search_page("行政复议").reports == 1
    assert sections_found_through_the_section_index("行政复议 案件") == [outcome.report_id]

    if OWN_CLUSTER:
        assert use_fastest_functions(connection) == "c"
        assert [current_language(connection, name) for name in functions] == ["c", "c"]
        assert search_page("行政复议").reports == 1
