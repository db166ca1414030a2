"""Splitting a report's cleaned text into its heading tree, with part labels and topics.

The public surface is ``split_sections`` and the ``SectionDraft`` it returns; the grammar,
label and topic rules live in their own modules.
"""

from .labels import LABELS, label_for_heading
from .splitter import SectionDraft, split_sections
from .topics import TAXONOMY, TOPICS, topic_for

__all__ = [
    "LABELS",
    "TAXONOMY",
    "TOPICS",
    "SectionDraft",
    "label_for_heading",
    "split_sections",
    "topic_for",
]
