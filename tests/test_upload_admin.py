"""The upload in the admin: form, batch page, retry, re-parse keeping staff corrections, audit log,
and who may do what (anonymous visitors read, staff upload and edit, superusers manage users).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from reports.compare.figures import figures_for
from reports.ingest.decoding import EMPTY
from reports.models import ImportBatch, ImportItem, Report, ReportCorrection, Section
from reports.uploads import process_item
from tests import factories

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
UPLOAD_URL = reverse("admin:reports_importbatch_add")


def seed(index: int) -> bytes:
    return next(SAMPLES.glob(f"{index:03d}_*.txt")).read_bytes()


def run_queued() -> None:
    for item_id in ImportItem.objects.filter(status=ImportItem.Status.QUEUED).values_list("pk", flat=True):
        process_item(item_id)


@pytest.fixture
def editor(client) -> User:
    """A staff member with the upload and report permissions an editors' group would give."""
    user = User.objects.create_user("editor", password="pw-editor-1", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="reports",
            codename__in=[
                "add_importbatch",
                "view_importbatch",
                "view_importitem",
                "view_report",
                "change_report",
                "view_agency",
                "view_section",
                "change_section",
            ],
        )
    )
    client.force_login(user)
    return user


def test_anonymous_visitors_read_the_site_but_are_sent_to_log_in_for_uploads(client):
    assert client.get("/").status_code == 200
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.post(UPLOAD_URL, {"files": SimpleUploadedFile("a.txt", seed(0))})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not ImportBatch.objects.exists()


def test_signed_in_non_staff_cannot_upload(client):
    user = User.objects.create_user("reader", password="pw-reader-1")
    client.force_login(user)
    response = client.post(UPLOAD_URL, {"files": SimpleUploadedFile("a.txt", seed(0))})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not ImportBatch.objects.exists()


def test_staff_without_the_upload_permission_are_forbidden(client):
    client.force_login(User.objects.create_user("intern", password="pw-intern-1", is_staff=True))
    assert client.get(UPLOAD_URL).status_code == 403
    assert client.post(UPLOAD_URL, {"files": SimpleUploadedFile("a.txt", seed(0))}).status_code == 403
    assert not ImportBatch.objects.exists()


def test_only_superusers_manage_users(client, editor):
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    admin = User.objects.create_superuser("root", password="pw-root-1")
    client.force_login(admin)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_upload_form_requires_csrf(editor):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    response = strict.post(UPLOAD_URL, {"files": SimpleUploadedFile("a.txt", seed(0))})
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()
    assert 'name="csrfmiddlewaretoken"' in strict.get(UPLOAD_URL).content.decode()


def test_staff_upload_many_files_with_overrides_and_watch_the_batch(client, editor):
    response = client.post(
        UPLOAD_URL,
        {
            "files": [SimpleUploadedFile("a.txt", seed(0)), SimpleUploadedFile("empty.txt", b"")],
            "year": "2023",
            "source_url": "https://example.gov.cn/report.html",
            "published_on": "2024-03-01",
        },
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:reports_importbatch_change", args=[batch.pk])
    assert batch.created_by == editor and batch.year == 2023

    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in page  # refreshes itself while items are queued
    assert "排队中" in page

    run_queued()
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "已全部处理\uff1a2 / 2" in page
    assert "文件为空" in page
    report = Report.objects.get()
    assert reverse("admin:reports_report_change", args=[report.pk]) in page
    assert report.published_on == date(2024, 3, 1)
    assert report.source_url == "https://example.gov.cn/report.html"


def test_unknown_region_code_is_refused_by_the_form(client, editor):
    response = client.post(
        UPLOAD_URL, {"files": SimpleUploadedFile("a.txt", seed(0)), "region_code": "999999"}
    )
    assert response.status_code == 200
    assert "未知的行政区划代码 999999" in response.content.decode()
    assert "浏览器不会保留已选的文件，请重新选择文件" in response.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("source_url", "ftp://example.gov.cn/report.txt", "须是以 http:// 或 https:// 开头的网页地址"),
        ("source_url", "mailto:office@example.gov.cn", "须是以 http:// 或 https:// 开头的网页地址"),
        ("year", "2035", "报告年度 2035 还没有到"),
        ("published_on", "2030-01-01", "日期 2030-01-01 晚于今天"),
    ],
)
def test_a_source_that_is_no_web_page_or_a_date_to_come_is_refused_by_the_form(
    client, editor, field, value, message
):
    response = client.post(UPLOAD_URL, {"files": SimpleUploadedFile("a.txt", seed(0)), field: value})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "输入一个有效的 URL" not in response.content.decode()  # one message, not two
    assert not ImportBatch.objects.exists()


def test_a_report_year_to_come_is_refused_in_the_report_form(client, editor):
    report = _import("a.txt", seed(0))

    response = _post_report_change(client, report, year=2035)

    assert response.status_code == 200 and "报告年度 2035 还没有到" in response.content.decode()
    assert Report.objects.get(pk=report.pk).year == report.year


def test_retry_button_requeues_items_that_failed_on_an_error(client, editor, monkeypatch):
    import reports.uploads.processing as processing

    monkeypatch.setattr(processing, "import_report", lambda *a, **k: 1 / 0)
    client.post(UPLOAD_URL, {"files": SimpleUploadedFile("a.txt", seed(0))})
    run_queued()
    batch = ImportBatch.objects.get()
    assert batch.items.get().code == ImportItem.INTERNAL_ERROR
    assert (
        "重试出错、冲突或中断的 1 个文件"
        in client.get(reverse("admin:reports_importbatch_change", args=[batch.pk])).content.decode()
    )

    monkeypatch.undo()
    retry_url = reverse("admin:reports_importbatch_retry", args=[batch.pk])
    assert client.get(retry_url).status_code == 405  # changes state: POST only
    client.post(retry_url)
    run_queued()
    item = batch.items.get()
    assert item.status == ImportItem.Status.DONE and item.attempts == 2


def test_a_file_refused_for_what_it_is_is_not_offered_for_retry(client, editor):
    from reports.uploads import retry_items

    client.post(UPLOAD_URL, {"files": SimpleUploadedFile("empty.txt", b"")})
    run_queued()
    batch = ImportBatch.objects.get()
    item = batch.items.get()
    page = client.get(reverse("admin:reports_importbatch_change", args=[batch.pk])).content.decode()

    assert item.status == ImportItem.Status.FAILED and item.reason.startswith("文件为空")
    assert 'id="retry-button"' not in page
    assert retry_items(batch.items.all()) == 0
    item.refresh_from_db()
    assert item.status == ImportItem.Status.FAILED and item.attempts == 1


def _import(name: str, data: bytes) -> Report:
    from reports.ingest import ReportOverrides
    from reports.uploads import create_batch, incoming_files

    batch = create_batch(
        incoming_files([SimpleUploadedFile(name, data)]), overrides=ReportOverrides(), created_by=None
    )
    run_queued()
    return batch.items.get().report


def _change_report(client, report: Report, **changes: object) -> None:
    response = _post_report_change(client, report, **changes)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )


def _post_report_change(client, report: Report, **changes: object):
    url = reverse("admin:reports_report_change", args=[report.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in {**form.initial, **changes}.items()
        if name in form.fields
    }
    for key in ("published_on", "signed_on"):
        if isinstance(data.get(key), date):
            data[key] = data[key].isoformat()
    sections = list(report.sections.order_by("position"))
    data.update(
        {
            "sections-TOTAL_FORMS": len(sections),
            "sections-INITIAL_FORMS": len(sections),
            "sections-MIN_NUM_FORMS": 0,
            "sections-MAX_NUM_FORMS": 1000,
        }
    )
    relabel = changes.pop("_relabel", {}) if "_relabel" in changes else {}
    for index, section in enumerate(sections):
        data[f"sections-{index}-id"] = section.pk
        data[f"sections-{index}-report"] = report.pk
        data[f"sections-{index}-label"] = relabel.get(section.path, section.label)
        data[f"sections-{index}-topic"] = section.topic
    data.pop("_relabel", None)
    return client.post(url, data)


def test_staff_corrections_are_audited_and_survive_a_reparse(client, editor):
    report = _import("a.txt", seed(0))
    detected_title = report.title
    section = report.sections.exclude(label=Section.Label.OTHER).order_by("position")[1]

    _change_report(
        client,
        report,
        title="【校正】重庆市綦江区交通局2023年法治政府建设情况报告",
        published_on="2024-02-20",
        _relabel={section.path: Section.Label.OTHER},
    )
    report.refresh_from_db()
    assert report.title.startswith("【校正】")
    assert set(ReportCorrection.objects.filter(report=report).values_list("field", flat=True)) == {
        "title",
        "published_on",
        f"section:{section.path}:label",
    }

    # Who, when, before and after, in the audit log.
    entry = LogEntry.objects.get_for_object(report).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == editor
    assert entry.changes_dict["title"] == [detected_title, report.title]
    section_entry = LogEntry.objects.get_for_object(section).get(action=LogEntry.Action.UPDATE)
    assert section_entry.actor == editor
    assert section_entry.changes_dict["label"][1] == Section.Label.OTHER

    # Re-parse through the admin action: a batch whose item runs on the worker.
    response = client.post(
        reverse("admin:reports_report_changelist"),
        {"action": "reparse", "_selected_action": [report.pk]},
    )
    batch = ImportBatch.objects.get(kind=ImportBatch.Kind.REPARSE)
    assert response["Location"] == reverse("admin:reports_importbatch_change", args=[batch.pk])
    run_queued()
    item = batch.items.get()
    assert item.status == ImportItem.Status.DONE, item.reason
    report.refresh_from_db()
    assert report.title.startswith("【校正】")
    assert report.published_on == date(2024, 2, 20)
    assert report.sections.get(path=section.path).label == Section.Label.OTHER
    assert report.indicator_values.exists()
    assert Report.objects.count() == 1


def test_reparse_refreshes_fields_nobody_corrected(client, editor):
    report = _import("a.txt", seed(0))
    Report.objects.filter(pk=report.pk).update(title="stale title from an older parser", year=2019)
    Section.objects.filter(report=report).delete()
    client.post(
        reverse("admin:reports_report_changelist"), {"action": "reparse", "_selected_action": [report.pk]}
    )
    run_queued()
    report.refresh_from_db()
    assert report.year == 2023 and "綦江区交通局" in report.title
    assert report.sections.count() > 5


def test_agency_edits_are_audited_with_the_signed_in_user_as_actor(client):
    admin = User.objects.create_superuser("root", password="pw-root-1")
    report = _import("a.txt", seed(0))
    agency = report.agency
    client.force_login(admin)
    url = reverse("admin:reports_agency_change", args=[agency.pk])
    response = client.post(
        url,
        {
            "name": agency.name + "(更名)",
            "kind": agency.kind,
            "level": agency.level,
            "region": agency.region_id,
        },
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(agency).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == admin and entry.changes_dict["name"][1].endswith("(更名)")


def test_a_section_relabelled_as_next_steps_takes_its_figures_out_of_comparisons(client, editor):
    report = _import("a.txt", seed(0))
    section = next(
        section
        for section in report.sections.exclude(label=Section.Label.NEXT_STEPS).order_by("position")
        if section.indicator_values.filter(key__gt="", measure="level").exists()
    )
    compared = figures_for([report.pk])
    assert any(figure.value.section_id == section.pk for figure in compared.values())

    _change_report(client, report, _relabel={section.path: Section.Label.NEXT_STEPS})

    assert not any(figure.value.section_id == section.pk for figure in figures_for([report.pk]).values())

    # Relabelled back: its figures count once more.
    _change_report(client, report, _relabel={section.path: section.label})
    assert any(figure.value.section_id == section.pk for figure in figures_for([report.pk]).values())


@pytest.mark.django_db
def test_the_admin_index_names_every_app_in_chinese(admin_client):
    html = admin_client.get("/admin/").content.decode()

    assert "操作记录" in html and "后台任务" in html and "任务结果" in html
    for english in ("Audit log", "Tasks Database Backend", "Task Results", "Log entries"):
        assert english not in html


@pytest.mark.django_db
def test_the_worker_queue_in_the_admin_is_labelled_in_chinese(admin_client):
    from django_tasks_db.models import DBTaskResult

    from reports.tasks import queue_indicator_reextraction

    assert queue_indicator_reextraction()
    task = DBTaskResult.objects.get()

    listing = admin_client.get("/admin/django_tasks_database/dbtaskresult/").content.decode()
    detail = admin_client.get(f"/admin/django_tasks_database/dbtaskresult/{task.pk}/change/").content.decode()

    for label in ("按指标目录重新识别全部报告", "排队中", "排队时间", "开始时间", "队列"):
        assert label in listing, label
    for label in ("出错信息", "最早执行时间", "任务函数", "返回值"):
        assert label in detail, label
    for english in ("Task name", "Enqueued at", "Ready", "Traceback", "Run after"):
        assert english not in listing + detail, english


def test_reparse_places_an_agency_from_the_address_stored_with_the_report():
    from reports.ingest import import_report
    from reports.uploads.reparse import reparse_report
    from tests.test_ingest_metadata import BODY

    text = f"城关镇人民政府2023年法治政府建设工作报告\n{BODY}"  # 88 counties have a 城关镇
    report = Report.objects.get(pk=import_report(text.encode(), filename="chengguan.txt").report_id)
    assert report.agency.region is None  # imported from the command line with no address
    Report.objects.filter(pk=report.pk).update(source_url="http://www.zhuxi.gov.cn/xxgkxi/1.html")

    reparse_report(Report.objects.get(pk=report.pk))

    report.refresh_from_db()
    assert (report.agency.name, report.agency.region.name) == ("十堰市竹溪县城关镇人民政府", "竹溪县")
    assert report.source_url == "http://www.zhuxi.gov.cn/xxgkxi/1.html"


def test_staff_list_the_reports_whose_place_is_unknown(client, editor):
    from reports.ingest import import_report
    from tests.test_ingest_metadata import BODY

    placed = _import("a.txt", seed(0))
    town = import_report(f"城关镇人民政府2023年法治政府建设工作报告\n{BODY}".encode(), filename="t.txt")

    response = client.get(reverse("admin:reports_report_changelist"), {"place": "unknown"})

    listed = {report.pk for report in response.context["cl"].result_list}
    assert listed == {town.report_id} and placed.pk not in listed


def _chengguan_report() -> Report:
    """A town's report imported with no address: 城关镇 is a town of 88 counties, so unplaced."""
    from reports.ingest import import_report
    from tests.test_ingest_metadata import BODY

    text = f"城关镇人民政府2023年法治政府建设工作报告\n{BODY}"
    return Report.objects.get(pk=import_report(text.encode(), filename="chengguan.txt").report_id)


def test_a_place_staff_give_an_agency_survives_a_reparse_that_cannot_place_it():
    from reports.models import Agency, Region
    from reports.uploads.reparse import reparse_report

    report = _chengguan_report()
    agency = report.agency
    agency.region = Region.objects.get(name="竹溪县")
    agency.name = "十堰市竹溪县城关镇人民政府"
    agency.save()

    reparse_report(Report.objects.get(pk=report.pk))

    report.refresh_from_db()
    assert report.agency == agency and report.agency.region.name == "竹溪县"
    assert not Agency.objects.filter(region__isnull=True).exists()


def test_an_agency_left_without_reports_by_a_reparse_is_deleted():
    from reports.models import Agency
    from reports.uploads.reparse import reparse_report

    report = _chengguan_report()
    unplaced = report.agency
    Report.objects.filter(pk=report.pk).update(source_url="http://www.zhuxi.gov.cn/xxgkxi/1.html")

    reparse_report(Report.objects.get(pk=report.pk))

    assert not Agency.objects.filter(pk=unplaced.pk).exists()
    assert Agency.objects.get().region.name == "竹溪县"


def test_an_agency_a_report_leaves_in_the_admin_is_deleted_once_no_report_names_it(client, editor):
    from reports.models import Agency

    first, second = _import("a.txt", seed(0)), _import("b.txt", seed(1))
    left = second.agency
    _change_report(client, second, agency=first.agency_id, year=2019)
    assert not Agency.objects.filter(pk=left.pk).exists()  # its only report moved away

    added_by_staff = Agency.objects.create(name="重庆市綦江区司法局", kind=left.kind, level=left.level)
    _change_report(client, Report.objects.get(pk=second.pk), agency=added_by_staff.pk)
    assert Agency.objects.filter(pk=first.agency_id).exists()  # the first report still names it


def test_moving_a_report_onto_an_agency_and_year_already_reported_is_refused_in_chinese(client, editor):
    first, second = _import("a.txt", seed(0)), _import("b.txt", seed(1))
    url = reverse("admin:reports_report_change", args=[second.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: ("" if value is None else value) for name, value in form.initial.items() if name in form.fields
    }
    data.update({"agency": first.agency_id, "year": first.year, "published_on": "", "signed_on": ""})
    data.update({f"sections-{key}": value for key, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))})

    response = client.post(url, data)

    assert response.status_code == 200
    assert "这个机关这一年度已有一份现行报告" in response.content.decode()
    second.refresh_from_db()
    assert second.agency_id != first.agency_id


def test_deleting_a_report_deletes_an_agency_no_other_report_names(admin_client):
    from reports.models import Agency

    report = _import("a.txt", seed(0))
    agency_id = report.agency_id
    response = admin_client.post(reverse("admin:reports_report_delete", args=[report.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Report.objects.exists() and not Agency.objects.filter(pk=agency_id).exists()


def _two_versions() -> tuple[Report, Report]:
    from reports.ingest import import_report

    original = _import("a.txt", seed(1))
    revised_text = seed(1).decode().replace("集中学习法律法规2次", "集中学习法律法规3次")
    revised = Report.objects.get(pk=import_report(revised_text.encode(), filename="b.txt").report_id)
    assert Report.objects.get(pk=original.pk).superseded_by == revised
    return Report.objects.get(pk=original.pk), revised


def test_deleting_the_newest_version_makes_the_one_it_replaced_current_and_searchable_again(admin_client):
    from reports.search.models import SearchReport

    original, revised = _two_versions()

    page = admin_client.get(reverse("admin:reports_report_delete", args=[revised.pk])).content.decode()
    assert "受保护" not in page  # the confirmation page, not a refusal
    assert f"删除后,前一版本 #{original.pk} 将恢复为现行版本。" in page
    assert "search entry" not in page and "检索条目" in page
    response = admin_client.post(reverse("admin:reports_report_delete", args=[revised.pk]), {"post": "yes"})

    assert response.status_code == 302
    original.refresh_from_db()
    assert original.is_current and original.superseded_by is None
    assert list(Report.objects.values_list("pk", flat=True)) == [original.pk]
    assert SearchReport.objects.get(report_id=original.pk).is_current


def test_deleting_a_middle_version_links_the_one_before_it_to_the_one_after():
    from reports.ingest import import_report
    from reports.versions import delete_report

    original, revised = _two_versions()
    third_text = seed(1).decode().replace("集中学习法律法规2次", "集中学习法律法规4次")
    third = Report.objects.get(pk=import_report(third_text.encode(), filename="c.txt").report_id)

    delete_report(Report.objects.get(pk=revised.pk))

    original.refresh_from_db()
    assert original.superseded_by_id == third.pk and not original.is_current
    assert Report.objects.get(pk=third.pk).is_current


def test_a_version_cannot_be_moved_to_another_year_alone_and_nothing_changes(client, editor):
    original, revised = _two_versions()

    response = _post_report_change(client, revised, year=2019)

    assert response.status_code == 200
    assert f"这份报告与 #{original.pk} 是同一报告的不同版本" in response.content.decode()
    assert Report.objects.get(pk=revised.pk).year == revised.year


def test_the_text_of_a_report_cannot_be_edited_in_the_admin(client, editor):
    report = _import("a.txt", seed(0))

    _change_report(client, report, text="改写的正文")

    assert Report.objects.get(pk=report.pk).text == report.text


def test_a_title_staff_write_is_no_longer_marked_as_made_by_the_site_even_after_a_reparse(client, editor):
    from reports.uploads.reparse import reparse_report
    from tests.test_ingest_metadata import BODY

    untitled = BODY.replace("2023年以来,我们", "2023年,重庆市綦江区交通局坚持依法行政,我们")
    report = _import("untitled.txt", untitled.encode())
    assert report.title_made

    _change_report(client, report, title="重庆市綦江区交通局2023年度法治政府建设工作报告")
    reparse_report(Report.objects.get(pk=report.pk))

    report.refresh_from_db()
    assert report.title == "重庆市綦江区交通局2023年度法治政府建设工作报告" and not report.title_made


def test_staff_find_an_agency_s_place_by_its_code_or_name(admin_client):
    factories.region("500110")
    lookup = reverse("admin:autocomplete")

    for term in ("500110", "綦江"):
        response = admin_client.get(
            lookup, {"app_label": "reports", "model_name": "agency", "field_name": "region", "term": term}
        )
        assert [row["text"] for row in response.json()["results"]] == ["重庆市綦江区"], term


def test_an_impossible_correction_span_is_refused_in_chinese(admin_client):
    report = _import("a.txt", seed(0))
    value = report.indicator_values.order_by("start").first()

    response = admin_client.post(
        reverse("admin:reports_indicatorcorrection_add"),
        {"report": report.pk, "start": value.end, "end": value.start, "note": ""},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "起始位置须小于结束位置" in page
    assert "indicator_correction_span_ordered" not in page


def _batch_page(client, batch: ImportBatch) -> str:
    return client.get(reverse("admin:reports_importbatch_change", args=[batch.pk])).content.decode()


def test_staff_who_may_only_upload_are_linked_to_the_public_page_of_what_they_stored(client):
    clerk = User.objects.create_user("clerk", password="pw-clerk-1", is_staff=True)
    clerk.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="reports", codename__in=["add_importbatch", "view_importbatch"]
        )
    )
    client.force_login(clerk)
    client.post(UPLOAD_URL, {"files": SimpleUploadedFile("a.txt", seed(0))})
    run_queued()
    batch = ImportBatch.objects.get()
    report = Report.objects.get()

    page = _batch_page(client, batch)

    assert report.get_absolute_url() in page
    assert reverse("admin:reports_report_change", args=[report.pk]) not in page


def test_a_batch_says_when_the_report_it_stored_was_deleted_since(admin_client):
    from reports.versions import delete_report

    report = _import("a.txt", seed(0))
    batch = ImportBatch.objects.get()
    delete_report(report)

    assert "导入的报告已被删除" in _batch_page(admin_client, batch)


def test_a_batch_waiting_on_a_worker_that_does_not_run_says_so(admin_client):
    admin_client.post(UPLOAD_URL, {"files": SimpleUploadedFile("a.txt", seed(0))})
    batch = ImportBatch.objects.get()
    assert "后台处理进程可能没有运行" not in _batch_page(admin_client, batch)  # just queued

    ImportBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - timedelta(minutes=5))

    assert re.search(r"已有 30\d 秒没有文件开始解析", _batch_page(admin_client, batch))
    run_queued()
    assert "后台处理进程可能没有运行" not in _batch_page(admin_client, batch)


def test_the_batch_page_gives_reasons_in_chinese_without_the_english_kept_for_logs(admin_client):
    admin_client.post(UPLOAD_URL, {"files": SimpleUploadedFile("empty.txt", b"")})
    run_queued()
    item = ImportItem.objects.get()
    assert item.reason == EMPTY and EMPTY.endswith(" (empty file)")  # the log and the API keep the gloss

    page = _batch_page(admin_client, item.batch)

    assert f'<div class="item-reason">{EMPTY.removesuffix(" (empty file)")}</div>' in page
    # so does the list of all imported files
    listing = admin_client.get(reverse("admin:reports_importitem_changelist")).content.decode()
    assert EMPTY.removesuffix(" (empty file)") in listing and "(empty file)" not in listing


def test_the_audit_log_names_who_uploaded_a_report_not_the_worker(client, editor):
    client.post(UPLOAD_URL, {"files": SimpleUploadedFile("a.txt", seed(0))})
    run_queued()
    report = Report.objects.get()

    entry = LogEntry.objects.get_for_object(report).filter(action=LogEntry.Action.CREATE).get()

    assert entry.actor == editor


def test_a_whole_chain_of_versions_can_be_deleted_at_once(admin_client):
    original, revised = _two_versions()
    changelist = reverse("admin:reports_report_changelist")
    selection = {"action": "delete_selected", "_selected_action": [original.pk, revised.pk]}

    confirm = admin_client.post(changelist, selection).content.decode()
    assert "受保护" not in confirm
    admin_client.post(changelist, {**selection, "post": "yes"})

    assert not Report.objects.exists()


def test_an_older_version_is_not_made_current_by_hand(client, editor):
    original, revised = _two_versions()

    response = _post_report_change(client, original, is_current="on")

    assert response.status_code == 200 and "哪一版现行由导入决定" in response.content.decode()
    assert not Report.objects.get(pk=original.pk).is_current
    assert Report.objects.get(pk=revised.pk).is_current


def test_the_newest_version_can_be_withdrawn_for_a_rewrite_and_put_back(client, editor):
    """A refusal of a rewritten report advises unticking 现行版本 of the stored one, which the
    form refused for a report with versions: the advice led nowhere."""
    original, revised = _two_versions()

    withdrawn = _post_report_change(client, revised, is_current="")
    assert withdrawn.status_code == 302
    assert not Report.objects.filter(pk__in=[original.pk, revised.pk], is_current=True).exists()
    page = client.get(revised.get_absolute_url()).content.decode()
    assert "不是现行版本" in page

    put_back = _post_report_change(client, Report.objects.get(pk=revised.pk), is_current="on")
    assert put_back.status_code == 302 and Report.objects.get(pk=revised.pk).is_current


def test_a_publication_date_before_the_report_year_is_refused(client, editor):
    upload = {"files": SimpleUploadedFile("a.txt", seed(0)), "year": "2023", "published_on": "2022-12-31"}
    response = client.post(UPLOAD_URL, upload)

    assert "发布日期早于报告年度 2023 年" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_reparse_that_renames_an_agency_moves_the_earlier_versions_with_it():
    from reports.models import Agency
    from reports.uploads import reparse_report

    original, revised = _two_versions()
    read_name = revised.agency.name
    Agency.objects.filter(pk=revised.agency_id).update(name="旧规则读出的名称")  # an older reading

    reparse_report(Report.objects.get(pk=revised.pk))

    original.refresh_from_db()
    revised.refresh_from_db()
    assert revised.agency.name == read_name and original.agency_id == revised.agency_id
    assert not Agency.objects.filter(name="旧规则读出的名称").exists()


def test_a_reparse_leaves_no_agency_behind_that_a_staff_correction_overrode(client, editor):
    from reports.models import Agency
    from reports.uploads import reparse_report

    report = _import("a.txt", seed(0))
    read_name = report.agency.name
    elsewhere = Agency.objects.create(name="重庆市綦江区司法局", kind="department", level="county")
    _change_report(client, report, agency=elsewhere.pk)  # staff file it elsewhere

    reparse_report(Report.objects.get(pk=report.pk))

    assert Report.objects.get(pk=report.pk).agency == elsewhere
    assert not Agency.objects.filter(name=read_name).exists()


def test_a_worker_stopped_mid_item_does_not_hide_that_none_is_running(admin_client):
    admin_client.post(UPLOAD_URL, {"files": SimpleUploadedFile("a.txt", seed(0))})
    admin_client.post(UPLOAD_URL, {"files": SimpleUploadedFile("b.txt", seed(1))})
    first, second = ImportBatch.objects.order_by("pk")
    long_ago = timezone.now() - timedelta(minutes=5)
    # The first item was being parsed when its worker was killed: no one holds its row lock.
    first.items.update(status=ImportItem.Status.PARSING, started_at=long_ago, attempts=1)
    ImportBatch.objects.update(created_at=long_ago)

    assert "后台处理进程可能没有运行" in _batch_page(admin_client, second)
    assert "处理已停止：已完成 0 / 1，1 个文件中断(可重试)" in _batch_page(admin_client, first)


def test_the_upload_says_how_many_files_go_to_the_worker_and_how_many_were_refused_at_once(
    admin_client, settings
):
    settings.REPORT_MAX_BYTES = 1024

    def received(*files: SimpleUploadedFile) -> str:
        response = admin_client.post(UPLOAD_URL, {"files": list(files)}, follow=True)
        return " ".join(f"{message.level_tag}: {message}" for message in response.context["messages"])

    big = seed(0)  # over the 1 KB limit set here: refused unread, never queued
    assert received(SimpleUploadedFile("a.txt", b"x" * 10)) == "success: 已接收 1 个文件,正在后台解析。"
    # nothing (or not everything) accepted is no success, shown with a tick
    assert received(SimpleUploadedFile("big.txt", big)) == "warning: 已接收 1 个文件,未能解析(原因见下表)。"
    assert (
        received(SimpleUploadedFile("a.txt", b"x" * 10), SimpleUploadedFile("big.txt", big))
        == "warning: 已接收 2 个文件:1 个正在后台解析,1 个未能解析(原因见下表)。"
    )
    assert received(SimpleUploadedFile("b1.txt", big), SimpleUploadedFile("b2.txt", big)) == (
        "warning: 已接收 2 个文件,都未能解析(原因见下表)。"
    )


def test_a_source_file_cannot_be_added_by_hand_only_through_an_upload(admin_client):
    # Its add form had no field to fill, and saving it failed with a server error.
    assert admin_client.get(reverse("admin:reports_sourcefile_add")).status_code == 403
    assert admin_client.post(reverse("admin:reports_sourcefile_add"), {}).status_code == 403
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:reports_sourcefile_add") not in index
    assert reverse("admin:reports_sourcefile_changelist") in index


def test_the_summary_counts_an_item_a_stopped_worker_left_as_interrupted_not_parsing(admin_client):
    admin_client.post(UPLOAD_URL, {"files": SimpleUploadedFile("a.txt", seed(0))})
    batch = ImportBatch.objects.get()
    batch.items.update(
        status=ImportItem.Status.PARSING, started_at=timezone.now() - timedelta(minutes=5), attempts=1
    )

    page = _batch_page(admin_client, batch)
    summary = re.search(r'<ul class="batch-summary" id="batch-summary">(.*?)</ul>', page, re.S).group(1)
    assert "已中断</span> 1" in summary and "解析中" not in summary
    listing = admin_client.get(reverse("admin:reports_importbatch_changelist")).content.decode()
    assert "已中断 1" in listing and "解析中 1" not in listing


def test_a_new_version_keeps_a_title_staff_corrected_when_its_page_gives_the_same_title(client, editor):
    from reports.ingest import import_report

    original = _import("a.txt", seed(1))
    _change_report(client, original, title="经人工校正的标题")
    revised_text = seed(1).decode().replace("集中学习法律法规2次", "集中学习法律法规3次")

    revised = Report.objects.get(pk=import_report(revised_text.encode(), filename="b.txt").report_id)

    assert revised.title == "经人工校正的标题" and not revised.title_made
    assert revised.corrections.get(field="title").value == "经人工校正的标题"


def test_a_new_version_whose_page_gives_another_title_keeps_its_own(client, editor):
    from reports.ingest import import_report

    original = _import("a.txt", seed(1))
    page_title = original.title
    _change_report(client, original, title="经人工校正的标题")
    revised_text = seed(1).decode().replace("集中学习法律法规2次", "集中学习法律法规3次")
    revised_text = revised_text.replace("情况的报告", "情况的报告(修订稿)", 1)  # the title's second line

    revised = Report.objects.get(pk=import_report(revised_text.encode(), filename="b.txt").report_id)

    assert revised.title == page_title + "(修订稿)"
    assert not revised.corrections.exists()


def test_each_audit_log_link_in_the_report_list_names_its_report(admin_client):
    first = factories.report(factories.agency("甲县人民政府"), title="甲县2023年法治政府建设情况报告")
    second = factories.report(factories.agency("乙县人民政府"), title='乙县<2023>年"报告"')

    html = admin_client.get(reverse("admin:reports_report_changelist")).content.decode()

    links = re.findall(r'<a href="([^"]*/auditlog/)" aria-label="([^"]*)">([^<]*)</a>', html)
    assert sorted(links) == sorted(
        [
            (
                reverse("admin:reports_report_auditlog", args=[first.pk]),
                "查看《甲县2023年法治政府建设情况报告》的审计日志",
                "查看",
            ),
            (
                reverse("admin:reports_report_auditlog", args=[second.pk]),
                "查看《乙县&lt;2023&gt;年&quot;报告&quot;》的审计日志",
                "查看",
            ),
        ]
    )
    assert ">审计日志</" in html  # the column's heading, in Chinese


def test_every_description_the_upload_forms_fields_point_to_is_on_the_page(admin_client):
    # Django points each field at its help (aria-describedby); the ids were missing, so a screen
    # reader never read the accepted formats or how to write a region code
    page = admin_client.get(UPLOAD_URL).content.decode()

    described = {name for ids in re.findall(r'aria-describedby="([^"]+)"', page) for name in ids.split()}
    assert described and {name for name in described if f'id="{name}"' not in page} == set()


def test_the_audit_log_list_speaks_chinese(admin_client):
    """Its headers and actions were English (Created, Resource, Action, 26 changes: …)."""
    report = _import("a.txt", seed(0))
    _post_report_change(admin_client, report, title="改过的标题")

    page = admin_client.get(reverse("admin:auditlog_logentry_changelist")).content.decode()

    english = ("Created", "Resource", "Correlation ID", " change: ", " changes: ", ">update<", ">create<")
    assert [words for words in english if words in page] == []
    assert all(word in page for word in ("时间", "对象", "关联编号", "处改动:", "修改", "新增"))
