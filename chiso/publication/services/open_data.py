"""Open data files: CSV a spreadsheet opens safely, JSON a program reads.

Numbers keep a decimal point in these files (machine-readable open data); the pages show a decimal
comma. A text cell that a spreadsheet would take for a formula gets a leading apostrophe.
"""

import json
from datetime import date, datetime

from chiso.core import exports


def _iso(value):
    # Open data keeps ISO dates (machine-readable); the shared writer does the rest.
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def to_csv(header, rows):
    """CSV through the one export writer (formulas neutralised, illegal characters removed)."""
    return exports.csv_bytes(header, ([_iso(v) for v in row] for row in rows))


def _default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not serialisable: {type(value).__name__}")


def to_json(payload):
    return json.dumps(payload, ensure_ascii=False, indent=1, default=_default).encode("utf-8")
