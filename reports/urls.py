"""URLs of the public pages and the JSON API."""

from django.urls import path

from . import api, compare_views, feeds, search_views, views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", views.report_list, name="list"),
    path("search/", search_views.search, name="search"),
    path("search/export.csv", search_views.search_export, name="search-export"),
    path("reports/<int:pk>/", views.report_detail, name="detail"),
    path("reports/<int:pk>/original/", views.report_original, name="original"),
    path("regions/", views.region_browse, name="regions"),
    path("regions/<str:code>/", views.region_browse, name="region"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency"),
    path("years/<int:year>/", views.year_detail, name="year"),
    path("reports/<int:pk>/figures/<int:start>-<int:end>/", compare_views.figure_link, name="figure"),
    path("compare/", compare_views.compare_index, name="compare"),
    path("compare/agency/<int:pk>/", compare_views.compare_agency, name="compare-agency"),
    path("compare/year/", compare_views.compare_year, name="compare-year"),
    path("compare/indicator/<str:key>/", compare_views.compare_indicator, name="compare-indicator"),
    path("compare/indicator/<str:key>/coverage/", compare_views.compare_coverage, name="compare-coverage"),
    path("compare/indicator/<str:key>/reports/<int:pk>/", compare_views.ranking_row, name="ranking-row"),
    path("compare/reports/", compare_views.compare_reports, name="compare-reports"),
    path("compare/promises/<int:agency_id>/", compare_views.compare_promises, name="compare-promises"),
    path("feeds/reports.atom", feeds.NewReportsFeed(), name="feed"),
    path("feeds/regions/<str:code>.atom", feeds.RegionReportsFeed(), name="region-feed"),
    path("api/", api.index, name="api-index"),
    path("api/reports/", api.report_list, name="api-list"),
    path("api/reports/<int:pk>/", api.report_detail, name="api-detail"),
    path("api/search/", api.search, name="api-search"),
    path("api/indicators/", api.indicator_catalogue, name="api-indicators"),
    path("api/values/", api.value_list, name="api-values"),
    path("api/regions/", api.region_detail, name="api-regions"),
    path("api/regions/<str:code>/", api.region_detail, name="api-region"),
]
