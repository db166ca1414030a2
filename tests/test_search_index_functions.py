"""``search_bigrams`` in C gives the plpgsql result exactly, and search works without the library."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

from reports.ingest import import_report
from reports.models import Section
from reports.search import search_page
from reports.search.bigram_function import (
    LIBRARY,
    PLPGSQL_DEFINITION,
    c_definition,
    current_language,
    use_fastest_bigrams,
)
from reports.search.models import SEPARATOR
from reports.search.normalize import normalize_text

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


def both_results(texts: list[str]) -> list[tuple[str, str]]:
    """Each text's tsvector (as text, and its stored size) from the C and the plpgsql function."""
    with connection.cursor() as cursor:
        cursor.execute(c_definition("pg_temp.bigrams_c", LIBRARY))
        cursor.execute(PLPGSQL_DEFINITION.replace("search_bigrams(text)", "pg_temp.bigrams_plpgsql(text)"))
        cursor.execute(
            "SELECT c::text || pg_column_size(c), p::text || pg_column_size(p) FROM unnest(%s::text[]) t, "
            "pg_temp.bigrams_c(t) c, pg_temp.bigrams_plpgsql(t) p",
            [texts],
        )
        return cursor.fetchall()


def test_c_bigrams_equal_plpgsql_bigrams_on_real_and_random_text():
    if not library_loads():
        assert not OWN_CLUSTER, f"bin/test should have installed {LIBRARY} into the server's $libdir"
        pytest.skip(f"{LIBRARY} is not installed on the server named by DATABASE_URL")
    for path in sorted(SAMPLES.glob("00*.txt")):
        import_report(path.read_bytes(), filename=path.name)
    sections = [normalize_text(s.heading) + SEPARATOR + normalize_text(s.body) for s in Section.objects.all()]
    assert len(sections) > 50
    rng = random.Random(7)
    # Separators, one-, two-, three- and four-byte characters, a newline and a backslash.
    alphabet = list("\x1f\x1fab1é行政复议𠀀😀\n\\ ")
    texts = [*sections, SEPARATOR.join(sections), ""]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    results = both_results(texts)
    assert len(results) == len(texts)
    differing = [text for text, (c, p) in zip(texts, results, strict=True) if c != p]
    assert differing == []


def test_search_bigrams_fall_back_to_plpgsql_when_the_library_cannot_be_loaded():
    path = SAMPLES / "000_0bf6173844fdf9f5.txt"
    outcome = import_report(path.read_bytes(), filename=path.name)
    assert outcome.report_id is not None
    if OWN_CLUSTER:
        assert current_language(connection) == "c"  # migration 0019 chose it

    assert use_fastest_bigrams(connection, library="reportsite_no_such_library") == "plpgsql"
    assert current_language(connection) == "plpgsql"
    assert search_page("行政复议").reports == 1

    if OWN_CLUSTER:
        assert use_fastest_bigrams(connection) == "c"
        assert current_language(connection) == "c"
        assert search_page("行政复议").reports == 1
