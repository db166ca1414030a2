"""Chinese names in the admin for the apps whose own names cannot be translated."""

from __future__ import annotations

from django_tasks_db.apps import TasksAppConfig


class TaskResultsConfig(TasksAppConfig):
    """django-tasks' database backend: the upload worker's queue (its name is a plain string)."""

    verbose_name = "后台任务"
