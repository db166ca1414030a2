"""The inline SVG charts: well-formed, labelled, escaped, and missing values never drawn as zero."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from reports.charts import (
    BROKEN_NOTE,
    NARROW_LINE_EM,
    Bar,
    bar_chart,
    bar_charts,
    narrow_bar_chart,
    sparkline,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_sparkline_is_a_labelled_image_with_a_title_stating_every_value():
    svg = sparkline([("2021年", 10), ("2022年", 20), ("2023年", 15)], label="办理建议", unit="件")
    root = parse(svg)

    assert root.get("role") == "img"
    title = root.find(f"{SVG}title").text
    assert title == "办理建议:2021年 10件、2022年 20件、2023年 15件"
    assert root.get("aria-label") == title
    assert len(root.findall(f"{SVG}polyline")) == 1
    assert len(root.findall(f"{SVG}circle")) == 3


def test_sparkline_breaks_the_line_at_a_missing_year_instead_of_dropping_to_zero():
    root = parse(sparkline([("2020", 5), ("2021", 6), ("2022", None), ("2023", 7), ("2024", 9)], label="x"))

    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == 2  # 2020–2021 and 2023–2024, nothing through 2022
    assert len(root.findall(f"{SVG}circle")) == 4
    assert "2022 未报告" in root.find(f"{SVG}title").text
    # The lowest point is the lowest value (5), not a zero for the missing year.
    ys = [float(c.get("cy")) for c in root.findall(f"{SVG}circle")]
    assert max(ys) == float(lines[0].get("points").split()[0].split(",")[1])


def test_sparkline_breaks_the_line_before_a_point_of_another_measure_and_still_draws_it():
    root = parse(sparkline([("2021", 118), ("2022", 140), ("2023", 150)], label="x", breaks=[1]))

    assert [line.get("points").count(",") for line in root.findall(f"{SVG}polyline")] == [2]  # 2022–2023
    assert len(root.findall(f"{SVG}circle")) == 3


def test_sparkline_higher_values_are_drawn_higher():
    root = parse(sparkline([("a", 1), ("b", 100)], label="x"))
    low, high = (float(c.get("cy")) for c in root.findall(f"{SVG}circle"))
    assert high < low  # SVG y grows downwards


def test_sparkline_with_one_or_no_value_still_renders():
    one = parse(sparkline([("2023", Decimal("98.45"))], label="调解成功率", unit="%"))
    assert len(one.findall(f"{SVG}circle")) == 1 and not one.findall(f"{SVG}polyline")
    assert "98.45%" in one.find(f"{SVG}title").text
    none = parse(sparkline([("2023", None)], label="x"))
    assert not none.findall(f"{SVG}circle")
    flat = parse(sparkline([("a", 3), ("b", 3)], label="x"))
    assert {c.get("cy") for c in flat.findall(f"{SVG}circle")} == {"16"}


def test_bar_chart_scales_bars_to_the_largest_value_and_links_them():
    svg = bar_chart(
        [
            Bar("甲区", 200, "200件", "/reports/1/figures/3-7/"),
            Bar("乙区", 100, "100件", "/reports/2/figures/5-9/"),
        ],
        label="办理建议排名",
    )
    root = parse(svg)

    rects = root.findall(f".//{SVG}rect[@class='chart__bar']")
    widths = [float(rect.get("width")) for rect in rects]
    assert widths[0] == 2 * widths[1]
    links = root.findall(f"{SVG}a")
    assert [link.get("href") for link in links] == ["/reports/1/figures/3-7/", "/reports/2/figures/5-9/"]
    assert root.get("role") == "img" and "甲区 200件" in root.get("aria-label")
    assert "<script" not in svg


@pytest.mark.parametrize("chart", [bar_chart, narrow_bar_chart])
def test_a_linked_bars_whole_row_opens_it_not_only_its_texts_and_its_bar(chart):
    root = parse(chart([Bar("甲区", 200, "200件", "/a/"), Bar("乙区", 100, "100件", "/b/")], label="x"))

    for link in root.findall(f"{SVG}a"):
        area = link.find(f"{SVG}rect[@class='chart__hit']")
        assert area is not None and list(link)[1] is area  # under the texts and the bar (after <title>)
        bottom = float(area.get("y")) + float(area.get("height"))
        for shape in link.findall(f"{SVG}rect[@class='chart__bar']"):
            assert float(area.get("y")) <= float(shape.get("y"))
            assert float(shape.get("y")) + float(shape.get("height")) <= bottom
        for text in link.findall(f"{SVG}text"):
            assert float(area.get("y")) < float(text.get("y")) < bottom
        assert area.get("width") in ("100%", root.get("width"))
    # a bar without a link has no such area
    assert parse(chart([Bar("甲区", 5, "5件")], label="x")).find(f".//{SVG}rect[@class='chart__hit']") is None


def test_bar_chart_says_not_reported_without_a_bar():
    root = parse(bar_chart([Bar("甲区", 5, "5件"), Bar("乙区", None)], label="x"))

    assert len(root.findall(f".//{SVG}rect")) == 1
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "未报告" in texts and "0" not in texts


def test_bar_chart_escapes_labels_and_shortens_long_ones():
    svg = bar_chart([Bar('<script>alert("x")</script>某某市某某区某某局很长的名字', 3)], label="a&b")

    assert "<script>" not in svg
    root = parse(svg)  # still well-formed XML
    label = next(t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart__label")
    assert label.endswith("…") and len(label) == 18
    assert root.find(f"{SVG}title").text.startswith("a&b:")


def test_bar_chart_handles_negative_values_around_a_zero_line():
    root = parse(bar_chart([Bar("a", 10), Bar("b", -5)], label="x"))
    first, second = root.findall(f".//{SVG}rect")
    assert float(second.get("x")) < float(first.get("x"))  # the negative bar lies left of zero
    assert float(second.get("x")) + float(second.get("width")) == float(first.get("x"))


def test_narrow_bar_chart_puts_each_label_and_value_on_a_line_above_a_bar_in_percent():
    bars = [
        Bar(
            "2023年 新疆维吾尔自治区伊犁哈萨克自治州奎屯市人民政府",
            200,
            "全覆盖(100%)",
            "/reports/1/figures/3-7/",
        ),
        Bar("乙区", 100, "100件", "/reports/2/figures/5-9/"),
        Bar("丙区", -50, "-50件"),
        Bar("丁区", None),
    ]
    root = parse(narrow_bar_chart(bars, label="办理建议排名"))

    # No viewBox: the text is never scaled; the SVG is as wide as its container.
    assert root.get("viewBox") is None and root.get("width") == "100%"
    assert root.get("role") == "img"
    assert root.get("aria-label") == parse(bar_chart(bars, label="办理建议排名")).get("aria-label")
    rects = root.findall(f".//{SVG}rect[@class='chart__bar']")
    assert all(rect.get("x").endswith("%") and rect.get("width").endswith("%") for rect in rects)
    spans = [
        (float(rect.get("x")[:-1]), float(rect.get("x")[:-1]) + float(rect.get("width")[:-1]))
        for rect in rects
    ]
    assert spans[0][1] == 100 and spans[2][0] == 0  # the highest reaches the right edge, the lowest the left
    assert spans[1][0] == spans[0][0] == spans[2][1]  # all start from the zero line
    # Each bar: its label at the left and its value at the right end of the line above it.
    first = root.find(f"{SVG}a")
    assert first.find(f"{SVG}title").text == f"{bars[0].label}:全覆盖(100%)"
    label, value = first.findall(f"{SVG}text")
    assert label.get("x") == "0" and value.get("x") == "100%" and value.get("text-anchor") == "end"
    assert value.text == "全覆盖(100%)" and label.text.endswith("…") and label.text.startswith("2023年 新疆")
    width = sum(0.6 if ord(c) < 128 else 1 for c in label.text + value.text)
    assert width + 1 <= NARROW_LINE_EM
    assert float(label.get("y")) < float(rects[0].get("y"))
    # A missing value says so, without a bar.
    last = root.findall(f"{SVG}g")[-1]
    assert last.find(f"{SVG}rect") is None
    assert [t.text for t in last.findall(f"{SVG}text")] == ["丁区", "未报告"]


def test_bar_charts_gives_both_layouts_for_the_stylesheet_to_choose():
    svg = bar_charts([Bar("甲区", 5, "5件")], label="x")
    assert svg.count("<svg ") == 2
    assert 'class="chart chart--bars chart--bars-wide"' in svg
    assert 'class="chart chart--bars chart--bars-narrow"' in svg


def test_charts_use_no_script_or_external_resource():
    for svg in (
        sparkline([("a", 1), ("b", 2)], label="x"),
        bar_chart([Bar("a", 1, href="/x/")], label="y"),
        narrow_bar_chart([Bar("a", 1, href="/x/")], label="y"),
    ):
        assert not re.search(r"<script|https?://(?!www\.w3\.org/2000/svg)|xlink:href|<image", svg)


def test_a_long_value_in_words_is_cut_at_its_front_so_the_label_and_the_number_stay():
    """败诉率's 0% values are whole phrases (未发生规范性文件被撤销、…执法决定败诉(0%)): the phone
    chart cut every label to "2024…" and the wide one ran the value off its edge, number and all."""
    words = "未发生规范性文件被撤销、重大决策违法、执法决定败诉(0%)"
    bars = [Bar("2024年 杭州市余杭区五常街道办事处", 0, words), Bar("2023年 某区人民政府", 31.5, "31.5%")]

    narrow = parse(narrow_bar_chart(bars, label="败诉率排名"))
    label, value = narrow.find(f"{SVG}g").findall(f"{SVG}text")
    assert value.text.startswith("…") and value.text.endswith("败诉(0%)")
    assert label.text.startswith("2024年 杭州市余杭区") and len(label.text) >= 13  # year and 8 of the name
    assert sum(0.6 if ord(c) < 128 else 1 for c in label.text + value.text) + 1 <= NARROW_LINE_EM
    assert narrow.find(f"{SVG}g").find(f"{SVG}title").text.endswith(words)  # the whole value stays told

    wide = parse(bar_chart(bars, label="败诉率排名"))
    for group in wide.findall(f"{SVG}g"):
        shown = group.find(f"{SVG}text[@class='chart__value']")
        room = (int(wide.get("width")) - float(shown.get("x"))) / 12
        assert sum(0.6 if ord(c) < 128 else 1 for c in shown.text) <= room
    assert wide.find(f"{SVG}g").find(f"{SVG}text[@class='chart__value']").text.endswith("(0%)")


def test_a_bar_charts_links_are_not_tab_stops_as_the_table_below_holds_them():
    # 30 bars were 30 more Tab stops inside what is one image to a screen reader
    bars = [Bar("甲区", 200, "200件", "/reports/1/figures/3-7/")]

    for svg in (bar_chart(bars, label="排名"), narrow_bar_chart(bars, label="排名")):
        assert [link.get("tabindex") for link in parse(svg).findall(f"{SVG}a")] == ["-1"]


def test_an_outlier_is_drawn_broken_so_the_other_bars_keep_their_length():
    # 武汉's 各级合计 5045次 left every other bar of a ranking a pixel wide (a review)
    bars = [Bar("武汉", 5045, "5045次"), Bar("甲", 22, "22次"), Bar("乙", 18, "18次"), Bar("丙", 13, "13次")]

    wide = parse(bar_chart(bars, label="x"))
    narrow = parse(narrow_bar_chart(bars, label="x"))

    widths = [float(rect.get("width")) for rect in wide.findall(f".//{SVG}rect[@class='chart__bar']")]
    assert widths[1] > 0.7 * widths[0]  # 22次 is long, not a sliver beside 5045次
    assert widths[1] == pytest.approx(widths[2] * 22 / 18, rel=0.01)  # the others still to scale
    # the outlier alone carries a break, and its number is written out
    for root in (wide, narrow):
        assert len(root.findall(f".//{SVG}rect[@class='chart__break']")) == 1
        assert "5045次" in [text.text for text in root.iter(f"{SVG}text")]
    # no outlier: no break, the largest bar spans the scale
    plain = parse(bar_chart(bars[1:], label="x"))
    assert not plain.findall(f".//{SVG}rect[@class='chart__break']")
    # two, each far above the rest: both broken
    two = parse(bar_chart([bars[0], Bar("保山", 360, "360余次"), *bars[1:]], label="x"))
    assert len(two.findall(f".//{SVG}rect[@class='chart__break']")) == 2
    # the page says what the gap means
    assert BROKEN_NOTE in bar_charts(bars, label="x") and BROKEN_NOTE not in bar_charts(bars[1:], label="x")
