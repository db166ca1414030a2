"""Which implementation of ``search_bigrams(text)`` PostgreSQL runs: C when it can, plpgsql else.

The GIN indexes are built on ``search_bigrams`` (migration 0015). Its plpgsql definition works on
any server; the C one (``reports/search/pg/reportsite_search.c``, built and installed by
``bin/_system.sh`` where the server headers can be had) computes the same tsvector about four
times faster, which is most of a full index build's time. ``use_fastest_bigrams`` installs the C
definition when the server can load the library and it agrees with the plpgsql one on a probe
text, and falls back to plpgsql otherwise (a library that has gone missing included), so
searching never depends on the library being there. Both give the same result byte for byte, so
an index built with one is read correctly with the other.
"""

from __future__ import annotations

from django.db import DatabaseError, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

LIBRARY = "reportsite_search"
# Separators, a surrogate-pair character, Latin and CJK, odd and even lengths.
PROBE = "行政复议\x1f案件 12件\x1f\x1fé😀中a"

# Word for word the definition of migration 0015 (see there why plpgsql and why that cost).
PLPGSQL_DEFINITION = r"""
CREATE OR REPLACE FUNCTION search_bigrams(text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
BEGIN
    RETURN array_to_tsvector(array_remove(string_to_array(
        regexp_replace($1, '(..)', E'\\1\x1f', 'g') || E'\x1f'
            || regexp_replace(substr($1, 2), '(..)', E'\\1\x1f', 'g'),
        E'\x1f'), ''));
END
$$
"""


def c_definition(name: str, library: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}(text) RETURNS tsvector "
        f"AS '$libdir/{library}', 'search_bigrams_native' "
        "LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 10000"
    )


def current_language(connection: BaseDatabaseWrapper) -> str:
    """``'c'`` or ``'plpgsql'``: the language ``search_bigrams`` is defined in now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lanname FROM pg_proc JOIN pg_language ON pg_language.oid = prolang "
            "WHERE proname = 'search_bigrams'"
        )
        return cursor.fetchone()[0]


def use_fastest_bigrams(connection: BaseDatabaseWrapper, library: str = LIBRARY) -> str:
    """Define ``search_bigrams`` in C if the server can load ``library``, else in plpgsql.

    Returns the language now in use. C functions need a superuser and the library in the
    server's ``$libdir``; without either the plpgsql definition is (re)installed.
    """
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(PLPGSQL_DEFINITION)
        try:
            # A savepoint: a failed CREATE leaves the plpgsql definition in place.
            with transaction.atomic(using=connection.alias):
                cursor.execute(c_definition("pg_temp.search_bigrams_c", library))
                cursor.execute(
                    "SELECT pg_temp.search_bigrams_c(%s)::text = search_bigrams(%s)::text",
                    [PROBE, PROBE],
                )
                if not cursor.fetchone()[0]:
                    return "plpgsql"
                cursor.execute(c_definition("search_bigrams", library))
        except DatabaseError:  # no such library, or not a superuser
            return "plpgsql"
    return "c"
