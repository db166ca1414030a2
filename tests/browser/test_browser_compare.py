"""Compare pages in Chromium: from an agency to its figures across years, the chart drawn, a figure
followed to its sentence marked in the report."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from reports.indicators.loading import sync_catalogue
from reports.models import IndicatorDefinition, IndicatorGroup, IndicatorValue
from tests import factories
from tests.browser.checks import contrast_ratio, focused_element, horizontal_overflow

pytestmark = pytest.mark.browser


def test_agency_compare_across_years_opens_a_figure_in_its_report(page, seed_reports, screenshot):
    seed = next(report for report in seed_reports if report.agency.name == "重庆市綦江区人民政府")
    agency = seed.agency
    measures_2022 = "全年办理人大代表建议340件,政协提案300件。受理行政复议申请70件。"
    factories.report_with_parts(agency, 2022, measures_2022)
    factories.report_with_parts(agency, 2023, "全年办理人大代表建议351件。收到行政复议申请66件。")
    target = seed.indicator_values.get(key="npc_suggestions")  # 322件, 2021

    page.goto(f"/agencies/{agency.pk}/")
    page.get_by_role("link", name="比较历年指标").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"{agency.name}历年指标")
    table = page.locator("table.compare-table--years")
    expect(table.locator("caption")).to_be_visible()
    row = table.locator("tbody tr").filter(has=page.get_by_role("rowheader", name="办理人大代表建议"))
    chart = row.locator("svg.chart--sparkline")
    expect(chart).to_be_visible()
    assert chart.get_attribute("role") == "img"
    assert "2021年 322件" in chart.get_attribute("aria-label")
    expect(row.locator('td[data-col="2022"] .compare-change')).to_have_text("+18件(+5.6%)")
    # A year without the figure says so; it is never a 0.
    proposals = table.locator("tbody tr").filter(has=page.get_by_role("rowheader", name="办理政协提案"))
    expect(proposals.locator('td[data-col="2023"] .compare-value')).to_have_text("未报告")
    assert horizontal_overflow(page) <= 0, "the compare page scrolls sideways"
    screenshot("compare")

    figure = row.locator('td[data-col="2021"] a.compare-value')
    expect(figure).to_have_text("322件")
    figure.click()

    # The stable link (report + offsets) lands on the figure's current anchor, marked in place.
    expect(page).to_have_url(re.compile(rf"/reports/{seed.pk}/#{target.anchor}$"))
    marked = page.locator(f"#{target.anchor}")
    assert marked.evaluate("el => el.matches(':target')")
    expect(marked).to_have_text(target.figure)
    sentence = marked.locator("xpath=ancestor::mark[1]")
    expect(sentence).to_have_text(target.sentence)
    expect(sentence).to_be_in_viewport()
    assert sentence.evaluate("el => getComputedStyle(el).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    assert IndicatorValue.objects.filter(report=seed, start=target.start, end=target.end).count() == 1
    screenshot("report")


def test_year_compare_and_ranking_fit_a_phone_and_draw_the_bar_chart(page, seed_reports, screenshot):
    page.goto("/regions/500000/")
    page.get_by_role("link", name="下辖各区县人民政府").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("年度指标比较")
    assert horizontal_overflow(page) <= 0
    screenshot("year")

    page.goto("/compare/indicator/items_handled/")
    chart = page.locator("svg.chart--bars >> visible=true")
    expect(chart).to_have_count(1)  # the wide layout or the narrow one, never both
    assert chart.locator("rect.chart__bar").count() == 3
    assert horizontal_overflow(page) <= 0
    screenshot("ranking")


# Every text of the chart shown: its drawn size (font size times the SVG's scale) and its box.
CHART_TEXTS = """(svg) => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll("text")].map((text) => {
        const own = text.getBoundingClientRect();
        return {
            text: text.textContent,
            px: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
            left: own.left - box.left,
            right: box.right - own.right,
        };
    });
}"""


def test_a_ranking_chart_is_readable_on_a_phone_with_every_value_in_view(page, seed_reports, screenshot):
    long_name = "新疆维吾尔自治区伊犁哈萨克自治州奎屯市人民政府办公室"
    report = factories.report(factories.agency(long_name), year=2023, text="办理123456件。")
    factories.indicator_value("123456", report_id=report.pk).save()
    page.goto("/compare/indicator/npc_suggestions/")

    chart = page.locator("svg.chart--bars >> visible=true")
    expect(chart).to_have_count(1)
    narrow = page.viewport_size["width"] < 640
    assert ("chart--bars-narrow" in chart.get_attribute("class")) == narrow
    texts = chart.evaluate(CHART_TEXTS)
    assert {"123456件", "322件"} <= {text["text"] for text in texts}
    for text in texts:
        assert text["px"] >= 12, f"{text['text']} is drawn at {text['px']:.1f} px"
        assert text["left"] >= 0 and text["right"] >= 0, f"{text['text']} is cut off"
    box = chart.bounding_box()
    assert box["x"] + box["width"] <= page.viewport_size["width"]
    assert horizontal_overflow(page) <= 0
    # Still one image named by every value, each bar a link to its sentence named by its title.
    assert chart.get_attribute("role") == "img"
    assert f"2023年 {long_name} 123456件" in chart.get_attribute("aria-label")
    if narrow:
        screenshot()
    chart.get_by_role("link", name=f"2023年 {long_name}:123456件").click()
    expect(page).to_have_url(re.compile(rf"/reports/{report.pk}/"))


def test_a_rankings_values_are_in_view_without_scrolling_the_table(page, seed_reports):
    page.goto("/compare/indicator/npc_suggestions/")
    row = page.locator("table.compare-table--rank tbody tr").first
    value = row.locator("td.compare-cell")
    expect(value).to_be_visible()
    right = value.evaluate("el => el.getBoundingClientRect().right")
    assert right <= page.viewport_size["width"]
    # The words around each figure: beside it on a desktop, under it on a phone (only in its
    # tooltip before, which a touch screen cannot open).
    excerpt, under = row.locator("td.compare-excerpt"), value.locator(".compare-excerpt-under")
    if page.viewport_size["width"] >= 640:
        expect(excerpt.locator("mark")).to_be_visible()
        expect(under).to_be_hidden()
    else:
        expect(excerpt).to_be_hidden()
        expect(under.locator("mark")).to_be_visible()
        assert value.evaluate("el => el.getBoundingClientRect().right") <= page.viewport_size["width"]
        # the agency's name keeps several characters a line (it was squeezed to two, 62 px)
        name = row.get_by_role("rowheader")
        assert name.evaluate("el => el.getBoundingClientRect().width") >= 5 * 16


@pytest.mark.parametrize("page", ["desktop"], indirect=True)
def test_a_printed_year_table_keeps_every_column_and_its_colour_scale(page, seed_reports):
    """On paper a table cannot scroll: columns past the paper's edge were lost, figures with them."""
    page.set_viewport_size({"width": 680, "height": 1000})  # an A4 page's text width
    seed = next(report for report in seed_reports if report.agency.name == "重庆市綦江区人民政府")
    stated = seed.indicator_values.filter(key__gt="").order_by("start").values_list("key", flat=True)
    keys = list(dict.fromkeys(stated))[:12]  # the most a table compares
    page.goto(f"/compare/year/?agencies={seed.agency_id}&year={seed.year}&keys={','.join(keys)}")
    table = page.locator("table.compare-table")
    assert table.evaluate("t => t.tHead.rows[0].cells.length") == len(keys) + 1 > 8
    page.emulate_media(media="print")

    last = table.locator("thead th").last
    assert last.evaluate("el => el.getBoundingClientRect().right") <= 680
    scaled = table.locator("td[class*=compare-scale-]").first
    assert scaled.evaluate("el => getComputedStyle(el).printColorAdjust") == "exact"


def test_a_ranking_goes_on_to_its_next_page_and_back(page, transactional_db, monkeypatch):
    sync_catalogue(IndicatorGroup, IndicatorDefinition)  # a flush after an earlier test empties it
    monkeypatch.setattr("reports.compare.ranking.MAX_RANKING_ROWS", 3)
    for index, number in enumerate(["40", "10", "50", "40", "30", "40"]):
        report = factories.report(factories.agency(f"第{index}县人民政府"))
        factories.indicator_value(number, report_id=report.pk).save()
    page.goto("/compare/indicator/npc_suggestions/")
    ranks = page.locator("table.compare-table--rank tbody td.compare-rank-cell")
    expect(ranks).to_have_text(["1", "2", "2"])

    page.get_by_role("link", name="下一页").click()
    expect(page.get_by_text("第 2 页，共 2 页")).to_be_visible()
    expect(ranks).to_have_text(["2", "5", "6"])  # the tie at the page boundary keeps its rank
    assert re.search(r"[?&]page=2\b", page.url)
    page.get_by_role("link", name="上一页").click()
    expect(ranks).to_have_text(["1", "2", "2"])


def test_the_catalogue_says_what_each_key_counts_and_its_ranking_repeats_it(page, seed_reports):
    study = IndicatorDefinition.objects.get(key="leaders_law_study")
    page.goto("/compare/")
    entry = page.locator(".compare-catalogue li").filter(
        has=page.get_by_role("link", name=study.name, exact=True)
    )
    expect(entry.locator(".compare-catalogue__definition")).to_have_text(study.definition)
    assert horizontal_overflow(page) <= 0

    entry.get_by_role("link", name=study.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"“{study.name}”排名")
    expect(page.locator(".indicator-definition")).to_have_text(f"口径{study.definition}")


def test_from_a_ranking_to_who_states_it_and_back_to_a_provinces_ranking(page, seed_reports, screenshot):
    page.goto("/compare/indicator/npc_suggestions/")
    page.get_by_role("link", name="各省份、各层级有多少报告写到").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("各地报告情况")
    table = page.locator("table.compare-table--coverage")
    chongqing = table.locator("tbody tr").filter(has=page.get_by_role("rowheader", name="重庆市"))
    expect(chongqing).to_be_visible()
    assert horizontal_overflow(page) <= 0, "the coverage page scrolls sideways"
    screenshot()
    # the row's total: its reports' ranking (the link under it lists the others)
    stated = chongqing.locator("td.coverage-cell").last.locator("a").first
    box = stated.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, f"a count is a {box} target"
    count = int(stated.inner_text())
    stated.click()

    expect(page).to_have_url(re.compile(r"/compare/indicator/npc_suggestions/\?region=500000"))
    expect(page.locator("table.compare-table--rank tbody tr")).to_have_count(count)


def test_from_a_report_to_last_years_plans_and_on_to_the_measures_on_a_plans_topic(
    page, seed_reports, screenshot
):
    seed = next(report for report in seed_reports if report.agency.name == "重庆市綦江区人民政府")  # 2021
    following = factories.report(seed.agency, year=2022, title="重庆市綦江区2022年法治政府建设情况报告")
    factories.section(following, "1", number="一、", heading="主要举措和成效")
    for path, heading, topic in [
        ("1.1", "深入推进政府职能转变", "functions_services"),
        ("1.2", "着力提升行政执法效能", "enforcement"),
    ]:
        factories.section(following, path, heading=heading, body="全年工作。" * 40, topic=topic)

    page.goto(following.get_absolute_url())
    page.get_by_role("link", name="2021年计划与本年落实").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2021年提出的下一步安排与2022年的举措")

    # 2021's plan (三)进一步强化公正文明执法 points to 2022's measures on enforcement.
    pointer = page.locator(".compare-related").filter(has_text="行政执法")
    expect(pointer).to_have_count(1)
    pointer.get_by_role("link", name="着力提升行政执法效能").click()
    target = page.locator("#outcome-s1-2")
    assert target.evaluate("el => el.matches(':target')")
    expect(target).to_be_in_viewport()
    assert horizontal_overflow(page) <= 0
    screenshot()


# How far the focused element reaches under the row heading that stays in view (≤ 0: clear of it).
HIDDEN_UNDER_HEADING = """() => {
    const focused = document.activeElement;
    const heading = focused.closest("tr")?.querySelector("th[scope=row]");
    if (!heading || !focused.closest("td")) return null;
    return heading.getBoundingClientRect().right - focused.getBoundingClientRect().left;
}"""


def test_tabbing_back_through_a_wide_table_keeps_each_figure_clear_of_its_row_heading(page, seed_reports):
    # on a phone the focused figure lay under the agency's name, the table scrolled past it
    page.goto("/regions/500000/")
    page.get_by_role("link", name="下辖各区县人民政府").click()
    links = page.locator("table.compare-table tbody tr").first.locator("td a")
    links.last.focus()

    hidden = []
    for _ in range(links.count()):
        page.keyboard.press("Shift+Tab")
        hidden.append(page.evaluate(HIDDEN_UNDER_HEADING))
    assert [reach for reach in hidden if reach is not None and reach > 1] == []
    assert any(reach is not None for reach in hidden)


def test_the_focus_ring_stands_out_on_every_step_of_the_colour_scale(page, seed_reports):
    # the amber ring was 2.05:1 on the darkest step, below the 3:1 a focus indicator needs
    page.goto("/regions/500000/")
    page.get_by_role("link", name="下辖各区县人民政府").click()
    figure = page.locator(".compare-cell a.compare-value").first
    page.keyboard.press("Tab")  # focus by keyboard: the ring is drawn

    ratios = {}
    for step in range(5):  # the seeds' table has one or two steps: each is put on the cell
        figure.evaluate(f"el => {{ el.closest('td').className = 'compare-cell compare-scale-{step}'; }}")
        figure.focus()
        cell = figure.evaluate("el => getComputedStyle(el.closest('td')).backgroundColor")
        ratios[step] = contrast_ratio(focused_element(page)["outlineColor"], cell)
    assert {step: round(ratio, 2) for step, ratio in ratios.items() if ratio < 3} == {}


def test_an_agencys_row_of_one_facet_leads_to_that_facets_ranking_and_back(
    page, transactional_db, screenshot
):
    # 2022 says 取消9项 first: its 下放17项 is compared only on the 下放 row and ranking
    sync_catalogue(IndicatorGroup, IndicatorDefinition)  # a flush after an earlier test empties it
    agency = factories.agency(region_code="640303")
    factories.report_with_parts(agency, 2022, "全年取消行政审批事项9项,下放行政审批事项17项。")
    factories.report_with_parts(agency, 2023, "全年下放行政审批事项118项。")
    factories.report_with_parts(agency, 2024, "全年取消行政审批事项12项。")

    page.goto(f"/compare/agency/{agency.pk}/?keys=approval_items_streamlined")
    table = page.locator("table.compare-table--years")
    handed_down = table.locator("tr.compare-facet-row").filter(has_text="其中 类别:下放")
    expect(handed_down.locator('td[data-col="2023"] .compare-change')).to_have_text("+101项(+594.1%)")
    assert horizontal_overflow(page) <= 0, "the rows per facet make the page scroll sideways"
    screenshot("agency")
    handed_down.get_by_role("rowheader").get_by_role("link").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("(类别:下放)排名")
    rows = page.locator("table.compare-table--rank tbody tr")
    expect(rows.locator(".compare-value")).to_have_text(["118项", "17项"])
    expect(page.locator(".ranking-facets strong")).to_have_text("下放(2)")
    assert horizontal_overflow(page) <= 0, "the facet choices make the page scroll sideways"
    screenshot("ranking")
    page.locator(".ranking-facets").get_by_role("link", name="全部类别(3)").click()

    expect(rows.locator(".compare-value")).to_have_text(["118项", "12项", "9项"])
    assert "facet=" not in page.url


def test_a_year_tables_picker_adds_a_column_of_one_facet(page, transactional_db, screenshot):
    sync_catalogue(IndicatorGroup, IndicatorDefinition)  # a flush after an earlier test empties it
    for code, sentence in (
        ("640302", "全年取消行政审批事项9项,下放行政审批事项17项。"),
        ("640303", "全年下放行政审批事项118项。"),
    ):
        factories.report_with_parts(factories.agency(region_code=code), 2023, sentence)

    page.goto("/compare/year/?region=640300&year=2023&keys=approval_items_streamlined")
    page.locator("details.compare-keys > summary").click()
    facets = page.locator(".compare-keys__facets").filter(has_text="下放").first
    facets.get_by_label("下放").check()
    assert horizontal_overflow(page) <= 0, "the facet choices make the page scroll sideways"
    page.get_by_role("button", name="更新比较").click()

    table = page.locator("table.compare-table--year")
    heading = table.get_by_role("columnheader", name="取消/下放/调整的审批事项(类别:下放)")
    expect(heading).to_be_visible()
    expect(table.locator('td[data-col="1"] .compare-value')).to_have_text(["118项", "17项"])  # by agency name
    screenshot()
