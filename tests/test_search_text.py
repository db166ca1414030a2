"""Search normaliser, tokeniser, query language, highlighting, facet lists: pure functions, no database."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from reports.search import QueryError, match_spans, parse_query
from reports.search import normalize as normalize_module
from reports.search.facets import MAX_VALUES, build_facets
from reports.search.index import report_words
from reports.search.normalize import (
    Normalized,
    has_word_char,
    is_word_char,
    normalize,
    normalize_text,
    script_spellings,
)
from reports.search.query import MAX_TERM_CHARS, characters_joined
from reports.search.selection import Selection
from reports.search.snippets import highlight, snippet_html
from reports.search.tokens import bigrams, grams, word_hash


def test_normalizer_folds_width_traditional_case_and_chinese_whitespace():
    assert normalize_text("ＰＭ２．５") == "pm2.5"
    assert normalize_text("高級人民法院") == "高级人民法院"
    assert normalize_text("國務院辦公廳") == "国务院办公厅"
    assert normalize_text("行政\n  复议") == "行政复议"
    assert (
        normalize_text('“八五”普法、"放管服"、『三项制度』、《行政复议法》')
        == "八五普法、放管服、三项制度、《行政复议法》"
    )
    assert normalize_text("2023 年") == "2023年"
    assert normalize_text("Xi  Jinping") == "xi jinping"
    assert normalize_text("依法\u200b行政") == "依法行政"


def test_script_spellings_are_the_text_as_typed_simplified_and_traditional():
    assert script_spellings("东城区2024年报告") == {"东城区2024年报告", "東城區2024年報告"}
    assert script_spellings("東城区") == {"東城区", "东城区", "東城區"}
    assert "頭髮" in script_spellings("头发")  # by phrase, not only the first form of 发
    # and as converters that keep 于, 云, 里 (also traditional characters) write them
    assert script_spellings("长寿区关于") == {"长寿区关于", "長壽區關於", "長壽區關于"}
    assert "湘潭縣云湖橋鎮" in script_spellings("湘潭县云湖桥镇")


def test_normalizer_maps_every_character_back_to_its_original_offset():
    original = "一、推进 ＰＭ２．５ 治理㈠國務院"
    folded = normalize(original)
    assert len(folded.origin) == len(folded.text)
    start = folded.text.index("pm2.5")
    assert folded.original_span(start, start + 5) == (original.index("Ｐ"), original.index("５") + 1)
    # ㈠ becomes three characters that all point at it.
    paren = folded.text.index("(一)")
    assert {folded.origin[paren + i] for i in range(3)} == {original.index("㈠")}
    start = folded.text.index("国务院")
    assert original[slice(*folded.original_span(start, start + 3))] == "國務院"


def test_bigrams_are_every_pair_of_adjacent_characters():
    assert bigrams("渝快办好") == ["渝快", "快办", "办好"]
    assert bigrams("好") == []


def test_report_words_are_the_hashes_of_jieba_search_words():
    words = report_words(["依法处理行政复议案件"])
    assert {word_hash(word) for word in ("行政复议", "行政", "复议", "案件")} <= set(words)
    assert word_hash("政复") not in words  # a bigram, not a word
    assert words == sorted(set(words)) and all(-(2**31) <= word < 2**31 for word in words)


def test_query_spaces_mean_and_or_joins_and_minus_excludes():
    query = parse_query("复议 诉讼 OR 应诉 -败诉")
    assert [[t.parts for t in clause] for clause in query.clauses] == [[("复议",)], [("诉讼",), ("应诉",)]]
    assert [t.parts for t in query.excluded] == [("败诉",)]
    sql, params = query.section_condition()
    assert params == ["复议", "复议", "诉讼", "诉讼", "应诉", "应诉", "败诉", "败诉"]
    assert sql.count(" AND ") == 2 and sql.count(" OR ") == 5 and sql.count("NOT ") == 1


@pytest.mark.parametrize("query", ["出庭应诉率 －100%", "出庭应诉率 －“100%”", "出庭应诉率 -100%"])
def test_a_full_width_minus_excludes_as_the_ascii_one_does(query):
    """A Chinese keyboard types －: 出庭应诉率 －100% found the reports saying 100%, the opposite."""
    parsed = parse_query(query)
    assert [[t.parts for t in clause] for clause in parsed.clauses] == [[("出庭应诉率",)]]
    assert [t.parts for t in parsed.excluded] == [("100%",)]


def test_quoted_phrase_is_one_exact_term_even_with_spaces_and_chinese_quotes():
    assert parse_query('"重大行政决策 目录"').clauses[0][0].parts == ("重大行政决策目录",)
    assert parse_query("“渝快办”").clauses[0][0].parts == ("渝快办",)
    assert parse_query("“渝快办”").clauses[0][0].phrase


def test_a_term_selects_candidates_by_its_bigrams_and_matches_as_a_whole_substring():
    query = parse_query("行政复议")
    assert query.report_tsquery == "('行政' & '政复' & '复议')"
    condition = "(strpos(heading, %s) > 0 OR strpos(body, %s) > 0)"
    assert query.section_condition() == (condition, ["行政复议", "行政复议"])


def test_a_section_lookup_asks_for_each_pair_tagged_with_the_character_after_it():
    # 服 is U+670D and 务 U+52A1, both 1 modulo 4: tag "b".
    assert grams("法律服务") == ["法律b", "律服b", "服务", "务"]
    query = parse_query("法律服务 法律")
    assert query.report_tsquery == "(('法律' & '律服' & '服务') & '法律')"
    # The last pair is implied by the tagged one before it; two characters are a prefix match.
    assert query.section_tsquery == "(('法律b' & '律服b') & '法律':*)"
    assert parse_query("法").section_tsquery == "'法':*"


def test_long_unquoted_term_is_split_into_jieba_words_that_must_all_occur():
    term = parse_query("行政复议案件办理情况").clauses[0][0]
    assert term.parts == ("行政复议", "案件", "办理", "情况")
    assert not parse_query('"行政复议案件办理情况"').clauses[0][0].parts[1:]


def test_one_character_query_is_a_prefix_search():
    query = parse_query("法")
    assert query.report_tsquery == "'法':*"
    assert query.report_level_exact


def test_query_lexemes_with_backslashes_are_escaped_and_apostrophes_dropped():
    query = parse_query("it's a\\b")
    assert "'its'" not in query.report_tsquery  # bigrams, each quoted
    assert "'ts'" in query.report_tsquery  # the apostrophe is a quotation mark: dropped
    assert "'a\\\\b'" not in query.report_tsquery and "'\\\\b'" in query.report_tsquery
    # Substrings go to SQL as parameters, never into its text.
    assert query.section_condition()[1] == ["its", "its", "a\\b", "a\\b"]


def test_edge_punctuation_of_unquoted_terms_is_ignored_but_inner_kept():
    assert parse_query("复议,").clauses[0][0].parts == ("复议",)
    assert parse_query("PM2.5").clauses[0][0].parts == ("pm2.5",)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "请输入"),
        ("   ", "请输入"),
        ("，。！？", "标点"),
        ("<>&", "标点"),
        ("😀", "表情"),
        ("复议 👍", "表情"),
        ("-复议", "至少"),
        ("法" * 201, "太长"),
        ('"' + "法" * (MAX_TERM_CHARS + 1) + '"', "太长"),
        (" ".join(f"词{i}" for i in range(13)), "太多"),
    ],
)
def test_refused_queries_raise_a_friendly_chinese_message(text, fragment):
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert fragment in caught.value.message


def test_match_spans_marks_every_occurrence_in_original_offsets():
    text = "依法办理行政复议。复議申请人向ＰＭ２．５"
    spans = match_spans(text, "复议 pm2.5")
    assert [text[start:end] for start, end in spans] == ["复议", "复議", "ＰＭ２．５"]


def test_match_spans_merges_overlapping_terms_and_ignores_exclusions():
    text = "行政复议和诉讼"
    assert match_spans(text, "行政复议 复议 -诉讼") == [(0, 4)]


def test_match_spans_of_a_refused_query_is_empty():
    assert match_spans("任何文本", "，。") == []


def test_highlight_escapes_text_and_adds_only_mark_tags():
    html = highlight("<script>alert(1)</script>复议", [(25, 27)])
    assert html == "&lt;script&gt;alert(1)&lt;/script&gt;<mark>复议</mark>"


def test_snippet_shows_a_window_around_the_terms_with_ellipses():
    text = "前" * 300 + "行政复议" + "后" * 300
    html = snippet_html(text, ["行政复议"])
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>行政复议</mark>" in html
    assert len(html) < 200


def test_snippet_opens_at_the_clause_of_its_first_match_not_mid_number():
    text = "甲" * 80 + "受理率达到100%。贯彻落实行政复议法。" + "乙" * 200
    html = snippet_html(text, ["行政复议"])
    assert html.startswith("…贯彻落实<mark>行政复议</mark>"), html
    latin = "x" * 80 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ复议" + "y" * 200
    assert snippet_html(latin, ["复议"]).startswith("…<mark>复议</mark>")


def test_snippet_keeps_the_clauses_before_its_match_that_fit_and_ends_on_a_whole_number():
    """…纠错率为零 lost what it was about (规范性文件, a clause before); …下降1… cut 14.45 in two."""
    text = "甲" * 80 + "。审查规范性文件43件,纠错率为零,行政复议申请下降14.45个百分点。" + "乙" * 200
    html = snippet_html(text, ["纠错率"], width=50)
    assert html.startswith("…审查规范性文件43件,<mark>纠错率</mark>为零"), html
    cut = snippet_html(text, ["纠错率"], width=36)
    assert "下降14.45" in cut or "下降1" not in cut, cut


def test_snippet_window_holds_the_most_distinct_terms_the_rarest_then_the_most_occurrences():
    parts = ["行政复议", "复议", "诉讼"]
    rng = random.Random(11)
    pieces = ["行政复议", "复议", "诉讼", "行政", "。", "甲" * 30, "乙" * 70]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        occurrences = sorted(
            (start, start + len(part), index)
            for index, part in enumerate(parts)
            for start in range(len(text))
            if text.startswith(part, start)
        )
        counts = Counter(o[2] for o in occurrences)
        best_start, best_key = 0, (-1, -1.0, -1)
        for start, _, _ in occurrences:  # every window that starts a little before an occurrence
            window = max(0, start - 24)
            inside = [o for o in occurrences if o[0] >= window and o[1] <= window + 120]
            held = {o[2] for o in inside}
            key = (len(held), sum(1 / counts[part] for part in held), len(inside))
            if key > best_key:
                best_start, best_key = window, key
        if occurrences:  # the window then opens at the first whole clause before its first match
            first_match = min(o[0] for o in occurrences if o[0] >= best_start)
            lead = text[best_start:first_match]
            if "。" in lead:
                best_start += lead.index("。") + 1
                while best_start < first_match and text[best_start] == "。":
                    best_start += 1
        html = snippet_html(text, parts)
        shown = html.replace("<mark>", "").replace("</mark>", "").strip("…")
        assert shown == text[best_start : best_start + 120], text


def test_fast_normalize_text_equals_the_per_character_rules(sample_path) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sample_path("").glob("00*.txt")]
    alphabet = list("ab1 \u3000\t\n行政復議ＡＢ１２\u200b\ufeff¨ﬁ㈠。,Xx9")
    rng = random.Random(7)
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    assert [normalize_text(text) for text in texts] == [normalize_per_character(text).text for text in texts]


def test_normalize_by_runs_gives_the_same_offsets_as_the_per_character_map(sample_path) -> None:
    lines = [
        line
        for path in sample_path("").glob("00*.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    lines += [path.read_text(encoding="utf-8") for path in sample_path("").glob("00*.txt")]
    alphabet = list("ab1 \n\t行政復議ＡＢ１２。,Xx9\u3000\u200b\ufeff¨ﬁ㈠")
    rng = random.Random(11)
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    shortcut = [normalize(line) for line in lines]
    mapped = [normalize_per_character(line) for line in lines]
    assert [(n.text, list(n.origin)) for n in shortcut] == [(n.text, list(n.origin)) for n in mapped]
    assert sum(isinstance(n.origin, range) for n in shortcut) > 100  # the 1:1 shortcut ran too


def test_every_character_folds_as_the_per_character_rules_say() -> None:
    # Only characters that change are looked up: one that changes but is not looked up (or the
    # reverse) shows here. A few supplementary-plane characters: an ideograph, a compatibility
    # ideograph (NFKC → 丽) and a mathematical letter (NFKC → A → a).
    every = [chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF]
    every += ["\U00020000", "\U0002f800", "\U0001d400"]
    text = "".join(f"a{char}行" for char in every)
    expected = normalize_per_character(text)
    assert normalize_text(text) == expected.text
    folded = normalize(text)
    assert (folded.text, list(folded.origin)) == (expected.text, list(expected.origin))
    assert "丽" in normalize_text("\U0002f800") and normalize_text("\U0001d400") == "a"


def test_word_character_class_agrees_with_the_per_character_test() -> None:
    # has_word_char tests a whole word with one regular expression; it must say what testing
    # each character with is_word_char says, for every character.
    every = [chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF]
    disagree = [char for char in every if has_word_char(char) != is_word_char(char)]
    assert disagree == []
    assert has_word_char("-“行”-") and not has_word_char("——_“”")


def normalize_per_character(text: str) -> Normalized:
    """The normaliser's rules applied one character at a time: the oracle for ``normalize``."""
    out: list[str] = []
    origin: list[int] = []
    pending_space = False
    folded_of = normalize_module._FOLDED.get
    missing = normalize_module._FOLDED  # sentinel: a dict is never a folding
    for index, char in enumerate(text):
        folded = folded_of(char, missing)
        if folded is missing:
            folded = normalize_module._folded_entry(char)
        if folded is None:
            pending_space = True
            continue
        if not folded:
            continue
        if pending_space:
            pending_space = False
            # Keep one space only where it separates two Latin words or numbers.
            if (
                out
                and normalize_module._is_latin_word_char(out[-1])
                and normalize_module._is_latin_word_char(folded[0])
            ):
                out.append(" ")
                origin.append(index - 1)
        if len(folded) == 1 and folded != " ":
            out.append(folded)
            origin.append(index)
            continue
        for piece in folded:
            if piece.isspace():
                # NFKC turns some characters into spaces (U+3000 is caught above; ¨ → " ̈").
                continue
            out.append(piece)
            origin.append(index)
    return Normalized("".join(out), tuple(origin))


def test_long_facet_lists_keep_the_most_frequent_values_and_the_selected_one() -> None:
    # 150 values; the counts tie across the cut at 100, and a rare value is selected.
    counts = Counter({f"v{index:03d}": 200 - index if index < 90 else 50 for index in range(150)})
    selection = Selection(values={"topic": "v149"}, columns={"topic": "v149"})
    shown = build_facets({"topic": counts}, selection)["topic"]
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MAX_VALUES]
    assert [(v.value, v.count) for v in shown[:MAX_VALUES]] == expected
    assert [(v.value, v.selected) for v in shown[MAX_VALUES:]] == [("v149", True)]


def test_typographic_quotes_inside_a_word_are_dropped_as_in_the_text():
    # Reports write “放管服” and 八五”普法 with these marks; people type them without.
    assert parse_query("八五”普法").clauses[0][0].parts == ("八五普法",)
    assert parse_query("“放管服”改革").clauses[0][0].parts == ("放管服改革",)
    assert parse_query("-“渝快办” 复议").excluded[0].parts == ("渝快办",)


def test_or_is_the_operator_only_in_capitals_and_a_word_when_alone():
    assert [t.parts for t in parse_query("复议 OR 诉讼").clauses[0]] == [("复议",), ("诉讼",)]
    assert [c[0].parts for c in parse_query("复议 or 诉讼").clauses] == [("复议",), ("or",), ("诉讼",)]
    assert parse_query("OR").clauses[0][0].parts == ("or",)
    assert [c[0].parts for c in parse_query("复议 OR").clauses] == [("复议",)]


def test_a_split_term_keeps_its_whole_string_for_ranking_and_marking():
    query = parse_query("市场监督管理局")
    assert query.terms[0].parts == ("市场", "监督", "管理局")
    assert query.terms[0].whole == "市场监督管理局"
    assert query.highlight_parts[0] == "市场监督管理局"


def test_report_words_hold_every_dictionary_word_inside_a_longer_one():
    # jieba's search mode adds only the two- and three-character words inside a long one: 行政复议
    # inside 行政复议体制改革 (a domain word) was no whole word, and its heading ranked 258th of 274
    words = report_words(["完成行政复议体制改革", "推行政府法律顾问制度", "行政机关负责人出庭应诉率达100%"])

    inside = ("行政复议", "体制改革", "法律顾问", "出庭应诉", "负责人")
    assert {word_hash(word) for word in inside} <= set(words)
    assert word_hash("政复") not in words and word_hash("复议体制") not in words  # not words


def test_a_snippet_that_cannot_hold_every_term_shows_the_rarest_one():
    # 2023 occurs again and again, 法治督察 once, far from them: the snippet showed only [2023]
    filler = "各项工作稳步推进,取得明显成效。" * 8
    text = "2023年开展工作。" * 4 + filler + "组织开展法治督察。" + filler + "2023年总结。" * 2

    snippet = str(snippet_html(text, ["2023", "法治督察"], width=60))

    assert "<mark>法治督察</mark>" in snippet


@pytest.mark.parametrize(
    ("typed", "joined"),
    [
        ("行 政 复 议", "行政复议"),
        ("行 政 复 议 改革 法 治", "行政复议 改革 法治"),
        ("复 议 2023 年", "复议 2023 年"),  # a lone character stays
        ("行政复议 改革", ""),
        ("a b c", ""),  # letters typed apart are their own terms
        ("行 政 OR 复 议", ""),  # not a plain list: joining would change the query
        ('"行 政" 复 议', ""),
    ],
)
def test_characters_typed_apart_are_joined_into_the_word_they_spell(typed, joined):
    assert characters_joined(typed) == joined
