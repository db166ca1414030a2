"""Why a stored text counts as partial, for the templates: the words and the length come from
``reports.ingest.completeness`` when the page is drawn, never from a copy of the threshold."""

from __future__ import annotations

from django import template

from reports.ingest import completeness

register = template.Library()


@register.simple_tag
def cut_reason() -> str:
    """在句子中间结束或不足1000字, as the ranking and the text comparison say it."""
    return completeness.CUT_REASON


@register.simple_tag
def whole_report_min_chars() -> int:
    """The fewest characters a whole report can have (fewer cannot hold its five parts)."""
    return completeness.WHOLE_REPORT_MIN_CHARS
