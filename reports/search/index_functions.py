"""Which implementation of the index functions PostgreSQL runs: C when it can, plpgsql else.

The GIN indexes are built on ``search_bigrams(text)`` (reports, migration 0015) and
``search_grams(text)`` (sections, migration 0025). Their plpgsql definitions work on any server;
the C ones (``reports/search/pg/reportsite_search.c``, built and installed by ``bin/_system.sh``
where the server headers can be had) compute the same tsvectors several times faster, which is
most of a full index build's time. ``use_fastest_functions`` installs the C definitions when the
server can load the library and they agree with the plpgsql ones on a probe text, and falls back
to plpgsql otherwise (a library that has gone missing included), so searching never depends on
the library being there. Both give the same result byte for byte, so an index built with one is
read correctly with the other.
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

# Word for word the definition of migration 0025: each piece cut after every third character,
# starting from its first, second and third character, gives every position's three characters
# (or the one or two left at the end); the third becomes its tag (``tokens.GRAM_TAGS``, by code
# point modulo 4). About sixteen times slower than the C version.
GRAMS_PLPGSQL_DEFINITION = r"""
CREATE OR REPLACE FUNCTION search_grams(text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
BEGIN
    RETURN (
        SELECT array_to_tsvector(coalesce(array_agg(
            CASE WHEN length(chunk) = 3
                THEN left(chunk, 2)
                    || substr('abcd', ascii(right(chunk, 1)) % 4 + 1, 1)
                ELSE chunk END), '{}'))
        FROM regexp_split_to_table($1, E'\x1f') AS piece,
            generate_series(1, 3) AS first,
            unnest(string_to_array(
                regexp_replace(substr(piece, first), '(...)', E'\\1\x1f', 'g'), E'\x1f')) AS chunk
        WHERE chunk <> ''
    );
END
$$
"""

# Each function: its plpgsql definition and the symbol of its C version in the library.
FUNCTIONS = {
    "search_bigrams": (PLPGSQL_DEFINITION, "search_bigrams_native"),
    "search_grams": (GRAMS_PLPGSQL_DEFINITION, "search_grams_native"),
}


def c_definition(name: str, library: str, symbol: str = "search_bigrams_native") -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}(text) RETURNS tsvector "
        f"AS '$libdir/{library}', '{symbol}' "
        "LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 10000"
    )


def current_language(connection: BaseDatabaseWrapper, function: str = "search_bigrams") -> str:
    """``'c'`` or ``'plpgsql'``: the language ``function`` is defined in now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lanname FROM pg_proc JOIN pg_language ON pg_language.oid = prolang WHERE proname = %s",
            [function],
        )
        return cursor.fetchone()[0]


def use_fastest_functions(connection: BaseDatabaseWrapper, library: str = LIBRARY) -> str:
    """Define the index functions in C if the server can load ``library``, else in plpgsql.

    Returns the language now in use by both. C functions need a superuser and the library in
    the server's ``$libdir``; without either the plpgsql definitions are (re)installed.
    """
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for definition, _symbol in FUNCTIONS.values():
            cursor.execute(definition)
        try:
            # A savepoint: a failed CREATE leaves the plpgsql definitions in place.
            with transaction.atomic(using=connection.alias):
                for name, (_definition, symbol) in FUNCTIONS.items():
                    cursor.execute(c_definition(f"pg_temp.{name}_c", library, symbol))
                    cursor.execute(f"SELECT pg_temp.{name}_c(%s)::text = {name}(%s)::text", [PROBE, PROBE])
                    if not cursor.fetchone()[0]:
                        return "plpgsql"
                for name, (_definition, symbol) in FUNCTIONS.items():
                    cursor.execute(c_definition(name, library, symbol))
        except DatabaseError:  # no such library, or not a superuser
            return "plpgsql"
    return "c"
