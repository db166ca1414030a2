"""Indicators on the report page and in the API: panel by group, links to marked sentences, escaping,
bounded queries, and the admin screens."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from django.urls import reverse

from reports.indicators.display import lead_words, mark_paragraphs, value_text
from reports.indicators.store import extract_and_store
from reports.ingest import import_report
from reports.models import IndicatorCorrection, IndicatorDefinition, IndicatorValue, Report, Section
from tests import factories

SAMPLES = Path(__file__).parent / "samples"
PANEL_LINK = re.compile(
    r'<a href="#([\w-]+)"><span class="indicators__name">([^<]*)</span> '
    r'<span class="indicators__value">([^<]*)</span></a>'
)


def import_sample(name: str) -> Report:
    path = SAMPLES / name
    return Report.objects.get(pk=import_report(path.read_bytes(), filename=path.name).report_id)


def panel(html: str) -> str:
    start = html.index('<details class="indicators"')
    return html[start : html.index("<script>", start)]  # it holds a <details> per 口径


@pytest.fixture
def qijiang():
    return import_sample("004_78ed85b0c485cc82.txt")


@pytest.fixture
def script_report():
    """A report whose text holds markup and figures; sections with true offsets into the text."""
    text = (
        "<b>2023年</b>,本局坚持依法行政。\n"
        "一、主要举措\n"
        '办理人大代表建议12件,<script>alert("x")</script>收到行政复议申请8件。另有说明。\n'
        "二、存在的不足\n"
        "仍有差距。"
    )
    report = factories.report(factories.agency(region_code="500152"), text=text)
    heading_1, heading_2 = text.index("一、"), text.index("二、")
    factories.section(
        report, "0", body=text[:heading_1].strip(), label=Section.Label.PREAMBLE, start=0, end=heading_1
    )
    factories.section(
        report,
        "1",
        number="一、",
        heading="主要举措",
        body=text[text.index("办理") : heading_2].strip(),
        start=heading_1,
        end=heading_2,
    )
    factories.section(
        report,
        "2",
        number="二、",
        heading="存在的不足",
        body="仍有差距。",
        label=Section.Label.PROBLEMS,
        start=heading_2,
        end=len(text),
    )
    extract_and_store(report)
    return report


@pytest.mark.django_db
def test_api_lists_indicators_whose_offsets_slice_the_figure_from_the_text_field(client, qijiang):
    body = client.get(reverse("reports:api-detail", args=[qijiang.pk])).json()

    indicators = body["indicators"]
    assert len(indicators) == qijiang.indicator_values.count() > 20
    paths = {section["path"] for section in body["sections"]}
    for item in indicators:
        figure = body["text"][item["start"] : item["end"]]
        assert figure and figure in item["sentence"]
        assert item["section_path"] in paths
        assert set(item) >= {
            "key",
            "name",
            "value",
            "unit",
            "qualifier",
            "measure",
            "derived",
            "sentence",
            "start",
            "end",
            "section_path",
        }
    start = body["text"].index("128.58万条")
    money = next(item for item in indicators if item["start"] == start)
    assert (money["value"], money["unit"], money["base_value"], money["base_unit"]) == (
        128.58,
        "万条",
        1285800,
        "条",
    )
    unmapped = next(item for item in indicators if item["start"] == body["text"].index("587家"))
    assert (unmapped["key"], unmapped["name"], unmapped["value"]) == (None, None, 587)
    assert any(item["key"] and item["name"] for item in indicators)


@pytest.mark.django_db
def test_api_leaves_out_values_staff_rejected(client, qijiang):
    value = qijiang.indicator_values.get(figure="587家")
    IndicatorCorrection.objects.create(report=qijiang, start=value.start, end=value.end, is_rejected=True)
    extract_and_store(qijiang)

    body = client.get(reverse("reports:api-detail", args=[qijiang.pk])).json()

    assert value.start not in {item["start"] for item in body["indicators"]}
    assert len(body["indicators"]) == qijiang.indicator_values.count() - 1


@pytest.mark.django_db
def test_panel_groups_figures_by_catalogue_group_with_unmapped_ones_last(client, qijiang):
    html = client.get(qijiang.get_absolute_url()).content.decode()

    groups = re.findall(r"<h3>([^<]+)</h3>", panel(html))
    catalogue_order = [
        name
        for name in IndicatorDefinition.objects.order_by("group__position")
        .values_list("group__name", flat=True)
        .distinct()
    ]
    assert groups[-1] == "未归类"
    assert groups[:-1] == [name for name in dict.fromkeys(catalogue_order) if name in groups]
    assert f"共 {qijiang.indicator_values.count()} 项" in panel(html)
    names = {name for _, name, _ in PANEL_LINK.findall(panel(html))}
    assert "新增市场主体" in {d.name for d in IndicatorDefinition.objects.filter(key="new_market_entities")}
    assert "新增市场主体" in names


@pytest.mark.django_db
def test_every_panel_link_opens_a_marked_figure_inside_its_marked_sentence(client, qijiang):
    html = client.get(qijiang.get_absolute_url()).content.decode()
    links = PANEL_LINK.findall(panel(html))
    values = {value.anchor: value for value in qijiang.indicator_values.all()}

    assert len(links) == len(values)
    for anchor, _name, _value in links:
        value = values[anchor]
        figure = re.search(rf'<span class="indicator-figure" id="{anchor}">([^<]*)</span>', html)
        assert figure is not None, f"no mark for {anchor}"
        assert unescape(figure.group(1)) == value.figure
        # The figure sits in a <mark> whose text is its sentence.
        mark_start = html.rindex('<mark class="indicator-sentence">', 0, figure.start())
        mark_end = html.index("</mark>", figure.end())
        assert html.find("</mark>", mark_start, figure.start()) == -1
        assert unescape(re.sub(r"<[^>]+>", "", html[mark_start:mark_end])) == value.sentence


@pytest.mark.django_db
def test_panel_shows_qualifiers_and_changes(client, qijiang):
    html = client.get(qijiang.get_absolute_url()).content.decode()
    shown = {value for _, _, value in PANEL_LINK.findall(panel(html))}

    assert "800余项" in shown  # 800余项 keeps its 余
    assert "78万余件" in shown


@pytest.mark.django_db
def test_panel_says_whose_a_figure_is_where_its_sentence_says_so(client):
    text = "全区办理行政处罚案件2356件。本局办理行政处罚案件35件。办理人大代表建议12件。"
    report = factories.report(factories.agency(kind="department"), text=text)
    extract_and_store(report)

    items = re.findall(
        r'<li class="indicators__item[^"]*">(.*?)</li>',
        panel(client.get(report.get_absolute_url()).content.decode()),
        re.S,
    )
    scopes = {
        re.search(r'indicators__value">([^<]*)<', item).group(1): re.findall(r">范围:([^<]*)<", item)
        for item in items
    }
    assert scopes == {"2356件": ["全辖区"], "35件": ["本机关"], "12件": []}


@pytest.mark.django_db
def test_report_text_with_markup_stays_escaped_around_marks(client, script_report):
    html = client.get(script_report.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    assert "&lt;b&gt;2023年&lt;/b&gt;" in html
    sentence = re.search(r'<mark class="indicator-sentence">(.*?)</mark>', html)
    assert sentence is not None
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in sentence.group(1)
    assert re.search(r'<span class="indicator-figure" id="ind-\d+-\d+">12件</span>', sentence.group(1))
    assert "另有说明。" in html and "另有说明。</mark>" not in html


@pytest.mark.django_db
def test_page_without_indicators_has_no_panel_and_plain_paragraphs(client):
    report = factories.report()
    factories.section(report, "0", body="第一段。\n\n第二段。", label=Section.Label.PREAMBLE)

    html = client.get(report.get_absolute_url()).content.decode()

    assert 'class="indicators"' not in html
    assert "<p>第一段。</p>" in html and "<p>第二段。</p>" in html


@pytest.mark.django_db
def test_report_page_queries_do_not_grow_with_the_number_of_indicators(
    client, qijiang, script_report, django_assert_max_num_queries
):
    assert qijiang.indicator_values.count() >= 10 * script_report.indicator_values.count() > 0
    for report in (script_report, qijiang):
        with django_assert_max_num_queries(4):
            response = client.get(report.get_absolute_url())
        assert response.status_code == 200


def test_mark_paragraphs_leaves_the_lines_unmarked_when_the_offsets_do_not_hold_the_body():
    value = IndicatorValue(pk=1, start=2, end=4, sentence_start=0, sentence_end=5, sentence="办理3件。")

    paragraphs, placed = mark_paragraphs("别的文字", 0, 4, "办理3件。\n<i>", [value])

    assert paragraphs == ["办理3件。", "&lt;i&gt;"]
    assert placed == set()


def test_mark_paragraphs_marks_sentences_per_line_by_offsets():
    text = "一、标题\n收到申请61件,受理57件。其他。\n办结47件"
    values = [
        IndicatorValue(
            pk=pk, start=text.index(f), end=text.index(f) + len(f), sentence_start=s, sentence_end=e
        )
        for pk, f, s, e in (
            (1, "61件", 5, 19),
            (2, "57件", 5, 19),
            (3, "47件", 23, 28),
        )
    ]

    paragraphs, placed = mark_paragraphs(text, 0, len(text), text[5:].strip(), values)

    assert placed == {1, 2, 3}
    assert paragraphs == [
        '<mark class="indicator-sentence">收到申请<span class="indicator-figure" id="ind-9-12">61件</span>,'
        '受理<span class="indicator-figure" id="ind-15-18">57件</span>。</mark>其他。',
        '<mark class="indicator-sentence">办结<span class="indicator-figure" id="ind-25-28">47件</span>'
        "</mark>",
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"value": Decimal(300), "unit": "件", "qualifier": "近"}, "近300件"),
        ({"value": Decimal(30), "unit": "场次", "qualifier": "余"}, "30余场次"),
        ({"value": Decimal(50), "unit": "人", "qualifier": "以上"}, "50人以上"),
        ({"value": Decimal("12.50"), "unit": "%", "measure": "change_pct"}, "增长12.5%"),
        ({"value": Decimal("-3"), "unit": "%", "measure": "change_pct"}, "下降3%"),
        ({"value": Decimal("2.1"), "unit": "百分点", "measure": "change_points"}, "提高2.1个百分点"),
        ({"value": Decimal(-15), "unit": "件", "measure": "change_abs"}, "减少15件"),
        ({"value": Decimal(3), "value_high": Decimal(5), "unit": "个"}, "3至5个"),
        ({"value": Decimal(78), "unit": "万件", "qualifier": "余"}, "78万余件"),
        ({"value": Decimal("8461.36000000"), "unit": "万元"}, "8461.36万元"),
        ({"value": Decimal("1E+3"), "unit": "件"}, "1000件"),
    ],
)
def test_value_text(fields, expected):
    assert value_text(IndicatorValue(**{"measure": "level", "qualifier": "", **fields})) == expected


def test_lead_words_name_an_unmapped_value_by_the_words_before_it():
    sentence = "持续推进国家高新区创建,新入库科技型企业587家,新获批高新技术企业40家。"
    value = IndicatorValue(
        sentence=sentence, sentence_start=100, start=100 + sentence.index("587家"), figure="587家"
    )
    assert lead_words(value) == "新入库科技型企业"


@pytest.mark.django_db
def test_admin_screens_for_the_catalogue_values_and_corrections(admin_client, qijiang):
    value = qijiang.indicator_values.get(figure="587家")
    definition = IndicatorDefinition.objects.get(key="new_market_entities")

    for name in ("indicatordefinition", "indicatorgroup", "indicatorvalue", "indicatorcorrection"):
        assert admin_client.get(reverse(f"admin:reports_{name}_changelist")).status_code == 200
    assert (
        admin_client.get(
            reverse("admin:reports_indicatordefinition_change", args=[definition.pk])
        ).status_code
        == 200
    )
    changelist = admin_client.get(
        reverse("admin:reports_indicatorvalue_changelist"), {"report__id__exact": qijiang.pk}
    ).content.decode()
    assert "587家" in changelist and "start=" in changelist
    assert (
        admin_client.get(reverse("admin:reports_indicatorvalue_change", args=[value.pk])).status_code == 200
    )

    response = admin_client.post(
        reverse("admin:reports_indicatorcorrection_add"),
        {
            "report": qijiang.pk,
            "start": value.start,
            "end": value.end,
            "definition": definition.pk,
            "unit": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    value = qijiang.indicator_values.get(figure="587家")
    assert (value.key, value.extracted_key) == ("new_market_entities", "")
    correction = IndicatorCorrection.objects.get()
    assert correction.corrected_by.is_superuser

    bad = admin_client.post(
        reverse("admin:reports_indicatorcorrection_add"),
        {"report": qijiang.pk, "start": 0, "end": 1, "unit": ""},
    )
    assert "没有识别出的数字" in bad.content.decode()


@pytest.mark.django_db
def test_admin_rejects_a_cue_that_cannot_be_parsed(admin_client):
    definition = IndicatorDefinition.objects.get(key="penalty_cases")
    data = factories.definition_form(
        definition, cues="行政处罚 |", unless="", combines="no_such_key", is_active="on"
    )

    response = admin_client.post(
        reverse("admin:reports_indicatordefinition_change", args=[definition.pk]), data
    )

    assert response.status_code == 200
    assert "无法解析的提示词" in response.content.decode()


@pytest.mark.django_db
def test_a_figures_anchor_survives_re_extraction(client, qijiang):
    """Every catalogue edit re-extracts: the rows are renumbered, and a link someone shared to a
    figure (#ind-327) then led nowhere."""
    url = reverse("reports:detail", args=[qijiang.pk])
    before = re.findall(r'id="(ind-[\d-]+)"', client.get(url).content.decode())
    old_rows = set(IndicatorValue.objects.filter(report=qijiang).values_list("pk", flat=True))

    extract_and_store(qijiang)

    assert old_rows.isdisjoint(IndicatorValue.objects.filter(report=qijiang).values_list("pk", flat=True))
    assert before and re.findall(r'id="(ind-[\d-]+)"', client.get(url).content.decode()) == before


@pytest.mark.django_db
def test_a_figure_links_to_its_ranking_only_where_the_ranking_holds_the_report(client):
    """A key stated only over several years (or only as a change) has no row in the year's
    ranking: its 排名 link opened a ranking page without the report."""
    report = factories.report(
        year=2020, text="党的十八大以来,办理人大代表建议116件。全年收到行政复议申请61件。"
    )
    extract_and_store(report)

    html = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert f"/compare/indicator/reconsideration_received/reports/{report.pk}/" in html
    assert f"/compare/indicator/npc_suggestions/reports/{report.pk}/" not in html
    assert "116件(多年)" in html
