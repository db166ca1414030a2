"""The report list's place choices: the places that have reports, their levels and ancestry."""

from __future__ import annotations

import copy

import pytest

from reports.filters import PlaceIndex, ReportFilter, SharedChoices
from tests import factories


@pytest.mark.django_db
def test_place_index_lists_places_with_reports_and_their_ancestors_by_level():
    factories.agency(region_code="500110")  # 重庆市綦江区
    factories.agency(region_code="640302")  # 宁夏吴忠市利通区
    factories.agency(region_code="411002")  # 河南许昌市魏都区

    places = PlaceIndex.load()

    assert [r.code for r in places.of_level("province")] == ["410000", "500000", "640000"]
    assert [r.code for r in places.of_level("city")] == ["411000", "640300"]
    assert [r.code for r in places.of_level("county")] == ["411002", "500110", "640302"]
    assert places.lies_in("640302", "640000") and places.lies_in("640302", "640300")
    assert places.lies_in("640302", "640302")
    assert not places.lies_in("640302", "410000")
    assert not places.lies_in("640303", "640000")  # a place without reports lies nowhere


def test_shared_choices_are_not_copied_with_the_form():
    choices = SharedChoices([("440106", "天河区(广州市)"), ("500110", "綦江区(重庆市)")])
    assert copy.deepcopy(choices) is choices
    assert copy.deepcopy({"county": choices})["county"] is choices


@pytest.mark.django_db
def test_a_report_list_form_validates_against_its_filters_choices_uncopied():
    factories.agency(region_code="640302")
    filters = ReportFilter({"county": "640302"})
    form = filters.form

    assert form.fields["county"].choices.choices is filters.filters["county"].field.choices.choices
    assert form.is_valid()
    # a real place without reports is a choice that lists none (the regions API links to it);
    # a code that is no place, or a place of another level, is not
    assert ReportFilter({"county": "640303"}).form.is_valid()
    assert not ReportFilter({"county": "649999"}).form.is_valid()
    assert not ReportFilter({"province": "640303"}).form.is_valid()
