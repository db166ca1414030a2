"""Bytes → text → report page: decoding, page furniture and page metadata (no database)."""

from __future__ import annotations

import codecs
import random
import re
from datetime import date
from pathlib import Path

import pytest

from reports.ingest.decoding import decode_report_bytes
from reports.ingest.errors import RejectedFile
from reports.ingest.page import Page, extract_page
from reports.ingest.page.fields import date_in_address

SAMPLES = Path(__file__).parent / "samples"
HTML_SAMPLE = SAMPLES / "report_page.html"

# What each seed page must yield: the page metadata of shared/seeds/README.md, and where the
# report text begins and ends (the opening paragraph and the last paragraph or signature).
SEED_PAGES = {
    "000_0bf6173844fdf9f5.txt": {
        "title": "重庆市綦江区交通局2023年法治政府建设情况报告",
        "publisher": None,
        "published_on": None,
        "index_number": None,
        "starts": "2023年以来,我局坚持以习近平新时代中国特色社会主义思想为指导",
        "ends": "提高突发事件依法处置能力。",
    },
    "001_2a747604b19e6eb5.txt": {
        "title": "重庆市潼南区城市管理局关于2023年法治政府建设情况的报告",
        "publisher": None,
        "published_on": None,
        "index_number": None,
        "starts": "我局在区委、区政府的坚强领导下",
        "ends": "实质性化解“陈年积案”。\n重庆市潼南区城市管理局\n2024年1月23日",
    },
    "002_93b0a848b4e38b69.txt": {
        "title": "吴忠市利通区2023年法治政府建设情况工作报告",
        "publisher": "利通区司法局",
        "published_on": date(2024, 2, 28),
        "index_number": "640302009/2024-00011",
        "starts": "2023年,吴忠市利通区人民政府始终坚持以习近平新时代中国特色社会主义思想为指导",
        "ends": "奋力书写新时代法治利通建设新篇章。",
    },
    "003_dc28648a02efcf17.txt": {
        "title": "许昌市交通运输局2022年法治政府部门建设工作报告",
        "publisher": None,
        "published_on": date(2023, 3, 1),
        "index_number": None,
        "starts": "2022年以来,我局深入贯彻党的十九大、二十大及习近平总书记重要讲话精神",
        "ends": "解决执法中的取证难问题。",
    },
    "004_78ed85b0c485cc82.txt": {
        "title": "重庆市綦江区2021年度法治政府建设情况报告",
        "publisher": None,
        "published_on": date(2022, 3, 22),
        "index_number": None,
        "starts": "2021年,綦江区坚持以习近平新时代中国特色社会主义思想为指导",
        "ends": "满足社会公众公共法律服务需求。\n重庆市綦江区人民政府\n2022211日",
    },
}

FURNITURE = (
    "您当前的位置",
    "您现在的位置",
    "首页>",
    "首页 >",
    "中国政府网",
    "扫一扫",
    "索引号",
    "发布机构",
    "生成日期",
    "发布时间",
    "日期:2022",
    "文章来源",
    "发布人",
    "阅读:",
    "智能问答",
    "便民地图",
    "政策问答",
    "数据中心",
    "新媒体矩阵",
    "公开信箱",
    "---|",
    " | ",
)


def seed_page(name: str) -> Page:
    return extract_page((SAMPLES / name).read_text(encoding="utf-8"), is_html=False)


def html_sample_page() -> Page:
    raw = decode_report_bytes(HTML_SAMPLE.read_bytes(), filename=HTML_SAMPLE.name)
    return extract_page(raw, is_html=True)


def assert_clean(text: str) -> None:
    """No furniture, no blank lines, no padding: one stripped paragraph per line."""
    for furniture in FURNITURE:
        assert furniture not in text, furniture
    lines = text.split("\n")
    assert all(lines), "blank line in report text"
    assert all(line == line.strip() for line in lines)


# --- seed pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEED_PAGES))
def test_seed_page_metadata_is_read_from_the_furniture(name):
    expected = SEED_PAGES[name]

    page = seed_page(name)

    assert page.title == expected["title"]
    assert page.publisher == expected["publisher"]
    assert page.published_on == expected["published_on"]
    assert page.index_number == expected["index_number"]
    assert page.source_url is None


@pytest.mark.parametrize("name", sorted(SEED_PAGES))
def test_seed_report_text_runs_from_opening_paragraph_to_the_end_without_furniture(name):
    expected = SEED_PAGES[name]

    page = seed_page(name)

    assert page.text.startswith(expected["starts"])
    assert page.text.endswith(expected["ends"])
    assert page.title not in page.text
    assert_clean(page.text)


@pytest.mark.parametrize("name", sorted(SEED_PAGES))
def test_seed_report_text_keeps_every_character_as_written(name):
    raw = (SAMPLES / name).read_text(encoding="utf-8")
    raw_lines = {line.strip() for line in raw.split("\n")}

    page = seed_page(name)

    # Only surrounding whitespace is trimmed: every report line is a stripped line of the file.
    assert all(line in raw_lines for line in page.text.split("\n"))


def test_site_column_heading_above_the_title_is_neither_title_nor_text():
    page = seed_page("000_0bf6173844fdf9f5.txt")

    assert page.title == "重庆市綦江区交通局2023年法治政府建设情况报告"
    assert "2023年法治政府建设年度报告" not in page.text


def test_title_split_over_two_lines_is_joined():
    page = seed_page("001_2a747604b19e6eb5.txt")

    assert page.title == "重庆市潼南区城市管理局关于2023年法治政府建设情况的报告"
    assert not page.text.startswith("关于")


def test_a_title_run_on_into_the_report_on_one_line_is_the_title():
    # set 167: a copy that lost its line breaks, the title set off by a space alone
    title = "開平市衛生健康局2021年法治政府建設年度報告"
    text = REPORT_PARAGRAPH * 3
    page = extract_page(f"{title} {text}", is_html=False)

    assert (page.title, page.text) == (title, text)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("南京市人民政府关于2020年度", "法治政府建设情况的报告"),  # set 95: was refused for want of an agency
        ("盐城市大丰区关于2022年", "推进法治政府建设工作情况的报告"),  # set 124
        # set 126: a line ending in 关于, before one that reads as if it named an issuer
        ("万宁市人民政府关于", "报送万宁市2020年法治政府建设情况报告"),
    ],
)
def test_a_title_broken_after_its_year_is_joined(first, second):
    page = extract_page(f"{first}\n{second}\n宁政发〔2021〕8号\n{REPORT_PARAGRAPH}", is_html=False)

    assert page.title == first + second


def test_the_issuers_above_a_title_starting_with_guanyu_are_part_of_it():
    # set 78: the title alone named 航空港经济综合实验区, which no place could be read from
    page = extract_page(
        "您的位置: 首页 > 政务公开\n中共郑州航空港经济综合实验区工作委员会\n郑州航空港经济综合实验区管委会\n"
        f"关于航空港经济综合实验区2022年度\n法治政府建设情况的报告\n来源:党政办\n{REPORT_PARAGRAPH}",
        is_html=False,
    )

    assert page.title == (
        "中共郑州航空港经济综合实验区工作委员会 郑州航空港经济综合实验区管委会 "
        "关于航空港经济综合实验区2022年度法治政府建设情况的报告"
    )
    assert not page.text.startswith(("郑州", "关于"))


def test_a_title_line_set_with_spaces_between_its_characters_reads_as_one_word():
    # set 46: 青 海 省 卫 生 健 康 委 was read as the organ 委, with no place
    page = extract_page(
        f"青 海 省 卫 生 健 康 委\n2023年法治政府建设工作总结\n{REPORT_PARAGRAPH}", is_html=False
    )

    assert page.title == "青海省卫生健康委2023年法治政府建设工作总结"


def test_a_report_word_set_apart_at_the_end_of_a_title_is_closed_up():
    page = extract_page(f"2022年度安阳县法治政府建设工作情况 报 告\n{REPORT_PARAGRAPH}", is_html=False)

    assert page.title == "2022年度安阳县法治政府建设工作情况报告"


def test_a_town_named_on_the_line_above_its_title_is_part_of_the_title():
    page = extract_page(
        "大方县黄泥塘镇\n2022年度法治政府建设示范创建工作报告\n"
        "为深入贯彻习近平法治思想,现将我镇本年度法治政府建设工作情况报告如下:我镇坚持依法行政。",
        is_html=False,
    )

    assert page.title == "大方县黄泥塘镇2022年度法治政府建设示范创建工作报告"


def test_a_short_sentence_presenting_the_report_opens_its_text():
    page = extract_page(
        "根据规定,现将保山市2023年度法治政府建设情况报告如下。\n一、工作情况\n2023年,保山市坚持依法行政。",
        is_html=False,
    )

    assert page.text.startswith("根据规定,现将保山市2023年度法治政府建设情况报告如下。\n一、工作情况")


def test_report_words_that_are_also_footer_links_stay_in_the_report():
    page = seed_page("000_0bf6173844fdf9f5.txt")

    assert "持续优化行业营商环境" in page.text


def test_signature_lines_padded_with_en_spaces_are_trimmed():
    page = seed_page("004_78ed85b0c485cc82.txt")

    assert page.text.split("\n")[-2:] == ["重庆市綦江区人民政府", "2022211日"]


# --- the HTML sample: seed 003 as its site would serve it --------------------------------------


def test_html_page_metadata_comes_from_table_info_line_and_canonical_link():
    page = html_sample_page()

    assert page.title == "许昌市交通运输局2022年法治政府部门建设工作报告"
    assert page.publisher == "许昌市交通运输局"
    assert page.published_on == date(2023, 3, 1)
    assert page.index_number == "11411000005745241Y/2023-00046"
    assert page.source_url == "https://jtj.xuchang.gov.cn/zwgk/fzzfjs/2023/0301/45821.html"


def test_html_page_gives_the_same_report_text_as_the_saved_text():
    page = html_sample_page()

    assert page.text == seed_page("003_dc28648a02efcf17.txt").text


def test_html_page_text_has_no_navigation_scripts_share_bar_related_links_or_footer():
    text = html_sample_page().text

    assert_clean(text)
    for furniture in ("机构概况", "互动交流", "长者模式", "打印本页", "【字体", "分享到:", "关闭窗口",
                      "相关链接", "2021年法治政府部门建设工作报告", "主办单位", "ICP备", "网站标识码",
                      "getElementById", "_hmt", "line-height"):  # fmt: skip
        assert furniture not in text, furniture


def wrap_html(body: str, head: str = "") -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


REPORT_PARAGRAPH = "2023年以来,我局坚持以习近平法治思想为指导,全面推进依法行政,法治政府建设取得新成效。"


def test_html_page_header_nav_and_footer_are_dropped_but_an_articles_own_header_is_kept():
    html = wrap_html(
        "<header><div>重庆市綦江区交通局</div><nav><a>首页</a><a>政务公开</a></nav></header>"
        "<article><header><h1>重庆市綦江区交通局2023年法治政府建设情况报告</h1></header>"
        f"<p>{REPORT_PARAGRAPH}</p><p>一、主要举措</p></article>"
        "<footer><p>联系我们</p><p>渝ICP备12345678号</p></footer>"
    )

    page = extract_page(html, is_html=True)

    assert page.title == "重庆市綦江区交通局2023年法治政府建设情况报告"
    assert page.text == f"{REPORT_PARAGRAPH}\n一、主要举措"


def test_html_table_rows_become_lines_with_cells_between_bars():
    html = wrap_html(
        "<h1>吴忠市利通区2023年法治政府建设情况工作报告</h1>"
        "<table><tr><td>索引号</td><td>640302009/2024-00011</td><td>文号</td><td></td>"
        "<td>生成日期</td><td>2024-02-28</td></tr>"
        "<tr><td>内容分类</td><td>主动公开</td><td>发布机构</td><td>利通区司法局</td></tr></table>"
        f"<p>{REPORT_PARAGRAPH}</p>"
        "<table><tr><th>项目</th><th>数量</th></tr><tr><td>行政复议</td><td>14件</td></tr></table>"
        "<p>重庆市綦江区交通局<br>2024年1月23日</p>"
    )

    page = extract_page(html, is_html=True)

    assert page.index_number == "640302009/2024-00011"
    assert page.publisher == "利通区司法局"
    assert page.published_on == date(2024, 2, 28)
    # A table in the report itself stays, one row per line; <br> ends a line.
    assert page.text == f"{REPORT_PARAGRAPH}\n项目 | 数量\n行政复议 | 14件\n重庆市綦江区交通局\n2024年1月23日"


def test_html_layout_table_around_the_report_is_read_as_blocks():
    html = wrap_html(
        "<table><tr><td><a>首页</a></td><td><a>政务公开</a></td></tr></table>"
        "<table><tr><td><h2>许昌市交通运输局2022年法治政府部门建设工作报告</h2>"
        f"<p>{REPORT_PARAGRAPH}</p><p>一、主要工作</p></td><td><p>相关链接</p></td></tr></table>"
    )

    page = extract_page(html, is_html=True)

    assert page.title == "许昌市交通运输局2022年法治政府部门建设工作报告"
    assert page.text == f"{REPORT_PARAGRAPH}\n一、主要工作"


def test_html_head_metadata_is_used_when_the_page_shows_none():
    head = (
        '<meta name="ArticleTitle" content="重庆市綦江区交通局2023年法治政府建设情况报告">'
        '<meta name="PubDate" content="2024-03-15 10:20">'
        '<meta name="ContentSource" content="重庆市綦江区交通局">'
        '<meta property="og:url" content="https://www.cqqj.gov.cn/zwgk/fzzfjsndbg/12345.html">'
    )
    html = wrap_html(f"<div id='zoom'><p>{REPORT_PARAGRAPH}</p></div>", head)

    page = extract_page(html, is_html=True)

    assert page.title == "重庆市綦江区交通局2023年法治政府建设情况报告"
    assert page.published_on == date(2024, 3, 15)
    assert page.publisher == "重庆市綦江区交通局"
    assert page.source_url == "https://www.cqqj.gov.cn/zwgk/fzzfjsndbg/12345.html"
    assert page.text == REPORT_PARAGRAPH


def test_chinese_text_broken_across_html_source_lines_gets_no_stray_space():
    html = wrap_html("<p>全面推进\n      依法行政, 建设\n法治政府。Rule of\nlaw.</p>")

    assert extract_page(html, is_html=True).text == "全面推进依法行政, 建设法治政府。Rule of law."


def test_html_with_unclosed_tags_nested_deeply_keeps_its_text():
    html = wrap_html("<p>" + "<font>" * 1000 + REPORT_PARAGRAPH + "</font>" * 1000 + "</p>")

    assert extract_page(html, is_html=True).text == REPORT_PARAGRAPH


def test_html_with_xml_declaration_is_parsed():
    html = '<?xml version="1.0" encoding="gb2312"?>' + wrap_html(f"<p>{REPORT_PARAGRAPH}</p>")

    assert extract_page(html, is_html=True).text == REPORT_PARAGRAPH


# --- furniture in saved text -----------------------------------------------------------------


def test_page_without_title_starts_at_the_opening_paragraph():
    raw = (
        "当前位置:首页 > 政务公开 > 法治政府建设\n"
        "发布时间:2024-03-26 09:30:12  来源:佛山市市场监督管理局  浏览次数:\n"
        "【字体:大 中 小】 打印本页\n"
        f"\u3000\u3000{REPORT_PARAGRAPH}\n"
        "一、主要举措\n"
        "扫一扫在手机打开当前页\n"
    )

    page = extract_page(raw, is_html=False)

    assert page.title is None
    assert page.publisher == "佛山市市场监督管理局"
    assert page.published_on == date(2024, 3, 26)
    assert page.text == f"{REPORT_PARAGRAPH}\n一、主要举措"


def test_year_note_under_the_title_belongs_to_the_title():
    raw = f"重庆市綦江区交通局法治政府建设工作报告\n(2023年度)\n{REPORT_PARAGRAPH}"

    page = extract_page(raw, is_html=False)

    assert page.title == "重庆市綦江区交通局法治政府建设工作报告(2023年度)"
    assert page.text == REPORT_PARAGRAPH


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (
            ["武昌区关于2024年推进法治政府", "建设工作情况的报告"],
            "武昌区关于2024年推进法治政府建设工作情况的报告",
        ),
        (["柳城县龙头镇2025年法治政府建设", "年度报告"], "柳城县龙头镇2025年法治政府建设年度报告"),
        (["平舆县交通运输局2022年法治政府建设", "报 告"], "平舆县交通运输局2022年法治政府建设报告"),
        (
            ["湘潭縣衛生健康局2025年法治政府建設", "年度工作報告"],
            "湘潭縣衛生健康局2025年法治政府建設年度工作報告",
        ),
        (
            ["驻马店市人民政府", "关于2024年度法治政府建设工作情况的", "报 告"],
            "驻马店市人民政府关于2024年度法治政府建设工作情况的报告",
        ),
        (
            ["重庆市綦江区交通局2023年法治政府建设", "工作报告", "(2023年度)"],
            "重庆市綦江区交通局2023年法治政府建设工作报告(2023年度)",
        ),
    ],
)
def test_a_title_broken_before_its_last_words_ends_with_them_and_the_report_after_them(lines, title):
    page = extract_page("\n".join([*lines, REPORT_PARAGRAPH]), is_html=False)

    assert (page.title, page.text) == (title, REPORT_PARAGRAPH)


def test_a_title_ending_in_and_goes_on_to_the_next_line():
    raw = f"2022年度法治政府建设工作报告和\n2023年工作思路\n发布时间:2023-02-22 14:47\n{REPORT_PARAGRAPH}"

    page = extract_page(raw, is_html=False)

    assert (page.title, page.text) == ("2022年度法治政府建设工作报告和2023年工作思路", REPORT_PARAGRAPH)


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        # A title that does not say 报告 (Sichuan's 工作情况) is whole above the opening paragraph…
        (["四川省交通运输厅", "2025年法治政府部门建设工作情况"], REPORT_PARAGRAPH),
        # …and above a numbered heading.
        (
            ["四川省交通运输厅2025年法治政府部门建设工作情况", "一、主要举措"],
            f"一、主要举措\n{REPORT_PARAGRAPH}",
        ),
    ],
)
def test_a_whole_title_takes_no_line_from_below_it(lines, text):
    page = extract_page("\n".join([*lines, REPORT_PARAGRAPH]), is_html=False)

    assert (page.title, page.text) == ("四川省交通运输厅2025年法治政府部门建设工作情况", text)


def test_a_heading_of_its_own_under_a_whole_title_does_not_end_it():
    raw = f"四川省交通运输厅2025年法治政府部门建设工作情况\n法治政府建设年度报告\n{REPORT_PARAGRAPH}"

    assert extract_page(raw, is_html=False).title == "四川省交通运输厅2025年法治政府部门建设工作情况"


@pytest.mark.parametrize(
    "line",
    [
        "2024年度新江湾城街道法治政府建设工作报告 2024-12-12",
        "2024年度新江湾城街道法治政府建设工作报告 ( 2024年12月12日 )",
        "2024年度新江湾城街道法治政府建设工作报告(2024年12月12日)",
        "2024年度新江湾城街道法治政府建设工作报告 2024-12-12 09:30",
    ],
)
def test_a_date_printed_after_the_title_is_not_part_of_it(line):
    page = extract_page(f"{line}\n{REPORT_PARAGRAPH}", is_html=False)

    assert page.title == "2024年度新江湾城街道法治政府建设工作报告"


@pytest.mark.parametrize(
    "line",
    [
        "标  题 河南省人民政府关于2023年度法治政府建设情况的报告",
        "成文日期   标 题  河南省人民政府关于2023年度法治政府建设情况的报告",
        "河南省人民政府关于2023年度法治政府建设情况的报告(豫政文〔2024〕46号)",
    ],
)
def test_a_title_comes_without_a_table_label_before_it_or_its_document_number_after_it(line):
    page = extract_page(f"{line}\n{REPORT_PARAGRAPH}", is_html=False)

    assert page.title == "河南省人民政府关于2023年度法治政府建设情况的报告"


@pytest.mark.parametrize(
    ("title", "heading", "text"),
    [
        (
            "津南区人民政府关于 2024年法治政府建设情况报告",
            ["津南区人民政府关于", "2024年法治政府建设情况报告"],
            REPORT_PARAGRAPH,
        ),
        (  # worded a little otherwise (2025年度 / 2025年); the salutation is the report's
            "重庆市开州区义和镇人民政府关于2025年度法治政府建设情况的报告",
            ["重庆市开州区义和镇人民政府", "关于2025年法治政府建设情况的报告", "区人民政府:"],
            f"区人民政府:\n{REPORT_PARAGRAPH}",
        ),
        (  # the dateline is the report's
            "湖南省农业农村厅2023年法治政府建设年度报告",
            ["2023年法治政府建设年度报告", "湖南省农业农村厅", "(2024年1月31日)"],
            f"(2024年1月31日)\n{REPORT_PARAGRAPH}",
        ),
    ],
)
def test_the_reports_heading_printed_again_under_the_pages_title_is_not_its_text(title, heading, text):
    raw = "\n".join([title, "发布时间:2025-02-28 10:00", *heading, REPORT_PARAGRAPH])

    page = extract_page(raw, is_html=False)

    assert (page.title, page.text) == (title, text)


def test_title_in_book_title_marks_is_given_without_them():
    raw = f"《重庆市綦江区交通局2023年法治政府建设情况报告》\n{REPORT_PARAGRAPH}"

    assert extract_page(raw, is_html=False).title == "重庆市綦江区交通局2023年法治政府建设情况报告"


def test_furniture_between_title_and_report_is_skipped_with_what_stands_above_it():
    title = "重庆市綦江区交通局2023年法治政府建设情况报告"
    raw = f"{title}\n(2024年1月15日)\n发布时间:2024-03-01 来源:本网\n{REPORT_PARAGRAPH}"

    page = extract_page(raw, is_html=False)

    assert page.published_on == date(2024, 3, 1)
    assert page.publisher is None  # '本网' names no one
    assert page.text == REPORT_PARAGRAPH


@pytest.mark.parametrize(
    "line",
    [
        "| 标题: | 皇城镇人民政府2025年度法治政府建设情况报告 | ||",
        "名 称: | 皇城镇人民政府2025年度法治政府建设情况报告 |",
        "信息名称: 皇城镇人民政府2025年度法治政府建设情况报告 主题分类: 通知公告",
        "• 皇城镇人民政府2025年度法治政府建设情况报告",
        "皇城镇人民政府2025年度法治政府建设情况报告 发布时间:2026-01-15",
    ],
)
def test_a_title_comes_without_the_table_label_or_bullet_around_it(line):
    raw = f"{line}\n{REPORT_PARAGRAPH}"

    assert extract_page(raw, is_html=False).title == "皇城镇人民政府2025年度法治政府建设情况报告"


@pytest.mark.parametrize(
    "line",
    [
        "您现在所在的位置 : 首页 > 海丰县人民政府门户网站 > 专题专栏 > 法治政府建设年度报告公开 > 2025年",
        "• 体       裁: 报告",
        "为加强法治组织架构,海城镇在2024年定期召开研判会",
    ],
)
def test_a_trail_a_field_or_a_sentence_is_no_title(line):
    assert extract_page(f"{line}\n{REPORT_PARAGRAPH}", is_html=False).title is None


def test_the_line_after_a_share_bar_label_is_not_taken_for_its_value():
    raw = f"分享到:\n皇城镇人民政府2025年度法治政府建设情况报告\n{REPORT_PARAGRAPH}"

    page = extract_page(raw, is_html=False)

    assert (page.title, page.text) == ("皇城镇人民政府2025年度法治政府建设情况报告", REPORT_PARAGRAPH)


@pytest.mark.parametrize(
    "bar",
    [
        "字体:[] [] [] 打印 分享",
        "字体大小:【大】 【中】 【小】",
        "字体:【 默认 超大 / 分享:",
        "• 字体【      】",
        "文章字体:【 】",
        "文字大小\n【大】\n【中】\n【小】",  # one button a line (geermu.gov.cn)
        "【编辑日期:2023-12-28】  【作者:zzst】    【 关 闭 】",  # a button's letters spaced out
    ],
)
def test_font_size_bars_are_furniture(bar):
    title = "重庆市綦江区交通局2023年法治政府建设情况报告"
    raw = f"{title}\n{bar}\n{REPORT_PARAGRAPH}"

    assert extract_page(raw, is_html=False).text == REPORT_PARAGRAPH


def test_a_notice_about_the_visitors_browser_is_furniture():
    # sets 54, 103, 132, 188, 208: the report was cut to this notice and refused as too short
    notice = (
        "更换或升级浏览器以获得最佳体验。\n"
        "当前浏览器版本过低,可能会有安全风险且无法正常显示。建议您升级或使用其他浏览器。\n"
        "若您当前使用的浏览器为QQ浏览器或者360浏览器仍出现该提示,请切换至极速模式。\n"
        "您当前的位置: 首页> 政务公开> 法治政府建设年度报告 > 2021年度\n"
    )
    houma = "侯马市人民政府门户网站提示:使用大于1366*768分辨率/IE10.0或以上浏览器可以获得最佳浏览效果!\n"

    assert extract_page(notice + REPORT_PARAGRAPH, is_html=False).text == REPORT_PARAGRAPH
    assert extract_page(houma + REPORT_PARAGRAPH, is_html=False).text == REPORT_PARAGRAPH
    # a report may speak of browsers itself
    sentence = "推行“一网通办”,群众通过手机浏览器即可办理,办件量同比提升20%。"
    assert extract_page(f"{REPORT_PARAGRAPH}\n{sentence}", is_html=False).text.endswith(sentence)


def test_previous_and_next_article_links_end_the_report():
    links = "上一篇:XX局2022年法治政府建设情况报告\n下一篇:无"
    raw = f"XX局2023年法治政府建设情况报告\n{REPORT_PARAGRAPH}\n{links}"

    assert extract_page(raw, is_html=False).text == REPORT_PARAGRAPH


def test_breadcrumb_ending_in_the_report_title_gives_the_title():
    raw = f"您当前的位置:首页 > 政务公开 > 重庆市綦江区交通局2023年法治政府建设情况报告\n{REPORT_PARAGRAPH}"

    page = extract_page(raw, is_html=False)

    assert page.title == "重庆市綦江区交通局2023年法治政府建设情况报告"
    assert page.text == REPORT_PARAGRAPH


def test_breadcrumb_ending_in_an_organs_name_gives_no_title():
    # set 48: the column of a bureau's reports was taken for the title 《区林业局》 and refused
    raw = f"您当前的位置:首页>法治政府建设>法治政府建设年度报告>区级有关单位>区林业局\n{REPORT_PARAGRAPH}"

    assert extract_page(raw, is_html=False).title is None


def test_metadata_keys_and_values_on_separate_lines_and_in_tab_separated_rows():
    raw = (
        "黟县人民政府关于2019年度法治政府建设工作情况的报告\n"
        "索引号:\n003151373/202003-00012\n"
        "发布机构:\t黟县人民政府办公室\t生成日期:\t2020-03-27\n"
        "原文链接:http://www.yixian.gov.cn/openness/detail/content/5e7d.html\n"
        f"{REPORT_PARAGRAPH}\n"
    )

    page = extract_page(raw, is_html=False)

    assert page.index_number == "003151373/202003-00012"
    assert page.publisher == "黟县人民政府办公室"
    assert page.published_on == date(2020, 3, 27)
    assert page.source_url == "http://www.yixian.gov.cn/openness/detail/content/5e7d.html"
    assert page.text == REPORT_PARAGRAPH


def test_metadata_keys_and_values_apart_by_spaces_alone_are_metadata_not_the_title():
    # set 109: the line of keys was taken for the title, and the report refused as no rule-of-law one
    raw = (
        "索引号 001008003001063/2025-52119\n"
        "组配分类 计划总结 发布机构 双屿街道\n"
        "生成日期 2025-02-06 公开方式 主动公开\n"
        "(双屿街道)2024年法治政府建设年度报告\n"
        f"{REPORT_PARAGRAPH}\n"
    )

    page = extract_page(raw, is_html=False)

    assert page.title == "(双屿街道)2024年法治政府建设年度报告"
    assert (page.index_number, page.publisher) == ("001008003001063/2025-52119", "双屿街道")
    assert page.published_on == date(2025, 2, 6)
    assert page.text == REPORT_PARAGRAPH
    # a line of prose that starts with a common word is no metadata
    prose = "来源 于群众的意见建议共128条,均已办理。"
    assert prose in extract_page(f"{raw}{prose}\n", is_html=False).text


@pytest.mark.parametrize(
    ("dateline", "publisher", "published"),
    [
        # set 198: the site's name and the day before the source; the report was cut off at the
        # font bar below and refused as too short
        ("中国东莞政府门户网站  2025-01-24 11:48:24  来源: 东莞市司法局", "东莞市司法局", date(2025, 1, 24)),
        ("2026-01-30 17:18     来源: 五象新区管委会", "五象新区管委会", date(2026, 1, 30)),
        ("2023-03-31 17:05:00 来源: 海口市司法局 打印", "海口市司法局", date(2023, 3, 31)),  # a button
        ("2020-03-18 09:54 来源: 【字体:   打印", None, date(2020, 3, 18)),  # no source given
        ("信息提供日期 : 2024-02-06 17:46来源 : 福田区政府办公室", None, date(2024, 2, 6)),
    ],
)
def test_a_dateline_under_the_title_is_page_metadata_not_report_text(dateline, publisher, published):
    raw = f"关于东莞市2024年法治政府建设情况的报告\n{dateline}\n【字体:\n{REPORT_PARAGRAPH}\n"

    page = extract_page(raw, is_html=False)

    assert (page.publisher, page.published_on) == (publisher, published)
    assert page.text == REPORT_PARAGRAPH


@pytest.mark.parametrize(
    ("line", "publisher", "published"),
    [
        # the next key glued to the value: the publisher read the date line in (22 reports)
        ("信息来源:威海市司法局发布日期:2023-02-28 16:31访问次数:字号:", "威海市司法局", date(2023, 2, 28)),
        ("发布机构:盐田区司法局发布时间:2022-02-07", "盐田区司法局", date(2022, 2, 7)),
        # a bulleted field list: not read at all (22 reports without their date)
        ("• 发布日期: 2026-01-26", None, date(2026, 1, 26)),
        ("- 发布日期:2025-03-17", None, date(2025, 3, 17)),
        # a dateline opened by the site's address, above a bulleted list (set 111): the list
        # ended the report at once, its text only the dateline
        (
            "www.panzhihua.gov.cn 发布时间:2025-03-17 来源:东区政府办公室 字号:\n"
            "- 索 引 号 :008320033/2025-00070",
            "东区政府办公室",
            date(2025, 3, 17),
        ),
    ],
)
def test_a_field_glued_to_the_one_before_or_bulleted_is_read_as_its_own(line, publisher, published):
    raw = f"关于东莞市2024年法治政府建设情况的报告\n{line}\n{REPORT_PARAGRAPH}\n"
    page = extract_page(raw, is_html=False)

    assert (page.publisher, page.published_on) == (publisher, published)
    assert page.text == REPORT_PARAGRAPH


def test_a_summary_row_of_the_metadata_table_is_no_part_of_the_report():
    """Set 184: the summary row was read as the report's first paragraph, so the bulleted
    dateline below the title ended the report after 154 characters."""
    raw = "\n".join(
        [
            "发布机构 | 连云区人民政府办公室 | 发文日期 | 2023-02-07 |",
            "标 题 | 连云区人民政府关于2022年度法治政府建设情况的报告 | ||",
            "内容概述 | 2022年,连云区法治政府建设工作坚持以习近平新时代中国特色社会主义思想为指导 |",
            "时 效 | 有效 |",
            "连云区人民政府关于2022年度法治政府建设情况的报告",
            "- 时间:2023-02-27 15:58:17 来源:连云区人民政府办公室 阅读次数:",
            REPORT_PARAGRAPH,
        ]
    )

    assert extract_page(raw, is_html=False).text == REPORT_PARAGRAPH


def test_a_fields_value_keeps_a_bracket_of_its_own_but_not_the_one_around_the_field():
    assert extract_page(f"【来源:市司法局】\n{REPORT_PARAGRAPH}", is_html=False).publisher == "市司法局"
    sangri = f"2026-01-13 17:00:00 来源:县藏语委办(编译局)\n{REPORT_PARAGRAPH}"
    assert extract_page(sangri, is_html=False).publisher == "县藏语委办(编译局)"


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ("文章来源:司法局 更新时间:2021/03/29 11:30:01", date(2021, 3, 29)),
        ("发布时间:2021-03-20 更新时间:2021-04-02", date(2021, 3, 20)),
    ],
)
def test_update_time_is_the_publication_date_only_when_no_publication_date_is_given(meta, expected):
    raw = f"2020年静海区法治政府建设情况报告\n{meta}\n{REPORT_PARAGRAPH}\n"

    page = extract_page(raw, is_html=False)

    assert page.published_on == expected


def test_column_tag_before_the_title_and_a_document_date_in_a_metadata_table():
    raw = (
        "【法治建设报告】湖北省司法厅2022年法治政府建设年度报告\n"
        "索 引 号 | 011043217/2023-06630 | 分 类 | 政务公开 |\n"
        "发布机构 | 湖北省司法厅 | 发文日期 | 2023-03-16 |\n"
        f"{REPORT_PARAGRAPH}\n"
    )

    page = extract_page(raw, is_html=False)

    assert page.title == "湖北省司法厅2022年法治政府建设年度报告"
    assert page.published_on == date(2023, 3, 16)
    assert page.publisher == "湖北省司法厅"


def test_report_table_with_date_column_is_report_text_not_page_metadata():
    table = "日期 | 活动 | 参加人数\n3月15日 | 普法宣传 | 200"
    raw = f"XX局2023年法治政府建设情况报告\n{REPORT_PARAGRAPH}\n{table}"

    page = extract_page(raw, is_html=False)

    assert page.published_on is None
    assert page.text.endswith(table)


def test_footer_link_words_after_the_signature_are_trimmed():
    footer = "智能问答\n便民地图\n微博 公开信箱"
    raw = f"XX局2023年法治政府建设情况报告\n{REPORT_PARAGRAPH}\nXX局\n2024年1月23日\n{footer}"

    assert extract_page(raw, is_html=False).text.endswith("XX局\n2024年1月23日")


def test_page_of_nothing_but_furniture_has_empty_text():
    raw = "您当前的位置:首页>政务公开\n扫一扫在手机打开当前页\n智能问答"

    assert extract_page(raw, is_html=False).text == ""


# --- bytes → text ----------------------------------------------------------------------------


def seed_text(name: str = "004_78ed85b0c485cc82.txt") -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode("utf-8"), id="utf-8"),
        pytest.param(lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), id="utf-8 with BOM"),
        pytest.param(lambda text: text.encode("utf-16"), id="utf-16 LE with BOM"),
        pytest.param(lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), id="utf-16 BE with BOM"),
        pytest.param(lambda text: text.encode("gb18030"), id="gb18030"),
    ],
)
def test_report_bytes_in_common_encodings_decode_to_the_same_text(encode):
    text = seed_text()

    assert decode_report_bytes(encode(text), filename="report.txt") == text


def test_gbk_bytes_without_declaration_are_decoded():
    text = seed_text("000_0bf6173844fdf9f5.txt")  # only GBK characters

    assert decode_report_bytes(text.encode("gbk"), filename="report.txt") == text


def test_invisible_characters_and_ideographs_given_as_radicals_are_read_as_the_text_means():
    from reports.ingest import parse_report_file
    from reports.ingest.characters import reading_table
    from tests.readings import assert_read_alike

    as_written = seed_text("002_93b0a848b4e38b69.txt")
    variant_of = {
        ideograph: chr(code) for code, ideograph in sorted(reading_table().items(), reverse=True) if ideograph
    }
    invisible = "\u200b\u00ad\ufeff\u2060"  # zero-width space, soft hyphen, BOM, word joiner
    as_copied = "".join(
        variant_of.get(character, character) + invisible[index % 4] * (index % 7 == 0)
        for index, character in enumerate(as_written)
    )
    assert "⼯作" in as_copied and "⼀、" in as_copied  # 工 and 一 as Kangxi radicals
    assert re.search(r"\d[\u200b\u00ad\ufeff\u2060]\d", as_copied)  # inside a figure

    read = parse_report_file(as_copied.encode(), filename="report.txt")
    original = parse_report_file(as_written.encode(), filename="report.txt")

    assert (read.page.text, read.facts.title) == (original.page.text, original.facts.title)
    assert_read_alike(read, original)


def test_windows_and_old_mac_newlines_become_newlines():
    data = "第一行\r\n第二行\r第三行\n".encode("gb18030")

    assert decode_report_bytes(data, filename="report.txt") == "第一行\n第二行\n第三行\n"


def test_html_sample_declaring_gb2312_is_decoded_with_its_declaration():
    data = HTML_SAMPLE.read_bytes()
    assert b'charset="gb2312"' in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    text = decode_report_bytes(data, filename=HTML_SAMPLE.name)

    assert "许昌市交通运输局2022年法治政府部门建设工作报告" in text


def test_html_declaring_gb2312_but_saved_as_utf8_is_read_as_utf8():
    html = wrap_html(f"<p>{REPORT_PARAGRAPH}</p>").replace("utf-8", "gb2312")

    assert decode_report_bytes(html.encode("utf-8"), filename="page.html") == html


def test_utf8_cut_off_mid_character_keeps_the_text_and_marks_the_damage():
    data = seed_text().encode("utf-8")[:-10] + "法治".encode()[:2]

    text = decode_report_bytes(data, filename="report.txt")

    assert text.endswith("\ufffd")
    assert text.startswith("中国政府网|重庆市人民政府网")


@pytest.mark.parametrize("data", [b"", b" \r\n\t ", codecs.BOM_UTF8, "\u3000\n".encode()], ids=repr)
def test_empty_file_is_rejected(data):
    with pytest.raises(RejectedFile) as refusal:
        decode_report_bytes(data, filename="report.txt")

    assert refusal.value.reason.startswith("文件为空:请确认选对了文件")


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(64), "ZIP"),
        # An Office file of the old kind that holds no readable Word document (.xls, a broken .doc).
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "读不出 Word 文档"),
    ],
)
def test_binary_file_renamed_txt_is_rejected_with_its_format(data, named):
    with pytest.raises(RejectedFile) as refusal:
        decode_report_bytes(data, filename="report.txt")

    assert refusal.value.reason.startswith("不是文本文件")
    assert named in refusal.value.reason


def test_pdf_renamed_txt_is_read_as_a_pdf():
    # PDFs are documents the importer reads (reports/ingest/documents.py), whatever their name.
    with pytest.raises(RejectedFile) as refusal:
        decode_report_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", filename="report.txt")

    assert refusal.value.reason.startswith("PDF 文件已损坏")


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_rejected(seed):
    data = random.Random(seed).randbytes(4096)

    with pytest.raises(RejectedFile) as refusal:
        decode_report_bytes(data, filename="report.txt")

    assert "二进制" in refusal.value.reason or "无法识别" in refusal.value.reason


def test_random_high_bytes_that_gb18030_might_accept_are_rejected():
    # Without NUL or control bytes the only defence is judging the GB18030 reading implausible.
    data = bytes(random.Random(7).randrange(0x81, 0xFF) for _ in range(4096))

    with pytest.raises(RejectedFile) as refusal:
        decode_report_bytes(data, filename="report.txt")

    assert refusal.value.reason.startswith("无法识别文本编码")


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("big5", "這是一份測試文件,內容並非簡體中文,不應被當作GB18030解碼。"),
        ("shift_jis", "これは法律の報告書ではありません。日本語のテキストです。"),
    ],
)
def test_text_in_other_east_asian_encodings_is_rejected_not_misread(encoding, text):
    data = text.encode(encoding) * 20

    with pytest.raises(RejectedFile) as refusal:
        decode_report_bytes(data, filename="report.txt")

    assert refusal.value.reason.startswith("无法识别文本编码")


@pytest.mark.parametrize(
    ("filename", "data", "document"),
    [
        ("junk.pdf", random.Random(7).randbytes(4096), "PDF"),
        ("renamed_picture.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PDF"),
        ("junk.docx", random.Random(8).randbytes(4096), "Word"),
    ],
)
def test_a_file_named_as_a_document_but_not_one_is_refused_as_such(filename, data, document):
    with pytest.raises(RejectedFile) as refusal:
        decode_report_bytes(data, filename=filename)

    assert refusal.value.reason.startswith(f"不是有效的{document}文件:内容可能已损坏,或是改了扩展名")


def test_a_text_page_saved_under_a_pdf_name_is_still_read():
    assert decode_report_bytes("法治政府建设情况报告".encode(), filename="page.pdf") == "法治政府建设情况报告"


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.hunan.gov.cn/hnszf/xxgk/202503/t20250312_33610776.html", date(2025, 3, 12)),
        ("https://sfj.taiyuan.gov.cn/tggs/20250324/30205446.html", date(2025, 3, 24)),
        ("https://www.jiashan.gov.cn/art/2025/2/26/art_1229199241_5463387.html", date(2025, 2, 26)),
        ("http://www.cqybq.gov.cn/ybw_content/2022-03/10/content_10319226.htm", date(2022, 3, 10)),
        ("http://www.luoning.gov.cn/2024/03-25/3036201.html", date(2024, 3, 25)),
        ("https://www.example.gov.cn/art/2024/3/15", None),  # not a folder: no page filed that day
        ("https://www.example.gov.cn/t20241399_1.html", None),  # no such day
        ("https://www.example.gov.cn/art/2024/13/5/art_1.html", None),
    ],
)
def test_the_day_a_page_address_states(url, day):
    assert date_in_address(url) == day


def test_a_page_without_a_date_takes_the_day_its_government_address_states():
    from reports.ingest import ReportOverrides, parse_report_file
    from tests.test_ingest_metadata import BODY

    text = f"重庆市綦江区交通局2023年法治政府建设情况报告\n{BODY}".encode()
    official = "https://www.cqqj.gov.cn/zwgk/202403/t20240315_123.html"
    copy = "https://www.example.com/news/202406/t20240601_9.html"

    dated = parse_report_file(text, filename="a.txt", overrides=ReportOverrides(source_url=official))
    copied = parse_report_file(text, filename="a.txt", overrides=ReportOverrides(source_url=copy))

    assert (dated.facts.published_on, dated.facts.published_on_inferred) == (date(2024, 3, 15), True)
    assert copied.facts.published_on is None  # a copy elsewhere carries the day it was copied


def test_a_report_naming_no_year_takes_the_year_before_the_day_its_government_address_states():
    # sets 36, 55, 71: refused for want of a year, though their addresses date them in the spring
    from reports.ingest import RejectedFile, ReportOverrides, parse_report_file
    from tests.test_ingest_metadata import BODY

    text = f"重庆市綦江区交通局法治政府建设情况报告\n{BODY.replace('2023年以来,', '')}".encode()
    spring = "https://www.cqqj.gov.cn/zwgk/202302/t20230226_612.html"
    autumn = "https://www.cqqj.gov.cn/zwgk/202310/t20231026_612.html"

    dated = parse_report_file(text, filename="a.txt", overrides=ReportOverrides(source_url=spring))

    assert (dated.facts.year, dated.facts.published_on) == (2022, date(2023, 2, 26))
    assert any("网址中的发布日期" in warning for warning in dated.facts.warnings)
    with pytest.raises(RejectedFile, match="无法确定报告年度"):
        parse_report_file(text, filename="a.txt", overrides=ReportOverrides(source_url=autumn))


def test_pinyin_a_copying_site_puts_after_characters_is_dropped():
    page = extract_page(
        "內(nèi)蒙古自治區(qū)人民政府關(guān)於2024年法治政府建設(shè)情況的報(bào)告\n"
        "2024年,我區(qū)堅(jiān)持依法行政(一)加強(qiáng)領(lǐng)導(dǎo)。",
        is_html=False,
    )

    assert page.title == "內蒙古自治區人民政府關於2024年法治政府建設情況的報告"
    assert page.text == "2024年,我區堅持依法行政(一)加強領導。"


def test_what_a_page_hides_is_not_read_but_a_report_hidden_until_a_script_shows_it_is():
    spoiled = (
        '<p>全年办理行政复议案件6<span style="display:none">x7</span>1件,'
        '<font style="font-size:0px">盗</font>纠错率<i hidden>9</i>达到100%。</p>'
    )
    html = wrap_html(
        f"<h1>某某区2023年法治政府建设情况报告</h1>{spoiled}"
        f'<div style="color:red; display: none">{REPORT_PARAGRAPH}(打印版)</div>'
        '<p style="font-size:0.8em">一、主要举措</p>'
        '<ul style="font-size:0"><li style="font-size:16px">(一)深化行政复议体制改革</li></ul>'
    )

    page = extract_page(html, is_html=True)

    assert page.text == "全年办理行政复议案件61件,纠错率达到100%。\n一、主要举措\n(一)深化行政复议体制改革"
    shown_by_script = wrap_html(
        "<h1>某某区2023年法治政府建设情况报告</h1>"
        f'<div id="zoom" style="display:none"><p>{REPORT_PARAGRAPH}</p></div>'
    )
    assert extract_page(shown_by_script, is_html=True).text == REPORT_PARAGRAPH


def test_invisible_characters_written_as_html_entities_are_not_read():
    html = wrap_html(
        "<h1>某某区2023年法治政府建设情况报告</h1><p>全年办理行政复议案件6&#8203;1件,&shy;纠错率100%。</p>"
    )

    assert extract_page(html, is_html=True).text == "全年办理行政复议案件61件,纠错率100%。"


def test_a_tables_spans_that_are_not_numbers_or_too_large_are_read_as_bounded_spans():
    html = wrap_html(
        f"<p>{REPORT_PARAGRAPH}</p>"
        '<table><tr><td colspan="abc">项目</td><td rowspan="0">数量</td><td colspan="100000">说明</td></tr>'
        "<tr><td>行政复议</td><td>14件</td></tr></table>"
    )

    lines = extract_page(html, is_html=True).text.split("\n")

    # no span of a hundred thousand columns: a page's mistake is capped at a hundred
    assert lines[1] == "项目 | 数量 | 说明" + " |" * 99
    assert lines[2] == "行政复议 | 14件"


def test_a_cell_merged_down_rows_of_a_layout_table_is_not_read_again_in_each_row():
    html = wrap_html(
        '<table><tr><td rowspan="2">栏目导航</td>'
        f"<td><p>{REPORT_PARAGRAPH}</p><p>一、主要举措</p></td></tr>"
        "<tr><td><p>二、存在的问题</p><p>执法还不够规范。</p></td></tr></table>"
    )

    text = extract_page(html, is_html=True).text

    assert text.count("栏目导航") <= 1
    assert text.endswith("一、主要举措\n二、存在的问题\n执法还不够规范。")


def test_a_title_in_a_metadata_tables_row_labelled_without_a_colon_has_no_cell_bar():
    html = wrap_html(
        "<table><tr><td>索引号</td><td>640302009/2024-00011</td></tr>"
        "<tr><td>标题</td><td>吴忠市利通区2023年法治政府建设情况工作报告</td></tr></table>"
        f"<p>{REPORT_PARAGRAPH}</p>"
    )

    # it was "| 吴忠市…"
    assert extract_page(html, is_html=True).title == "吴忠市利通区2023年法治政府建设情况工作报告"


@pytest.mark.parametrize(
    ("value", "publisher"),
    [
        # the next field or the day glued on or a space away, with no colon to read it by (29
        # of the held-out openings showed these as the publisher)
        ("杨行镇 发布时间 2026-01-26", "杨行镇"),
        ("深圳市龙华区观澜街道办日期:2026年01月19日", "深圳市龙华区观澜街道办"),
        ("岳阳市司法局2023-03-10 11:29", "岳阳市司法局"),
        ("市司法局 2024-02-19 10:57 阅读人数:1", "市司法局"),
        ("区司法局字体大小:", "区司法局"),
        ("湖北局 点击次数:", "湖北局"),
        ("济南市应急管理局 统一编号:", "济南市应急管理局"),
        ("辽宁省体育局管理员", "辽宁省体育局"),  # a content system's user, of the bureau
        # what names no publisher
        ("地区管理员", None),
        ("本网 阅读人次: -", None),
        ("sp20241221", None),
        ("绍兴市上虞区2023年度法治政府建设工作情况报告", None),  # the report's title
        ("皇冠体育投注-在线app官网", None),  # a gambling site that copied the page
        # an organ whose name says 法治政府建设 is one; 时间 inside a name ends nothing
        ("西藏自治区法治政府建设工作领导小组办公室", "西藏自治区法治政府建设工作领导小组办公室"),
        ("某市时间银行服务中心", "某市时间银行服务中心"),
    ],
)
def test_a_publisher_field_keeps_the_organ_and_drops_what_names_none(value, publisher):
    raw = f"关于东莞市2024年法治政府建设情况的报告\n发布机构:{value}\n{REPORT_PARAGRAPH}\n"

    assert extract_page(raw, is_html=False).publisher == publisher
