"""``manage.py ensure_admin``: make sure an admin account exists and say how to log in."""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the admin account named by ADMIN_USERNAME (default 'admin') if it does not exist. "
        "The password comes from ADMIN_PASSWORD, or is generated once and kept in var/admin_password."
    )

    def handle(self, *args: object, **options: object) -> None:
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password_file = settings.VAR_DIR / "admin_password"
        password = os.environ.get("ADMIN_PASSWORD")
        if not password:
            if not password_file.exists():
                password_file.parent.mkdir(parents=True, exist_ok=True)
                password_file.write_text(secrets.token_urlsafe(12))
                password_file.chmod(0o600)
            password = password_file.read_text().strip()

        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_superuser(username=username, email="", password=password)
            self.stdout.write(self.style.SUCCESS(f"Created admin account '{username}'."))
        elif os.environ.get("ADMIN_PASSWORD") and not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"Updated the password of '{username}' from ADMIN_PASSWORD.")
        shown = password if user.check_password(password) else "(changed since; not shown)"
        self.stdout.write(f"Admin: /admin/  user: {username}  password: {shown}")
