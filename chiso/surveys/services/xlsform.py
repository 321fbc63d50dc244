"""XLSForm import (the format of KoboToolbox and ODK), read by pyxform itself.

pyxform decides what a valid form is, so every form it accepts is accepted here, in every spelling
it accepts (`list name`, upper-case headers, `label:English (en)`, `dateTime`, `select_one_external`…).
What we keep of a form:
- the XForm pyxform makes of it, which ODK Web Forms runs in the browser (all of the form's logic);
- one Question row per data node (our results, exports, paper import and the XLSForm export read
  those), with its XForm path, the repeat it sits in and the XLSForm type as written;
- every warning, pyxform's and ours, shown on the page and printed by the command.

Questions with no meaning on an anonymous web survey (location, media, device identifiers, precise
start/end times that could link an answer to an invitation) are kept as *skipped* questions: the
XForm marks them not relevant so the engine never asks them, and a warning names each one.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from lxml import etree
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from chiso.core import audit

from ..models import MULTIPLE, NUMBER, SCALE, SINGLE, SKIPPED, TEXT, Question, Questionnaire, Section

XF = "http://www.w3.org/2002/xforms"
JR = "http://openrosa.org/javarosa"

# XLSForm type (as pyxform normalises it) → why it is skipped on a public web survey
SKIP_REASONS = {
    "geopoint": "vị trí GPS không thu trên phiếu ẩn danh",
    "geotrace": "vị trí GPS không thu trên phiếu ẩn danh",
    "geoshape": "vị trí GPS không thu trên phiếu ẩn danh",
    "start-geopoint": "vị trí GPS không thu trên phiếu ẩn danh",
    "image": "phiếu công khai không nhận tệp tải lên",
    "photo": "phiếu công khai không nhận tệp tải lên",
    "osm": "bản đồ OpenStreetMap cần tệp đính kèm và ứng dụng ODK Collect",
    "audio": "phiếu công khai không nhận tệp tải lên",
    "video": "phiếu công khai không nhận tệp tải lên",
    "file": "phiếu công khai không nhận tệp tải lên",
    "background-audio": "không ghi âm người trả lời",
    "audit": "không ghi nhật ký thao tác của người trả lời",
    "barcode": "trình duyệt không quét mã vạch",
    "deviceid": "không thu mã thiết bị trên phiếu ẩn danh",
    "subscriberid": "không thu mã thuê bao trên phiếu ẩn danh",
    "simserial": "không thu số SIM trên phiếu ẩn danh",
    "phonenumber": "không thu số điện thoại của thiết bị trên phiếu ẩn danh",
    "username": "người trả lời không đăng nhập",
    "email": "không thu thư điện tử của thiết bị trên phiếu ẩn danh",
    "start": "giờ bắt đầu chính xác có thể làm lộ người trả lời (chỉ lưu ngày nhận phiếu)",
    "end": "giờ kết thúc chính xác có thể làm lộ người trả lời (chỉ lưu ngày nhận phiếu)",
    "select one external": "danh sách phương án nằm trong tệp ngoài (itemsets.csv) không kèm theo",
    "select_one_from_file": "danh sách phương án nằm trong tệp đính kèm không kèm theo",
    "select_multiple_from_file": "danh sách phương án nằm trong tệp đính kèm không kèm theo",
}
NUMBER_TYPES = {"integer", "decimal", "range", "int"}
NOT_DATA = {"note"}  # shown by the engine, no answer
MAX_BYTES = 10 * 1024 * 1024


class XLSFormError(Exception):
    pass


@dataclass
class Form:
    title: str
    form_id: str
    default_language: str
    xform: str
    sections: list = field(default_factory=list)  # [(title, [question dict])]
    warnings: list = field(default_factory=list)


def _text(label, language):
    """A label in the form's default language (or its only/first language)."""
    if isinstance(label, dict):
        if language in label and label[language]:
            return str(label[language])
        for value in label.values():
            if value:
                return str(value)
        return ""
    return "" if label is None else str(label)


def _find_row(path, sheet_name, token):
    """The first row of a sheet holding `token` in a cell (pyxform does not always say where)."""
    if not token or Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    try:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        sheet = next((s for s in book.worksheets if s.title.strip().lower() == sheet_name), None)
        for number, values in enumerate(sheet.iter_rows(values_only=True) if sheet else [], 1):
            if any(str(v).strip() == token for v in values if v is not None):
                return number
    except Exception:  # the row is a courtesy; the message stands without it
        return None
    return None


def _pyxform_error(name, exc, path=None):
    text = str(exc).strip()
    row = re.search(r"\[row\s*:\s*(\d+)\]", text)
    sheet = re.search(r"'(survey|choices|settings|entities|external_choices)' sheet", text, re.I)
    sheet_name = (sheet.group(1) if sheet else "survey").lower()
    where = f"trang “{sheet_name}”"
    token = re.search(r"'([^']+)'", text)
    found = row.group(1) if row else (_find_row(path, sheet_name, token.group(1)) if token and path else None)
    if found:
        where += f", dòng {found}"
    detail = re.sub(r"^\[row\s*:\s*\d+\]\s*", "", text)
    return XLSFormError(f"{name}, {where}: pyxform không chấp nhận biểu mẫu: {detail}")


def _type_key(xls_type):
    base = (xls_type or "").strip()
    if base.startswith("select_one_from_file") or base.startswith("select_multiple_from_file"):
        return base.split()[0]
    return base


def _skip_in_xform(root, paths):
    """Make skipped nodes never relevant and never required; drop preloads (device id, times)."""
    for bind in root.iter(f"{{{XF}}}bind"):
        if bind.get("nodeset") in paths:
            bind.set("relevant", "false()")
            for attribute in (
                "required",
                "constraint",
                "calculate",
                f"{{{JR}}}preload",
                f"{{{JR}}}preloadParams",
            ):
                bind.attrib.pop(attribute, None)


def read(path, name=None):
    """Read and check an XLSForm; returns a Form or raises XLSFormError naming file, sheet and row."""
    path = Path(path)
    name = name or path.name
    if path.stat().st_size > MAX_BYTES:
        raise XLSFormError(f"{name}: tệp lớn hơn 10 MB.")
    if path.suffix.lower() not in (".xlsx", ".xls", ".xlsm", ".csv", ".md"):
        raise XLSFormError(f"{name}: XLSForm phải là tệp .xlsx hoặc .xls.")
    warnings = []
    try:
        result = convert(xlsform=str(path), warnings=warnings)
    except PyXFormError as exc:
        raise _pyxform_error(name, exc, path)
    except Exception as exc:  # openpyxl/xlrd on a file that is not a workbook
        raise XLSFormError(f"{name}: không đọc được tệp XLSForm ({type(exc).__name__}).")
    survey = result._survey  # pyxform's survey model: the same tree its XForm is written from
    language = survey.default_language or ""
    if language == "default":
        language = ""
    notes = [f"{name}: pyxform: {w}" for w in warnings]
    root_path = survey.get_xpath()
    sections, current, skipped, names = [], None, set(), {}
    for element in survey.iter_descendants():
        if element is survey:
            continue
        kind_name = type(element).__name__
        xpath = element.get_xpath()
        top_level = xpath.count("/") == 2
        if xpath.startswith(root_path + "/meta"):
            continue  # instanceID and other submission metadata: regenerated by the engine
        if kind_name in ("GroupedSection", "RepeatingSection"):
            if top_level:  # a top-level group or repeat opens a section
                current = {
                    "title": _text(element.label, language) or element.name,
                    "items": [],
                    "group": True,
                }
                sections.append(current)
            continue
        xls_type = element.type or ""
        if xls_type in NOT_DATA:
            continue
        if current is None or (top_level and current["group"]):
            current = {"title": "", "items": [], "group": False}
            sections.append(current)
        repeat = ""
        for ancestor in element.iter_ancestors():
            node = ancestor[0] if isinstance(ancestor, tuple) else ancestor
            if type(node).__name__ == "RepeatingSection":
                repeat = node.get_xpath()
                break
        key = _type_key(xls_type)
        label = _text(element.label, language) or element.name
        item = {
            "name": element.name,
            "path": xpath,
            "repeat": repeat,
            "xls_type": xls_type[:120],
            "text": label,
            "hint": _text(getattr(element, "hint", None), language)[:300],
            "required": str((element.bind or {}).get("required", "")).lower()
            in ("yes", "true", "true()", "1"),
            "element": str((element.extra_data or {}).get("element", ""))[:40],
        }
        if key in SKIP_REASONS:
            item["kind"] = SKIPPED
            skipped.add(xpath)
            notes.append(
                f"{name}: câu “{element.name}” (kiểu {xls_type}) được giữ nhưng bỏ qua: {SKIP_REASONS[key]}."
            )
        elif kind_name == "MultipleChoiceQuestion" or key.startswith("select"):
            options = _options(element, language)
            if xls_type.startswith("select all") or "multiple" in xls_type:
                item.update(kind=MULTIPLE, choices=options)
            elif sorted(o["value"] for o in options) == ["1", "2", "3", "4", "5"]:
                item.update(kind=SCALE, choices=sorted(options, key=lambda o: o["value"]))
            else:
                item.update(kind=SINGLE, choices=options)
        elif key in NUMBER_TYPES:
            item["kind"] = NUMBER
        else:
            item["kind"] = TEXT
        names.setdefault(element.name, []).append(item)
        current["items"].append(item)
    if "pulldata(" in result.xform:
        notes.append(
            f"{name}: biểu mẫu dùng pulldata() với tệp đính kèm không kèm theo; các giá trị đó sẽ để trống."
        )
    if "jr://" in result.xform:
        notes.append(f"{name}: hình ảnh, âm thanh đính kèm của biểu mẫu không kèm theo nên không hiển thị.")
    _codes(names)
    tree = etree.fromstring(
        result.xform.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True)
    )
    if skipped:
        _skip_in_xform(tree, skipped)
    xform = etree.tostring(tree, encoding="unicode")
    sections = [(s["title"], s["items"]) for s in sections if s["items"]]
    if not sections:
        notes.append(
            f"{name}: biểu mẫu không có câu hỏi nào nhận câu trả lời (chỉ có ghi chú, siêu dữ liệu)."
        )
    title = _text(survey.title, language) or path.stem
    return Form(
        title=title,
        form_id=survey.id_string or path.stem,
        default_language=language,
        xform=xform,
        sections=sections,
        warnings=notes,
    )


def _options(element, language):
    itemset = element.choices
    options = getattr(itemset, "options", None) or []
    seen, out = set(), []
    for option in options:
        if option.name in seen:  # a name may repeat under a choice filter; one value is one answer
            continue
        seen.add(option.name)
        out.append({"value": str(option.name), "label": _text(option.label, language) or str(option.name)})
    return out


def _codes(names):
    """A question's code is its XLSForm name; names repeated in different groups get their path."""
    used = set()
    for name, items in names.items():
        for item in items:
            code = name if len(items) == 1 else "__".join(item["path"].split("/")[2:])
            code = code[:80]
            base, n = code, 2
            while code in used:
                code = f"{base[:76]}_{n}"
                n += 1
            used.add(code)
            item["code"] = code


@transaction.atomic
def import_xlsform(path, code=None, name=None):
    form = read(path, name)
    code = (code or form.form_id or Path(path).stem).lower().replace("_", "-")[:80]
    if Questionnaire.objects.filter(code=code).exists():
        raise XLSFormError(f"Đã có phiếu mã “{code}”; dùng --code để đặt mã khác.")
    elements = {}
    for _, items in form.sections:
        for item in items:
            if item["element"] and item["kind"] == SCALE:
                elements.setdefault(item["element"], item["element"])
    questionnaire = Questionnaire.objects.create(
        code=code,
        title=form.title[:300],
        kind=Questionnaire.CUSTOM,
        elements=elements,
        source=f"XLSForm {name or Path(path).name}"[:200],
        xform=form.xform,
        default_language=form.default_language[:80],
        form_warnings=form.warnings,
    )
    questions = []
    for order, (title, items) in enumerate(form.sections):
        section = Section.objects.create(
            questionnaire=questionnaire, order=order, title=(title or "Phần chung")[:300]
        )
        for q_order, item in enumerate(items):
            questions.append(
                Question(
                    section=section,
                    order=q_order,
                    code=item["code"],
                    text=item["text"],
                    hint=item["hint"],
                    kind=item["kind"],
                    required=item["required"] and item["kind"] != SKIPPED,
                    choices=item.get("choices", []),
                    element=item["element"] if item["kind"] == SCALE else "",
                    path=item["path"][:500],
                    repeat=item["repeat"][:500],
                    xls_type=item["xls_type"],
                )
            )
    Question.objects.bulk_create(questions)
    audit.record(
        questionnaire, "action", {"warnings": form.warnings}, f"Nhập từ XLSForm {name or Path(path).name}"
    )
    questionnaire.import_warnings = form.warnings
    return questionnaire
