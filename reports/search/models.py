"""The search index tables: one row per section (or chunk of a long section), one per report.

``SearchSection.document`` holds a section's bigrams and final unigrams with positions (heading
weighted A, body D): it decides exact matches and ranking. jieba words are kept once per report,
without positions, in ``SearchReport.words`` (a third of the section rows' size when they were
stored with positions in every section).
``SearchReport.terms`` holds the union of a report's bigrams and unigrams without positions:
a small, exact-from-the-index necessary condition that lets counts, facets and the first
ranking pass work on ~100k report rows instead of millions of sections. Both carry the filter
columns denormalised, so no query needs a join to filter.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models

# The 1/16 sample of reports that counts and facets of very common terms read. It must stay word
# for word the predicate of the partial index ``search_report_sample_gin`` (migration 0013), or
# the planner will not use that index.
SAMPLE_CONDITION = "(hashint8(report_id) & 15) = 0"


class SearchFilterColumns(models.Model):
    """Filter columns copied from the report, its agency and its place."""

    year = models.PositiveSmallIntegerField()
    # Region ids of the agency's place at each level; null where the chain has no such level.
    province_id = models.IntegerField(null=True)
    city_id = models.IntegerField(null=True)
    county_id = models.IntegerField(null=True)
    kind = models.CharField(max_length=16)
    level = models.CharField(max_length=8)
    is_current = models.BooleanField()

    class Meta:
        abstract = True


class SearchReport(SearchFilterColumns):
    report = models.OneToOneField(
        "reports.Report", on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    # Bigrams and unigrams of every section, no positions (see the module docstring).
    terms = SearchVectorField()
    # The report's jieba words (``=行政复议``) without positions: the whole-word ranking bonus.
    words = SearchVectorField(default="")
    # Hash of what was indexed, so re-indexing an unchanged report only refreshes the filters.
    fingerprint = models.CharField(max_length=64)

    class Meta:
        app_label = "reports"
        indexes = [
            GinIndex(fields=["terms"], name="search_report_terms_gin"),
            models.Index(fields=["is_current", "year"], name="search_report_year_idx"),
            # The order a large result set is walked in (newest first).
            models.Index(fields=["year", "report"], name="search_report_recent_idx"),
        ]
        # Also, made by migration 0013: ``search_report_sample_gin``, a GIN over ``terms`` of the
        # rows in ``SAMPLE_CONDITION``.

    def __str__(self) -> str:
        return f"search entry of report {self.report_id}"


class SearchSection(SearchFilterColumns):
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="+", db_index=False)
    section = models.ForeignKey("reports.Section", on_delete=models.CASCADE, related_name="+")
    chunk = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=16)
    topic = models.CharField(max_length=32, blank=True)
    document = SearchVectorField()

    class Meta:
        app_label = "reports"
        indexes = [
            GinIndex(fields=["document"], name="search_section_document_gin"),
            models.Index(fields=["report", "section"], name="search_section_report_idx"),
        ]

    def __str__(self) -> str:
        return f"search entry of section {self.section_id} (chunk {self.chunk})"
