"""Chinese full-text search: the only code that knows jieba or PostgreSQL text search.

normalize → tokens → index (rows per section and per report) → query (the query language) →
engine (ranked, counted, faceted pages) → snippets (highlighting on the original text).
The names below are the public surface; views, the API and the benchmark use only these.
"""

from .engine import ReportHit, SearchPage, SectionHit, search_page
from .facets import FacetValue
from .index import index_reports, rebuild_index, reindex_on_commit
from .query import QueryError, parse_query
from .selection import FILTER_TITLES
from .snippets import match_spans
from .suggest import Suggestion, Vocabulary, domain_terms, other_wordings, suggest

__all__ = [
    "FILTER_TITLES",
    "FacetValue",
    "QueryError",
    "ReportHit",
    "SearchPage",
    "SectionHit",
    "Suggestion",
    "Vocabulary",
    "domain_terms",
    "index_reports",
    "match_spans",
    "other_wordings",
    "parse_query",
    "rebuild_index",
    "reindex_on_commit",
    "search_page",
    "suggest",
]
