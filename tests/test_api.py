"""The JSON API: list shape, filters and paging errors, report detail, 404s, the catalogue."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from reports.models import Agency, IndicatorDefinition, Report, Section
from reports.seeding import load_seed_fixture
from tests import factories

LIST_URL = reverse("reports:api-list")
# The region object of 吴忠市利通区 (640302), as every API answer names a place.
LITONG_REGION = {
    "province": "宁夏回族自治区",
    "city": "吴忠市",
    "county": "利通区",
    "code": "640302",
    "province_code": "640000",
    "city_code": "640300",
    "county_code": "640302",
}


def detail_url(pk: int) -> str:
    return reverse("reports:api-detail", args=[pk])


@pytest.fixture
def litong_report():
    report = factories.report(
        factories.agency("吴忠市利通区人民政府", region_code="640302"),
        year=2023,
        title="吴忠市利通区2023年法治政府建设情况工作报告",
        text="利通区2023年报告全文\n一、主要举措和成效\n学法。",
        published_on=date(2024, 2, 28),
        signed_on=date(2024, 2, 20),
        publisher="利通区司法局",
        index_number="640302-2024-00012",
        source_url="https://www.example.gov.cn/report.html",
    )
    factories.section(report, "0", body="利通区2023年报告全文", label=Section.Label.PREAMBLE, start=0, end=12)
    factories.section(
        report,
        "1",
        number="一、",
        heading="主要举措和成效",
        body="学法。",
        topic="学法用法",
        start=13,
        end=26,
    )
    return report


@pytest.mark.django_db
def test_list_returns_paging_fields_and_report_summaries(client, litong_report):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "吴忠市".encode() in response.content, "Chinese is written as is, not as \\u escapes"
    assert response.json() == {
        "count": 1,
        "page": 1,
        "page_size": 20,
        "num_pages": 1,
        "results": [
            {
                "id": litong_report.pk,
                "title": "吴忠市利通区2023年法治政府建设情况工作报告",
                "year": 2023,
                "published_on": "2024-02-28",
                "published_on_inferred": False,
                "synthetic": False,
                "current": True,
                "superseded_by": None,
                "agency": {
                    "id": litong_report.agency_id,
                    "name": "吴忠市利通区人民政府",
                    "kind": "government",
                    "level": "county",
                },
                "region": LITONG_REGION,
                "url": f"http://testserver/reports/{litong_report.pk}/",
            }
        ],
    }


@pytest.mark.django_db
def test_list_region_of_a_municipal_district_has_no_city(client):
    factories.report(
        factories.agency("重庆市綦江区交通局", region_code="500110", kind=Agency.Kind.DEPARTMENT)
    )

    result = client.get(LIST_URL).json()["results"][0]

    assert result["region"] == {
        "province": "重庆市",
        "city": None,
        "county": "綦江区",
        "code": "500110",
        "province_code": "500000",
        "city_code": None,  # a municipality's district lies in no city
        "county_code": "500110",
    }
    assert result["agency"]["kind"] == "department"
    assert result["published_on"] is None


@pytest.mark.django_db
def test_list_uses_the_same_filters_as_the_page(client, litong_report):
    xuchang = factories.report(
        factories.agency("许昌市交通运输局", region_code="411000", kind=Agency.Kind.DEPARTMENT), year=2022
    )
    old = factories.report(factories.agency("重庆市綦江区人民政府", region_code="500110"), year=2021)
    new = factories.new_version(old)

    def ids(params):
        response = client.get(LIST_URL, params)
        assert response.status_code == 200, response.json()
        return sorted(result["id"] for result in response.json()["results"])

    assert ids({"province": "640000"}) == [litong_report.pk]
    assert ids({"city": "411000"}) == [xuchang.pk]
    assert ids({"county": "500110"}) == [new.pk]
    assert ids({"year": "2022"}) == [xuchang.pk]
    assert ids({"level": "city"}) == [xuchang.pk]
    assert ids({"kind": "government"}) == sorted([litong_report.pk, new.pk])
    assert ids({"county": "500110", "include_old": "true"}) == sorted([old.pk, new.pk])
    assert ids({"county": "500110", "include_old": "0"}) == [new.pk]
    # An earlier version listed with include_old names the version that replaced it.
    rows = client.get(LIST_URL, {"county": "500110", "include_old": "1"}).json()["results"]
    assert {row["id"]: row["superseded_by"] for row in rows} == {old.pk: new.pk, new.pk: None}


@pytest.mark.django_db
def test_list_pages_through_results(client):
    agencies = [factories.agency(f"部门{index:02d}", kind=Agency.Kind.DEPARTMENT) for index in range(7)]
    for agency in agencies:
        factories.report(agency)

    first = client.get(LIST_URL, {"page_size": "3"}).json()
    last = client.get(LIST_URL, {"page_size": "3", "page": "3"}).json()

    assert (first["count"], first["num_pages"], first["page_size"]) == (7, 3, 3)
    assert len(first["results"]) == 3
    assert last["page"] == 3
    assert len(last["results"]) == 1
    assert len(client.get(LIST_URL, {"page_size": "100"}).json()["results"]) == 7


@pytest.mark.django_db
def test_empty_library_has_one_empty_first_page(client):
    body = client.get(LIST_URL).json()

    assert body == {"count": 0, "page": 1, "page_size": 20, "num_pages": 1, "results": []}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page": "999"}, "超出范围"),
        ({"page_size": "101"}, "100"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "x"}, "page_size"),
    ],
    ids=[
        "page=abc",
        "page=0",
        "page=-1",
        "page=1.5",
        "page=999",
        "page_size=101",
        "page_size=0",
        "page_size=x",
    ],
)
def test_bad_paging_is_a_400_with_a_message(client, litong_report, params, word):
    response = client.get(LIST_URL, params)

    assert response.status_code == 400
    assert word in response.json()["error"]


@pytest.mark.django_db
def test_invalid_filter_values_are_a_400_with_the_field_errors(client, litong_report):
    response = client.get(LIST_URL, {"year": "abc", "province": "999999", "level": "town"})

    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "筛选条件无效"
    assert set(body["fields"]) == {"year", "province", "level"}
    assert all(isinstance(message, str) for messages in body["fields"].values() for message in messages)
    # ASCII digits only, as documented: a year with a space around it was read as the year
    for spaced in (" 2021", "2021 "):
        assert client.get(LIST_URL, {"year": spaced}).status_code == 400
    assert client.get(LIST_URL, {"year": "2021"}).status_code == 200


@pytest.mark.django_db
def test_a_city_outside_the_chosen_province_is_an_error_in_the_api(client, litong_report):
    factories.report(factories.agency("许昌市交通运输局", region_code="411000"))

    response = client.get(LIST_URL, {"province": "640000", "city": "411000"})

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"city"}


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_the_page(client, django_assert_max_num_queries):
    for index in range(30):
        place = ["500110", "640302", "411000", None][index % 4]
        factories.report(factories.agency(f"机关{index}", region_code=place))

    # Newest report (for the kept place choices), place choices, whether some place is unknown,
    # year choices, the indicator choices (definitions; facets, kept: their freshness check too),
    # count, page.
    with django_assert_max_num_queries(9):
        response = client.get(LIST_URL, {"page_size": "30"})
    assert len(response.json()["results"]) == 30


@pytest.mark.django_db
def test_detail_returns_the_report_with_its_sections(client, litong_report, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(detail_url(litong_report.pk))

    assert response.status_code == 200
    body = response.json()
    assert [body["text"][s["start"] : s["end"]] for s in body["sections"]] == [
        "利通区2023年报告全文",
        "一、主要举措和成效\n学法。",
    ]
    assert body == {
        "id": litong_report.pk,
        "title": "吴忠市利通区2023年法治政府建设情况工作报告",
        "title_made": False,
        "year": 2023,
        "published_on": "2024-02-28",
        "published_on_inferred": False,
        "signed_on": "2024-02-20",
        "publisher": "利通区司法局",
        "index_number": "640302-2024-00012",
        "source_url": "https://www.example.gov.cn/report.html",
        "from_other_site": False,
        "text": "利通区2023年报告全文\n一、主要举措和成效\n学法。",
        "text_cut": True,  # a toy text, far too short to be a whole report
        "current": True,
        "superseded_by": None,
        "synthetic": False,
        "agency": {
            "id": litong_report.agency_id,
            "name": "吴忠市利通区人民政府",
            "kind": "government",
            "level": "county",
        },
        "region": LITONG_REGION,
        "url": f"http://testserver/reports/{litong_report.pk}/",  # as the list's rows have it
        "region_note": "",
        "sections": [
            {
                "path": "0",
                "level": 0,
                "number": "",
                "heading": "",
                "label": "preamble",
                "topic": "",
                "start": 0,
                "end": 12,
            },
            {
                "path": "1",
                "level": 1,
                "number": "一、",
                "heading": "主要举措和成效",
                "label": "measures",
                "topic": "学法用法",
                "start": 13,
                "end": 26,
            },
        ],
        "indicators": [],
    }


@pytest.mark.django_db
def test_detail_of_a_superseded_report_names_its_successor(client):
    old = factories.report()
    new = factories.new_version(old)

    assert client.get(detail_url(old.pk)).json()["superseded_by"] == new.pk
    assert client.get(detail_url(new.pk)).json()["superseded_by"] is None


@pytest.mark.django_db
def test_a_report_staff_withdrew_is_not_current_in_the_api_and_says_so(client):
    # nothing replaced it: superseded_by alone made it look current (a journalist's review)
    withdrawn = factories.report(is_current=False)

    rows = client.get(LIST_URL, {"include_old": "1"}).json()["results"]
    values = client.get(reverse("reports:api-values"), {"report": withdrawn.pk})

    assert [(row["current"], row["superseded_by"]) for row in rows] == [(False, None)]
    assert client.get(detail_url(withdrawn.pk)).json()["current"] is False
    assert values.status_code == 400 and f"报告 {withdrawn.pk} 已被管理员撤下" in values.json()["error"]


@pytest.mark.django_db
def test_detail_region_is_all_null_when_the_place_is_unknown(client):
    report = factories.report(
        factories.agency("鼓楼区人民政府", region_code=None), region_note="多个城市都有鼓楼区"
    )

    body = client.get(detail_url(report.pk)).json()

    assert set(body["region"].values()) == {None}
    assert body["region_note"] == "多个城市都有鼓楼区"
    # the country's tree counts it apart, under no place (it was in no count of the tree)
    unplaced = client.get("/api/regions/").json()["unplaced"]
    assert unplaced["reports"] == 1
    assert [r["id"] for r in client.get(unplaced["reports_api_url"]).json()["results"]] == [report.pk]


@pytest.mark.django_db
def test_a_note_on_a_place_not_found_goes_once_staff_place_the_agency(client):
    agency = factories.agency("鼓楼区人民政府", region_code=None)
    report = factories.report(agency, region_note="多个城市都有鼓楼区")
    agency.region = factories.region("500110")
    agency.save()

    assert client.get(detail_url(report.pk)).json()["region_note"] == ""
    assert "多个城市都有鼓楼区" not in client.get(f"/reports/{report.pk}/").content.decode()


@pytest.mark.django_db
def test_detail_of_a_province_level_agency_has_only_a_province(client):
    report = factories.report(factories.agency("河南省人民政府", region_code="410000"))

    body = client.get(detail_url(report.pk)).json()

    assert body["region"] == {
        "province": "河南省",
        "city": None,
        "county": None,
        "code": "410000",
        "province_code": "410000",
        "city_code": None,
        "county_code": None,
    }


@pytest.mark.django_db
def test_unknown_report_is_a_json_404(client):
    response = client.get(detail_url(999999))

    assert response.status_code == 404
    assert response.json() == {"error": "报告不存在"}


@pytest.mark.django_db
def test_indicator_catalogue_lists_each_active_key_with_its_definition(client):
    IndicatorDefinition.objects.filter(key="audit_projects").update(is_active=False)
    response = client.get(reverse("reports:api-indicators"))

    assert response.status_code == 200
    listed = {item["key"]: item for item in response.json()["indicators"]}
    active = IndicatorDefinition.objects.filter(is_active=True)
    assert set(listed) == set(active.values_list("key", flat=True))
    assert "audit_projects" not in listed
    study = active.select_related("group").get(key="leaders_law_study")
    assert listed["leaders_law_study"] == {
        "key": "leaders_law_study",
        "name": study.name,
        "definition": study.definition,
        "group": study.group.key,
        "group_name": study.group.name,
        "units": study.units.split(),
        "ranking_url": "/compare/indicator/leaders_law_study/",
    }
    assert study.definition  # shipped with the catalogue


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/reports/abc/", "/api/reports/-1/", "/api/nothing/"])
def test_an_address_the_api_does_not_have_answers_in_json(client, path):
    response = client.get(path)

    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert response.json()["error"].startswith(f"没有这个接口地址:{path}")


@pytest.mark.django_db
def test_a_site_address_that_does_not_exist_keeps_the_html_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/search/", "q=复议&q=诉讼"),
        ("/api/search/", "q=复议&year=2023&year=2024"),
        ("/api/reports/", "year=2023&year=2024"),
    ],
)
def test_a_parameter_given_twice_is_refused_by_the_api(client, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400 and "只能给一个值,收到 2 个" in response.json()["error"]


@pytest.mark.django_db
def test_a_search_page_past_the_last_is_refused_as_the_report_list_does(client, litong_report):
    response = client.get("/api/search/?q=法治&page=99999")

    assert response.status_code == 400 and response.json()["error"].startswith("page 超出范围")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "query", "unknown"),
    [
        ("/api/reports/", "region=440000", "region"),
        ("/api/reports/", "q=述法", "q"),
        ("/api/reports/", "agency=10", "agency"),
        ("/api/reports/", "foo=bar&year=2023", "foo"),
        ("/api/search/", "q=法治&order=newest", "order"),
        ("/api/search/", "q=法治&region=440000", "region"),
        ("/api/indicators/", "key=x", "key"),
    ],
)
def test_an_unknown_parameter_is_a_400_naming_it_and_the_accepted_ones(
    client, litong_report, path, query, unknown
):
    response = client.get(f"{path}?{query}")

    assert response.status_code == 400
    body = response.json()
    assert body["unknown_parameters"] == [unknown]
    assert f"不支持的参数:{unknown}" in body["error"]
    assert "page_size" in body["accepted_parameters"] or path == "/api/indicators/"
    assert all(name in body["error"] for name in body["accepted_parameters"])


@pytest.mark.django_db
def test_the_detail_takes_no_parameters(client, litong_report):
    response = client.get(f"{detail_url(litong_report.pk)}?format=csv")

    assert response.status_code == 400
    assert response.json()["unknown_parameters"] == ["format"]
    assert response.json()["accepted_parameters"] == []


@pytest.mark.django_db
def test_several_unknown_parameters_are_all_named(client, litong_report):
    response = client.get(LIST_URL, {"foo": "1", "bar": "2", "year": "2023"})

    assert response.status_code == 400 and response.json()["unknown_parameters"] == ["bar", "foo"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/reports/", "/api/search/?q=法治"])
@pytest.mark.parametrize("value", ["maybe", "yes", "2", "on"])
def test_include_old_takes_only_1_0_true_or_false(client, litong_report, path, value):
    sep = "&" if "?" in path else "?"
    response = client.get(f"{path}{sep}include_old={value}")

    assert response.status_code == 400
    assert "include_old" in response.json()["error"] and value in response.json()["error"]


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["1", "0", "true", "false", "TRUE", ""])
def test_include_old_accepts_its_documented_values(client, litong_report, value):
    assert client.get(LIST_URL, {"include_old": value}).status_code == 200
    assert client.get("/api/search/", {"q": "法治", "include_old": value}).status_code == 200


@pytest.mark.django_db
def test_the_list_sort_is_checked(client, litong_report):
    assert client.get(LIST_URL, {"sort": "published"}).status_code == 200
    response = client.get(LIST_URL, {"sort": "year"})
    assert response.status_code == 400 and set(response.json()["fields"]) == {"sort"}


@pytest.mark.django_db
def test_the_search_page_links_to_the_api_only_with_parameters_it_accepts(client, litong_report):
    from reports.search import index_reports

    index_reports([litong_report.pk])
    html = client.get(
        "/search/", {"q": "学法", "province": "640000", "year": "2023", "include_old": "1"}
    ).content.decode()
    links = re.findall(r'href="(/api/[^"]+)"', html)

    assert links, "the search page offers its JSON"
    for link in links:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200, (link, response.json())


API_URLS = ["/api/reports/", "/api/search/?q=学法", "/api/indicators/", "/api/values/"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        *API_URLS,
        "detail",
        "/search/export.csv?q=学法",
        "/compare/indicator/leaders_law_study/?format=csv",
        "/compare/year/?year=2023&format=json",
    ],
)
def test_head_answers_like_get_without_a_body(client, litong_report, url):
    from reports.search import index_reports

    index_reports([litong_report.pk])
    url = detail_url(litong_report.pk) if url == "detail" else url

    get, head = client.get(url), client.head(url)

    assert get.status_code == head.status_code == 200
    assert head["Content-Type"] == get["Content-Type"] and head.content == b""


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", [*API_URLS, "detail"])
def test_another_method_is_a_json_405_naming_get_and_head_not_a_csrf_page(litong_report, method, url):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    url = detail_url(litong_report.pk) if url == "detail" else url

    response = getattr(client, method)(url)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert f"收到的是 {method.upper()}" in response.json()["error"]


@pytest.mark.django_db
def test_the_site_s_forms_still_check_the_csrf_token(litong_report):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x", "password": "y"})

    assert response.status_code == 403


@pytest.mark.django_db
def test_detail_says_whether_the_report_is_a_copy_off_government_sites_and_whether_its_text_is_cut(client):
    copy = factories.report(
        source_url="http://www.4m8.net/a/1.html", text="全年办理行政复议案件61件,依法受理"
    )

    body = client.get(detail_url(copy.pk)).json()

    assert body["from_other_site"] is True and body["text_cut"] is True


@pytest.mark.django_db
def test_the_api_index_lists_every_endpoint_with_the_parameters_it_accepts(client, litong_report):
    index = client.get("/api/").json()

    urls = [endpoint["url"] for endpoint in index["endpoints"]]
    assert urls == [
        "/api/reports/",
        "/api/reports/1/",
        "/api/search/",
        "/api/indicators/",
        "/api/values/",
        "/api/regions/",
        "/api/regions/500000/",
    ]
    for endpoint in index["endpoints"]:
        url = endpoint["url"].replace("/1/", f"/{litong_report.pk}/")
        # An endpoint refuses a parameter it does not take, and its error lists the ones it does:
        # the index's list is the same.
        refused = client.get(url, {"no_such_parameter": "1"}).json()
        assert refused.get("accepted_parameters", []) == endpoint["parameters"], url
        assert endpoint["description"]
    assert 'href="/api/"' in client.get("/").content.decode()  # the footer's JSON 接口 link


@pytest.mark.django_db
def test_the_regions_endpoint_walks_the_tree_with_the_region_pages_counts(client):
    load_seed_fixture()

    country = client.get("/api/regions/").json()

    assert country["region"] is None and country["years"] == [2021, 2022, 2023]
    provinces = {place["name"]: place for place in country["places"]}
    assert {name: place["reports"] for name, place in provinces.items()} == {
        "河南省": 1,
        "重庆市": 3,
        "宁夏回族自治区": 1,
    }
    assert sum(place["reports"] for place in country["places"]) == Report.objects.current().count()
    assert country["unplaced"]["reports"] == 0 and "unplaced" not in client.get("/api/regions/500000/").json()
    chongqing = provinces["重庆市"]
    assert chongqing["by_year"] == {"2021": 1, "2022": 0, "2023": 2}
    assert chongqing["url"].endswith("/regions/500000/")
    # Each place leads to its own entry and to the report list filtered to it.
    listed = client.get(chongqing["reports_api_url"]).json()
    assert listed["count"] == 3

    qijiang = client.get("/api/regions/500110/").json()
    assert (qijiang["region"]["name"], qijiang["parent"]["name"], qijiang["places"]) == (
        "綦江区",
        "重庆市",
        [],
    )
    assert [(a["name"], a["seated_as"], a["by_year"]) for a in qijiang["agencies"]] == [
        ("重庆市綦江区人民政府", "government", {"2021": 1, "2022": 0, "2023": 0}),
        ("重庆市綦江区交通局", "department", {"2021": 0, "2022": 0, "2023": 1}),
    ]
    assert client.get(qijiang["agencies"][0]["url"]).status_code == 200


@pytest.mark.django_db
def test_a_real_place_without_reports_has_none_listed_not_an_invalid_filter(client):
    """/api/regions/654326/ (吉木乃县, no report held) linked to a report list that answered 400."""
    load_seed_fixture()
    county = client.get("/api/regions/654326/").json()

    links = (county["region"]["reports_api_url"], county["parent"]["reports_api_url"])
    for url in (*links, "/api/values/?county=654326"):
        response = client.get(url)
        assert response.status_code == 200 and response.json()["count"] == 0, url
    assert client.get("/reports/?county=654326").status_code == 200
    # not a place, a place of another level, a place outside the one chosen: still refused
    for query in ("county=999999", "province=654326", "province=500000&county=654326"):
        refused = client.get(f"/api/reports/?{query}")
        assert refused.status_code == 400 and "的这一级地区,或它不在所选的上一级地区内" in str(refused.json())
    assert client.get("/api/reports/?province=500000").json()["count"] == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/regions/999999/", 404, "没有区划代码为 999999 的地区"),
        ("/api/regions/5001/", 404, "区划代码应为六位数字"),
        ("/api/regions/" + "9" * 5000 + "/", 404, "区划代码应为六位数字"),
        ("/api/regions/?year=2023", 400, "不支持的参数:year"),
    ],
)
def test_the_regions_endpoint_refuses_what_it_cannot_answer_in_json(client, path, status, message):
    response = client.get(path)

    assert response.status_code == status
    assert message in response.json()["error"]
