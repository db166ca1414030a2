"""The report list in Chromium: the seed reports in Chinese, filtering, paging, keyboard use."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from reports.models import Agency
from tests import factories
from tests.browser.checks import draws_distinct_chinese_glyphs, focused_element, horizontal_overflow

pytestmark = pytest.mark.browser

LIST_URL = reverse("reports:list")

CHONGQING = "500000"
FILTER_FIELDS = [
    "id_province",
    "id_city",
    "id_county",
    "id_year",
    "id_level",
    "id_kind",
    "id_lacks",
    "id_sort",
    "id_include_old",
]


def listed_titles(page: Page) -> list[str]:
    return page.locator(".report-item__title").all_inner_texts()


def open_filters(page: Page) -> None:
    """On a phone the filters start folded away behind “筛选”: open them."""
    panel = page.locator("details.filters__panel")
    if not panel.evaluate("el => el.open"):
        panel.locator("summary").click()
    expect(page.get_by_label("省份")).to_be_visible()


def filter_by_province(page: Page, name: str) -> None:
    open_filters(page)
    page.get_by_label("省份").select_option(label=name)
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()


def test_list_shows_the_five_seed_reports_in_chinese(page, seed_reports, screenshot):
    page.goto(LIST_URL)

    assert re.fullmatch(r"zh(-CN|-Hans.*)?", page.locator("html").get_attribute("lang"))
    expect(page).to_have_title("报告列表 · 法治政府建设年度报告库")
    assert sorted(listed_titles(page)) == sorted(report.title for report in seed_reports)
    expect(page.locator(".result-count")).to_have_text("共 5 份报告")
    expect(page.locator(".report-item").first).to_contain_text("2023年")
    expect(page.get_by_text("宁夏回族自治区 › 吴忠市 › 利通区")).to_be_visible()
    # The stylesheet is served and applied (the header's colour comes from site.css only).
    assert page.locator(".site-header").evaluate("el => getComputedStyle(el).backgroundColor") == (
        "rgb(139, 26, 26)"
    )
    assert draws_distinct_chinese_glyphs(page, ".report-item__title a")
    assert horizontal_overflow(page) <= 0
    screenshot()


def test_filtering_by_province_narrows_the_list_and_puts_the_filter_in_the_url(
    page, live_server, seed_reports, screenshot
):
    page.goto(LIST_URL)
    filter_by_province(page, "重庆市")

    expect(page).to_have_url(re.compile(rf"\?(.*&)?province={CHONGQING}(&|$)"))
    in_chongqing = [r.title for r in seed_reports if r.agency.region.code.startswith("50")]
    assert len(in_chongqing) == 3
    assert sorted(listed_titles(page)) == sorted(in_chongqing)
    expect(page.locator(".result-count")).to_have_text("共 3 份报告")
    expect(page.get_by_label("省份")).to_have_value(CHONGQING)
    counties = page.get_by_label("区县").locator("option").all_inner_texts()
    assert any("綦江区" in county for county in counties)
    assert not any("利通区" in county for county in counties), "county choices narrow to the province"
    assert horizontal_overflow(page) <= 0
    screenshot()

    page.get_by_role("link", name="清除条件").click()
    expect(page).to_have_url(f"{live_server.url}{LIST_URL}")
    expect(page.locator(".result-count")).to_have_text("共 5 份报告")
    expect(page.get_by_label("省份")).to_have_value("")


def test_choosing_a_province_narrows_the_places_below_at_once_and_submits_nothing(
    page, seed_reports, screenshot
):
    page.goto(LIST_URL)
    open_filters(page)
    expect(page.get_by_label("城市").locator("option")).to_have_text(["全部(先选省)"])
    expect(page.locator(".filters__hint")).to_contain_text("随即缩小")

    page.get_by_label("省份").select_option(label="宁夏回族自治区")

    # The city select offers 吴忠市 without a reload: the list and the address stay as they were.
    expect(page.get_by_label("城市").locator("option")).to_have_text(["全部", "吴忠市"])
    expect(page.get_by_label("区县").locator("option")).to_have_text(["全部", "利通区(吴忠市)"])
    expect(page).to_have_url(re.compile(rf"{re.escape(LIST_URL)}$"))
    expect(page.locator(".result-count")).to_have_text("共 5 份报告")

    page.get_by_label("城市").select_option(label="吴忠市")
    expect(page.get_by_label("区县").locator("option")).to_have_text(["全部", "利通区"])
    page.get_by_label("区县").select_option(label="利通区")
    screenshot()

    # Another province clears the city and county chosen under the first.
    page.get_by_label("省份").select_option(label="重庆市")
    expect(page.get_by_label("城市")).to_have_value("")
    expect(page.get_by_label("区县")).to_have_value("")
    counties = page.get_by_label("区县").locator("option")
    expect(counties).to_contain_text(["綦江区"])
    assert not any("利通区" in county for county in counties.all_inner_texts())

    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(rf"province={CHONGQING}"))
    expect(page.locator(".result-count")).to_have_text("共 3 份报告")


def test_pagination_keeps_the_filter_and_clearing_starts_over(page, live_server, seed_reports, screenshot):
    # The seeds are five reports; twenty synthetic ones in 重庆 make two pages of twenty.
    for _ in range(20):
        department = factories.agency(region_code="500152", kind=Agency.Kind.DEPARTMENT)
        factories.report(department, year=2023, is_synthetic=True)
    page.goto(LIST_URL)
    filter_by_province(page, "重庆市")
    expect(page.locator(".result-count")).to_have_text(re.compile(r"共 23 份报告[,，]第 1 / 2 页"))
    first_page = listed_titles(page)
    assert len(first_page) == 20

    page.get_by_role("link", name="下一页").click()
    expect(page).to_have_url(re.compile(rf"province={CHONGQING}"))
    expect(page).to_have_url(re.compile(r"[?&]page=2(&|$)"))
    expect(page.locator(".result-count")).to_have_text(re.compile(r"共 23 份报告[,，]第 2 / 2 页"))
    second_page = listed_titles(page)
    assert len(second_page) == 3
    assert page.locator("ol.report-list").get_attribute("start") == "21"
    in_chongqing = {r.title for r in seed_reports if r.agency.region.code.startswith("50")}
    assert len(set(first_page + second_page)) == 23
    assert in_chongqing <= set(first_page + second_page)
    badges = page.locator(".badge--synthetic").count()
    expect(page.get_by_role("link", name="下一页")).to_have_count(0)
    assert horizontal_overflow(page) <= 0
    screenshot()

    page.get_by_role("link", name="上一页").click()
    expect(page).to_have_url(re.compile(r"[?&]page=1(&|$)"))
    assert listed_titles(page) == first_page
    assert badges + page.locator(".badge--synthetic").count() == 20

    page.get_by_role("link", name="清除条件").click()
    expect(page).to_have_url(f"{live_server.url}{LIST_URL}")
    expect(page.locator(".result-count")).to_have_text(re.compile(r"共 25 份报告[,，]第 1 / 2 页"))


def test_keyboard_reaches_every_filter_and_the_button_with_a_visible_outline(page, seed_reports, screenshot):
    page.goto(LIST_URL)
    page.keyboard.press("Tab")
    skip_link = focused_element(page)
    assert skip_link["text"] == "跳到正文"
    assert page.get_by_role("link", name="跳到正文").bounding_box()["y"] >= 0, "shown when focused"

    reached: list[dict] = []
    for _ in range(30):
        page.keyboard.press("Tab")
        reached.append(focused_element(page))
        if reached[-1]["tag"] == "summary":  # a phone: the filters open from the keyboard too
            assert reached[-1]["focusVisible"] and reached[-1]["outlineWidth"] >= 2, reached[-1]
            page.keyboard.press("Enter")
            reached.pop()
        if reached and reached[-1]["text"] == "清除条件":
            break
    ids = [element["id"] for element in reached]
    assert [i for i in ids if i in FILTER_FIELDS] == FILTER_FIELDS, f"tab order: {ids}"
    texts = [element["text"] for element in reached]
    assert texts.index("筛选") > ids.index("id_include_old")
    assert texts[-1] == "清除条件"
    for element in reached:
        if element["id"] in FILTER_FIELDS or element["text"] in ("筛选", "清除条件"):
            assert element["focusVisible"], element
            assert element["outlineStyle"] != "none" and element["outlineWidth"] >= 2, element
            assert element["outlineColor"] not in ("transparent", "rgba(0, 0, 0, 0)"), element

    # The form works from the keyboard alone: pick the first province, go to 筛选, press Enter.
    page.get_by_label("省份").focus()
    page.keyboard.press("ArrowDown")
    chosen = page.get_by_label("省份").input_value()
    assert chosen
    for _ in range(len(FILTER_FIELDS)):
        page.keyboard.press("Tab")
        if focused_element(page)["text"] == "筛选":
            break
    else:
        pytest.fail("Tab from the province select never reached the 筛选 button")
    screenshot()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"province={chosen}"))
    assert len(listed_titles(page)) < len(seed_reports)


# The width the selected option's text takes in its select's font, and the room the select has
# for it (its inner width less the arrow's, about 1.25em).
SELECT_TEXT_ROOM = """(select) => {
    const style = getComputedStyle(select);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontSize} ${style.fontFamily}`;
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    return {
        text: select.options[select.selectedIndex].text,
        width: context.measureText(select.options[select.selectedIndex].text).width,
        room: select.clientWidth - padding - 1.25 * parseFloat(style.fontSize),
    };
}"""


def test_on_a_phone_the_results_come_before_the_folded_filters(page, seed_reports, screenshot):
    page.goto(LIST_URL)
    panel = page.locator("details.filters__panel")
    summary = panel.locator("summary")
    if page.viewport_size["width"] >= 640:
        # A wide screen: always open, with nothing to unfold.
        assert panel.evaluate("el => el.open")
        expect(summary).to_be_hidden()
        expect(page.get_by_label("省份")).to_be_visible()
        return
    assert not panel.evaluate("el => el.open")
    expect(summary).to_have_text("筛选")
    expect(page.get_by_label("省份")).to_be_hidden()
    expect(page.locator(".result-count")).to_be_in_viewport()
    expect(page.locator(".report-item__title").first).to_be_in_viewport()
    assert horizontal_overflow(page) <= 0
    screenshot("folded")

    summary.click()
    for name in ("城市", "区县"):  # the hint to choose the place above first is not cut short
        measured = page.get_by_label(name).evaluate(SELECT_TEXT_ROOM)
        assert measured["text"].startswith("全部(先选") and measured["width"] <= measured["room"], measured

    # A filter set, or one in error, keeps them open and says how many are set.
    filter_by_province(page, "重庆市")
    expect(summary).to_have_text("筛选(已选 1 项)")
    assert panel.evaluate("el => el.open")
    page.refusals_asked.add(f"{LIST_URL}?year=abc")  # answered 400 with the form and its error
    page.goto(f"{LIST_URL}?year=abc")
    assert panel.evaluate("el => el.open")
    expect(page.get_by_role("alert").first).to_be_visible()


def test_without_javascript_the_filters_stay_open_on_a_phone(browser, live_server, seed_reports):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server.url, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(LIST_URL)
        assert page.locator("details.filters__panel").evaluate("el => el.open")
        expect(page.get_by_label("省份")).to_be_visible()
    finally:
        context.close()
