"""Every catalogue key says what it counts (口径): the text ships in the catalogue file, reaches
the tables, and is shown with the key's name on the compare index, the ranking and the report's
panel; staff may rewrite it in the admin without any figure being extracted again."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from reports.indicators.loading import read_catalogue_file
from reports.ingest import import_report
from reports.models import IndicatorDefinition, Report

SAMPLE = Path(__file__).parent / "samples" / "000_0bf6173844fdf9f5.txt"


def test_every_key_of_the_catalogue_file_has_a_definition_in_chinese():
    _groups, records = read_catalogue_file()
    missing = [r["key"] for r in records if not str(r.get("definition", "")).strip()]
    assert missing == []
    assert all(str(r["definition"]).endswith("。") for r in records)


@pytest.fixture
def report(db) -> Report:
    return Report.objects.get(pk=import_report(SAMPLE.read_bytes(), filename=SAMPLE.name).report_id)


@pytest.mark.django_db
def test_the_tables_hold_the_file_definitions():
    from_file = {r["key"]: r["definition"] for r in read_catalogue_file()[1]}
    assert dict(IndicatorDefinition.objects.values_list("key", "definition")) == from_file


@pytest.mark.django_db
def test_compare_index_and_ranking_show_what_a_key_counts(client):
    study = IndicatorDefinition.objects.get(key="leaders_law_study")
    index = client.get(reverse("reports:compare")).content.decode()
    for definition in IndicatorDefinition.objects.all():
        assert escape(definition.definition) in index, definition.key

    ranking = client.get(reverse("reports:compare-indicator", args=["leaders_law_study"])).content.decode()
    assert f'<p class="indicator-definition"><strong>口径</strong>{escape(study.definition)}</p>' in ranking


@pytest.mark.django_db
def test_the_report_panel_gives_each_figure_its_definition_behind_a_toggle(client, report):
    """It was the name's hover title, which no phone shows: the words are in the page, folded."""
    mapped = report.indicator_values.exclude(key="").select_related("definition").first()
    html = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    key = mapped.definition

    assert f'<span class="indicators__name">{escape(key.name)}<' in html  # no title attribute
    assert (
        '<details class="indicator-definition indicator-definition--folded">'
        f'<summary aria-label="“{escape(key.name)}”的口径">口径</summary><p>{escape(key.definition)}</p>'
        "</details>"
    ) in html
    # one toggle per figure of a catalogue key (each has a 排名 link); an unmapped figure has none
    assert html.count("口径</summary>") == html.count('class="indicators__rank"') > 1


@pytest.mark.django_db
def test_staff_rewrite_a_definition_without_extracting_again(admin_client, client, report):
    definition = IndicatorDefinition.objects.select_related("group").get(key="leaders_law_study")
    form = {
        field: getattr(definition, field)
        for field in ("name", "position", "units", "scope", "cues", "unless", "combines", "facets")
    }
    form |= {"group": definition.group_id, "is_active": "on", "definition": "本库试行的口径。"}

    change = reverse("admin:reports_indicatordefinition_change", args=[definition.pk])
    response = admin_client.post(change, form)

    assert response.status_code == 302
    assert not DBTaskResult.objects.exists()  # the text is no part of what extraction reads
    ranking = client.get(reverse("reports:compare-indicator", args=["leaders_law_study"])).content.decode()
    assert "本库试行的口径。" in ranking
