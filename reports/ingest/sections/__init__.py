"""Splitting a report's cleaned text into its heading tree, with part labels and topics.

The public surface is ``split_sections`` and the ``SectionDraft`` it returns; the grammar,
label and topic rules live in their own modules.
"""

from .labels import LABELS, label_for_heading
from .splitter import SIGNATURE_PATH, SectionDraft, split_sections
from .topics import TAXONOMY, TOPIC_LABELS, TOPICS, topic_for

__all__ = [
    "LABELS",
    "SIGNATURE_PATH",
    "TAXONOMY",
    "TOPICS",
    "TOPIC_LABELS",
    "SectionDraft",
    "label_for_heading",
    "split_sections",
    "topic_for",
]
