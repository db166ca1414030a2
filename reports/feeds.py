"""Atom feeds of newly added reports, for the whole library and for one place, so people can
follow a region in their feed reader."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Region, Report

FEED_SIZE = 50


class NewReportsFeed(Feed):
    feed_type = Atom1Feed
    title = "法治政府建设年度报告库:新收录的报告"
    subtitle = "各地人民政府及其部门的法治政府建设年度报告,按收录时间排列;各条注明报告的发布日期。"

    def link(self) -> str:
        return reverse("reports:home")

    def items(self) -> list[Report]:
        # Ids grow with every import: the highest ids are the newest additions (an index walk).
        newest = Report.objects.current().with_listing_data().defer("text").order_by("-pk")
        return list(newest[:FEED_SIZE])

    def item_title(self, item: Report) -> str:
        return f"【合成样本】{item.title}" if item.is_synthetic else item.title

    def item_description(self, item: Report) -> str:
        agency = item.agency
        place = agency.region.full_name if agency.region else "地区不详" if agency.place_unknown else "中央"
        # The entry's dates are when the library took the report in; when it was published is
        # the report's own, said here (a copy's date is the copy's, not the publisher's).
        if item.published_on is None:
            published = "发布日期不详"
        else:
            published = f"发布日期:{item.published_on.isoformat()}" + (
                "(转载页的日期)" if item.from_other_site else ""
            )
        return f"{item.agency.name}({place}){item.year}年度报告,{published}"

    def item_pubdate(self, item: Report) -> datetime:
        return item.imported_at

    def item_updateddate(self, item: Report) -> datetime:
        return item.imported_at  # Atom wants every entry's <updated>; a new version is an entry of its own

    def item_author_name(self, item: Report) -> str:
        return item.agency.name


class RegionReportsFeed(NewReportsFeed):
    """New reports of agencies in one place or anywhere below it."""

    def get_object(self, request: HttpRequest, code: str) -> Region:
        return get_object_or_404(Region, code=code)

    def title(self, region: Region) -> str:
        return f"法治政府建设年度报告库:{region.full_name}新收录的报告"

    def link(self, region: Region) -> str:
        return reverse("reports:region", args=[region.code])

    def items(self, region: Region) -> list[Report]:
        newest = Report.objects.current().in_region(region).with_listing_data().defer("text").order_by("-pk")
        return list(newest[:FEED_SIZE])
