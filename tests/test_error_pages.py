"""Error pages (404, 403, 500) are the site's own, in Chinese, never Django's."""

import json

import pytest
from django.template.loader import render_to_string
from django.urls import get_resolver


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/compare/agency/-1/",  # the URL pattern takes no negative id
        "/compare/agency/abc/",
        "/reports/0/",
        "/no-such-page/",
    ],
)
def test_unknown_addresses_get_a_chinese_404_page_with_ways_back(client, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert "找不到这个页面" in html and path in html
    assert 'href="/"' in html and "Page not found" not in html and "URLconf" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "reason"),
    [("/years/1800/", "没有 1800 年度"), ("/years/2024/?region=abc", "没有区划代码为“abc”的地区")],
)
def test_a_page_that_finds_nothing_says_what_it_did_not_find(client, url, reason):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert "找不到这个页面" in html and reason in html and "没有对应的页面" not in html


def test_the_500_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")
    assert "出错了" in html and 'href="/"' in html
    # fits a phone's width, as every other page does (it rendered at desktop width, tiny)
    assert 'name="viewport" content="width=device-width' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/compare/agency/1/?keys=%00",
        "/compare/year/?region=110000&sort=%00",
        "/compare/indicator/a%00b/",
        "/compare/?agency=a%00",
        "/search/?q=%E5%A4%8D%00",
        "/regions/%00/",
        "/reports/?agency=%00",
    ],
)
def test_a_nul_character_in_the_address_is_a_400_with_a_message_not_a_server_error(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "空字符" in response.content.decode()


@pytest.mark.django_db
def test_the_api_refuses_a_nul_character_in_json(client):
    response = client.get("/api/search/?q=a%00b")
    assert response.status_code == 400 and "空字符" in response.json()["error"]
    response = client.get("/compare/indicator/x/?format=json&year=%00")
    assert response.status_code == 400 and "空字符" in response.json()["error"]


@pytest.mark.django_db
def test_staff_without_a_permission_get_a_chinese_403_page(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(clerk)

    response = client.get("/admin/reports/indicatordefinition/add/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "没有权限" in html and "联系管理员" in html and "403 Forbidden" not in html


TOO_MANY_FIELDS = "&".join(f"p{n}=1" for n in range(1001))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/api/nope", 404, "没有这个接口地址"),
        ("/compare/agency/-1/?format=json", 404, "没有这个地址"),
        (f"/api/reports/?{TOO_MANY_FIELDS}", 400, "查询参数太多"),
        (f"/compare/year/?format=json&{TOO_MANY_FIELDS}", 400, "查询参数太多"),
        # format read as the compare pages read it: any case, spaces around, percent-encoded
        ("/compare/agency/1/?format=JSON&x=%00", 400, "空字符"),
        ("/compare/agency/1/?format=%20json&x=%00", 400, "空字符"),
        ("/compare/agency/1/?%66ormat=json&x=%00", 400, "空字符"),
    ],
)
def test_the_api_and_json_exports_say_errors_django_raises_in_json(client, url, status, message):
    response = client.get(url)

    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert message in response.json()["error"]


@pytest.mark.django_db
def test_too_many_query_parameters_on_a_page_get_the_chinese_400_page(client):
    response = client.get(f"/reports/?{TOO_MANY_FIELDS}")

    assert response.status_code == 400
    html = response.content.decode()
    assert "请求无效" in html and "查询参数太多" in html and "Bad Request" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "json_expected"), [("/api/reports/", True), ("/reports/", False)])
def test_a_host_not_ours_is_a_400_said_in_the_form_the_address_answers_in(client, url, json_expected):
    response = client.get(url, HTTP_HOST="evil.example.com")

    assert response.status_code == 400
    if json_expected:
        assert "主机名" in response.json()["error"]
    else:
        assert "请求无效" in response.content.decode() and "主机名" in response.content.decode()


@pytest.mark.parametrize(("path", "json_expected"), [("/api/values/", True), ("/reports/", False)])
def test_the_500_handler_answers_the_api_in_json(rf, path, json_expected):
    handler = get_resolver().resolve_error_handler(500)

    response = handler(rf.get(path))

    assert response.status_code == 500
    if json_expected:
        assert json.loads(response.content)["error"].startswith("服务器处理这个请求时出了问题")
    else:
        assert "出错了" in response.content.decode() and response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        (f"/search/export.csv?q=法治&{TOO_MANY_FIELDS}", 400, "查询参数太多"),
        (f"/compare/year/?format=csv&{TOO_MANY_FIELDS}", 400, "查询参数太多"),
        ("/compare/agency/abc/?format=csv", 404, "没有这个地址"),
        ("/no-such-page/?format=csv", 404, "没有这个地址"),
    ],
)
def test_csv_exports_say_errors_django_raises_in_plain_text(client, url, status, message):
    # a script saving the export got the site's HTML page instead
    response = client.get(url)

    assert response.status_code == status
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert message in response.content.decode() and "<html" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/years/1999/?format=json", "/reports/99999/?format=json"])
def test_a_page_that_finds_nothing_says_so_in_json_when_json_is_asked_for(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json") and response.json()["error"]
