"""reports.search.suggest: a query typed in Latin pinyin (fuyi, xing zheng fu yi, xzfy) that finds
nothing suggests the Chinese terms it spells; the search page searches a confident one."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from reports.search import index_reports
from reports.search.suggest import Vocabulary, domain_terms, is_latin_pinyin, suggest
from tests import factories

PLACES = ["綦江区", "潼南区", "西安市", "重庆市綦江区人民政府"]


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary([*domain_terms(), *PLACES])


def texts(suggestions) -> list[str]:
    return [s.text for s in suggestions]


# --- Pure suggestions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("fuyi", "复议"),
        ("FuYi", "复议"),
        ("FUYI", "复议"),
        ("fu yi", "复议"),
        ("fu'yi", "复议"),
        ("xingzhengfuyi", "行政复议"),
        ("xing zheng fu yi", "行政复议"),
        ("Xing Zheng Fu Yi", "行政复议"),
        ("xingzheng'fuyi", "行政复议"),
        ("xingzheng fuyi", "行政复议"),
        ("chutingyingsulv", "出庭应诉率"),
        ("qijiangqu", "綦江区"),  # names the caller adds
        ("falv", "法律"),
        ("falu", "法律"),  # u typed for ü after l and n
    ],
)
def test_latin_pinyin_suggests_the_term_it_spells_first_and_confidently(vocabulary, query, expected):
    first = suggest(query, vocabulary)[0]
    assert (first.text, first.reason, first.confident) == (expected, "pinyin", True)
    assert first.changes == ((query, expected),)


def test_pinyin_is_recognised_only_in_latin_letters_with_spaces_or_apostrophes():
    assert all(is_latin_pinyin(text) for text in ["fuyi", "FuYi", "xing zheng fu yi", "xingzheng'fuyi"])
    assert not any(is_latin_pinyin(text) for text in ["PM2.5", "12345", "E起学习", "fu-yi", "fu4yi4", ""])


def test_the_rest_of_the_query_is_kept_and_runs_of_syllables_become_one_term(vocabulary):
    assert texts(suggest('"xing zheng fu yi" -fuyi', vocabulary))[0] == '"行政复议" -fuyi'
    assert "PM2.5 复议" in texts(suggest("PM2.5 fuyi", vocabulary))
    # The longest run spelling a term is taken first, then the rest; one more suggestion changes both.
    both = next(s for s in suggest("xing zheng fu yi chu ting", vocabulary) if len(s.changes) == 2)
    assert both.text == "行政复议 出庭"
    assert both.changes == (("xing zheng fu yi", "行政复议"), ("chu ting", "出庭"))
    assert "复议 OR 出庭应诉率" in texts(suggest("fuyi OR chutingyingsulv", vocabulary))


def test_separators_must_fall_between_syllables():
    vocabulary = Vocabulary(["西安市", "鲜花", "先行"])
    assert texts(suggest("xi'an", vocabulary, synonyms={})) == ["西安"]
    assert texts(suggest("xianhua", vocabulary, synonyms={})) == ["鲜花"]
    assert suggest("xi'anhua", vocabulary, synonyms={}) == []  # xi + anhua: not 鲜花
    # Without separators every reading is tried: xian xing and xi an xing.
    both = Vocabulary(["西安行", "先行"])
    assert sorted(texts(suggest("xianxing", both, synonyms={}))) == ["先行", "西安行"]


def test_the_most_likely_spelling_comes_first():
    # Inside two terms beats inside one; a whole term beats both.
    vocabulary = Vocabulary(["行政执法公示", "执法公示制度", "公式化"])
    assert texts(suggest("gongshi", vocabulary, synonyms={})) == ["公示", "公式"]
    vocabulary = Vocabulary(["行政执法公示", "执法公示制度", "公式化", "公式"])
    assert texts(suggest("gongshi", vocabulary, synonyms={})) == ["公式", "公示"]


def test_first_letter_abbreviations_are_offered_only_when_long_and_unambiguous(vocabulary):
    suggestion = suggest("xzfy", vocabulary)[0]
    assert (suggestion.text, suggestion.reason, suggestion.confident) == ("行政复议", "initials", False)
    assert texts(suggest("XZFY", vocabulary))[0] == "行政复议"
    assert texts(suggest("fzzf", vocabulary))[0] == "法治政府"
    # Three letters name too many things (放管服, but also 綦江区, 黔江区, 曲江区, …).
    assert suggest("fgf", vocabulary, synonyms={}) == [] and suggest("qjq", vocabulary) == []
    # Two terms sharing the letters are both offered; three are a guess and offer nothing.
    two = Vocabulary(["行政复议", "行政法院"])
    assert texts(suggest("xzfy", two, synonyms={})) == ["行政复议", "行政法院"]
    assert suggest("xzfy", Vocabulary(["行政复议", "行政法院", "新增费用"]), synonyms={}) == []


@pytest.mark.parametrize("query", ["PM2.5", "E起学习", "data", "app", "abc", "zzqq", "GDP", "12345"])
def test_other_latin_and_alphanumeric_terms_are_not_read_as_pinyin(vocabulary, query):
    assert not [s for s in suggest(query, vocabulary) if s.reason in {"pinyin", "initials"}]


def test_long_or_repetitive_letters_are_answered_quickly(vocabulary):
    started = time.perf_counter()
    for query in ["a" * 200, "xian" * 40, "fu yi " * 30, "zhuangzhuangzhuang" * 5, "n" * 60]:
        suggest(query, vocabulary)
    assert time.perf_counter() - started < 1


# --- The search page -----------------------------------------------------------------------------

SEARCH_URL = reverse("reports:search")


@pytest.fixture
def reports():
    qijiang = factories.report(factories.agency("重庆市綦江区司法局", region_code="500110"), year=2023)
    factories.section(qijiang, "1", heading="深化行政复议", body="推进行政复议体制改革。")
    tongnan = factories.report(factories.agency("重庆市潼南区司法局", region_code="500152"), year=2022)
    factories.section(tongnan, "1", heading="举措", body="办理行政复议案件。关注 xianfa 公众号。")
    index_reports([qijiang.pk, tongnan.pk])
    return {"qijiang": qijiang, "tongnan": tongnan}


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "searched"), [("fuyi", "复议"), ("xing zheng fu yi", "行政复议")])
def test_pinyin_with_no_hits_is_searched_as_chinese_and_said_so(client, reports, query, searched):
    response = client.get(SEARCH_URL, {"q": query})
    html = response.content.decode()

    assert f"没有找到“{query}”。已同时搜索\uff1a<strong>“{searched}”</strong>" in html
    assert len(response.context["results"]) == 2
    assert f'value="{searched}"' in html


@pytest.mark.django_db
def test_initials_are_offered_with_their_count_but_not_searched(client, reports):
    html = client.get(SEARCH_URL, {"q": "xzfy"}).content.decode()

    assert "行政复议</a>(2 份报告)" in html
    assert "已同时搜索" not in html


@pytest.mark.django_db
def test_a_latin_word_that_is_in_the_texts_is_searched_as_typed(client, reports):
    response = client.get(SEARCH_URL, {"q": "xianfa"})

    assert [item.hit.report_id for item in response.context["results"]] == [reports["tongnan"].pk]
    assert "已同时搜索" not in response.content.decode()
