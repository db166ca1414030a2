"""Extraction reads who wrote a report (its agency's kind, level, name and place: a department's
bare 局党组 and its own name are its organ, a town's bare 街道 its government), so an agency
corrected in the admin, or a report moved to another agency, re-extracts the reports concerned
once the edit commits: their scopes, and the figure chosen for comparisons, follow."""

from __future__ import annotations

import pytest

from reports.indicators.store import extract_and_store
from reports.ingest import import_report
from reports.models import Agency, ChosenFigure, IndicatorValue, Report
from tests import factories
from tests.test_admin_reindex import save_in_admin
from tests.test_ingest_metadata import BODY

pytestmark = pytest.mark.django_db

TEXT = "全年县政府常务会议学法3次,局党组会议专题学法6次。"


def scopes(report: Report) -> dict[str, str]:
    return dict(IndicatorValue.objects.filter(report=report).values_list("figure", "scope"))


def chosen_figure(report: Report) -> str:
    return ChosenFigure.objects.get(report=report, key="leaders_law_study").value.figure


@pytest.fixture
def filed_as_a_government() -> Report:
    """A bureau's report, its agency filed as a government: its 局党组 is nobody's."""
    report = factories.report(factories.agency("某县市场监督管理局"), text=TEXT)
    extract_and_store(report)
    assert scopes(report) == {"3次": "government", "6次": ""}
    assert chosen_figure(report) == "3次"  # the government's, its own for a government
    return report


def test_an_agency_corrected_to_a_department_has_its_reports_figures_read_again(
    admin_client, filed_as_a_government, django_capture_on_commit_callbacks
):
    report = filed_as_a_government
    save_in_admin(admin_client, report.agency, django_capture_on_commit_callbacks, kind="department")

    assert scopes(report) == {"3次": "government", "6次": "organ"}
    assert chosen_figure(report) == "6次"  # the bureau's own now


def test_a_department_renamed_to_the_name_its_report_calls_it_by_owns_those_figures(
    admin_client, django_capture_on_commit_callbacks
):
    bureau = factories.agency("綦江区测试局", kind=Agency.Kind.DEPARTMENT)  # in 綦江区
    report = factories.report(bureau, text="区司法局共提供法律意见641份。")
    extract_and_store(report)
    assert scopes(report) == {"641份": ""}

    save_in_admin(admin_client, bureau, django_capture_on_commit_callbacks, name="重庆市綦江区司法局")

    assert scopes(report) == {"641份": "organ"}  # 区司法局 is its name in its own report


def test_a_report_moved_to_a_department_in_the_admin_is_read_as_that_departments(
    admin_client, filed_as_a_government, django_capture_on_commit_callbacks
):
    report = filed_as_a_government
    bureau = factories.agency("某县市场监督管理局(部门)", kind=Agency.Kind.DEPARTMENT)
    save_in_admin(admin_client, report, django_capture_on_commit_callbacks, agency=bureau.pk)

    assert scopes(report) == {"3次": "government", "6次": "organ"}
    assert chosen_figure(report) == "6次"


def test_an_agency_the_rules_read_as_another_kind_has_its_other_reports_read_again(
    django_capture_on_commit_callbacks,
):
    def imported(year: int) -> Report:
        body = BODY.replace("2023", str(year)).replace("取得新成效。", f"取得新成效。{TEXT}")
        text = f"兴安盟行政公署{year}年法治政府建设工作报告\n{body}"
        return Report.objects.get(pk=import_report(text.encode(), filename=f"{year}.txt").report_id)

    earlier = imported(2022)
    Agency.objects.filter(pk=earlier.agency_id).update(kind=Agency.Kind.DEPARTMENT)  # older rules
    extract_and_store(earlier)
    assert scopes(earlier)["6次"] == "organ"

    with django_capture_on_commit_callbacks(execute=True):
        later = imported(2023)  # read as a government, as the rules read it now

    assert later.agency_id == earlier.agency_id and later.agency.kind == Agency.Kind.GOVERNMENT
    assert scopes(earlier)["6次"] == ""  # a government's bare 局党组 is nobody's
