"""XLSForm import (the format of KoboToolbox and ODK), through pyxform.

pyxform checks the workbook as ODK would; we also read the survey sheet ourselves so every problem
names its sheet and row, and so an optional `element` column (our extension) can tag 1–5 questions
with the element they measure. A select_one whose choices are exactly 1..5 becomes a 1–5 scale.
"""

import re
from pathlib import Path

from django.db import transaction
from openpyxl import load_workbook

from chiso.core import audit

from ..models import MULTIPLE, NUMBER, SCALE, SINGLE, TEXT, Questionnaire
from . import builtin

IGNORED = {
    "calculate",
    "start",
    "end",
    "today",
    "deviceid",
    "phonenumber",
    "username",
    "email",
    "simserial",
    "subscriberid",
    "audit",
    "hidden",
    "start-geopoint",
    "note",
    "acknowledge",
}
UNSUPPORTED = {
    "geopoint",
    "geotrace",
    "geoshape",
    "image",
    "audio",
    "video",
    "file",
    "barcode",
    "date",
    "time",
    "datetime",
    "rank",
    "range",
    "background-audio",
    "select_one_from_file",
    "select_multiple_from_file",
}
GROUP_TYPES = {
    "begin_group",
    "begin group",
    "end_group",
    "end group",
    "begin_repeat",
    "begin repeat",
    "end_repeat",
    "end repeat",
}
KNOWN = {"select_one", "select one", "select_multiple", "select multiple", "integer", "decimal", "text"}

RELEVANT_PATTERNS = [
    (re.compile(r"^\$\{(\w+)\}\s*=\s*'([^']*)'$"), "eq"),
    (re.compile(r"^\$\{(\w+)\}\s*!=\s*'([^']*)'$"), "ne"),
    (re.compile(r"^selected\(\s*\$\{(\w+)\}\s*,\s*'([^']*)'\s*\)$"), "selected"),
    (re.compile(r"^\$\{(\w+)\}\s*>=\s*(-?[\d.]+)$"), "gte"),
    (re.compile(r"^\$\{(\w+)\}\s*<=\s*(-?[\d.]+)$"), "lte"),
]


class XLSFormError(Exception):
    pass


def _sheet(book, name):
    for sheet in book.worksheets:
        if sheet.title.strip().lower() == name:
            return sheet
    return None


def _rows(sheet):
    """(row number, {header: value}) for the non-empty rows below the header."""
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        return [], []
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    out = []
    for number, values in enumerate(rows[1:], 2):
        record = {h: ("" if v is None else str(v).strip()) for h, v in zip(header, values) if h}
        if any(record.values()):
            out.append((number, record))
    return header, out


def _label(record, prefix="label"):
    candidates = [(k, v) for k, v in record.items() if (k == prefix or k.startswith(prefix + "::")) and v]
    for key, value in candidates:
        if "vi" in key.lower() or "việt" in key.lower():
            return value
    return candidates[0][1] if candidates else ""


def _relevant(expression):
    expression = (expression or "").strip()
    if not expression:
        return {}, None
    for pattern, op in RELEVANT_PATTERNS:
        match = pattern.match(expression)
        if match:
            value = match.group(2)
            return {
                "q": match.group(1),
                "op": op,
                "value": float(value) if op in ("gte", "lte") else value,
            }, None
    return {}, expression


def check(path):
    """Read and check the workbook; returns (title, form_id, sections, warnings) or raises XLSFormError."""
    name = Path(path).name
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        raise XLSFormError(f"{name}: không đọc được tệp Excel (.xlsx).")
    survey = _sheet(book, "survey")
    if survey is None:
        raise XLSFormError(f"{name}: thiếu trang “survey” (XLSForm cần các trang survey, choices, settings).")
    header, rows = _rows(survey)
    for column in ("type", "name"):
        if column not in header:
            raise XLSFormError(f"{name}, trang “survey”, dòng 1: thiếu cột “{column}”.")
    choices_sheet = _sheet(book, "choices")
    lists = {}
    if choices_sheet is not None:
        c_header, c_rows = _rows(choices_sheet)
        if "list_name" not in c_header or "name" not in c_header:
            raise XLSFormError(f"{name}, trang “choices”, dòng 1: cần các cột “list_name” và “name”.")
        for number, record in c_rows:
            if not record.get("list_name") or not record.get("name"):
                raise XLSFormError(f"{name}, trang “choices”, dòng {number}: thiếu list_name hoặc name.")
            options = lists.setdefault(record["list_name"], [])
            if any(o["value"] == record["name"] for o in options):
                raise XLSFormError(
                    f"{name}, trang “choices”, dòng {number}: phương án “{record['name']}” lặp lại trong danh sách “{record['list_name']}”."
                )
            options.append({"value": record["name"], "label": _label(record) or record["name"]})
    settings = _sheet(book, "settings")
    title = form_id = ""
    if settings is not None:
        _, s_rows = _rows(settings)
        if s_rows:
            title, form_id = s_rows[0][1].get("form_title", ""), s_rows[0][1].get("form_id", "")

    sections, warnings, depth, names = [{"title": "Phần chung", "items": []}], [], 0, set()
    for number, record in rows:
        where = f"{name}, trang “survey”, dòng {number}"
        kind = record.get("type", "").strip()
        base = re.split(r"\s+", kind)[0] if kind else ""
        if not kind:
            raise XLSFormError(f"{where}: thiếu kiểu câu hỏi (cột type).")
        if kind.replace(" ", "_") in {t.replace(" ", "_") for t in GROUP_TYPES}:
            if kind.startswith("begin"):
                depth += 1
                sections.append({"title": _label(record) or record.get("name", ""), "items": []})
            else:
                depth -= 1
                if depth < 0:
                    raise XLSFormError(f"{where}: “{kind}” không có “begin_group” tương ứng.")
            continue
        if base in IGNORED:
            continue
        if base in UNSUPPORTED:
            warnings.append(
                f"{where}: kiểu “{base}” chưa được hỗ trợ, câu “{record.get('name', '')}” bị bỏ qua."
            )
            continue
        multiword = " ".join(kind.split()[:2])
        if base not in KNOWN and multiword not in KNOWN:
            raise XLSFormError(f"{where}: kiểu câu hỏi “{kind}” không hợp lệ.")
        code = record.get("name", "")
        if not re.fullmatch(r"[A-Za-z_][\w.-]*", code or ""):
            raise XLSFormError(f"{where}: tên câu hỏi (cột name) “{code}” trống hoặc có ký tự không hợp lệ.")
        if code in names:
            raise XLSFormError(f"{where}: tên câu hỏi “{code}” bị trùng.")
        names.add(code)
        label = _label(record)
        if not label:
            raise XLSFormError(f"{where}: câu “{code}” thiếu nội dung (cột label).")
        item = {
            "code": code[:80],
            "text": label,
            "hint": _label(record, "hint")[:300],
            "required": record.get("required", "").lower() in ("yes", "true", "true()", "1", "có"),
            "element": record.get("element", "")[:40],
        }
        relevant, unreadable = _relevant(record.get("relevant"))
        if unreadable:
            warnings.append(f"{where}: điều kiện “{unreadable}” chưa hiểu được; câu hỏi luôn hiển thị.")
        item["relevant"] = relevant
        if base.startswith("select") or multiword.startswith("select"):
            parts = (
                kind.replace("select one", "select_one").replace("select multiple", "select_multiple").split()
            )
            if len(parts) < 2:
                raise XLSFormError(f"{where}: “{kind}” thiếu tên danh sách phương án (vd: select_one yn).")
            list_name = parts[1]
            if list_name not in lists:
                raise XLSFormError(
                    f"{where}: danh sách phương án “{list_name}” không có trong trang “choices”."
                )
            options = lists[list_name]
            if parts[0] == "select_multiple":
                item.update(kind=MULTIPLE, choices=options)
            elif sorted(o["value"] for o in options) == ["1", "2", "3", "4", "5"]:
                item.update(kind=SCALE, choices=sorted(options, key=lambda o: o["value"]))
            else:
                item.update(kind=SINGLE, choices=options)
        elif base in ("integer", "decimal"):
            item["kind"] = NUMBER
        else:
            item["kind"] = TEXT
        sections[-1]["items"].append(item)
    if depth > 0:
        raise XLSFormError(f"{name}, trang “survey”: có “begin_group” chưa được đóng bằng “end_group”.")
    _pyxform_check(path, name)
    sections = [s for s in sections if s["items"]]
    if not sections:
        raise XLSFormError(f"{name}, trang “survey”: không có câu hỏi nào dùng được.")
    return title, form_id, sections, warnings


def _pyxform_check(path, name):
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import parse_file_to_json

    try:
        parse_file_to_json(str(path))
    except PyXFormError as exc:
        text = str(exc)
        match = re.search(r"\[row\s*:\s*(\d+)\]", text)
        sheet = "choices" if "choices" in text.lower() and "not in choices" not in text.lower() else "survey"
        where = f"trang “{sheet}”, dòng {match.group(1)}" if match else f"trang “{sheet}”"
        detail = re.sub(r"^\[row\s*:\s*\d+\]\s*", "", text)
        raise XLSFormError(f"{name}, {where}: {detail}")


@transaction.atomic
def import_xlsform(path, code=None):
    title, form_id, sections, warnings = check(path)
    code = (code or form_id or Path(path).stem).lower().replace("_", "-")[:80]
    if Questionnaire.objects.filter(code=code).exists():
        raise XLSFormError(f"Đã có phiếu mã “{code}”; dùng --code để đặt mã khác.")
    elements = {}
    for section in sections:
        for item in section["items"]:
            if item["element"]:
                elements.setdefault(item["element"], item["element"])
    spec = {
        "code": code,
        "title": title or Path(path).stem,
        "kind": Questionnaire.CUSTOM,
        "elements": elements,
        "source": f"XLSForm {Path(path).name}",
        "sections": [(s["title"], "", s["items"]) for s in sections],
    }
    questionnaire = builtin.build(spec)
    audit.record(questionnaire, "action", {"warnings": warnings}, f"Nhập từ XLSForm {Path(path).name}")
    questionnaire.import_warnings = warnings
    return questionnaire
