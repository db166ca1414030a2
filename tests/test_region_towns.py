"""Placing a town, township or street office by its name (reports.regions.towns), without the database."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reports.regions import places_with_town, town_name
from tests.test_region_hosts import parse_named  # a report headed by that name, naming no place

BUILD_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_town_table.py"


def test_the_town_table_knows_where_a_town_is():
    assert town_name("草滩街道办事处") == "草滩街道" and town_name("六郎镇人民政府") == "六郎镇"
    assert places_with_town("六郎镇人民政府") == ("340210",)  # 芜湖市湾沚区
    assert len(places_with_town("城关镇")) == 88
    assert places_with_town("不存在镇") == ()


@pytest.mark.parametrize(
    ("name", "url", "agency", "how"),
    [
        ("六郎镇人民政府", "", "芜湖市湾沚区六郎镇人民政府", "据乡镇(街道)名称定为"),
        # 城中区 is 柳州's or 西宁's; only 西宁's has a 礼让街街道.
        ("城中区礼让街街道办事处", "", "西宁市城中区礼让街街道办事处", "据乡镇(街道)名称定为"),
        # 88 counties have a 城关镇: the address says which.
        ("城关镇人民政府", "http://www.zhuxi.gov.cn/xxgkxi/", "十堰市竹溪县城关镇人民政府", "和来源网址定为"),
        # fengtai spells 北京's 丰台区 and 淮南's 凤台县; only 凤台县 has a 城关镇.
        ("城关镇人民政府", "https://www.fengtai.gov.cn/", "淮南市凤台县城关镇人民政府", "和来源网址定为"),
        # set 60: a town named with a province's short form is the town (was 湖南省镇人民政府)
        (
            "湖南镇人民政府",
            "http://www.qjq.gov.cn/art/1.html",
            "衢州市衢江区湖南镇人民政府",
            "和来源网址定为",
        ),
    ],
)
def test_a_town_is_placed_at_the_county_that_has_it(name, url, agency, how):
    parsed = parse_named(name, url)

    assert (parsed.agency_name, parsed.agency_level) == (agency, "township")
    assert how in parsed.region_note


def test_a_town_in_many_counties_stays_placeless_without_evidence():
    parsed = parse_named("城关镇人民政府")

    assert (parsed.agency_name, parsed.place) == ("城关镇人民政府", None)


def test_the_website_wins_over_the_town_table():
    # The table lists the towns of 2023; a page on 徐闻县's site is about a town of 徐闻县.
    parsed = parse_named("六郎镇人民政府", "http://www.xuwen.gov.cn/xxgk/")

    assert parsed.agency_name == "湛江市徐闻县六郎镇人民政府"
    assert parsed.region_note.startswith("名称未写明所属地区,据来源网址")


def test_a_few_initials_on_the_website_do_not_outweigh_the_town_table():
    # ws.cq.gov.cn is 万盛经开区's site, whose towns are 綦江区's; its letters also fit 巫山县,
    # which has no 关坝镇 (set 114). Spelt out in full, the site would still win (above).
    parsed = parse_named("关坝镇人民政府", "http://ws.cq.gov.cn/jz/wsgbz/bmgkml/fzzfjs/1.html")

    assert parsed.agency_name == "重庆市綦江区关坝镇人民政府"
    assert "据乡镇(街道)名称和来源网址定为" in parsed.region_note


def unit(code: str, name: str, *children: dict) -> dict:
    return {"code": code, "name": name, "children": list(children)}


def test_the_town_table_is_built_under_the_divisions_we_know(tmp_path):
    wuhu = unit(
        "3402",
        "芜湖市",
        unit("340210", "湾沚区", unit("340210001", "六郎镇")),
        # a zone the statistics list as a county: its towns go to the city
        unit("340271", "芜湖经济技术开发区", unit("340271001", "龙山街道")),
    )
    unknown = unit("3499", "某市", unit("349901", "某区", unit("349901001", "某镇")))  # left out
    source = tmp_path / "pcas-code.json"
    source.write_text(json.dumps([unit("34", "安徽省", wuhu, unknown)], ensure_ascii=False), encoding="utf-8")
    output = tmp_path / "towns.csv"

    run = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), str(source), "--output", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    assert [(row["name"], row["parent_code"]) for row in rows] == [
        ("六郎镇", "340210"),
        ("龙山街道", "340200"),
    ]
