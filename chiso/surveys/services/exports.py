"""Raw anonymous answers (XLSX, CSV): random sheet ids, day-level dates, rows in random-id order."""

import csv
import io

from openpyxl import Workbook

from ..models import MULTIPLE
from .paper import columns


def table(wave):
    cols = [c for c, _ in columns(wave.questionnaire) if c not in ("so_phieu", "co_quan")]
    multiple = {q.code for q in wave.questionnaire.questions() if q.kind == MULTIPLE}
    header = ["ma_phieu", "ngay_nhan", "kenh", "co_quan", "nhom"] + cols
    rows = []
    for r in wave.responses.select_related("agency").order_by("id"):
        line = [
            str(r.id)[:8],
            r.submitted_on.strftime("%d/%m/%Y"),
            r.get_channel_display(),
            r.agency.code if r.agency else "",
            r.group,
        ]
        for c in cols:
            v = r.answers.get(c)
            line.append(", ".join(v) if c in multiple and isinstance(v, list) else ("" if v is None else v))
        rows.append(line)
    return header, rows


def to_csv(wave):
    header, rows = table(wave)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM so Excel reads Vietnamese correctly


def to_xlsx(wave):
    header, rows = table(wave)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("tra_loi")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
