"""``rebuild_search_index --missing`` makes reports stored without search rows searchable."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from reports.search import index_reports, search_page
from tests import factories


@pytest.mark.django_db
def test_missing_only_indexes_reports_without_search_rows_and_leaves_the_others():
    indexed = factories.report(text="一、主要举措\n全年办理行政复议案件12件。")
    factories.section(indexed, "1", heading="主要举措", body="全年办理行政复议案件12件。", start=0)
    index_reports([indexed.pk])
    # Factories store rows directly, as an older library or a bulk load would: no search rows.
    unindexed = factories.report(factories.agency(region_code="500152"), text="一、主要举措\n推行渝快办。")
    factories.section(unindexed, "1", heading="主要举措", body="推行渝快办。", start=0)
    assert search_page("渝快办").reports == 0

    out = StringIO()
    call_command("rebuild_search_index", "--missing", stdout=out)

    assert "Indexed 1 reports" in out.getvalue()
    assert [hit.report_id for hit in search_page("渝快办").results] == [unindexed.pk]
    assert [hit.report_id for hit in search_page("行政复议").results] == [indexed.pk]
