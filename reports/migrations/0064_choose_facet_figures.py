"""Each (report, key, facet) keeps its own chosen figure, by the rule the key's choice follows
(stated before derived, then first in the text; shown level figures outside the next-year
plans), so a ranking or an agency's row asked for 下放 compares 下放 figures only.

The choosing function is 0062's with the facets' choice added: the statement triggers that
re-choose a touched (report, key) re-choose its facets too. Backwards it is 0062's again.

Apart from 0063 because the table's unique index, which ON CONFLICT needs, is made only
when the migration creating the table ends.
"""

import importlib

from django.db import migrations

_0062 = importlib.import_module("reports.migrations.0062_chosen_figure_facet")

FACET_CHOICE = """
    DELETE FROM reports_chosenfacetfigure chosen
    USING unnest(report_ids, keys) AS touched (report_id, key)
    WHERE chosen.report_id = touched.report_id AND chosen.key = touched.key;
    INSERT INTO reports_chosenfacetfigure
        (value_id, report_id, key, facet, base_value, base_unit, derived, scope, others)
    SELECT DISTINCT ON (v.report_id, v.key, v.facet)
        v.id, v.report_id, v.key, v.facet, v.base_value, v.base_unit, v.derived, v.scope,
        count(*) OVER (PARTITION BY v.report_id, v.key, v.facet) - 1
    FROM reports_indicatorvalue v
    JOIN unnest(report_ids, keys) AS touched (report_id, key)
        ON v.report_id = touched.report_id AND v.key = touched.key
    LEFT JOIN reports_section section ON section.id = v.section_id
    WHERE NOT v.rejected AND v.measure = 'level' AND v.facet <> ''
        AND section.label IS DISTINCT FROM 'next_steps'
    ORDER BY v.report_id, v.key, v.facet, v.derived, v.start, v.id
    ON CONFLICT (key, facet, report_id) DO UPDATE SET
        value_id = EXCLUDED.value_id, base_value = EXCLUDED.base_value,
        base_unit = EXCLUDED.base_unit, derived = EXCLUDED.derived, scope = EXCLUDED.scope,
        others = EXCLUDED.others;
"""
# 0062's function, its statements followed by the facets' choice.
RECHOOSE_WITH_FACETS = _0062.RECHOOSE_WITH_FACET.replace("\n$$;", FACET_CHOICE + "$$;")
assert RECHOOSE_WITH_FACETS != _0062.RECHOOSE_WITH_FACET

BACKFILL = """
SELECT reports_rechoose_figures(array_agg(report_id), array_agg(key))
FROM (SELECT DISTINCT report_id, key FROM reports_indicatorvalue WHERE facet <> '' AND key <> '') touched;
"""



class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0063_chosen_facet_figure'),
    ]

    operations = [
        migrations.RunSQL(RECHOOSE_WITH_FACETS, _0062.RECHOOSE_WITH_FACET),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
    ]
