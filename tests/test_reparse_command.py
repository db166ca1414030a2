"""``manage.py reparse_reports``: stored reports read again with the current rules, or a dry run."""

from __future__ import annotations

from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.urls import reverse

from reports.ingest import ReportOverrides, import_report
from reports.models import Agency, ImportBatch, ImportItem, IndicatorCorrection, Region, Report
from reports.reading_rules import reading_rules_version
from reports.search import rebuild_index, search_page
from reports.uploads import process_item
from tests import factories
from tests.test_ingest_metadata import BODY

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("reparse_reports", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def town_report_with_its_address() -> Report:
    """城关镇 (a town of 88 counties) imported without its address, which is then stored."""
    text = f"城关镇人民政府2023年法治政府建设工作报告\n{BODY}"
    report_id = import_report(text.encode(), filename="chengguan.txt").report_id
    Report.objects.filter(pk=report_id).update(source_url="http://www.zhuxi.gov.cn/xxgkxi/1.html")
    return Report.objects.get(pk=report_id)


def rejected_as_older_rules_read_it(report: Report, furniture: str) -> IndicatorCorrection:
    """A staff correction rejecting the report's first 326件, stored as an older version of the
    rules read the file: with a line of page furniture kept before the text (and the correction's
    offsets into that text)."""
    figure = report.indicator_values.filter(figure="326件").order_by("start").first()
    Report.objects.filter(pk=report.pk).update(text=furniture + report.text, read_with="older")
    return IndicatorCorrection.objects.create(
        report=report, start=figure.start + len(furniture), end=figure.end + len(furniture), is_rejected=True
    )


def test_a_dry_run_prints_the_agency_a_report_would_move_to_and_changes_nothing():
    report = town_report_with_its_address()

    printed = run("--dry-run")

    assert f"report {report.pk}: 城关镇人民政府 → 十堰市竹溪县城关镇人民政府" in printed
    assert "Would re-parse 1 reports; 1 filed under another agency." in printed
    assert Report.objects.get(pk=report.pk).agency.name == "城关镇人民政府"
    assert list(Agency.objects.values_list("name", flat=True)) == ["城关镇人民政府"]


def test_reparsing_files_a_report_under_the_agency_the_current_rules_read():
    report = town_report_with_its_address()

    printed = run()

    report.refresh_from_db()
    assert report.agency.name == "十堰市竹溪县城关镇人民政府" and report.agency.region.name == "竹溪县"
    assert "Re-parsed 1 reports; 1 filed under another agency." in printed
    assert not Agency.objects.filter(name="城关镇人民政府").exists()  # left without reports


def test_a_report_that_cannot_be_reparsed_keeps_its_reading_and_the_command_fails():
    stored = factories.report(source=factories.source_file(b""), title="原有标题")
    town = town_report_with_its_address()

    with pytest.raises(CommandError, match="1 could not be re-parsed and keep their stored reading"):
        run()

    stored.refresh_from_db()
    assert stored.title == "原有标题" and stored.agency_id is not None
    assert Report.objects.get(pk=town.pk).agency.region is not None  # the others went on


def test_an_unknown_report_id_is_refused():
    with pytest.raises(CommandError, match="no such report: 999"):
        run("--report", "999")


def test_an_import_records_the_version_of_the_rules_that_read_it():
    report = town_report_with_its_address()

    assert report.read_with == reading_rules_version() != ""


def test_stale_reparses_only_the_reports_an_older_version_of_the_rules_read():
    stale = town_report_with_its_address()
    Report.objects.filter(pk=stale.pk).update(read_with="0123456789abcdef")
    # Stamped with today's rules (its title is not what they would read): --stale leaves it be.
    fresh = factories.report(title="不由规则读出的标题", read_with=reading_rules_version())
    synthetic = factories.report(
        factories.agency(region_code="500152"), is_synthetic=True, source=factories.source_file(b"")
    )

    printed = run("--stale")

    assert "Re-parsed 1 reports; 1 filed under another agency." in printed
    stale.refresh_from_db()
    assert stale.agency.name == "十堰市竹溪县城关镇人民政府" and stale.read_with == reading_rules_version()
    assert Report.objects.get(pk=fresh.pk).title == "不由规则读出的标题"
    synthetic.refresh_from_db()
    assert synthetic.read_with == ""  # generated, never read: nothing to read again
    assert "Re-parsed 0 reports" in run("--stale")


def test_stale_and_report_ids_are_not_given_together():
    report = town_report_with_its_address()

    with pytest.raises(CommandError, match="give --report or --stale, not both"):
        run("--stale", "--report", str(report.pk))


def test_a_report_the_rules_refuse_keeps_its_reading_and_is_not_offered_again_until_they_change():
    refused = factories.report(
        source=factories.source_file(b""), title="原有标题", text="力争办理人大代表建议60件。"
    )
    assert not refused.indicator_values.exists()  # as an older extraction left it: nothing

    with pytest.raises(CommandError, match="1 could not be re-parsed"):
        run("--stale")

    refused.refresh_from_db()
    assert refused.title == "原有标题" and refused.read_with == reading_rules_version()
    # its stored text is read by these rules' extraction all the same
    assert list(refused.indicator_values.values_list("figure", "measure")) == [("60件", "target")]
    assert "Re-parsed 0 reports" in run("--stale")


def test_queue_leaves_the_stale_reports_to_the_worker_as_a_reparse_batch():
    stale = town_report_with_its_address()
    Report.objects.filter(pk=stale.pk).update(read_with="")

    printed = run("--stale", "--queue")

    batch = ImportBatch.objects.get()
    assert batch.kind == ImportBatch.Kind.REPARSE and f"import batch #{batch.pk}" in printed
    (item,) = batch.items.all()
    assert item.report_id == stale.pk
    # Queued but not yet done: a second start does not queue it again.
    assert "1 reports read by older rules are already queued for the worker." in run("--stale", "--queue")

    assert process_item(item.pk) == ImportItem.Status.DONE
    stale.refresh_from_db()
    assert stale.agency.name == "十堰市竹溪县城关镇人民政府" and stale.read_with == reading_rules_version()


def test_queue_and_dry_run_are_not_given_together():
    with pytest.raises(CommandError, match="give --queue or --dry-run, not both"):
        run("--queue", "--dry-run")


def test_a_reparse_that_reads_another_text_moves_staff_corrections_with_their_figures():
    report = town_report_with_its_address()
    correction = rejected_as_older_rules_read_it(report, "首页 > 政务公开 > 法治政府建设\n")

    run()

    report.refresh_from_db()
    correction.refresh_from_db()
    assert report.text[correction.start : correction.end] == "326件"
    assert report.indicator_values.get(figure="326件").rejected  # the correction applies there


def test_a_correction_near_the_start_follows_its_figure_by_the_words_after_it():
    # 326件 sits 17 characters into the text: the words before it include what the re-parse removed.
    text = "全年调解矛盾纠纷326件,办理行政复议案件14件。\n" + BODY
    report_id = import_report(
        f"城关镇人民政府2023年法治政府建设工作报告\n{text}".encode(), filename="c.txt"
    ).report_id
    report = Report.objects.get(pk=report_id)
    correction = rejected_as_older_rules_read_it(report, "首页 > 政务公开\n")

    run("--report", str(report.pk))

    correction.refresh_from_db()
    assert Report.objects.get(pk=report.pk).text[correction.start : correction.end] == "326件"


def test_a_reparse_that_cannot_find_a_corrected_figure_keeps_the_stored_reading_and_says_why():
    report = town_report_with_its_address()
    figure = report.indicator_values.get(figure="326件")
    # The stored text as older rules read it held a figure the file no longer gives.
    old_text = report.text.replace("调解矛盾纠纷326件", "调解矛盾纠纷999件")
    Report.objects.filter(pk=report.pk).update(text=old_text, read_with="older")
    correction = IndicatorCorrection.objects.create(
        report=report, start=figure.start, end=figure.end, is_rejected=True
    )

    with pytest.raises(CommandError):
        run("--report", str(report.pk))

    report.refresh_from_db()
    correction.refresh_from_db()
    assert report.text == old_text and report.agency.name == "城关镇人民政府"  # the stored reading stays
    assert (correction.start, correction.end) == (figure.start, figure.end)


def league_government_filed_as_a_department_by_older_rules() -> Report:
    """Its 2023 report, read by older rules, and its 2022 report, read by these."""
    for year in (2022, 2023):
        text = f"兴安盟行政公署{year}年法治政府建设工作报告\n{BODY.replace('2023', str(year))}"
        report = Report.objects.get(pk=import_report(text.encode(), filename=f"{year}.txt").report_id)
    Agency.objects.filter(pk=report.agency_id).update(kind="department")
    rebuild_index()
    Report.objects.filter(pk=report.pk).update(read_with="older")
    return report


def test_reparsing_gives_an_agency_the_kind_the_current_rules_read(django_capture_on_commit_callbacks):
    report = league_government_filed_as_a_department_by_older_rules()

    with django_capture_on_commit_callbacks(execute=True):
        run("--stale")

    assert Agency.objects.get(pk=report.agency_id).kind == "government"
    # the search rows of both its reports follow
    assert len(search_page("行政复议", {"kind": "government"}).results) == 2


def test_reparsing_keeps_the_kind_staff_gave_an_agency(admin_client):
    report = league_government_filed_as_a_department_by_older_rules()
    agency = report.agency
    form = {"name": agency.name, "kind": "department", "level": "city", "region": agency.region_id}
    Agency.objects.filter(pk=agency.pk).update(kind="government")  # so that the form changes it
    saved = admin_client.post(reverse("admin:reports_agency_change", args=[agency.pk]), form)
    assert saved.status_code == 302
    Report.objects.filter(pk=report.pk).update(read_with="older")

    run("--stale")

    assert Agency.objects.get(pk=agency.pk).kind == "department"


def test_a_report_imported_with_what_a_sources_table_stated_is_re_parsed_with_it():
    # import_reports --sources named the agency and year its text does not; a re-parse forgot
    # them, was refused, and the report never took newer reading rules (310 of a 2,775 library)
    stated = ReportOverrides(
        agency_name="重庆市綦江区司法局", year=2022, source_url="https://www.cqqj.gov.cn/a.html"
    )
    outcome = import_report(BODY.replace("2023", "2022").encode(), filename="a.txt", overrides=stated)
    Report.objects.filter(pk=outcome.report_id).update(read_with="older")

    printed = run("--stale")

    report = Report.objects.get(pk=outcome.report_id)
    assert "Re-parsed 1 reports" in printed
    assert (report.agency.name, report.year, report.source_url) == (
        "重庆市綦江区司法局",
        2022,
        stated.source_url,
    )


def test_reparsing_keeps_the_kind_of_an_agency_staff_added_in_the_admin(admin_client):
    # only later edits counted: an agency staff created with its kind was overwritten, unlogged
    region = Region.objects.get(code="152200")
    form = {"name": "兴安盟行政公署", "kind": "department", "level": "city", "region": region.pk}
    assert admin_client.post(reverse("admin:reports_agency_add"), form).status_code == 302
    text = f"兴安盟行政公署2023年法治政府建设工作报告\n{BODY}"
    report = Report.objects.get(pk=import_report(text.encode(), filename="xam.txt").report_id)

    assert report.agency.kind == "department"


def test_an_agency_the_rules_read_again_says_so_in_its_audit_log():
    report = league_government_filed_as_a_department_by_older_rules()

    run("--stale")

    entry = LogEntry.objects.get_for_object(report.agency).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes_dict["kind"] == ["department", "government"] and entry.actor is None


def test_a_report_stored_before_what_was_stated_was_kept_is_re_parsed_as_it_is_filed():
    """310 of the scratch library's reports were imported before Report.stated: their texts name
    no agency, so each re-parse was refused, telling staff to state it at an upload there is not."""
    stated = ReportOverrides(agency_name="重庆市綦江区司法局", year=2022)
    outcome = import_report(BODY.replace("2023", "2022").encode(), filename="a.txt", overrides=stated)
    Report.objects.filter(pk=outcome.report_id).update(read_with="older", stated={})

    printed = run("--stale")

    report = Report.objects.get(pk=outcome.report_id)
    assert "Re-parsed 1 reports" in printed
    assert (report.agency.name, report.year, report.read_with) == (
        "重庆市綦江区司法局",
        2022,
        reading_rules_version(),
    )


def test_a_reparse_that_files_a_report_where_another_is_current_names_that_report():
    """A mirror copy kept under a noted agency name (吉林省人民政府 (mirror…)) is read as the real
    agency now, which holds the official report of that year: the refusal said only 冲突."""
    from reports.ingest import RejectedFile
    from reports.uploads import reparse_report

    official = import_report(
        BODY.encode(),
        filename="a.txt",
        overrides=ReportOverrides(agency_name="重庆市綦江区司法局", year=2023),
    )
    mirror = import_report(
        BODY.replace("依法行政", "依法行政工作").encode(),
        filename="b.txt",
        overrides=ReportOverrides(agency_name="重庆市綦江区民政局", year=2023),
    )
    Report.objects.filter(pk=mirror.report_id).update(
        stated={"agency_name": "重庆市綦江区司法局", "year": 2023}
    )

    with pytest.raises(RejectedFile) as refusal:
        reparse_report(Report.objects.get(pk=mirror.report_id))

    assert f"#{official.report_id}《" in refusal.value.reason and "请删除" in refusal.value.reason
