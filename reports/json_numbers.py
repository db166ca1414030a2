"""Numbers as the JSON answers write them (the API and the compare exports alike).

Outside ``reports/indicators``: a change of output format is no change of the reading rules
(``reading_rules``), so it must not queue every report to be read again.
"""

from __future__ import annotations

from decimal import Decimal


def json_number(value: Decimal | None) -> int | float | None:
    """A stored decimal as a JSON number: 322, not "322.00000000"; 8461.36 stays 8461.36."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value.normalize())
