"""Every model change comes with its migration, and data migrations keep staff's data."""

import importlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reports.indicators.loading import (
    content_fingerprint,
    read_catalogue_file,
    sync_catalogue,
    tracked_values,
)
from reports.indicators.store import extract_and_store
from reports.models import Agency, ChosenFigure, IndicatorDefinition, IndicatorGroup, IndicatorValue, Report
from reports.search import index_reports
from reports.search.models import SearchReport
from tests import factories

split_migration = importlib.import_module("reports.migrations.0010_split_service_items")
NEW_KEYS, SHIPPED_CUES = split_migration.NEW_KEYS, split_migration.SHIPPED_CUES


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"Missing migrations:\n{out.getvalue()}")


BEFORE_SPLIT = [("reports", "0009_report_current_listing_index")]
SPLIT = [("reports", "0010_split_service_items")]
TEXT = "全年取消审批事项5项,梳理行政许可事项218项,推进川渝通办事项210项,政务服务事项清单调整至857项。"


@pytest.fixture
def catalogue_migrated_back():
    """The catalogue as migration 0009 left it (a transactional test's flush may have emptied it);
    afterwards the database is migrated forward to the latest state again."""
    sync_catalogue(IndicatorGroup, IndicatorDefinition)
    _migrate(BEFORE_SPLIT)
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate(target: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(target)


def _keys_of_figures() -> dict[str, str | None]:
    report = factories.report(text=TEXT)
    extract_and_store(report)
    return {v.report.text[v.start : v.end]: v.key or None for v in report.indicator_values.all()}


def _state_model(migration: str, model: str):
    """A model of the reports app as ``migration`` left it (what rows made before it look like)."""
    state = MigrationExecutor(connection).loader.project_state([("reports", migration)])
    return state.apps.get_model("reports", model)


def _latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_service_items_split_gives_each_list_its_own_key_and_reverses(catalogue_migrated_back):
    _migrate(SPLIT)
    _latest()  # the models below have every later field
    assert _keys_of_figures() == {
        "5项": "approval_items_streamlined",
        "218项": "licensing_items",
        "210项": "cross_region_items",
        "857项": "service_items",
    }
    service = IndicatorDefinition.objects.get(key="service_items")
    new = IndicatorDefinition.objects.filter(key__in=NEW_KEYS)
    assert all(row.position < service.position for row in new)

    _migrate(BEFORE_SPLIT)  # back: the figures return to the one key, the new keys are gone
    values = IndicatorValue.objects.exclude(key="")
    assert set(values.values_list("key", flat=True)) == {"service_items"}
    assert set(values.values_list("definition__key", flat=True)) == {"service_items"}
    definitions = IndicatorDefinition.objects.values_list("key", "cues")  # no later columns
    assert not definitions.filter(key__in=NEW_KEYS).exists()
    assert definitions.get(key="service_items")[1] == SHIPPED_CUES


@pytest.mark.django_db(transaction=True)
def test_catalogue_migrations_keep_a_staff_edited_definition(catalogue_migrated_back):
    IndicatorDefinition.objects.filter(key="service_items").update(cues="事项清单", name="我们的事项")
    _latest()
    service = IndicatorDefinition.objects.get(key="service_items")
    assert (service.name, service.cues) == ("我们的事项", "事项清单")
    # staff's from before the file was tracked: all kept; a later sync (0060's) tracks only the
    # fields that agree with the file
    assert not {"name", "cues", "definition"} & set(service.shipped_fields)
    assert service.definition == ""  # staff's row: the file's text is not forced on it
    # nor by the next sync (bin/run's, right after the migrations): a review found it was
    sync_catalogue(IndicatorGroup, IndicatorDefinition)
    service.refresh_from_db()
    assert (service.name, service.cues, service.definition) == ("我们的事项", "事项清单", "")
    assert IndicatorDefinition.objects.filter(key__in=NEW_KEYS).count() == 3


@pytest.mark.django_db(transaction=True)
def test_definitions_as_first_shipped_are_refreshed_from_the_catalogue_file(catalogue_migrated_back):
    # leaders_law_study as migration 0006 loaded it, before later catalogue changes.
    IndicatorDefinition.objects.filter(key="leaders_law_study").update(
        cues="会前学法\n集体学法\n集中学法\n领导 学法\n领导班子|领导干部 学习法律|讲座|学法|法治学习",
        units="次 场 场次 期",
        unless="",
    )
    from_file = {record["key"]: record for record in read_catalogue_file()[1]}
    _latest()
    for row in IndicatorDefinition.objects.all():
        assert row.cues.splitlines() == list(from_file[row.key]["cues"]), row.key
        assert row.definition == from_file[row.key]["definition"], row.key
        assert row.shipped_fields == tracked_values(vars(row), row.group.key), row.key


@pytest.mark.django_db(transaction=True)
def test_a_row_whose_definition_text_staff_rewrote_before_0053_takes_the_files_new_cues():
    sync_catalogue(IndicatorGroup, IndicatorDefinition)
    _migrate([("reports", "0052_catalogue_line_breaks")])
    old = _state_model("0052_catalogue_line_breaks", "IndicatorDefinition")
    row = old.objects.select_related("group").get(key="leaders_law_study")
    # copied from an older file version whose cues were fewer, then staff rewrote the text
    row.cues = "会前学法"
    row.shipped = content_fingerprint(vars(row), row.group.key)
    row.definition = "本单位口径。"
    row.save()
    edited = old.objects.get(key="cross_region_items")
    edited.cues, edited.name = "通办", "我们的通办"  # two fields edited: which, no fingerprint says
    edited.save()

    _latest()
    sync_catalogue(IndicatorGroup, IndicatorDefinition)

    from_file = {record["key"]: record for record in read_catalogue_file()[1]}
    study = IndicatorDefinition.objects.get(key="leaders_law_study")
    assert study.cues.splitlines() == list(from_file["leaders_law_study"]["cues"])
    assert study.definition == "本单位口径。"
    cross = IndicatorDefinition.objects.get(key="cross_region_items")
    assert (cross.cues, cross.name) == ("通办", "我们的通办")


@pytest.mark.django_db(transaction=True)
def test_township_migration_moves_towns_and_street_offices_and_nothing_else():
    _migrate([("reports", "0038_cue_ahead_help")])
    town = factories.agency("吴忠市利通区金积镇人民政府", region_code="640302", level="county")
    street = factories.agency(
        "吴忠市利通区胜利街道办事处", region_code="640302", kind=Agency.Kind.DEPARTMENT, level="county"
    )
    county = factories.agency("吴忠市利通区人民政府", region_code="640302")
    department = factories.agency("吴忠市利通区司法局", region_code="640302", kind=Agency.Kind.DEPARTMENT)
    # The report table as 0038 left it: the current model has columns added since.
    old_report = _state_model("0038_cue_ahead_help", "Report")
    text = "2023年,胜利街道深入推进法治政府建设。\n一、主要举措\n依法行政。"
    report = old_report.objects.create(
        agency_id=street.pk,
        year=2023,
        title="胜利街道2023年法治政府建设情况报告",
        text=text,
        text_sha256="0" * 64,
        source_file_id=factories.source_file(text.encode()).pk,
    )
    index_reports([report.pk])

    # Only up to the township migration: a later one (0048) empties the search index.
    _migrate([("reports", "0039_township_level")])

    levels = {
        a.name: (a.kind, a.level)
        for a in Agency.objects.filter(pk__in=[town.pk, street.pk, county.pk, department.pk])
    }
    assert levels == {
        "吴忠市利通区金积镇人民政府": ("government", "township"),
        "吴忠市利通区胜利街道办事处": ("government", "township"),
        "吴忠市利通区人民政府": ("government", "county"),
        "吴忠市利通区司法局": ("department", "county"),
    }
    searched = SearchReport.objects.get(report_id=report.pk)
    assert (searched.kind, searched.level) == ("government", "township")
    _latest()


@pytest.mark.django_db
def test_migration_0050_marks_the_stored_reports_whose_text_stops_inside_a_sentence():
    from django.apps import apps

    marking = importlib.import_module("reports.migrations.0050_report_text_cut")
    agency = factories.agency()
    cut = factories.report(
        agency, year=2022, text="一、主要举措\n全年办理行政复议案件61件,依法受理", text_cut=False
    )
    whole = factories.report(
        agency, year=2023, text="一、主要举措\n全年办理行政复议案件61件。\n某某区人民政府", text_cut=False
    )

    marking.mark_cut_texts(apps, None)

    cut.refresh_from_db()
    whole.refresh_from_db()
    assert cut.text_cut and not whole.text_cut


@pytest.mark.django_db
def test_migration_0051_marks_texts_too_short_to_be_whole_as_cut():
    from django.apps import apps

    marking = importlib.import_module("reports.migrations.0051_short_texts_cut")
    agency = factories.agency()
    sentence = "全年办理行政复议案件61件。"
    opening = factories.report(agency, year=2022, text="一、主要举措\n" + sentence, text_cut=False)
    long_text = "一、主要举措\n" + sentence * 80
    whole = factories.report(agency, year=2023, text=long_text, text_cut=False)

    marking.mark_short_texts(apps, None)

    opening.refresh_from_db()
    whole.refresh_from_db()
    assert opening.text_cut and not whole.text_cut


@pytest.mark.django_db(transaction=True)
def test_facets_come_back_when_their_migration_is_undone_and_applied_again():
    _migrate([("reports", "0059_search_words_inside_longer_words")])
    _latest()

    row = IndicatorDefinition.objects.get(key="approval_items_streamlined")
    assert row.facets.splitlines()[0] == "取消: 取消"
    assert row.shipped_fields["facets"] == row.facets


def rechoose(report: Report) -> None:
    """Write every value of ``report`` again, by an update: the statement triggers choose its
    figures (an extraction would also delete rows of tables that an older schema lacks)."""
    IndicatorValue.objects.filter(report=report).update(rejected=False)


@pytest.mark.django_db(transaction=True)
def test_the_chosen_figures_facet_comes_and_goes_with_its_migration():
    report = factories.report(text="全年下放行政审批事项118项。")
    extract_and_store(report)
    _migrate([("reports", "0061_target_measure")])  # the function no longer copies a facet
    rechoose(report)  # and the choice is still made

    _latest()  # the column is back and filled from the values

    assert ChosenFigure.objects.get(report=report, key="approval_items_streamlined").facet == "下放"


@pytest.mark.django_db(transaction=True)
def test_each_facets_chosen_figure_is_filled_when_its_migration_comes_back():
    report = factories.report(text="全年取消行政审批事项9项,下放行政审批事项17项。")
    extract_and_store(report)
    _migrate([("reports", "0062_chosen_figure_facet")])  # no table, the function as it was
    rechoose(report)  # and the key's choice is still made
    assert ChosenFigure.objects.filter(report=report).count() == 1

    _latest()  # the table is back and filled from the values

    from reports.models import ChosenFacetFigure

    chosen = ChosenFacetFigure.objects.filter(report=report).select_related("value")
    assert {row.facet: row.value.figure for row in chosen} == {"取消": "9项", "下放": "17项"}


@pytest.mark.django_db(transaction=True)
def test_the_reporters_own_figure_is_chosen_again_both_ways_of_its_migration():
    report = factories.report(text="区委常委会会议专题学法4次,区政府常务会议会前学法12次。")
    extract_and_store(report)

    def chosen_figure() -> str:
        return ChosenFigure.objects.get(report=report, key="leaders_law_study").value.figure

    assert chosen_figure() == "12次"
    _migrate([("reports", "0066_sentence_veto_help")])  # every stored pair chosen again, first first
    assert chosen_figure() == "4次"

    _latest()

    assert chosen_figure() == "12次"
