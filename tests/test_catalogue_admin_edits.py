"""Staff editing the indicator catalogue in the admin (audit): what a save stores, and what a form
refuses, with a message in Chinese, before it can store a key that silently never matches."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.indicators.loading import content_fingerprint, sync_catalogue
from reports.models import IndicatorDefinition, IndicatorGroup
from tests import factories

pytestmark = pytest.mark.django_db


def _catalogue_file(tmp_path, cues: list[str]) -> object:
    path = tmp_path / "catalogue.toml"
    listed = ", ".join(f'"{cue}"' for cue in cues)
    path.write_text(
        '[groups]\nleadership = "党的领导"\n\n[[indicator]]\nkey = "leaders_law_study"\n'
        f'name = "学法"\ndefinition = "会前学法的次数。\\n不含个人自学。"\ngroup = "leadership"\n'
        f'units = ["次"]\ncues = [{listed}]\n',
        encoding="utf-8",
    )
    return path


def test_an_entry_saved_unchanged_in_the_admin_still_follows_the_file(admin_client, tmp_path):
    IndicatorDefinition.objects.all().delete()
    path = _catalogue_file(tmp_path, ["会前学法", "集体学法"])
    sync_catalogue(IndicatorGroup, IndicatorDefinition, path=path)
    definition = IndicatorDefinition.objects.get()

    # the browser posts the textareas' line breaks as \r\n
    data = factories.definition_form(definition)
    data["definition"] = definition.definition.replace("\n", "\r\n")
    url = reverse("admin:reports_indicatordefinition_change", args=[definition.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 302

    definition.refresh_from_db()
    assert definition.cues == "会前学法\n集体学法" and "\r" not in definition.definition
    assert content_fingerprint(vars(definition), "leadership") == definition.shipped  # not an edit
    counts = sync_catalogue(
        IndicatorGroup, IndicatorDefinition, path=_catalogue_file(tmp_path, ["会前学法", "中心组学法"])
    )
    assert counts.updated == 1
    assert IndicatorDefinition.objects.get().cues == "会前学法\n中心组学法"
