"""The settings module reads its database connection lifetime from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def database_settings(**env: str) -> dict:
    """The default database's settings as a fresh interpreter reads them with ``env``."""
    script = (
        "import json, reportsite.settings as s;"
        "d = s.DATABASES['default'];"
        "print(json.dumps({'age': d['CONN_MAX_AGE'], 'checks': d['CONN_HEALTH_CHECKS']}))"
    )
    environment = {**os.environ, **env}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_database_url_connections_close_after_each_request_by_default():
    # runserver opens a thread per request: kept connections would pile up to max_connections.
    settings = database_settings(DATABASE_URL="postgres://u@127.0.0.1:5432/x", CONN_MAX_AGE="")
    assert settings == {"age": 0, "checks": True}


def test_conn_max_age_keeps_database_url_connections_when_set():
    settings = database_settings(DATABASE_URL="postgres://u@127.0.0.1:5432/x", CONN_MAX_AGE="60")
    assert settings["age"] == 60
