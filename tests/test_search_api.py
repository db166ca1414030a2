"""GET /api/search/: the JSON shape, filters, paging limits and friendly 400s."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.models import Section
from reports.search import index_reports
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    chongqing = factories.report(factories.agency("綦江区测试局", region_code="500110"), year=2023)
    factories.section(chongqing, "1", heading="一、行政复议", body="推进行政复议<script>x</script>工作")
    ningxia = factories.report(factories.agency("利通区测试局", region_code="640302"), year=2022)
    factories.section(ningxia, "1", heading="一、问题", body="复议人员不足", label=Section.Label.PROBLEMS)
    index_reports([chongqing.pk, ningxia.pk])
    return chongqing, ningxia


def get(client, **params):
    return client.get(reverse("reports:api-search"), params)


def test_search_api_returns_counts_ranked_results_with_snippets_and_facets(client, library):
    chongqing, ningxia = library
    response = get(client, q="复议")
    assert response.status_code == 200
    data = response.json()
    assert (data["reports"], data["sections"]) == (2, 2)
    assert [r["report_id"] for r in data["results"]] == [chongqing.pk, ningxia.pk]
    first = data["results"][0]
    assert first["title"] == chongqing.title and isinstance(first["score"], float)
    assert first["sections"][0]["path"] == "1"
    assert "<mark>复议</mark>" in first["sections"][0]["snippet_html"]
    assert "<script>" not in first["sections"][0]["snippet_html"]
    assert {v["value"]: v["count"] for v in data["facets"]["province"]} == {"500000": 1, "640000": 1}
    assert set(data["facets"]) == {"province", "city", "county", "year", "level", "kind", "label", "topic"}


def test_search_api_applies_the_report_filters_and_label(client, library):
    chongqing, ningxia = library
    assert [r["report_id"] for r in get(client, q="复议", province="500000").json()["results"]] == [
        chongqing.pk
    ]
    assert [r["report_id"] for r in get(client, q="复议", label="problems").json()["results"]] == [ningxia.pk]
    assert get(client, q="复议", year="2021").json()["reports"] == 0


def test_search_api_sorts_by_year_on_request_and_says_how_it_ordered(client, library):
    by_relevance = get(client, q="复议").json()
    by_year = get(client, q="复议", sort="newest").json()

    assert by_relevance["order"] == "relevance" and by_year["order"] == "newest_first"
    assert [r["year"] for r in by_year["results"]] == [2023, 2022]


def test_search_api_pages_results(client, library):
    data = get(client, q="复议", page="2", page_size="1").json()
    assert [r["report_id"] for r in data["results"]] == [library[1].pk]
    assert data["num_pages"] == 2 and data["has_next"] is False
    assert get(client, q="复议", page="1", page_size="1").json()["has_next"] is True


def test_a_low_estimate_of_the_count_does_not_end_the_paging_early(client, library, monkeypatch):
    """A common query's count is estimated: page 1 said 5 pages of 6, and a client that walked
    num_pages lost the last page's reports."""
    import dataclasses

    from reports import api

    real = api.search_page

    def estimated_low(*args, **kwargs):
        found = real(*args, **kwargs)
        return dataclasses.replace(found, reports=1, reports_exact=False)  # 2 reports match

    monkeypatch.setattr(api, "search_page", estimated_low)
    first = get(client, q="复议", page="1", page_size="1").json()
    assert (first["num_pages"], first["reports_exact"], first["has_next"]) == (1, False, True)
    # and the page has_next leads to is served, not refused as past the estimated last one
    second = get(client, q="复议", page="2", page_size="1")
    assert second.status_code == 200, second.content.decode()
    assert [r["report_id"] for r in second.json()["results"]] == [library[1].pk]
    beyond = get(client, q="复议", page="3", page_size="1")
    assert beyond.status_code == 400 and beyond.json()["error"].startswith("page 超出范围")


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({}, "请输入"),
        ({"q": "   "}, "请输入"),
        ({"q": "😀"}, "表情"),
        ({"q": "!!!"}, "标点"),
        ({"q": "复议", "page": "0"}, "page"),
        ({"q": "复议", "page_size": "101"}, "page_size"),
        ({"q": "复议", "province": "123"}, "地区"),
        ({"q": "复议", "level": "nation"}, "机关层级只能是"),
        ({"q": "复议", "sort": "oldest"}, "排序"),
        ({"q": "复议", "sort": " newest"}, "排序"),  # as the page's form reads it
        ({"q": "复议", "year": " 2023"}, "年度"),  # ASCII digits only, as the report list reads it
        # a filter of spaces alone was no filter: every report, though the page refuses it
        ({"q": "复议", "year": " "}, "年度"),
        ({"q": "复议", "province": "\t"}, "地区"),
        ({"q": "复议", "label": "\n"}, "只能是"),
    ],
)
def test_search_api_refuses_bad_input_with_a_400_and_a_message(client, library, params, fragment):
    response = get(client, **params)
    assert response.status_code == 400
    assert fragment in response.json()["error"]


def test_search_api_treats_script_in_the_query_as_text(client, library):
    response = get(client, q='"<script>"')
    assert response.status_code == 200
    snippet = response.json()["results"][0]["sections"][0]["snippet_html"]
    assert "<mark>&lt;script&gt;</mark>" in snippet
    # HTML fields are escaped; the echoed query is plain JSON text, for the client to escape.
    assert response["Content-Type"].startswith("application/json")
    for section in response.json()["results"][0]["sections"]:
        assert "<script>" not in section["snippet_html"] + section["heading_html"]


def test_search_api_offers_suggestions_that_find_reports_when_nothing_matches(client, library):
    data = get(client, q="fuyi").json()
    assert data["reports"] == 0 and data["results"] == []  # the query as typed, never rewritten
    assert {"query": "复议", "reason": "pinyin", "reports": 2} in data["suggestions"]
    assert get(client, q="复议").json()["suggestions"] == []
    assert get(client, q="复议").json()["order"] == "relevance"


@pytest.fixture
def unplaced(library):
    """A report of an agency whose place was never settled, and one of a central organ."""
    gulou = factories.report(factories.agency("鼓楼区测试局", region_code=None), year=2023)
    factories.section(gulou, "1", heading="一、行政复议", body="复议案件")
    ministry = factories.report(factories.agency("测试部", region_code=None, level="national"), year=2023)
    factories.section(ministry, "1", heading="一、行政复议", body="复议案件")
    index_reports([gulou.pk, ministry.pk])
    return gulou


def test_province_unknown_finds_the_reports_whose_place_is_unknown_as_the_report_list_does(
    client, library, unplaced
):
    data = get(client, q="复议", province="unknown").json()

    assert [r["report_id"] for r in data["results"]] == [unplaced.pk]
    assert data["reports"] == 1
    chosen = [v for v in data["facets"]["province"] if v["selected"]]
    assert chosen == [{"value": "unknown", "label": "地区不详", "count": 1, "selected": True}]
    listed = client.get(reverse("reports:api-list"), {"province": "unknown"}).json()["results"]
    assert [r["id"] for r in listed] == [unplaced.pk]


@pytest.mark.parametrize(
    "places",
    [
        {"province": "410000", "city": "640300"},  # a city outside the province
        {"city": "320100", "county": "350102"},  # 鼓楼区 of 福州 under 南京
        {"province": "unknown", "county": "500110"},
    ],
)
def test_places_that_contradict_each_other_are_refused_as_the_report_list_refuses_them(
    client, library, places
):
    """A search answered 0 reports, which a script cannot tell from no match."""
    for code in places.values():
        if code != "unknown":
            factories.region(code)

    response = get(client, q="复议", **places)

    assert response.status_code == 400, response.content.decode()
    assert "不在所选的" in response.json()["error"]
    assert client.get(reverse("reports:api-list"), places).status_code == 400


def test_province_unknown_works_on_the_search_page_and_its_export(client, library, unplaced):
    html = client.get(reverse("reports:search"), {"q": "复议", "province": "unknown"}).content.decode()
    assert "鼓楼区测试局" in html and "测试部" not in html and "地区不详" in html

    export = client.get(reverse("reports:search-export"), {"q": "复议", "province": "unknown"})
    assert export.status_code == 200
    exported = b"".join(export.streaming_content).decode()
    assert "鼓楼区测试局" in exported and "测试部" not in exported


def test_a_waiting_filter_names_the_unknown_place_in_words(client, library, unplaced):
    response = client.get(reverse("reports:search"), {"province": "unknown"})
    assert "省份:地区不详" in response.content.decode()


def test_search_api_names_agency_and_place_as_the_report_list_does(client, library):
    chongqing, _ = library
    first = get(client, q="复议").json()["results"][0]
    listed = client.get(reverse("reports:api-list"), {"county": "500110"}).json()["results"][0]

    assert first["report_id"] == listed["id"] == chongqing.pk
    assert (first["agency"], first["region"]) == (listed["agency"], listed["region"])
