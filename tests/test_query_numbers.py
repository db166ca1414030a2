"""Whole numbers in query strings: ASCII digits only, and no length of them breaks a page.

Python's ``int()`` raises on strings of more than 4,300 digits; every page and API endpoint
that reads a year, a page number or an id answers such a value as it answers any number out of
range (found by an audit that sent 10,000 nines: 45 requests were a server error).
"""

from __future__ import annotations

import json
from html import unescape

import pytest

from reports.query_ints import query_int
from reports.seeding import load_seed_fixture

HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("2023", 2023),
        ("0", 0),
        ("007", 7),
        ("9" * 18, int("9" * 18)),
        ("9" * 19, None),
        (HUGE, None),
        ("", None),
        ("+3", None),
        ("-1", None),
        (" 3", None),
        ("3.0", None),
        ("3_000", None),
        ("２０２３", None),
        ("٢٠٢٣", None),
    ],
)
def test_a_number_is_one_to_eighteen_ascii_digits(raw, number):
    assert query_int(raw) == number


@pytest.fixture
def seeds(db):
    assert load_seed_fixture() == 5


# (url, status, words of the message shown); {n} is the 5,000-digit number
HUGE_NUMBER_REQUESTS = [
    ("/reports/?year={n}", 400, "请输入由数字 0–9 写成的正整数"),
    ("/reports/?page={n}", 200, "利通区"),
    ("/years/2021/?page={n}", 200, "2021"),
    ("/years/2021/?missing_page={n}", 200, "2021"),
    ("/search/?q=法治&year={n}", 400, "检索条件有误"),
    ("/compare/?agency={n}", 200, "比较"),
    ("/compare/year/?year={n}&region=500000", 400, "应为正整数"),
    ("/compare/year/?agencies={n}", 400, "应为正整数"),
    ("/compare/year/?year={n}&region=500000&format=csv", 400, "应为正整数"),
    ("/compare/indicator/penalty_cases/?year={n}", 400, "应为正整数"),
    ("/compare/indicator/penalty_cases/?agencies={n}", 400, "应为正整数"),
    ("/compare/indicator/penalty_cases/?page={n}", 400, "应为正整数"),
    ("/compare/indicator/penalty_cases/coverage/?year={n}&format=json", 400, "应为正整数"),
    ("/compare/reports/?a={n}&b=1", 400, "应为正整数"),
    ("/compare/promises/5/?year={n}", 400, "应为正整数"),
    ("/api/reports/?year={n}", 400, "请输入由数字 0–9 写成的正整数"),
    ("/api/reports/?page={n}", 400, "不小于 1 的整数"),
    ("/api/reports/?page_size={n}", 400, "不小于 1 的整数"),
    ("/api/search/?q=法治&page={n}", 400, "不小于 1 的整数"),
    ("/api/search/?q=法治&year={n}", 400, "2000 到 2100 之间"),
    ("/api/values/?year={n}", 400, "请输入由数字 0–9 写成的正整数"),
    ("/api/values/?report={n}", 400, "不小于 1 的整数"),
    ("/api/values/?page={n}", 400, "不小于 1 的整数"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "status", "words"), HUGE_NUMBER_REQUESTS)
def test_a_number_of_thousands_of_digits_is_answered_as_out_of_range(client, seeds, url, status, words):
    response = client.get(url.format(n=HUGE))

    assert response.status_code == status
    assert words in shown_text(response)


def shown_text(response) -> str:
    """What the reader is told: a page's text or an API's JSON, with its Chinese readable."""
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return unescape(response.content.decode("utf-8-sig"))


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["２０２３", "+2023", "2_023", "2023.0", "٢٠٢٣"])
@pytest.mark.parametrize(
    ("url", "params"), [("/api/reports/", {}), ("/api/values/", {}), ("/api/search/", {"q": "法治"})]
)
def test_the_api_reads_a_year_only_in_ascii_digits(client, seeds, url, params, year):
    assert client.get(url, {**params, "year": "2023"}).status_code == 200
    assert client.get(url, {**params, "year": year}).status_code == 400
