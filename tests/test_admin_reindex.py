"""Staff edits in the admin reach the search index once they commit: a section's label or topic,
a report's year, title or version, an agency's kind or place, a place's parent. The forms are
posted to the real admin change pages; ``/api/search/`` then answers from the index tables.
"""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.urls import reverse

from reports.ingest.sections.topics import TOPICS
from reports.models import Agency, Region, Report, Section
from reports.search import index_reports
from reports.search.models import SearchReport, SearchSection
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def report() -> Report:
    """An indexed report of an agency in 綦江区 (重庆市), one section measures, one problems."""
    report = factories.report(factories.agency("綦江区测试局", region_code="500110"), year=2023)
    factories.section(report, "1", heading="一、行政复议", body="推进行政复议规范化建设")
    factories.section(
        report, "2", heading="二、存在的不足", body="基层执法人员不足", label=Section.Label.PROBLEMS
    )
    index_reports([report.pk])
    return report


def found(client, **params: str) -> list[int]:
    """Ids of the reports ``/api/search/`` returns for these parameters."""
    response = client.get(reverse("reports:api-search"), params)
    assert response.status_code == 200, response.content.decode()
    return [hit["report_id"] for hit in response.json()["results"]]


def facet(client, name: str, **params: str) -> dict[str, int]:
    response = client.get(reverse("reports:api-search"), params)
    assert response.status_code == 200, response.content.decode()
    return {value["value"]: value["count"] for value in response.json()["facets"][name]}


def _form_data(form: forms.BaseForm) -> dict[str, object]:
    """What a browser would send back for ``form`` as the page showed it."""
    data: dict[str, object] = {}
    for field in form:
        value = field.value()
        if isinstance(value, bool):
            if value:
                data[field.html_name] = "on"  # an unticked box is not sent at all
            continue
        if isinstance(value, date):
            value = value.isoformat()
        data[field.html_name] = "" if value is None else value
    return data


def save_in_admin(client, obj: object, capture, **changes: object) -> list:
    """Open ``obj``'s admin change page, change the named inputs (``sections-0-label``…), save.

    Returns the on-commit callbacks the save registered; they have run, as after a real commit.
    """
    url = reverse(f"admin:reports_{obj._meta.model_name}_change", args=[obj.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = _form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        data.update(_form_data(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(_form_data(form))
    unknown = set(changes) - set(data) - {"is_current", "superseded_by"}
    assert not unknown, f"no such inputs: {unknown}"
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = "on" if value is True else value
    with capture(execute=True) as callbacks:
        response = client.post(url, data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response.content.decode()
    )
    return callbacks


def section_input(report: Report, path: str, field: str) -> str:
    """The name of a section's input in the report's inline (sections in position order)."""
    index = list(report.sections.order_by("position").values_list("path", flat=True)).index(path)
    return f"sections-{index}-{field}"


def test_a_section_relabelled_in_the_report_form_is_found_under_its_new_label(
    admin_client, report, django_capture_on_commit_callbacks
):
    assert found(admin_client, q="行政复议", label="problems") == []

    save_in_admin(
        admin_client,
        report,
        django_capture_on_commit_callbacks,
        **{section_input(report, "1", "label"): Section.Label.PROBLEMS},
    )

    assert found(admin_client, q="行政复议", label="problems") == [report.pk]
    assert found(admin_client, q="行政复议", label="measures") == []
    assert SearchSection.objects.get(section__report=report, section__path="1").label == "problems"


def test_a_section_topic_set_in_the_report_form_is_found_under_that_topic(
    admin_client, report, django_capture_on_commit_callbacks
):
    topic = TOPICS[0]
    assert found(admin_client, q="执法人员", topic=topic) == []

    save_in_admin(
        admin_client,
        report,
        django_capture_on_commit_callbacks,
        **{section_input(report, "2", "topic"): topic},
    )

    assert found(admin_client, q="执法人员", topic=topic) == [report.pk]


def test_a_year_corrected_in_the_report_form_moves_the_report_in_the_year_facet_and_filter(
    admin_client, report, django_capture_on_commit_callbacks
):
    assert facet(admin_client, "year", q="行政复议") == {"2023": 1}

    save_in_admin(admin_client, report, django_capture_on_commit_callbacks, year=2022)

    assert facet(admin_client, "year", q="行政复议") == {"2022": 1}
    assert found(admin_client, q="行政复议", year="2022") == [report.pk]
    assert found(admin_client, q="行政复议", year="2023") == []


def test_a_report_marked_superseded_in_the_admin_leaves_current_results(
    admin_client, report, django_capture_on_commit_callbacks
):
    # A newer version of the same agency and year, indexed as an import would.
    newer = factories.report(report.agency, year=report.year, is_current=False)
    factories.section(newer, "1", heading="一、行政复议", body="行政复议体制改革")
    index_reports([newer.pk])
    assert found(admin_client, q="行政复议") == [report.pk]

    # Staff swap the versions by hand: the old one first (one current version per agency and year).
    save_in_admin(
        admin_client,
        report,
        django_capture_on_commit_callbacks,
        is_current=False,
        superseded_by=newer.pk,
    )
    save_in_admin(admin_client, newer, django_capture_on_commit_callbacks, is_current=True)

    assert found(admin_client, q="行政复议") == [newer.pk]
    assert sorted(found(admin_client, q="行政复议", include_old="1")) == sorted([report.pk, newer.pk])


def test_an_agency_moved_to_another_place_is_found_under_the_new_province(
    admin_client, report, django_capture_on_commit_callbacks
):
    litong = factories.region("640302")  # 宁夏回族自治区吴忠市利通区
    assert found(admin_client, q="行政复议", province="640000") == []

    save_in_admin(admin_client, report.agency, django_capture_on_commit_callbacks, region=litong.pk)

    assert found(admin_client, q="行政复议", province="640000") == [report.pk]
    assert found(admin_client, q="行政复议", city="640300") == [report.pk]
    assert found(admin_client, q="行政复议", province="500000") == []
    assert facet(admin_client, "province", q="行政复议") == {"640000": 1}


def test_an_agency_kind_and_level_corrected_in_the_admin_reach_the_filters(
    admin_client, report, django_capture_on_commit_callbacks
):
    assert found(admin_client, q="行政复议", kind="department") == []

    save_in_admin(
        admin_client,
        report.agency,
        django_capture_on_commit_callbacks,
        kind=Agency.Kind.DEPARTMENT,
        level=Region.Level.PROVINCE,
    )

    assert found(admin_client, q="行政复议", kind="department", level="province") == [report.pk]
    assert found(admin_client, q="行政复议", kind="government") == []


def test_a_place_moved_under_another_parent_moves_the_reports_below_it(
    admin_client, report, django_capture_on_commit_callbacks
):
    # 綦江区 filed under 宁夏 by mistake, then put back under 重庆市 in the admin.
    qijiang = report.agency.region
    chongqing, ningxia = qijiang.parent, factories.region("640000")
    save_in_admin(admin_client, qijiang, django_capture_on_commit_callbacks, parent=ningxia.pk)
    assert found(admin_client, q="行政复议", province="640000") == [report.pk]

    save_in_admin(admin_client, qijiang, django_capture_on_commit_callbacks, parent=chongqing.pk)

    assert found(admin_client, q="行政复议", province="500000") == [report.pk]
    assert found(admin_client, q="行政复议", province="640000") == []


def test_edits_that_change_nothing_indexed_keep_the_index_rows_and_results(
    admin_client, report, django_capture_on_commit_callbacks
):
    before = SearchReport.objects.get(report=report)
    sections_before = list(SearchSection.objects.filter(report=report).order_by("pk").values())
    results_before = admin_client.get(reverse("reports:api-search"), {"q": "行政复议"}).json()["results"]

    # Fields search does not copy: the report re-checks its rows (one re-index after the commit),
    # and they stay as they were.
    callbacks = save_in_admin(
        admin_client,
        report,
        django_capture_on_commit_callbacks,
        published_on="2024-03-01",
        publisher="重庆市綦江区测试局",
    )
    assert len(callbacks) == 1
    # A report saved with nothing changed at all.
    assert len(save_in_admin(admin_client, report, django_capture_on_commit_callbacks)) == 1
    # An agency renamed, a place's name and years edited: no report's rows copy those.
    assert not save_in_admin(
        admin_client, report.agency, django_capture_on_commit_callbacks, name="綦江区测试局(更名)"
    )
    assert not save_in_admin(
        admin_client, report.agency.region, django_capture_on_commit_callbacks, last_year=2025
    )

    after = SearchReport.objects.get(report=report)
    assert (after.fingerprint, after.text, after.words) == (before.fingerprint, before.text, before.words)
    assert list(SearchSection.objects.filter(report=report).order_by("pk").values()) == sections_before
    results = admin_client.get(reverse("reports:api-search"), {"q": "行政复议"}).json()["results"]
    assert [hit["report_id"] for hit in results] == [hit["report_id"] for hit in results_before]
    assert found(admin_client, q="行政复议", province="500000", year="2023", label="measures") == [report.pk]
