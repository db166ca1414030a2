# The choice of "the" figure reads the section's label itself instead of a copy of it on each
# value (in_next_steps, kept by extraction and by the admin): a row trigger on sections re-chooses
# the pairs of a section's values when its label changes, whatever changes it.

from django.db import migrations

# 0032's function, with what keeps a value out of the choice as a parameter.
RECHOOSE = """
CREATE OR REPLACE FUNCTION reports_rechoose_figures(report_ids bigint[], keys text[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM reports_chosenfigure chosen
    USING unnest(report_ids, keys) AS touched (report_id, key)
    WHERE chosen.report_id = touched.report_id AND chosen.key = touched.key;
    INSERT INTO reports_chosenfigure
        (value_id, report_id, key, base_value, base_unit, derived, scope, others)
    SELECT DISTINCT ON (v.report_id, v.key)
        v.id, v.report_id, v.key, v.base_value, v.base_unit, v.derived, v.scope,
        count(*) OVER (PARTITION BY v.report_id, v.key) - 1
    FROM reports_indicatorvalue v
    JOIN unnest(report_ids, keys) AS touched (report_id, key)
        ON v.report_id = touched.report_id AND v.key = touched.key
    {join}
    WHERE NOT v.rejected AND v.measure = 'level' AND {outside_plans}
    ORDER BY v.report_id, v.key, v.derived, v.start, v.id
    -- a concurrent statement on the same pair chose first: take this statement's choice
    ON CONFLICT (key, report_id) DO UPDATE SET
        value_id = EXCLUDED.value_id, base_value = EXCLUDED.base_value,
        base_unit = EXCLUDED.base_unit, derived = EXCLUDED.derived, scope = EXCLUDED.scope,
        others = EXCLUDED.others;
$$;
"""

RELABEL_TRIGGER = """
CREATE FUNCTION reports_rechoose_on_relabel() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM reports_rechoose_figures(array_agg(report_id), array_agg(key))
    FROM (SELECT DISTINCT report_id, key FROM reports_indicatorvalue
          WHERE section_id = NEW.id AND key <> '') touched;
    RETURN NULL;
END
$$;
CREATE TRIGGER reports_section_rechoose_on_relabel
    AFTER UPDATE OF label ON reports_section
    FOR EACH ROW WHEN (OLD.label IS DISTINCT FROM NEW.label)
    EXECUTE FUNCTION reports_rechoose_on_relabel();
"""

DROP_RELABEL_TRIGGER = """
DROP TRIGGER reports_section_rechoose_on_relabel ON reports_section;
DROP FUNCTION reports_rechoose_on_relabel();
"""


READ_LABEL = RECHOOSE.format(
    join="LEFT JOIN reports_section section ON section.id = v.section_id",
    outside_plans="section.label IS DISTINCT FROM 'next_steps'",
)
READ_COPY = RECHOOSE.format(join="", outside_plans="NOT v.in_next_steps")
REFILL_COPY = """
UPDATE reports_indicatorvalue v SET in_next_steps = TRUE FROM reports_section section
WHERE section.id = v.section_id AND section.label = 'next_steps';
"""


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0034_unless_in_clause_help'),
    ]

    operations = [
        migrations.RunSQL(READ_LABEL, READ_COPY),
        migrations.RunSQL(RELABEL_TRIGGER, DROP_RELABEL_TRIGGER),
        # Backwards the column comes back first (operations reverse), then this fills it.
        migrations.RunSQL(migrations.RunSQL.noop, REFILL_COPY),
        migrations.RemoveField(model_name='indicatorvalue', name='in_next_steps'),
    ]
