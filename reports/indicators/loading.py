"""Copy ``catalogue.toml`` into the catalogue tables: one function for the migration and the seeds.

The model classes are passed in, so the data migration can hand over its historical models and
this module never imports ``reports.models`` (as ``reports.regions.loading`` does for regions).
After the first load the tables, not the file, are the catalogue: staff extend them in the admin.
What staff never edited still follows the file, field by field: each row keeps the file's value
of each content field as last copied into it (``shipped_fields``), and a sync refreshes the
fields whose value is still that one when the file's has changed, so a definition text staff
rewrote does not hold back the file's new cues. (Before migration 0053 rows kept one fingerprint
of the whole file version, ``shipped``, and any edit kept the whole row from the file.)
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from .catalogue import CATALOGUE_FILE

# The fields a definition's content fingerprint covers (position and is_active are staff's);
# those that came later join it only when they hold something (``content_fingerprint``).
CONTENT_FIELDS = ("name", "units", "scope", "cues", "unless", "combines", "definition", "facets")
_LATER_FIELDS = ("definition", "facets")
# Fields added after rows began to remember what was shipped (0053): a row that does not
# remember one was shipped without it, empty, so it follows the file until staff edit it.
_TRACKED_SINCE_ADDED = ("facets",)
# The fields a sync follows one by one: the content and the group, by its key.
TRACKED_FIELDS = (*CONTENT_FIELDS, "group")


def content_fingerprint(fields: dict[str, Any], group_key: str) -> str:
    """A stable hash of a definition's content. Migrations store these: never change it.

    The definition text and the facets came later: each joins the hash only when there is one,
    so a row without them keeps the fingerprint stored before the fields existed.
    """
    parts = [group_key, *(str(fields[name]) for name in CONTENT_FIELDS if name not in _LATER_FIELDS)]
    parts += [str(fields[name]) for name in _LATER_FIELDS if fields.get(name)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def tracked_values(fields: dict[str, Any], group_key: str) -> dict[str, str]:
    """A definition's ``TRACKED_FIELDS`` as ``shipped_fields`` holds them (a field a historical
    model lacks as empty)."""
    return {**{name: str(fields.get(name, "")) for name in CONTENT_FIELDS}, "group": group_key}


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
        "definition": str(record.get("definition", "")),
        "position": position,
        "units": " ".join(_strings(record.get("units", ()))),
        "scope": str(record.get("scope", "any")),
        "cues": "\n".join(_strings(record.get("cues", ()))),
        "unless": " ".join(_strings(record.get("unless", ()))),
        "combines": " ".join(_strings(record.get("combines", ()))),
        "facets": "\n".join(_strings(record.get("facets", ()))),
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
    """Create the groups and definitions the file lists and the tables lack, and refresh the
    fields of definitions staff never edited whose content the file has changed.

    Edited fields are staff's and are left alone unless ``update`` is true, in which case every
    row is reset to the file's fields. A field whose value is the file's follows the file from
    then on. Rows the file does not list are never touched.
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
        group_keys = {group.pk: key for key, group in group_rows.items()}
        # Migrations hand over historical models: before 0011 one without ``shipped`` (then only
        # what is missing is added), before 0037 one without ``definition``, before 0053 one
        # with ``shipped`` (a whole edited row is staff's) instead of ``shipped_fields``.
        model_fields = {field.name for field in definition_model._meta.fields}
        tracks_fields = "shipped_fields" in model_fields
        tracks_file = "shipped" in model_fields
        existing = {row.key: row for row in definitions_manager.all()}
        for index, record in enumerate(records):
            key = str(record["key"])
            group_key = str(record.get("group", ""))
            if group_key not in group_rows:
                raise ValueError(f"indicator {key}: unknown group {group_key!r}")
            fields = {
                name: value
                for name, value in definition_fields(record, (index + 1) * 10).items()
                if name in model_fields
            }
            shipped = content_fingerprint(fields, group_key)
            from_file = tracked_values(fields, group_key) if tracks_fields else {}
            fields["group_id"] = group_rows[group_key].pk
            if tracks_fields:
                fields["shipped_fields"] = from_file
            elif tracks_file:
                fields["shipped"] = shipped
            row = existing.get(key)
            if row is None:
                definitions_manager.create(key=key, **fields)
                created += 1
                continue
            if update:
                changed = list(fields)
            elif tracks_fields:
                own = tracked_values(vars(row), group_keys.get(row.group_id, ""))
                follow = [
                    name
                    for name in TRACKED_FIELDS
                    if own[name]
                    in (
                        row.shipped_fields.get(name, "" if name in _TRACKED_SINCE_ADDED else None),
                        from_file[name],
                    )
                ]
                fields["shipped_fields"] = {
                    **row.shipped_fields,
                    **{name: from_file[name] for name in follow},
                }
                changed = [
                    *("group_id" if name == "group" else name for name in follow),
                    "shipped_fields",
                ]
            elif tracks_file and row.shipped:
                current = content_fingerprint(vars(row), group_keys.get(row.group_id, ""))
                unedited = current == row.shipped != shipped
                changed = [*CONTENT_FIELDS, "group_id", "shipped"] if unedited else []
            else:
                changed = []
            changed = [name for name in changed if name in fields and getattr(row, name) != fields[name]]
            if changed:
                for name in changed:
                    setattr(row, name, fields[name])
                row.save(update_fields=changed)
            # A field that starts to follow the file is no change to the catalogue.
            if set(changed) - {"shipped_fields"}:
                updated += 1
            else:
                unchanged += 1
    return CatalogueSyncCounts(created=created, updated=updated, unchanged=unchanged)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value] if isinstance(value, list | tuple) else []
