"""The registry as an XLSX workbook, so another province can load its own.

Sheets: "Co quan" (agencies), "Ke thua" (successions), "Nhom" (groups). Import is all or nothing:
every row is checked first, and any problem is reported with sheet, row and column.
"""

from datetime import date, datetime

from django.db import transaction
from openpyxl import load_workbook

from chiso.core import exports

from .models import KIND_CHOICES, Agency, AgencyGroup, Succession

AGENCY_SHEET, SUCCESSION_SHEET, GROUP_SHEET = "Co quan", "Ke thua", "Nhom"
AGENCY_COLUMNS = [
    "Mã",
    "Tên đầy đủ",
    "Tên ngắn",
    "Tên gọi khác (cách nhau bởi ;)",
    "Loại",
    "Mã đơn vị cấp trên",
    "Hoạt động từ (dd/mm/yyyy)",
    "Hoạt động đến (dd/mm/yyyy)",
    "Thư điện tử",
]
SUCCESSION_COLUMNS = ["Mã đơn vị cũ", "Mã đơn vị kế thừa", "Từ ngày (dd/mm/yyyy)", "Hình thức", "Ghi chú"]
GROUP_COLUMNS = [
    "Mã",
    "Tên nhóm",
    "Cách viết khác (cách nhau bởi ;)",
    "Loại cơ quan (cách nhau bởi ;)",
    "Thêm mã cơ quan (cách nhau bởi ;)",
]
KIND_BY_LABEL = {label.casefold(): code for code, label in KIND_CHOICES} | {
    code: code for code, _ in KIND_CHOICES
}
SUCCESSION_KINDS = {label.casefold(): code for code, label in Succession.KINDS} | {
    code: code for code, _ in Succession.KINDS
}
MAX_ROWS = 20000


class RegistryImportError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


def _fmt(day):
    return day.strftime("%d/%m/%Y") if day else ""


def _split(value):
    return [part.strip() for part in str(value or "").split(";") if part.strip()]


def export_workbook():
    """The registry as XLSX bytes (the format import_workbook reads back)."""
    kind_label = dict(KIND_CHOICES)
    agencies = [
        [
            a.code,
            a.name,
            a.short_name,
            "; ".join(a.aliases),
            kind_label[a.kind],
            a.parent.code if a.parent else "",
            _fmt(a.valid_from),
            _fmt(a.valid_to),
            a.email,
        ]
        for a in Agency.objects.select_related("parent").order_by("pk")
    ]
    successions = [
        [s.predecessor.code, s.successor.code, _fmt(s.date), s.get_kind_display(), s.note]
        for s in Succession.objects.select_related("predecessor", "successor")
    ]
    groups = [
        [
            g.code,
            g.name,
            "; ".join(g.aliases),
            "; ".join(kind_label.get(k, k) for k in g.kinds),
            "; ".join(m.code for m in g.members.all()),
        ]
        for g in AgencyGroup.objects.prefetch_related("members")
    ]
    return exports.xlsx(
        exports.Sheet(AGENCY_SHEET, AGENCY_COLUMNS, agencies),
        exports.Sheet(SUCCESSION_SHEET, SUCCESSION_COLUMNS, successions),
        exports.Sheet(GROUP_SHEET, GROUP_COLUMNS, groups),
    )


def _parse_date(value, where, problems):
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.strptime(str(value).strip(), "%d/%m/%Y").date()
    except ValueError:
        problems.append(f'{where}: ngày "{value}" không đúng dạng dd/mm/yyyy.')
        return None


def _rows(wb, sheet, columns, problems, filename, required=True):
    if sheet not in wb.sheetnames:
        if required:
            problems.append(f'{filename}: thiếu trang tính "{sheet}".')
        return []
    ws = wb[sheet]
    rows = ws.iter_rows(values_only=True)
    header = [str(v or "").strip() for v in next(rows, [])]
    if header[: len(columns)] != columns:
        problems.append(f'{filename}, trang "{sheet}", dòng 1: tiêu đề cột phải là: {", ".join(columns)}.')
        return []
    out = []
    for number, row in enumerate(rows, start=2):
        if number > MAX_ROWS:
            problems.append(f'{filename}, trang "{sheet}": quá {MAX_ROWS} dòng.')
            break
        values = list(row[: len(columns)]) + [None] * (len(columns) - len(row))
        if all(v in (None, "") for v in values):
            continue
        out.append((number, [v.strip() if isinstance(v, str) else v for v in values]))
    return out


def import_workbook(fileobj, filename="tệp"):
    """Create or update agencies, successions and groups; returns counts. Raises RegistryImportError."""
    problems = []
    try:
        wb = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not XLSX
        raise RegistryImportError(
            [f"{filename}: không đọc được tệp Excel (.xlsx). Hãy lưu lại tệp dưới dạng .xlsx."]
        )
    columns = "ABCDEFGHI"
    agencies, codes = [], set()
    for number, v in _rows(wb, AGENCY_SHEET, AGENCY_COLUMNS, problems, filename):

        def where(col, number=number):
            return f'{filename}, trang "{AGENCY_SHEET}", dòng {number}, cột {columns[col]} ({AGENCY_COLUMNS[col]})'

        code, name = str(v[0] or ""), str(v[1] or "")
        if not code:
            problems.append(f"{where(0)}: thiếu mã.")
        elif code in codes:
            problems.append(f'{where(0)}: mã "{code}" bị lặp trong tệp.')
        codes.add(code)
        if not name:
            problems.append(f"{where(1)}: thiếu tên cơ quan.")
        kind = KIND_BY_LABEL.get(str(v[4] or "").casefold())
        if not kind:
            problems.append(
                f'{where(4)}: loại "{v[4] or ""}" không hợp lệ; dùng một trong: {", ".join(l for _, l in KIND_CHOICES)}.'
            )
        start, end = _parse_date(v[6], where(6), problems), _parse_date(v[7], where(7), problems)
        if start and end and end < start:
            problems.append(f"{where(7)}: ngày kết thúc trước ngày bắt đầu.")
        agencies.append(
            dict(
                row=number,
                code=code,
                name=name,
                short_name=str(v[2] or ""),
                aliases=_split(v[3]),
                kind=kind,
                parent=str(v[5] or ""),
                valid_from=start,
                valid_to=end,
                email=str(v[8] or ""),
            )
        )
    known = codes | set(Agency.objects.values_list("code", flat=True))
    for a in agencies:
        if a["parent"] and a["parent"] not in known:
            problems.append(
                f'{filename}, trang "{AGENCY_SHEET}", dòng {a["row"]}, cột F: không có đơn vị cấp trên mã "{a["parent"]}".'
            )
    successions = []
    for number, v in _rows(wb, SUCCESSION_SHEET, SUCCESSION_COLUMNS, problems, filename, required=False):
        where = f'{filename}, trang "{SUCCESSION_SHEET}", dòng {number}'
        for col in (0, 1):
            if str(v[col] or "") not in known:
                problems.append(f'{where}, cột {"AB"[col]}: không có cơ quan mã "{v[col] or ""}".')
        day = _parse_date(v[2], f"{where}, cột C", problems)
        if day is None and not any(p.startswith(f"{where}, cột C") for p in problems):
            problems.append(f"{where}, cột C: thiếu ngày.")
        kind = SUCCESSION_KINDS.get(str(v[3] or "merge").casefold())
        if not kind:
            problems.append(f'{where}, cột D: hình thức "{v[3]}" không hợp lệ.')
        successions.append(
            dict(pred=str(v[0] or ""), succ=str(v[1] or ""), date=day, kind=kind, note=str(v[4] or ""))
        )
    groups = []
    for number, v in _rows(wb, GROUP_SHEET, GROUP_COLUMNS, problems, filename, required=False):
        where = f'{filename}, trang "{GROUP_SHEET}", dòng {number}'
        kinds = []
        for label in _split(v[3]):
            if label.casefold() not in KIND_BY_LABEL:
                problems.append(f'{where}, cột D: loại "{label}" không hợp lệ.')
            else:
                kinds.append(KIND_BY_LABEL[label.casefold()])
        members = _split(v[4])
        for code in members:
            if code not in known:
                problems.append(f'{where}, cột E: không có cơ quan mã "{code}".')
        if not v[0] or not v[1]:
            problems.append(f"{where}: thiếu mã hoặc tên nhóm.")
        groups.append(
            dict(
                code=str(v[0] or ""), name=str(v[1] or ""), aliases=_split(v[2]), kinds=kinds, members=members
            )
        )
    wb.close()
    if problems:
        raise RegistryImportError(problems)
    if not agencies and not successions and not groups:
        raise RegistryImportError([f"{filename}: tệp không có dòng dữ liệu nào."])

    with transaction.atomic():
        counts = {"agencies_created": 0, "agencies_updated": 0, "successions": 0, "groups": 0}
        for a in agencies:
            fields = {
                k: a[k] for k in ("name", "short_name", "aliases", "kind", "valid_from", "valid_to", "email")
            }
            obj, created = Agency.objects.get_or_create(code=a["code"], defaults=fields)
            if not created:
                changed = [k for k, value in fields.items() if getattr(obj, k) != value]
                for k in changed:
                    setattr(obj, k, fields[k])
                if changed:
                    obj.save()
                    counts["agencies_updated"] += 1
            else:
                counts["agencies_created"] += 1
        by_code = {a.code: a for a in Agency.objects.all()}
        for a in agencies:
            obj = by_code[a["code"]]
            parent = by_code.get(a["parent"]) if a["parent"] else None
            if obj.parent_id != (parent.pk if parent else None):
                obj.parent = parent
                obj.save()
        for s in successions:
            _, created = Succession.objects.get_or_create(
                predecessor=by_code[s["pred"]],
                successor=by_code[s["succ"]],
                date=s["date"],
                defaults={"kind": s["kind"], "note": s["note"]},
            )
            counts["successions"] += created
        for g in groups:
            obj, _ = AgencyGroup.objects.update_or_create(
                code=g["code"], defaults={"name": g["name"], "aliases": g["aliases"], "kinds": g["kinds"]}
            )
            obj.members.set([by_code[c] for c in g["members"]])
            counts["groups"] += 1
    return counts
