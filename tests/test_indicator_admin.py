"""The indicator screens of the admin: labels in Chinese, a correction form that shows the figure it
corrects and can change its kind and qualifier, checks of a key's units, and a catalogue edit that
queues a re-extraction in the background."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from reports.compare.figures import figures_for
from reports.indicators.display import value_text
from reports.indicators.store import extract_and_store
from reports.models import IndicatorCorrection, IndicatorDefinition, IndicatorGroup, IndicatorValue, Report
from reports.tasks import reextract_indicators
from tests import factories

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
ADD_CORRECTION = reverse("admin:reports_indicatorcorrection_add")


def value_at(report: Report, figure: str) -> IndicatorValue:
    start = report.text.index(figure)
    return report.indicator_values.get(start=start, end=start + len(figure))


def text_of(response) -> str:
    return unescape(re.sub(r"<[^>]+>", "", response.content.decode()))


def form_errors(response) -> object:
    context = response.context
    return context["adminform"].form.errors if context and "adminform" in context else response.status_code


def correct(admin_client, target: IndicatorValue, **fields: object):
    data = {"report": target.report_id, "start": target.start, "end": target.end, "unit": "", **fields}
    return admin_client.post(ADD_CORRECTION, data)


# --- labels ---------------------------------------------------------------------------------------


def test_indicator_screens_label_their_fields_in_chinese(admin_client, qijiang):
    definition = IndicatorDefinition.objects.get(key="new_market_entities")
    pages = {
        "correction": admin_client.get(ADD_CORRECTION).content.decode(),
        "definition": admin_client.get(
            reverse("admin:reports_indicatordefinition_change", args=[definition.pk])
        ).content.decode(),
        "values": admin_client.get(reverse("admin:reports_indicatorvalue_changelist")).content.decode(),
    }

    assert re.search(r"<label[^>]*for=\"id_report\"[^>]*>报告:</label>", pages["correction"])
    assert re.search(r"<label[^>]*for=\"id_group\"[^>]*>分组:</label>", pages["definition"])
    assert re.search(r">\s*报告\s*</a>", pages["values"])
    for page in pages.values():
        assert not re.search(r">\s*(Report|Group|Definition|Section|Start|End):?\s*<", page)


# --- the correction form ---------------------------------------------------------------------------


def test_correction_opened_from_a_value_shows_the_figure_its_sentence_and_current_reading(
    admin_client, qijiang
):
    value = value_at(qijiang, "587家")
    changelist = admin_client.get(
        reverse("admin:reports_indicatorvalue_changelist"), {"report__id__exact": qijiang.pk}
    ).content.decode()
    link = re.search(rf'href="([^"]*start={value.start}&amp;end={value.end})"', changelist)
    assert link is not None
    assert '<td class="field-reading">587家</td>' in changelist  # as written, not 587.00000000

    response = admin_client.get(unescape(link.group(1)))
    html = response.content.decode()

    assert response.status_code == 200
    assert re.search(rf'name="report" value="{qijiang.pk}"', html)
    assert re.search(rf'name="start" value="{value.start}"', html)
    figure = re.search(r"原文数字:</label>\s*<div class=\"readonly\">([^<]*)</div>", html)
    assert figure is not None and figure.group(1) == "587家"
    # the sentence with the figure marked, and what is stored now
    assert "新入库科技型企业<mark>587家</mark>,新获批高新技术企业40家" in html
    page = text_of(response)
    assert "当前:指标 未归类;数值 587家(数值 587,单位 家,类型 数值,限定词 无)" in page
    assert 'placeholder="识别结果:587"' in html and 'placeholder="识别结果:家"' in html
    # the offsets say how to fill them in when typed by hand
    assert "从 0 数起" in page and "起始位置加数字的字数" in page


def test_correction_typed_by_hand_at_wrong_offsets_lists_the_nearby_figures(admin_client, qijiang):
    value = value_at(qijiang, "587家")

    response = admin_client.post(
        ADD_CORRECTION, {"report": qijiang.pk, "start": value.start + 1, "end": value.end, "unit": ""}
    )

    page = text_of(response)
    assert response.status_code == 200
    assert "没有识别出的数字" in page
    assert f"587家(起始 {value.start},结束 {value.end})" in page
    assert not IndicatorCorrection.objects.exists()


def test_staff_mark_a_figure_as_the_level_before_a_change_and_the_keys_value_moves_on(admin_client):
    agency = factories.agency(region_code="640303")
    text = "上年办理人大代表建议52件,今年办理人大代表建议61件。"
    report = factories.report_with_parts(agency, 2023, text, "继续推进。")
    assert [f.value.figure for f in figures_for([report.pk], ["npc_suggestions"]).values()] == ["52件"]

    response = correct(admin_client, value_at(report, "52件"), measure="earlier")

    assert response.status_code == 302, form_errors(response)
    last_year = value_at(report, "52件")
    assert (last_year.key, last_year.measure, value_text(last_year)) == (
        "npc_suggestions",
        "earlier",
        "原52件",
    )
    assert [f.value.figure for f in figures_for([report.pk], ["npc_suggestions"]).values()] == ["61件"]


def test_a_correction_changes_the_kind_of_measure_and_the_qualifier(admin_client, qijiang):
    value = value_at(qijiang, "78万余件")
    assert (value.measure, value.qualifier) == ("level", "余")

    # its key (items handled) takes no changes: staff take it out of the catalogue at once
    response = correct(admin_client, value, measure="change_abs", value="-78", qualifier="none")
    assert "不收增减数字" in str(form_errors(response))
    response = correct(admin_client, value, measure="change_abs", value="-78", qualifier="none", unmap="on")

    assert response.status_code == 302, form_errors(response)
    value = value_at(qijiang, "78万余件")
    assert (value.measure, value.value, value.unit, value.qualifier) == (
        "change_abs",
        Decimal(-78),
        "万件",
        "",
    )
    assert value_text(value) == "减少78万件"

    correction = IndicatorCorrection.objects.get()
    response = admin_client.post(
        reverse("admin:reports_indicatorcorrection_change", args=[correction.pk]),
        {
            "report": qijiang.pk,
            "start": value.start,
            "end": value.end,
            "unit": "",
            "value": "",
            "measure": "",
            "qualifier": "近",
        },
    )
    assert response.status_code == 302, form_errors(response)
    value = value_at(qijiang, "78万余件")
    assert (value.measure, value.qualifier, value.key) == ("level", "近", "items_handled")  # as extracted
    assert value_text(value) == "近78万件"


def test_a_key_whose_units_do_not_include_the_unit_is_refused_with_a_reason(admin_client, qijiang):
    value = value_at(qijiang, "587家")
    reconsideration = IndicatorDefinition.objects.get(key="reconsideration_received")
    assert "家" not in reconsideration.units.split()

    response = correct(admin_client, value, definition=reconsideration.pk)

    page = text_of(response)
    assert response.status_code == 200
    assert f"指标“{reconsideration.name}”的单位是“{' '.join(reconsideration.units.split())}”,不含“家”" in page
    assert not IndicatorCorrection.objects.exists()

    # with a unit the key is stated in, the same key is accepted
    response = correct(admin_client, value, definition=reconsideration.pk, unit="件")
    assert response.status_code == 302, form_errors(response)
    assert (value_at(qijiang, "587家").key, value_at(qijiang, "587家").unit) == (
        "reconsideration_received",
        "件",
    )


def test_changing_the_unit_of_a_mapped_value_is_checked_against_its_key(admin_client, qijiang):
    value = qijiang.indicator_values.filter(definition__key="new_market_entities").first()
    assert value is not None and value.unit in ("户", "家", "个")

    response = correct(admin_client, value, unit="人")

    assert response.status_code == 200
    assert "不含“人”" in text_of(response)


def test_a_change_cannot_go_under_a_key_that_takes_no_changes(admin_client, qijiang):
    value = value_at(qijiang, "587家")
    entities = IndicatorDefinition.objects.get(key="new_market_entities")
    assert "增减" not in entities.units.split()

    response = correct(admin_client, value, definition=entities.pk, measure="change_abs")

    assert response.status_code == 200
    assert "不收增减数字" in text_of(response)


# --- a catalogue edit queues a re-extraction -------------------------------------------------------


def _definition_form(**fields: object) -> dict[str, object]:
    return {
        "key": "tech_enterprises_added",
        "name": "新入库科技型企业",
        "group": IndicatorGroup.objects.get(key="services").pk,
        "position": 9999,
        "units": "家 个",
        "scope": "any",
        "cues": "科技型企业",
        "unless": "",
        "combines": "",
        "is_active": "on",
        **fields,
    }


def test_saving_a_catalogue_entry_queues_a_background_re_extraction_and_says_so(admin_client, qijiang):
    assert value_at(qijiang, "587家").key == ""

    response = admin_client.post(reverse("admin:reports_indicatordefinition_add"), _definition_form())

    assert response.status_code == 302
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("已在后台排队重新识别" in message and "extract_indicators" in message for message in shown)
    queued = DBTaskResult.objects.get()
    assert (queued.task_path, queued.status) == (reextract_indicators.module_path, "READY")
    assert value_at(qijiang, "587家").key == ""  # pages change only when the task has run

    # a second edit while that run still waits adds no second one: it reads the catalogue it finds
    definition = IndicatorDefinition.objects.get(key="tech_enterprises_added")
    response = admin_client.post(
        reverse("admin:reports_indicatordefinition_change", args=[definition.pk]),
        _definition_form(cues="科技型企业\n高新技术企业"),
    )
    assert response.status_code == 302
    assert DBTaskResult.objects.count() == 1
    assert any("后台已有一次排队中的" in str(m) for m in get_messages(response.wsgi_request))

    queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])

    assert value_at(qijiang, "587家").key == "tech_enterprises_added"
    assert value_at(qijiang, "40家").key == "tech_enterprises_added"


def test_saving_an_unchanged_catalogue_entry_queues_nothing(admin_client):
    definition = IndicatorDefinition.objects.get(key="penalty_cases")
    data = factories.definition_form(definition)

    response = admin_client.post(
        reverse("admin:reports_indicatordefinition_change", args=[definition.pk]), data
    )

    assert response.status_code == 302
    assert not DBTaskResult.objects.exists()


# --- what a correction may store ---------------------------------------------------------------------


def test_a_unit_the_site_does_not_know_is_refused_on_a_figure_of_no_key(admin_client, qijiang):
    # stored, an unmapped 587家 read 587abc on the report page and in the API
    response = correct(admin_client, value_at(qijiang, "587家"), unit="abc")

    assert "“abc”不是系统认识的单位" in form_errors(response)["unit"][0]


def test_a_negative_level_is_refused_as_a_level_cannot_be_below_zero(admin_client, qijiang):
    # -75件 was ranked as a figure; a decrease is a change, which the form asks for with its sign
    response = correct(admin_client, value_at(qijiang, "587家"), value="-587")

    assert "负数" in form_errors(response)["value"][0]
    assert (
        correct(admin_client, value_at(qijiang, "587家"), value="-587", measure="change_abs").status_code
        == 302
    )


def test_a_value_that_cannot_be_stored_is_one_error_not_also_a_form_left_empty(admin_client, qijiang):
    response = correct(admin_client, value_at(qijiang, "587家"), value="1e30")

    assert list(form_errors(response)) == ["value"]


def test_a_correction_edited_back_to_the_figures_own_unit_is_checked_with_that_unit(admin_client, qijiang):
    value = value_at(qijiang, "587家")
    correction = IndicatorCorrection.objects.create(
        report=qijiang, start=value.start, end=value.end, unit="件"
    )
    extract_and_store(qijiang)
    entities = IndicatorDefinition.objects.get(key="new_market_entities")
    url = reverse("admin:reports_indicatorcorrection_change", args=[correction.pk])

    shown = admin_client.get(url).content.decode()
    data = {
        "report": qijiang.pk,
        "start": value.start,
        "end": value.end,
        "unit": "",
        "definition": entities.pk,
    }
    response = admin_client.post(url, data)

    assert 'placeholder="识别结果:家"' in shown  # what stays when the unit is left empty
    assert response.status_code == 302, form_errors(response)  # 家 is one of its units; 件 is not
    assert value_at(qijiang, "587家").unit == "家"


def test_the_correction_form_offers_active_keys_and_marks_a_stopped_one_it_already_holds(
    admin_client, qijiang
):
    # a figure could be corrected into a key that pages and the API no longer list
    stopped = IndicatorDefinition.objects.get(key="legal_aid_cases")
    stopped.is_active = False
    stopped.save()
    value = value_at(qijiang, "587家")
    query = f"?report={qijiang.pk}&start={value.start}&end={value.end}"
    held = IndicatorCorrection.objects.create(report=qijiang, start=0, end=2, definition=stopped)

    offered = admin_client.get(ADD_CORRECTION + query).context["adminform"].form.fields["definition"]
    editing = admin_client.get(reverse("admin:reports_indicatorcorrection_change", args=[held.pk]))
    kept = editing.context["adminform"].form.fields["definition"]

    assert (
        stopped not in offered.queryset
        and offered.queryset.filter(is_active=True).count() == offered.queryset.count()
    )
    assert stopped in kept.queryset and "已停用" in kept.label_from_instance(stopped)
