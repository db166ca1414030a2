"""reports.search.suggest: "did you mean" from the synonym table and pinyin; pure, no database."""

from __future__ import annotations

import pytest

from reports.search.suggest import (
    Vocabulary,
    default_related,
    default_synonyms,
    domain_terms,
    fuzzy_syllable,
    other_wordings,
    parse_related,
    parse_synonyms,
    pinyin_key,
    query_terms,
    suggest,
)

PLACES = ["綦江区", "潼南区", "利通区", "吴忠市", "吴中区", "重庆市綦江区人民政府"]


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary([*domain_terms(), *PLACES])


def texts(suggestions) -> list[str]:
    return [s.text for s in suggestions]


def test_synonym_file_parses_into_two_way_groups_and_one_way_abbreviations():
    table = parse_synonyms(["# comment", "", "复议 <-> 行政复议", "出庭率 -> 出庭应诉率", "a <-> b <-> c"])
    assert table["复议"] == ["行政复议"] and table["行政复议"] == ["复议"]
    assert table["出庭率"] == ["出庭应诉率"] and "出庭应诉率" not in table
    assert table["b"] == ["a", "c"]
    with pytest.raises(ValueError):
        parse_synonyms(["no arrow here"])


def test_the_curated_table_covers_the_domain():
    table = default_synonyms()
    groups = {frozenset([term, *others]) for term, others in table.items()}
    assert len(groups) >= 30
    for term, expected in [
        ("复议", "行政复议"),
        ("行政复议", "复议"),
        ("出庭率", "出庭应诉率"),
        ("府院联动", "府院互动"),
        ("放管服", "简政放权"),
        ("一网通办", "全程网办"),
    ]:
        assert expected in table[term]
    related = default_related()  # policies of a kind, offered but not searched instead
    assert "轻微违法不罚" in related["首违不罚"] and "免罚清单" in related["包容免罚"]


def test_pinyin_helpers():
    assert pinyin_key("行政复议") == ("xing", "zheng", "fu", "yi")
    assert pinyin_key("行政复以") == pinyin_key("行政复议")
    assert [fuzzy_syllable(s) for s in ("zhi", "chang", "shen", "ling", "hu", "an")] == [
        "zi",
        "can",
        "sen",
        "nin",
        "fu",
        "an",
    ]


@pytest.mark.parametrize(
    ("query", "expected", "reason"),
    [
        ("行政复以", "行政复议", "pinyin"),  # a typing slip with the same pinyin
        ("复以", "复议", "pinyin"),  # inside a longer term
        ("枫乔经验", "枫桥经验", "pinyin"),
        ("府院连动", "府院联动", "pinyin"),
        ("旗江区", "綦江区", "pinyin"),  # place names from the caller
        ("吴中市", "吴忠市", "pinyin"),
        ("出庭率", "出庭应诉率", "synonym"),
        ("放管服", "简政放权", "synonym"),
        ("复议", "行政复议", "synonym"),
        ("出应率", "出庭应诉率", "abbreviation"),
        ("行政执罚", "行政处罚", "typo"),
    ],
)
def test_suggests_the_intended_term(vocabulary, query, expected, reason):
    suggestion = next(s for s in suggest(query, vocabulary) if s.text == expected)
    assert suggestion.reason == reason
    assert suggestion.changes == ((query, expected),)
    assert suggestion.confident == (reason in {"synonym", "pinyin"})


def test_fuzzy_pinyin_finds_confused_sounds_but_is_not_confident(vocabulary):
    # 新 xin / 星 xing differ only by the in/ing final.
    suggestion = next(s for s in suggest("新时代枫桥经验", Vocabulary(["星时代枫桥经验"]), synonyms={}))
    assert (suggestion.text, suggestion.reason, suggestion.confident) == ("星时代枫桥经验", "fuzzy", False)


def test_confident_suggestions_come_first(vocabulary):
    reasons = [s.reason for s in suggest("行政服议", vocabulary)]
    assert reasons[0] == "pinyin"
    assert reasons == sorted(reasons, key=["synonym", "pinyin", "fuzzy", "abbreviation", "typo"].index)


def test_only_positive_terms_are_rewritten_and_the_rest_of_the_query_is_kept(vocabulary):
    assert query_terms('行政复以 -信访 OR "出庭率"') == [(0, 4, "行政复以"), (13, 16, "出庭率")]
    suggestions = texts(suggest('行政复以 -行政复以 OR "出庭率"', vocabulary))
    assert '行政复议 -行政复以 OR "出庭率"' in suggestions
    assert '行政复以 -行政复以 OR "出庭应诉率"' in suggestions
    # Several changed terms: one more suggestion changes them all.
    assert '行政复议 -行政复以 OR "出庭应诉率"' in suggestions


def test_curly_quotes_are_read_as_quotes_and_kept_in_the_suggestion(vocabulary):
    assert texts(suggest("“行政复以”", vocabulary))[0] == "“行政复议”"


def test_no_suggestion_repeats_the_query_or_invents_for_unknown_words(vocabulary):
    assert suggest("行政复议", Vocabulary(["行政复议"]), synonyms={}) == []
    assert suggest("zzqq", vocabulary) == []
    assert suggest("", vocabulary) == []
    assert all(s.text != "复以" for s in suggest("复以", vocabulary))


def test_suggestions_are_limited(vocabulary):
    assert len(suggest("行政复以 出庭率 放管服 枫乔经验", vocabulary)) <= 6
    assert len(suggest("旗江区", vocabulary, limit=2)) <= 2


def test_vocabulary_of_a_few_thousand_names_builds_quickly():
    import time

    names = [
        f"{a}{b}区" for a in "东西南北中上下左右前" for b in "山水江河湖海林田城镇乡村街道路桥港湾岭峰"
    ] * 20
    started = time.perf_counter()
    vocabulary = Vocabulary([*domain_terms(), *names])
    assert time.perf_counter() - started < 5
    assert len(vocabulary) == len(set(domain_terms()) | set(names))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("出庭应诉率", ["出庭率"]),  # the abbreviation a one-way line names, read backwards
        ('"出庭应诉率"', ["出庭率"]),
        ("出庭應訴率", ["出庭率"]),  # typed in traditional characters
        ("党政主要负责人", ["一把手"]),
        ("一把手", []),  # the longer name is no other wording of the short one's reports
        ("会前学法", []),  # a two-way group joins broader terms (学法): no widening
        ("复议", []),
        ("出庭应诉率 复议", []),  # several terms: no single wording to widen
        ("出庭应诉率 OR 出庭率", []),
        ("-出庭应诉率", []),
        ("完全不存在的说法", []),
    ],
)
def test_a_one_term_query_widens_only_to_the_abbreviations_the_table_names_for_it(query, expected):
    assert other_wordings(query) == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("首违不罚", "首违免罚"),  # reports write both (8 and 6 of the held-out texts)
        ("出庭率", "出庭应诉率"),
        ("负责人出庭率", "行政机关负责人出庭应诉率"),
        ("检府联动", "府检联动"),
        ("法援", "法律援助"),
        ("政务服务热线", "12345热线"),
    ],
)
def test_two_wordings_of_the_same_thing_suggest_and_widen_to_each_other(vocabulary, one, other):
    """Widening read only the one-way lines, so a pair of the same meaning written once, or in a
    group, offered its other wording one way or not at all (首违不罚 never led to 首违免罚)."""
    for query, expected in ((one, other), (other, one)):
        assert expected in other_wordings(query)
        suggestion = next(s for s in suggest(query, vocabulary) if s.text == expected)
        assert suggestion.reason == "synonym"


@pytest.mark.parametrize(
    ("typed", "as_if"),
    [
        ("ｆｕｙｉ", "fuyi"),
        ("ｘｉｎｇｚｈｅｎｇ ｆｕｙｉ", "xingzheng fuyi"),
        ("行政執罰", "行政执罚"),
        ("行政復以", "行政复以"),
    ],
)
def test_a_query_in_full_width_letters_or_traditional_characters_gets_the_same_suggestions(
    vocabulary, typed, as_if
):
    # the search folds both; the suggestions read the query as typed and offered nothing
    assert texts(suggest(typed, vocabulary)) == texts(suggest(as_if, vocabulary)) != []


def test_related_terms_are_offered_but_never_searched_in_place_of_the_query(vocabulary):
    # 轻微违法不罚 was searched as 首违不罚 without asking ("已同时搜索"): a narrower policy
    assert parse_related(["# c", "a ~ b ~ c"]) == {"a": ["b", "c"], "b": ["a", "c"], "c": ["a", "b"]}
    assert parse_synonyms(["a ~ b"]) == {}

    offered = {s.text: s for s in suggest("轻微违法不罚", vocabulary)}

    assert offered["首违不罚"].reason == "related" and not offered["首违不罚"].confident


def test_full_width_marks_of_query_syntax_stay_as_the_search_reads_them(vocabulary):
    # the search reads ＯＲ as a word and －x as a term; a suggestion had made them OR and -x
    assert all("ＯＲ" in text for text in texts(suggest("行政复以 ＯＲ 执法", vocabulary)))
    assert not any(text.startswith("-") for text in texts(suggest("－行政复以 普法", vocabulary)))
