"""search_page on real PostgreSQL: ranking, filters and facets, safe snippets, index upkeep."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from reports.ingest import ImportStatus, import_report
from reports.models import Agency, Report, Section
from reports.search import QueryError, engine, index_reports, rebuild_index, search_page
from reports.search.models import REPORT_BIGRAMS, SAMPLE_CONDITION, SearchReport, SearchSection
from reports.search.query import parse_query
from reports.seeding import load_seed_fixture
from tests import factories

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
FILLER = "各项工作稳步推进,取得明显成效。"
_agency_serial = itertools.count(1)


def make_report(
    sections: list[tuple[str, str]],
    *,
    region_code: str = "500110",
    year: int = 2023,
    kind: str = Agency.Kind.GOVERNMENT,
    labels: list[str] | None = None,
    topics: list[str] | None = None,
    title: str | None = None,
) -> Report:
    """A report with (heading, body) sections, indexed."""
    agency = factories.agency(f"测试机关{next(_agency_serial)}", region_code=region_code, kind=kind)
    report = factories.report(agency, year=year, title=title)
    for index, (heading, body) in enumerate(sections):
        factories.section(
            report,
            str(index + 1),
            heading=heading,
            body=body,
            label=(labels or [Section.Label.MEASURES] * len(sections))[index],
            topic=(topics or [""] * len(sections))[index],
        )
    index_reports([report.pk])
    return report


def result_ids(query: str, **filters: str) -> list[int]:
    return [hit.report_id for hit in search_page(query, filters).results]


# Ranking


def test_whole_word_match_ranks_above_substring_only_match():
    substring = make_report([("一、工作", FILLER + "及时外交通报有关情况。" + FILLER)])
    word = make_report([("一、工作", FILLER + "推进交通运输领域改革。" + FILLER)])
    assert result_ids("交通") == [word.pk, substring.pk]


def test_a_term_inside_a_longer_domain_word_is_a_whole_word_too():
    # 行政复议 within 行政复议体制改革 (one word of the domain dictionary) was not: a heading naming
    # the reform ranked 258th of 274, below passing mentions of 行政复议 as a word of its own
    passing = make_report([("一、主要工作", FILLER + "依法办理行政复议案件。" + FILLER)])
    reform = make_report([("一、完成行政复议体制改革", FILLER + FILLER)])
    assert result_ids("行政复议") == [reform.pk, passing.pk]


def test_a_heading_holding_both_terms_ranks_above_one_holding_one_whatever_the_body():
    # 落实行政执法“三项制度” ranked below a heading with 行政执法 alone whose body held both terms
    # close and often: a tier outweighs everything below it
    one = make_report([("一、规范行政执法", "行政执法三项制度" * 6 + FILLER)])
    both = make_report([("一、落实行政执法三项制度", FILLER + FILLER)])
    assert result_ids("行政执法 三项制度") == [both.pk, one.pk]


def test_match_in_heading_ranks_above_match_in_body():
    body = make_report([("一、主要工作", FILLER + "深入推进行政复议工作。")])
    heading = make_report([("一、深化行政复议改革", FILLER + FILLER)])
    assert result_ids("行政复议") == [heading.pk, body.pk]


def test_terms_close_together_rank_above_scattered_terms():
    scattered = make_report([("一、工作", "复议" + FILLER * 8 + "诉讼")])
    close = make_report([("一、工作", FILLER * 4 + "复议诉讼" + FILLER * 4)])
    assert result_ids("复议 诉讼") == [close.pk, scattered.pk]


def test_equal_matches_are_ordered_newest_year_first():
    older = make_report([("一、工作", FILLER + "规范性文件备案审查")], year=2021)
    newer = make_report([("一、工作", FILLER + "规范性文件备案审查")], year=2023)
    middle = make_report([("一、工作", FILLER + "规范性文件备案审查")], year=2022)
    assert result_ids("规范性文件") == [newer.pk, middle.pk, older.pk]


def test_sort_newest_orders_by_year_then_relevance():
    best_old = make_report([("一、深化行政复议改革", FILLER)], year=2021)
    weak_new = make_report([("一、工作", FILLER + "行政复议")], year=2023)
    strong_new = make_report([("一、行政复议", FILLER)], year=2023)

    assert result_ids("行政复议") == [strong_new.pk, best_old.pk, weak_new.pk]
    assert result_ids("行政复议", sort="newest") == [strong_new.pk, weak_new.pk, best_old.pk]
    assert search_page("行政复议", {"sort": "newest"}).newest_first


def test_sort_newest_orders_a_large_match_set_by_year_too(monkeypatch):
    monkeypatch.setattr(engine, "EXACT_REPORT_LIMIT", 2)
    monkeypatch.setattr(engine, "RANK_BLOCK", 2)
    for year in range(2015, 2023):  # scores rise and fall with the year's parity
        make_report([("一、工作", "行政复议" * (1 + year % 2) + "普法宣传")], year=year)

    hits = [
        hit
        for n in (1, 2)
        for hit in search_page("行政复议 普法宣传", {"sort": "newest"}, page=n, page_size=4).results
    ]

    assert [hit.year for hit in hits] == list(range(2022, 2014, -1))


def test_a_heading_match_outranks_any_number_of_body_matches():
    body = make_report([("一、主要工作", "行政复议" * 30)])
    heading = make_report([("一、深化行政复议改革", FILLER)])
    assert result_ids("行政复议") == [heading.pk, body.pk]


def test_a_title_match_outranks_any_number_of_body_matches():
    body = make_report([("一、主要工作", "市场监管" * 30)], title="某区2023年法治政府建设情况报告")
    titled = make_report(
        [("一、主要工作", "市场监管" + FILLER)], title="某区市场监管局2023年法治政府建设情况报告"
    )
    assert result_ids("市场监管") == [titled.pk, body.pk]


def test_a_whole_word_match_outranks_a_heading_and_title_substring_match():
    # 议案 inside 复议案件 is no word of that text; 人大议案 holds it as one.
    substring = make_report([("一、办理复议案件", "复议案件" * 10)], title="复议案件办理情况报告")
    word = make_report([("一、主要工作", FILLER + "办理人大议案3件。")])
    assert result_ids("议案") == [word.pk, substring.pk]


def test_a_heading_holding_every_term_outranks_one_holding_some():
    one = make_report([("一、推进法治政府建设", FILLER + "开展示范创建。")])
    both = make_report([("一、创建法治政府建设示范地区", FILLER + "推进各项工作。")])
    assert result_ids("法治政府建设 示范") == [both.pk, one.pk]


def test_holding_more_of_the_query_as_whole_words_ranks_higher():
    # Both hold 改革 as a word; only one holds 交通 as a word (外交通报 holds it inside 外交).
    # one_word's terms stand closer and it wins ties: only the words can put two_words first.
    two_words = make_report([("一、工作", FILLER + "深化改革,及时推进交通运输领域工作。")])
    one_word = make_report([("一、工作", FILLER + "深化改革,及时外交通报有关情况。")])
    assert result_ids("交通 改革") == [two_words.pk, one_word.pk]


def test_a_split_term_ranks_sections_holding_its_whole_string_first():
    scattered = make_report([("一、工作", "市场秩序、监督执法和管理局建设" * 5)])
    whole = make_report([("一、工作", FILLER + "区市场监督管理局加强执法。")])
    assert result_ids("市场监督管理局") == [whole.pk, scattered.pk]


def test_quotation_marks_inside_words_are_ignored_in_queries_and_text():
    quoted = make_report(
        [("一、普法", '全面完成“八五”普法中期评估,推进"放管服"改革,落实行政执法「三项制度」。')]
    )
    assert result_ids("八五”普法") == [quoted.pk]
    assert result_ids("推进“放管服”改革") == [quoted.pk]
    assert result_ids("“八五”普法") == [quoted.pk]
    # typed as people type them, without the marks
    assert result_ids("八五普法") == [quoted.pk]
    assert result_ids("推进放管服改革") == [quoted.pk]
    assert result_ids("行政执法三项制度") == [quoted.pk]


def test_results_group_sections_by_report_with_counts_of_both():
    first = make_report([("一、复议", "行政复议"), ("二、其他", FILLER), ("三、复议", "复议案件")])
    make_report([("一、复议", "复议")])
    page = search_page("复议")
    assert (page.reports, page.sections) == (2, 3)
    hit = next(h for h in page.results if h.report_id == first.pk)
    assert hit.matching_sections == 2
    assert sorted(s.path for s in hit.sections) == ["1", "3"]
    assert hit.agency == first.agency.name and hit.region == "重庆市綦江区" and hit.year == 2023


def test_paging_splits_ranked_reports_into_pages():
    reports = [make_report([("一、工作", f"第{i}次复议")], year=2000 + i) for i in range(5)]
    first, second, third = (search_page("复议", page=n, page_size=2) for n in (1, 2, 3))
    assert [h.report_id for h in first.results + second.results + third.results] == [
        r.pk for r in reversed(reports)
    ]
    assert first.num_pages == 3 and first.reports == 5


# Highlighting is safe


def test_script_in_report_text_is_shown_escaped_in_snippets_and_headings():
    make_report([("一、<b>复议</b>", "正文<script>alert('复议')</script>结束")])
    section = search_page("复议").results[0].sections[0]
    assert "<script>" not in section.snippet_html and "<b>" not in section.heading_html
    assert "&lt;script&gt;alert(&#x27;<mark>复议</mark>&#x27;)&lt;/script&gt;" in section.snippet_html
    assert section.heading_html == "一、&lt;b&gt;<mark>复议</mark>&lt;/b&gt;"


def test_script_in_query_is_searched_as_text_and_marked_escaped():
    make_report([("一、工作", "示例<script>代码")])
    page = search_page('"<script>"')
    assert page.reports == 1
    assert "<mark>&lt;script&gt;</mark>" in page.results[0].sections[0].snippet_html


# Filters and facets


def test_facets_count_matching_reports_per_place_year_level_kind_label_and_topic():
    make_report([("一、复议", "复议")], region_code="500110", year=2023, topics=["disputes"])
    make_report([("一、复议", "复议")], region_code="500152", year=2022, kind=Agency.Kind.DEPARTMENT)
    make_report(
        [("一、问题", "复议人员不足")], region_code="640302", year=2023, labels=[Section.Label.PROBLEMS]
    )
    make_report([("一、工作", "没有这个词")], region_code="411002")
    facets = search_page("复议").facets
    counts = {name: {v.value: v.count for v in values} for name, values in facets.items()}
    assert counts["province"] == {"500000": 2, "640000": 1}
    assert counts["city"] == {"640300": 1}
    assert counts["county"] == {"500110": 1, "500152": 1, "640302": 1}
    assert counts["year"] == {"2023": 2, "2022": 1}
    assert counts["kind"] == {"government": 2, "department": 1}
    assert counts["level"] == {"county": 3}
    assert counts["label"] == {"measures": 2, "problems": 1}
    assert counts["topic"] == {"disputes": 1}
    assert [v.value for v in facets["year"]] == ["2023", "2022"]
    assert next(v.label for v in facets["province"] if v.value == "640000") == "宁夏回族自治区"


def test_filters_narrow_results_and_mark_the_selected_facet_value():
    chongqing = make_report([("一、复议", "复议")], region_code="500110", year=2023)
    make_report([("一、复议", "复议")], region_code="640302", year=2023)
    make_report([("一、复议", "复议")], region_code="500152", year=2021)
    page = search_page("复议", {"province": "500000", "year": "2023"})
    assert [h.report_id for h in page.results] == [chongqing.pk]
    assert [(v.value, v.selected) for v in page.facets["province"]] == [("500000", True)]


def test_label_and_topic_filters_keep_only_matching_sections_of_that_kind():
    report = make_report(
        [("一、措施", "复议"), ("二、问题", "复议不足")],
        labels=[Section.Label.MEASURES, Section.Label.PROBLEMS],
        topics=["disputes", ""],
    )
    page = search_page("复议", {"label": "problems"})
    assert (page.reports, page.sections) == (1, 1)
    assert page.results[0].sections[0].path == "2"
    assert search_page("复议", {"topic": "disputes"}).results[0].report_id == report.pk
    assert search_page("复议", {"topic": "emergency"}).reports == 0


def test_a_percentage_typed_bare_is_searched_with_its_sign():
    """100% found 100个工作日 too: the sign was dropped unless the figure was quoted, and
    100 % (a space before the sign) still does."""
    rate = make_report([("一、工作", "行政机关负责人出庭应诉率100%")])
    make_report([("一、工作", "审批时限压缩至100个工作日")])

    # with a space before the sign too: the sign alone was dropped as punctuation
    for typed in ("100%", "100％", '"100%"', "100 %", "100　％", "出庭应诉率 100 %"):
        assert [hit.report_id for hit in search_page(typed).results] == [rate.pk], typed
    assert len(search_page("100").results) == 2


@pytest.mark.parametrize(
    "filters",
    [
        {"province": "999999"},
        {"city": "500000"},
        {"year": "20x3"},
        {"level": "village"},
        {"label": "x"},
        {"sort": "oldest"},
    ],
)
def test_invalid_filter_values_raise_query_error(filters):
    with pytest.raises(QueryError):
        search_page("复议", filters)


# Large match sets: bounded work, still exact matches


def test_common_query_takes_the_bounded_path_yet_shows_only_true_matches(monkeypatch):
    monkeypatch.setattr(engine, "EXACT_REPORT_LIMIT", 2)
    true_matches = [make_report([("一、工作", "行政复议")], year=2020 + i) for i in range(3)]
    # All three bigrams of 行政复议, never adjacent: a report-level candidate but no match.
    decoy = make_report([("一、工作", "行政机关" + FILLER + "政复" + FILLER + "复议")], year=2024)
    page = search_page("行政复议")
    assert decoy.pk not in [h.report_id for h in page.results]
    assert {h.report_id for h in page.results} == {r.pk for r in true_matches}
    # The walk verified all four candidates before the page was full: its count replaces the estimate.
    assert page.exact and (page.reports, page.sections) == (3, 3)


def test_bounded_path_counts_reports_exactly_for_a_two_character_term(monkeypatch):
    monkeypatch.setattr(engine, "EXACT_REPORT_LIMIT", 2)
    for year in (2021, 2022, 2023, 2023):
        make_report([("一、工作", "复议")], year=year)
    page = search_page("复议")
    assert not page.exact  # sections and labels are estimated from the spread
    assert page.reports_exact and page.reports == 4
    assert {v.value: v.count for v in page.facets["year"]} == {"2023": 2, "2022": 1, "2021": 1}


def _and_query_reports() -> Report:
    """Four newer decoys holding both words in different sections; returns the older true match."""
    for _ in range(4):
        make_report([("一、工作", "行政复议"), ("二、工作", "普法宣传")], year=2024)
    return make_report([("一、工作", "行政复议和普法宣传")], year=2020)


def test_bounded_page_walks_past_candidates_that_do_not_match_until_it_is_full(monkeypatch):
    monkeypatch.setattr(engine, "EXACT_REPORT_LIMIT", 2)
    match = _and_query_reports()
    page = search_page("行政复议 普法宣传", page_size=2)
    assert [hit.report_id for hit in page.results] == [match.pk]


def test_large_match_sets_list_the_same_order_whatever_the_page_size(monkeypatch):
    monkeypatch.setattr(engine, "EXACT_REPORT_LIMIT", 2)
    monkeypatch.setattr(engine, "RANK_BLOCK", 2)
    # Scores rise with the year's position inside each pair, so ranking undoes the walk's order.
    for year in range(2015, 2023):
        make_report([("一、工作", "行政复议" * (1 + year % 2) + "普法宣传")], year=year)
    pages_of_one = [search_page("行政复议 普法宣传", page=n, page_size=1).results for n in range(1, 9)]
    by_one = [hits[0].report_id for hits in pages_of_one]
    by_four = [
        hit.report_id for n in (1, 2) for hit in search_page("行政复议 普法宣传", page=n, page_size=4).results
    ]
    by_three = [
        hit.report_id
        for n in (1, 2, 3)
        for hit in search_page("行政复议 普法宣传", page=n, page_size=3).results
    ]
    assert by_one == by_four == by_three
    assert len(set(by_one)) == 8


def test_a_walk_that_reaches_the_last_candidate_counts_exactly_and_a_later_page_is_empty(monkeypatch):
    monkeypatch.setattr(engine, "EXACT_REPORT_LIMIT", 2)
    monkeypatch.setattr(engine, "SAMPLE_REPORTS", 1)  # the spread checks the first row only
    match = make_report([("一、工作", "行政复议和普法宣传")], year=2020)  # the first row: share 1
    for _ in range(4):
        make_report([("一、工作", "行政复议"), ("二、工作", "普法宣传")], year=2024)
    first = search_page("行政复议 普法宣传", page_size=1)
    assert [hit.report_id for hit in first.results] == [match.pk]
    past = search_page("行政复议 普法宣传", page=3, page_size=1)
    assert past.results == []
    # Estimated from the spread, five reports (three pages) would match; the walk counted one.
    assert past.exact and (past.reports, past.sections, past.num_pages) == (1, 1, 1)
    assert {v.value: v.count for v in past.facets["year"]} == {"2020": 1}


def test_bounded_page_turns_to_the_section_index_when_the_walk_finds_too_few(monkeypatch):
    monkeypatch.setattr(engine, "EXACT_REPORT_LIMIT", 2)
    monkeypatch.setattr(engine, "WALK_LIMIT", 2)
    match = _and_query_reports()
    walked = []
    real_fallback = engine._through_sections
    monkeypatch.setattr(
        engine, "_through_sections", lambda *args: walked.append(args) or real_fallback(*args)
    )
    page = search_page("行政复议 普法宣传", page_size=1)
    assert walked
    assert [hit.report_id for hit in page.results] == [match.pk]


def test_rare_pairing_of_common_words_is_found_through_the_section_index_and_counted_exactly(monkeypatch):
    monkeypatch.setattr(engine, "EXACT_REPORT_LIMIT", 2)
    for _ in range(12):  # both words in every report, never in one section: share 1/13
        make_report([("一、工作", "行政复议"), ("二、工作", "普法宣传")], year=2024)
    match = make_report([("一、工作", "行政复议和普法宣传")], year=2020)
    page = search_page("行政复议 普法宣传")
    assert page.exact
    assert (page.reports, page.sections) == (1, 1)
    assert [hit.report_id for hit in page.results] == [match.pk]


def _decoys_holding_every_bigram(count: int) -> None:
    """Reports with one section holding every bigram of 行政复议 普法宣传 but not 行政复议."""
    for _ in range(count):
        make_report([("一、工作", "行政机关" + FILLER + "政复" + FILLER + "复议和普法宣传")], year=2024)


def test_and_query_whose_spread_finds_no_match_takes_matches_from_the_section_index_exactly(monkeypatch):
    monkeypatch.setattr(engine, "EXACT_REPORT_LIMIT", 2)
    monkeypatch.setattr(engine, "SAMPLE_REPORTS", 1)  # the spread checks the first decoy only
    monkeypatch.setattr(engine, "SECTION_CANDIDATE_LIMIT", 2)  # too many decoys for the tighter list
    _decoys_holding_every_bigram(5)
    match = make_report([("一、工作", "行政复议和普法宣传")], year=2020)
    page = search_page("行政复议 普法宣传")
    assert page.exact
    assert (page.reports, page.sections) == (1, 1)
    assert [hit.report_id for hit in page.results] == [match.pk]


def test_and_query_matching_nothing_among_many_candidates_counts_zero_exactly(monkeypatch):
    monkeypatch.setattr(engine, "EXACT_REPORT_LIMIT", 2)
    _decoys_holding_every_bigram(5)
    page = search_page("行政复议 普法宣传")
    assert page.exact
    assert (page.reports, page.sections, page.results) == (0, 0, [])


def test_exact_section_check_tests_the_term_fewest_reports_hold_first():
    from django.db import connection

    reports = [make_report([("一、工作", "行政复议")]) for _ in range(3)]
    reports.append(make_report([("一、工作", "行政复议和普法宣传")]))
    query = parse_query("行政复议 普法宣传")
    with connection.cursor() as cursor:
        ordered = engine._rarest_clauses_first(cursor, query, [r.pk for r in reports])
    assert [clause[0].raw for clause in ordered.clauses] == ["普法宣传", "行政复议"]
    assert ordered.section_condition()[1][0] == "普法宣传"


def _sample_ids() -> set[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT report_id FROM reports_searchreport WHERE {SAMPLE_CONDITION}")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.parametrize("query", ["复议", "行政复议"])  # one lexeme decides; three must be checked
def test_very_common_term_is_counted_on_the_sample_and_scaled_up(monkeypatch, query):
    monkeypatch.setattr(engine, "EXACT_REPORT_LIMIT", 2)
    monkeypatch.setattr(engine, "FULL_COUNT_LIMIT", 0)
    # Blocks of 2, so the walk for pages of 4 never reaches the last of 10 candidates (a walk
    # that verifies them all counts exactly instead).
    monkeypatch.setattr(engine, "RANK_BLOCK", 2)
    reports: list[Report] = []
    # Report ids are not chosen, so add reports until the sample holds a few and misses some.
    while len(_sample_ids()) < 3 or len(reports) < 10:
        reports.append(make_report([("一、工作", "行政复议")], year=2021 + len(reports) % 2))
    sampled = [r for r in reports if r.pk in _sample_ids()]
    page = search_page(query, page_size=4)
    assert not page.exact
    assert page.reports == engine.SAMPLE_MODULUS * len(sampled)
    expected_years = {
        str(year): engine.SAMPLE_MODULUS * sum(r.year == year for r in sampled) for year in (2021, 2022)
    }
    assert {v.value: v.count for v in page.facets["year"]} == {y: n for y, n in expected_years.items() if n}
    # The page itself lists real reports from all of them, walked newest first.
    newest = sorted(reports, key=lambda r: (-r.year, -r.pk))
    assert {hit.report_id for hit in page.results} == {r.pk for r in newest[:4]}
    second = search_page(query, page=2, page_size=4)
    assert {hit.report_id for hit in second.results} == {r.pk for r in newest[4:8]}


def test_sample_query_uses_the_sample_index_and_no_other_index_could_answer_it():
    from django.db import connection, transaction

    make_report([("一、工作", "复议")])
    captured = []

    def capture(execute, sql, params, many, context):
        if SAMPLE_CONDITION in sql and not captured:
            captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        search_page("复议")
    sql, params = captured[0]

    def plan() -> str:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())

    with transaction.atomic(), connection.cursor() as cursor:
        assert "search_report_sample_gin" in plan()
        # At 100k reports the planner preferred the full index when both could answer (the
        # sample index then had the same expression): without the sample index, no GIN can.
        cursor.execute("DROP INDEX search_report_sample_gin")
        assert "search_report_text_gin" not in plan()
        transaction.set_rollback(True)


def test_filtered_candidates_come_from_one_scan_of_the_term_index_with_place_and_year():
    from django.db import connection, transaction

    for year in (2022, 2023):
        make_report([("一、工作", "行政复议")], year=year)
    captured = []

    def capture(execute, sql, params, many, context):
        if f"{REPORT_BIGRAMS} @@" in sql and "FROM reports_searchreport" in sql and not captured:
            captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        search_page("行政复议", {"year": "2023", "province": "500000"})
    sql, params = captured[0]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_report_year_idx" not in plan and "search_report_recent_idx" not in plan
    [condition] = [line for line in plan.splitlines() if "Index Cond:" in line]
    assert "bigrams(text) @@" in condition
    assert "province_id = " in condition and "(year + 0) = 2023" in condition


# Index upkeep


def test_a_phrase_deep_inside_a_long_repetitive_section_is_found():
    # Positional tsvectors had to cut such a section into pieces (16,383 positions, 255 a lexeme).
    body = "甲" * 3990 + "重大行政决策目录" + "乙" * 60000
    make_report([("一、工作", body)])
    assert SearchSection.objects.count() == 1
    page = search_page('"重大行政决策目录"')
    assert (page.reports, page.sections) == (1, 1)
    assert search_page("乙甲").reports == 0


def test_reindexing_an_unchanged_report_keeps_its_rows_and_refreshes_filters():
    report = make_report([("一、工作", "复议")])
    # Re-writing the rows would restore the indexed heading; refreshing the filters keeps it.
    SearchSection.objects.update(heading="原样")
    Report.objects.filter(pk=report.pk).update(year=2019)
    assert index_reports([report.pk]) == 1
    assert list(SearchSection.objects.values_list("heading", flat=True)) == ["原样"]
    assert search_page("复议", {"year": "2019"}).reports == 1


def test_edited_section_text_is_reindexed():
    report = make_report([("一、工作", "复议")])
    Section.objects.filter(report=report).update(body="诉讼")
    index_reports([report.pk])
    assert search_page("复议").reports == 0
    assert search_page("诉讼").reports == 1


def test_imported_report_is_searchable_as_soon_as_the_import_returns():
    data = (SAMPLES / "000_0bf6173844fdf9f5.txt").read_bytes()
    outcome = import_report(data, filename="000.txt")
    assert outcome.status is ImportStatus.CREATED
    assert result_ids("渝快办") == [outcome.report_id]


def test_new_version_replaces_the_superseded_one_in_search():
    data = (SAMPLES / "000_0bf6173844fdf9f5.txt").read_bytes()
    first = import_report(data, filename="000.txt")
    revised = data.replace("渝快办".encode(), "渝快政务".encode())
    second = import_report(revised, filename="000-revised.txt")
    assert second.status is ImportStatus.NEW_VERSION
    assert result_ids("渝快办") == []
    assert result_ids("渝快政务") == [second.report_id]
    assert result_ids("交通") == [second.report_id]
    assert set(result_ids("渝快办", include_old="1")) == {first.report_id}
    assert set(result_ids("交通", include_old="1")) == {first.report_id, second.report_id}


def test_loading_the_seed_fixture_indexes_the_seed_reports():
    count = load_seed_fixture()
    assert SearchReport.objects.count() == count == 5
    assert search_page("行政复议").reports == 5


def test_rebuild_index_recreates_every_row_and_reports_progress():
    make_report([("一、工作", "复议")])
    make_report([("一、工作", "诉讼")])
    SearchSection.objects.all().delete()
    SearchReport.objects.all().delete()
    calls = []
    assert rebuild_index(lambda done, total: calls.append((done, total))) == 2
    assert calls[-1] == (2, 2)
    assert search_page("复议").reports == 1 and search_page("诉讼").reports == 1
