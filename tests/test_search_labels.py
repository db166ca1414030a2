"""Search filters speak Chinese: facet labels, filter chips and messages about bad filter values.

The keys come from the ingest code's own data (``reports.ingest.sections``), so a topic or a
section label added there without a Chinese label fails here.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape

import pytest
from django.urls import reverse

from reports.ingest.sections import LABELS, TAXONOMY, TOPICS
from reports.models import Section
from reports.search import FILTER_TITLES, QueryError, index_reports
from reports.search.facets import build_facets
from reports.search.selection import Selection, parse_selection
from tests import factories

SEARCH_URL = reverse("reports:search")
API_URL = reverse("reports:api-search")
HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
# Allowed values are listed as 中文(code): the code is what a URL or API call must carry.
CODE_AFTER_LABEL = re.compile(r"\([a-z_]+\)")


def words_outside_codes(message: str, value: str) -> str:
    return CODE_AFTER_LABEL.sub("", message).replace(value, "")


def visible_text(html: str) -> str:
    """The page's text as a reader sees it (no tags, attributes, scripts or styles)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def alert_text(html: str) -> str:
    match = re.search(r'<div class="notice notice--warning" role="alert">(.*?)</div>', html, re.S)
    assert match, "no warning on the page"
    return " ".join(visible_text(match.group(1)).split())


def facet_label(name: str, key: str) -> str:
    """The label a facet shows for ``key`` of filter ``name``, as counted in a result."""
    facets = build_facets({name: Counter({key: 1})}, Selection())
    (value,) = facets[name]
    assert value.value == key
    return value.label


# --- Every key the ingest code can produce has a Chinese label ---------------------------------


@pytest.mark.parametrize(
    ("name", "keys"),
    [("topic", TOPICS), ("topic", tuple(TAXONOMY)), ("label", LABELS)],
    ids=["topics", "taxonomy", "section-labels"],
)
def test_every_ingest_key_has_a_chinese_facet_label(name, keys):
    assert keys, "the ingest module lists no keys"
    missing = {
        key: label for key in keys if (label := facet_label(name, key)) == key or not HAN.search(label)
    }
    assert not missing, f"{name} keys without a Chinese label: {missing}"


def test_section_label_choices_cover_what_the_splitter_produces():
    assert set(LABELS) <= set(Section.Label.values)


# --- The search page ----------------------------------------------------------------------------


@pytest.fixture
def library():
    """A Chongqing report with a digital-government section; a Ningxia one that matches nothing."""
    qijiang = factories.report(factories.agency("重庆市綦江区司法局", region_code="500110"), year=2023)
    factories.section(
        qijiang, "1", heading="一、数字政府", body="行政复议网上办理平台上线。", topic="digital"
    )
    factories.section(qijiang, "2", heading="二、执法", body="行政复议案件办理。", topic="enforcement")
    litong = factories.report(factories.agency("利通区司法局", region_code="640302"), year=2022)
    factories.section(litong, "1", heading="一、普法", body="开展宪法宣传。", topic="capacity_publicity")
    index_reports([qijiang.pk, litong.pk])
    return qijiang, litong


def active_chips(html: str) -> list[str]:
    block = re.search(r'<ul class="active-filters"[^>]*>(.*?)</ul>', html, re.S)
    assert block, "no active filters on the page"
    chips = re.findall(r"<li><a [^>]*>(.*?)<span", block.group(1), re.S)
    return [" ".join(unescape(chip).split()) for chip in chips]


@pytest.mark.django_db
def test_the_digital_topic_reads_in_chinese_in_the_chip_and_the_facet(client, library):
    html = client.get(SEARCH_URL, {"q": "复议", "topic": "digital"}).content.decode()
    assert "主题:数字法治政府" in active_chips(html)
    text = visible_text(html)
    assert "数字法治政府" in text
    assert "digital" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "chip"),
    [
        ({"topic": "digital", "year": "2022"}, "主题:数字法治政府"),
        ({"province": "640000"}, "省份:宁夏回族自治区"),
        ({"county": "640302"}, "区县:利通区(吴忠市)"),
        ({"year": "2021"}, "年度:2021年"),
        ({"level": "national"}, "机关层级:中央"),
        ({"kind": "department", "year": "2022"}, "机关类型:政府部门"),
        ({"label": "problems"}, "章节类别:存在的不足"),
    ],
)
def test_a_chosen_filter_that_matches_nothing_still_reads_in_chinese(client, library, params, chip):
    html = client.get(SEARCH_URL, {"q": "复议", **params}).content.decode()
    assert "没有找到" in html
    assert chip in active_chips(html)


# --- Messages about bad filter values -----------------------------------------------------------

BAD_VALUES = {
    "province": "123",
    "city": "999999",
    "county": "500000",  # a province's code where a county's is wanted
    "year": "1800",
    "level": "nation",
    "kind": "bureau",
    "label": "foo",
    "topic": "foo",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(BAD_VALUES))
def test_a_bad_filter_value_is_refused_in_chinese_naming_the_filter_as_the_page_does(library, name):
    value = BAD_VALUES[name]
    with pytest.raises(QueryError) as caught:
        parse_selection({name: value})
    message = caught.value.message
    assert FILTER_TITLES[name] in message
    assert f"“{value}”" in message
    assert not LATIN.search(words_outside_codes(message, value)), message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "labels", "codes"),
    [
        ("label", dict(Section.Label.choices).values(), Section.Label.values),
        ("topic", ("数字法治政府", "行政执法", "公共法律服务"), TOPICS),
    ],
)
def test_the_page_lists_the_allowed_values_by_their_chinese_labels(client, library, name, labels, codes):
    html = client.get(SEARCH_URL, {"q": "复议", name: "foo"}).content.decode()
    message = alert_text(html)
    assert message.startswith(f"{FILTER_TITLES[name]}只能是"), message
    for label in labels:
        assert label in message
    for code in codes:
        assert f"({code})" in message  # each after its label, never alone
    assert not LATIN.search(words_outside_codes(message, "foo")), message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "value"), [("label", "foo"), ("topic", "foo"), ("province", "999999"), ("city", "640000")]
)
def test_the_api_gives_the_same_chinese_message_as_the_page(client, library, name, value):
    page_message = alert_text(client.get(SEARCH_URL, {"q": "复议", name: value}).content.decode())
    response = client.get(API_URL, {"q": "复议", name: value})
    assert response.status_code == 400
    assert response.json()["error"] == page_message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "value", "labels"),
    [("level", "nation", ("中央", "省级", "地级", "县级")), ("kind", "bureau", ("人民政府", "政府部门"))],
)
def test_the_api_lists_level_and_kind_by_their_chinese_labels(client, library, name, value, labels):
    response = client.get(API_URL, {"q": "复议", name: value})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith(f"{FILTER_TITLES[name]}只能是"), error
    assert all(label in error for label in labels)
    assert not LATIN.search(words_outside_codes(error, value)), error
