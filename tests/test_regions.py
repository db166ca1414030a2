"""The division table and the place-name resolver, without the database."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reports.regions import (
    DIVISIONS_CSV,
    DivisionTable,
    get_division_table,
    name_variants,
    place_for_code,
    read_divisions,
    resolve_place,
)

BUILD_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_division_table.py"


# The vendored data file


def test_division_file_holds_places_created_after_2013():
    rows = {division.code: division for division in read_divisions()}

    assert rows["500152"].name == "潼南区"  # 潼南县 became a district in 2015
    assert rows["120118"].name == "静海区"  # 静海县 became a district in 2015
    assert rows["370116"].name == "莱芜区"  # 莱芜市 merged into 济南 in 2019
    assert rows["640302"].name == "利通区"
    assert (rows["370116"].parent_code, rows["370116"].first_year) == ("370100", 2018)


def test_division_file_keeps_codes_valid_only_in_earlier_years():
    rows = {division.code: division for division in read_divisions()}

    assert (rows["120223"].name, rows["120223"].last_year) == ("静海县", 2014)
    assert rows["371200"].name == "莱芜市"
    assert rows["360402"].former_names == ("庐山区",)  # renamed 濂溪区 in 2016


def test_division_file_hangs_municipal_districts_and_direct_counties_on_the_province():
    rows = {division.code: division for division in read_divisions()}

    assert rows["500110"].parent_code == "500000"  # 重庆市綦江区
    assert rows["110105"].parent_code == "110000"  # 北京市朝阳区
    assert rows["419001"].parent_code == "410000"  # 济源市, governed directly by 河南省
    assert not {"市辖区", "县", "直辖县"} & {division.name for division in rows.values()}
    for division in rows.values():
        if division.parent_code:
            assert division.parent_code in rows


def test_build_script_skips_placeholder_prefectures_and_keeps_former_names(tmp_path):
    source = tmp_path / "location_year.csv"
    header = (
        "year,province_name,city_name,county_name,province_adcode,city_adcode,county_adcode,"
        "province_id,city_id,county_id,province_short,city_short,county_short,rank"
    )
    source.write_text(
        "\n".join(
            [
                header,
                "2013,江西省,九江市,庐山区,360000,360400,360402,360000,360400,360402,江西,九江,庐山,3",
                "2015,江西省,九江市,庐山区,360000,360400,360402,360000,360400,360402,江西,九江,庐山,3",
                "2016,江西省,九江市,濂溪区,360000,360400,360402,360000,360400,360402,江西,九江,濂溪,3",
                "2016,江西省,九江市,,360000,360400,,360000,360400,,江西,九江,,2",
                "2016,重庆市,市辖区,綦江区,500000,500100,500110,500000,500100,500110,重庆,市辖区,綦江,3",
                "2016,河南省,直辖县,济源市,410000,419000,419001,410000,419000,419001,河南,直辖县,济源,3",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    output = tmp_path / "divisions.csv"
    run = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), str(source), "--output", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert run.returncode == 0, run.stderr
    assert "Wrote 7 divisions (3 province, 1 city, 3 county)" in run.stdout

    rows = {row["code"]: row for row in csv.DictReader(output.open(encoding="utf-8"))}
    assert set(rows) == {"360000", "360400", "360402", "500000", "500110", "410000", "419001"}
    assert rows["360402"] == {
        "code": "360402",
        "name": "濂溪区",
        "level": "county",
        "parent_code": "360400",
        "first_year": "2015",  # 2013 is before the years kept
        "last_year": "2016",
        "former_names": "庐山区",
    }
    assert rows["500110"]["parent_code"] == "500000"
    assert rows["419001"]["parent_code"] == "410000"
    assert rows["360400"]["level"] == "city"


# Names and places


def test_short_forms_drop_the_level_word_and_nationalities():
    assert ("宁夏", "SHORT_PROVINCE") in _named(name_variants("宁夏回族自治区", "province"))
    # 湘西自治州生态环境局凤凰分局: the 自治 kept without the nationalities is a name in use too.
    assert _named(name_variants("恩施土家族苗族自治州", "city")) == [
        ("恩施州", "ALIAS"),
        ("恩施自治州", "ALIAS"),
        ("恩施", "SHORT_CITY"),
    ]
    assert _named(name_variants("长白朝鲜族自治县", "county"))[-1] == ("长白", "SHORT_COUNTY")
    assert _named(name_variants("綦江区", "county")) == [("綦江", "SHORT_COUNTY")]
    # One character is too often an ordinary word.
    assert name_variants("矿区", "county") == []
    # …but a prefecture's everyday name may keep one (set 111's 博州人民政府)
    assert ("博州", "ALIAS") in _named(name_variants("博尔塔拉蒙古自治州", "city"))
    # …and Inner Mongolia's long banner names have everyday forms of three characters or more
    assert ("东乌旗", "ALIAS") in _named(name_variants("东乌珠穆沁旗", "county"))
    assert ("达茂旗", "ALIAS") in _named(name_variants("达尔罕茂明安联合旗", "county"))


def test_place_prefix_is_the_place_part_of_an_agency_name():
    assert place_for_code("640302").prefix == "吴忠市利通区"
    assert place_for_code("500110").prefix == "重庆市綦江区"
    assert place_for_code("411000").prefix == "许昌市"
    assert place_for_code("410000").prefix == "河南省"
    assert place_for_code("419001").prefix == "济源市"


def test_place_for_code_names_every_level():
    place = place_for_code("640302")

    assert (place.province, place.city, place.county, place.level) == (
        "宁夏回族自治区",
        "吴忠市",
        "利通区",
        "county",
    )
    assert place.full_name == "宁夏回族自治区吴忠市利通区"
    assert place_for_code("500110").city is None
    assert place_for_code("999999") is None


# Resolving the seed agencies


@pytest.mark.parametrize(
    ("text", "code", "matched"),
    [
        ("重庆市綦江区交通局", "500110", "重庆市綦江区"),
        ("重庆市潼南区城市管理局", "500152", "重庆市潼南区"),
        ("吴忠市利通区人民政府", "640302", "吴忠市利通区"),
        ("许昌市交通运输局", "411000", "许昌市"),
        ("重庆市綦江区", "500110", "重庆市綦江区"),
        ("吴忠市利通区2023年法治政府建设情况工作报告", "640302", "吴忠市利通区"),
    ],
)
def test_seed_agencies_resolve_to_their_division(text, code, matched):
    resolution = resolve_place(text)

    assert resolution.place is not None
    assert resolution.place.code == code
    assert resolution.matched == matched
    assert resolution.candidates == ()
    assert resolution.note == ""


def test_county_without_province_in_text_still_knows_its_province_and_city():
    place = resolve_place("吴忠市利通区人民政府").place

    assert (place.province, place.city, place.name) == ("宁夏回族自治区", "吴忠市", "利通区")


def test_prefecture_resolves_at_city_level():
    place = resolve_place("许昌市交通运输局").place

    assert (place.level, place.name, place.province) == ("city", "许昌市", "河南省")


@pytest.mark.parametrize(("text", "code"), [("静海区人民政府", "120118"), ("莱芜区司法局", "370116")])
def test_districts_created_after_2013_resolve(text, code):
    assert resolve_place(text).place.code == code


# Names several places share


def test_shared_district_name_alone_is_ambiguous_and_not_guessed():
    resolution = resolve_place("鼓楼区人民政府")

    assert resolution.place is None
    assert len(resolution.candidates) >= 4
    assert {"320106", "320302", "350102", "410204"} <= {place.code for place in resolution.candidates}
    assert resolution.matched == "鼓楼区"
    assert resolution.note.startswith("鼓楼区 有4处同名")
    assert "南京市" in resolution.note and "开封市" in resolution.note


def test_shared_district_name_is_settled_by_the_parent_named_in_the_context():
    resolution = resolve_place("鼓楼区人民政府", context="南京市鼓楼区司法局\n2023年,全区坚持……")

    assert resolution.place.code == "320106"
    assert resolution.matched == "鼓楼区"


def test_shared_district_name_is_settled_by_the_division_code_in_the_index_number():
    assert resolve_place("鼓楼区人民政府", index_number="320106xxx/2024-0001").place.code == "320106"
    assert resolve_place("利通区人民政府", index_number="640302009/2024-00011").place.code == "640302"


def test_index_number_that_is_no_division_code_is_ignored():
    resolution = resolve_place("鼓楼区人民政府", index_number="000014349/2024-00011")

    assert resolution.place is None
    assert len(resolution.candidates) == 4


def test_chaoyang_in_beijing_is_found_from_the_context():
    assert resolve_place("朝阳区人民政府", context="北京市朝阳区司法局").place.code == "110105"
    assert resolve_place("朝阳区人民政府").place is None


def test_parent_written_in_the_text_settles_a_shared_name():
    assert resolve_place("南京市鼓楼区人民政府").place.code == "320106"
    assert resolve_place("开封市鼓楼区人民政府").matched == "开封市鼓楼区"


# Short forms, former names, absent places


def test_text_without_a_place_resolves_to_nothing():
    resolution = resolve_place("关于2023年法治政府建设情况的报告")

    assert resolution.place is None
    assert resolution.candidates == ()
    assert resolution.matched == ""
    assert resolution.note


def test_province_short_form_and_missing_middle_levels():
    assert resolve_place("宁夏吴忠市利通区").place.code == "640302"
    assert resolve_place("宁夏吴忠市利通区").matched == "宁夏吴忠市利通区"
    assert resolve_place("河南省许昌市交通运输局").place.code == "411000"
    # a short form followed by a town's ending still reads as the place when a division follows
    assert resolve_place("吉林镇赉县人民政府").place.code == "220821"
    assert resolve_place("宁夏乡村振兴局").place.code == "640000"


def test_bare_county_short_form_needs_a_marker():
    assert resolve_place("綦江2023年法治政府建设情况报告").place.code == "500110"
    assert resolve_place("綦江交通局").place is None
    # 公安 is the short form of 公安县 inside 荆州市, but here it is the police bureau.
    resolution = resolve_place("荆州市公安局")
    assert (resolution.place.code, resolution.matched) == ("421000", "荆州市")


def test_former_name_resolves_to_the_renamed_code():
    assert resolve_place("庐山区人民政府").place.code == "360402"


def test_name_moved_to_a_new_code_resolves_to_the_latest_one():
    # 简阳市 was 512081 under 资阳市 until 2015 and is 510185 under 成都市 since 2016.
    assert resolve_place("简阳市人民政府").place.code == "510185"
    assert resolve_place("资阳市简阳市人民政府").place.code == "512081"


def test_county_governed_directly_by_its_province():
    assert resolve_place("济源市人民政府").place.code == "419001"
    assert resolve_place("河南省济源市人民政府").place.prefix == "济源市"


# The table as a value


def test_table_loads_quickly_and_resolves_in_well_under_a_millisecond():
    started = time.perf_counter()
    table = DivisionTable.load()
    assert time.perf_counter() - started < 1.0
    assert len(table) > 3000

    started = time.perf_counter()
    for _ in range(100):
        table.resolve("吴忠市利通区2023年法治政府建设情况工作报告", context="视察宁夏" * 100)
    assert (time.perf_counter() - started) / 100 < 0.001


def test_default_table_is_read_once():
    assert get_division_table() is get_division_table()


def test_table_can_be_loaded_from_another_file(tmp_path):
    path = tmp_path / "divisions.csv"
    path.write_text(
        "code,name,level,parent_code,first_year,last_year,former_names\n"
        "320000,江苏省,province,,2014,2024,\n"
        "320100,南京市,city,320000,2014,2024,\n"
        "320106,鼓楼区,county,320100,2014,2024,\n",
        encoding="utf-8",
    )
    table = DivisionTable.load(path)

    assert len(table) == 3
    assert table.resolve("鼓楼区人民政府").place.code == "320106"


def test_table_refuses_a_file_with_other_columns(tmp_path):
    path = tmp_path / "divisions.csv"
    path.write_text("code,name\n110000,北京市\n", encoding="utf-8")

    with pytest.raises(ValueError, match="expected columns"):
        DivisionTable.load(path)


def test_vendored_file_is_where_the_package_looks():
    assert DIVISIONS_CSV.is_file()


def _named(variants):
    return [(form, kind.name) for form, kind in variants]
