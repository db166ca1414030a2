"""Copy the division table into the ``Region`` model: one function for the migration and the command.

The model class is passed in, so the data migration can hand over its historical model and
this module never imports ``reports.models``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from .table import LEVELS, Division, read_divisions

_SYNCED_FIELDS = ("name", "level", "parent_id", "first_year", "last_year")


@dataclass(frozen=True)
class RegionSyncCounts:
    created: int
    updated: int
    unchanged: int


def sync_regions(
    region_model: Any,
    *,
    divisions: list[Division] | None = None,
    path: Path | str | None = None,
    using: str | None = None,
) -> RegionSyncCounts:
    """Create or update one ``Region`` per division code, parents before children.

    Idempotent: a second run changes nothing. Regions missing from the table are left alone,
    since agencies may point at them. Bulk queries keep a full load well under a second.
    """
    divisions = divisions if divisions is not None else read_divisions(path)
    manager = region_model._default_manager.db_manager(using)
    created = updated = unchanged = 0
    with transaction.atomic(using=manager.db):
        existing = {region.code: region for region in manager.all()}
        pk_by_code = {code: region.pk for code, region in existing.items()}
        for level in LEVELS:
            to_create, to_update = [], []
            for division in sorted((d for d in divisions if d.level == level), key=lambda d: d.code):
                parent_pk = pk_by_code.get(division.parent_code) if division.parent_code else None
                if division.parent_code and parent_pk is None:
                    raise ValueError(f"division {division.code}: parent {division.parent_code} is unknown")
                values = {
                    "name": division.name,
                    "level": division.level,
                    "parent_id": parent_pk,
                    "first_year": division.first_year,
                    "last_year": division.last_year,
                }
                region = existing.get(division.code)
                if region is None:
                    to_create.append(region_model(code=division.code, **values))
                elif any(getattr(region, field) != value for field, value in values.items()):
                    for field, value in values.items():
                        setattr(region, field, value)
                    to_update.append(region)
                else:
                    unchanged += 1
            # PostgreSQL returns the new primary keys, which the next level needs as parents.
            for region in manager.bulk_create(to_create, batch_size=1000):
                pk_by_code[region.code] = region.pk
            manager.bulk_update(to_update, _SYNCED_FIELDS, batch_size=1000)
            created += len(to_create)
            updated += len(to_update)
    return RegionSyncCounts(created=created, updated=updated, unchanged=unchanged)


def remove_regions(region_model: Any, *, path: Path | str | None = None, using: str | None = None) -> int:
    """Delete the regions the table lists, children first; returns how many were deleted."""
    codes = [division.code for division in read_divisions(path)]
    manager = region_model._default_manager.db_manager(using)
    deleted = 0
    with transaction.atomic(using=manager.db):
        for level in reversed(LEVELS):
            count, _ = manager.filter(code__in=codes, level=level).delete()
            deleted += count
    return deleted
