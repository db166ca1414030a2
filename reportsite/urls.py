from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("reports.urls")),
]

# JSON for the API and the JSON exports, the site's pages elsewhere.
handler400 = "reports.views.bad_request"
handler404 = "reports.views.page_not_found"
handler500 = "reports.views.server_error"
