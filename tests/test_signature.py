"""find_signature and the signature section: where a report's 落款 begins and what it states (no database)."""

from __future__ import annotations

import pytest

from reports.ingest.sections import split_sections
from reports.ingest.signature import find_signature

BODY = "一、主要举措\n(一)完善制度。全年审查规范性文件12件。\n二、下一步工作打算\n(一)继续完善制度建设。"


@pytest.mark.parametrize(
    ("closing", "organ_lines", "stated_date"),
    [
        ("重庆市潼南区城市管理局\n2024年1月23日", ("重庆市潼南区城市管理局",), "2024年1月23日"),
        ("重庆市潼南区城市管理局  2024年3月5日", ("重庆市潼南区城市管理局",), "2024年3月5日"),
        (
            "中共某某县委员会\n某某县人民政府\n二〇二四年一月二十三日",
            ("中共某某县委员会", "某某县人民政府"),
            "二〇二四年一月二十三日",
        ),
        ("重庆市綦江区人民政府\n2022211日", ("重庆市綦江区人民政府",), "2022211日"),  # damaged, still a date
        (
            "重庆市潼南区城市管理局\n2024年1月23日\n(此件公开发布)",
            ("重庆市潼南区城市管理局",),
            "2024年1月23日",
        ),
        ("2024年1月23日", (), "2024年1月23日"),
        ("重庆市潼南区城市管理局", ("重庆市潼南区城市管理局",), None),
        ("中共某某县委 某某县人民政府", ("中共某某县委 某某县人民政府",), None),
    ],
)
def test_the_block_is_found_with_what_it_states(closing, organ_lines, stated_date):
    text = f"{BODY}\n{closing}"

    signature = find_signature(text)

    assert signature is not None
    assert text[signature.start :] == closing
    assert (signature.organ_lines, signature.stated_date) == (organ_lines, stated_date)


@pytest.mark.parametrize(
    "closing",
    [
        "截至2024年12月31日",  # a date inside prose
        "特此报告",  # a closing formula names no organ
        "全面构建新格局",  # ends like nothing an organ is called
        "全年共办理案件12件,结案率达到100%。",
    ],
)
def test_a_text_ending_on_prose_has_no_signature(closing):
    assert find_signature(f"{BODY}\n{closing}") is None


def test_a_closing_formula_above_the_organ_stays_out_of_the_block():
    text = f"{BODY}\n特此报告\n某某县司法局\n2024年1月23日"

    signature = find_signature(text)

    assert text[signature.start :] == "某某县司法局\n2024年1月23日"
    assert signature.organ_lines == ("某某县司法局",)


def test_traditional_script_organ_names_are_recognised():
    text = f"{BODY}\n某某縣人民政府辦公室\n2024年1月23日"

    assert find_signature(text).organ_lines == ("某某縣人民政府辦公室",)


def test_the_signature_is_a_last_section_of_its_own():
    text = f"{BODY}\n某某县司法局\n2024年1月23日"

    sections = split_sections(text, year=2023)

    last_plan, signature = sections[-2:]
    assert (last_plan.label, last_plan.body) == ("next_steps", "")
    assert last_plan.heading == "继续完善制度建设"
    assert (signature.label, signature.level, signature.path) == ("signature", 0, "sign")
    assert signature.body == "某某县司法局\n2024年1月23日"
    assert (signature.start, signature.end) == (text.index("某某县司法局"), len(text))
    assert last_plan.end == signature.start


def test_a_plan_item_with_its_own_lines_keeps_them_and_loses_the_signature():
    text = f"{BODY}\n加强队伍建设,提升执法水平。\n某某县司法局\n2024年1月23日"

    last_plan = split_sections(text, year=2023)[-2]

    assert last_plan.body == "加强队伍建设,提升执法水平。"


@pytest.mark.parametrize(
    "text",
    [
        "某某县司法局\n2024年1月23日",  # nothing but a signature: it stays the preamble
        f"{BODY}\n截至2024年12月31日",
    ],
)
def test_no_signature_section_without_a_block_after_the_text(text):
    assert all(section.label != "signature" for section in split_sections(text, year=2023))


def test_a_preamble_only_text_loses_its_signature_to_a_section():
    text = "2023年,我局认真贯彻落实法治政府建设各项部署。\n某某县司法局\n2024年1月23日"

    preamble, signature = split_sections(text, year=2023)

    assert preamble.body == "2023年,我局认真贯彻落实法治政府建设各项部署。"
    assert (signature.label, signature.body) == ("signature", "某某县司法局\n2024年1月23日")
