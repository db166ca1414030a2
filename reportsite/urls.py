from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from reports.sitemaps import SITEMAPS, robots_txt

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("", include("reports.urls")),
]

# JSON for the API and the JSON exports, the site's pages elsewhere.
handler400 = "reports.views.bad_request"
handler404 = "reports.views.page_not_found"
handler500 = "reports.views.server_error"
