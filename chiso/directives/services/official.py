"""Báo cáo tình hình thực hiện: DOCX (docxtpl template, NĐ 30/2020 layout), XLSX, and one file per agency."""

import zipfile
from io import BytesIO
from pathlib import Path

from django.conf import settings
from docxtpl import Listing

from chiso.core import docx_templates, exports, numbers

from ..models import OfficialSettings, ReportTemplate
from . import accountability, life, signing

BUILT_IN = Path(__file__).resolve().parent.parent / "report_templates" / "bao-cao-tinh-hinh.docx"
CODE = "bao-cao-tinh-hinh"


def template_path():
    """The administrator's upload, else var/templates/directives/…, else the built-in template."""
    uploaded = ReportTemplate.objects.filter(code=CODE).first()
    if uploaded and uploaded.file and Path(uploaded.file.path).exists():
        return Path(uploaded.file.path)
    local = Path(settings.VAR_DIR) / "templates" / "directives" / f"{CODE}.docx"
    return local if local.exists() else BUILT_IN


def clip(text, limit=300):
    """Long task texts end at a word, never inside one."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def short_name(agency):
    """ "UBND huyện Hàm Tân" rather than "Ủy ban nhân dân huyện Hàm Tân" in a crowded cell."""
    name = agency.short_name or agency.name
    return name.replace("Ủy ban nhân dân", "UBND").replace("Uỷ ban nhân dân", "UBND")


def _root(task):
    return task.parent.parent if task.parent_id and task.parent.parent_id else (task.parent or task)


def directive_title(directive):
    when = directive.issued_on or directive.meeting_date
    number = f" số {directive.number}" if directive.number else ""
    date = f" ngày {when:%d/%m/%Y}" if when else ""
    return f"{directive.kind.capitalize()}{number}{date}: {directive.title}"


def task_sections(tasks, on):
    """The tasks grouped one section per directive, a group task once with its members summarised."""
    by_root = {}
    for t in tasks:
        root = _root(t)
        by_root.setdefault(root.pk, (root, []))[1].append(t)
    sections = {}
    for root, parts in by_root.values():
        section = sections.setdefault(
            root.directive_id, {"title": directive_title(root.directive), "tasks": [], "_key": root.directive}
        )
        if len(parts) == 1:
            t = parts[0]
            lead = t.lead.name if t.lead else t.lead_text
            status = life.status(t, on).label
        else:
            keys = [life.status(p, on).key for p in parts]
            names = sorted({short_name(p.lead) if p.lead else p.lead_text for p in parts})
            overdue = keys.count("overdue")
            lead = f"{root.lead_text or 'Các đơn vị'}: {', '.join(names)}"
            status = (
                f"{overdue} đơn vị quá hạn" if overdue == len(parts) else f"{overdue}/{len(parts)} quá hạn"
            )
        dues = [p.due_date for p in parts if p.due_date]
        if len(parts) == 1:
            due = parts[0].due_date  # a share's own (possibly extended) deadline
        else:
            due = root.due_date or (min(dues) if dues else None)
        ref = root.ref + (f" ({parts[0].period})" if len(parts) == 1 and parts[0].period else "")
        section["tasks"].append(
            {
                "ref": ref,
                "text": clip(root.text, 240),
                "lead": lead,
                "due": f"{due:%d/%m/%Y}" if due else "—",
                "status": status,
            }
        )
    ordered = sorted(
        sections.values(), key=lambda s: (s["_key"].issued_on or s["_key"].meeting_date or on, s["_key"].pk)
    )
    for i, s in enumerate(ordered, 1):
        s["number"] = i
        del s["_key"]
    return ordered


def context(directive, start, end, on=None, agency_ids=None):
    on = on or life.today()
    rows = accountability.table(start, end, on=on, directive=directive, agency_ids=agency_ids)
    totals = {
        k: sum(getattr(r, k) for r in rows)
        for k in ("assigned", "on_time", "late", "overdue", "open", "cancelled")
    }
    totals["done"] = totals["on_time"] + totals["late"]
    single_agency = agency_ids is not None and len(agency_ids) == 1
    tasks = (
        accountability.leaf_tasks(start, end, directive)
        .select_related(
            "lead", "directive", "parent", "parent__parent", "parent__directive", "parent__parent__directive"
        )
        .order_by("due_date", "position", "pk")
    )
    if agency_ids is not None:
        tasks = tasks.filter(lead_id__in=agency_ids)
    if not single_agency:
        # the province's report lists what is late; an agency's, all its own
        tasks = tasks.filter(life.overdue_q(on))
    as_of = f"{on:%d/%m/%Y}"
    if directive is not None:
        subject = f"{directive.kind.lower()} {directive.number + ' ' if directive.number else ''}{directive.title[:1].lower()}{directive.title[1:]}"
    else:
        subject = f"các nhiệm vụ được giao từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    single = rows[0].agency if agency_ids is not None and len(rows) == 1 else None
    head = signing.issuer(on, agency=single)
    sections = task_sections(list(tasks[:2000]), on)
    return {
        "parent_issuer": head.parent,
        "issuer": head.name,
        "number": head.number,
        "place": head.place,
        "day": f"{on.day:02d}",
        "month": f"{on.month:02d}",
        "year": on.year,
        "as_of": as_of,
        "subject": f"{subject} (tính đến ngày {as_of})",
        "intro": (
            f"Thực hiện nhiệm vụ được giao theo dõi, đôn đốc, {OfficialSettings.current().reporter} báo cáo "
            f"tình hình thực hiện tính đến ngày {as_of} như sau:"
            if single is None
            else f"Thực hiện các nhiệm vụ được giao, {single.name} báo cáo tình hình thực hiện tính đến ngày {as_of} như sau:"
        ),
        "totals": totals,
        "agencies": [
            {
                "rank": r.rank or "—",
                "name": r.agency.name,
                "assigned": r.assigned,
                "on_time": r.on_time,
                "late": r.late,
                "overdue": r.overdue,
                "open": r.open,
                "score": numbers.number(r.score, 1, empty="—"),
            }
            for r in rows
        ],
        "tasks_heading": "NHIỆM VỤ CỦA ĐƠN VỊ VÀ TÌNH HÌNH THỰC HIỆN"
        if single_agency
        else f"NHIỆM VỤ QUÁ HẠN, CHƯA HOÀN THÀNH ĐẾN NGÀY {as_of}",
        "sections": sections,
        "no_tasks": "Không có nhiệm vụ quá hạn." if not sections else "",
        "tasks": [row for s in sections for row in s["tasks"]],
        "proposals": (
            "Đề nghị Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các huyện, thị xã, thành phố có nhiệm vụ quá hạn "
            "khẩn trương hoàn thành và báo cáo kết quả; kết quả thực hiện nhiệm vụ là căn cứ đánh giá trách nhiệm "
            "người đứng đầu theo quy định."
            if totals["overdue"]
            else "Các nhiệm vụ đến hạn đã được thực hiện theo yêu cầu."
        ),
        "recipients": Listing("\n".join(f"- {r}" for r in head.recipients)),
        "signer_title": Listing("\n".join(head.signer_lines)),
        "signer_name": head.signer_name,
    }


def report_docx(directive, start, end, on=None, agency_ids=None):
    # The template may be an administrator's upload: filled in the sandbox, text escaped.
    return docx_templates.render(template_path(), context(directive, start, end, on, agency_ids))


def report_xlsx(directive, start, end, on=None, agency_ids=None):
    on = on or life.today()
    ctx = context(directive, start, end, on, agency_ids)
    agencies = [
        [r["rank"], r["name"], r["assigned"], r["on_time"], r["late"], r["overdue"], r["open"], r["score"]]
        for r in ctx["agencies"]
    ]
    tasks = [
        [section["title"], r["ref"], r["text"], r["lead"], r["due"], r["status"]]
        for section in ctx["sections"]
        for r in section["tasks"]
    ]
    return exports.xlsx(
        exports.Sheet(
            "Tong hop",
            [
                "TT",
                "Cơ quan, đơn vị",
                "Được giao",
                "Đúng hạn",
                "Trễ hạn",
                "Quá hạn",
                "Đang thực hiện",
                "Điểm",
            ],
            agencies,
            title_rows=[[f"Báo cáo tình hình thực hiện {ctx['subject']}"], [f"Tính đến ngày {on:%d/%m/%Y}"]],
        ),
        exports.Sheet(
            "Nhiem vu",
            ["Văn bản", "Mục", "Nội dung", "Chủ trì", "Thời hạn", "Tình hình"],
            tasks,
            title_rows=[[ctx["tasks_heading"].capitalize()]],
            wrap=[0, 2],
        ),
    )


def per_agency_zip(directive, start, end, on=None, agency_ids=None, progress=None):
    """One DOCX per agency with that agency's own tasks only; progress(done, total) after each."""
    leads = accountability.leaf_tasks(start, end, directive).values_list("lead_id", "lead__code").distinct()
    leads = [
        (lead_id, code)
        for lead_id, code in sorted(set(leads), key=lambda x: x[1])
        if agency_ids is None or lead_id in agency_ids
    ]
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for done, (lead_id, code) in enumerate(leads):
            if progress:
                progress(done, len(leads))
            zf.writestr(f"bao-cao-{code}.docx", report_docx(directive, start, end, on, agency_ids=[lead_id]))
    return out.getvalue()


def accountability_xlsx(rows, start, end):
    return exports.xlsx(
        exports.Sheet(
            "Trach nhiem",
            [
                "Hạng",
                "Cơ quan, đơn vị",
                "Được giao",
                "Đúng hạn",
                "Trễ hạn",
                "Quá hạn",
                "Đang thực hiện",
                "Dừng, hủy",
                "Điểm",
            ],
            [
                [
                    r.rank,
                    r.agency.name,
                    r.assigned,
                    r.on_time,
                    r.late,
                    r.overdue,
                    r.open,
                    r.cancelled,
                    r.score,
                ]
                for r in rows
            ],
            title_rows=[
                [f"Kết quả thực hiện nhiệm vụ từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"],
                [accountability.FORMULA],
            ],
        )
    )


def accountability_docx(rows, start, end, on=None):
    """Báo cáo kết quả thực hiện nhiệm vụ theo cơ quan, đơn vị (NĐ 30/2020 layout, built directly)."""
    from chiso.core import docx_layout as L

    on = on or life.today()
    head = signing.issuer(on)
    conf = OfficialSettings.current()
    doc = L.new_document(size=14)
    L.nd30_header(
        doc,
        [
            L.Line(head.parent, 12.5),
            L.Line(head.name, 12.5, bold=True),
            L.Line("———", 12.5),
            L.Line(f"Số: {head.number}", 13),
        ],
        [
            L.Line(L.QUOC_HIEU, 12.5, bold=True),
            L.Line(L.TIEU_NGU, 13.5, bold=True),
            L.Line("———————————", 12),
            L.Line(f"{head.place}, ngày {on.day:02d} tháng {on.month:02d} năm {on.year}", 13.5, italic=True),
        ],
        [6.0, 10.0],
        font=L.FONT,
    )
    as_of = f"{on:%d/%m/%Y}"
    L.paragraph(doc, "", space_after=6)
    L.paragraph(doc, "BÁO CÁO", bold=True, size=14, align=L.CENTER)
    L.paragraph(
        doc,
        f"Kết quả thực hiện nhiệm vụ được giao của các cơ quan, đơn vị từ ngày {start:%d/%m/%Y} "
        f"đến ngày {end:%d/%m/%Y} (tính đến ngày {as_of})",
        bold=True,
        size=14,
        align=L.CENTER,
    )
    L.paragraph(doc, "———————", align=L.CENTER, space_after=6)
    body = dict(size=14, align=L.JUSTIFY, space_after=6, first_line_indent=1)
    judged = [r for r in rows if r.score is not None]
    L.paragraph(
        doc,
        f"Thực hiện nhiệm vụ theo dõi, đôn đốc, {conf.reporter} báo cáo kết quả thực hiện nhiệm vụ được giao "
        f"của {len(rows)} cơ quan, đơn vị, làm căn cứ đánh giá trách nhiệm người đứng đầu, tính đến ngày {as_of} "
        "như sau:",
        **body,
    )
    L.paragraph(doc, "I. CÁCH TÍNH", bold=True, size=14, space_after=6)
    L.paragraph(doc, accountability.FORMULA, **body)
    L.paragraph(doc, "II. KẾT QUẢ", bold=True, size=14, space_after=6)
    totals = {k: sum(getattr(r, k) for r in rows) for k in ("assigned", "on_time", "late", "overdue", "open")}
    L.paragraph(
        doc,
        f"Tổng số nhiệm vụ, phần việc được giao: {totals['assigned']}; hoàn thành đúng hạn {totals['on_time']}, "
        f"trễ hạn {totals['late']}; quá hạn chưa hoàn thành {totals['overdue']}; đang thực hiện trong hạn "
        f"{totals['open']}. Có {len(judged)} cơ quan, đơn vị có nhiệm vụ đến hạn được chấm điểm.",
        **body,
    )
    headings = [
        "Hạng",
        "Cơ quan, đơn vị",
        "Được giao",
        "Đúng hạn",
        "Trễ hạn",
        "Quá hạn",
        "Đang thực hiện",
        "Điểm",
    ]
    widths = [1.4, 5.4, 1.6, 1.5, 1.4, 1.4, 1.7, 1.6]  # "Hạng" must not break at 11 pt bold
    table = doc.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings):
        L.cell_text(cell, text, size=11, bold=True, align=L.CENTER, font=L.FONT)
    for r in rows:
        cells = table.add_row().cells
        values = [
            r.rank or "—",
            r.agency.name,
            r.assigned,
            r.on_time,
            r.late,
            r.overdue,
            r.open,
            numbers.number(r.score, 1, empty="—"),
        ]
        for i, (cell, value) in enumerate(zip(cells, values)):
            L.cell_text(cell, str(value), size=11, align=L.LEFT if i == 1 else L.CENTER, font=L.FONT)
    # The heading row repeats on every page of a long table.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    L.set_widths(table, widths)
    L.paragraph(doc, "", space_after=6)
    L.paragraph(doc, "III. ĐỀ XUẤT", bold=True, size=14, space_after=6)
    weakest = [r for r in judged if r.overdue][-5:]
    if weakest:
        names = "; ".join(f"{r.agency.name} ({r.overdue} quá hạn)" for r in reversed(weakest))
        text = (
            f"Đề nghị UBND tỉnh nhắc nhở, yêu cầu người đứng đầu các cơ quan, đơn vị có nhiều nhiệm vụ quá hạn "
            f"khẩn trương khắc phục: {names}."
        )
    else:
        text = "Các cơ quan, đơn vị đã hoàn thành nhiệm vụ đến hạn theo yêu cầu."
    L.paragraph(doc, text, **body)
    L.paragraph(doc, "", space_after=6)
    L.recipients_and_signature(
        doc,
        L.recipients([f"- {r}" for r in head.recipients]),
        [L.Line(t, 14, bold=True) for t in head.signer_lines]
        + [L.Line("", 14)] * 3
        + [L.Line(head.signer_name, 14, bold=True)],
        [8.0, 8.0],
        font=L.FONT,
    )
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
