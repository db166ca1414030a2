"""Organs of the central government: the level above the provinces, which has no place name.

Their names come from the vendored ``reports/data/central_organs.txt``. A report of 司法部 names
no place, so it is filed at the national level with no region; 国家税务总局北京市税务局 names a
central organ and then a place, so it is that place's branch and is not central.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .resolver import resolve_place

CENTRAL_ORGANS_FILE = Path(__file__).resolve().parent.parent / "data" / "central_organs.txt"
_STATE_PREFIX = "中华人民共和国"
# What an opening may say before its subject: its year ('2022年,司法部坚持…') and the leadership
# it works under ('2024年,在党中央、国务院的坚强领导下,海关总署…').
_OPENING_LEAD = re.compile(
    r"\s*(?:(?:19|20)\d{2}\s*年(?:度|以来)?\s*[,,]?\s*)?(?:在[^。;；]{0,60}?下\s*[,,]\s*)?"
)


@cache
def _central_organ_pattern() -> re.Pattern[str]:
    lines = CENTRAL_ORGANS_FILE.read_text(encoding="utf-8").splitlines()
    names = {line.split("#", 1)[0].strip() for line in lines} - {""}
    return re.compile("|".join(sorted(names, key=len, reverse=True)))


def central_organ_at(text: str) -> str | None:
    """The central organ whose name opens ``text`` (after an optional 中华人民共和国), unless a
    place follows it (then the organ is that place's branch)."""
    found = _central_organ_match(text)
    if found is None or resolve_place(text[found.end() :]).place is not None:
        return None
    return found.group(0)


def central_branch(name: str) -> tuple[str, str] | None:
    """(central organ, the rest) when ``name`` is a local branch of a central organ under
    vertical management: 国家税务总局北京市朝阳区税务局 → ('国家税务总局', '北京市朝阳区税务局')."""
    found = _central_organ_match(name)
    if found is None or resolve_place(name[found.end() :]).place is None:
        return None
    return found.group(0), name[found.end() :]


def without_state_prefix(name: str) -> str:
    """``name`` without the 中华人民共和国 that an office of the central government in a place
    may open its name with (中华人民共和国深圳海事局 is 深圳海事局); a central organ keeps it."""
    if name.startswith(_STATE_PREFIX) and _central_organ_match(name) is None:
        return name[len(_STATE_PREFIX) :]
    return name


def _central_organ_match(text: str) -> re.Match[str] | None:
    start = len(_STATE_PREFIX) if text.startswith(_STATE_PREFIX) else 0
    return _central_organ_pattern().match(text, start)


def central_organ_opening(text: str) -> str | None:
    """The central organ an opening paragraph names as its subject: '2022年,司法部坚持…'."""
    lead = _OPENING_LEAD.match(text)
    return central_organ_at(text[lead.end() if lead else 0 :])
