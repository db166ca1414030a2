"""split_sections: the heading tree, labels and topics of cleaned report text (no database)."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from reports.ingest.pipeline import parse_report_file
from reports.ingest.sections import SectionDraft, label_for_heading, split_sections, topic_for
from reports.ingest.sections.labels import label_for_content, lead_in_label

SAMPLES = Path(__file__).parent / "samples"

# Where each seed's report text runs (1-based, inclusive line numbers of the saved page): from the
# opening paragraph to the signature, leaving out page furniture and the title. Stands in for the
# page-cleaning module in these tests.
REPORT_LINES = {
    "000": (7, 24),
    "001": (3, 42),
    "002": (5, 34),
    "003": (5, 112),
    "004": (10, 52),
}
SEED_FILES = {path.name[:3]: path for path in SAMPLES.glob("*.txt")}


def seed_text(key: str, *, keep_blank_lines: bool = False) -> str:
    first, last = REPORT_LINES[key]
    lines = SEED_FILES[key].read_text(encoding="utf-8").split("\n")[first - 1 : last]
    return "\n".join(line for line in lines if keep_blank_lines or line.strip())


def top_level(sections: list[SectionDraft]) -> list[tuple[str, str, str]]:
    return [(s.number, s.heading, s.label) for s in sections if s.level == 1]


def by_heading(sections: list[SectionDraft], start: str) -> SectionDraft:
    matches = [s for s in sections if s.heading.startswith(start)]
    assert len(matches) == 1, [s.heading for s in matches]
    return matches[0]


def assert_valid(text: str, sections: list[SectionDraft]) -> None:
    """The invariants every result must keep, whatever the input."""
    if not text.strip():
        assert sections == []
        return
    assert sections
    first = sections[0]
    if first.label == "preamble":
        assert (first.path, first.level, first.start) == ("0", 0, 0)
        assert all(s.label != "preamble" for s in sections[1:])
    else:
        assert text[: first.start].strip() == ""
    assert sections[-1].end == len(text)
    # A signature block is the last section, at level 0, and there is only one.
    assert all(s.label != "signature" for s in sections[:-1])
    if sections[-1].label == "signature":
        assert (sections[-1].path, sections[-1].level, sections[-1].number) == (
            "sign",
            0,
            "",
        )
    for before, after in itertools.pairwise(sections):
        assert before.end == after.start  # contiguous, in order, no overlap
    seen: dict[str, SectionDraft] = {}
    for s in sections:
        assert 0 <= s.start <= s.end <= len(text)
        span = text[s.start : s.end]
        assert s.heading in span and s.body in span
        assert span.startswith(s.number)
        assert s.path not in seen
        assert len(s.path) <= 32 and len(s.number) <= 16  # the Section model's column sizes
        if s.level > 1:
            parent = seen[s.path.rsplit(".", 1)[0]]
            assert parent.level == s.level - 1
            # a sub-part takes its part's label, unless it is the later part that its combined
            # part names (一、…举措、成效、不足 / (二)存在的不足: problems)
            assert s.label == parent.label or (s.level == 2 and s.label in ("problems", "next_steps"))
        elif s.level == 1:
            assert "." not in s.path
        seen[s.path] = s
        assert s.label in {
            "preamble",
            "measures",
            "problems",
            "leadership",
            "next_steps",
            "other",
            "signature",
        }
        if s.topic:
            assert s.label == "measures"


# --- the five seeds ---------------------------------------------------------------------------

EXPECTED_TOP_LEVEL = {
    "000": [
        ("一、", "2023年法治政府部门建设情况", "measures"),
        ("二、", "存在的问题", "problems"),
        ("三、", "2024年法治建设工作思路", "next_steps"),
    ],
    "001": [
        ("一、", "2023年推进法治政府建设的主要举措和成效", "measures"),
        ("二、", "党政主要负责人履行推进法治政府建设第一责任人职责情况", "leadership"),
        ("三、", "存在的不足及2024年工作思路", "problems"),
        # An unnumbered lead-in line opens the plans; the (一)(二)… after it are its children.
        ("", "2024年我局将重点抓好以下内容", "next_steps"),
    ],
    "002": [
        ("一、", "主要做法及成效", "measures"),
        ("二、", "存在问题", "problems"),
        ("三、", "下一步工作安排", "next_steps"),
    ],
    "003": [
        ("一、", "主要工作", "measures"),
        ("二、", "存在问题", "problems"),
        ("三、", "整改措施和下步工作建议", "next_steps"),
    ],
    "004": [
        ("一、", "2021年党政主要负责人履行推进法治建设第一责任人职责工作情况", "leadership"),
        ("二、", "2021年法治政府建设工作情况", "measures"),
        # The shortcomings come as an unnumbered paragraph between parts two and three.
        ("", "2021年,我区在法治政府建设工作中取得了较好成绩,但也存在一些薄弱环节", "problems"),
        ("三、", "2022年法治政府建设工作打算", "next_steps"),
    ],
}


@pytest.mark.parametrize("key", sorted(EXPECTED_TOP_LEVEL))
def test_seed_top_level_parts(key: str) -> None:
    sections = split_sections(seed_text(key))
    assert top_level(sections) == EXPECTED_TOP_LEVEL[key]
    assert sections[0].label == "preamble" and sections[0].body.startswith(seed_text(key)[:10])


@pytest.mark.parametrize("key", sorted(EXPECTED_TOP_LEVEL))
def test_seed_spans_partition_the_text(key: str) -> None:
    text = seed_text(key)
    assert_valid(text, split_sections(text))


@pytest.mark.parametrize("key", sorted(EXPECTED_TOP_LEVEL))
def test_blank_lines_and_indentation_change_nothing_but_offsets(key: str) -> None:
    text = seed_text(key, keep_blank_lines=True)
    sections = split_sections(text)
    assert_valid(text, sections)
    assert top_level(sections) == EXPECTED_TOP_LEVEL[key]
    assert [s.path for s in sections] == [s.path for s in split_sections(seed_text(key))]


def test_seed_counts_and_paths() -> None:
    counts = {key: len(split_sections(seed_text(key))) for key in EXPECTED_TOP_LEVEL}
    assert counts == {"000": 18, "001": 25, "002": 28, "003": 55, "004": 18}  # 001 and 004 signed
    paths = [s.path for s in split_sections(seed_text("002"))]
    # 1. restarts under each (一): 1.1.1 … 1.1.4, then 1.2.1 again.
    assert paths[:8] == ["0", "1", "1.1", "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.2"]
    assert paths[8] == "1.2.1"


def test_seed_001_subsections() -> None:
    sections = split_sections(seed_text("001"))
    part = by_heading(sections, "深入实施“八五”普法规划")
    assert (part.path, part.level, part.number, part.body) == ("1.1", 2, "(一)", "")
    item = by_heading(sections, "落实领导班子集中学法制度")
    assert (item.path, item.level, item.number) == ("1.1.1", 3, "1.")
    assert item.heading == "落实领导班子集中学法制度,增强依法决策能力"
    assert item.body.startswith("发挥领导干部学法用法的带头作用")
    # The problems part keeps its own lead-in sentence in its body.
    problems = by_heading(sections, "存在的不足及2024年工作思路")
    assert problems.body == "2023年推进法治政府建设存在的不足和原因主要有:"
    plans = [s for s in sections if s.path.startswith("4.")]
    assert [s.number for s in plans] == ["(一)", "(二)", "(三)", "(四)"]
    assert all(s.label == "next_steps" and s.level == 2 for s in plans)
    # The signature block is a section of its own, not the end of the last plan.
    assert plans[-1].body.endswith("践行新时代“枫桥经验”,实质性化解“陈年积案”。")
    signature = sections[-1]
    assert (signature.label, signature.level, signature.body) == (
        "signature",
        0,
        "重庆市潼南区城市管理局\n2024年1月23日",
    )


def test_inline_lists_are_not_headings() -> None:
    sections = split_sections(seed_text("002"))
    problems = by_heading(sections, "存在问题")
    assert problems.body.startswith("一是重大行政决策程序落实存在差距。")
    assert "二是部分行政机关" in problems.body
    assert not [s for s in sections if s.path.startswith("2.")]
    assert not any(s.heading.startswith(("一是", "二是", "是")) for s in sections)


def test_a_heading_about_levels_is_a_heading_but_a_list_of_grades_is_not() -> None:
    text = "\n".join(
        [
            "前言。",
            "一、三级联动,法治建设同频一体推进",
            "一是高标准建设。",
            "二、依法行政",
            "一、二级公路养护里程增加。",
        ]
    )

    headings = [(s.number, s.heading) for s in split_sections(text) if s.number]

    assert headings == [("一、", "三级联动,法治建设同频一体推进"), ("二、", "依法行政")]


def test_a_first_item_on_its_parts_heading_line_is_its_own_section() -> None:
    text = "\n".join(
        [
            "前言。",
            "一、主要举措和成效 (一)加强党的领导,健全推进机制。一是履行职责。",
            "(二)深化改革。内容。",
            "二、存在问题",
        ]
    )

    sections = [(s.path, s.number, s.heading) for s in split_sections(text) if s.number]

    assert sections == [
        ("1", "一、", "主要举措和成效"),
        ("1.1", "(一)", "加强党的领导,健全推进机制"),
        ("1.2", "(二)", "深化改革"),
        ("2", "二、", "存在问题"),
    ]


def test_run_in_heading_is_split_from_its_body() -> None:
    sections = split_sections(seed_text("000"))
    first = by_heading(sections, "深入学习贯彻党的二十大精神")
    assert first.heading == "深入学习贯彻党的二十大精神,引领全年法治目标任务顺利实施"
    assert first.body.startswith("一是夯基固本,强化理论学习。")
    assert first.number == "(一)" and first.path == "1.1"


def test_run_in_heading_without_punctuation_stays_short() -> None:
    # Seed 004 runs heading and body together: "(一)深入学习提高站位通过区委常委会会议…".
    sections = split_sections(seed_text("004"))
    first = next(s for s in sections if s.path == "1.1")
    assert first.heading.startswith("深入学习提高站位")
    assert len(first.heading) <= 40
    assert first.body.startswith("学习党的十九届六中全会精神")


@pytest.mark.parametrize(
    ("key", "heading", "topic"),
    [
        ("001", "加强行政执法监督,严格规范执法行为", "enforcement"),
        ("001", "深入实施“八五”普法规划", "capacity_publicity"),
        ("001", "深化“放管服”改革", "functions_services"),
        ("002", "坚持党的领导", "leadership_org"),
        ("002", "严格法定程序,依法决策基础不断夯实", "decision_making"),
        ("002", "强化制约监督", "oversight_transparency"),
        ("002", "充分发挥行政复议主渠道化解功效", "disputes"),
        ("002", "不断完善公共法律服务体系", "legal_services"),
        ("002", "全力防范化解重大安全风险", "emergency"),
        ("003", "加强依法行政立法工作", "rules_normative"),
        ("003", "依法有效化解社会矛盾纠纷", "disputes"),
        ("004", "有效化解社会矛盾纠纷", "disputes"),
        ("000", "践行为民宗旨,依法有效化解社会矛盾", "disputes"),
    ],
)
def test_topics_of_known_subsections(key: str, heading: str, topic: str) -> None:
    assert by_heading(split_sections(seed_text(key)), heading).topic == topic


def test_topics_only_for_measures_subsections() -> None:
    sections = split_sections(seed_text("003"))
    assert by_heading(sections, "主要工作").topic == ""  # a generic part heading names no task
    assert all(s.topic == "" for s in sections if s.label != "measures")
    assert all(s.topic for s in sections if s.label == "measures" and s.level >= 2)


# --- the grammar on small texts -----------------------------------------------------------------


def test_decimals_counts_and_dates_at_line_start_are_not_headings() -> None:
    text = (
        "开头。\n一、主要举措\n(一)执法\n1.5万件案件全部办结。\n3、4月份开展专项行动。\n"
        "2023.1.5召开会议。\n12.3%的案件在线办理。\n1.2023年起推行首违不罚\n正文。"
    )
    sections = split_sections(text)
    assert_valid(text, sections)
    assert [(s.path, s.number) for s in sections] == [
        ("0", ""),
        ("1", "一、"),
        ("1.1", "(一)"),
        ("1.1.1", "1."),
    ]
    assert sections[2].body.startswith("1.5万件案件全部办结。\n3、4月份")
    assert sections[3].heading == "2023年起推行首违不罚"


def test_full_width_and_half_width_parentheses() -> None:
    text = (
        "引言。\n一、主要工作\n（一）加强行政执法\n内容一。\n"
        "(二)推进政务公开\n内容二。\n（三）做好行政复议\n内容三。"
    )
    sections = split_sections(text)
    assert_valid(text, sections)
    assert [(s.path, s.number, s.heading) for s in sections[2:]] == [
        ("1.1", "（一）", "加强行政执法"),
        ("1.2", "(二)", "推进政务公开"),
        ("1.3", "（三）", "做好行政复议"),
    ]
    assert [s.topic for s in sections[2:]] == ["enforcement", "oversight_transparency", "disputes"]


def test_report_starting_at_parenthesised_numbers() -> None:
    text = (
        "今年以来,我局扎实推进法治政府建设。\n"
        "(一)依法全面履行政府职能\n1.深化放管服改革。办理审批事项120件。\n2.优化营商环境。\n"
        "(二)推进行政执法规范化\n严格落实三项制度。\n"
        "(三)存在的问题\n执法力量不足。\n(四)下一步打算\n继续加强执法。"
    )
    sections = split_sections(text)
    assert_valid(text, sections)
    assert [(s.path, s.level, s.label, s.topic) for s in sections] == [
        ("0", 0, "preamble", ""),
        ("1", 1, "measures", "functions_services"),  # a task heading as a top-level part
        ("1.1", 2, "measures", "functions_services"),
        ("1.2", 2, "measures", "functions_services"),
        ("2", 1, "measures", "enforcement"),
        ("3", 1, "problems", ""),
        ("4", 1, "next_steps", ""),
    ]


def test_part_style_report() -> None:
    text = (
        "第一部分 2023年法治政府建设主要举措和成效\n一、强化组织领导\n落实第一责任人职责。\n"
        "二、推进严格规范公正文明执法\n开展案卷评查。\n"
        "第二部分 存在的问题和下一步打算\n一、存在的问题\n基层力量薄弱。\n"
    )
    sections = split_sections(text)
    assert_valid(text, sections)
    assert sections[0].path == "1"  # no preamble: the text opens with a heading
    assert [(s.path, s.number, s.heading, s.label) for s in sections if s.level == 1] == [
        ("1", "第一部分", "2023年法治政府建设主要举措和成效", "measures"),
        ("2", "第二部分", "存在的问题和下一步打算", "problems"),  # combined heading: problems first
    ]
    assert [s.path for s in sections] == ["1", "1.1", "1.2", "2", "2.1"]
    assert [s.topic for s in sections[1:3]] == ["leadership_org", "enforcement"]


def test_four_levels_and_circled_numbers() -> None:
    text = (
        "引言\n一、主要做法\n(一)规范执法\n1.落实三项制度\n(1)公示\n内容。\n(2)记录\n内容。\n"
        "2.开展评查\n①案卷评查\n内容。\n②回头看\n内容。\n二、不足\n内容。"
    )
    sections = split_sections(text)
    assert_valid(text, sections)
    assert [(s.path, s.number) for s in sections] == [
        ("0", ""),
        ("1", "一、"),
        ("1.1", "(一)"),
        ("1.1.1", "1."),
        ("1.1.1.1", "(1)"),
        ("1.1.1.2", "(2)"),
        ("1.1.2", "2."),
        ("1.1.2.1", "①"),
        ("1.1.2.2", "②"),
        ("2", "二、"),
    ]


def test_number_alone_on_its_line_takes_the_next_line_as_heading() -> None:
    text = "引言。\n一、\n主要举措和成效\n我们做了很多。\n二、存在的问题\n还有不足。"
    sections = split_sections(text)
    assert_valid(text, sections)
    assert [(s.number, s.heading, s.label) for s in sections[1:]] == [
        ("一、", "主要举措和成效", "measures"),
        ("二、", "存在的问题", "problems"),
    ]
    assert sections[1].body == "我们做了很多。"


def test_colon_in_mid_list_is_not_a_lead_in() -> None:
    text = (
        "引言。\n一、主要工作\n(一)执法\n内容。\n(二)复议\n针对检查中存在的问题:\n"
        "1.整改一\n2.整改二\n(三)普法\n内容。\n二、下一步工作打算\n(一)继续努力。"
    )
    sections = split_sections(text)
    assert_valid(text, sections)
    assert [s.path for s in sections] == ["0", "1", "1.1", "1.2", "1.2.1", "1.2.2", "1.3", "2", "2.1"]
    assert sections[3].body == "针对检查中存在的问题:"


def test_plan_title_line_opens_next_steps() -> None:
    text = "引言。\n一、主要工作\n(一)执法\n内容。\n下一步工作打算\n(一)加强学法\n(二)强化执法"
    sections = split_sections(text)
    assert_valid(text, sections)
    assert [(s.path, s.label) for s in sections if s.level == 1] == [("1", "measures"), ("2", "next_steps")]
    assert [s.path for s in sections][-2:] == ["2.1", "2.2"]


def test_dangling_plan_sentence_before_next_part_is_not_a_lead_in() -> None:
    text = "引言。\n一、主要工作\n(一)执法\n内容。\n下一步,我局将重点做好以下工作:\n二、存在问题\n不足。"
    sections = split_sections(text)
    assert_valid(text, sections)
    assert [(s.path, s.label) for s in sections] == [
        ("0", "preamble"),
        ("1", "measures"),
        ("1.1", "measures"),
        ("2", "problems"),
    ]
    assert sections[2].body == "内容。\n下一步,我局将重点做好以下工作:"


def test_unclear_top_level_heading_is_labelled_from_its_content() -> None:
    text = (
        "引言。\n一、主要工作\n办理案件12件,完成审查5件。\n"
        "二、几点思考\n一是执法力量有待加强;二是经费保障不足;三是培训不够。\n"
        "三、结语\n谢谢。"
    )
    sections = split_sections(text)
    assert [(s.heading, s.label) for s in sections if s.level == 1] == [
        ("主要工作", "measures"),
        ("几点思考", "problems"),
        ("结语", "other"),
    ]


def test_thematic_parts_before_the_problems_are_measures_but_a_closing_remark_is_not() -> None:
    text = (
        "引言。\n一、坚持党建统领,全面加强党的建设\n把学习作为首要政治任务。\n"
        "二、聚焦高位统筹,推动法治建设\n将法治建设纳入规划。\n"
        "三、存在的问题\n执法力量不足。\n四、2022年工作思路\n继续推进。\n五、结语\n谢谢。"
    )
    sections = split_sections(text)
    assert [s.label for s in sections if s.level == 1] == [
        "measures",
        "measures",
        "problems",
        "next_steps",
        "other",
    ]


def test_thematic_parts_stay_other_when_the_report_names_no_later_part() -> None:
    text = "引言。\n一、坚持党建统领\n把学习作为首要政治任务。\n二、聚焦高位统筹\n将法治建设纳入规划。"
    assert {s.label for s in split_sections(text) if s.level == 1} == {"other"}


# --- parts that open with the measures (held-out audit) ---------------------------------------

HELD_OUT = Path(__file__).parent / "gold" / "heldout"


@pytest.mark.parametrize(
    "heading",
    [
        "2022年推进法治政府建设主要举措、成效和不足",  # 青岛市交通运输局 2022
        "2023年推进法治政府建设的主要举措、成效、不足及原因",  # 兰陵县 2023
        "2023年法治建设主要措施、成效及存在问题",  # 江门市政数局 2023
        "工作成效和存在的不足",
    ],
)
def test_heading_naming_measures_before_shortcomings_is_measures(heading: str) -> None:
    assert label_for_heading(heading) == "measures"


@pytest.mark.parametrize(
    ("heading", "label"),
    [
        ("存在的问题及整改措施", "problems"),
        ("存在的不足及2024年工作思路", "problems"),
        ("整改措施和下步工作建议", "next_steps"),
    ],
)
def test_heading_naming_measures_after_another_part_keeps_that_part(heading: str, label: str) -> None:
    assert label_for_heading(heading, year=2023) == label


def test_combined_measures_and_shortcomings_part_is_measures_and_its_shortcomings_problems() -> None:
    text = (
        "现将兰陵县2023年度法治政府建设情况报告如下。\n"
        "一、2023年推进法治政府建设的主要举措、成效、不足及原因\n(一)主要举措、成效\n"
        "1.坚持依法履职,政务服务水平有效提升\n明确行政许可事项259条。\n"
        "(二)存在的不足及原因\n执法力量薄弱。\n"
        "二、党政主要负责人履行推进法治建设第一责任人职责情况\n带头学法。\n"
        "三、2024年工作安排\n继续推进。"
    )
    sections = split_sections(text, year=2023)
    assert_valid(text, sections)
    assert [(s.path, s.label) for s in sections] == [
        ("0", "preamble"),
        ("1", "measures"),
        ("1.1", "measures"),
        ("1.1.1", "measures"),
        ("1.2", "problems"),
        ("2", "leadership"),
        ("3", "next_steps"),
    ]


@pytest.mark.parametrize(
    ("heading", "year", "label"),
    [
        ("2022年重点工作及主要工作举措", 2022, "measures"),  # 西安市司法局 2022
        ("2022年重点工作及主要工作举措", 2021, "next_steps"),
        ("2022年重点工作及主要工作举措", None, "next_steps"),  # no year known: as before
        ("2023年度重点工作推进情况", 2023, "measures"),
        ("2023年法治政府建设工作要点", 2022, "next_steps"),
        ("2023年工作打算", 2023, "next_steps"),  # a plan word ending the heading needs no year
    ],
)
def test_year_in_heading_is_a_plan_only_after_the_report_year(
    heading: str, year: int | None, label: str
) -> None:
    assert label_for_heading(heading, year=year) == label


def test_report_year_reaches_the_part_labels() -> None:
    text = (
        "引言。\n一、2022年重点工作及主要工作举措\n一是始终坚定正确政治方向。\n"
        "二、存在的问题\n不足。\n三、2023年重点工作\n继续推进。"
    )
    assert [s.label for s in split_sections(text, year=2022) if s.level == 1] == [
        "measures",
        "problems",
        "next_steps",
    ]
    assert next(s.label for s in split_sections(text) if s.level == 1) == "next_steps"


def test_imported_report_labels_its_parts_with_its_own_year() -> None:
    path = HELD_OUT / "set55" / "texts" / "13_xian_sfj.txt"
    parsed = parse_report_file(path.read_bytes(), filename=path.name)
    assert parsed.facts.year == 2022
    assert by_heading(parsed.sections, "2022年重点工作及主要工作举措").label == "measures"


def test_lead_in_naming_the_report_year_opens_no_plan() -> None:
    assert lead_in_label("2022年主要工作举措", year=2022) is None
    assert lead_in_label("2023年主要工作举措", year=2022) == "next_steps"
    assert lead_in_label("2023年,我局将重点抓好以下工作:", year=2022) == "next_steps"
    assert lead_in_label("下一步工作打算", year=2022) == "next_steps"


def test_new_approach_achieved_is_no_plan() -> None:
    # 栾城区 2024: its first part, a measure, was labelled next_steps for ending in 思路.
    assert label_for_heading("深入学习习近平法治思想,法治政府建设取得新思路") is None
    assert label_for_heading("2024年工作思路") == "next_steps"
    assert label_for_heading("下一步工作新思路") == "next_steps"
    text = (
        "2024年,栾城区推进法治政府建设。\n一、深入学习习近平法治思想,法治政府建设取得新思路\n"
        "将习近平法治思想列入年度学习计划。\n二、存在的问题\n不足。"
    )
    assert [s.label for s in split_sections(text, year=2024) if s.level == 1] == ["measures", "problems"]


# 丽水市文广旅体局 2020, part one: a remediation measure naming last year's 薄弱环节 and 短板.
LISHUI_PART_ONE = (
    "一、贯彻法治精神,切实压实法治政府建设政治责任\n"
    "(一)组织领导“一手抓”。2020年9月4日,我局组织9名新任命中层干部进行宪法宣誓仪式。\n"
    "(三)短板问题“回头看”。针对上年度我局的薄弱环节,局主要领导高度重视,第一时间交办,"
    "责成市文化市场综合行政执法队针对短板进行立即整改。2020年初,完成市执法队机构改革。"
)


def test_shortcomings_a_measure_remedies_are_no_problem_cues() -> None:
    assert label_for_content(LISHUI_PART_ONE) == "measures"
    sections = split_sections("引言。\n" + LISHUI_PART_ONE, year=2020)
    assert {s.label for s in sections if s.level >= 1} == {"measures"}


def test_shortcomings_stated_as_such_are_still_problem_cues() -> None:
    text = (
        "一是运用法治思维解决问题的能力有待提高;二是普法宣传针对性不够;"
        "三是问题整改不到位;四是对照要求仍有差距。"
    )
    assert label_for_content(text) == "problems"


@pytest.mark.parametrize(
    ("heading", "label"),
    [
        ("2023年推进法治政府建设的主要举措和成效", "measures"),
        ("法治政府建设情况", "measures"),
        ("工作开展情况", "measures"),
        ("存在的问题和下一步打算", "problems"),
        ("存在的不足和原因", "problems"),
        ("党政主要负责人履行推进法治建设第一责任人职责情况", "leadership"),
        ("下一年度主要安排", "next_steps"),
        ("2024年工作思路", "next_steps"),
        ("今后工作打算", "next_steps"),
        ("其他需要报告的情况", "other"),
        ("扎实开展突出问题专项整治", None),
        # a page in traditional characters names its parts in the same words
        ("法治政府建設工作開展情況", "measures"),
        ("主要負責人履行推進法治建設第一責任人職責情況", "leadership"),
        ("存在的問題和下一步打算", "problems"),
    ],
)
def test_label_for_heading(heading: str, label: str | None) -> None:
    assert label_for_heading(heading) == label


def test_topic_for_weights_the_heading() -> None:
    assert topic_for("加强行政执法监督", "开展普法宣传,组织学法培训。") == "enforcement"
    assert topic_for("做好行政复议工作") == "disputes"
    assert topic_for("其他") == ""


# --- robustness ---------------------------------------------------------------------------------


def test_empty_and_headingless_text() -> None:
    assert split_sections("") == []
    assert split_sections(" \n\n ") == []
    text = "今年以来,我局一是加强学习,二是规范执法,执法案件1.5万件。\n全年无败诉。"
    sections = split_sections(text)
    assert_valid(text, sections)
    assert len(sections) == 1
    assert (sections[0].path, sections[0].level, sections[0].label) == ("0", 0, "preamble")
    assert (sections[0].start, sections[0].end, sections[0].body) == (0, len(text), text)


def test_garbled_heading_number_is_tolerated() -> None:
    # A lost ")" or "、" turns a heading into body text; nothing breaks.
    text = (
        "引言。\n一、主要工作\n(一)加强执法\n内容。\n(二加强复议\n内容。\n二存在问题\n不足。\n三、下一步打算"
    )
    sections = split_sections(text)
    assert_valid(text, sections)
    assert [s.path for s in sections] == ["0", "1", "1.1", "2"]


def test_long_input_is_handled_quickly() -> None:
    text = "\n".join(seed_text(key) for key in sorted(EXPECTED_TOP_LEVEL)) * 20 + "\n1.\n" * 5000
    sections = split_sections(text)  # ~350,000 characters, thousands of headings
    assert_valid(text, sections)


def _mangled(text: str, rng: random.Random) -> str:
    choice = rng.randrange(5)
    chars = list(text)
    if choice == 0:  # characters lost in scraping
        return "".join(c for c in chars if rng.random() > 0.05)
    if choice == 1:  # heading punctuation lost
        return "".join(c for c in chars if c not in "、)）(（" or rng.random() > 0.5)
    if choice == 2:  # lines shuffled: headings out of order
        lines = text.split("\n")
        rng.shuffle(lines)
        return "\n".join(lines)
    if choice == 3:  # cut anywhere
        return text[: rng.randrange(len(text) + 1)]
    # noise: stray numbers and markers at line starts
    noise = ["第三部分", "十、", "(九)", "7.", "(3)", "③", "1.5", "", "  ", "下一步工作打算", "存在问题:"]
    return "\n".join(rng.choice(noise) + line for line in text.split("\n"))


@pytest.mark.parametrize("seed", range(40))
def test_mangled_seeds_never_break_the_invariants(seed: int) -> None:
    rng = random.Random(seed)
    text = _mangled(seed_text(sorted(EXPECTED_TOP_LEVEL)[seed % 5]), rng)
    assert_valid(text, split_sections(text))


@pytest.mark.parametrize(
    "text",
    [
        "一、",
        "(一)",
        "\n\n一、\n",
        "一、\n(一)\n1.\n(1)\n①",
        "①②③\n②",
        "下一步工作打算",
        "引言\n下一步工作打算",
        "一、主要工作\n存在问题:\n",
        "三、\r\n(二)\r\n",
        "㈠ 加强学习\n㈡ 加强执法",
        "1.\n" * 50,
        "(一)" + "长" * 500,
        "一、" + "。" * 10,
        "第一章\n第二章\n一、\n二、",
        "(1)\n一、\n(一)\n1.\n第一部分\n(2)",
    ],
)
def test_odd_inputs_never_break_the_invariants(text: str) -> None:
    assert_valid(text, split_sections(text))


def test_a_sub_part_titled_as_the_later_part_its_combined_part_names_takes_that_label() -> None:
    text = (
        "一、2023年推进法治政府建设的主要举措、成效、不足及原因\n"
        "(一)主要举措、成效\n1.坚持依法履职。\n全年办理行政复议案件12件。\n"
        "(二)存在的不足及原因\n1.依法行政能力有待提高。\n基层执法力量不足。\n"
        "二、存在的问题和下一步打算\n(一)存在的问题\n执法不够规范。\n(二)下一步打算\n将继续推进依法行政。\n"
    )
    labelled = {s.heading: s.label for s in split_sections(text, year=2023)}

    assert labelled["主要举措、成效"] == labelled["坚持依法履职"] == "measures"
    assert labelled["存在的不足及原因"] == labelled["依法行政能力有待提高"] == "problems"
    assert labelled["存在的问题"] == "problems" and labelled["下一步打算"] == "next_steps"
