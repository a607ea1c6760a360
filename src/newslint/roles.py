"""Roles (offices held, with dates) of dictionary people: validation and date logic."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
ROLE_KEYS = {"title", "of", "from", "to", "acting", "uncertain", "note"}


def parse_partial_date(value: Any, end: bool = False) -> date | None:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; `end` picks the last day of a partial period."""
    if isinstance(value, date):
        return value
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    m = _PARTIAL_DATE.match(value.strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else (12 if end else 1)
    if m.group(3):
        day = int(m.group(3))
    elif end:
        day = 31 if month == 12 else (date(year, month + 1, 1) - date(year, month, 1)).days
    else:
        day = 1
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shown(value: Any) -> str:
    """A short description of a bad value for an error message (never a huge repr)."""
    if isinstance(value, (str, int, float)):
        text = repr(value)
        return text if len(text) <= 60 else text[:57] + "..."
    return f"a {type(value).__name__}"


def validate_role(role: dict[str, Any]) -> str | None:
    """A message when a role mapping is malformed, else None."""
    for key in role:
        if key not in ROLE_KEYS:
            return f"unknown role key '{key}'"
    if not isinstance(role.get("title"), str):
        return "a role needs a string 'title'"
    for key in ("from", "to"):
        if key in role and role[key] is not None and parse_partial_date(role[key]) is None:
            return f"role '{key}' must be a date YYYY, YYYY-MM or YYYY-MM-DD (got {_shown(role[key])})"
    for key in ("acting", "uncertain"):
        if key in role and not isinstance(role[key], bool):
            return f"role '{key}' must be true or false"
    start, end = parse_partial_date(role.get("from")), parse_partial_date(role.get("to"), end=True)
    if start is not None and end is not None and end < start:
        return f"role 'to' ({end.isoformat()}) is before 'from' ({start.isoformat()})"
    return None


def role_covers(role: dict[str, Any], when: date) -> bool:
    """Whether the role was held on `when` (an open start or end counts as held)."""
    start = parse_partial_date(role.get("from")) if role.get("from") is not None else None
    end = parse_partial_date(role.get("to"), end=True) if role.get("to") is not None else None
    return (start is None or start <= when) and (end is None or when <= end)


def role_ended_before(role: dict[str, Any], when: date) -> bool:
    """Whether the role has an end date before `when`."""
    end = parse_partial_date(role.get("to"), end=True) if role.get("to") is not None else None
    return end is not None and end < when


def role_current(role: dict[str, Any], when: date | None) -> bool:
    """Held on `when`; without a date, a role with no end (held as of the dictionary's date)."""
    return role.get("to") is None if when is None else role_covers(role, when)
