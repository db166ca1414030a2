"""URLs of the public pages and the JSON API."""

from django.urls import path

from . import api, views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("reports/<int:pk>/", views.report_detail, name="detail"),
    path("reports/<int:pk>/original/", views.report_original, name="original"),
    path("api/reports/", api.report_list, name="api-list"),
    path("api/reports/<int:pk>/", api.report_detail, name="api-detail"),
]
