"""The search pages: results, facets and permalinks, messages, CSV export, and the report page
opened from a search with every occurrence marked (reports.search_views, reports.reading)."""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import replace
from datetime import date
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.urls import reverse

from reports.ingest import import_report
from reports.models import Report, Section
from reports.reading import add_marks, body_lines, mark_paragraphs
from reports.search import engine, index_reports
from reports.search_views import EXPORT_COLUMNS, FacetGroup, FacetLink, report_details
from tests import factories

SEARCH_URL = reverse("reports:search")
EXPORT_URL = reverse("reports:search-export")
SAMPLES = Path(__file__).parent / "samples"
HIT_ID = re.compile(r'<mark class="search-hit" id="hit-(\d+)" data-hit="\d+">')
HREF = re.compile(r'href="([^"]*)"')


def get(client, url=SEARCH_URL, **params):
    return client.get(url, params)


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def facet_hrefs(html: str, name: str) -> dict[str, str]:
    """{label: href} of one facet group's links."""
    start = html.index(f'id="facet-{name}"')
    block = html[start : html.index("</section>", start)]
    links = re.findall(
        r'<a class="facet__link[^"]*" href="([^"]*)"[^>]*><span class="facet__label">([^<]*)</span>', block
    )
    return {unescape(label): unescape(href) for href, label in links}


def params_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


@pytest.fixture
def library():
    """Three indexed reports in two provinces and two years."""
    qijiang = factories.report(
        factories.agency("重庆市綦江区司法局", region_code="500110"), year=2023, title="綦江区2023年报告"
    )
    factories.section(
        qijiang, "1", number="一、", heading="深化行政复议", body="推进行政复议体制改革。\n复议申请61件。"
    )
    factories.section(
        qijiang, "2", number="二、", heading="问题", body="出庭应诉率有待提高。", label=Section.Label.PROBLEMS
    )
    tongnan = factories.report(
        factories.agency("重庆市潼南区司法局", region_code="500152"), year=2022, title="潼南区2022年报告"
    )
    factories.section(tongnan, "1", number="一、", heading="举措", body="办理行政复议案件。")
    litong = factories.report(
        factories.agency("吴忠市利通区人民政府", region_code="640302"), year=2023, title="利通区2023年报告"
    )
    factories.section(litong, "1", number="一、", heading="举措", body="加强行政复议规范化建设。")
    index_reports([qijiang.pk, tongnan.pk, litong.pk])
    return {"qijiang": qijiang, "tongnan": tongnan, "litong": litong}


def result_ids(response) -> list[int]:
    return [item.hit.report_id for item in response.context["results"]]


# --- Results, facets, permalinks ----------------------------------------------------------------


@pytest.mark.django_db
def test_results_page_groups_hits_by_report_with_counts_and_marked_snippets(client, library):
    response = get(client, q="行政复议")
    html = response.content.decode()

    assert response.status_code == 200
    assert sorted(result_ids(response)) == sorted(r.pk for r in library.values())
    assert "找到 <strong>3</strong> 份报告 · <strong>3</strong> 个章节" in html
    assert "<mark>行政复议</mark>" in html
    assert "綦江区2023年报告" in html and "重庆市綦江区司法局" in html and "2023年度" in html
    # The title opens the report at its best section with the search carried along.
    item = next(i for i in response.context["results"] if i.hit.report_id == library["qijiang"].pk)
    assert item.url == f"{library['qijiang'].get_absolute_url()}?q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE#s1"
    assert f'href="{item.url}"' in html


@pytest.mark.django_db
def test_search_state_lives_in_the_url_and_survives_in_every_link(client, library):
    response = get(client, q="行政复议", province="500000", year="2023")
    html = response.content.decode()

    assert result_ids(response) == [library["qijiang"].pk]
    assert 'value="行政复议"' in html
    assert '<input type="hidden" name="province" value="500000">' in html
    assert '<input type="hidden" name="year" value="2023">' in html
    for href in (response.context["results"][0].url, response.context["export_query"]):
        params = params_of(href if "?" in href else "?" + href)
        assert params["q"] == ["行政复议"] and params["province"] == ["500000"] and params["year"] == ["2023"]
    # The same URL gives the same page: a search is a permalink.
    assert result_ids(get(client, q="行政复议", province="500000", year="2023")) == result_ids(response)


@pytest.mark.django_db
def test_results_can_be_sorted_by_year_and_the_order_is_kept_by_the_facets_and_export(client, library):
    by_relevance = get(client, q="行政复议")
    html = by_relevance.content.decode()
    newest_link = unescape(re.search(r'<a href="([^"]*)">年度从新到旧</a>', html).group(1))

    by_year = get(client, **{k: v[0] for k, v in params_of(newest_link).items()})
    years = [item.hit.year for item in by_year.context["results"]]
    sorted_html = by_year.content.decode()

    assert params_of(newest_link)["sort"] == ["newest"]
    assert years == sorted(years, reverse=True) and years[-1] == 2022
    assert '<strong aria-current="true">年度从新到旧</strong>' in sorted_html
    assert '<input type="hidden" name="sort" value="newest">' in sorted_html  # a new word keeps it
    assert "在当前筛选条件内查找" not in sorted_html  # an order is no filter
    assert params_of("?" + by_year.context["export_query"])["sort"] == ["newest"]
    year_link = facet_hrefs(sorted_html, "year")["2023年"]
    assert params_of(year_link)["sort"] == ["newest"]


@pytest.mark.django_db
def test_a_refused_order_is_said_without_repeating_the_value(client, library):
    html = get(client, q="行政复议", sort="a" * 10_000).content.decode()

    assert "只能是 newest(年度从新到旧)或留空(相关程度)" in html
    assert "a" * 100 not in html


@pytest.mark.django_db
def test_facet_links_carry_counts_and_narrow_in_one_click(client, library):
    html = get(client, q="行政复议").content.decode()

    provinces = facet_hrefs(html, "province")
    assert set(provinces) == {"重庆市", "宁夏回族自治区"}
    assert re.search(r"重庆市</span> <span class=\"facet__count\">2<", html)
    narrowed = client.get(SEARCH_URL + provinces["重庆市"])
    assert sorted(result_ids(narrowed)) == sorted([library["qijiang"].pk, library["tongnan"].pk])

    # Now the province is chosen: its link removes it, and the counties appear (a municipality).
    narrowed_html = narrowed.content.decode()
    assert 'aria-current="true"' in narrowed_html
    assert "province" not in params_of(facet_hrefs(narrowed_html, "province")["重庆市"])
    counties = facet_hrefs(narrowed_html, "county")
    assert set(counties) == {"綦江区(重庆市)", "潼南区(重庆市)"}
    third = client.get(SEARCH_URL + counties["潼南区(重庆市)"])
    assert result_ids(third) == [library["tongnan"].pk]

    years = facet_hrefs(narrowed_html, "year")
    assert result_ids(client.get(SEARCH_URL + years["2022年"])) == [library["tongnan"].pk]
    labels = facet_hrefs(html, "label")
    assert set(labels) == {"主要举措和成效"}


@pytest.mark.django_db
def test_a_long_facet_shows_ten_values_and_the_rest_behind_a_details_without_a_scroll_box(client):
    factories.reports_in_provinces(14)
    html = get(client, q="行政复议").content.decode()
    province = html.split('id="facet-province"', 1)[1].split("</section>", 1)[0]
    shown, rest = province.split('<details class="facet__more">', 1)

    assert shown.count('class="facet__link') == 10
    assert "<summary>其余 4 个</summary>" in rest and rest.count('class="facet__link') == 4
    assert len(facet_hrefs(html, "province")) == 14  # every value is on the page


def test_a_chosen_value_among_the_rest_of_a_facet_keeps_them_open():
    links = [FacetLink(f"{n}年", 20 - n, n == 13, "?") for n in range(14)]
    group = FacetGroup("year", "年度", links)

    assert [link.label for link in group.more] == ["10年", "11年", "12年", "13年"]
    assert group.more_open
    assert not FacetGroup("year", "年度", [replace(link, selected=False) for link in links]).more_open


@pytest.mark.django_db
def test_a_facet_a_little_longer_than_ten_shows_every_value(client):
    factories.reports_in_provinces(12)
    html = get(client, q="行政复议").content.decode()
    province = html.split('id="facet-province"', 1)[1].split("</section>", 1)[0]

    assert "<details" not in province and province.count('class="facet__link') == 12


@pytest.mark.django_db
def test_estimated_counts_are_marked_as_estimates_beside_the_facets(client, library, monkeypatch):
    exact_html = get(client, q="行政复议").content.decode()
    assert "抽样估计" not in exact_html
    monkeypatch.setattr(engine, "EXACT_REPORT_LIMIT", 1)  # the seeds' matches take the large path
    # A two-character term: every candidate matches, so the page is an offset into the walk and
    # its section count is estimated from the spread.
    html = get(client, q="复议").content.decode()
    # Every candidate holds a two-character term: the reports are counted, the sections estimated.
    assert re.search(r"找到 <strong>\d+</strong> 份报告 · 约 <strong>", html)
    assert "按年度从新到旧列出，每 20 份内按相关程度排序" in html  # the order is said, not hidden
    assert "按年度从新到旧列出" not in exact_html
    assert "以下数量为抽样估计" in html


@pytest.mark.django_db
def test_choosing_a_province_clears_the_place_below_and_the_page(client, library):
    html = get(client, q="行政复议", province="500000", county="500152", page="1").content.decode()
    href = facet_hrefs(html, "province")["重庆市"]
    assert "county" not in params_of(href) and "page" not in params_of(href)
    clear = re.search(r'href="([^"]*)">清除全部筛选', html).group(1)
    assert params_of(unescape(clear)) == {"q": ["行政复议"]}


@pytest.mark.django_db
def test_results_are_paginated_with_the_filters_in_page_links(client):
    agency = factories.agency("重庆市綦江区司法局", region_code="500110")
    reports = []
    for number in range(23):
        report = factories.report(agency, year=2000 + number, title=f"报告{number}")
        factories.section(report, "1", heading="举措", body="行政复议工作。")
        reports.append(report)
    index_reports([r.pk for r in reports])

    first = get(client, q="行政复议", province="500000")
    assert len(first.context["results"]) == 20
    html = first.content.decode()
    next_href = unescape(re.search(r'href="([^"]*)">下一页', html).group(1))
    assert params_of(next_href) == {"q": ["行政复议"], "province": ["500000"], "page": ["2"]}
    second = client.get(SEARCH_URL + next_href)
    assert len(second.context["results"]) == 3
    # A page past the end shows the last page rather than nothing.
    assert len(get(client, q="行政复议", page="9").context["results"]) == 3


def _count_estimated_as(reports: int, monkeypatch) -> None:
    """43 reports matching 行政复议 (three pages of 20), their count estimated as ``reports``."""
    import dataclasses

    from reports import searching

    names = ("重庆市綦江区司法局", "重庆市綦江区民政局")
    agencies = [factories.agency(name, region_code="500110") for name in names]
    made = []
    for number in range(43):
        report = factories.report(agencies[number % 2], year=2000 + number // 2, title=f"报告{number}")
        factories.section(report, "1", heading="举措", body="行政复议工作。")
        made.append(report.pk)
    index_reports(made)
    real = searching.search_page

    def estimated(*args, **kwargs):
        return dataclasses.replace(real(*args, **kwargs), reports=reports, reports_exact=False)

    monkeypatch.setattr(searching, "search_page", estimated)


@pytest.mark.django_db
def test_pages_past_a_low_estimate_are_numbered_and_reached_as_they_are(client, monkeypatch):
    """A common query's count is estimated: pages past it read 第 95 / 94 页, and a page past
    the real end showed the estimated last page's results under its number."""
    _count_estimated_as(20, monkeypatch)

    second = get(client, q="行政复议", page="2").content.decode()
    assert "第 2 / 约 3 页" in second and "末页" not in second  # a full page: one more at least
    third = get(client, q="行政复议", page="3")
    assert len(third.context["results"]) == 3 and "第 3 / 约 3 页" in third.content.decode()
    beyond = get(client, q="行政复议", page="5")  # past the end: the last page that has results
    assert [item.hit.report_id for item in beyond.context["results"]] == [
        item.hit.report_id for item in third.context["results"]
    ]


@pytest.mark.django_db
def test_pages_past_a_high_estimate_lead_to_the_last_page_with_results(client, monkeypatch):
    """Estimated too high, 第 97 / 约 97 页 was an empty page with no pager, the real last 96."""
    _count_estimated_as(180, monkeypatch)

    for asked in ("9", "30", "99999"):
        last = get(client, q="行政复议", page=asked)
        assert len(last.context["results"]) == 3, asked
        html = last.content.decode()
        assert "第 3 / 约 3 页" in html and "下一页" not in html, asked


# --- Messages instead of error pages -----------------------------------------------------------


@pytest.mark.django_db
def test_empty_query_shows_the_search_tips(client, library):
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = get(client, **params)
        html = response.content.decode()
        assert response.status_code == 200
        assert "怎样查找" in html and "同时包含" in html and "OR" in html and "排除" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("😀", "表情符号"),
        ("!!!", "标点"),
        ("行" * 201, "太长"),
        ("-复议", "至少输入一个"),
    ],
)
def test_refused_queries_get_a_friendly_message(client, library, q, message):
    response = get(client, q=q)
    html = response.content.decode()
    assert response.status_code == 400  # the page with its help, marked as the asker's to change
    assert message in html and 'role="alert"' in html
    assert "怎样查找" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"province": "abc"},
        {"province": "999999"},
        {"year": "1800"},
        {"level": "x"},
        {"topic": "nope"},
        {"page": "0"},
    ],
)
def test_bad_filters_get_a_message_not_an_error_page(client, library, params):
    response = get(client, q="行政复议", **params)
    assert response.status_code == 400  # as the API and the export answer the same (all were 200)
    assert 'role="alert"' in response.content.decode()


@pytest.mark.django_db
def test_no_hits_says_so_and_offers_searching_without_the_filters(client, library):
    html = get(client, q="完全不存在的说法").content.decode()
    assert "没有找到包含“完全不存在的说法”的报告" in html

    filtered = get(client, q="出庭应诉率", province="640000").content.decode()
    assert "在全部报告中查找“出庭应诉率”" in filtered


@pytest.mark.django_db
def test_a_confident_suggestion_is_searched_and_said_so(client, library):
    response = get(client, q="行政复以")
    html = response.content.decode()

    assert "没有找到“行政复以”。已同时搜索\uff1a<strong>“行政复议”</strong>" in html
    assert len(response.context["results"]) == 3
    assert 'value="行政复议"' in html  # further clicks continue from what was searched

    synonym = get(client, q="出庭率")
    assert "已同时搜索\uff1a<strong>“出庭应诉率”</strong>" in synonym.content.decode()
    assert result_ids(synonym) == [library["qijiang"].pk]


@pytest.mark.django_db
def test_other_suggestions_are_offered_as_links_with_their_counts(client, library):
    html = get(client, q="出应率").content.decode()
    assert "也可以试试\uff1a" in html
    assert "出庭应诉率</a>(1 份报告)" in html
    assert "已同时搜索" not in html


# --- Escaping ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_markup_in_query_and_report_text_is_shown_as_text(client):
    report = factories.report(factories.agency(region_code="500110"), title="<b>标题</b>报告")
    factories.section(report, "1", heading="<i>举措</i>", body='推进<script>alert("x")</script>行政复议。')
    index_reports([report.pk])

    for q in ("<script>", "行政复议", '"><img src=x onerror=alert(1)>'):
        html = get(client, q=q).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b>标题</b>" not in html and "<i>举措</i>" not in html
    html = get(client, q="<script>").content.decode()
    assert "&lt;<mark>script</mark>&gt;" in html

    page = client.get(report.get_absolute_url(), {"q": "script"}).content.decode()
    assert "<script>alert" not in page
    assert '&lt;<mark class="search-hit" id="hit-1" data-hit="1">script</mark>&gt;' in page


# --- CSV and JSON export -------------------------------------------------------------------------


def read_csv(response) -> list[dict[str, str]]:
    assert response.streaming  # written page by page as the client reads
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


@pytest.mark.django_db
def test_csv_export_has_a_bom_chinese_columns_and_one_row_per_best_section(client, library):
    response = get(client, EXPORT_URL, q="行政复议", province="500000")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"] and ".csv" in response["Content-Disposition"]
    rows = read_csv(response)
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert sorted(int(row["报告ID"]) for row in rows) == sorted(
        [library["qijiang"].pk, library["tongnan"].pk]
    )
    qijiang = next(row for row in rows if int(row["报告ID"]) == library["qijiang"].pk)
    assert qijiang["标题"] == "綦江区2023年报告"
    assert (qijiang["省份"], qijiang["城市"], qijiang["区县"]) == ("重庆市", "", "綦江区")
    assert qijiang["年度"] == "2023" and qijiang["章节路径"] == "1" and qijiang["章节标题"] == "深化行政复议"
    assert "行政复议" in qijiang["片段"] and "<mark>" not in qijiang["片段"]
    assert (qijiang["机关层级"], qijiang["机关类型"], qijiang["合成样本"]) == ("县级", "人民政府", "否")
    assert qijiang["报告网址"].startswith("http://testserver/reports/")
    # what citing it needs, as the compare exports give it (none stated: empty, not 否)
    assert [qijiang[name] for name in ("发布日期", "来源网址", "转载或镜像")] == ["", "", ""]
    Report.objects.filter(pk=library["qijiang"].pk).update(
        published_on=date(2024, 3, 1), source_url="https://www.cqqj.gov.cn/1.html", text_cut=False
    )
    cited = next(
        row
        for row in read_csv(get(client, EXPORT_URL, q="行政复议", province="500000"))
        if int(row["报告ID"]) == library["qijiang"].pk
    )
    assert [cited[name] for name in ("发布日期", "来源网址", "转载或镜像", "正文不完整")] == [
        "2024-03-01",
        "https://www.cqqj.gov.cn/1.html",
        "否",
        "否",
    ]
    assert "q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE" in qijiang["报告网址"] and qijiang["报告网址"].endswith(
        "#s1"
    )


@pytest.mark.django_db
def test_a_low_estimate_of_the_count_neither_hides_the_next_page_nor_cuts_the_export(
    client, library, monkeypatch
):
    """A common query's count is estimated and may be low: the pager and the CSV export stopped
    at the estimated last page and left the rest out."""
    import reports.search_views as views
    import reports.searching as searching

    real = views.search_page

    def estimated_low(*args, **kwargs):
        return replace(real(*args, **kwargs), reports=1, reports_exact=False)  # 2 reports match

    monkeypatch.setattr(views, "search_page", estimated_low)
    monkeypatch.setattr(searching, "search_page", estimated_low)
    monkeypatch.setattr(views, "EXPORT_PAGE_SIZE", 1)
    monkeypatch.setattr(views, "PAGE_SIZE", 1)

    rows = read_csv(get(client, EXPORT_URL, q="行政复议", province="500000"))
    assert len({row["报告ID"] for row in rows}) == 2
    html = get(client, q="行政复议", province="500000").content.decode()
    assert "下一页</a>" in html


@pytest.mark.django_db
def test_csv_export_quotes_separators_and_defuses_formulas(client):
    report = factories.report(factories.agency(region_code="500110"), title='=HYPERLINK("x"),报告')
    factories.section(report, "1", heading="-举措", body='行政复议,"引号"\n<b>换行</b>')
    index_reports([report.pk])

    rows = read_csv(get(client, EXPORT_URL, q="行政复议"))
    assert rows[0]["标题"] == '\'=HYPERLINK("x"),报告'
    assert rows[0]["章节标题"] == "'-举措"
    assert '行政复议,"引号"' in rows[0]["片段"] and "<b>换行</b>" in rows[0]["片段"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "😀"}, "表情符号"),
        ({}, "请输入要查找的词语"),
        ({"q": ""}, "请输入要查找的词语"),
        ({"q": "法", "year": "abc"}, "年度:"),
        ({"q": "法", "province": "999999"}, "没有代码为“999999”的省级地区"),
        ({"q": "法", "include_old": "maybe"}, "include_old"),
        ({"q": "法", "sort": "year"}, "排序"),
        ({"q": "法", "order": "newest"}, "不支持的参数:order"),
        ({"q": "法", "page": "2"}, "不支持的参数:page"),
    ],
)
def test_csv_export_of_a_refused_query_is_a_400_saying_why_in_plain_text(client, library, params, message):
    response = get(client, EXPORT_URL, **params)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("无法导出:") and message in body
    assert "返回检索页面:http://testserver/search/?" in body


@pytest.mark.django_db
def test_the_csv_link_of_a_search_page_downloads_the_file(client, library):
    html = get(client, q="行政复议", province="500000", include_old="1").content.decode()
    csv_link = next(unescape(h) for h in HREF.findall(html) if h.startswith(EXPORT_URL))

    response = client.get(csv_link)

    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(read_csv(response)) >= 2


@pytest.mark.django_db
def test_results_page_links_to_the_csv_and_the_json_api_with_the_same_parameters(client, library):
    html = get(client, q="行政复议", year="2023").content.decode()
    hrefs = [unescape(h) for h in HREF.findall(html)]
    csv_link = next(h for h in hrefs if h.startswith(EXPORT_URL))
    json_link = next(h for h in hrefs if h.startswith(reverse("reports:api-search")))
    assert params_of(csv_link) == params_of(json_link) == {"q": ["行政复议"], "year": ["2023"]}
    assert client.get(json_link).json()["reports"] == 2
    assert "最多前 1000 份报告" in html


# --- The report page opened from a search ------------------------------------------------------


def import_sample(name: str) -> Report:
    path = SAMPLES / name
    return Report.objects.get(pk=import_report(path.read_bytes(), filename=path.name).report_id)


@pytest.mark.django_db
def test_the_hit_bar_counts_occurrences_only_of_one_whole_string(client):
    report = import_sample("004_78ed85b0c485cc82.txt")
    phrase = text_of(client.get(report.get_absolute_url(), {"q": '"行政复议"'}).content.decode())
    assert "“行政复议”在本报告中出现" in phrase  # the phrase's own quotes are not doubled
    split = text_of(client.get(report.get_absolute_url(), {"q": "行政复议工作规范化"}).content.decode())
    # A long term is marked word by word: the bar must not claim the whole string occurs so often.
    assert "“行政复议工作规范化”的各个词在本报告中共标出" in split
    assert "“行政复议工作规范化”在本报告中出现" not in split


@pytest.mark.django_db
def test_without_javascript_next_and_previous_load_the_page_at_the_neighbouring_occurrence(client):
    report = import_sample("004_78ed85b0c485cc82.txt")

    def neighbours(hit: str) -> tuple[str, str]:
        html = client.get(report.get_absolute_url(), {"q": "复议", "hit": hit}).content.decode()
        links = dict(
            (kind, unescape(link)) for link, kind in re.findall(r'href="([^"]*)" data-hit-(prev|next)', html)
        )
        return links["prev"], links["next"]

    last = int(neighbours("")[0].rsplit("-", 1)[1])
    assert last >= 5
    assert neighbours("2") == ("?q=%E5%A4%8D%E8%AE%AE&hit=1#hit-1", "?q=%E5%A4%8D%E8%AE%AE&hit=3#hit-3")
    assert neighbours(str(last))[1].endswith("&hit=1#hit-1")  # after the last comes the first again
    assert neighbours("1")[0].endswith(f"&hit={last}#hit-{last}")
    assert neighbours("junk") == neighbours("") == neighbours(str(last + 1))  # none named: last, first
    assert neighbours("²") == neighbours("9" * 5000) == neighbours("")  # digits int() refuses


@pytest.mark.django_db
def test_report_page_marks_every_occurrence_in_headings_and_text_and_counts_them(client):
    report = import_sample("004_78ed85b0c485cc82.txt")
    sections = list(report.sections.all())
    expected = sum(s.body.count("复议") + (s.heading.count("复议") if s.level else 0) for s in sections)
    assert expected >= 5

    plain = client.get(report.get_absolute_url()).content.decode()
    html = client.get(report.get_absolute_url(), {"q": "复议"}).content.decode()

    numbers = [int(n) for n in HIT_ID.findall(html)]
    assert numbers == list(range(1, expected + 1))
    assert f"“复议”在本报告中出现 <strong>{expected}</strong> 处" in html
    assert 'href="?q=%E5%A4%8D%E8%AE%AE&amp;hit=1#hit-1" data-hit-next' in html
    assert f'href="?q=%E5%A4%8D%E8%AE%AE&amp;hit={expected}#hit-{expected}" data-hit-prev' in html
    assert "reports/search.js" in html
    # Marks are added inside the indicator marks, which all stay; the text itself is unchanged.
    assert html.count('class="indicator-sentence"') == plain.count('class="indicator-sentence"') > 0
    assert re.search(r'<mark class="indicator-sentence">[^/]*<mark class="search-hit"', html)
    body = lambda page: text_of(page[page.index('<div class="report-body">') :])  # noqa: E731
    assert body(html) == body(plain)
    back = re.search(r'href="([^"]*)">返回检索结果', html).group(1)
    assert params_of(unescape(back)) == {"q": ["复议"]}


@pytest.mark.django_db
def test_report_page_back_link_keeps_the_filters_of_the_search(client, library):
    html = client.get(
        library["qijiang"].get_absolute_url(), {"q": "复议", "province": "500000", "evil": "1"}
    ).content.decode()
    back = unescape(re.search(r'href="([^"]*)">返回检索结果', html).group(1))
    assert back.startswith(SEARCH_URL) and params_of(back) == {"q": ["复议"], "province": ["500000"]}
    # Heading and body occurrences, in reading order.
    assert '<h2>一、深化行政<mark class="search-hit" id="hit-1" data-hit="1">复议</mark></h2>' in html
    assert '推进行政<mark class="search-hit" id="hit-2" data-hit="2">复议</mark>体制改革' in html


@pytest.mark.django_db
def test_report_page_with_a_refused_or_absent_query_still_renders(client, library):
    url = library["qijiang"].get_absolute_url()
    refused = client.get(url, {"q": "😀"})
    assert refused.status_code == 200 and "表情符号" in refused.content.decode()
    missing = client.get(url, {"q": "枫桥经验"}).content.decode()
    assert "没有“枫桥经验”" in missing and "search-hit" not in missing
    plain = client.get(url).content.decode()
    assert "hit-bar" not in plain and "search.js" not in plain


@pytest.mark.django_db
def test_report_page_with_a_query_uses_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    report = import_sample("004_78ed85b0c485cc82.txt")
    client.get(report.get_absolute_url(), {"q": "复议"})  # warm caches (catalogue, jieba)
    with django_assert_max_num_queries(4):
        response = client.get(report.get_absolute_url(), {"q": "复议 OR 调解"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_search_page_queries_do_not_grow_with_the_number_of_results(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    agency = factories.agency("重庆市綦江区司法局", region_code="500110")
    counts = []
    for size in (2, 15):
        while Report.objects.count() < size:
            report = factories.report(agency, year=2000 + Report.objects.count())
            factories.section(report, "1", heading="举措", body="行政复议工作。")
            factories.section(
                report, "2", heading="问题", body="行政复议不足。", label=Section.Label.PROBLEMS
            )
            index_reports([report.pk])
        get(client, q="行政复议")  # warm the dictionary load
        with CaptureQueriesContext(connection) as queries:
            assert get(client, q="行政复议").status_code == 200
        counts.append(len(queries))
    # Two searches of ~8 queries each: 行政复议 and, with its other wording, "行政复议" OR "复议".
    assert counts[0] == counts[1] <= 20


# --- reports.reading, pure ----------------------------------------------------------------------


def test_add_marks_nests_inside_existing_marks_and_reopens_after_tags():
    text = "甲行政复议乙"
    markup = '甲行<mark class="indicator-sentence">政复</mark>议乙'
    out = add_marks(markup, text, [(1, 5, 1)])
    assert out == (
        '甲<mark class="search-hit" id="hit-1" data-hit="1">行</mark>'
        '<mark class="indicator-sentence"><mark class="search-hit" data-hit="1">政复</mark></mark>'
        '<mark class="search-hit" data-hit="1">议</mark>乙'
    )
    assert text_of(out) == text


def test_add_marks_reads_entities_as_one_character_and_refuses_foreign_text():
    text = 'a<b>&"c'
    out = add_marks("a&lt;b&gt;&amp;&quot;c", text, [(1, 4, 7)])
    assert out == 'a<mark class="search-hit" id="hit-7" data-hit="7">&lt;b&gt;</mark>&amp;&quot;c'
    assert add_marks("other text", text, [(0, 1, 1)]) is None


def test_mark_paragraphs_splits_an_occurrence_over_a_line_break_and_keeps_one_id():
    body = "行政\n复议\n\n别的"
    assert body_lines(body) == [(0, 2), (3, 5), (7, 9)]
    paragraphs = mark_paragraphs(body, ["行政", "复议", "别的"], [(0, 5, 1)])
    assert paragraphs[0] == '<mark class="search-hit" id="hit-1" data-hit="1">行政</mark>'
    assert paragraphs[1] == '<mark class="search-hit" data-hit="1">复议</mark>'
    assert paragraphs[2] == "别的"


def test_mark_paragraphs_rebuilds_lines_it_cannot_read():
    paragraphs = mark_paragraphs("复议<x>", ["unexpected"], [(0, 2, 1)])
    assert paragraphs == ['<mark class="search-hit" id="hit-1" data-hit="1">复议</mark>&lt;x&gt;']


@pytest.mark.django_db
def test_a_query_naming_an_agency_links_to_it_even_when_no_sentence_names_it(client, library):
    bureau = factories.agency("重庆市綦江区卫生健康委员会", kind="department")
    report = factories.report(bureau, year=2022, title="2022年法治政府建设情况报告")
    factories.section(report, "1", heading="一、主要工作", body="推进依法行政。")
    index_reports([report.pk])
    html = get(client, q="卫生健康委员会").content.decode()
    agency_url = reverse("reports:agency", args=[bureau.pk])
    assert f'<a href="{agency_url}">重庆市綦江区卫生健康委员会</a>(1 份报告)' in html
    api = client.get(reverse("reports:api-search"), {"q": "綦江区 卫生健康委员会"}).json()
    assert [(a["id"], a["name"], a["reports"]) for a in api["agencies"]] == [
        (bureau.pk, "重庆市綦江区卫生健康委员会", 1)
    ]
    # Words that are no part of an agency's name, or a single character, name no agency.
    assert client.get(reverse("reports:api-search"), {"q": "依法行政"}).json()["agencies"] == []
    assert client.get(reverse("reports:api-search"), {"q": "局"}).json()["agencies"] == []


@pytest.mark.django_db
def test_more_agencies_than_the_box_shows_link_to_the_full_list(client):
    for district in ("甲", "乙", "丙", "丁", "戊", "己"):
        bureau = factories.agency(f"{district}区档案馆", kind="department")
        factories.report(bureau, year=2022)
    html = get(client, q="档案馆").content.decode()
    assert html.count("区档案馆</a>(1 份报告)") == 5
    more = re.search(r'href="([^"]*)">更多机关', html).group(1)
    listing = client.get(unescape(more)).content.decode()
    assert all(f"{district}区档案馆" in listing for district in "甲乙丙丁戊己")


@pytest.mark.django_db
def test_a_pasted_title_links_to_its_report_though_no_section_repeats_it(client, library):
    agency = factories.agency("重庆市渝中区人民政府")
    titled = factories.report(agency, year=2022, title="渝中区人民政府2022年法治政府建设情况报告")
    factories.section(titled, "1", heading="一、主要工作", body="推进依法行政。")
    index_reports([titled.pk])

    html = get(client, q="渝中区人民政府2022年法治政府建设情况报告").content.decode()
    generic = get(client, q="法治政府建设情况报告").content.decode()

    assert f'标题相符的报告：<a href="{titled.get_absolute_url()}">{titled.title}</a>' in html
    # no section holds the title: the link is the way to the report, and the page says so once
    assert "正文中没有“渝中区人民政府2022年法治政府建设情况报告”；上面是标题相符的报告" in html
    assert "没有找到" not in html
    assert "标题相符的报告" not in generic  # title words alone would match every title
    # an agency's name alone is answered by the agency's own link
    assert "标题相符的报告" not in get(client, q="重庆市渝中区人民政府").content.decode()
    api = client.get(reverse("reports:api-search"), {"q": "渝中区人民政府2022年法治政府建设情况报告"}).json()
    assert [(r["report_id"], r["title"]) for r in api["titled_reports"]] == [(titled.pk, titled.title)]


@pytest.mark.django_db
def test_a_title_pasted_in_simplified_characters_finds_a_report_stored_in_traditional_ones(client, library):
    agency = factories.agency("北京市东城区人民政府")
    traditional = factories.report(agency, year=2024, title="北京市東城區2024年法治政府建設情況報告")
    factories.section(traditional, "1", heading="一、主要舉措", body="推進依法行政。")
    index_reports([traditional.pk])

    html = get(client, q="东城区2024年法治政府建设情况报告").content.decode()

    assert f'标题相符的报告：<a href="{traditional.get_absolute_url()}">' in html


@pytest.mark.django_db
def test_the_province_facet_says_how_many_reports_have_no_province(client, library):
    ministry = factories.agency("司法部", region_code=None, kind="department", level="national")
    report = factories.report(ministry, year=2023)
    factories.section(report, "1", heading="一、行政复议", body="推进行政复议体制改革。")
    index_reports([report.pk])

    html = get(client, q="行政复议").content.decode()
    province = html.split('id="facet-province"', 1)[1].split("</section>", 1)[0]
    counts = [int(n) for n in re.findall(r'facet__count">(\d+)', province)]
    total = int(re.search(r"找到 <strong>(\d+)</strong> 份报告", html).group(1))

    assert f"另有 {total - sum(counts)} 份为中央部门或所属地区未定的报告" in province
    assert total - sum(counts) == 1


@pytest.mark.django_db
def test_a_filter_given_twice_is_refused_with_a_message(client, library):
    html = client.get(SEARCH_URL + "?q=行政复议&year=2024&year=2023").content.decode()

    assert "年度:只能给一个值,收到 2 个:2024、2023。" in html
    assert "份报告" not in html.split("</form>", 1)[1]  # no results read from either year


@pytest.mark.django_db
def test_a_long_term_searched_as_its_words_says_so_and_offers_the_whole_phrase(client, library):
    html = get(client, q="行政复议工作规范化").content.decode()

    assert "“行政复议工作规范化”较长，已按词语分别查找" in html
    phrase = re.search(r'<a href="\?([^"]*)">只查完整的“行政复议工作规范化”</a>', html).group(1)
    assert parse_qs(unescape(phrase))["q"] == ['"行政复议工作规范化"']
    assert "较长，已按词语分别查找" not in get(client, q='"行政复议工作规范化"').content.decode()


@pytest.mark.django_db
def test_a_place_s_short_name_links_its_page_with_all_its_reports(client, library):
    html = get(client, q="綦江").content.decode()

    count = Report.objects.current().filter(agency__region__code="500110").count()
    assert f'名称相符的地区：<a href="/regions/500110/">重庆市綦江区</a>(全库 {count} 份报告)' in html
    api = client.get(reverse("reports:api-search"), {"q": "綦江"}).json()
    regions = [(r["code"], r["name"], r["reports"]) for r in api["regions"]]
    assert regions == [("500110", "重庆市綦江区", count)]
    assert "名称相符的地区" not in get(client, q="依法行政").content.decode()


@pytest.mark.django_db
def test_a_section_without_a_heading_is_named_once_by_its_label(client, library):
    body = "2023年,利通区推进府院联动机制。"
    opening = factories.section(library["litong"], "0", heading="", body=body, label=Section.Label.PREAMBLE)
    index_reports([opening.report_id])

    html = get(client, q="府院联动").content.decode()

    item = re.search(r'<ul class="hit__sections">(.*?)</ul>', html, re.S).group(1)
    assert text_of(item).count("引言") == 1


@pytest.mark.django_db
def test_filters_chosen_without_a_word_are_named_and_kept_for_the_next_search(client, library):
    chosen = {"label": "problems", "year": "2024", "province": "500000"}
    html = client.get(SEARCH_URL, chosen).content.decode()
    form = html.split('<form class="search-form"', 1)[1].split("</form>", 1)[0]

    assert "已选的筛选条件(省份:重庆市；年度:2024；章节类别:存在的不足)会在查找时使用" in html
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    assert hidden == chosen
    # a filter the search could not use is refused now, not carried into the next search
    refused = client.get(SEARCH_URL, {"label": "zzz"}).content.decode()
    assert "章节类别只能是以下之一" in refused and 'name="label"' not in refused
    assert "会在查找时使用" not in refused


@pytest.mark.django_db
def test_or_written_in_lower_case_or_alone_says_how_to_ask_for_either_word(client, library):
    hint = "“or”被当作普通词语查找"

    assert hint in get(client, q="行政复议 or 应诉").content.decode()
    # OR in capitals with no word before it: not told to write what was written (a review)
    alone = get(client, q="OR").content.decode()
    assert hint not in alone and "OR 前后都要有要查找的词" in alone
    assert hint in get(client, q="复议 OR 应诉 or 裁决").content.decode()
    assert hint not in get(client, q="行政复议 OR 应诉").content.decode()
    assert hint not in get(client, q="OR 复议").content.decode()  # a dangling OR is dropped
    # and the page says so, at either end (it said nothing; a review)
    for dangling in ("OR 复议", "行政复议 OR"):
        page = get(client, q=dangling).content.decode()
        assert "OR 前后都要有要查找的词" in page and "这里的 OR 没有起作用" in page
    assert hint not in get(client, q="“复议 or 应诉”").content.decode()  # a phrase, as written


@pytest.mark.django_db
def test_a_search_in_an_index_a_migration_emptied_says_how_to_rebuild_it(client):
    report = factories.report()
    factories.section(report, "1", heading="一、行政复议", body="推进行政复议体制改革。")

    html = get(client, q="行政复议").content.decode()
    index_reports([report.pk])
    rebuilt = get(client, q="行政复议").content.decode()

    assert "检索索引是空的" in html and "rebuild_search_index --missing" in html
    assert "检索索引是空的" not in rebuilt and "找到 <strong>1</strong> 份报告" in rebuilt


@pytest.mark.django_db
def test_a_search_that_found_reports_offers_the_other_wordings_reports_use(client, library):
    # 潼南 writes 出庭率, 綦江 出庭应诉率: a count of one wording misses the other's reports.
    factories.section(library["tongnan"], "2", number="二、", heading="问题", body="负责人出庭率达90%。")
    index_reports([library["tongnan"].pk])

    html = unescape(get(client, q="出庭应诉率").content.decode())
    wider = re.search(r'其他说法：([^。]*)。<a href="\?([^"]*)">同时查找这些说法</a>\(共 (\d+) 份报告', html)

    assert wider is not None and "出庭率" in wider.group(1).split("、")
    assert wider.group(3) == "2"
    widened = client.get(reverse("reports:search") + "?" + wider.group(2))
    assert sorted(result_ids(widened)) == sorted([library["qijiang"].pk, library["tongnan"].pk])
    # Nothing to offer when the other wordings find no further report.
    assert "其他说法" not in get(client, q="行政复议").content.decode()


@pytest.mark.django_db
def test_widening_a_long_term_keeps_the_reports_its_words_found(client, library, monkeypatch):
    # Unquoted, a long term is searched as its words (矛盾纠纷 源头 化解): the widened query must
    # keep them so, or the "wider" search loses what the term found (its phrase is not there).
    table = {"矛盾纠纷源头化解": ["诉源治理"]}
    monkeypatch.setattr(sys.modules["reports.search.suggest"], "default_abbreviations", lambda: table)
    factories.section(library["tongnan"], "2", heading="问题", body="从源头化解矛盾纠纷。")
    factories.section(library["litong"], "2", heading="问题", body="深化诉源治理。")
    index_reports([library["tongnan"].pk, library["litong"].pk])

    response = get(client, q="矛盾纠纷源头化解")
    wider = response.context["outcome"].wider

    assert result_ids(response) == [library["tongnan"].pk]
    assert wider is not None and wider.reports == 2 and wider.term == "矛盾纠纷源头化解"
    widened = get(client, q=wider.query)
    assert sorted(result_ids(widened)) == sorted([library["tongnan"].pk, library["litong"].pk])


@pytest.mark.django_db
def test_a_csv_exports_file_name_holds_no_line_break_or_character_a_system_refuses(client, library):
    # 检索-复议\n行政.csv was offered as the file name
    response = get(client, EXPORT_URL, q='复议\n行政:"x"')

    assert response.status_code == 200
    assert unquote(response["Content-Disposition"].split("''", 1)[1]) == "检索-复议-行政-x.csv"


@pytest.mark.django_db
def test_a_place_or_year_among_the_terms_is_offered_as_a_filter(client, library):
    # 北京 行政复议 found the reports writing 北京 near 行政复议 (3), the 北京市 filter 9; 2023
    # 法治督察 found 2024 reports writing 2023 and missed 2023 reports that do not
    writing = factories.report(factories.agency("重庆市綦江区人民政府", region_code="500110"), year=2024)
    factories.section(writing, "1", heading="举措", body="2023年重庆市办理行政复议案件。")
    index_reports([writing.pk])
    page = get(client, q="重庆 行政复议 2023").content.decode()

    def asks(label: str) -> dict[str, list[str]]:
        href = re.search(rf'<a href="([^"]+)">{label}</a>', page).group(1)
        return parse_qs(urlsplit(unescape(href)).query)

    assert asks("在重庆市的报告中检索“行政复议 2023”") == {"q": ["行政复议 2023"], "province": ["500000"]}
    assert asks("在2023年度的报告中检索“重庆 行政复议”") == {"q": ["重庆 行政复议"], "year": ["2023"]}
    assert result_ids(client.get(SEARCH_URL, {"q": "行政复议", "year": "2023"}))  # it finds reports
    assert "在重庆市" not in get(client, q="重庆 行政复议", province="500000").content.decode()
    for q in (
        "行政复议",  # one term: the place's page is linked, as before
        "重庆 OR 吴忠 行政复议",  # not a plain list of terms: cutting one changes the query
        '"重庆" 行政复议',
        "1999 行政复议",  # no year the site can filter by
    ):
        assert "的报告中检索" not in get(client, q=q).content.decode(), q


@pytest.mark.django_db
def test_a_place_name_several_places_share_is_offered_as_the_one_the_results_lie_in(client, library):
    # 朝阳 行政复议 offered 辽宁省朝阳市, where none of the results lay (北京市朝阳区's did)
    nanjing = factories.report(factories.agency("南京市鼓楼区司法局", region_code="320106"), year=2023)
    factories.section(nanjing, "1", heading="举措", body="鼓楼区推进法治建设。")
    fuzhou = factories.report(factories.agency("福州市鼓楼区司法局", region_code="350102"), year=2023)
    factories.section(fuzhou, "1", heading="举措", body="鼓楼区办理行政复议案件。")
    index_reports([nanjing.pk, fuzhou.pk])

    page = get(client, q="鼓楼 行政复议").content.decode()

    assert "在福建省福州市鼓楼区的报告中检索“行政复议”" in page and "南京市鼓楼区的报告中" not in page


@pytest.mark.django_db
def test_characters_typed_apart_are_offered_as_the_word_they_spell(client, library):
    # 行 政 复 议 was searched as four one-character terms (315 reports against 274), unsaid
    page = get(client, q="行 政 复 议 改革").content.decode()

    link = re.search(r'<a href="([^"]+)">查找“行政复议 改革”</a>', page)
    assert "按单个字分别查找" in page and link
    assert parse_qs(urlsplit(unescape(link.group(1))).query)["q"] == ["行政复议 改革"]
    assert "按单个字分别查找" not in get(client, q="行政复议 改革").content.decode()


@pytest.mark.django_db
def test_the_export_reads_its_reports_places_in_one_query(django_assert_max_num_queries):
    # each report's chain of places asked for its top's parent again: a query a report (a review)
    reports = [
        factories.report(factories.agency(f"机关{n}", region_code=code), year=2023)
        for n, code in enumerate(("640302", "500110", "411002"))
    ]

    with django_assert_max_num_queries(1):
        details = report_details([report.pk for report in reports])

    assert details[reports[0].pk].agency == ["县级", "人民政府", "宁夏回族自治区", "吴忠市", "利通区"]
