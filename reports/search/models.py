"""The search index tables: one row per section, one per report, both holding normalised text.

A section row keeps its normalised heading and body; a report row keeps the normalised text of
all its sections, joined by ``SEPARATOR``. Text is the whole index: the GIN indexes are built on
expressions that PostgreSQL computes itself from the text, sets without positions. A report's is
``search_bigrams(text)`` (migration 0015), its character bigrams and final characters; a
section's is ``search_grams`` (migration 0025), its bigrams each tagged with the character after
them (``tokens.grams``). What a query needs of those sets selects candidate rows; a plain
substring test on the text (``strpos``) then decides each match exactly. Text takes a quarter
of the room of positional tsvectors and costs no tokenising in Python.

jieba words are kept once per report, as 32-bit hashes, in ``SearchReport.words``: they only
tell the ranking that a term occurs as a whole word. Both tables carry the filter columns
denormalised, so no query needs a join to filter.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models

# Joins the pieces of text in one row; whitespace, so normalisation never leaves it in text.
SEPARATOR = "\x1f"
# The expressions the GIN indexes are built on (migration 0015). A query must use them word for
# word, or the planner will not use the index.
REPORT_BIGRAMS = "search_bigrams(text)"
# The section index holds grams, not bigrams: each bigram tagged with the character after it
# (``tokens.grams``, migration 0025).
SECTION_GRAMS = "search_grams(heading || chr(31) || body)"
# The same bigrams under another function's name (migration 0016), so that only the sample
# index can answer a sample query: with one expression for both, the planner used the full index.
SAMPLE_BIGRAMS = "search_sample_bigrams(text)"
# Filter columns the report GIN indexes hold beside the bigrams (btree_gin, migration 0018), so
# that one index scan intersects a term with a place and a year. The year is ``year + 0``, as
# ``Selection.where(btree=False)`` writes it, which no btree index can answer.
REPORT_FILTER_KEYS = "province_id, city_id, county_id, (year + 0)"
# The 1/16 sample of reports that counts and facets of very common terms read. It must stay word
# for word the predicate of the partial index ``search_report_sample_gin`` (migration 0015), or
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
    # Normalised headings and bodies of every section, joined by SEPARATOR (not the title).
    text = models.TextField()
    # Hashes of the report's jieba words (``tokens.word_hash``), sorted: the whole-word bonus.
    words = ArrayField(models.IntegerField(), default=list)
    # Hash of what was indexed, so re-indexing an unchanged report only refreshes the filters.
    fingerprint = models.CharField(max_length=64)

    class Meta:
        app_label = "reports"
        verbose_name = verbose_name_plural = "检索索引(报告)"
        indexes = [
            models.Index(fields=["is_current", "year"], name="search_report_year_idx"),
            # The order a large result set is walked in (newest first).
            models.Index(fields=["year", "report"], name="search_report_recent_idx"),
        ]
        # Also, made by migrations 0015, 0016 and 0018: ``search_report_text_gin`` on
        # REPORT_BIGRAMS and REPORT_FILTER_KEYS, and ``search_report_sample_gin`` on
        # SAMPLE_BIGRAMS and REPORT_FILTER_KEYS for the rows in SAMPLE_CONDITION.

    def __str__(self) -> str:
        return f"报告 #{self.report_id} 的检索条目"


class SearchSection(SearchFilterColumns):
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="+", db_index=False)
    section = models.OneToOneField(
        "reports.Section", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    label = models.CharField(max_length=16)
    topic = models.CharField(max_length=32, blank=True)
    heading = models.TextField()
    body = models.TextField()

    class Meta:
        app_label = "reports"
        verbose_name = verbose_name_plural = "检索索引(章节)"
        indexes = [
            # The report alone: btree deduplication keeps one entry per report (a seventh of the
            # room of the (report, section) index it replaced), and lookups are by report only.
            models.Index(fields=["report"], name="search_section_by_report_idx"),
        ]
        # Also, made by migration 0025: ``search_section_grams_gin`` on SECTION_GRAMS.

    def __str__(self) -> str:
        return f"章节 #{self.section_id} 的检索条目"
