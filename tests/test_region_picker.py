"""The region picker's options, written in one pass (pure: unsaved regions)."""

from __future__ import annotations

from reports.compare.choices import RegionChoice
from reports.models import Region
from reports.templatetags.region_picker import region_options


def test_options_mark_the_chosen_place_indent_cities_and_escape_names():
    province = RegionChoice(Region(code="510000", name="四川省"), 12, 0)
    city = RegionChoice(Region(code="510100", name="成都<市>"), 5, 1)

    assert region_options([province, city], "510100") == (
        '<option value="510000">四川省(12)</option>'
        '<option value="510100" selected>— 成都&lt;市&gt;(5)</option>'
    )
    assert region_options([province], counts=False) == '<option value="510000">四川省</option>'
