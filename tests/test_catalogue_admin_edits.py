"""Staff editing the indicator catalogue in the admin (audit): what a save stores, and what a form
refuses, with a message in Chinese, before it can store a key that silently never matches."""

from __future__ import annotations

import re
from contextlib import contextmanager
from html import unescape
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.db import connections
from django.urls import reverse

from reports.indicators.loading import sync_catalogue, tracked_values
from reports.models import IndicatorDefinition, IndicatorGroup
from tests import factories

pytestmark = pytest.mark.django_db


def _catalogue_file(tmp_path, cues: list[str]) -> object:
    path = tmp_path / "catalogue.toml"
    listed = ", ".join(f'"{cue}"' for cue in cues)
    path.write_text(
        '[groups]\nleadership = "党的领导"\n\n[[indicator]]\nkey = "leaders_law_study"\n'
        f'name = "学法"\ndefinition = "会前学法的次数。\\n不含个人自学。"\ngroup = "leadership"\n'
        f'units = ["次"]\ncues = [{listed}]\n',
        encoding="utf-8",
    )
    return path


def test_an_entry_saved_unchanged_in_the_admin_still_follows_the_file(admin_client, tmp_path):
    IndicatorDefinition.objects.all().delete()
    path = _catalogue_file(tmp_path, ["会前学法", "集体学法"])
    sync_catalogue(IndicatorGroup, IndicatorDefinition, path=path)
    definition = IndicatorDefinition.objects.get()

    # the browser posts the textareas' line breaks as \r\n
    data = factories.definition_form(definition)
    data["definition"] = definition.definition.replace("\n", "\r\n")
    url = reverse("admin:reports_indicatordefinition_change", args=[definition.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 302

    definition.refresh_from_db()
    assert definition.cues == "会前学法\n集体学法" and "\r" not in definition.definition
    assert definition.shipped_fields == tracked_values(vars(definition), "leadership")  # not an edit
    counts = sync_catalogue(
        IndicatorGroup, IndicatorDefinition, path=_catalogue_file(tmp_path, ["会前学法", "中心组学法"])
    )
    assert counts.updated == 1
    assert IndicatorDefinition.objects.get().cues == "会前学法\n中心组学法"


def test_an_entry_whose_definition_staff_rewrote_still_takes_the_files_new_cues(admin_client, tmp_path):
    def sync(cues: list[str]):
        return sync_catalogue(IndicatorGroup, IndicatorDefinition, path=_catalogue_file(tmp_path, cues))

    IndicatorDefinition.objects.all().delete()
    sync(["会前学法", "集体学法"])
    definition = IndicatorDefinition.objects.get()
    url = reverse("admin:reports_indicatordefinition_change", args=[definition.pk])
    text = "本单位口径:只算党委(党组)会前学法。"
    data = {**factories.definition_form(definition), "definition": text}  # only the text changes
    assert admin_client.post(url, data).status_code == 302

    counts = sync(["会前学法", "中心组学法"])

    definition.refresh_from_db()
    assert counts.updated == 1
    assert definition.cues == "会前学法\n中心组学法"  # a field staff never changed follows the file
    assert definition.definition == text  # staff's text is kept

    # cues staff write are theirs from then on
    data = {**factories.definition_form(definition, cues="会前学法\r\n集中学法"), "definition": text}
    assert admin_client.post(url, data).status_code == 302
    sync(["会前学法", "专题学法"])
    definition.refresh_from_db()
    assert (definition.cues, definition.definition, definition.name) == ("会前学法\n集中学法", text, "学法")


def _new_key(**fields: object) -> dict[str, object]:
    return {
        "key": "notarization_cases",
        "name": "公证业务办理件数",
        "definition": "",
        "group": IndicatorGroup.objects.get(key="legal_services").pk,
        "position": 500,
        "units": "件",
        "scope": "any",
        "cues": "公证",
        "unless": "",
        "combines": "",
        "is_active": "on",
        **fields,
    }


def _errors(response) -> dict[str, list[str]]:
    assert response.status_code == 200, "the form was accepted"
    return response.context["adminform"].form.errors


ADD_DEFINITION = reverse("admin:reports_indicatordefinition_add")


@pytest.mark.parametrize(
    ("field", "typed", "said"),
    [
        ("cues", "公证 |", "“|”里没有词"),
        ("cues", "@ 办理", "“@”里没有词"),
        ("cues", "公证 >", "“>”里没有词"),
        ("cues", "@>公证 办理", "只能有一个“@”或“>”"),
        ("cues", "公证@办理", "只能写在词的开头"),
        ("cues", "＠公证处 办理", "“＠”是全角符号,请改用半角“@”"),
        ("cues", "公证｜公证处", "“｜”是全角符号"),
        # each of these vetoed every figure, or never vetoed one, without a word
        ("unless", "遗嘱 =", "“=”里没有要排除的词"),
        ("unless", "!公证员", "没有要排除的词"),
        ("unless", ">", "没有要排除的词"),
        ("unless", "=>投诉", "只能有一个“=”“>”或“^”"),
        ("unless", "@投诉", "不能以“@”开头"),
        ("unless", "咨询|投诉", "不支持“|”"),
        ("unless", "=培训|讲座!公证员", "不支持“|”"),
        ("unless", "培训!", "“!”后须写一个词"),
        ("unless", "培训!|", "“!”后须写一个词"),
        ("unless", "培训!公证!员", "“!”后须写一个词"),
        ("unless", "＝培训", "全角符号"),
        # marks of 排除词 in a cue were read as part of a word no report holds
        ("cues", "公证!遗嘱 办理", "“!”和“=”只用于排除词"),
        ("cues", "=公证 办理", "“!”和“=”只用于排除词"),
        ("cues", "公证！遗嘱", "“!”和“=”只用于排除词"),
        ("cues", "公证||公证处 办理", "“|”之间没有词"),
    ],
)
def test_cue_and_veto_syntax_staff_mistype_is_refused_in_chinese(admin_client, field, typed, said):
    response = admin_client.post(ADD_DEFINITION, _new_key(**{field: typed}))

    messages = " ".join(_errors(response)[field])
    assert said in messages
    assert not re.search(r"[A-Za-z]{4,}", messages.replace("cues", ""))  # no English
    assert not IndicatorDefinition.objects.filter(key="notarization_cases").exists()


def test_the_syntax_the_help_text_describes_is_accepted(admin_client):
    response = admin_client.post(
        ADD_DEFINITION,
        _new_key(
            cues="公证 办理|办结\r\n\r\n@公证处 办理\r\n公证 >件",
            unless="遗嘱 =咨询 =培训!公证员|公证处 >投诉 投诉!公证",
        ),
    )

    assert response.status_code == 302
    assert (
        IndicatorDefinition.objects.get(key="notarization_cases").cues
        == "公证 办理|办结\n\n@公证处 办理\n公证 >件"
    )


def test_every_shipped_definition_passes_the_admin_checks():
    for definition in IndicatorDefinition.objects.all():
        definition.full_clean()


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("公证件", "“公证件”不是系统认识的单位"),
        ("件 位", "写作“位”的数字按“人”存储和比较,请写“人”"),
        ("亿元", "请写“万元”"),
        ("万件", "请写“件”"),
        ("个百分点", "请写“百分点”"),
        ("", "请至少写一个单位"),
    ],
)
def test_a_unit_no_figure_is_stored_in_is_refused_with_the_unit_to_write(admin_client, typed, said):
    response = admin_client.post(ADD_DEFINITION, _new_key(units=typed))

    assert said in " ".join(_errors(response)["units"])
    assert not IndicatorDefinition.objects.filter(key="notarization_cases").exists()


def test_units_figures_are_stored_in_are_accepted(admin_client):
    response = admin_client.post(ADD_DEFINITION, _new_key(units="件 宗 人次 万元 % 增减 元/月"))

    assert response.status_code == 302


@pytest.mark.parametrize(
    "typed", ["notary cases", "公证件数", "notary-cases", "NotaryCases", "Legal_Aid_Cases", "1st_key"]
)
def test_a_key_other_than_lower_case_letters_digits_and_underscores_is_refused(admin_client, typed):
    response = admin_client.post(ADD_DEFINITION, _new_key(key=typed))

    assert _errors(response)["key"] == [
        "键只能由英文小写字母、数字和下划线组成,并以字母开头,如 notarization_cases"
        "(不能有空格、汉字、大写字母或连字符)。"
    ]
    assert IndicatorDefinition.objects.filter(name="公证业务办理件数").count() == 0


def test_a_saved_entry_is_changed_without_its_read_only_key(admin_client):
    definition = IndicatorDefinition.objects.get(key="legal_aid_cases")
    data = factories.definition_form(definition, name="法律援助案件(件)")  # as a browser posts it: no key

    response = admin_client.post(
        reverse("admin:reports_indicatordefinition_change", args=[definition.pk]), data
    )

    assert response.status_code == 302
    assert IndicatorDefinition.objects.get(pk=definition.pk).name == "法律援助案件(件)"


def test_the_admin_is_named_after_the_site_not_django(admin_client):
    for url in (reverse("admin:index"), reverse("admin:reports_indicatordefinition_changelist")):
        html = admin_client.get(url).content.decode()
        assert "法治政府建设年度报告库 管理后台" in html
        assert "Django" not in re.sub(r"<(script|link|meta)[^>]*>", "", html).replace("django", "")


def test_the_catalogue_list_says_where_the_background_re_extraction_stands(admin_client):
    from django_tasks_db.models import DBTaskResult

    changelist = reverse("admin:reports_indicatordefinition_changelist")
    assert "reextraction-status" not in admin_client.get(changelist).content.decode()  # none queued yet

    response = admin_client.post(ADD_DEFINITION, _new_key())
    assert response.status_code == 302
    assert "重新识别排队中" in admin_client.get(changelist).content.decode()

    queued = DBTaskResult.objects.get()
    DBTaskResult.objects.filter(pk=queued.pk).update(status="RUNNING", started_at=queued.enqueued_at)
    with _worker_running_a_reextraction():
        assert "重新识别进行中" in admin_client.get(changelist).content.decode()

    value = queued.task.call()
    DBTaskResult.objects.filter(pk=queued.pk).update(
        status="SUCCESSFUL", finished_at=queued.enqueued_at, return_value=value
    )
    html = admin_client.get(changelist).content.decode()
    assert "最近一次重新识别已于" in html and "0 份报告,0 个数值;0 份失败" in html


@contextmanager
def _worker_running_a_reextraction():
    """Another session holding the lock a running re-extraction holds, as a live worker does."""
    from reports.tasks import REEXTRACTION_LOCK

    worker = connections.create_connection("default")
    try:
        with worker.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, 0)", [REEXTRACTION_LOCK])
        yield
    finally:
        worker.close()  # as a worker that dies: the lock goes with its connection


def test_a_run_a_stopped_worker_left_running_is_not_taken_for_the_current_one(admin_client):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from reports.tasks import reextract_indicators, reextraction_status

    earlier = timezone.now() - timezone.timedelta(hours=2)
    stopped = reextract_indicators.enqueue()
    DBTaskResult.objects.filter(pk=stopped.id).update(status="RUNNING", started_at=earlier)
    assert reextraction_status().startswith("重新识别中途停止")  # no worker holds it

    later = reextract_indicators.enqueue()
    DBTaskResult.objects.filter(pk=later.id).update(
        status="SUCCESSFUL", started_at=timezone.now(), finished_at=timezone.now(), return_value="1 份报告"
    )
    assert reextraction_status().startswith("最近一次重新识别已于")


def test_a_re_extraction_holds_its_lock_while_it_runs_and_lets_go_after(monkeypatch):
    from reports.indicators import store
    from reports.tasks import reextract_indicators, reextraction_running

    seen = []
    real = store.extract_reports

    def observed(ids):
        seen.append(reextraction_running())
        return real(ids)

    monkeypatch.setattr(store, "extract_reports", observed)
    reextract_indicators.call()

    assert seen == [True]
    assert not reextraction_running()


def test_a_re_extraction_a_stopped_worker_left_running_is_queued_again_at_start(admin_client):
    """Staff's catalogue edit still reaches the stored figures when the worker re-extracting
    for it was stopped (bin/run's requeue_imports, before the worker starts); a run a live
    worker holds is left alone."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from reports.tasks import reextract_indicators, reextraction_status

    running = reextract_indicators.enqueue()
    DBTaskResult.objects.filter(pk=running.id).update(status="RUNNING", started_at=running.enqueued_at)
    with _worker_running_a_reextraction():
        call_command("requeue_imports", stdout=StringIO())
        assert DBTaskResult.objects.get().status == "RUNNING"

    out = StringIO()
    call_command("requeue_imports", stdout=out)

    assert "re-extraction was queued again" in out.getvalue()
    stopped = DBTaskResult.objects.get(pk=running.id)
    assert stopped.status == "FAILED" and "停止" in stopped.traceback
    assert DBTaskResult.objects.ready().filter(task_path=reextract_indicators.module_path).count() == 1
    assert reextraction_status().startswith("重新识别排队中")
    detail = admin_client.get(f"/admin/django_tasks_database/dbtaskresult/{stopped.pk}/change/")
    assert "后台进程在重新识别完成前停止" in detail.content.decode()


def test_deactivating_a_key_corrections_map_figures_to_warns_and_links_them(admin_client):
    from django.contrib.messages import get_messages

    from reports.models import IndicatorCorrection

    report = factories.report()
    definition = IndicatorDefinition.objects.get(key="legal_aid_cases")
    IndicatorCorrection.objects.create(report=report, start=0, end=2, definition=definition)
    data = factories.definition_form(definition, is_active="")

    response = admin_client.post(
        reverse("admin:reports_indicatordefinition_change", args=[definition.pk]), data
    )

    assert response.status_code == 302
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "已停用,但仍有" in shown and "1 条人工校正" in shown
    link = re.search(r'href="([^"]+)"', shown).group(1)
    listed = admin_client.get(unescape(link))
    assert listed.status_code == 200 and listed.context["cl"].result_count == 1


def test_a_second_key_of_the_same_name_is_refused_naming_the_first(admin_client):
    response = admin_client.post(ADD_DEFINITION, _new_key(name="法律援助案件"))

    assert _errors(response)["name"] == ["已有同名的指标“法律援助案件”(键 legal_aid_cases),请换一个名称。"]


def test_a_key_that_combines_itself_is_refused_as_such(admin_client):
    response = admin_client.post(ADD_DEFINITION, _new_key(combines="notarization_cases legal_aid_cases"))

    assert _errors(response)["combines"] == ["合计指标不能包含本指标自己的键。"]  # not 未知的指标键


def test_a_catalogue_edit_is_in_the_audit_log_with_before_and_after(admin_client, admin_user):

    definition = IndicatorDefinition.objects.get(key="legal_aid_cases")
    before = definition.cues
    data = factories.definition_form(definition, cues=before + "\r\n法援 案件")
    url = reverse("admin:reports_indicatordefinition_change", args=[definition.pk])
    assert admin_client.post(url, data).status_code == 302

    entry = LogEntry.objects.get_for_object(definition).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == admin_user
    assert entry.changes_dict["cues"] == [before, before + "\n法援 案件"]
    history = admin_client.get(reverse("admin:reports_indicatordefinition_auditlog", args=[definition.pk]))
    assert history.status_code == 200 and "法援 案件" in history.content.decode()


def test_a_key_another_key_combines_cannot_be_deleted(admin_client):
    # npc_cppcc_combined adds npc_suggestions up: deleted, the sum silently stopped being read
    definition = IndicatorDefinition.objects.get(key="npc_suggestions")
    url = reverse("admin:reports_indicatordefinition_delete", args=[definition.pk])

    asked = admin_client.get(url).content.decode()
    response = admin_client.post(url, {"post": "yes"})

    assert "npc_cppcc_combined" in asked and "合计" in asked
    assert response.status_code == 200 and IndicatorDefinition.objects.filter(key="npc_suggestions").exists()


def test_a_key_another_active_key_combines_cannot_be_deactivated(admin_client):
    definition = IndicatorDefinition.objects.get(key="npc_suggestions")
    data = factories.definition_form(definition, is_active="")

    response = admin_client.post(
        reverse("admin:reports_indicatordefinition_change", args=[definition.pk]), data
    )

    assert "npc_cppcc_combined" in _errors(response)["is_active"][0]


def test_keys_that_would_combine_each_other_are_refused(admin_client):
    combined = IndicatorDefinition.objects.get(key="npc_cppcc_combined")
    part = IndicatorDefinition.objects.get(key="npc_suggestions")
    data = factories.definition_form(part, combines=combined.key)

    response = admin_client.post(reverse("admin:reports_indicatordefinition_change", args=[part.pk]), data)

    assert (
        "npc_cppcc_combined" in _errors(response)["combines"][0]
        and "循环" in _errors(response)["combines"][0]
    )


def test_a_second_group_of_the_same_name_is_refused_and_a_group_edit_is_audited(admin_client, admin_user):
    # two 矛盾纠纷化解 groups were offered alike, and the compare index merged them
    taken = IndicatorGroup.objects.get(key="legal_services")
    add = reverse("admin:reports_indicatorgroup_add")

    refused = admin_client.post(add, {"key": "zz_group", "name": taken.name, "position": 99})
    renamed = admin_client.post(
        reverse("admin:reports_indicatorgroup_change", args=[taken.pk]),
        {"key": taken.key, "name": "公共法律服务(改)", "position": taken.position},
    )

    assert taken.name in _errors(refused)["name"][0]
    assert renamed.status_code == 302
    entry = LogEntry.objects.get_for_object(taken).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == admin_user and entry.changes_dict["name"][1] == "公共法律服务(改)"


def test_a_nul_character_typed_into_a_form_is_refused_in_words_that_say_so(admin_client):
    # Django's Chinese said 不允许是用空字符串 ("empty strings not allowed")
    response = admin_client.post(ADD_DEFINITION, _new_key(name="公证\x00业务"))

    assert _errors(response)["name"] == ["不允许输入空字符(\\0)。"]


def test_staff_queue_a_re_extraction_from_the_catalogue_list_without_the_server(admin_client):
    from django_tasks_db.models import DBTaskResult

    # after a failed run the only advice was a command on the server, which staff rarely reach
    changelist = reverse("admin:reports_indicatordefinition_changelist")
    button = reverse("admin:reports_indicatordefinition_reextract")

    assert f'action="{button}"' in admin_client.get(changelist).content.decode()
    assert admin_client.get(button).status_code == 405
    response = admin_client.post(button)

    assert response.status_code == 302 and response["Location"] == changelist
    assert DBTaskResult.objects.get().status == "READY"
    assert "重新识别排队中" in admin_client.get(changelist).content.decode()


def test_a_run_waiting_behind_the_running_one_is_named_beside_it(admin_client):
    from django_tasks_db.models import DBTaskResult

    # the line said 正在按当前指标目录, though the edit made during the run waits for the next one
    assert admin_client.post(ADD_DEFINITION, _new_key()).status_code == 302
    running = DBTaskResult.objects.get()
    DBTaskResult.objects.filter(pk=running.pk).update(status="RUNNING", started_at=running.enqueued_at)
    assert admin_client.post(ADD_DEFINITION, _new_key(key="mediation_x", name="调解x")).status_code == 302

    with _worker_running_a_reextraction():
        status = admin_client.get(reverse("admin:reports_indicatordefinition_changelist")).content.decode()

    assert "重新识别进行中" in status and "之后的修改已排队" in status


def test_deleting_a_key_says_how_many_figures_lose_it(admin_client):
    # the page said only 指标定义: 1; the figures under the key silently became unmapped
    definition = IndicatorDefinition.objects.get(key="legal_aid_cases")
    report = factories.report()
    for start in (0, 10):
        factories.indicator_value(
            "3", report_id=report.pk, key=definition.key, definition=definition, start=start
        ).save()

    asked = admin_client.get(reverse("admin:reports_indicatordefinition_delete", args=[definition.pk]))

    assert "2 个数字(1 份报告)将不再归入该指标" in asked.content.decode()
