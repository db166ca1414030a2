"""GET /api/values/: every shown indicator value of the current reports, one row each, paged and
filtered, with ``chosen`` marking the figure the compare pages show (``ChosenFigure``)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from reports.models import Agency, IndicatorDefinition, IndicatorValue, Report
from tests import factories
from tests.test_api import LITONG_REGION

pytestmark = pytest.mark.django_db

VALUES_URL = reverse("reports:api-values")


def stored(report: Report, number: str, start: int, **fields) -> IndicatorValue:
    fields.setdefault("definition", IndicatorDefinition.objects.get(key=fields.get("key", "npc_suggestions")))
    base = {name: fields.pop(name) for name in ("base_value", "base_unit") if name in fields}
    value = factories.indicator_value(number, start=start, report_id=report.pk, **fields)
    for name, given in base.items():
        setattr(value, name, given)
    value.save()
    return value


@pytest.fixture
def panel():
    litong = factories.report(factories.agency("吴忠市利通区人民政府", region_code="640302"), year=2023)
    first = stored(litong, "12", 0, measure=IndicatorValue.Measure.CHANGE_PCT, unit="%", qualifier="约")
    chosen = stored(litong, "109", 20, scope="jurisdiction", section_path="1.2")
    later = stored(litong, "5", 40)
    study = stored(litong, "3", 60, key="leaders_law_study", unit="次")
    stored(litong, "8", 80, rejected=True)
    qijiang = factories.report(
        factories.agency("重庆市綦江区司法局", region_code="500110", kind=Agency.Kind.DEPARTMENT), year=2022
    )
    other = stored(qijiang, "1.3", 0, unit="万件", base_value="13000", base_unit="件")
    old = factories.report(factories.agency("许昌市人民政府", region_code="411000"), year=2021)
    stored(old, "77", 0)
    factories.new_version(old)
    return {
        "litong": litong,
        "qijiang": qijiang,
        "first": first,
        "chosen": chosen,
        "later": later,
        "study": study,
        "other": other,
    }


def spans(*values: IndicatorValue) -> list[tuple[int, int]]:
    """What names a figure across extractions (a row's id does not survive one)."""
    return [(value.report_id, value.start) for value in values]


def ids(client, **params) -> list[tuple[int, int]]:
    response = client.get(VALUES_URL, params)
    assert response.status_code == 200, response.json()
    return [(row["report_id"], row["start"]) for row in response.json()["results"]]


def test_one_row_per_shown_value_of_current_reports_in_report_and_text_order(client, panel):
    assert ids(client) == spans(*(panel[name] for name in ("first", "chosen", "later", "study", "other"))), (
        "rejected values and values of a replaced version are left out"
    )


def test_a_row_carries_its_report_agency_place_and_whether_it_is_the_chosen_figure(client, panel):
    rows = {(row["report_id"], row["start"]): row for row in client.get(VALUES_URL).json()["results"]}
    litong = panel["litong"]

    assert rows[spans(panel["chosen"])[0]] == {
        "report_id": litong.pk,
        "year": 2023,
        "agency": {
            "id": litong.agency_id,
            "name": "吴忠市利通区人民政府",
            "kind": "government",
            "level": "county",
        },
        "region": LITONG_REGION,
        "key": "npc_suggestions",
        "name": IndicatorDefinition.objects.get(key="npc_suggestions").name,
        "value": 109,
        "value_high": None,
        "unit": "件",
        "base_value": 109,
        "base_unit": "件",
        "qualifier": "",
        "measure": "level",
        "derived": False,
        "corrected": False,
        "combined": False,
        "scope": "jurisdiction",
        "facet": "",
        "sentence": "办理109件。",
        "sentence_start": 20,
        "sentence_end": 27,
        "start": 22,
        "end": 26,
        "section_path": "1.2",
        "chosen": True,
        "chosen_in_facet": False,  # its key lists no facets
    }
    # The change is never chosen, nor a later figure of the same key; another key has its own.
    assert [rows[spans(panel[n])[0]]["chosen"] for n in ("first", "later", "study")] == [False, False, True]
    assert (
        rows[spans(panel["first"])[0]]["qualifier"] == "约"
        and rows[spans(panel["first"])[0]]["measure"] == "change_pct"
    )
    other = rows[spans(panel["other"])[0]]
    assert (other["value"], other["unit"], other["base_value"], other["base_unit"]) == (
        1.3,
        "万件",
        13000,
        "件",
    )
    assert other["region"] == {
        "province": "重庆市",
        "city": None,
        "county": "綦江区",
        "code": "500110",
        "province_code": "500000",
        "city_code": None,
        "county_code": "500110",
    }


def test_the_detail_marks_the_chosen_figure_of_each_key(client, panel):
    indicators = client.get(reverse("reports:api-detail", args=[panel["litong"].pk])).json()["indicators"]

    assert [(item["start"], item["chosen"]) for item in indicators] == [
        (2, False),
        (22, True),
        (42, False),
        (62, True),
    ]


def test_values_filter_by_key_year_place_level_kind_and_report(client, panel):
    litong = spans(*(panel[name] for name in ("first", "chosen", "later", "study")))
    assert ids(client, key="leaders_law_study") == spans(panel["study"])
    assert ids(client, year="2022") == spans(panel["other"])
    assert ids(client, province="640000") == litong
    assert ids(client, city="640300") == litong
    assert ids(client, county="500110") == spans(panel["other"])
    assert ids(client, level="county", kind="department") == spans(panel["other"])
    assert ids(client, report=str(panel["litong"].pk), key="npc_suggestions") == litong[:3]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"key": "no_such_key"}, "没有指标键“no_such_key”"),
        ({"report": "abc"}, "report"),
        ({"report": "99999999"}, "没有编号为 99999999 的报告"),
        ({"page_size": "501"}, "500"),
        ({"year": "abc"}, "筛选条件无效"),
        ({"include_old": "1"}, "不支持的参数:include_old"),
    ],
)
def test_bad_values_parameters_are_a_400_with_a_message(client, panel, params, fragment):
    response = client.get(VALUES_URL, params)

    assert response.status_code == 400 and fragment in response.json()["error"]


def test_a_replaced_report_is_refused_with_where_its_values_are(client, panel):
    old = Report.objects.get(is_current=False)

    response = client.get(VALUES_URL, {"report": str(old.pk)})

    assert response.status_code == 400
    assert f"/api/reports/{old.pk}/" in response.json()["error"]


def test_values_page_deterministically_up_to_500(client, panel):
    first = client.get(VALUES_URL, {"page_size": "2"}).json()
    third = client.get(VALUES_URL, {"page_size": "2", "page": "3"}).json()

    assert (first["count"], first["num_pages"], first["page_size"]) == (5, 3, 2)
    rows = first["results"] + third["results"]
    assert [(row["report_id"], row["start"]) for row in rows] == spans(
        panel["first"], panel["chosen"], panel["other"]
    )
    assert client.get(VALUES_URL, {"page_size": "500"}).json()["page_size"] == 500
    assert client.get(VALUES_URL).json()["page_size"] == 100


def test_values_queries_do_not_grow_with_the_page(client, django_assert_max_num_queries):
    for index in range(30):
        place = ["500110", "640302", "411000", None][index % 4]
        report = factories.report(factories.agency(f"机关{index}", region_code=place))
        for start in (0, 20):
            stored(report, str(index + start), start)

    # Newest report (for the kept place choices), place choices, whether some place is unknown,
    # year choices, the indicator choices (definitions; facets, kept: their freshness check too),
    # count, page.
    with django_assert_max_num_queries(9):
        response = client.get(VALUES_URL, {"page_size": "60"})
    assert len(response.json()["results"]) == 60
    assert sum(row["chosen"] for row in response.json()["results"]) == 30


def csv_table(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


def test_the_whole_panel_downloads_as_one_csv_with_the_json_rows(client, panel):
    response = client.get(VALUES_URL, {"format": "csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = csv_table(response)
    pages = client.get(VALUES_URL, {"page_size": 500}).json()["results"]
    assert len(rows) == len(pages) == 5  # every shown value of the current reports, unpaged
    for row, item in zip(rows, pages, strict=True):
        assert (int(row["report_id"]), int(row["start"]), row["key"], row["unit"]) == (
            item["report_id"],
            item["start"],
            item["key"] or "",
            item["unit"],
        )
        assert (row["agency_name"], row["region_code"]) == (
            item["agency"]["name"],
            item["region"]["code"] or "",
        )
        assert row["chosen"] == str(item["chosen"]) and row["base_value"] == str(item["base_value"])
    assert client.get(rows[0]["report_url"]).status_code == 200


def test_the_csv_takes_the_filters_of_the_json_and_no_paging(client, panel):
    rows = csv_table(client.get(VALUES_URL, {"format": "csv", "key": "leaders_law_study"}))
    assert [(row["key"], row["figure"]) for row in rows] == [("leaders_law_study", panel["study"].figure)]

    for params, fragment in (
        ({"format": "csv", "page": "2"}, "不分页"),
        ({"format": "xml"}, "format 只能是 json 或 csv"),
        ({"format": "csv", "key": "no_such_key"}, "no_such_key"),
    ):
        response = client.get(VALUES_URL, params)
        assert response.status_code == 400 and fragment in response.json()["error"], params


def test_csv_text_cells_are_not_run_as_formulas(client, panel):
    IndicatorValue.objects.filter(pk=panel["later"].pk).update(sentence="=HYPERLINK(1)办理建议5件")

    row = next(row for row in csv_table(client.get(VALUES_URL, {"format": "csv"})) if row["start"] == "42")

    assert row["sentence"] == "'=HYPERLINK(1)办理建议5件"


def test_head_on_the_streamed_csv_sends_its_headers_without_generating_the_rows(
    client, panel, django_assert_max_num_queries
):
    # every value of the library was read and written out, then dropped by the server
    get = client.get(VALUES_URL, {"format": "csv"})
    with django_assert_max_num_queries(3):
        head = client.head(VALUES_URL, {"format": "csv"})

    assert head.status_code == 200 and not head.streaming and head.content == b""
    assert (
        head["Content-Disposition"] == get["Content-Disposition"]
        and head["Content-Type"] == get["Content-Type"]
    )
