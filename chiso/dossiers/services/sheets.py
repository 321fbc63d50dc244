"""Two small XLSX imports: the procedure catalogue and a paper register (sổ theo dõi hồ sơ) to reconcile.

Both are validated whole and written in one transaction: a bad row rejects the file with its row number.
"""

from datetime import date, datetime

from django.db import transaction
from openpyxl import load_workbook

from chiso.core.audit import record

from ..models import OPEN, Dossier, Procedure
from .columns import DateReader, header_key
from .importer import ImportFailed, _err

LEVEL_WORDS = {
    "tỉnh": "tinh",
    "cấp tỉnh": "tinh",
    "huyện": "huyen",
    "cấp huyện": "huyen",
    "xã": "xa",
    "cấp xã": "xa",
}
ONLINE_WORDS = {
    "": "",
    "không": "",
    "toàn trình": "toan_trinh",
    "trực tuyến toàn trình": "toan_trinh",
    "một phần": "mot_phan",
    "trực tuyến một phần": "mot_phan",
    "2": "2",
    "3": "3",
    "4": "4",
    "mức độ 2": "2",
    "mức độ 3": "3",
    "mức độ 4": "4",
    "mức 2": "2",
    "mức 3": "3",
    "mức 4": "4",
}
CATALOGUE_COLUMNS = {
    "code": "Mã thủ tục",
    "name": "Tên thủ tục",
    "field": "Lĩnh vực",
    "level": "Cấp thực hiện",
    "days": "Thời hạn giải quyết",
    "online_level": "Mức độ trực tuyến",
    "fee": "Phí, lệ phí",
}
PAPER_COLUMNS = {"code": "Mã hồ sơ", "completed": "Ngày có kết quả"}


def _rows(path, file_name, columns, required):
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        raise ImportFailed([_err(file_name, None, None, "không đọc được tệp Excel (.xlsx)")])
    rows = book.worksheets[0].iter_rows(values_only=True)
    header = [header_key(h) for h in (next(rows, None) or [])]
    index = {}
    for field, title in columns.items():
        # "Thời hạn giải quyết (ngày làm việc)" and similar longer headers match by their start.
        found = [i for i, h in enumerate(header) if h == header_key(title) or h.startswith(header_key(title))]
        if not found and field in required:
            raise ImportFailed([_err(file_name, 1, title, f"thiếu cột bắt buộc “{title}”")])
        index[field] = found[0] if found else None
    for n, row in enumerate(rows, start=2):
        values = {f: (row[i] if i is not None and i < len(row) else None) for f, i in index.items()}
        if all(v in (None, "") for v in values.values()):
            continue
        yield n, values


def _text(v):
    return "" if v is None else str(v).strip()


@transaction.atomic
def import_catalogue(path, file_name="danh-muc.xlsx"):
    errors, parsed = [], []
    for n, v in _rows(path, file_name, CATALOGUE_COLUMNS, {"code", "name"}):
        try:
            code, name = _text(v["code"]), _text(v["name"])
            if not code or not name:
                raise ValueError("thiếu mã hoặc tên thủ tục")
            level = LEVEL_WORDS.get(_text(v["level"]).lower())
            if level is None:
                raise ValueError(f"cấp thực hiện “{v['level']}” không hợp lệ (tỉnh, huyện, xã)")
            online = ONLINE_WORDS.get(_text(v["online_level"]).lower())
            if online is None:
                raise ValueError(
                    f"mức độ trực tuyến “{v['online_level']}” không hợp lệ (Toàn trình, Một phần, Mức độ 2/3/4)"
                )
            days = int(float(_text(v["days"]))) if _text(v["days"]) else None
            fee = int(float(_text(v["fee"]).replace(".", "").replace(",", ""))) if _text(v["fee"]) else 0
        except ValueError as exc:
            message = (
                str(exc)
                if "could not convert" not in str(exc) and "invalid literal" not in str(exc)
                else "không phải số"
            )
            errors.append(_err(file_name, n, None, message))
            continue
        parsed.append(
            dict(
                code=code,
                name=name[:500],
                field=_text(v["field"])[:200],
                level=level,
                days=days,
                online_level=online,
                fee=fee,
            )
        )
    if errors:
        raise ImportFailed(errors)
    created = updated = 0
    for values in parsed:
        proc, was_created = Procedure.objects.update_or_create(code=values.pop("code"), defaults=values)
        created += was_created
        updated += not was_created
    return created, updated


@transaction.atomic
def reconcile_paper_register(path, user=None, file_name="so-theo-doi.xlsx"):
    """Mark dossiers the paper register shows as finished; returns those still open in the system."""
    reader, errors, entries = DateReader(), [], []
    for n, v in _rows(path, file_name, PAPER_COLUMNS, {"code", "completed"}):
        code = _text(v["code"])
        try:
            value = v["completed"]
            done, _minute = reader(value.date() if isinstance(value, datetime) else value)
        except ValueError as exc:
            errors.append(_err(file_name, n, PAPER_COLUMNS["completed"], str(exc)))
            continue
        if not code:
            errors.append(_err(file_name, n, PAPER_COLUMNS["code"], "thiếu mã hồ sơ"))
            continue
        entries.append((n, code, done))
    if errors:
        raise ImportFailed(errors)
    by_code = {
        d.code: d
        for d in Dossier.objects.filter(code__in=[c for _n, c, _d in entries]).select_related("agency")
    }
    gaps, unknown, consistent = [], [], 0
    for n, code, done in entries:
        dossier = by_code.get(code)
        if dossier is None:
            unknown.append((n, code))
            continue
        if done is None:
            continue
        paper_day = date.fromordinal(done)
        if dossier.outcome == OPEN:
            Dossier.objects.filter(pk=dossier.pk).update(paper_completed=paper_day, in_system=False)
            gaps.append((dossier, paper_day))
        else:
            consistent += 1
            if dossier.paper_completed != paper_day:
                Dossier.objects.filter(pk=dossier.pk).update(paper_completed=paper_day, in_system=True)
    if by_code:  # one audit entry for the whole register, attached to its first known dossier
        record(
            next(iter(by_code.values())),
            "action",
            {
                "tệp": file_name,
                "xong trên giấy, mở trên hệ thống": len(gaps),
                "không có trên hệ thống": len(unknown),
            },
            note=f"Đối chiếu sổ theo dõi hồ sơ giấy {file_name}",
        )
    return {"gaps": gaps, "unknown": unknown, "consistent": consistent}
