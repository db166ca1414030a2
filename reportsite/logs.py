"""Log formatting: a refused request's line without the traceback Django attaches to it."""

from __future__ import annotations

import logging


class WithoutTraceback(logging.Formatter):
    """Formats a record as its message alone. Django logs every request for a host not in
    ALLOWED_HOSTS (scanners send them all day) with the exception's traceback, which says
    nothing the message does not."""

    def formatException(self, ei) -> str:
        return ""
