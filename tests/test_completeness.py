"""A report text cut inside a sentence is told from one that ends as reports end (pure)."""

from __future__ import annotations

import pytest

from reports.ingest.completeness import WHOLE_REPORT_MIN_CHARS, ends_mid_sentence, text_is_cut


@pytest.mark.parametrize(
    "tail",
    [
        "提高突发事件依法处置能力。",
        "实质性化解“陈年积案”。\n重庆市潼南区城市管理局\n2024年1月23日",
        "满足社会公众公共法律服务需求。\n重庆市綦江区人民政府\n2022211日",  # 年 and 月 lost in the scrape
        "奋力书写新时代法治建设新篇章!\n\n",
        "特此报告。\n二〇二四年三月十五日",
        "推进法治政府建设。\n南华西街道办事处",
        "推进法治政府建设。\n某某县人民政府\n2024年3月1日\n(此件公开发布)",  # a note in brackets
        "推进法治政府建设。\n特此报告",
        "推进法治政府建设。\n南漳县人民政府办公室 2024年12月30日",  # signature and date on one line
        "推进法治政府建设。\n(2024年12月30日)",
        "推进法治政府建设。\n附件:2024年行政执法数据统计表",
        "推进法治政府建设。\n某某经济开发区管委会",
        "推进法治政府建设。\n(联系人:张某,电话:1234567)",
        "坚持和发展新时代“枫桥经验。”",
        "",
    ],
)
def test_a_text_ending_on_a_sentence_a_date_or_a_signature_is_whole(tail):
    assert not ends_mid_sentence(tail)


@pytest.mark.parametrize(
    "tail",
    [
        "一是深化“放管服”改革。以被市委、市政府确定为“政",
        "区委、区政府召开3次行政执法赋权承接专题会;组织各街道综合行政执法",
        "兴起学习宣传贯彻习近平法治思想热潮。\n(二)",  # a heading with nothing under it
        "每季度统计各县(市、区)",
        "行政审批局,截至2024年3月",  # a date inside a sentence is no date line
        "坚持和发展新时代“枫桥经验”",  # a quote or a title ends no sentence on its own
        "认真贯彻落实《法治政府建设实施纲要》",
        "一是完善制度;",
        "切实为企业解决各类问题。\n二是构建基层党建工作新格局",  # a point of a list, not a signature
        "推进法治政府建设。\n自觉服务全市工作大局",  # ends like 公安局 but names no organ
    ],
)
def test_a_text_stopping_inside_a_sentence_or_on_a_heading_is_cut(tail):
    assert ends_mid_sentence(tail)


def test_a_text_too_short_to_hold_a_report_s_five_parts_is_cut_though_it_ends_on_a_full_stop():
    sentence = "全面推进依法行政,严格规范公正文明执法。"
    opening = sentence * ((WHOLE_REPORT_MIN_CHARS - 1) // len(sentence))  # a scrape kept the opening
    whole = opening + sentence

    assert not ends_mid_sentence(opening) and len(opening) < WHOLE_REPORT_MIN_CHARS <= len(whole)
    assert text_is_cut(opening)
    assert not text_is_cut(whole)
