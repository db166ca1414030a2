"""The one exception of the import pipeline: a file refused, with a reason a person can act on."""

from __future__ import annotations

# The advice a refusal of damaged or mistaken bytes ends with: what staff can do about it.
DOWNLOAD_AGAIN = "请从原网页重新下载后上传"
SEND_A_REPORT_FILE = "请上传报告的网页(HTML)、文本、Word 或 PDF 文件"


def file_too_large(size: int, limit: int) -> str:
    return (
        f"文件过大:{size / 1024 / 1024:.1f} MB,上限 {limit // (1024 * 1024)} MB:"
        "请确认选对了文件,图片很多的 PDF 可先压缩或另存为 Word (file too large)"
    )


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
