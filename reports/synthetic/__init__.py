"""Synthetic reports for scale work: realistic, clearly marked, fast to load and to remove.

Reports are recombined from the real seed reports (their heading skeleton, headings and sentences,
read with the importer's own parser) with places from the Region table, organs at each level,
years 2016–2024, dates and figures varied. Every synthetic report has ``is_synthetic=True``, a
title starting with 【合成样本】, no source URL and a source file named ``synthetic-…``. The same
seed on the same library gives the same reports.

Public surface: ``generate_synthetic_reports``, ``delete_synthetic_reports``,
``update_search_index``, ``update_indicators``; ``load_material`` and ``compose_report`` for
tests and the benchmark.
"""

from .compose import SYNTHETIC_MARK, AgencySpec, ComposedReport, compose_report
from .loading import (
    DeletionResult,
    GenerationResult,
    delete_synthetic_reports,
    generate_synthetic_reports,
    synthetic_file_name,
    update_indicators,
    update_search_index,
)
from .material import Material, load_material

__all__ = [
    "SYNTHETIC_MARK",
    "AgencySpec",
    "ComposedReport",
    "DeletionResult",
    "GenerationResult",
    "Material",
    "compose_report",
    "delete_synthetic_reports",
    "generate_synthetic_reports",
    "load_material",
    "synthetic_file_name",
    "update_indicators",
    "update_search_index",
]
