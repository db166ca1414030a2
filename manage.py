#!/usr/bin/env python
"""Django's command-line utility; starts the project's own PostgreSQL when DATABASE_URL is unset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")
    if not os.environ.get("DATABASE_URL"):
        from django.conf import settings

        from reportsite.localdb import LocalDatabaseError, ensure_running

        try:
            ensure_running(settings.LOCAL_DATABASE_DIR)
        except LocalDatabaseError as exc:
            sys.exit(f"error: {exc}")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
