"""Stored indicators: extraction on import, the database catalogue, corrections, the command."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from reports.compare.figures import figures_for
from reports.indicators import load_catalogue
from reports.indicators import store as indicator_store
from reports.indicators.loading import sync_catalogue
from reports.indicators.store import apply_correction, base_of, catalogue_snapshot, extract_and_store
from reports.ingest import ImportStatus, import_report
from reports.management.commands.extract_indicators import Command
from reports.models import (
    Agency,
    IndicatorCorrection,
    IndicatorDefinition,
    IndicatorGroup,
    IndicatorValue,
    Region,
    Report,
    Section,
)
from tests import factories

SAMPLES = Path(__file__).parent / "samples"
QIJIANG = "004_78ed85b0c485cc82.txt"  # 綦江区 2021: 新入库科技型企业587家 is unmapped


def import_sample(name: str) -> Report:
    path = SAMPLES / name
    outcome = import_report(path.read_bytes(), filename=path.name)
    assert outcome.status is ImportStatus.CREATED, outcome.reason
    return Report.objects.get(pk=outcome.report_id)


def value_at(report: Report, figure: str, after: str = "") -> IndicatorValue:
    """The value whose figure is the first ``figure`` after the text ``after``."""
    start = report.text.index(figure, report.text.index(after) if after else 0)
    return report.indicator_values.get(start=start, end=start + len(figure))


def rows(report: Report) -> list[dict]:
    return list(report.indicator_values.order_by("start", "pk").values())


@pytest.mark.django_db
def test_catalogue_tables_hold_the_shipped_catalogue_after_migrating():
    from_file = load_catalogue()
    snapshot = catalogue_snapshot()

    assert snapshot.from_database
    assert IndicatorDefinition.objects.count() == len(from_file) == 55
    assert snapshot.catalogue.indicators == from_file.indicators
    assert dict(snapshot.catalogue.groups) == dict(from_file.groups)
    assert IndicatorDefinition.objects.get_by_natural_key("reconsideration_received").group.key == "disputes"


@pytest.mark.django_db
def test_import_stores_every_value_with_offsets_that_slice_figure_and_sentence_from_the_text():
    report = import_sample("000_0bf6173844fdf9f5.txt")
    values = list(report.indicator_values.select_related("definition", "section"))

    assert len(values) > 10
    for value in values:
        assert report.text[value.start : value.end] == value.figure
        assert report.text[value.sentence_start : value.sentence_end] == value.sentence
        assert value.sentence_start <= value.start < value.end <= value.sentence_end
        assert value.section.path == value.section_path
        assert value.section.start <= value.start < value.section.end
        assert value.key == value.extracted_key == (value.definition.key if value.definition else "")
    combined = value_at(report, "109件")
    assert (combined.key, combined.value, combined.unit, combined.combined) == (
        "npc_cppcc_combined",
        Decimal(109),
        "件",
        True,
    )


@pytest.mark.django_db
def test_stored_values_equal_what_the_extractor_returns():
    report = import_sample(QIJIANG)

    extracted = indicator_store.extract_indicators(
        report.text, list(report.sections.all()), catalogue_snapshot().catalogue
    )

    stored = report.indicator_values.order_by("start", "pk")
    assert [(v.start, v.end, v.key or None, v.value, v.unit, v.measure) for v in stored] == [
        (e.start, e.end, e.key, e.value, e.unit, e.measure) for e in extracted
    ]


@pytest.mark.django_db
def test_a_departments_bare_party_group_is_stored_as_its_own_organ_a_governments_is_not():
    text = "全年召开党组会议7次,专题研究法治工作。"
    department = factories.report(factories.agency(kind=Agency.Kind.DEPARTMENT), text=text)
    government = factories.report(factories.agency(kind=Agency.Kind.GOVERNMENT), text=text + "\n")
    for report in (department, government):
        extract_and_store(report)
    assert value_at(department, "7次").scope == "organ"
    assert value_at(government, "7次").scope == ""


@pytest.mark.django_db
def test_a_street_offices_bare_self_name_is_stored_as_its_government_a_districts_is_not():
    text = "全年组织街道领导干部学法培训2次。"
    office = factories.report(factories.agency("某区某街道办事处", level=Region.Level.TOWNSHIP), text=text)
    district = factories.report(factories.agency(level=Region.Level.COUNTY), text=text + "\n")
    for report in (office, district):
        extract_and_store(report)
    assert value_at(office, "2次").scope == "government"
    assert value_at(district, "2次").scope == ""


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_no_value():
    report = import_sample("001_2a747604b19e6eb5.txt")
    before = rows(report)

    path = SAMPLES / "001_2a747604b19e6eb5.txt"
    again = import_report(path.read_bytes(), filename=path.name)

    assert again.status is ImportStatus.UNCHANGED
    assert rows(report) == before
    assert IndicatorValue.objects.count() == len(before)


@pytest.mark.django_db
def test_a_new_version_gets_its_own_values_and_the_old_one_keeps_its_own():
    old = import_sample("001_2a747604b19e6eb5.txt")
    old_rows = rows(old)
    text = (SAMPLES / "001_2a747604b19e6eb5.txt").read_text(encoding="utf-8")
    revised = import_report(
        text.replace("集中学习法律法规2次", "集中学习法律法规3次").encode(), filename="001-revised.txt"
    )

    assert revised.status is ImportStatus.NEW_VERSION
    new = Report.objects.get(pk=revised.report_id)
    assert rows(old) == old_rows
    assert new.indicator_values.count() == len(old_rows)
    assert value_at(new, "3次", "集中学习法律法规").value == 3
    assert value_at(old, "2次", "集中学习法律法规").value == 2


@pytest.mark.django_db
def test_a_definition_added_in_the_catalogue_maps_a_figure_after_extract_indicators():
    report = import_sample(QIJIANG)
    unmapped = value_at(report, "587家")
    assert unmapped.key == "" and unmapped.definition is None
    mapped_before = {v.start: v.key for v in report.indicator_values.exclude(key="")}

    definition = IndicatorDefinition.objects.create(
        key="tech_enterprises_added",
        name="新入库科技型企业",
        group=IndicatorGroup.objects.get(key="services"),
        position=9999,
        units="家 个",
        cues="科技型企业",
    )
    call_command("extract_indicators", stdout=StringIO(), stderr=StringIO())

    remapped = value_at(report, "587家")
    assert (remapped.key, remapped.definition) == ("tech_enterprises_added", definition)
    assert {v.start: v.key for v in report.indicator_values.exclude(key="").exclude(pk=remapped.pk)} == (
        mapped_before
    )

    definition.is_active = False
    definition.save()
    call_command("extract_indicators", stdout=StringIO(), stderr=StringIO())
    assert value_at(report, "587家").key == ""


@pytest.mark.django_db
def test_corrections_are_applied_and_survive_re_extraction():
    report = import_sample(QIJIANG)
    tech = value_at(report, "587家")
    items = value_at(report, "78万余件")
    other = value_at(report, "40家")
    assert items.unit == "万件" and items.base_value == Decimal(780000)
    target = IndicatorDefinition.objects.get(key="new_market_entities")
    IndicatorCorrection.objects.create(report=report, start=tech.start, end=tech.end, definition=target)
    IndicatorCorrection.objects.create(
        report=report, start=items.start, end=items.end, value=Decimal("78.5"), note="原文为78万余件"
    )
    IndicatorCorrection.objects.create(report=report, start=other.start, end=other.end, is_rejected=True)

    for _ in range(2):  # once applying the corrections, once more to show they stay
        extract_and_store(report)

        tech, items, other = value_at(report, "587家"), value_at(report, "78万余件"), value_at(report, "40家")
        assert (tech.key, tech.definition, tech.extracted_key) == ("new_market_entities", target, "")
        assert tech.correction is not None
        assert (items.value, items.unit, items.base_value, items.base_unit) == (
            Decimal("78.5"),
            "万件",
            Decimal(785000),
            "件",
        )
        assert other.rejected
        assert not report.indicator_values.shown().filter(pk=other.pk).exists()
        assert report.indicator_values.filter(correction__isnull=False).count() == 3


@pytest.mark.django_db
def test_a_new_version_keeps_the_corrections_of_figures_it_states_in_the_same_words():
    report = import_sample(QIJIANG)
    tech = value_at(report, "587家")
    target = IndicatorDefinition.objects.get(key="new_market_entities")
    IndicatorCorrection.objects.create(report=report, start=tech.start, end=tech.end, definition=target)
    extract_and_store(report)
    # The re-published page adds a sentence early on: every offset after it moves.
    text = (SAMPLES / QIJIANG).read_text(encoding="utf-8")
    first_sentence = text.index("。") + 1
    revised = text[:first_sentence] + "全年还开展了专项督察。" + text[first_sentence:]

    outcome = import_report(revised.encode(), filename="revised.txt")

    assert outcome.status is ImportStatus.NEW_VERSION
    new = Report.objects.get(pk=outcome.report_id)
    moved = value_at(new, "587家")
    assert moved.start != tech.start
    assert (moved.key, moved.correction.definition) == ("new_market_entities", target)
    assert report.indicator_corrections.count() == 1  # the earlier version keeps its own


@pytest.mark.django_db
def test_a_correction_can_take_a_figure_out_of_the_catalogue():
    report = import_sample("000_0bf6173844fdf9f5.txt")
    value = value_at(report, "109件")
    IndicatorCorrection.objects.create(report=report, start=value.start, end=value.end, unmap=True)

    extract_and_store(report)

    value = value_at(report, "109件")
    assert (value.key, value.definition, value.extracted_key) == ("", None, "npc_cppcc_combined")


@pytest.mark.django_db
def test_a_corrected_count_of_services_in_ge_stays_ranked_in_xiang_unless_its_unit_is_corrected():
    text = "全区580个政务服务事项实现“一网通办”。"
    report = factories.report_with_parts(factories.agency("测试区"), 2023, text)
    value = value_at(report, "580个")
    assert (value.key, value.base_unit) == ("service_items", "项")
    correction = IndicatorCorrection.objects.create(
        report=report, start=value.start, end=value.end, value=581
    )

    extract_and_store(report)
    assert (value_at(report, "580个").base_value, value_at(report, "580个").base_unit) == (581, "项")

    correction.unit = "件"
    correction.save()
    extract_and_store(report)
    assert (value_at(report, "580个").unit, value_at(report, "580个").base_unit) == ("件", "件")


def test_base_of_a_corrected_unit():
    assert base_of(Decimal("1.3"), "万件") == (Decimal(13000), "件")
    assert base_of(Decimal(3), "亿元") == (Decimal(30000), "万元")
    assert base_of(Decimal(98), "%") == (Decimal(98), "%")
    assert base_of(Decimal(5), "某单位") == (Decimal(5), "某单位")


@pytest.mark.django_db
def test_command_shows_progress_on_stderr_and_replaces_values():
    reports = [import_sample("000_0bf6173844fdf9f5.txt"), import_sample(QIJIANG)]
    before = {report.pk: rows(report) for report in reports}
    IndicatorValue.objects.all().delete()
    out, err = StringIO(), StringIO()

    call_command("extract_indicators", stdout=out, stderr=err)

    assert "2/2 reports" in err.getvalue()
    assert "Extracted" in out.getvalue()
    for report in reports:
        after = rows(report)
        assert [(r["start"], r["key"], r["value"]) for r in after] == [
            (r["start"], r["key"], r["value"]) for r in before[report.pk]
        ]


@pytest.mark.django_db
def test_command_skips_superseded_versions_unless_asked():
    old = import_sample("001_2a747604b19e6eb5.txt")
    text = (SAMPLES / "001_2a747604b19e6eb5.txt").read_text(encoding="utf-8")
    import_report(text.replace("集中学习法律法规2次", "集中学习法律法规3次").encode(), filename="v2.txt")
    old.indicator_values.all().delete()

    call_command("extract_indicators", stdout=StringIO(), stderr=StringIO())
    assert not old.indicator_values.exists()

    call_command("extract_indicators", "--all-versions", stdout=StringIO(), stderr=StringIO())
    assert old.indicator_values.exists()


@pytest.mark.django_db
def test_command_exits_non_zero_for_an_unknown_report():
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "extract_indicators", "--report", "999999"])
    assert exit_info.value.code != 0


@pytest.mark.django_db
def test_a_failing_report_is_reported_the_others_go_on_and_it_keeps_its_values(monkeypatch):
    good, bad = import_sample("000_0bf6173844fdf9f5.txt"), import_sample(QIJIANG)
    bad_rows = rows(bad)
    IndicatorValue.objects.filter(report=good).delete()
    real_extract = indicator_store.extract_indicators

    def extract(text, sections, catalogue, **options):
        if text == bad.text:
            raise RuntimeError("extractor broke")
        return real_extract(text, sections, catalogue, **options)

    monkeypatch.setattr(indicator_store, "extract_indicators", extract)
    err = StringIO()
    with pytest.raises(CommandError, match="1 of 2 reports failed"):
        call_command("extract_indicators", stdout=StringIO(), stderr=err)

    assert f"report {bad.pk}: RuntimeError: extractor broke" in err.getvalue()
    assert good.indicator_values.exists()
    assert rows(bad) == bad_rows


@pytest.mark.django_db
def test_without_catalogue_rows_extraction_falls_back_to_the_file():
    report = import_sample("000_0bf6173844fdf9f5.txt")
    IndicatorValue.objects.all().delete()
    IndicatorDefinition.objects.all().delete()

    assert not catalogue_snapshot().from_database
    extract_and_store(report)

    value = value_at(report, "109件")
    assert (value.key, value.definition) == ("npc_cppcc_combined", None)


def _catalogue_file(tmp_path, cues: str, definition: str = "") -> object:
    path = tmp_path / "catalogue.toml"
    path.write_text(
        '[groups]\nleadership = "党的领导"\n\n[[indicator]]\nkey = "leaders_law_study"\n'
        f'name = "学法"\ndefinition = "{definition}"\ngroup = "leadership"\n'
        f'units = ["次"]\ncues = ["{cues}"]\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.django_db
def test_sync_refreshes_unedited_definitions_and_keeps_staff_edits(tmp_path):
    IndicatorDefinition.objects.all().delete()
    sync_catalogue(IndicatorGroup, IndicatorDefinition, path=_catalogue_file(tmp_path, "会前学法"))
    sync_catalogue(IndicatorGroup, IndicatorDefinition, path=_catalogue_file(tmp_path, "集体学法"))
    assert IndicatorDefinition.objects.get().cues == "集体学法"  # never edited: follows the file

    IndicatorDefinition.objects.update(cues="我们的提示词")
    counts = sync_catalogue(IndicatorGroup, IndicatorDefinition, path=_catalogue_file(tmp_path, "中心组学法"))
    assert IndicatorDefinition.objects.get().cues == "我们的提示词"  # edited by staff: kept
    assert (counts.updated, counts.unchanged) == (0, 1)


@pytest.mark.django_db
def test_a_definition_text_reaches_unedited_rows_and_staff_text_is_kept(tmp_path):
    IndicatorDefinition.objects.all().delete()
    for text in ("", "会前学法的次数。"):
        sync_catalogue(IndicatorGroup, IndicatorDefinition, path=_catalogue_file(tmp_path, "会前学法", text))
    assert IndicatorDefinition.objects.get().definition == "会前学法的次数。"  # a row without text takes it

    IndicatorDefinition.objects.update(definition="本单位的口径。")
    new_text = _catalogue_file(tmp_path, "会前学法", "新的口径。")
    sync_catalogue(IndicatorGroup, IndicatorDefinition, path=new_text)
    assert IndicatorDefinition.objects.get().definition == "本单位的口径。"


@pytest.mark.django_db
def test_sync_catalogue_command_reextracts_when_the_catalogue_changed():
    report = import_sample(QIJIANG)
    IndicatorDefinition.objects.filter(key="penalty_cases").delete()  # a key the file has and the table lacks
    IndicatorValue.objects.filter(report=report).delete()
    out = StringIO()
    call_command("sync_catalogue", "--extract", stdout=out, stderr=StringIO())
    assert "1 keys added" in out.getvalue()
    assert IndicatorValue.objects.filter(report=report).exists()
    out = StringIO()
    call_command("sync_catalogue", "--extract", stdout=out)
    assert "0 keys added, 0 refreshed" in out.getvalue()


def test_a_correction_sets_the_kind_of_measure_and_the_qualifier():
    row = IndicatorValue(value=Decimal(15), unit="件", measure="level", qualifier="余")

    apply_correction(row, IndicatorCorrection(value=Decimal(-15), measure="change_abs", qualifier="none"))
    assert (row.value, row.measure, row.qualifier, row.base_value) == (Decimal(-15), "change_abs", "", -15)

    apply_correction(row, IndicatorCorrection(qualifier="近"))
    assert (row.measure, row.qualifier) == ("change_abs", "近")  # empty fields change nothing


@pytest.mark.django_db
def test_a_correction_whose_offsets_no_longer_hold_a_figure_is_reported_and_kept(caplog):
    report = import_sample(QIJIANG)
    tech = value_at(report, "587家")
    kept = IndicatorCorrection.objects.create(report=report, start=tech.start, end=tech.end, is_rejected=True)
    # Offsets that held a figure before the text or the rules changed: one character off now.
    stale = IndicatorCorrection.objects.create(
        report=report, start=tech.start + 1, end=tech.end, definition=IndicatorDefinition.objects.first()
    )
    out, err = StringIO(), StringIO()

    with caplog.at_level("WARNING", logger="reports.indicators.store"):
        call_command("extract_indicators", "--report", str(report.pk), stdout=out, stderr=err)

    line = (
        f"warning: report {report.pk}: staff correction #{stale.pk} at {stale.start}-{stale.end} ('87家') "
        "no longer matches an extracted figure; it is kept but not applied"
    )
    assert line in err.getvalue()
    assert "1 staff corrections no longer match a figure" in out.getvalue()
    assert any(
        record.levelname == "WARNING" and f"staff correction #{stale.pk}" in record.getMessage()
        for record in caplog.records
    )
    assert set(IndicatorCorrection.objects.values_list("pk", flat=True)) == {kept.pk, stale.pk}
    assert value_at(report, "587家").rejected  # the matching one still applies
    assert f"#{kept.pk}" not in err.getvalue()


@pytest.mark.django_db
def test_command_refuses_all_versions_with_report_and_its_help_says_what_it_does():
    report = import_sample(QIJIANG)
    with pytest.raises(CommandError, match="--all-versions cannot be combined with --report"):
        call_command("extract_indicators", "--report", str(report.pk), "--all-versions", stdout=StringIO())

    help_text = " ".join(Command().create_parser("manage.py", "extract_indicators").format_help().split())
    assert "repeat for several" in help_text
    assert "not with --report" in help_text
    assert "stored values are replaced" in help_text
    assert "own transaction" in help_text
    assert "staff corrections" in help_text and "re-applied" in help_text


@pytest.mark.django_db
def test_a_stated_cut_of_an_indicator_that_is_a_cut_is_stored_as_its_size():
    agency = factories.agency(region_code="640303")
    report = factories.report_with_parts(
        agency,
        2023,
        "企业开办办理时限压缩83%,压减办理时限1539天;88个行政权力事项保留43项,压减45项;信访量同比下降31.7%。",
        "继续推进改革。",
    )

    stored = {v.figure: (v.key, v.value, v.base_value, v.measure) for v in report.indicator_values.all()}
    assert stored["83%"] == ("time_limit_compression", Decimal(83), Decimal(83), "level")
    assert stored["1539天"] == ("time_limit_compression", Decimal(1539), Decimal(1539), "level")
    assert stored["45项"] == ("approval_items_streamlined", Decimal(45), Decimal(45), "level")
    # elsewhere a change stays a change (and unmapped)
    assert stored["31.7%"] == ("", Decimal("-31.7"), Decimal("-31.7"), "change_pct")
    # so the ranking's value of the key is the cut, where it used to say "only a change"
    assert [f.number for f in figures_for([report.pk], ["time_limit_compression"]).values()] == [83]


@pytest.mark.django_db
def test_a_cut_staff_map_to_such_a_key_is_stored_as_its_size_unless_they_set_its_kind():
    agency = factories.agency(region_code="640303")
    report = factories.report_with_parts(agency, 2023, "审批材料精简40%,跑动次数减少60%。", "继续推进。")
    materials, visits = (value_at(report, figure) for figure in ("40%", "60%"))
    assert (materials.key, visits.key, materials.measure) == ("", "", "change_pct")
    cut_key = IndicatorDefinition.objects.get(key="time_limit_compression")
    for value, measure in ((materials, ""), (visits, "change_pct")):
        IndicatorCorrection.objects.create(
            report=report, start=value.start, end=value.end, definition=cut_key, measure=measure
        )

    extract_and_store(report)

    materials, visits = (value_at(report, figure) for figure in ("40%", "60%"))
    assert (materials.key, materials.value, materials.measure) == ("time_limit_compression", 40, "level")
    assert (visits.key, visits.value, visits.measure) == ("time_limit_compression", -60, "change_pct")


@pytest.mark.django_db
def test_figures_in_the_next_year_plans_are_never_the_value_of_a_key():
    agency = factories.agency(region_code="640303")
    report = factories.report_with_parts(
        agency, 2023, "全年办理人大代表建议70件。", "力争办理人大代表建议300件。"
    )

    marks = dict(
        report.indicator_values.filter(key="npc_suggestions").values_list("base_value", "section__label")
    )
    assert marks == {Decimal(70): Section.Label.MEASURES, Decimal(300): Section.Label.NEXT_STEPS}
    assert [figure.number for figure in figures_for([report.pk], ["npc_suggestions"]).values()] == [70]
