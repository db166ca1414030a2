from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("reports.urls")),
]

# JSON under /api/, the site's page elsewhere.
handler404 = "reports.views.page_not_found"
