"""Correcting a figure in the admin (audit): every refusal is in Chinese and says what to do, and a
figure that already has a correction opens that correction."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from reports.ingest import ImportStatus, import_report
from reports.models import IndicatorCorrection, IndicatorDefinition, IndicatorValue, Report
from tests.test_indicator_admin import (  # how the admin tests read figures and pages
    ADD_CORRECTION,
    SAMPLES,
    text_of,
    value_at,
)

pytestmark = pytest.mark.django_db


def correct(admin_client, target: IndicatorValue, **fields: object):
    data = {"report": target.report_id, "start": target.start, "end": target.end, "unit": "", **fields}
    return admin_client.post(ADD_CORRECTION, data)


def test_a_key_and_no_key_at_once_is_refused_once_without_the_constraint_name(admin_client, qijiang):
    value = value_at(qijiang, "587家")
    entities = IndicatorDefinition.objects.get(key="new_market_entities")

    response = correct(admin_client, value, definition=entities.pk, unmap="on")

    text = text_of(response)
    assert response.status_code == 200
    assert text.count("“改为指标”和“不归入任何指标”只能选一个。") == 1
    assert "约束" not in text and "indicator_correction" not in text
    assert not IndicatorCorrection.objects.exists()


def test_a_second_correction_of_one_figure_is_refused_with_what_to_do(admin_client, qijiang):
    value = value_at(qijiang, "587家")
    assert correct(admin_client, value, value="588").status_code == 302

    response = correct(admin_client, value, value="589")

    text = text_of(response)
    assert response.status_code == 200
    assert "这个数字已有一条校正:请修改那一条,不要再加一条。" in text
    assert "已经存在" not in text
    assert IndicatorCorrection.objects.get().value == 588


def test_offsets_in_the_wrong_order_are_refused_without_the_constraint_name(admin_client, qijiang):
    value = value_at(qijiang, "587家")

    response = admin_client.post(
        ADD_CORRECTION, {"report": qijiang.pk, "start": value.end, "end": value.start, "unit": ""}
    )

    text = text_of(response)
    assert "起始位置须小于结束位置。" in text
    assert "约束" not in text and "indicator_correction" not in text


def test_a_correction_link_of_a_corrected_figure_opens_its_correction(admin_client, qijiang):
    value = value_at(qijiang, "587家")
    assert correct(admin_client, value, value="588").status_code == 302
    correction = IndicatorCorrection.objects.get()

    # the ranking's 校正 link always names the figure, corrected or not
    response = admin_client.get(
        ADD_CORRECTION, {"report": qijiang.pk, "start": value.start, "end": value.end}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:reports_indicatorcorrection_change", args=[correction.pk])
    followed = admin_client.get(response["Location"])
    assert "这个数字已有一条校正,已为你打开它" in text_of(followed)

    # another figure still opens the add form
    other = value_at(qijiang, "40家")
    response = admin_client.get(
        ADD_CORRECTION, {"report": qijiang.pk, "start": other.start, "end": other.end}
    )
    assert response.status_code == 200


def test_a_correction_that_changes_nothing_is_refused(admin_client, qijiang):
    value = value_at(qijiang, "587家")

    response = correct(admin_client, value, note="看过了")

    assert response.status_code == 200
    assert "没有填写要改的内容" in text_of(response)
    assert not IndicatorCorrection.objects.exists()
    assert value_at(qijiang, "587家").correction_id is None

    # emptying a saved correction is refused too: deleting it is the way back
    assert correct(admin_client, value, value="588").status_code == 302
    correction = IndicatorCorrection.objects.get()
    response = admin_client.post(
        reverse("admin:reports_indicatorcorrection_change", args=[correction.pk]),
        {"report": qijiang.pk, "start": value.start, "end": value.end, "unit": "", "value": ""},
    )
    assert "请删除这条校正" in text_of(response)
    assert IndicatorCorrection.objects.get().value == 588


def test_a_correction_to_zero_is_a_change(admin_client, qijiang):
    value = value_at(qijiang, "587家")

    assert correct(admin_client, value, value="0").status_code == 302
    assert IndicatorCorrection.objects.get().value == 0


def test_the_report_page_gives_staff_a_correction_link_for_each_figure(admin_client, client, qijiang):
    value = value_at(qijiang, "587家")
    link = f"{ADD_CORRECTION}?report={qijiang.pk}&amp;start={value.start}&amp;end={value.end}"
    page = reverse("reports:detail", args=[qijiang.pk])

    html = admin_client.get(page).content.decode()
    assert f'<a class="indicators__correct" href="{link}"' in html
    assert html.count('class="indicators__correct"') == qijiang.indicator_values.shown().count()
    assert 'class="indicators__correct"' not in client.get(page).content.decode()  # readers see none

    assert correct(admin_client, value, value="588").status_code == 302
    html = admin_client.get(page).content.decode()
    assert re.search(rf'<a class="indicators__correct" href="{re.escape(link)}"[^>]*>校正</a>', html)
    correction = IndicatorCorrection.objects.get()
    opened = admin_client.get(link.replace("&amp;", "&"))
    assert opened.url == reverse("admin:reports_indicatorcorrection_change", args=[correction.pk])


def test_staff_read_that_a_figure_was_corrected_once(admin_client, qijiang):
    value = value_at(qijiang, "587家")
    assert correct(admin_client, value, value="588").status_code == 302

    html = admin_client.get(reverse("reports:detail", args=[qijiang.pk])).content.decode()

    item = re.search(
        r'<li class="indicators__item[^"]*">(?:(?!</li>).)*588家(?:(?!</li>).)*</li>', html, re.S
    )
    assert item is not None
    said = re.sub(r"<[^>]+>", "", item.group(0))
    assert said.count("校正") == 2  # 经人工校正 and the link 校正, not 已校正 beside them
    assert "经人工校正" in said and "已校正" not in said


def test_a_new_version_keeps_corrections_of_figures_in_the_same_words_and_says_which_it_left(admin_client):
    path = SAMPLES / "001_2a747604b19e6eb5.txt"
    old = Report.objects.get(pk=import_report(path.read_bytes(), filename=path.name).report_id)
    kept, changed = value_at(old, "38次"), value_at(old, "16件")
    assert correct(admin_client, kept, value="39", note="原文笔误").status_code == 302
    assert correct(admin_client, changed, unmap="on").status_code == 302

    text = path.read_text(encoding="utf-8")
    revised = import_report(
        text.replace("增强依法决策能力\n", "增强依法决策能力,新版本增加的一句话\n", 1)
        .replace("一般程序案件16件", "一般程序案件17件")
        .encode(),
        filename="001-revised.txt",
    )

    assert revised.status is ImportStatus.NEW_VERSION
    new = Report.objects.get(pk=revised.report_id)
    moved = value_at(new, "38次")
    assert moved.start != kept.start  # the text moved: the correction follows the figure
    assert (moved.value, moved.correction.note) == (
        39,
        f"原文笔误\n沿用旧版本报告 #{old.pk} 的校正 #{value_at(old, '38次').correction_id}。",
    )
    assert value_at(new, "17件").correction_id is None  # its words changed: left to staff
    assert revised.reason == (
        f"替换了此前收录的 #{old.pk}《{old.title}》。"
        f"旧版本 #{old.pk} 的人工校正:1 条已沿用到新版本;"
        "1 条(16件)在新版本中前后文字已改动或不止一处,未沿用,请在新版本上核对。"
    )
    assert old.indicator_corrections.count() == 2  # the earlier version keeps its own


def test_readers_and_the_api_see_that_a_figure_was_corrected(admin_client, client, qijiang):
    value = value_at(qijiang, "587家")
    page = reverse("reports:detail", args=[qijiang.pk])
    assert "经人工校正" not in client.get(page).content.decode()

    assert correct(admin_client, value, value="588").status_code == 302

    html = client.get(page).content.decode()
    item = re.search(
        r'<li class="indicators__item[^"]*">(?:(?!</li>).)*588家(?:(?!</li>).)*</li>', html, re.S
    )
    assert item is not None and "经人工校正" in item.group(0)
    assert html.count("经人工校正") == 1
    listed = client.get(reverse("reports:api-detail", args=[qijiang.pk])).json()["indicators"]
    flags = {
        (v["start"], v["corrected"])
        for v in listed
        if v["start"] in (value.start, value_at(qijiang, "40家").start)
    }
    assert flags == {(value.start, True), (value_at(qijiang, "40家").start, False)}


def test_the_corrections_list_filters_by_key_shows_values_as_written_and_links_each_log(
    admin_client, qijiang
):
    # a list with no filters, 76.00000000, and the before/after only in the global log
    value = value_at(qijiang, "587家")
    entities = IndicatorDefinition.objects.get(key="new_market_entities")
    assert correct(admin_client, value, definition=entities.pk, value="590").status_code == 302
    correction = IndicatorCorrection.objects.get()
    changelist = reverse("admin:reports_indicatorcorrection_changelist")

    listed = admin_client.get(changelist, {"definition__id__exact": entities.pk})
    other = IndicatorDefinition.objects.get(key="legal_aid_cases")
    none = admin_client.get(changelist, {"definition__id__exact": other.pk})
    log = reverse("admin:reports_indicatorcorrection_auditlog", args=[correction.pk])

    assert listed.context["cl"].result_count == 1 and none.context["cl"].result_count == 0
    page = listed.content.decode()
    assert '<td class="field-value_shown">590</td>' in page and "590.00000000" not in page
    assert f'href="{log}"' in page and admin_client.get(log).status_code == 200
    values = reverse("admin:reports_indicatorvalue_changelist")
    corrected = admin_client.get(values, {"correction__isempty": "0", "definition__id__exact": entities.pk})
    assert [row.figure for row in corrected.context["cl"].result_list] == ["587家"]


def test_the_corrections_list_tells_a_figure_taken_out_of_its_key_from_one_left_in_it(admin_client, qijiang):
    """Both read "改为指标 -"."""
    assert correct(admin_client, value_at(qijiang, "587家"), unmap="on").status_code == 302
    assert correct(admin_client, value_at(qijiang, "40家"), value="41").status_code == 302
    changelist = reverse("admin:reports_indicatorcorrection_changelist")

    cells = re.findall(
        r'<td class="field-key_change">([^<]*)</td>', admin_client.get(changelist).content.decode()
    )

    assert sorted(cells) == ["-", "不归入任何指标"]
    assert admin_client.get(changelist, {"unmap__exact": "1"}).context["cl"].result_count == 1


def test_a_reports_admin_page_counts_and_links_its_figures_corrections_too(admin_client, qijiang):
    # 人工校正 counted only corrections of the report's own fields: its figures' were not named
    value = value_at(qijiang, "587家")
    assert correct(admin_client, value, is_rejected="on").status_code == 302

    page = admin_client.get(reverse("admin:reports_report_change", args=[qijiang.pk])).content.decode()

    link = reverse("admin:reports_indicatorcorrection_changelist") + f"?report__id__exact={qijiang.pk}"
    assert f'<a href="{link}">指标校正 1 项' in page.replace("&amp;", "&")
    assert admin_client.get(link).context["cl"].result_count == 1
