"""The one exception of the import pipeline: a file refused, with a reason a person can act on."""

from __future__ import annotations


class RejectedFile(Exception):
    """Raised when a file cannot become a report; ``reason`` is shown to the uploader as is.

    Reasons are written in Chinese with a short English gloss in parentheses, e.g.
    ``"文件为空 (empty file)"``, because the people uploading files read Chinese and the
    people reading logs may not.
    """

    def __init__(self, reason: str, *, code: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        # A machine-readable kind for refusals that callers treat apart, e.g. "needs_ocr".
        self.code = code

    def __str__(self) -> str:
        return self.reason
