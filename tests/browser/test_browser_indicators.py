"""The indicator panel in Chromium: a figure in the panel opens its sentence, marked in the text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from reports.indicators.display import value_text
from reports.models import ChosenFigure
from tests import factories
from tests.browser.checks import horizontal_overflow

pytestmark = pytest.mark.browser


def test_an_indicator_in_the_panel_opens_its_sentence_marked_in_place(page, seed_reports, screenshot):
    report = max(seed_reports, key=lambda report: report.indicator_values.count())
    # The last figure of the text: far below the panel, so following the link must scroll.
    value = report.indicator_values.order_by("-start").first()
    page.goto(report.get_absolute_url())

    panel = page.locator("details.indicators")
    expect(panel.get_by_role("heading", name="报告中的数字")).to_be_visible()
    if not panel.evaluate("el => el.open"):  # closed on a phone: one tap opens it
        panel.locator(":scope > summary").click()
    links = panel.locator(".indicators__item a[href^='#']")
    assert links.count() == report.indicator_values.count()
    assert horizontal_overflow(page) <= 0, "the panel makes the page scroll sideways"

    link = panel.locator(f'a[href="#{value.anchor}"]')
    expect(link).to_contain_text(value_text(value))
    link.click()

    expect(page).to_have_url(re.compile(rf"#{value.anchor}$"))
    figure = page.locator(f"#{value.anchor}")
    assert figure.evaluate("el => el.matches(':target')")
    expect(figure).to_have_text(value.figure)
    sentence = figure.locator("xpath=ancestor::mark[1]")
    expect(sentence).to_have_text(value.sentence)
    expect(sentence).to_be_in_viewport()
    background = sentence.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the followed sentence is not highlighted"
    # Only the followed sentence is highlighted; the other marks stay plain.
    other = page.locator("mark.indicator-sentence").filter(has_not=figure).first
    assert other.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert page.evaluate("window.scrollY") > 0
    screenshot()


def test_a_figures_definition_opens_with_a_tap_where_no_hover_title_shows(page, seed_reports, screenshot):
    """The 口径 of a figure's key was a hover title on its name, which a phone never shows."""
    report = max(seed_reports, key=lambda report: report.indicator_values.count())
    value = report.indicator_values.exclude(key="").select_related("definition").order_by("start").first()
    page.goto(report.get_absolute_url())
    panel = page.locator("details.indicators")
    if not panel.evaluate("el => el.open"):  # closed on a phone: one tap opens it
        panel.locator(":scope > summary").click()

    item = panel.locator(".indicators__item").filter(has=page.locator(f'a[href="#{value.anchor}"]'))
    toggle = item.get_by_role("group").get_by_text("口径", exact=True)
    words = item.locator(".indicator-definition p")
    expect(words).to_be_hidden()  # folded: a panel of figures, not of definitions
    box = toggle.bounding_box()
    assert min(box["width"], box["height"]) >= 24, f"口径 is a {box} target"
    toggle.click()

    expect(words).to_be_visible()
    expect(words).to_have_text(value.definition.definition)
    # a line of its own under the figure, as wide as the row, not squeezed into the row's end
    assert words.bounding_box()["width"] > 0.9 * item.bounding_box()["width"]
    assert horizontal_overflow(page) <= 0
    screenshot()


def test_on_a_phone_the_text_comes_first_and_a_figure_keeps_its_ranking_link_on_its_row(page, seed_reports):
    report = max(seed_reports, key=lambda report: report.indicator_values.count())
    page.goto(report.get_absolute_url())
    panel = page.locator("details.indicators")
    phone = page.viewport_size["width"] < 600

    # On a phone the panel starts closed, so the contents and text are not screens down.
    assert panel.evaluate("el => el.open") is not phone
    if phone:
        screen = page.viewport_size["height"]
        assert page.locator(".toc").bounding_box()["y"] < 1.5 * screen
        page.set_viewport_size({"width": 1280, "height": 900})  # turned to a wide screen: it opens
        expect(panel).to_have_attribute("open", "")
        page.set_viewport_size({"width": 390, "height": 844})
    item = panel.locator(".indicators__item:has(.indicators__rank)").first
    value, rank = item.locator(".indicators__value"), item.locator(".indicators__rank")
    value_box, rank_box = value.bounding_box(), rank.bounding_box()
    assert abs(value_box["y"] + value_box["height"] - rank_box["y"] - rank_box["height"]) < 4
    assert rank_box["height"] < 30  # a link on the row, not a row of its own


def expect_marked_row(page, report) -> None:
    """The ranking shows ``report``'s row in view, marked as the one the link came for."""
    row = page.locator(f"tr#report-{report.pk}")
    expect(row).to_contain_text(report.agency.name)
    expect(row).to_be_in_viewport()
    assert row.evaluate("tr => getComputedStyle(tr).backgroundColor") == "rgb(255, 243, 176)"


def test_a_figures_ranking_link_opens_the_ranking_at_that_reports_row(page, seed_reports):
    """Coming from a report's 排名 link, the reader had to look for the agency among the rows."""
    report = max(seed_reports, key=lambda report: report.indicator_values.count())
    page.goto(report.get_absolute_url())
    page.locator("details.indicators").evaluate("panel => { panel.open = true; }")  # closed on a phone

    page.locator(".indicators__rank").first.click()

    expect(page).to_have_url(re.compile(rf"/compare/indicator/\w+/\?.*#report-{report.pk}$"))
    expect_marked_row(page, report)


def test_a_ranking_link_lands_on_the_reports_row_past_the_first_page(page, seed_reports, monkeypatch):
    """The link opened page 1, where ``#report-<id>`` marked nothing for a row further down."""
    monkeypatch.setattr("reports.compare.ranking.MAX_RANKING_ROWS", 2)
    report = max(seed_reports, key=lambda report: report.indicator_values.count())
    chosen = ChosenFigure.objects.filter(report=report).order_by("key").first()
    for index in range(3):  # three agencies of its kind and level state larger figures that year
        agency = factories.agency(f"第{index}个机关", kind=report.agency.kind, level=report.agency.level)
        rival = factories.report(agency, year=report.year)
        value = factories.indicator_value("1", key=chosen.key, report_id=rival.pk)
        value.unit = value.base_unit = chosen.base_unit
        value.value = value.base_value = chosen.base_value + 1 + index
        value.save()
    page.goto(report.get_absolute_url())
    page.locator("details.indicators").evaluate("panel => { panel.open = true; }")  # closed on a phone

    page.locator(f'a.indicators__rank[href*="/compare/indicator/{chosen.key}/"]').first.click()

    expect(page).to_have_url(re.compile(rf"/compare/indicator/{chosen.key}/\?.*page=2#report-{report.pk}$"))
    expect_marked_row(page, report)


def test_staff_correct_a_figure_from_the_report_panel(page, seed_reports, screenshot):
    from django.contrib.auth.models import User

    User.objects.create_superuser("editor", password="pw-editor-1")
    report = max(seed_reports, key=lambda report: report.indicator_values.count())
    value = report.indicator_values.exclude(key="").order_by("start").first()
    page.goto(f"/admin/login/?next={report.get_absolute_url()}")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-1")
    page.click("input[type=submit]")
    panel = page.locator("details.indicators")
    if not panel.evaluate("el => el.open"):  # closed on a phone: one tap opens it
        panel.locator(":scope > summary").click()

    item = page.locator(".indicators__item").filter(has=page.locator(f'a[href="#{value.anchor}"]'))
    correct, rank = item.locator("a.indicators__correct"), item.locator("a.indicators__rank")
    expect(correct).to_have_text("校正")
    one, other = correct.bounding_box(), rank.bounding_box()
    assert one["y"] == other["y"], "校正 and 排名 are on separate lines"
    assert min(one["width"], one["height"], other["width"], other["height"]) >= 24, (
        "a link smaller than a finger"
    )
    assert horizontal_overflow(page) <= 0
    screenshot("panel")

    correct.click()
    expect(page.locator("#id_start")).to_have_value(str(value.start))
    expect(page.locator(".field-figure_text .readonly")).to_have_text(value.figure)


def test_a_link_to_the_panel_opens_it_on_a_phone_where_it_starts_closed(page, seed_reports):
    # a compare page's 另有N处 links to #indicators-title: on a phone it landed on a closed panel
    report = max(seed_reports, key=lambda report: report.indicator_values.count())
    page.goto(f"{report.get_absolute_url()}#indicators-title")
    panel = page.locator("details.indicators")

    expect(panel).to_have_attribute("open", "")
    expect(panel.locator(".indicators__item").first).to_be_visible()
