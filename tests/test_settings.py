"""The settings module reads its database connection lifetime from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def run_python(script: str, **env: str) -> subprocess.CompletedProcess:
    """``script`` run by a fresh interpreter in the project with ``env`` added."""
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )


def database_settings(**env: str) -> dict:
    """The default database's settings as a fresh interpreter reads them with ``env``."""
    script = (
        "import json, reportsite.settings as s;"
        "d = s.DATABASES['default'];"
        "print(json.dumps({'age': d['CONN_MAX_AGE'], 'checks': d['CONN_HEALTH_CHECKS']}))"
    )
    return json.loads(run_python(script, **env).stdout)


def test_database_url_connections_close_after_each_request_by_default():
    # runserver opens a thread per request: kept connections would pile up to max_connections.
    settings = database_settings(DATABASE_URL="postgres://u@127.0.0.1:5432/x", CONN_MAX_AGE="")
    assert settings == {"age": 0, "checks": True}


def test_conn_max_age_keeps_database_url_connections_when_set():
    settings = database_settings(DATABASE_URL="postgres://u@127.0.0.1:5432/x", CONN_MAX_AGE="60")
    assert settings["age"] == 60


def test_a_request_for_a_host_not_served_is_logged_in_one_line_without_a_traceback():
    script = (
        "import os, django;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'reportsite.settings');"
        "django.setup();"
        "from django.test import Client;"
        "print(Client().get('/', HTTP_HOST='scanner.example').status_code)"
    )
    result = run_python(script, DATABASE_URL="postgres://u@127.0.0.1:5432/x", ALLOWED_HOSTS="a.example")

    assert result.stdout.strip() == "400"
    assert "Invalid HTTP_HOST header: 'scanner.example'" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
