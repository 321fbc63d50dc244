"""Index definitions to and from XLSX, so a new year's methodology is loaded without code.

Sheet "Phương pháp": Chỉ số | Mã phương pháp | Tên | Từ năm | Đến năm | Căn cứ | Tổng tối đa | Cách tính tổng | Đã xác nhận | Ghi chú
Sheet "Thành phần": Mã phương pháp | Mã | Mã cha | Tên | Điểm tối đa | Thang đo | Trọng số | Cách chia | Đã xác nhận | Ghi chú
"Cách tính tổng" is "sum" or "given"; "Thang đo" is points, percent or 1-10; "Cách chia" is main or source;
"Đã xác nhận" is có/không. A parent must be listed before its children.
"""

import io

from django.db import transaction
from openpyxl import load_workbook

from chiso.core import exports

from ..models import Index, Methodology
from .definitions import load_methodology
from .importer import ImportRejected

METHOD_COLUMNS = [
    "Chỉ số",
    "Mã phương pháp",
    "Tên",
    "Từ năm",
    "Đến năm",
    "Căn cứ",
    "Tổng tối đa",
    "Cách tính tổng",
    "Đã xác nhận",
    "Ghi chú",
]
COMPONENT_COLUMNS = [
    "Mã phương pháp",
    "Mã",
    "Mã cha",
    "Tên",
    "Điểm tối đa",
    "Thang đo",
    "Trọng số",
    "Cách chia",
    "Đã xác nhận",
    "Ghi chú",
]
YES = {"có", "co", "x", "1", "true", "yes"}
NO = {"không", "khong", "0", "false", "no"}


def export_workbook():
    methods, comps = [], []
    for m in Methodology.objects.select_related("index").prefetch_related("components__parent"):
        methods.append(
            [
                m.index.code,
                m.code,
                m.name,
                m.year_from,
                m.year_to,
                m.legal_basis,
                m.total_max,
                m.total_rule,
                "có" if m.confirmed else "không",
                m.note,
            ]
        )
        for c in sorted(m.components.all(), key=lambda c: (c.level, c.position)):
            comps.append(
                [
                    m.code,
                    c.code,
                    c.parent.code if c.parent else "",
                    c.name,
                    c.max_points,
                    c.scale,
                    c.weight,
                    c.grain,
                    "có" if c.confirmed else "không",
                    c.note,
                ]
            )
    return exports.xlsx(
        exports.Sheet("Phương pháp", METHOD_COLUMNS, methods),
        exports.Sheet("Thành phần", COMPONENT_COLUMNS, comps),
    )


def _rows(wb, title, columns, filename, problems):
    if title not in wb.sheetnames:
        problems.append(f"Tệp {filename}: thiếu trang tính '{title}'.")
        return []
    rows = list(wb[title].iter_rows(values_only=True))
    header = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else [])]
    missing = [c for c in columns if c not in header]
    if missing:
        problems.append(f"Tệp {filename}, trang '{title}', dòng 1: thiếu cột {', '.join(missing)}.")
        return []
    out = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(v not in (None, "") for v in values):
            continue
        out.append((number, {c: values[header.index(c)] for c in columns}))
    return out


def _num(value, where, column, problems, integer=False, required=False):
    if value in (None, ""):
        if required:
            problems.append(f"{where}, cột '{column}': bắt buộc.")
        return None
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        problems.append(f"{where}, cột '{column}': '{value}' không phải là số.")
        return None
    if integer:
        if number != int(number):
            problems.append(f"{where}, cột '{column}': '{value}' phải là số nguyên.")
            return None
        return int(number)
    return number


def _flag(value, where, column, problems):
    text = str(value or "").strip().casefold()
    if text in YES or text == "":  # an empty cell means the figure comes from the decision itself
        return True
    if text in NO:
        return False
    problems.append(f"{where}, cột '{column}': ghi 'có' hoặc 'không'.")
    return True


def parse(content, filename):
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise ImportRejected([f"Tệp {filename}: không mở được tệp Excel."])
    problems = []
    methods = _rows(wb, "Phương pháp", METHOD_COLUMNS, filename, problems)
    comps = _rows(wb, "Thành phần", COMPONENT_COLUMNS, filename, problems)
    if problems:
        raise ImportRejected(problems)
    specs = {}
    indices = {i.code: i for i in Index.objects.all()}
    for number, row in methods:
        where = f"Tệp {filename}, trang 'Phương pháp', dòng {number}"
        index_code = str(row["Chỉ số"] or "").strip()
        code = str(row["Mã phương pháp"] or "").strip()
        if index_code not in indices:
            problems.append(f"{where}, cột 'Chỉ số': không có chỉ số '{index_code}'.")
        if not code:
            problems.append(f"{where}, cột 'Mã phương pháp': bắt buộc.")
            continue
        rule = str(row["Cách tính tổng"] or "given").strip()
        if rule not in ("sum", "given"):
            problems.append(f"{where}, cột 'Cách tính tổng': ghi 'sum' hoặc 'given'.")
        year_from = _num(row["Từ năm"], where, "Từ năm", problems, integer=True, required=True)
        year_to = _num(row["Đến năm"], where, "Đến năm", problems, integer=True)
        if year_from and year_to and year_to < year_from:
            problems.append(f"{where}, cột 'Đến năm': nhỏ hơn 'Từ năm'.")
        specs[code] = {
            "index": index_code,
            "spec": {
                "code": code,
                "name": str(row["Tên"] or code),
                "year_from": year_from,
                "year_to": year_to,
                "legal_basis": str(row["Căn cứ"] or ""),
                "total_max": _num(row["Tổng tối đa"], where, "Tổng tối đa", problems),
                "total_rule": rule,
                "confirmed": _flag(row["Đã xác nhận"], where, "Đã xác nhận", problems),
                "note": str(row["Ghi chú"] or ""),
                "components": [],
            },
            "_by_code": {},
        }
    for number, row in comps:
        where = f"Tệp {filename}, trang 'Thành phần', dòng {number}"
        mcode = str(row["Mã phương pháp"] or "").strip()
        code = str(row["Mã"] or "").strip()
        if mcode not in specs:
            problems.append(f"{where}, cột 'Mã phương pháp': '{mcode}' không có trong trang 'Phương pháp'.")
            continue
        if not code:
            problems.append(f"{where}, cột 'Mã': bắt buộc.")
            continue
        scale = str(row["Thang đo"] or "points").strip()
        if scale not in ("points", "percent", "1-10"):
            problems.append(f"{where}, cột 'Thang đo': ghi points, percent hoặc 1-10.")
        grain = str(row["Cách chia"] or "main").strip()
        if grain not in ("main", "source"):
            problems.append(f"{where}, cột 'Cách chia': ghi main hoặc source.")
        comp = {
            "code": code,
            "name": str(row["Tên"] or code),
            "max": _num(row["Điểm tối đa"], where, "Điểm tối đa", problems),
            "scale": scale,
            "weight": _num(row["Trọng số"], where, "Trọng số", problems),
            "grain": grain,
            "confirmed": _flag(row["Đã xác nhận"], where, "Đã xác nhận", problems),
            "note": str(row["Ghi chú"] or ""),
            "children": [],
        }
        by_code = specs[mcode]["_by_code"]
        if code in by_code:
            problems.append(f"{where}, cột 'Mã': '{code}' bị trùng.")
            continue
        parent = str(row["Mã cha"] or "").strip()
        if parent and parent not in by_code:
            problems.append(f"{where}, cột 'Mã cha': '{parent}' chưa có ở các dòng trên.")
            continue
        (by_code[parent]["children"] if parent else specs[mcode]["spec"]["components"]).append(comp)
        by_code[code] = comp
    if problems:
        raise ImportRejected(problems)
    return specs


@transaction.atomic
def import_workbook(content, filename):
    """Create or update the methodologies of the workbook. Returns [methodology codes]."""
    specs = parse(content, filename)
    indices = {i.code: i for i in Index.objects.all()}
    for item in specs.values():
        load_methodology(indices[item["index"]], item["spec"])
    return list(specs)
