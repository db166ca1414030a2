"""Indicators: the quantities a report states, normalised, mapped to a catalogue, traceable.

Public surface: ``extract_indicators`` and ``ExtractedIndicator`` (extract.py), the catalogue
(``load_catalogue``, ``catalogue_from_records``), and ``find_figures`` for figures without
mapping. Modules: numbers (numerals), units, exclusions (what is not a quantity), figures
(number + unit + qualifier + measure), catalogue (+ catalogue.toml), mapping (figure → key),
extract (sentences, sections, derived values).
"""

from .catalogue import Catalogue, Indicator, catalogue_from_records, load_catalogue
from .extract import ExtractedIndicator, SectionLike, extract_indicators
from .figures import Figure, Measure, find_figures

__all__ = [
    "Catalogue",
    "ExtractedIndicator",
    "Figure",
    "Indicator",
    "Measure",
    "SectionLike",
    "catalogue_from_records",
    "extract_indicators",
    "find_figures",
    "load_catalogue",
]
