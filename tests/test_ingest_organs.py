"""Shortened organ names written in full, so one organ's reports file under one agency."""

from __future__ import annotations

import pytest

from reports.ingest import ReportOverrides, parse_report_file
from reports.ingest.organs import full_organ_name
from tests.test_ingest_metadata import BODY


@pytest.mark.parametrize(
    ("written", "full"),
    [
        ("天津市人社局", "天津市人力资源和社会保障局"),
        ("杭州市上城区人力社保局", "杭州市上城区人力资源和社会保障局"),
        ("深圳市卫生健康委", "深圳市卫生健康委员会"),
        ("锦州市卫健委", "锦州市卫生健康委员会"),
        ("浙江省市场监管局", "浙江省市场监督管理局"),
        ("岳阳市国动办", "岳阳市国防动员办公室"),
        ("河南省科技厅", "河南省科学技术厅"),
        ("广东省国资委", "广东省国有资产监督管理委员会"),  # set 116
        ("盘锦市林湿局", "盘锦市林业和湿地保护局"),  # set 118
        ("广东省民族宗教委", "广东省民族宗教事务委员会"),  # set 207
        ("重庆市涪陵区涪陵高新区管委会", "重庆市涪陵区涪陵高新区管理委员会"),  # a zone's committee
        ("广州市政府办公厅", "广州市人民政府办公厅"),
        ("西安市雁塔区政府办", "西安市雁塔区人民政府办公室"),
        # set 178: 市政府办 opening the text, read as the city's 人民政府办
        ("汕尾市人民政府办", "汕尾市人民政府办公室"),
    ],
)
def test_a_shortened_organ_name_is_written_in_full(written, full):
    assert full_organ_name(written) == full


@pytest.mark.parametrize(
    "name",
    [
        "深圳市卫生健康委员会",  # already in full
        "重庆市綦江区交通局",  # 交通局 is an official name, not short for 交通运输局
        "杭州市文化广电旅游局",  # names of culture bureaus differ from place to place
        "某县教育科技局",  # ends like 科技局, but is its own organ
        "某市经济和科技局",
        "某市规划和住建委",
        "重庆市人民政府",
    ],
)
def test_other_names_stay_as_written(name):
    assert full_organ_name(name) == name


def test_a_report_of_a_shortened_organ_files_under_its_full_name():
    text = f"天津市人社局2023年法治政府建设情况报告\n{BODY}"

    parsed = parse_report_file(text.encode(), filename="tj.txt", overrides=ReportOverrides())

    assert parsed.agency_name == "天津市人力资源和社会保障局"


def test_a_title_the_site_makes_names_the_organ_in_full():
    text = BODY.replace("2023年以来,我们", "2023年以来,天津市人社局")

    parsed = parse_report_file(text.encode(), filename="tj.txt", overrides=ReportOverrides())

    assert parsed.facts.title_made
    assert parsed.facts.title.startswith("天津市人力资源和社会保障局2023年")


def test_a_title_the_site_makes_names_the_agency_filed_when_the_text_gave_only_its_level():
    # '2023年以来,市政府坚持…' on www.baoding.gov.cn: the made title was "市人民政府2023年…",
    # shared by every such city's report.
    text = BODY.replace("2023年以来,我们", "2023年以来,市政府")
    address = ReportOverrides(source_url="https://www.baoding.gov.cn/xxgk/1.html")

    parsed = parse_report_file(text.encode(), filename="bd.txt", overrides=address)

    assert parsed.facts.title_made and parsed.agency_name == "保定市人民政府"
    assert parsed.facts.title.startswith("保定市人民政府2023年")
