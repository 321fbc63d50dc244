"""Paper answers: an XLSX template with one column per answer code, imported atomically.

Row 1 holds the codes the importer reads, row 2 the question text for the clerk; sheets start at
row 3. The paper form number (so_phieu) makes re-importing the same file a no-op.
"""

import io

from django.db import transaction
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from chiso.core import audit, exports
from chiso.registry.models import Agency

from ..models import MATRIX, MULTIPLE, SKIPPED, Response
from .answers import clean
from .distribution import SurveyClosed, today

FIXED = [("so_phieu", "Số phiếu (ghi trên phiếu giấy, không trùng)"), ("co_quan", "Mã cơ quan được đánh giá")]


class PaperImportError(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


def columns(questionnaire):
    cols = list(FIXED)
    # an imported form's skipped questions and repeats have no column on a one-row-per-sheet template
    for q in questionnaire.questions().exclude(kind=SKIPPED).filter(repeat=""):
        if q.kind == MATRIX:
            cols += [(row["code"], f"{q.text} – {row['label']} (1–5)") for row in q.rows]
        elif q.kind == MULTIPLE:
            cols.append(
                (
                    q.code,
                    f"{q.text} (các mã cách nhau bởi dấu phẩy: {', '.join(c['value'] for c in q.choices)})",
                )
            )
        elif q.choices:
            cols.append((q.code, f"{q.text} ({'; '.join(c['value'] + '=' + c['label'] for c in q.choices)})"))
        else:
            cols.append((q.code, q.text))
    return cols


def template(wave):
    """Row 1: the codes the importer reads; row 2 (frozen): the question text for the clerk."""
    cols = columns(wave.questionnaire)
    return exports.xlsx(
        exports.Sheet(
            "phieu",
            header=[label for _, label in cols],
            title_rows=[[code for code, _ in cols]],
            widths=[18] * len(cols),
        )
    )


def import_file(wave, data, filename="phieu.xlsx"):
    """Returns (created, skipped). Raises PaperImportError listing every bad cell; nothing is saved then."""
    if not wave.accepting:
        raise SurveyClosed("Đợt khảo sát đã đóng, không nhận thêm phiếu giấy.")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise PaperImportError([f"{filename}: không đọc được tệp Excel (.xlsx)."])
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise PaperImportError([f"{filename}: trang “{sheet.title}” trống."])
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    if "so_phieu" not in header:
        raise PaperImportError(
            [f"{filename}, trang “{sheet.title}”, dòng 1: thiếu cột “so_phieu” (hãy dùng tệp mẫu)."]
        )
    questions = list(wave.questionnaire.questions())
    known = {code for code, _ in columns(wave.questionnaire)}
    unknown = [h for h in header if h and h not in known]
    errors = [f"{filename}, trang “{sheet.title}”, dòng 1: cột “{h}” không có trong phiếu." for h in unknown]
    agencies = {a.code: a for a in Agency.objects.all()}
    existing = set(wave.responses.exclude(paper_ref=None).values_list("paper_ref", flat=True))
    new, seen, skipped = [], set(), 0
    for number, values in enumerate(rows[2:], 3):
        raw = {
            h: (
                ""
                if v is None
                else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)).strip()
            )
            for h, v in zip(header, values)
            if h
        }
        if not any(raw.values()):
            continue
        ref = raw.pop("so_phieu", "")
        where = f"{filename}, trang “{sheet.title}”, dòng {number}"
        if not ref:
            errors.append(f"{where}, cột so_phieu: thiếu số phiếu.")
            continue
        if ref in existing:
            skipped += 1
            continue
        if ref in seen:
            errors.append(f"{where}, cột so_phieu: số phiếu “{ref}” lặp lại trong tệp.")
            continue
        seen.add(ref)
        agency_code = raw.pop("co_quan", "")
        agency = agencies.get(agency_code) if agency_code else None
        if agency_code and agency is None:
            errors.append(f"{where}, cột co_quan: không có cơ quan mã “{agency_code}”.")
        answers, problems = clean(questions, raw)
        for code, message in problems.items():
            column = header.index(code) + 1 if code in header else None
            errors.append(
                f"{where}, cột {get_column_letter(column) + ' (' + code + ')' if column else code}: {message}"
            )
        new.append(
            Response(
                wave=wave,
                agency=agency,
                channel=Response.PAPER,
                submitted_on=today(),
                answers=answers,
                paper_ref=ref,
            )
        )
    if errors:
        raise PaperImportError(errors)
    with transaction.atomic():
        Response.objects.bulk_create(new)
        audit.record(
            wave,
            "action",
            {"paper_responses": len(new), "skipped": skipped},
            f"Nhập {len(new)} phiếu giấy từ {filename}",
        )
    return len(new), skipped
