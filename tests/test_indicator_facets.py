"""Facets: which of a broad key's measures a figure states (取消 or 下放, 满意率 or 办结率)."""

from __future__ import annotations

import re

import pytest

from reports.indicators.catalogue import load_catalogue
from reports.indicators.facets import Facet, facet_of, facet_problems, parse_facet
from reports.indicators.store import extract_and_store
from reports.models import IndicatorCorrection, IndicatorDefinition
from tests import factories

APPROVALS = load_catalogue().get("approval_items_streamlined").facets
ONLINE = load_catalogue().get("online_service_rate").facets


def facets_in(facets, sentence: str, figure: str) -> list[str]:
    """The facet of each figure of ``sentence`` written as ``figure`` (a regex)."""
    return [facet_of(facets, sentence, m.start(), m.end()) for m in re.finditer(figure, sentence)]


def test_a_figure_takes_the_facet_its_own_clause_names_and_not_the_previous_figures():
    sentence = "取消行政许可事项8项、承接10项、调整149项。"

    assert facets_in(APPROVALS, sentence, r"\d+项") == ["取消", "承接", "调整"]


def test_a_clause_naming_two_facets_has_both_in_catalogue_order():
    assert facets_in(APPROVALS, "共下放、取消行政审批事项35项。", r"\d+项") == ["取消+下放"]


def test_the_first_facet_word_names_the_facet_not_later_words_of_what_it_acted_on():
    # a reviewer found all ten 承接…赋权 figures read as 下放+承接
    assert facets_in(APPROVALS, "共承接第三批市级赋权184项。", r"\d+项") == ["承接"]
    assert facets_in(APPROVALS, "承接“市县同权”调整事项10项。", r"\d+项") == ["承接"]
    # who acts is no facet
    assert facets_in(APPROVALS, "向34个承接主体委托下放行政许可3项。", r"3项") == ["下放"]


LEGALITY = load_catalogue().get("legality_reviews").facets
STUDY = load_catalogue().get("leaders_law_study").facets
FILED = load_catalogue().get("normative_docs_filed").facets


def test_items_listed_with_a_few_qualifying_words_between_are_one_list():
    # a second reviewer's untuned sample: 合同 alone, 决策 alone
    assert facets_in(LEGALITY, "完成重要合同、重大行政决策合法性审核317项。", r"\d+项") == ["决策+合同"]
    assert facets_in(LEGALITY, "全年完成31件重大决策与规范性文件审核。", r"\d+件") == ["决策+文件"]
    # nothing between is no list: 承接 of items handed down
    assert facets_in(APPROVALS, "承接下放审批事项5项。", r"\d+项") == ["承接"]


def test_a_figure_opening_a_lists_item_takes_the_words_after_it():
    sentence = "完成规范性文件和重大决策事项、21项上会文件合法性审查。"
    assert facets_in(LEGALITY, sentence, r"\d+项") == ["议题"]


def test_a_clause_before_without_a_figure_says_what_the_figure_counts():
    sentence = "常态化开展市政府常务会议会前学法,副市长领学法律法规6次。"
    assert facets_in(STUDY, sentence, r"\d+次") == ["会前学法"]
    # not past a figure of its own: its words were its own
    assert facets_in(STUDY, "中心组学法4次,集体学法6次。", r"\d+次") == ["中心组", ""]


def test_whether_a_filing_went_up_or_came_in_is_read_from_its_direction():
    assert facets_in(FILED, "向市政府备案区政府行政规范性文件10件。", r"\d+件") == ["报送"]
    assert facets_in(FILED, "备案审查部门规范性文件21件。", r"\d+件") == ["审查"]


def test_a_chinese_numeral_ends_the_item_before_as_digits_do():
    assert facets_in(APPROVALS, "取消八项、下放三项。", r"[八三]项") == ["取消", "下放"]


def test_a_figure_inside_the_item_does_not_hide_the_items_words():
    assert facets_in(APPROVALS, "取消了县公安局等5个单位6项行政权力。", r"6项") == ["取消"]
    # but the item before in a list does not lend its words
    assert facets_in(APPROVALS, "下放事项8项、清理事项12项。", r"\d+项") == ["下放", ""]


def test_a_quoted_name_names_the_facet_only_when_nothing_else_does():
    assert facets_in(ONLINE, "“一网通办”全程网办率85.1%。", r"\d+\.?\d*%") == ["全程网办"]
    assert facets_in(ONLINE, "“一网通办”率达90%。", r"\d+%") == ["一网通办"]


def test_what_could_be_done_online_is_not_what_was():
    sentence = "網上可辦率99.6%,網上實辦率50%,全程網辦率67%。"
    assert facets_in(ONLINE, sentence, r"\d+\.?\d*%") == ["网上可办", "网上实办", "全程网办"]


def test_words_after_the_figure_name_its_facet_only_when_those_before_do_not():
    assert facets_in(APPROVALS, "全年对15项下放事项开展评估。", r"\d+项") == ["下放"]
    # the next item's words are not this figure's
    assert facets_in(APPROVALS, "全年共清理事项12项、下放事项3项。", r"\d+项") == ["", "下放"]
    # with no next figure the words reach past 、 to what was reviewed
    legality = load_catalogue().get("legality_reviews").facets
    assert facets_in(legality, "对131件党工委会、主任办公会议题等进行合法性审查。", r"\d+件") == ["议题"]


def test_a_word_overlapping_a_longer_word_of_another_facet_is_the_longer_ones():
    sentence = "政务服务事项全程网办率达95%,网上可办率100%。"

    assert facets_in(ONLINE, sentence, r"\d+%") == ["全程网办", "网上可办"]


def test_traditional_characters_name_facets_as_simplified_ones():
    assert facets_in(ONLINE, "政務服務事項網上可辦率達98%。", r"\d+%") == ["网上可办"]


def test_a_figure_whose_clause_names_no_facet_has_none():
    assert facets_in(APPROVALS, "全年梳理事项120项。", r"\d+项") == [""]
    assert facet_of((), "全年下放118项。", 4, 8) == ""


def test_facet_lines_parse_with_either_colon_and_a_label_alone_is_its_word():
    assert parse_facet("下放: 下放|赋权") == parse_facet("下放：下放 | 赋权")
    assert parse_facet("下放: 下放|赋权").words == ("下放", "赋权")
    assert parse_facet("一网通办").words == ("一网通办",)
    with pytest.raises(ValueError):
        parse_facet(": 下放")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (": 下放", "冒号前须写类别的名称"),
        ("下放:", "冒号后须写"),
        ("下放: 下放||赋权", "“|”之间没有词"),
        # a long label broke every extraction of a figure it named (the column holds 64)
        ("这是一个非常非常长的类别名称: 下放", "类别名称写8个字以内"),
        ("取消+下放: 取消", "不含“+”"),
    ],
)
def test_a_facet_line_staff_cannot_mean_says_why(line, problem):
    assert problem in facet_problems(line)[0]
    assert facet_problems("下放: 下放|赋权") == facet_problems("一网通办") == []


@pytest.mark.django_db
def test_stored_values_carry_their_facet_and_a_staff_corrected_key_gives_its_own():
    agency = factories.agency(region_code="640303")
    report = factories.report_with_parts(
        agency, 2023, "全年下放行政审批事项118项。办理人大代表建议50件,满意率为99%。"
    )
    facets = dict(report.indicator_values.values_list("key", "facet"))
    assert facets["approval_items_streamlined"] == "下放"
    assert facets["proposals_satisfaction"] == "满意率"
    # a key without facets stores none; a correction to a faceted key reads that key's facets
    value = report.indicator_values.get(key="approval_items_streamlined")
    IndicatorCorrection.objects.create(
        report=report,
        start=value.start,
        end=value.end,
        definition=IndicatorDefinition.objects.get(key="licensing_items"),
    )
    extract_and_store(report)
    corrected = report.indicator_values.get(start=value.start)
    assert (corrected.key, corrected.facet) == ("licensing_items", "")


@pytest.mark.django_db
def test_the_admin_refuses_a_facet_line_it_cannot_read(admin_client):
    definition = IndicatorDefinition.objects.get(key="approval_items_streamlined")
    url = f"/admin/reports/indicatordefinition/{definition.pk}/change/"

    response = admin_client.post(
        url, factories.definition_form(definition, facets="下放:\n取消: 取消\n取消：撤销\n承接: 承接; 后接")
    )

    assert response.status_code == 200
    assert "无法解析的类别“下放:”" in response.content.decode()
    assert "类别“取消”写了不止一行" in response.content.decode()
    assert "分号后的“后接”无法识别" in response.content.decode()
    assert IndicatorDefinition.objects.get(pk=definition.pk).facets == definition.facets


ITEMS = load_catalogue().get("items_handled").facets
PENALTIES = load_catalogue().get("penalty_cases").facets


def test_facet_words_written_together_are_listed_together_except_what_is_taken_in():
    # the facet rankings' review: 取消调整329项 ranked first among 取消
    assert facets_in(APPROVALS, "共取消调整329项行政职权事项。", r"\d+项") == ["取消+调整"]
    assert facets_in(APPROVALS, "取消下放行政权力284项。", r"\d+项") == ["取消+下放"]
    assert facets_in(ITEMS, "全年共受理办结行政事项51871件。", r"\d+件") == ["受理+办结"]
    # 承接下放事项: items handed down, received
    assert facets_in(APPROVALS, "承接下放审批事项5项。", r"\d+项") == ["承接"]


def test_how_a_facets_words_join_others_is_written_in_its_catalogue_line():
    # the catalogue's lines say it, so staff may change it: without 对象在后 and 附于前词 the
    # same words read as two facets listed together
    plain = tuple(parse_facet(line.split(";")[0]) for line in ("取消: 取消", "下放: 下放", "承接: 承接"))
    marked = (*plain[:2], parse_facet("承接: 承接; 对象在后"))
    assert facets_in(plain, "承接下放审批事项5项。", r"\d+项") == ["下放+承接"]
    assert facets_in(marked, "承接下放审批事项5项。", r"\d+项") == ["承接"]

    decisions = parse_facet("决策: 决策")
    marked_kind = (decisions, parse_facet("议题：议题；附于前词"))
    assert facets_in(marked_kind, "审查区政府决策议题362件。", r"\d+件") == ["决策"]
    plain_kind = (decisions, parse_facet("议题: 议题"))
    assert facets_in(plain_kind, "审查区政府决策议题362件。", r"\d+件") == ["决策+议题"]


def test_facet_options_parse_and_an_unknown_one_is_refused_by_name():
    assert parse_facet("承接: 承接; 对象在后").takes_object
    assert parse_facet("文件: 文件|纪要 ; 附于前词, 对象在后") == Facet("文件", ("文件", "纪要"), True, True)
    assert not parse_facet("下放: 下放|赋权").takes_object
    assert facet_problems("承接: 承接; 对象在后") == []
    assert facet_problems("承接: 承接; 在后") == ["“承接”:分号后的“在后”无法识别,可写“对象在后”或“附于前词”"]


def test_a_list_may_go_on_after_other_words_between_its_items():
    sentence = "审核省政府重大行政决策、合作协议及其他重要政策文件等259件。"
    assert facets_in(LEGALITY, sentence, r"\d+件") == ["决策+合同+文件"]


def test_a_total_is_not_named_by_the_parts_listed_after_it():
    sentence = "共计立案查处390件(其中简易程序110件,普通程序280件)。"
    assert facets_in(PENALTIES, sentence, r"390件") == [""]
    assert facets_in(LEGALITY, "完成法制审核48份(含合同37份、执法案卷6件)。", r"48份") == [""]


def test_a_count_of_several_forms_listed_with_others_names_no_facet():
    # the forms together, not the 讲座 among them, in the figure's clause or the clause before it
    assert facets_in(STUDY, "通过专题研讨、辅导讲座、实地研学等形式开展集中学习57次。", r"\d+次") == [""]
    sentence = "通过处长讲堂、专题讲座、案例研讨等形式,开展集中学习13次。"
    assert facets_in(STUDY, sentence, r"\d+次") == [""]
    # every item a facet: the facets listed
    assert facets_in(LEGALITY, "审查重大行政决策、规范性文件、合同等25件。", r"\d+件") == ["决策+合同+文件"]


def test_a_kind_of_item_right_after_a_facet_word_is_part_of_it():
    # 决策议题 are agenda items of decisions, not 决策 and 议题 listed
    assert facets_in(LEGALITY, "审查区政府决策议题、文件、协议等362件。", r"\d+件") == ["决策+合同+文件"]


def test_a_count_of_a_facet_listed_after_a_form_no_facet_names_names_none():
    # a second review of the facet rankings: five of nine 讲座 figures counted other study too
    assert facets_in(STUDY, "开展专题学法、法治讲座2场次。", r"\d+场次") == [""]
    assert facets_in(STUDY, "组织市政府开展法治专题学习(培训、讲座)11次。", r"\d+次") == [""]
    assert facets_in(STUDY, "全区各部门累计进行法治培训、会前学法60余次。", r"\d+余次") == [""]
    # forms after the named item are what it did; a law's title and an aside hold no list
    assert facets_in(STUDY, "全年党组理论学习中心组开展集中学习、研讨31次。", r"\d+次") == ["中心组"]
    sentence = "党组会、党组理论学习中心组开展《中华人民共和国数据安全法》等法律法规集中学习研讨8次。"
    assert facets_in(STUDY, sentence, r"\d+次") == ["会前学法"]
    assert facets_in(STUDY, "推动委党组理论学习中心组(扩大)会议集体学法5次。", r"\d+次") == ["中心组"]
