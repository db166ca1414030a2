"""The Region table the data migration loads, and ``load_regions`` keeping it in sync."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from django.core.management import call_command

from reports.models import Region
from reports.regions import get_division_table
from reports.regions.loading import remove_regions, sync_regions


@pytest.mark.django_db
def test_migration_loaded_the_national_division_table():
    assert Region.objects.count() == len(get_division_table()) > 3000
    assert Region.objects.filter(level=Region.Level.PROVINCE).count() == 34


@pytest.mark.django_db
def test_municipal_district_hangs_directly_on_its_municipality():
    tongnan = Region.objects.get(code="500152")

    assert tongnan.name == "潼南区"
    assert (tongnan.parent.code, tongnan.parent.name, tongnan.parent.level) == (
        "500000",
        "重庆市",
        "province",
    )
    assert tongnan.full_name == "重庆市潼南区"


@pytest.mark.django_db
def test_county_hangs_on_its_prefecture_and_province():
    litong = Region.objects.select_related("parent__parent").get(code="640302")

    assert litong.parent.code == "640300"
    assert litong.parent.name == "吴忠市"
    assert litong.parent.parent.name == "宁夏回族自治区"
    assert litong.parent.parent.parent is None
    assert litong.by_level()["city"].name == "吴忠市"


@pytest.mark.django_db
def test_database_tree_matches_the_division_file():
    table = get_division_table()
    in_database = dict(Region.objects.values_list("code", "parent__code"))

    assert in_database == {division.code: division.parent_code for division in table}


@pytest.mark.django_db
def test_load_regions_is_idempotent():
    out = StringIO()
    call_command("load_regions", stdout=out)
    assert "0 created, 0 updated" in out.getvalue()

    out = StringIO()
    call_command("load_regions", stdout=out)
    assert "0 created, 0 updated" in out.getvalue()


@pytest.mark.django_db
def test_load_regions_restores_changed_and_missing_rows():
    Region.objects.filter(code="640302").update(name="旧名", last_year=2000)
    Region.objects.filter(code="120118").delete()  # a leaf nobody points at

    out = StringIO()
    call_command("load_regions", stdout=out)

    assert "1 created, 1 updated" in out.getvalue()
    assert Region.objects.get(code="640302").name == "利通区"
    assert Region.objects.get(code="120118").parent.code == "120000"


@pytest.mark.django_db
def test_migration_functions_reload_the_whole_table_quickly():
    removed = remove_regions(Region)
    assert removed > 3000
    assert Region.objects.count() == 0

    started = time.perf_counter()
    counts = sync_regions(Region)
    elapsed = time.perf_counter() - started

    assert counts.created == removed and counts.updated == 0
    assert elapsed < 2.0
    assert Region.objects.get(code="500110").parent.code == "500000"
