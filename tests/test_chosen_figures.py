""" "The" value of a key in a report (``ChosenFigure``) is kept by the database: whatever writes
indicator values — extraction, a staff rejection, a relabelled section, a key changed, a
deletion — the pair's choice follows ``VALUE_RULE`` at once."""

from __future__ import annotations

import pytest

from reports.compare.figures import facet_figures_for, figures_for
from reports.indicators.store import extract_and_store
from reports.models import Agency, ChosenFacetFigure, ChosenFigure, IndicatorValue, Report, Section
from reports.seeding import load_seed_fixture
from tests import factories

pytestmark = pytest.mark.django_db


def stored(report: Report, number: str, start: int, **fields) -> IndicatorValue:
    value = factories.indicator_value(number, start=start, report_id=report.pk, **fields)
    value.save()
    return value


def chosen(report: Report, key: str = "npc_suggestions") -> tuple[str, int] | None:
    """The chosen figure's text and how many other level figures the pair has."""
    found = figures_for([report.pk], [key]).get((report.pk, key))
    return (found.value.figure, found.others) if found else None


def plans_of(report: Report) -> Section:
    return factories.section(
        report, "9", heading="下一步工作安排", label=Section.Label.NEXT_STEPS, start=200, end=300
    )


def in_plans(value: IndicatorValue) -> bool:
    return value.section is not None and value.section.label == Section.Label.NEXT_STEPS


def reference_choice(values: list[IndicatorValue], *, by_facet: bool = False) -> dict[tuple, int]:
    """VALUE_RULE written out in Python, to hold the database's choice against; ``by_facet``:
    each (report, key, facet) of the figures that name a facet. ``values`` come with their
    report's agency (``select_related``)."""

    def order(value: IndicatorValue) -> tuple:
        own = OWN_SCOPE[value.report.agency.kind]
        return (value.derived, value.scope != own, value.start, value.pk)

    best: dict[tuple, IndicatorValue] = {}
    for value in values:
        if not value.key or value.rejected or in_plans(value) or value.measure != "level":
            continue
        if by_facet and not value.facet:
            continue
        slot = (value.report_id, value.key, value.facet) if by_facet else (value.report_id, value.key)
        if slot not in best or order(value) < order(best[slot]):
            best[slot] = value
    return {slot: value.pk for slot, value in best.items()}


# The scope extraction gives a figure of the reporter itself.
OWN_SCOPE = {Agency.Kind.GOVERNMENT: "government", Agency.Kind.DEPARTMENT: "organ"}


def test_the_first_stated_level_is_chosen_never_a_change_a_target_or_a_rejected_figure() -> None:
    report = factories.report()
    stored(report, "12", 0, measure=IndicatorValue.Measure.CHANGE_PCT)
    stored(report, "100", 10, derived=True)
    stored(report, "300", 20, section=plans_of(report))
    stored(report, "7", 30, rejected=True)
    stored(report, "40", 90)
    stored(report, "30", 50)

    # stated before derived, then first in the text; the others are the pair's other levels
    assert chosen(report) == ("30件", 2)


def test_a_governments_own_figure_is_chosen_before_its_party_committees_stated_first() -> None:
    report = factories.report(
        text="区委常委会会议专题学法4次,区政府常务会议会前学法12次,各部门党组中心组学法60余次。"
    )
    extract_and_store(report)
    scopes = dict(IndicatorValue.objects.filter(report=report).values_list("figure", "scope"))
    assert scopes == {"4次": "", "12次": "government", "60余次": "jurisdiction"}

    assert chosen(report, "leaders_law_study") == ("12次", 2)


def test_a_departments_own_figure_is_chosen_before_its_places_and_its_governments() -> None:
    bureau = factories.agency(kind=Agency.Kind.DEPARTMENT)
    report = factories.report(bureau)
    stored(report, "5", 10, scope="government")  # 区政府…: another body in a bureau's report
    stored(report, "40", 30, scope="jurisdiction")
    stored(report, "6", 50, scope="organ")
    assert chosen(report) == ("6件", 2)

    # in a government's report the government's figure is its own
    report = factories.report()
    stored(report, "40", 30, scope="jurisdiction")
    stored(report, "5", 50, scope="government")
    assert chosen(report) == ("5件", 1)


def test_a_level_stated_as_changed_from_another_is_chosen_not_the_one_before() -> None:
    report = factories.report(
        text="行政许可事项由17项减少至8项,办理人大代表建议由2022年的52件增加到61件,"
        "审批时限压减率从76.7%提高到83.4%。"
    )
    extract_and_store(report)

    assert chosen(report, "licensing_items") == ("8项", 0)
    assert chosen(report) == ("61件", 0)
    # under a key that is itself a cut, the rate before is not stored as a cut's size either
    assert chosen(report, "time_limit_compression") == ("83.4%", 0)
    earlier = IndicatorValue.objects.get(report=report, figure="17项")
    assert (earlier.key, earlier.measure) == ("licensing_items", IndicatorValue.Measure.EARLIER)


def test_a_figure_over_several_years_is_not_the_years_own_and_is_not_chosen() -> None:
    """2019年以来…精简3200余项 in a report on 2020 ranked first among the year's figures."""
    report = factories.report(
        year=2020,
        text="2019年以来,累计办理人大代表建议300件。2020年,办理人大代表建议61件。"
        "党的十八大以来,办理政协提案116件。",
    )
    extract_and_store(report)

    assert chosen(report) == ("61件", 0)
    assert chosen(report, "cppcc_proposals") is None  # over several years only: not reported
    over_years = IndicatorValue.objects.get(report=report, figure="300件")
    assert (over_years.key, over_years.measure) == ("npc_suggestions", IndicatorValue.Measure.MULTI_YEAR)


def test_a_target_is_not_the_years_own_and_is_not_chosen() -> None:
    report = factories.report(year=2023, text="力争行政复议纠错率达到15%。全年行政复议纠错率为12.5%。")
    extract_and_store(report)

    assert chosen(report, "reconsideration_correction_rate") == ("12.5%", 0)


def test_the_choice_follows_every_later_write_of_the_pairs_values() -> None:
    report = factories.report()
    first, second = stored(report, "30", 50), stored(report, "40", 90)
    derived = stored(report, "100", 10, derived=True)
    assert chosen(report) == ("30件", 2)

    first.rejected = True  # staff say it is no quantity
    first.save()
    assert chosen(report) == ("40件", 1)

    IndicatorValue.objects.filter(pk=second.pk).update(section=plans_of(report))  # moved into the plans
    assert chosen(report) == ("100件", 0)  # only the derived figure is left

    IndicatorValue.objects.filter(pk=derived.pk).update(key="cppcc_proposals")
    assert chosen(report) is None
    assert chosen(report, "cppcc_proposals") == ("100件", 0)

    derived.delete()
    assert not ChosenFigure.objects.filter(report=report).exists()


def test_relabelling_a_section_as_next_steps_moves_the_choice_and_back() -> None:
    report = factories.report()
    part = factories.section(report, "2", heading="主要举措", start=0, end=40)
    stored(report, "30", 0, section=part)
    stored(report, "40", 60)
    assert chosen(report) == ("30件", 1)

    part.label = Section.Label.NEXT_STEPS
    part.save()
    assert chosen(report) == ("40件", 0)

    # any writer of the label, a bulk update too
    Section.objects.filter(pk=part.pk).update(label=Section.Label.MEASURES)
    assert chosen(report) == ("30件", 1)


def test_deleting_a_report_leaves_no_choice_behind() -> None:
    report = factories.report()
    stored(report, "30", 0)
    stored(report, "40", 60)
    report.delete()
    assert not ChosenFigure.objects.exists()


def test_extraction_chooses_as_the_rule_says_for_every_pair_of_the_seed_reports() -> None:
    assert load_seed_fixture() == 5
    for report in Report.objects.all():
        extract_and_store(report)  # replaces every value: a delete and an insert statement
    values = list(IndicatorValue.objects.select_related("section", "report__agency"))
    expected = reference_choice(values)

    assert len(expected) > 50
    kept = {
        (report_id, key): value_id
        for report_id, key, value_id in ChosenFigure.objects.values_list("report_id", "key", "value_id")
    }
    assert kept == expected
    others = {(row.report_id, row.key): row.others for row in ChosenFigure.objects.all()}
    assert any(count > 0 for count in others.values())
    by_facet = {(row.report_id, row.key, row.facet): row.value_id for row in ChosenFacetFigure.objects.all()}
    assert by_facet == reference_choice(values, by_facet=True)
    assert by_facet  # the seeds state figures of faceted keys


def test_the_chosen_figure_copies_its_values_facet_for_rankings_to_count() -> None:
    report = factories.report(year=2023, text="全年下放行政审批事项118项,取消行政审批事项9项。")
    extract_and_store(report)

    chosen_row = ChosenFigure.objects.get(report=report, key="approval_items_streamlined")
    assert (chosen_row.value.figure, chosen_row.facet) == ("118项", "下放")


def facet_choices(report: Report, key: str = "approval_items_streamlined") -> dict[str, tuple[str, int]]:
    """Each facet's chosen figure and how many other level figures of that facet the report has."""
    rows = ChosenFacetFigure.objects.filter(report=report, key=key).select_related("value")
    return {row.facet: (row.value.figure, row.others) for row in rows}


def test_each_facet_of_a_key_keeps_its_own_first_figure_beside_the_keys_choice() -> None:
    report = factories.report(
        year=2019,
        text="全年取消行政审批事项9项,下放行政审批事项17项,再取消行政审批事项3项。"
        "行政审批事项精简情况见附件。",
    )
    extract_and_store(report)

    assert chosen(report, "approval_items_streamlined") == ("9项", 2)
    assert facet_choices(report) == {"取消": ("9项", 1), "下放": ("17项", 0)}


def test_the_facets_choice_follows_later_writes_of_the_values() -> None:
    report = factories.report(text="全年取消行政审批事项9项,下放行政审批事项17项,再取消行政审批事项3项。")
    extract_and_store(report)
    first = IndicatorValue.objects.get(report=report, figure="9项")

    first.rejected = True  # staff say it is no quantity: the facet's next figure is chosen
    first.save()
    assert facet_choices(report) == {"取消": ("3项", 0), "下放": ("17项", 0)}

    IndicatorValue.objects.filter(report=report, figure="17项").update(facet="取消")  # a facet edited
    assert facet_choices(report) == {"取消": ("17项", 1)}

    IndicatorValue.objects.filter(report=report).update(facet="")  # no facet named: nothing chosen
    assert facet_choices(report) == {}
    assert chosen(report, "approval_items_streamlined") == ("17项", 1)  # the key's own choice stays

    report.delete()
    assert not ChosenFacetFigure.objects.exists()


def test_the_figures_a_choice_passed_over_are_listed_with_it_as_many_as_it_counts() -> None:
    assert load_seed_fixture() == 5
    ids = list(Report.objects.values_list("pk", flat=True))
    chosen = figures_for(ids)
    by_facet = facet_figures_for(ids, {key for _report, key in chosen})
    assert any(figure.others for figure in chosen.values())
    for figure in [*chosen.values(), *by_facet.values()]:
        assert len(figure.alternatives) == figure.others
        for other in figure.alternatives:
            assert (other.value.report_id, other.value.key) == (figure.report_id, figure.value.key)
            assert other.value.pk != figure.value.pk and other.value.measure == "level"
    # a facet's choice passes over figures of that facet only
    assert all(
        other.facet == facet for (_r, _k, facet), figure in by_facet.items() for other in figure.alternatives
    )


def test_the_figures_passed_over_are_listed_stated_before_derived_then_in_text_order() -> None:
    report = factories.report()
    derived = stored(report, "100", 10, derived=True)
    forty, thirty = stored(report, "40", 90), stored(report, "30", 50)
    stored(report, "12", 30, scope="government")
    figure = figures_for([report.pk])[(report.pk, "npc_suggestions")]
    assert figure.value.scope == "government"  # the reporter's own, chosen
    assert [other.value.pk for other in figure.alternatives] == [thirty.pk, forty.pk, derived.pk]
