"""reports.searching: the suggestion vocabulary built from the library."""

import pytest

from reports import searching
from reports.searching import organ_part
from tests import factories

PLACES = {"重庆市", "綦江区", "北京市", "东城区"}


@pytest.mark.parametrize(
    ("name", "organ"),
    [
        ("重庆市綦江区司法局", "司法局"),
        ("北京市东城区卫生健康委员会", "卫生健康委员会"),
        ("綦江区人民政府", "人民政府"),
        ("国家税务总局", "国家税务总局"),  # no place: the whole name
        ("重庆市", "重庆市"),  # nothing would be left: kept whole
    ],
)
def test_organ_part_drops_the_place_names_an_agency_name_starts_with(name, organ):
    assert organ_part(name, PLACES) == organ


@pytest.mark.django_db
def test_vocabulary_holds_places_and_organs_not_whole_agency_names(monkeypatch):
    monkeypatch.setattr(searching, "_vocabulary", None)
    factories.agency("重庆市綦江区档案馆", region_code="500110")
    terms = set(searching.vocabulary().terms)
    assert {"綦江区", "档案馆"} <= terms
    assert "重庆市綦江区档案馆" not in terms
    assert [s.text for s in searching.suggest("当案馆", searching.vocabulary())][:1] == ["档案馆"]
