"""Copy ``catalogue.toml`` into the catalogue tables: one function for the migration and the seeds.

The model classes are passed in, so the data migration can hand over its historical models and
this module never imports ``reports.models`` (as ``reports.regions.loading`` does for regions).
After the first load the tables, not the file, are the catalogue: staff extend them in the admin.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from .catalogue import CATALOGUE_FILE


@dataclass(frozen=True)
class CatalogueSyncCounts:
    created: int
    updated: int
    unchanged: int


def read_catalogue_file(path: Path = CATALOGUE_FILE) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The ``[groups]`` table and the ``[[indicator]]`` records of a catalogue file."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return dict(data.get("groups", {})), list(data.get("indicator", []))


def definition_fields(record: dict[str, Any], position: int) -> dict[str, Any]:
    """A TOML record as model field values (lists become space- or line-separated text)."""
    return {
        "name": str(record["name"]),
        "position": position,
        "units": " ".join(_strings(record.get("units", ()))),
        "scope": str(record.get("scope", "any")),
        "cues": "\n".join(_strings(record.get("cues", ()))),
        "unless": " ".join(_strings(record.get("unless", ()))),
        "combines": " ".join(_strings(record.get("combines", ()))),
        "is_active": True,
    }


def sync_catalogue(
    group_model: Any,
    definition_model: Any,
    *,
    path: Path = CATALOGUE_FILE,
    update: bool = False,
    using: str | None = None,
) -> CatalogueSyncCounts:
    """Create the groups and definitions the file lists and the tables lack.

    Existing rows are staff's to edit and are left alone unless ``update`` is true, in which
    case they are reset to the file's fields. Rows the file does not list are never touched.
    Positions follow the file's order, ten apart, so staff can slot a key in between.
    """
    groups, records = read_catalogue_file(path)
    groups_manager = group_model._default_manager.db_manager(using)
    definitions_manager = definition_model._default_manager.db_manager(using)
    created = updated = unchanged = 0
    with transaction.atomic(using=groups_manager.db):
        group_rows = {group.key: group for group in groups_manager.all()}
        for position, (key, name) in enumerate(groups.items()):
            group = group_rows.get(key)
            if group is None:
                group_rows[key] = groups_manager.create(key=key, name=name, position=position * 10)
            elif update and (group.name, group.position) != (name, position * 10):
                group.name, group.position = name, position * 10
                group.save(update_fields=["name", "position"])
        existing = {row.key: row for row in definitions_manager.all()}
        for index, record in enumerate(records):
            key = str(record["key"])
            group_key = str(record.get("group", ""))
            if group_key not in group_rows:
                raise ValueError(f"indicator {key}: unknown group {group_key!r}")
            fields = {**definition_fields(record, (index + 1) * 10), "group_id": group_rows[group_key].pk}
            row = existing.get(key)
            if row is None:
                definitions_manager.create(key=key, **fields)
                created += 1
            elif update and any(getattr(row, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(row, name, value)
                row.save(update_fields=list(fields))
                updated += 1
            else:
                unchanged += 1
    return CatalogueSyncCounts(created=created, updated=updated, unchanged=unchanged)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value] if isinstance(value, list | tuple) else []
