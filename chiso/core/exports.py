"""The one writer of spreadsheets (XLSX and CSV) that leave chiso.

Every export of every app goes through here so that the same protections hold everywhere:

- text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
  return, OWASP "CSV injection") is written as plain text: in XLSX as a typed string cell with
  Excel's "quote prefix" (shown exactly as written, never evaluated); in CSV with a leading
  apostrophe, the only neutral form a CSV has;
- characters XML 1.0 forbids (NUL and the other C0 controls but tab/newline) are removed, so one
  bad answer cannot make an export fail with IllegalCharacterError for ever;
- text is cut at Excel's cell limit (32,767 characters) with a visible mark;
- the header row is bold and frozen, and columns get widths that fit their content.

`xlsx(Sheet(...), ...)` and `csv_bytes(header, rows)` return bytes; `download(...)` wraps them
in an attachment response.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

MAX_CELL = 32767  # Excel's limit on the characters of one cell
CUT_MARK = " …[đã cắt bớt]"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 allows tab, LF, CR and everything from 0x20; openpyxl raises on the rest.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_WIDTH_SAMPLE = 200

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def clean_text(value):
    """Text safe to put in a cell: no illegal characters, not longer than a cell holds."""
    text = _ILLEGAL.sub("", str(value))
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - len(CUT_MARK)] + CUT_MARK
    return text


def looks_like_formula(text):
    return isinstance(text, str) and text.startswith(FORMULA_STARTS)


def csv_value(value):
    """One CSV field: dates as dd/mm/yyyy, text cleaned and neutralised with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    text = clean_text(value)
    return "'" + text if looks_like_formula(text) else text


def csv_bytes(header, rows):
    """UTF-8 CSV with a BOM (so Excel reads Vietnamese correctly) and neutralised cells."""
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow([csv_value(v) for v in header])
    for row in rows:
        writer.writerow([csv_value(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@dataclass
class Sheet:
    """One worksheet: optional title lines above a bold, frozen header, then the rows.

    widths: characters per column (None: fitted to the header and the first rows);
    wrap: indexes of columns whose text wraps (long task texts).
    """

    name: str
    header: Sequence
    rows: Iterable[Sequence] = ()
    title_rows: Sequence[Sequence] = ()
    widths: Sequence[float] | None = None
    wrap: Sequence[int] = field(default_factory=tuple)


def sheet_name(name, taken=()):
    base = _SHEET_NAME_BAD.sub("-", clean_text(name)).strip("'") or "Trang"
    base = base[:31]
    candidate, n = base, 1
    while candidate.lower() in {t.lower() for t in taken}:
        n += 1
        candidate = f"{base[: 31 - len(str(n)) - 1]}-{n}"
    return candidate


def _fitted_widths(header, sample):
    widths = []
    for col in range(max([len(header), *[len(r) for r in sample]] or [0])):
        values = [header[col] if col < len(header) else ""] + [r[col] if col < len(r) else "" for r in sample]
        longest = max(len(csv_value(v)) for v in values)
        widths.append(min(max(longest + 2, 8), 60))
    return widths


def _cell(ws, value, *, bold=False, wrap=False):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    if isinstance(value, str):
        value = clean_text(value)
    elif isinstance(value, bool):
        value = "Có" if value else "Không"
    elif value is not None and not isinstance(value, (int, float, Decimal, datetime.date)):
        value = clean_text(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        # Always a string cell: openpyxl would otherwise store "=…" as a formula.
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    if isinstance(value, datetime.datetime):
        cell.number_format = "DD/MM/YYYY HH:MM"
    elif isinstance(value, datetime.date):
        cell.number_format = "DD/MM/YYYY"
    if bold:
        cell.font = Font(bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _naive(value):
    # Excel has no time zones: local wall-clock time is what the reader expects.
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)
    return value


def xlsx(*sheets):
    """An XLSX workbook (bytes) of the given sheets, written in streaming mode."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    taken = []
    for spec in sheets:
        name = sheet_name(spec.name, taken)
        taken.append(name)
        ws = book.create_sheet(name)
        rows = iter(spec.rows)
        sample = []
        for row in rows:
            sample.append(list(row))
            if len(sample) >= _WIDTH_SAMPLE:
                break
        widths = list(spec.widths) if spec.widths else _fitted_widths(list(spec.header), sample)
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        header_row = len(spec.title_rows) + 1
        if spec.header:
            ws.freeze_panes = f"A{header_row + 1}"
        for line in spec.title_rows:
            ws.append([_cell(ws, v, bold=True) for v in line])
        if spec.header:
            ws.append([_cell(ws, v, bold=True) for v in spec.header])
        wrap = set(spec.wrap)
        for source in (sample, rows):
            for row in source:
                ws.append([_cell(ws, _naive(v), wrap=i in wrap) for i, v in enumerate(row)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(data, filename):
    """An attachment response for bytes made by xlsx() or csv_bytes(), typed by the file name."""
    from django.http import HttpResponse

    content_type = XLSX_TYPE if filename.lower().endswith(".xlsx") else CSV_TYPE
    response = HttpResponse(data, content_type=content_type)
    from django.utils.http import content_disposition_header

    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response
