"""Báo cáo tình hình thực hiện: DOCX (docxtpl template, NĐ 30/2020 layout), XLSX, and one file per agency."""

import zipfile
from io import BytesIO
from pathlib import Path

from django.conf import settings
from docxtpl import DocxTemplate, Listing

from chiso.core import exports
from chiso.registry import province

from ..models import ReportTemplate
from . import accountability, life

BUILT_IN = Path(__file__).resolve().parent.parent / "report_templates" / "bao-cao-tinh-hinh.docx"
CODE = "bao-cao-tinh-hinh"


def template_path():
    """The administrator's upload, else var/templates/directives/…, else the built-in template."""
    uploaded = ReportTemplate.objects.filter(code=CODE).first()
    if uploaded and uploaded.file and Path(uploaded.file.path).exists():
        return Path(uploaded.file.path)
    local = Path(settings.VAR_DIR) / "templates" / "directives" / f"{CODE}.docx"
    return local if local.exists() else BUILT_IN


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
        .select_related("lead")
        .order_by("due_date", "position", "pk")
    )
    if agency_ids is not None:
        tasks = tasks.filter(lead_id__in=agency_ids)
    if not single_agency:
        tasks = tasks.filter(
            life.overdue_q(on)
        )  # the province's report lists what is late; an agency's, all its own
    if directive is not None:
        subject = f"{directive.kind.lower()} {directive.number + ' ' if directive.number else ''}{directive.title[:1].lower()}{directive.title[1:]}"
    else:
        subject = f"các nhiệm vụ được giao từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    single = rows[0].agency if agency_ids is not None and len(rows) == 1 else None
    return {
        "parent_issuer": province.authority_header(on) if single is None else "",
        "issuer": single.name if single else "SỞ NỘI VỤ",
        "number": "      /BC-" + ("SNV" if single is None else "…"),
        "place": province.place(on),
        "day": f"{on.day:02d}",
        "month": f"{on.month:02d}",
        "year": on.year,
        "subject": subject,
        "intro": (
            f"Thực hiện nhiệm vụ được giao theo dõi, đôn đốc, Sở Nội vụ báo cáo tình hình thực hiện tính đến ngày {on:%d/%m/%Y} như sau:"
            if single is None
            else f"Thực hiện các nhiệm vụ được giao, {single.name} báo cáo tình hình thực hiện tính đến ngày {on:%d/%m/%Y} như sau:"
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
                "score": "—" if r.score is None else f"{r.score:.1f}".replace(".", ","),
            }
            for r in rows
        ],
        "tasks_heading": "NHIỆM VỤ CỦA ĐƠN VỊ VÀ TÌNH HÌNH THỰC HIỆN"
        if single_agency
        else "NHIỆM VỤ QUÁ HẠN, CHƯA HOÀN THÀNH",
        "tasks": [
            {
                "ref": t.ref + (f" ({t.period})" if t.period else ""),
                "text": t.text[:160] + ("…" if len(t.text) > 160 else ""),
                "lead": t.lead.name,
                "due": f"{t.due_date:%d/%m/%Y}" if t.due_date else "—",
                "status": life.status(t, on).label,
            }
            for t in tasks[:500]
        ],
        "proposals": (
            "Đề nghị Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các huyện, thị xã, thành phố có nhiệm vụ quá hạn "
            "khẩn trương hoàn thành và báo cáo kết quả; kết quả thực hiện nhiệm vụ là căn cứ đánh giá trách nhiệm "
            "người đứng đầu theo quy định."
            if totals["overdue"]
            else "Các nhiệm vụ đến hạn đã được thực hiện theo yêu cầu."
        ),
        "recipients": Listing(
            "- UBND tỉnh (b/c);\n- Văn phòng UBND tỉnh;\n- Các cơ quan, đơn vị, địa phương;\n- Lưu: VT, CCHC."
        ),
        "signer_title": Listing("GIÁM ĐỐC" if single is None else "THỦ TRƯỞNG ĐƠN VỊ"),
        "signer_name": "",
    }


def report_docx(directive, start, end, on=None, agency_ids=None):
    doc = DocxTemplate(str(template_path()))
    doc.render(
        context(directive, start, end, on, agency_ids), autoescape=True
    )  # "    doc.render(context(directive, start, end, on, agency_ids))", "<" in task texts
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def report_xlsx(directive, start, end, on=None, agency_ids=None):
    on = on or life.today()
    ctx = context(directive, start, end, on, agency_ids)
    agencies = [
        [r["rank"], r["name"], r["assigned"], r["on_time"], r["late"], r["overdue"], r["open"], r["score"]]
        for r in ctx["agencies"]
    ]
    tasks = [[r["ref"], r["text"], r["lead"], r["due"], r["status"]] for r in ctx["tasks"]]
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
            ["Mục", "Nội dung", "Chủ trì", "Thời hạn", "Tình hình"],
            tasks,
            title_rows=[[ctx["tasks_heading"].capitalize()]],
            wrap=[1],
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
