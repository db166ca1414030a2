"""Pages that do not exist answer with the site's own Chinese 404 page, never Django's."""

import pytest
from django.template.loader import render_to_string


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/compare/agency/-1/",  # the URL pattern takes no negative id
        "/compare/agency/abc/",
        "/reports/0/",
        "/no-such-page/",
        "/years/1800/",  # a view's own Http404
    ],
)
def test_unknown_addresses_get_a_chinese_404_page_with_ways_back(client, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert "找不到这个页面" in html and path in html
    assert 'href="/"' in html and "Page not found" not in html and "URLconf" not in html


def test_the_500_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")
    assert "出错了" in html and 'href="/"' in html
