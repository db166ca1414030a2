"""The public HTML pages: list filters and paging, report detail, original file download."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django import forms
from django.urls import reverse

from reports.filters import NARROW_FIRST_HINTS, PlainSelect
from reports.ingest import completeness
from reports.models import Agency, Report, Section
from tests import factories

LIST_URL = reverse("reports:list")
SEARCH_URL = reverse("reports:search")


def listed_titles(response) -> list[str]:
    return [report.title for report in response.context["page_obj"].object_list]


@pytest.fixture
def places():
    """One report in each of five places across three provinces, plus a department."""
    qijiang = factories.agency("重庆市綦江区人民政府", region_code="500110")
    tongnan = factories.agency("重庆市潼南区城市管理局", region_code="500152", kind=Agency.Kind.DEPARTMENT)
    litong = factories.agency("吴忠市利通区人民政府", region_code="640302")
    wuzhong = factories.agency("吴忠市人民政府", region_code="640300")
    xuchang = factories.agency("许昌市交通运输局", region_code="411000", kind=Agency.Kind.DEPARTMENT)
    return {
        "qijiang": factories.report(qijiang, year=2023, title="綦江区2023年报告"),
        "tongnan": factories.report(tongnan, year=2023, title="潼南区城管局2023年报告"),
        "litong": factories.report(litong, year=2023, title="利通区2023年报告"),
        "wuzhong": factories.report(wuzhong, year=2022, title="吴忠市2022年报告"),
        "xuchang": factories.report(xuchang, year=2022, title="许昌市交通局2022年报告"),
    }


@pytest.mark.django_db
def test_list_shows_all_current_reports_with_agency_place_year_and_date(client, places):
    factories.report(
        places["qijiang"].agency, year=2021, title="綦江区2021年报告", published_on=date(2022, 3, 22)
    )

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert len(listed_titles(response)) == 6
    html = response.content.decode()
    assert "共 <strong>6</strong> 份报告" in html
    assert "重庆市 › 綦江区" in html
    assert "宁夏回族自治区 › 吴忠市 › 利通区" in html
    assert "2022年3月22日" in html
    assert "未注明" in html
    assert f'href="{places["litong"].get_absolute_url()}"' in html


@pytest.mark.django_db
def test_county_filter_excludes_other_counties(client, places):
    response = client.get(LIST_URL, {"county": "500110"})

    assert listed_titles(response) == ["綦江区2023年报告"]


@pytest.mark.django_db
def test_province_filter_includes_its_cities_and_counties(client, places):
    response = client.get(LIST_URL, {"province": "640000"})

    assert sorted(listed_titles(response)) == ["利通区2023年报告", "吴忠市2022年报告"]


@pytest.mark.django_db
def test_a_region_code_as_other_pages_take_it_filters_the_list_by_its_level(client, places):
    response = client.get(LIST_URL, {"region": "640300", "year": "2023"})

    assert response.status_code == 302
    assert response["Location"] == f"{LIST_URL}?year=2023&province=640000&city=640300"
    assert listed_titles(client.get(response["Location"])) == ["利通区2023年报告"]
    # a county: its province and city above it too; another place given is the region's now
    county = client.get(LIST_URL, {"region": "640302", "province": "500000"})
    assert county["Location"] == f"{LIST_URL}?province=640000&city=640300&county=640302"
    # an unknown code or two codes are said, not every report listed (a review)
    unknown = client.get(LIST_URL, {"region": "999999"})
    assert unknown.status_code == 404 and "没有区划代码为“999999”" in unescape(unknown.content.decode())
    two = client.get(LIST_URL + "?region=640300&region=500000")
    assert two.status_code == 400 and "只能给一个值" in unescape(two.content.decode())
    assert client.get(LIST_URL, {"region": ""})["Location"] == LIST_URL


@pytest.mark.django_db
def test_the_list_names_the_parameters_it_ignores(client, places):
    # a misspelt filter listed every report and said nothing (a journalist's review)
    response = client.get(LIST_URL, {"provnce": "500000"})
    html = unescape(response.content.decode())

    assert len(listed_titles(response)) == 5
    assert "不认识参数 provnce,已忽略。此页可用的参数:province、city、county" in html
    assert "不认识参数" not in client.get(LIST_URL, {"province": "500000", "page": "1"}).content.decode()


@pytest.mark.django_db
def test_city_filter_includes_its_counties(client, places):
    response = client.get(LIST_URL, {"city": "640300"})

    assert sorted(listed_titles(response)) == ["利通区2023年报告", "吴忠市2022年报告"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "2022"}, ["吴忠市2022年报告", "许昌市交通局2022年报告"]),
        ({"level": "city"}, ["吴忠市2022年报告", "许昌市交通局2022年报告"]),
        ({"kind": "department"}, ["潼南区城管局2023年报告", "许昌市交通局2022年报告"]),
        ({"province": "500000", "kind": "government"}, ["綦江区2023年报告"]),
        ({"year": "2023", "level": "county", "province": "640000"}, ["利通区2023年报告"]),
    ],
    ids=["year", "level", "kind", "province+kind", "year+level+province"],
)
def test_list_filters_by_year_level_and_kind(client, places, params, expected):
    response = client.get(LIST_URL, params)

    assert sorted(listed_titles(response)) == sorted(expected)


@pytest.mark.django_db
def test_place_choices_are_places_with_reports_narrowed_by_the_chosen_parent(client, places):
    form = client.get(LIST_URL, {"province": "640000"}).context["filterset"].form

    assert [code for code, _ in form.fields["province"].choices if code] == ["410000", "500000", "640000"]
    assert [code for code, _ in form.fields["city"].choices if code] == ["640300"]
    assert [code for code, _ in form.fields["county"].choices if code] == ["640302"]
    # 红寺堡区 exists as a region (the factories may create it) but has no reports.
    factories.region("640303")
    form = client.get(LIST_URL).context["filterset"].form
    assert "640303" not in dict(form.fields["county"].choices)


@pytest.mark.django_db
def test_county_select_lists_counties_only_once_a_province_or_city_narrows_it(client, places):
    def rendered_counties(params):
        html = client.get(LIST_URL, params).content.decode()
        select = html[html.index('name="county"') : html.index("</select>", html.index('name="county"'))]
        return re.findall(r'<option value="(\d*)"', select)

    assert rendered_counties({}) == [""]
    assert rendered_counties({"province": "500000"}) == ["", "500110", "500152"]
    # A county chosen without its province (a link from elsewhere) stays selected and filters.
    assert rendered_counties({"county": "640302"}) == ["", "640302"]
    assert listed_titles(client.get(LIST_URL, {"county": "640302"})) == ["利通区2023年报告"]


@pytest.mark.django_db
def test_city_and_county_selects_say_which_place_to_choose_first_in_a_few_characters(client, places):
    html = client.get(LIST_URL).content.decode()

    assert '<option value="" selected>全部(先选省)</option>' in html
    assert '<option value="" selected>全部(先选省市)</option>' in html
    assert all(len(hint) <= 8 for hint in NARROW_FIRST_HINTS.values())


def filters_panel(html: str) -> tuple[str, str, str]:
    """The report list's filters <details> tag, its summary's text and the script after it."""
    details = re.search(r'<details class="filters__panel"[^>]*>', html).group(0)
    summary = re.search(r'<summary class="filters__summary">([^<]*)</summary>', html).group(1)
    script = re.search(r"</details>\s*<script>(.*?)</script>", html, re.S).group(1)
    return details, summary, script


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "summary", "closes_on_a_phone"),
    [
        ({}, "筛选", True),
        ({"sort": "agency"}, "筛选", True),  # the order of the list is not a filter
        ({"include_old": "0"}, "筛选", True),
        ({"province": "500000", "year": "2023"}, "筛选(已选 2 项)", False),
        ({"include_old": "1"}, "筛选(已选 1 项)", False),
        ({"year": "abc"}, "筛选(已选 1 项)", False),  # an error stays in view
    ],
)
def test_the_filters_fold_away_on_a_phone_only_when_none_is_set(
    client, places, params, summary, closes_on_a_phone
):
    details, shown, script = filters_panel(client.get(LIST_URL, params).content.decode())

    assert details == '<details class="filters__panel" open>'  # open without JavaScript
    assert shown == summary
    assert ("panel.open = false" in script) == closes_on_a_phone
    assert 'matchMedia("(min-width: 40rem)")' in script


@pytest.mark.django_db
def test_list_sorts_by_newest_year_by_default_and_by_agency_or_publication_date_on_request(client, places):
    places["xuchang"].published_on = date(2023, 3, 1)
    places["xuchang"].save()
    places["litong"].published_on = date(2024, 2, 1)
    places["litong"].save()

    newest = listed_titles(client.get(LIST_URL))
    by_agency = listed_titles(client.get(LIST_URL, {"sort": "agency"}))
    by_date = listed_titles(client.get(LIST_URL, {"sort": "published"}))

    assert [title[-7:-2] for title in newest] == ["2023年", "2023年", "2023年", "2022年", "2022年"]
    # Pinyin order: 重(chong)庆 before 吴(wu)忠 before 许(xu)昌; 利(li)通区 before 人(ren)民政府.
    assert by_agency[:4] == [
        "綦江区2023年报告",
        "潼南区城管局2023年报告",
        "利通区2023年报告",
        "吴忠市2022年报告",
    ]
    assert by_date[:2] == ["利通区2023年报告", "许昌市交通局2022年报告"]
    response = client.get(LIST_URL, {"sort": "nonsense"})
    assert response.context["filterset"].errors and listed_titles(response) == []


@pytest.mark.django_db
def test_changing_the_province_drops_a_city_from_the_old_province(client, places):
    # Without JavaScript the old city is submitted along with the new province.
    response = client.get(LIST_URL, {"province": "500000", "city": "640300"})

    assert response.context["filterset"].is_valid()
    assert sorted(listed_titles(response)) == ["潼南区城管局2023年报告", "綦江区2023年报告"]


@pytest.mark.django_db
def test_invalid_filter_shows_an_error_and_no_reports(client, places):
    response = client.get(LIST_URL, {"year": "abc", "province": "999999"})

    assert response.status_code == 400  # the list with its form, as the search page answers
    assert listed_titles(response) == []
    assert set(response.context["filterset"].errors) == {"year", "province"}
    assert "筛选条件有误" in response.content.decode()


@pytest.mark.django_db
def test_empty_result_shows_a_friendly_message(client, places):
    response = client.get(LIST_URL, {"year": "2015"})

    assert listed_titles(response) == []
    assert "没有找到符合条件的报告" in response.content.decode()


@pytest.mark.django_db
def test_superseded_versions_are_excluded_unless_asked_for(client):
    old = factories.report(title="旧版报告")
    factories.new_version(old, title="新版报告")

    assert listed_titles(client.get(LIST_URL)) == ["新版报告"]
    assert listed_titles(client.get(LIST_URL, {"include_old": "0"})) == ["新版报告"]
    with_old = client.get(LIST_URL, {"include_old": "1"})
    assert listed_titles(with_old) == ["新版报告", "旧版报告"]
    assert "旧版本" in with_old.content.decode()


@pytest.mark.django_db
def test_list_is_paginated_by_twenty_and_keeps_the_filters_in_page_links(client):
    government = factories.agency("重庆市綦江区人民政府", region_code="500110")
    for index in range(25):
        factories.report(factories.agency(f"綦江区部门{index:02d}", kind=Agency.Kind.DEPARTMENT), year=2023)
    factories.report(government, year=2023)

    first = client.get(LIST_URL, {"kind": "department"})
    second = client.get(LIST_URL, {"kind": "department", "page": "2"})

    assert len(listed_titles(first)) == 20
    assert len(listed_titles(second)) == 5
    assert set(listed_titles(first)).isdisjoint(listed_titles(second))
    assert first.context["page_obj"].paginator.count == 25
    assert "?kind=department&amp;page=2" in first.content.decode()
    # An unusable page number falls back to a real page instead of failing: 0 or less to the
    # first, past the end to the last.
    assert client.get(LIST_URL, {"page": "abc"}).status_code == 200
    for below in ("0", "-3"):
        assert client.get(LIST_URL, {"kind": "department", "page": below}).context["page_obj"].number == 1
    assert client.get(LIST_URL, {"kind": "department", "page": "9"}).context["page_obj"].number == 2


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_the_number_of_reports(client, django_assert_max_num_queries):
    for index in range(20):
        place = ["500110", "640302", "411000", None][index % 4]
        factories.report(factories.agency(f"机关{index}", region_code=place), year=2020 + index % 4)

    # Newest report (for the kept place choices), place choices, whether some place is unknown,
    # year choices, the indicator choices (definitions; facets, kept: their freshness check too),
    # count, page.
    with django_assert_max_num_queries(9):
        response = client.get(LIST_URL, {"province": "500000", "include_old": "1"})
    assert response.status_code == 200
    # The place choices are kept now: one query fewer.
    with django_assert_max_num_queries(4):
        response = client.get(LIST_URL)
    listed = response.context["page_obj"].object_list
    assert all("text" in report.get_deferred_fields() for report in listed), "listing leaves the text behind"


@pytest.fixture
def sectioned_report():
    report = factories.report(
        factories.agency("吴忠市利通区人民政府", region_code="640302"),
        year=2023,
        title="吴忠市利通区2023年法治政府建设情况工作报告",
        published_on=date(2024, 2, 28),
        signed_on=date(2024, 2, 20),
        publisher="利通区司法局",
        index_number="640302-2024-00012",
        source_url="https://www.example.gov.cn/report.html",
        region_note="",
    )
    factories.section(
        report, "0", body="2023年,利通区坚持……\n现将有关情况报告如下:", label=Section.Label.PREAMBLE
    )
    factories.section(report, "1", number="一、", heading="主要举措和成效")
    factories.section(report, "1.1", number="(一)", heading="加强党的领导", body="第一段。\n\n第二段。")
    factories.section(report, "1.1.1", number="1.", heading="学习制度", body="学法。")
    factories.section(report, "1.2", number="(二)", heading="依法行政", body="<script>alert(1)</script>")
    factories.section(report, "2", number="二、", heading="存在的不足", label=Section.Label.PROBLEMS)
    return report


@pytest.mark.django_db
def test_detail_shows_metadata(client, sectioned_report):
    response = client.get(sectioned_report.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>吴忠市利通区2023年法治政府建设情况工作报告</h1>" in html
    assert "吴忠市利通区人民政府" in html
    assert "县级人民政府" in html
    assert '<a href="/regions/640000/">宁夏回族自治区</a> › <a href="/regions/640300/">吴忠市</a>' in html
    assert "<code>640302</code>" in html
    assert "2024年2月28日" in html and "2024年2月20日" in html
    assert "利通区司法局" in html and "640302-2024-00012" in html
    assert 'href="https://www.example.gov.cn/report.html"' in html
    assert f'href="{reverse("reports:original", args=[sectioned_report.pk])}"' in html


@pytest.mark.django_db
def test_detail_shows_a_nested_table_of_contents_linking_to_section_anchors(client, sectioned_report):
    html = client.get(sectioned_report.get_absolute_url()).content.decode()

    toc = html[html.index('class="toc"') : html.index("</nav>", html.index('class="toc"'))]
    links = re.findall(r'<a href="#([\w-]+)">([^<]*)</a>', toc)
    assert links == [
        ("s1", "一、主要举措和成效"),
        ("s1-1", "(一)加强党的领导"),
        ("s1-1-1", "1.学习制度"),
        ("s1-2", "(二)依法行政"),
        ("s2", "二、存在的不足"),
    ]
    # 1.1.1 sits in a list nested inside 1.1's item, itself inside 1's item.
    assert re.search(r"加强党的领导</a>\s*<ol>\s*<li>\s*<a href=\"#s1-1-1\"", toc)


@pytest.mark.django_db
def test_detail_shows_sections_in_order_with_anchors_headings_labels_and_paragraphs(client, sectioned_report):
    html = client.get(sectioned_report.get_absolute_url()).content.decode()

    anchors = re.findall(r'<section class="section[^"]*" id="([\w-]+)">', html)
    assert anchors == ["s0", "s1", "s1-1", "s1-1-1", "s1-2", "s2"]
    assert "<h2>一、主要举措和成效</h2>" in html
    assert "<h3>(一)加强党的领导</h3>" in html
    assert "<h4>1.学习制度</h4>" in html
    assert '<span class="badge badge--problems">存在的不足</span>' in html
    assert '<span class="badge badge--preamble">引言</span>' in html
    assert "<p>第一段。</p>" in html and "<p>第二段。</p>" in html
    assert "<p></p>" not in html


@pytest.mark.django_db
def test_section_text_is_escaped(client, sectioned_report):
    html = client.get(sectioned_report.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_detail_of_a_superseded_report_links_to_the_newer_version_and_back(client):
    old = factories.report(title="旧版报告")
    new = factories.new_version(old, title="新版报告")

    old_html = client.get(old.get_absolute_url()).content.decode()
    new_html = client.get(new.get_absolute_url()).content.decode()

    assert "这是旧版本" in old_html
    assert f'href="{new.get_absolute_url()}"' in old_html
    assert "替换了此前收录的版本" in new_html
    assert f'href="{old.get_absolute_url()}"' in new_html


@pytest.mark.django_db
def test_detail_shows_region_note_and_unknown_place(client):
    report = factories.report(
        factories.agency("鼓楼区人民政府", region_code=None),
        region_note="多个城市都有鼓楼区,无法确定所属城市",
    )

    html = client.get(report.get_absolute_url()).content.decode()

    assert "多个城市都有鼓楼区,无法确定所属城市" in html
    assert "地区不详" in html


@pytest.mark.django_db
def test_detail_links_its_agency_and_every_place_above_it(client):
    report = factories.report(factories.agency("重庆市綦江区交通局", kind=Agency.Kind.DEPARTMENT))

    html = client.get(report.get_absolute_url()).content.decode()

    assert f'href="{reverse("reports:agency", args=[report.agency.pk])}"' in html
    assert f'href="{reverse("reports:region", args=["500000"])}"' in html  # 重庆市
    assert f'href="{reverse("reports:region", args=["500110"])}"' in html  # 綦江区


@pytest.mark.django_db
def test_synthetic_reports_are_labelled_in_list_detail_and_api(client):
    synthetic = factories.report(title="合成报告", is_synthetic=True)
    real = factories.report(factories.agency(region_code="500152"), title="真实报告")

    list_html = client.get(LIST_URL).content.decode()
    detail_html = client.get(synthetic.get_absolute_url()).content.decode()
    real_html = client.get(real.get_absolute_url()).content.decode()
    api = client.get(reverse("reports:api-detail", args=[synthetic.pk])).json()

    assert list_html.count("合成样本") == 1
    assert "合成样本" in detail_html
    assert "合成样本" not in real_html
    assert api["synthetic"] is True


@pytest.mark.django_db
def test_detail_does_not_link_a_non_web_source_url(client):
    report = factories.report(source_url="javascript:alert(1)")

    html = client.get(report.get_absolute_url()).content.decode()

    assert 'href="javascript:' not in html


@pytest.mark.django_db
def test_detail_links_the_comparisons_with_the_agencys_report_before_it(client):
    agency = factories.agency("重庆市綦江区人民政府", region_code="500110")
    first = factories.report(agency, year=2021)
    second = factories.report(agency, year=2022)
    fourth = factories.report(agency, year=2024)

    alone = unescape(client.get(first.get_absolute_url()).content.decode())
    following = unescape(client.get(second.get_absolute_url()).content.decode())
    after_a_gap = unescape(client.get(fourth.get_absolute_url()).content.decode())

    assert f'href="/compare/agency/{agency.pk}/"' in alone and "逐部分对照" not in alone
    assert f'href="/compare/reports/?a={first.pk}&b={second.pk}">与2021年度报告逐部分对照' in following
    assert f'href="/compare/promises/{agency.pk}/?year=2021">2021年计划与本年落实' in following
    # After a year with no report: the texts compare, the plans were for a year not held.
    assert f'href="/compare/reports/?a={second.pk}&b={fourth.pk}"' in after_a_gap
    assert "年计划与本年落实" not in after_a_gap


@pytest.mark.django_db
def test_detail_uses_a_fixed_number_of_queries(client, sectioned_report, django_assert_max_num_queries):
    # Report with agency, place chain, file name and newer version; earlier versions; sections;
    # indicator values with their definitions and groups.
    with django_assert_max_num_queries(4):
        response = client.get(sectioned_report.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.django_db
def test_detail_of_unknown_report_is_404(client):
    assert client.get(reverse("reports:detail", args=[999999])).status_code == 404
    assert client.get(reverse("reports:original", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_original_download_returns_the_exact_bytes_as_an_attachment(client):
    data = "綦江区交通局报告".encode("gb18030") + bytes(range(256))
    report = factories.report(source=factories.source_file(data, name="綦江区交通局 2023.txt"))

    response = client.get(reverse("reports:original", args=[report.pk]))

    assert response.status_code == 200
    assert response.content == data
    assert response["Content-Type"] == "text/plain"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%E7%B6%A6%E6%B1%9F" in disposition


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content_type"),
    [("report.pdf", "application/pdf"), ("page.html", "text/html"), ("blob", "application/octet-stream")],
)
def test_original_download_guesses_the_content_type_from_the_name(client, name, content_type):
    report = factories.report(source=factories.source_file(b"%PDF-1.4 ...", name=name))

    response = client.get(reverse("reports:original", args=[report.pk]))

    assert response["Content-Type"].split(";")[0] == content_type
    assert f'filename="{name}"' in response["Content-Disposition"]


def _public_urls(report) -> list[str]:
    return [
        LIST_URL,
        report.get_absolute_url(),
        "/",
        "/regions/",
        f"/agencies/{report.agency.pk}/",
        f"/years/{report.year}/",
        "/search/?q=法治",
        "/search/export.csv?q=法治",
        "/compare/",
        "/compare/indicator/npc_suggestions/?format=csv",
    ]


@pytest.mark.django_db
def test_pages_and_exports_refuse_post_in_chinese_naming_get_and_head_not_the_csrf_page(
    sectioned_report,
):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    for url in _public_urls(sectioned_report):
        response = client.post(url)

        assert response.status_code == 405, url
        assert response["Allow"] == "GET, HEAD"
        assert "收到的是 POST" in response.content.decode(), url
        if response["Content-Type"].startswith("text/html"):
            assert "<h1>不支持的请求方法</h1>" in response.content.decode(), url
        # a CSV export says it in plain text, as its own refusals do (it was the HTML page)
        if "csv" in url:
            assert response["Content-Type"] == "text/plain; charset=utf-8", url


@pytest.mark.django_db
def test_pages_answer_head_like_get_without_a_body(client, sectioned_report):
    for url in _public_urls(sectioned_report):
        get, head = client.get(url), client.head(url)

        assert head.status_code == get.status_code == 200, url
        assert head.content == b"", url


@pytest.mark.django_db
def test_an_admin_form_failing_its_csrf_check_is_explained_in_chinese_and_saves_nothing(admin_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post("/admin/reports/indicatordefinition/add/", {"key": "new_key"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "表单未能提交" in html and "什么也没有保存" in html
    assert "CSRF verification failed" not in html
    from reports.models import IndicatorDefinition

    assert not IndicatorDefinition.objects.filter(key="new_key").exists()


@pytest.mark.django_db
def test_base_layout_is_chinese_and_loads_the_local_stylesheet(client):
    html = client.get(LIST_URL).content.decode()

    assert '<html lang="zh-CN">' in html
    assert "法治政府建设年度报告库" in html
    assert 'href="/static/reports/site.css"' in html
    assert 'href="/admin/"' in html
    assert '<label for="id_province">省份</label>' in html
    assert "http://" not in html.split("<body>")[0] and "https://" not in html.split("<body>")[0]


@pytest.mark.django_db
def test_agencies_sort_in_pinyin_order_not_code_point_order(client):
    for name in ("重庆市北碚区司法局", "安徽省司法厅", "北京市司法局", "浙江省司法厅"):
        factories.report(factories.agency(name, region_code=None, kind=Agency.Kind.DEPARTMENT), title=name)
    by_agency = listed_titles(client.get(LIST_URL, {"sort": "agency"}))
    # Code-point order would be 北京 (U+5317), 安徽 (U+5B89), 浙江 (U+6D59), 重庆 (U+91CD).
    assert by_agency == ["安徽省司法厅", "北京市司法局", "重庆市北碚区司法局", "浙江省司法厅"]


@pytest.mark.django_db
def test_a_title_the_site_made_is_marked_on_the_report_page_and_in_the_api(client):
    from reports.ingest import import_report
    from tests.test_ingest_metadata import BODY

    untitled = import_report(
        BODY.replace("2023年以来,我们", "2023年,重庆市綦江区交通局坚持依法行政,我们").encode(),
        filename="a.txt",
    )
    report = Report.objects.get(pk=untitled.report_id)

    page = client.get(report.get_absolute_url()).content.decode()
    api = client.get(f"/api/reports/{report.pk}/").json()

    assert report.title_made and report.title == "重庆市綦江区交通局2023年法治政府建设情况报告"
    assert "此标题由本站按机关和年度拟定" in page and api["title_made"] is True


@pytest.mark.django_db
def test_the_report_list_refuses_a_filter_given_twice(client):
    factories.report(year=2023)
    assert 'class="report-item"' in client.get("/reports/?year=2023").content.decode()

    html = client.get("/reports/?year=2024&year=2023").content.decode()

    assert "只能给一个值,收到 2 个:2024、2023。" in html
    assert 'class="report-item"' not in html  # no list read from either year


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("published_on", "inferred", "on_time"),
    [
        (date(2024, 3, 20), False, True),
        (date(2024, 5, 20), False, False),
        (date(2024, 3, 20), True, True),  # a re-post's address day is later still: on time
        (date(2024, 5, 20), True, None),  # the page may have been re-posted: unknown
    ],
)
def test_a_date_read_from_the_address_shows_a_report_on_time_never_late(published_on, inferred, on_time):
    report = factories.report(year=2023, published_on=published_on, published_on_inferred=inferred)

    assert report.published_on_time is on_time


@pytest.mark.django_db
def test_a_date_read_from_the_address_is_marked_so_on_the_report_page(client):
    report = factories.report(year=2023, published_on=date(2024, 3, 20), published_on_inferred=True)

    html = client.get(report.get_absolute_url()).content.decode()

    assert '2024年3月20日</time><span class="date-note"' in html
    assert client.get(f"/api/reports/{report.pk}/").json()["published_on_inferred"] is True


@pytest.mark.parametrize(
    ("url", "other_site"),
    [
        ("http://www.86323970.com/news/123.html", True),  # a mirror that rewrote the text
        ("https://www.sz.gov.cn/a/b.html", False),
        ("", False),  # no address given: nothing to say of it
    ],
)
def test_a_report_from_a_page_off_government_sites_is_a_copy_whose_date_shows_no_timeliness(url, other_site):
    report = Report(year=2023, source_url=url, published_on=date(2024, 3, 1))

    assert report.from_other_site is other_site
    assert report.published_on_time is (None if other_site else True)


@pytest.mark.django_db
def test_the_report_page_says_a_mirror_is_a_copy_and_that_the_official_page_replaced_it(client):
    mirror = factories.report(source_url="http://www.4m8.net/a/1.html", published_on=date(2024, 3, 1))
    official = factories.new_version(mirror, source_url="https://www.jl.gov.cn/zw/1.html")

    copy_page = client.get(mirror.get_absolute_url()).content.decode()
    official_page = client.get(official.get_absolute_url()).content.decode()

    assert "这个地址不在政府网站(gov.cn)上，可能是转载或镜像页" in copy_page
    assert "转载页所注" in copy_page
    assert "这是转载页上的版本。本库后来收录了政府网站发布的这份报告" in copy_page
    assert "发布机关后来发布了修改后的报告" not in copy_page
    assert "不在政府网站" not in official_page


@pytest.mark.django_db
def test_a_report_reposted_on_the_site_of_a_city_below_its_province_is_a_copy_without_timeliness(client):
    report = factories.report(
        factories.agency("河南省交通运输厅", region_code="410000", kind=Agency.Kind.DEPARTMENT),
        year=2021,
        source_url="http://jtj.nanyang.gov.cn/2022/03-21/182826.html",  # 南阳市交通局's repost
        published_on=date(2022, 3, 21),
    )

    assert report.from_other_site and report.published_on_time is None
    html = client.get(report.get_absolute_url()).content.decode()
    assert "这个地址在南阳市政府的网站上，是下级政府转载的页面" in html and "转载页所注" in html
    assert client.get(f"/api/reports/{report.pk}/").json()["from_other_site"] is True


@pytest.mark.django_db
def test_a_report_whose_text_stops_mid_sentence_says_it_may_be_partial_on_its_page_and_its_agencys(client):
    agency = factories.agency()
    cut = factories.report(agency, year=2023, text="一、主要举措\n全年办理行政复议案件61件,依法受理")
    whole = factories.report(agency, year=2022, text="一、主要举措\n" + "全年办理行政复议案件61件。" * 80)

    assert "收录的正文可能只是报告的一部分" in client.get(cut.get_absolute_url()).content.decode()
    assert "收录的正文可能只是报告的一部分" not in client.get(whole.get_absolute_url()).content.decode()
    rows = re.findall(
        r"<tr>\s*<th scope=\"row\">(\d{4})</th>(.*?)</tr>",
        client.get(reverse("reports:agency", args=[agency.pk])).content.decode(),
        re.S,
    )
    assert {year: "正文不完整" in row for year, row in rows} == {"2023": True, "2022": False}
    # the badge is explained in words under the table, not only in a hover title phones lack
    agency_page = client.get(reverse("reports:agency", args=[agency.pk])).content.decode()
    assert "“正文不完整”：收录的正文在句子中间结束" in agency_page
    cut.delete()
    assert "“正文不完整”：" not in client.get(reverse("reports:agency", args=[agency.pk])).content.decode()


@pytest.mark.django_db
def test_the_partial_text_notes_give_the_length_threshold_completeness_uses(client, monkeypatch):
    """The report page and the agency page said 不足1000字 in their own words: a change to the
    threshold would have left them telling readers the old one."""
    monkeypatch.setattr(completeness, "WHOLE_REPORT_MIN_CHARS", 1200)
    monkeypatch.setattr(completeness, "CUT_REASON", "在句子中间结束或不足1200字")
    cut = factories.report(text="一、主要举措\n全年办理行政复议案件61件,依法受理")

    report_page = client.get(cut.get_absolute_url()).content.decode()
    agency_page = client.get(reverse("reports:agency", args=[cut.agency_id])).content.decode()

    assert "或不足1200字，装不下报告应有的五个部分" in report_page
    assert "“正文不完整”：收录的正文在句子中间结束或不足1200字，" in agency_page
    assert "1000字" not in report_page and "1000字" not in agency_page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "encoding", "content_type"),
    [
        ("report.txt", "utf-8", "text/plain; charset=utf-8"),
        ("report.txt", "gb18030", "text/plain; charset=gb18030"),
        ("page.html", "utf-8", "text/html; charset=utf-8"),
        ("page.html", "gb18030", "text/html"),  # the page's own meta tag names it
    ],
)
def test_an_original_text_file_says_its_charset_so_it_opens_ungarbled(client, name, encoding, content_type):
    data = "綦江区2023年法治政府建设情况报告".encode(encoding)
    report = factories.report(source=factories.source_file(data, name=name))

    response = client.get(reverse("reports:original", args=[report.pk]))

    assert response["Content-Type"] == content_type
    assert response.content == data


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "params"), [(LIST_URL, {}), (SEARCH_URL, {"q": "法治"})])
def test_a_flag_given_a_word_that_is_neither_yes_nor_no_is_refused_as_the_api_refuses_it(client, url, params):
    # include_old=abc listed old versions, while the API and the export answered 400
    response = client.get(url, {**params, "include_old": "abc"})

    assert response.status_code == 400
    assert "只能是 1、0、true 或 false" in response.content.decode()
    assert client.get(url, {**params, "include_old": "1"}).status_code == 200  # the checkbox's own value


def test_the_plainly_written_select_says_what_djangos_own_says():
    choices = [("", "全部"), ("a<b", "甲&乙"), ("k:下放", "取消/下放(类别:下放)")]

    def options(html: str) -> list[tuple[str, str, bool]]:
        found = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)
        return [(unescape(value), unescape(label), bool(selected)) for value, selected, label in found]

    for value in (None, "", "k:下放", "a<b"):
        ours = PlainSelect(choices=choices).render("lacks", value, {"id": "id_lacks"})
        theirs = forms.Select(choices=choices).render("lacks", value, {"id": "id_lacks"})
        assert options(ours) == options(theirs)
        assert ours.startswith('<select id="id_lacks" name="lacks">')
