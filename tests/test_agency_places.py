"""Organs whose names the place rules misread: each placed, and told government or department,
as it is (found by an audit of the agencies of 2,770 held-out report openings)."""

from __future__ import annotations

import pytest

from tests.test_region_hosts import parse_named


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("兴安盟行政公署", "152200"),  # a league's government is its 行政公署
        ("大兴安岭地区行政公署", "232700"),  # and so is a prefecture's (地区)
    ],
)
def test_a_prefectures_administrative_office_is_its_government(name, code):
    parsed = parse_named(name)

    assert (parsed.agency_kind, parsed.agency_level, parsed.place.code) == ("government", "city", code)


def test_a_committee_of_a_citys_quarter_named_地区_is_a_city_department_not_a_zone():
    # 北京市天安门地区管理委员会 was filed at county level, its 地区 read as a zone's 区
    parsed = parse_named("北京市天安门地区管理委员会")

    placed = (parsed.agency_kind, parsed.agency_level, parsed.place.code)
    assert placed == ("department", "province", "110000")


def test_a_city_bureaus_branch_named_with_its_own_word_again_sits_in_its_district():
    # 广州市公安局增城区公安分局 was placed in 广州市, at city level
    parsed = parse_named("广州市公安局增城区公安分局")

    assert (parsed.agency_level, parsed.place.code) == ("county", "440118")


def test_a_new_area_after_its_provinces_name_is_placed_where_it_lies():
    # 湘江新区 lies in 长沙; after 湖南省 it was placed in the province
    parsed = parse_named("湖南省湘江新区管理委员会审计局")

    assert parsed.place.code == "430100"


@pytest.mark.parametrize(
    "name", ["民航西南地区管理局", "民航华东地区管理局", "民航新疆管理局", "中国民用航空西南地区管理局"]
)
def test_a_regional_administration_of_civil_aviation_is_central(name):
    # each covers several provinces: filed with 民航局, not as an unplaced prefecture
    parsed = parse_named(name)

    assert (parsed.agency_name, parsed.agency_level, parsed.place) == (name, "national", None)


@pytest.mark.parametrize(
    ("name", "code", "kind"),
    [
        # the zone and the district it names in brackets are one administration (区政合一): it
        # was filed in the city, its brackets dropped from the name the title gave
        ("乌鲁木齐市高新区（新市区）人民政府", "650104", "government"),
        ("武汉市武汉经开区（汉南区）农业农村局", "420113", "department"),
    ],
)
def test_a_zone_naming_its_district_in_brackets_is_placed_in_that_district(name, code, kind):
    parsed = parse_named(name)

    assert (parsed.agency_name, parsed.place.code, parsed.agency_level, parsed.agency_kind) == (
        name,
        code,
        "county",
        kind,
    )


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # brackets naming no district are an alias (自贸片区, 南港工业区), dropped as before
        ("苏州工业园区（自贸片区）管委会", "320500"),
        ("天津经济技术开发区（南港工业区）管理委员会", "120000"),
        # a zone's committee naming its district: the district's administration
        ("西安高新区（长安区）管委会", "610116"),
        ("广州开发区（黄埔区）管委会", "440112"),
    ],
)
def test_a_zones_committee_with_a_bracketed_name_is_still_a_government(name, code):
    parsed = parse_named(name)

    assert (parsed.agency_kind, parsed.place.code) == ("government", code)
