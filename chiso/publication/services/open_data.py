"""Open data files: CSV a spreadsheet opens safely, JSON a program reads.

Numbers keep a decimal point in these files (machine-readable open data); the pages show a decimal
comma. A text cell that a spreadsheet would take for a formula gets a leading apostrophe.
"""

import csv
import io
import json
from datetime import date, datetime

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        value = "".join(ch for ch in value if ch in "\t\n" or ord(ch) >= 32)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def to_csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM so Excel reads Vietnamese correctly


def _default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not serialisable: {type(value).__name__}")


def to_json(payload):
    return json.dumps(payload, ensure_ascii=False, indent=1, default=_default).encode("utf-8")
