"""Comparing one facet (类别) of a broad key alone: a report's chosen figure of that facet
(``ChosenFacetFigure``) ranked among the same facet's, linked from its report, and the facet
asked for checked against the key's catalogue entry."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

import pytest
from django.http import QueryDict
from django.urls import reverse

from reports.browse import key_indicators
from reports.compare import agency_years, indicator_ranking, year_table
from reports.compare.choices import ranking_region_choices
from reports.compare.params import CompareError, PlaceFilter, facet_param
from reports.models import IndicatorDefinition, IndicatorValue, Report
from tests import factories
from tests.test_compare import csv_rows, page_cells

STREAMLINED = "approval_items_streamlined"


def ranking_url(**params: str) -> str:
    url = reverse("reports:compare-indicator", args=[STREAMLINED])
    return f"{url}?{'&'.join(f'{name}={quote(value)}' for name, value in params.items())}"


@pytest.fixture
def three_reports(db):
    """北京's 2019 report says 取消9项 first and 下放17项 after; two others state one facet each."""
    first = factories.report_with_parts(
        factories.agency(region_code="640302"), 2023, "全年取消行政审批事项9项,下放行政审批事项17项。"
    )
    second = factories.report_with_parts(
        factories.agency(region_code="640303"), 2023, "全年下放行政审批事项118项。"
    )
    third = factories.report_with_parts(
        factories.agency(region_code="500110"), 2023, "全年取消行政审批事项12项。"
    )
    return first, second, third


def test_a_facets_ranking_ranks_each_reports_first_figure_of_that_facet(client, three_reports):
    first, second, third = three_reports
    every = indicator_ranking(IndicatorDefinition.objects.get(key=STREAMLINED), PlaceFilter(), 2023)
    assert [(entry.report, entry.cell.text) for entry in every.entries] == [
        (second, "118项"),
        (third, "12项"),
        (first, "9项"),  # the chosen figure, whatever its facet
    ]

    html = unescape(client.get(ranking_url(year="2023", facet="下放")).content.decode())
    body = client.get(ranking_url(year="2023", facet="下放", format="json")).json()
    rows = csv_rows(client.get(ranking_url(year="2023", facet="下放", format="csv")))

    # 17项 is compared with 118项; 12项 of 取消 is not ranked among them
    assert [(row["report_id"], row["value"], row["rank"], row["facet"]) for row in body["rows"]] == [
        (second.pk, "118项", 1, "下放"),
        (first.pk, "17项", 2, "下放"),
    ]
    assert [(row["报告ID"], row["数值"], row["排名"]) for row in rows] == [
        (str(second.pk), "118项", "1"),
        (str(first.pk), "17项", "2"),
    ]
    assert body["facet"] == "下放" and "(类别:下放)" in body["title"]
    assert "“取消/下放/调整的审批事项”(类别:下放)排名" in html
    # the figures are of one facet: no warning of mixed ones, and the others counted honestly
    assert "分属不同类别" not in html and not any("类别" in w for w in body["warnings"])
    # the one left out states the key, only of another facet: not "nothing found"
    assert (
        "另有 1 份报告没有给出这项指标类别为“下放”的数值(未报告,不计为0,不参与排名),"
        "它们只写到这项指标其他类别或未注明类别的数字。"
    ) in html
    # each facet's ranking is offered with how many reports state it; the chosen one is not a link
    assert "取消(2)" in html and '<strong aria-current="true">下放(2)</strong>' in html
    assert ">全部类别(3)</a>" in html  # every facet: as many reports as the key's ranking lists
    assert f'href="{ranking_url(year="2023")}"' in html.replace("&amp;", "&")  # back to all facets
    # the place picker counts the facet's figures: 重庆 states only 取消
    places = ranking_region_choices(STREAMLINED, PlaceFilter(), 2023, "下放")
    counted = [(choice.region.name, choice.reports) for choice in places]
    assert counted == [("宁夏回族自治区", 2), ("吴忠市", 2)]


def test_a_ranking_without_a_facet_offers_each_facets_ranking(client, three_reports):
    html = unescape(client.get(ranking_url(year="2023")).content.decode())

    assert '<strong aria-current="true">全部类别(3)</strong>' in html  # each report's chosen figure
    assert f'href="{ranking_url(year="2023", facet="下放")}"' in html.replace("&amp;", "&")
    # a key without facets offers none
    plain = client.get(reverse("reports:compare-indicator", args=["npc_suggestions"])).content.decode()
    assert "按类别比较" not in plain


def test_a_facet_the_key_does_not_have_is_refused_with_the_ones_it_has(client, three_reports):
    response = client.get(ranking_url(facet="上调"))
    text = unescape(response.content.decode())

    assert response.status_code == 400
    assert "没有类别“上调”" in text and "可选的类别:取消、下放、承接、调整、精简" in text
    json_error = client.get(ranking_url(facet="上调", format="json"))
    assert json_error.status_code == 400 and "上调" in json_error.json()["error"]
    no_facets = client.get(reverse("reports:compare-indicator", args=["npc_suggestions"]) + "?facet=下放")
    assert no_facets.status_code == 400
    assert "不分类别" in unescape(no_facets.content.decode())


def test_the_facet_asked_for_is_read_in_the_catalogues_order_however_written(db):
    definition = IndicatorDefinition(name="取消和下放事项", facets="取消: 取消|清理\n下放: 下放|赋权\n承接")

    def read(raw: str) -> str:
        return facet_param(QueryDict(f"facet={quote(raw)}"), definition)

    assert read("下放") == "下放"
    assert read("下放+取消") == read("下放 取消") == "取消+下放"  # a typed + arrives as a space
    assert read("取消＋下放") == "取消+下放"  # a Chinese keyboard's ＋
    assert read("") == ""
    with pytest.raises(CompareError, match="没有类别“赋权”"):
        read("赋权")  # a word naming a facet is not its label
    with pytest.raises(CompareError, match="facet"):
        facet_param(QueryDict("facet=下放&facet=取消"), definition)


def test_a_facets_figure_links_from_its_report_to_its_row_in_that_facets_ranking(client, three_reports):
    first, _second, _third = three_reports
    html = client.get(reverse("reports:detail", args=[first.pk])).content.decode()
    links = {
        facet: reverse("reports:ranking-row", args=[STREAMLINED, first.pk]) + f"?facet={quote(facet)}"
        for facet in ("取消", "下放")
    }
    assert all(f'href="{link}"' in html for link in links.values())

    redirect = client.get(links["下放"])
    assert redirect.status_code == 302
    assert redirect["Location"].endswith(f"facet={quote('下放')}#report-{first.pk}")
    page = client.get(redirect["Location"]).content.decode()
    assert f'id="report-{first.pk}"' in page and "17项" in page
    # a facet the report states no figure of has no row to open
    missing = client.get(reverse("reports:ranking-row", args=[STREAMLINED, first.pk]) + "?facet=承接")
    assert missing.status_code == 404
    assert "类别为“承接”的数值" in unescape(missing.content.decode())


def test_an_agencys_key_mixing_facets_is_followed_by_a_row_per_facet(client, db):
    # 2022 says 取消9项 first and 下放17项 after: 2023's 下放118项 is compared with 17项
    agency = factories.agency(region_code="640303")
    factories.report_with_parts(agency, 2022, "全年取消行政审批事项9项,下放行政审批事项17项。")
    factories.report_with_parts(agency, 2023, "全年下放行政审批事项118项。")
    factories.report_with_parts(agency, 2024, "全年取消行政审批事项12项。")

    result = agency_years(agency)
    rows = {row.facet: row for row in result.rows if row.indicator.key == STREAMLINED}
    url = reverse("reports:compare-agency", args=[agency.pk])
    html = unescape(client.get(url).content.decode())
    exported = [row for row in csv_rows(client.get(url + "?format=csv")) if row["指标键"] == STREAMLINED]
    since = {(row["分类别行"], row["年度"]): row["增减的起始年度"] for row in exported}

    assert list(rows) == ["", "取消", "下放"]  # the key's row, then its facets in catalogue order
    assert [cell.text for cell in rows[""].cells] == ["9项", "118项", "12项"]
    assert [cell.change_text for cell in rows[""].cells] == ["", "类别不同,不计增减", "类别不同,不计增减"]
    # a year stating the key in another facet only says so (未报告此类), never 0
    assert [cell.text for cell in rows["下放"].cells] == ["17项", "118项", "未报告此类"]
    assert [cell.change_text for cell in rows["下放"].cells] == ["", "+101项(+594.1%)", ""]
    assert [cell.text for cell in rows["取消"].cells] == ["9项", "未报告此类", "12项"]
    assert rows["下放"].sparkline.count("<polyline") == 1  # 17 → 118, one line
    assert any("下方按类别分行列出各年同类的数字" in warning for warning in result.warnings)
    assert "其中 类别:下放" in html and f"facet={quote('下放')}" in html
    assert [(row["分类别行"], row["数值"], row["增减"]) for row in exported] == [
        ("", "9项", ""),
        ("", "118项", "类别不同,不计增减"),
        ("", "12项", "类别不同,不计增减"),
        ("取消", "9项", ""),
        ("取消", "未报告此类", ""),
        ("取消", "12项", "较2022年+3项(+33.3%)"),  # from the last year giving one
        ("下放", "17项", ""),
        ("下放", "118项", "'+101项(+594.1%)"),  # defused as a spreadsheet formula
        ("下放", "未报告此类", ""),
    ]
    # the year a change is from, for a spreadsheet to tell one year's from several years'
    assert (since["取消", "2024"], since["下放", "2023"], since["下放", "2022"]) == ("2022", "2022", "")
    # the agency's own page keeps its short table of keys, with their warnings only
    short = key_indicators(agency)
    assert all(not row.facet for row in short.rows)
    assert any("分属不同类别" in warning for warning in short.warnings)
    assert not any("下方按类别分行列出" in warning for warning in short.warnings)
    page = unescape(client.get(reverse("reports:agency", args=[agency.pk])).content.decode())
    assert "数字分属不同类别(2022年 取消、2023年 下放、2024年 取消)" in page


def test_an_agencys_key_of_one_facet_has_no_rows_per_facet(db):
    agency = factories.agency(region_code="640303")
    factories.report_with_parts(agency, 2022, "全年下放行政审批事项17项。")
    factories.report_with_parts(agency, 2023, "全年下放行政审批事项118项,精简审批环节。")

    rows = [row for row in agency_years(agency).rows if row.indicator.key == STREAMLINED]

    assert [(row.facet, [cell.change_text for cell in row.cells]) for row in rows] == [
        ("", ["", "+101项(+594.1%)"])
    ]


def test_the_coverage_of_one_facet_counts_the_reports_stating_a_figure_of_it(client, three_reports):
    url = reverse("reports:compare-coverage", args=[STREAMLINED])
    every = client.get(url + "?year=2023&format=json").json()
    facet = client.get(url + f"?year=2023&facet={quote('下放')}&format=json").json()

    def totals(body) -> dict[str, tuple[int, int]]:
        return {
            row["province"]: (row["stated"], row["held"])
            for row in body["rows"]
            if row["agency_level"] == "合计"
        }

    assert totals(every) == {"宁夏回族自治区": (2, 2), "重庆市": (1, 1), "合计": (3, 3)}
    assert totals(facet) == {"宁夏回族自治区": (2, 2), "重庆市": (0, 1), "合计": (2, 3)}
    assert facet["facet"] == "下放" and "类别:下放" in facet["title"]
    # each count opens the facet's ranking of its reports
    ningxia = next(row for row in facet["rows"] if row["province"] == "宁夏回族自治区" and row["stated"])
    assert f"facet={quote('下放')}" in ningxia["ranking_url"]
    html = unescape(client.get(url + f"?year=2023&facet={quote('下放')}").content.decode())
    assert '<option value="下放" selected>' in html
    assert client.get(url + "?facet=上调").status_code == 400


def test_the_api_says_which_figure_each_facets_ranking_shows(client, db):
    report = factories.report_with_parts(
        factories.agency(region_code="640302"),
        2023,
        "全年取消行政审批事项9项,下放行政审批事项17项,再取消3项。",
    )
    body = client.get(reverse("reports:api-detail", args=[report.pk])).json()
    shown = {
        body["text"][item["start"] : item["end"]]: (item["facet"], item["chosen"], item["chosen_in_facet"])
        for item in body["indicators"]
        if item["key"] == STREAMLINED
    }

    assert shown == {
        "9项": ("取消", True, True),
        "17项": ("下放", False, True),
        "3项": ("取消", False, False),
    }


def test_the_catalogue_offers_each_facets_ranking_with_its_count(client, three_reports):
    html = unescape(client.get(reverse("reports:compare")).content.decode())
    entry = html[html.index("取消/下放/调整的审批事项</a>") :].split("</li>", 1)[0]

    ranking = reverse("reports:compare-indicator", args=[STREAMLINED])
    assert (
        f'<a href="{ranking}?facet={quote("取消")}">取消</a> <span class="compare-catalogue__count">2</span>'
        in entry
    )
    assert (
        f'<a href="{ranking}?facet={quote("下放")}">下放</a> <span class="compare-catalogue__count">2</span>'
        in entry
    )
    assert "精简" not in entry.split("按类别", 1)[1]  # no report states it: not offered


def test_an_agencys_facet_rows_are_explained_when_each_years_first_figure_is_of_one_facet(db):
    agency = factories.agency(region_code="640303")
    factories.report_with_parts(agency, 2022, "全年下放行政审批事项17项,取消行政审批事项9项。")
    factories.report_with_parts(agency, 2023, "全年下放行政审批事项118项。")

    result = agency_years(agency)

    assert [row.facet for row in result.rows if row.indicator.key == STREAMLINED] == ["", "取消", "下放"]
    note = "各年的报告写到几类数字(取消、下放),表中每年按取值规则只取一个数字"
    assert any(note in warning for warning in result.warnings)


def test_a_facets_ranking_names_its_facet_in_its_caption_and_counts(client, three_reports):
    html = unescape(client.get(ranking_url(year="2023", facet="下放")).content.decode())

    assert '<caption id="rank-caption">“取消/下放/调整的审批事项”(类别:下放)排名</caption>' in html
    assert "写到这项指标此类数字的报告数" in html
    # a facet no report in the filter states is shown chosen, with none
    empty = unescape(client.get(ranking_url(year="2023", facet="精简")).content.decode())
    assert '<strong aria-current="true">精简(0)</strong>' in empty


def test_the_coverage_page_leads_back_to_the_ranking_of_its_year_kind_and_facet(client, three_reports):
    url = reverse("reports:compare-coverage", args=[STREAMLINED])
    html = client.get(url + f"?year=2023&kind=government&facet={quote('下放')}").content.decode()

    assert f'href="{ranking_url(year="2023", kind="government", facet="下放")}"' in html.replace("&amp;", "&")


def test_the_report_panel_names_each_figures_facet(client, three_reports):
    first, _second, _third = three_reports
    html = client.get(reverse("reports:detail", args=[first.pk])).content.decode()

    assert html.count("类别:取消</span>") == 1 and html.count("类别:下放</span>") == 1


def test_the_values_api_gives_one_facets_figures_of_a_key(client, three_reports):
    url = reverse("reports:api-values")
    body = client.get(url, {"key": STREAMLINED, "facet": "下放"}).json()

    assert sorted(row["facet"] for row in body["results"]) == ["下放", "下放"]
    assert client.get(url, {"facet": "下放"}).status_code == 400  # a facet belongs to a key
    refused = client.get(url, {"key": STREAMLINED, "facet": "上调"})
    assert refused.status_code == 400 and "可选的类别" in refused.json()["error"]


def test_the_compare_index_opens_a_facets_ranking_asked_for_by_key_and_facet(client, db):
    index = reverse("reports:compare")
    opened = client.get(index, {"indicator": STREAMLINED, "facet": "下放"})

    assert opened.status_code == 302 and opened["Location"] == ranking_url(facet="下放")
    assert client.get(index, {"indicator": STREAMLINED, "facet": "上调"}).status_code == 400


def test_a_facets_ranking_counts_other_figures_of_the_facet_only(client, db):
    factories.report_with_parts(
        factories.agency(region_code="640302"),
        2023,
        "全年下放行政审批事项17项,取消行政审批事项9项,又下放行政审批事项5项,取消3项。",
    )
    html = unescape(client.get(ranking_url(year="2023", facet="下放")).content.decode())

    assert "另有1处" in html and "同一报告中此类别的其他数值未计入" in html
    assert "类别:下放</span>" not in html  # it goes without saying


def test_a_year_table_compares_one_facet_of_a_key_in_a_column_of_its_own(client, three_reports):
    first, second, _third = three_reports
    url = reverse("reports:compare-year")
    query = {"region": "640000", "year": "2023", "keys": f"{STREAMLINED},{STREAMLINED}:下放"}
    table = year_table(
        PlaceFilter(region=factories.region("640000")), 2023, [STREAMLINED, f"{STREAMLINED}:下放"]
    )
    body = client.get(url, {**query, "format": "json", "sort": f"{STREAMLINED}：下放"}).json()
    html = unescape(client.get(url, query).content.decode())

    assert [column.title for column in table.columns] == [
        "取消/下放/调整的审批事项",
        "取消/下放/调整的审批事项(类别:下放)",
    ]
    cells = {line.report: [cell.text for cell in line.cells] for line in table.lines}
    assert cells == {first: ["9项", "17项"], second: ["118项", "118项"]}  # 17项 beside 9项's year
    # sorted by the facet column (a full-width colon read as the mark), exported with it
    facet_rows = [row for row in body["rows"] if row["column_facet"] == "下放"]
    assert [(row["report_id"], row["value"], row["rank"]) for row in facet_rows] == [
        (second.pk, "118项", 1),
        (first.pk, "17项", 2),
    ]
    assert "(类别:下放)" in html and f'value="{STREAMLINED}:下放" checked' in html
    # an agency's name opens its years with the table's indicator (a facet column: its key)
    agency_url = reverse("reports:compare-agency", args=[first.agency_id])
    assert f'href="{agency_url}?keys={STREAMLINED}"' in html
    ranking = unescape(client.get(ranking_url(year="2023")).content.decode())
    assert f'href="{agency_url}?keys={STREAMLINED}"' in ranking
    assert html.count("类别:下放</span>") == 1  # the plain column's 118项; the facet column's go without
    assert f"keys={STREAMLINED},{STREAMLINED}:{quote('下放')}" in html  # the permalink, readable
    ranking = ranking_url(year="2023", region="640000", facet="下放")
    assert f'href="{ranking}"' in html.replace("&amp;", "&")
    # a facet the key lacks is refused, naming the ones it has
    refused = client.get(url, {**query, "keys": f"{STREAMLINED}:上调"})
    assert refused.status_code == 400 and "可选的类别" in unescape(refused.content.decode())


def test_an_agencys_table_refuses_a_column_of_one_facet_saying_it_lists_them(client, db):
    agency = factories.agency(region_code="640303")
    url = reverse("reports:compare-agency", args=[agency.pk])
    refused = client.get(url, {"keys": f"{STREAMLINED}:下放"})

    assert refused.status_code == 400 and "按类别分行列出" in unescape(refused.content.decode())
    assert client.get(url, {"keys": STREAMLINED}).status_code == 200


def test_a_facet_the_figures_still_carry_opens_its_ranking_after_a_catalogue_rename(client, three_reports):
    # staff renamed a facet in the catalogue; until re-extraction the figures carry the old label,
    # and the pages link to it
    IndicatorValue.objects.filter(key=STREAMLINED, facet="下放").update(facet="旧下放")

    assert client.get(ranking_url(facet="旧下放")).status_code == 200
    assert client.get(ranking_url(facet="从未有过")).status_code == 400


def test_under_a_facet_a_report_stating_the_key_only_over_several_years_is_not_silent(client, db):
    factories.report_with_parts(factories.agency(region_code="640302"), 2023, "全年下放行政审批事项17项。")
    factories.report_with_parts(
        factories.agency(region_code="640303"), 2023, "2019年以来累计取消行政审批事项30项。"
    )
    html = unescape(client.get(ranking_url(year="2023", facet="下放")).content.decode())

    assert "另有 1 份报告没有给出这项指标类别为“下放”的数值" in html
    assert "它们只写到这项指标其他类别或未注明类别的数字" in html


def test_a_facet_column_typed_with_a_plus_that_arrived_as_a_space_is_read_whole(client, three_reports):
    url = reverse("reports:compare-year")
    typed = client.get(url + f"?region=640000&year=2023&keys={STREAMLINED}:{quote('取消 下放')}&format=json")
    empty = client.get(url + f"?region=640000&year=2023&keys=:{quote('下放')}")

    assert typed.status_code == 200 and typed.json()["keys"] == [f"{STREAMLINED}:取消+下放"]
    assert empty.status_code == 404 and ":下放" in unescape(empty.content.decode())


def test_a_blank_facet_does_not_narrow_the_values_api(client, three_reports):
    url = reverse("reports:api-values")
    every = client.get(url, {"key": STREAMLINED}).json()["count"]

    assert client.get(url, {"key": STREAMLINED, "facet": " "}).json()["count"] == every == 4


def test_every_one_facet_table_exports_what_its_page_shows_and_links_each_figure(client, db):
    """The issue's check, for the pages that compare one facet: CSV equals the page, and every
    figure opens its sentence."""
    agency = factories.agency(region_code="640303")
    factories.report_with_parts(agency, 2022, "全年取消行政审批事项9项,下放行政审批事项17项。")
    factories.report_with_parts(agency, 2023, "全年下放行政审批事项118项。")
    factories.report_with_parts(factories.agency(region_code="640302"), 2023, "全年取消行政审批事项12项。")
    pages = {
        # (page, CSV row → the page's (row, column) of its cell)
        "agency": (
            reverse("reports:compare-agency", args=[agency.pk]),
            lambda row: (STREAMLINED + (f":{row['分类别行']}" if row["分类别行"] else ""), row["年度"]),
        ),
        "year": (
            reverse("reports:compare-year") + f"?region=640000&year=2023&keys={STREAMLINED}:{quote('下放')}",
            lambda row: (row["机关ID"], "0"),
        ),
        "ranking": (ranking_url(facet="下放"), lambda row: (row["报告ID"], "value")),
    }
    for name, (url, cell_of) in pages.items():
        cells = page_cells(client.get(url).content.decode())
        joiner = "&" if "?" in url else "?"
        rows = csv_rows(client.get(url + f"{joiner}format=csv"))
        # one row a cell, every cell a row
        assert sorted(cell_of(row) for row in rows) == sorted(cells), name
        for row in rows:
            shown = cells[cell_of(row)]
            assert row["数值"] == shown["value"], (name, row)
            if shown["href"]:  # the figure opens its sentence, marked in its report
                followed = client.get(shown["href"])
                anchor = f"#ind-{row['起始位置']}-{row['结束位置']}"
                assert followed.status_code == 302 and followed["Location"].endswith(anchor)


@pytest.fixture
def four_reports(three_reports):
    """The three reports and one whose figure names two facets at once (取消+下放)."""
    fourth = factories.report_with_parts(
        factories.agency(region_code="500152"), 2023, "全年取消和下放行政审批事项5项。"
    )
    return (*three_reports, fourth)


def test_the_pickers_offer_the_facets_reports_state_also_those_naming_several(client, four_reports):
    combined = "取消+下放"
    catalogue = unescape(client.get(reverse("reports:compare")).content.decode())
    entry = catalogue[catalogue.index("取消/下放/调整的审批事项</a>") :].split("</li>", 1)[0]
    coverage = unescape(
        client.get(reverse("reports:compare-coverage", args=[STREAMLINED]) + "?year=2023").content.decode()
    )
    year = unescape(
        client.get(reverse("reports:compare-year"), {"region": "640000", "year": "2023"}).content.decode()
    )

    ranking = reverse("reports:compare-indicator", args=[STREAMLINED])
    assert f'<a href="{ranking}?facet={quote(combined)}">{combined}</a>' in entry
    assert f'<option value="{combined}">{combined}</option>' in coverage
    assert f'value="{STREAMLINED}:{combined}">{combined}</label>' in year
    # single facets first, in the catalogue's order; a label no report states is not offered
    options = coverage.split('id="coverage-facet"', 1)[1].split("</select>", 1)[0]
    assert [option.split('"')[1] for option in options.split("<option value=")[1:]] == [
        "",
        "取消",
        "下放",
        combined,
    ]
    assert f":{quote('精简')}" not in year and ":精简" not in year


def test_a_facet_no_report_states_stays_chosen_in_the_pickers(client, four_reports):
    coverage = unescape(
        client.get(
            reverse("reports:compare-coverage", args=[STREAMLINED]) + f"?year=2023&facet={quote('精简')}"
        ).content.decode()
    )
    year = unescape(
        client.get(
            reverse("reports:compare-year"),
            {"region": "640000", "year": "2023", "keys": f"{STREAMLINED}:精简"},
        ).content.decode()
    )

    assert '<option value="精简" selected>精简</option>' in coverage
    assert f'value="{STREAMLINED}:精简" checked>精简</label>' in year


def test_a_rankings_unreported_reports_are_listed_by_a_link(client, three_reports):
    *_stating, third = three_reports
    silent = factories.report_with_parts(
        factories.agency("利通区司法局", region_code="640302", kind="department"), 2023, "全年办理建议50件。"
    )
    ranking = unescape(client.get(ranking_url(year="2023", facet="下放")).content.decode())
    link = re.search(r'<a href="([^"]+)">列出这 (\d+) 份报告</a>', ranking)

    listed = client.get(link.group(1).replace("&amp;", "&"))

    # the 未报告 of 下放: 重庆's 取消 report and the one stating no such figure
    assert link.group(2) == "2"
    assert sorted(report.pk for report in listed.context["page_obj"].object_list) == sorted(
        [third.pk, silent.pk]
    )
    # every facet's ranking leaves out only the report without the key; within a place too
    every = unescape(client.get(ranking_url(year="2023", region="640000")).content.decode())
    one = re.search(r'<a href="([^"]+)">列出这 (\d+) 份报告</a>', every)
    assert one.group(2) == "1" and "province=640000" in one.group(1)
    assert [r.pk for r in client.get(one.group(1).replace("&amp;", "&")).context["page_obj"].object_list] == [
        silent.pk
    ]
    # a ranking of agencies given by id: the list cannot narrow to them, so no link
    ids = ",".join(str(report.agency_id) for report in (*_stating, silent))
    by_id = unescape(client.get(ranking_url(year="2023", agencies=ids)).content.decode())
    assert "未报告" in by_id and "列出这" not in by_id
    # the list offers the filter by name, and the API takes it too
    page = unescape(listed.content.decode())
    chosen = f'<option value="{STREAMLINED}:下放" selected>取消/下放/调整的审批事项(类别:下放)</option>'
    assert chosen in page
    # and says in words what was chosen, with the way back to its ranking
    assert "以下报告中没有识别到“取消/下放/调整的审批事项(类别:下放)”的数字" in page
    assert f'<a href="{ranking_url(facet="下放")}">给出这项数字的报告排名</a>' in page
    api = client.get(reverse("reports:api-list"), {"lacks": STREAMLINED}).json()
    assert [row["id"] for row in api["results"]] == [silent.pk]
    refused = client.get(reverse("reports:api-list"), {"lacks": "no_such_key"})
    assert refused.status_code == 400 and "没有指标“no_such_key”" in str(refused.json())
    # a facet spelt as the compare pages take it, or one no report states (a review: 400s)
    for spelling in (f"{STREAMLINED}：下放", f"{STREAMLINED}:下放 取消", f"{STREAMLINED}:下放＋取消"):
        found = client.get(reverse("reports:list"), {"lacks": spelling, "year": "2023"})
        assert found.status_code == 200, spelling
    combined = client.get(reverse("reports:list"), {"lacks": f"{STREAMLINED}:下放 取消"})
    assert f'<option value="{STREAMLINED}:取消+下放" selected>' in combined.content.decode()
    unstated = client.get(reverse("reports:list"), {"lacks": f"{STREAMLINED}:精简"})
    assert unstated.status_code == 200 and len(unstated.context["page_obj"].object_list) == 4
    wrong = unescape(client.get(reverse("reports:list"), {"lacks": f"{STREAMLINED}:上调"}).content.decode())
    assert "没有类别“上调”" in wrong


def test_the_pages_offering_facets_read_the_facet_counts_once_not_per_key(
    client, three_reports, django_assert_max_num_queries
):
    # each key's facets asked for the kept counts again: a freshness check per key (55 queries)
    for url in (reverse("reports:compare"), reverse("reports:compare-year") + "?region=640000&year=2023"):
        client.get(url)  # kept values computed
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


def test_the_agency_page_names_partial_years_only_where_its_own_rows_show_a_gap(client, db):
    # a facet row's 未报告此类 named a year whose shown row had its figure (a review)
    agency = factories.agency(region_code="640303")
    earlier = factories.report_with_parts(agency, 2022, "全年取消行政审批事项9项。")
    later = factories.report_with_parts(agency, 2023, "全年下放行政审批事项118项。")
    Report.objects.filter(pk=earlier.pk).update(text_cut=False)
    Report.objects.filter(pk=later.pk).update(text_cut=True)

    full = agency_years(agency)
    short = key_indicators(agency)
    page = unescape(client.get(reverse("reports:agency", args=[agency.pk])).content.decode())

    assert any("2023年度的报告收录的正文不完整" in warning for warning in full.warnings)  # 取消's row
    assert not any("正文不完整" in warning for warning in short.warnings)
    assert "2023年度的报告收录的正文不完整" not in page


def test_each_coverage_cell_links_the_reports_not_stating_the_key(client, three_reports):
    silent = factories.report_with_parts(
        factories.agency("利通区司法局", region_code="640302", kind="department"), 2023, "全年办理建议50件。"
    )
    url = reverse("reports:compare-coverage", args=[STREAMLINED])
    body = client.get(url + f"?year=2023&facet={quote('下放')}&format=json").json()
    ningxia = next(
        row for row in body["rows"] if row["province"] == "宁夏回族自治区" and row["agency_level"] == "合计"
    )

    # 宁夏: 3 held, 2 stating 下放; the list the cell links holds the other
    assert (ningxia["stated"], ningxia["held"]) == (2, 3)
    listed = client.get(ningxia["missing_url"])
    assert [report.pk for report in listed.context["page_obj"].object_list] == [silent.pk]
    # every cell with reports left out links them, and the list counts what the cell says
    for row in body["rows"]:
        if row["held"] > row["stated"]:
            shown = client.get(row["missing_url"]).context["page_obj"].paginator.count
            assert shown == row["held"] - row["stated"], row
        else:
            assert row["missing_url"] is None
    html = unescape(client.get(url + f"?year=2023&facet={quote('下放')}").content.decode())
    assert "未报告1</a>" in html
