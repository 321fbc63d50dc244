"""Annual evaluation of heads (seed I.1, II.4.1: "căn cứ kết quả công tác CCHC hàng năm … để xem xét,
đánh giá, nhận xét cán bộ hàng năm"): for one agency and year, what the seed names, gathered from the
apps that hold it — tasks done on time (directives' accountability), reports sent, the remediation plan,
the monthly sessions, inspection findings closed, the agency's late dossiers and apologies — as DOCX
(NĐ 30/2020 layout) and XLSX (chiso.core.exports). It gathers facts; it does not score the head."""

import io
from datetime import date

from chiso.core import exports
from chiso.core.docx_layout import (
    CENTER,
    FONT,
    JUSTIFY,
    QUOC_HIEU,
    TIEU_NGU,
    Line,
    cell_text,
    nd30_header,
    new_document,
    paragraph,
    set_widths,
)
from chiso.directives.models import ProgressReport
from chiso.directives.services import accountability

from ..models import ContactRequirement, Finding, PlanRequest, RemediationPlan
from . import contact, inspections, plans


def _pct(v):
    return "—" if v is None else f"{100 * v:.1f}%".replace(".", ",")


def gather(agency, year):
    """[(group, label, value text)] of the agency's year, in the order of the seed."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows = []
    acc = next(
        (r for r in accountability.table(start, end, agency_ids=[agency.pk]) if r.agency.pk == agency.pk),
        None,
    )
    if acc:
        rows += [
            ("Nhiệm vụ được giao", "Số nhiệm vụ, phần việc, kỳ đến hạn trong năm", str(acc.assigned)),
            ("Nhiệm vụ được giao", "Hoàn thành đúng hạn", str(acc.on_time)),
            ("Nhiệm vụ được giao", "Hoàn thành trễ hạn", str(acc.late)),
            ("Nhiệm vụ được giao", "Quá hạn chưa hoàn thành", str(acc.overdue)),
            (
                "Nhiệm vụ được giao",
                "Điểm (theo công thức trên trang Trách nhiệm)",
                "—" if acc.score is None else f"{acc.score:.1f}".replace(".", ","),
            ),
        ]
    else:
        rows.append(("Nhiệm vụ được giao", "Số nhiệm vụ đến hạn trong năm", "0"))
    reports = ProgressReport.objects.filter(task__lead=agency, reported_on__year=year)
    rows += [
        ("Báo cáo", "Báo cáo tiến độ, kết quả đã gửi", str(reports.count())),
        ("Báo cáo", "Báo cáo bị trả lại", str(reports.filter(status=ProgressReport.RETURNED).count())),
    ]
    for req in PlanRequest.objects.filter(task__directive__issued_on__year=year):
        row = next(iter(plans.overview(req, agency_ids={agency.pk})), None)
        if row is None:
            continue
        text = row.label
        if row.plan and row.assigned:
            text += f"; bao phủ {len(row.covered)}/{len(row.assigned)} thành phần yếu được phân công"
        rows.append(("Kế hoạch khắc phục", f"Theo nhiệm vụ {req.task.ref}", text))
    for req in ContactRequirement.objects.filter(starts_on__year__lte=year):
        cols, found = contact.grid(req, agency_ids={agency.pk})
        if not found:
            continue
        in_year = [cell for (y, _m), cell in zip(cols, found[0].cells) if y == year]
        held = sum(1 for state, _n in in_year if state == "held")
        missed = sum(1 for state, _n in in_year if state == "missed")
        rows.append(
            (
                "Tiếp xúc người dân, doanh nghiệp",
                f"Theo nhiệm vụ {req.task.ref}",
                f"{held} tháng có tiếp xúc, {missed} tháng bỏ lỡ",
            )
        )
    findings = Finding.objects.filter(visit__agency=agency, visit__held_on__year=year)
    closed = findings.filter(task__state="done").count()
    rows.append(("Kiểm tra", "Tồn tại qua kiểm tra / đã khắc phục xong", f"{findings.count()} / {closed}"))
    figures = inspections.agency_figures(agency, end)
    if figures and figures.get("current"):
        rows += [
            ("Giải quyết TTHC", "Hồ sơ trong năm", f"{figures['total']:,}".replace(",", ".")),
            ("Giải quyết TTHC", "Tỷ lệ đúng hạn", _pct(figures["on_time_rate"])),
            (
                "Giải quyết TTHC",
                "Hồ sơ trễ hạn / chưa có văn bản xin lỗi",
                f"{figures['late']} / {figures['late_without_apology']}",
            ),
        ]
    else:
        rows.append(
            ("Giải quyết TTHC", "Số liệu hồ sơ", f"chiso chưa có số liệu hồ sơ năm {year} của đơn vị")
        )
    return rows


def to_xlsx(agency, year, rows):
    return exports.xlsx(
        exports.Sheet(
            name=f"Đánh giá {year}",
            title_rows=[
                [f"Tổng hợp kết quả công tác CCHC năm {year} – {agency.name}"],
                ["Phục vụ đánh giá, nhận xét người đứng đầu (không phải điểm đánh giá)"],
            ],
            header=["Nội dung", "Tiêu chí", "Kết quả"],
            rows=rows,
            wrap=(1, 2),
        )
    )


def to_docx(agency, year, rows, issuer_name="SỞ NỘI VỤ", on=None):
    on = on or date.today()
    doc = new_document(size=13)
    nd30_header(
        doc,
        [Line(issuer_name.upper(), 12.5, bold=True), Line("———", 12.5)],
        [
            Line(QUOC_HIEU, 12, bold=True),
            Line(TIEU_NGU, 13.5, bold=True),
            Line("———————————", 12),
            Line(f"ngày {on.day:02d} tháng {on.month:02d} năm {on.year}", 13.5, italic=True),
        ],
        [6.5, 9.5],
        font=FONT,
    )
    paragraph(doc, "", space_after=6)
    paragraph(
        doc, "TỔNG HỢP KẾT QUẢ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH", size=14, bold=True, align=CENTER, font=FONT
    )
    paragraph(doc, f"năm {year} của {agency.name}", size=14, bold=True, align=CENTER, font=FONT)
    paragraph(
        doc,
        "(phục vụ xem xét, đánh giá, nhận xét người đứng đầu hằng năm)",
        size=13,
        italic=True,
        align=CENTER,
        space_after=8,
        font=FONT,
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["TT", "Nội dung", "Tiêu chí", "Kết quả"]):
        cell_text(cell, text, size=12, bold=True, align=CENTER, font=FONT)
    for i, (group, label, value) in enumerate(rows, 1):
        cells = table.add_row().cells
        for cell, text, align in zip(cells, [str(i), group, label, value], [CENTER, None, None, None]):
            cell_text(cell, text, size=12, align=align, font=FONT)
    set_widths(table, [1.0, 4.0, 6.5, 4.5])
    paragraph(doc, "", space_after=6)
    paragraph(
        doc,
        "Số liệu tổng hợp từ hệ thống chiso theo dõi nhiệm vụ, kế hoạch khắc phục, tiếp xúc người dân, kiểm tra và "
        "giải quyết thủ tục hành chính; không thay thế nhận xét, đánh giá của cấp có thẩm quyền.",
        size=13,
        align=JUSTIFY,
        first_line_indent=1,
        font=FONT,
    )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def file_name(agency, year, ext):
    return f"danh-gia-cchc-{year}-{agency.code}.{ext}"


def agencies_for(year):
    """Agencies with anything to evaluate in the year (a task due, a plan, a session, a visit)."""
    from chiso.registry.models import Agency

    ids = {r.agency.pk for r in accountability.table(date(year, 1, 1), date(year, 12, 31))}
    ids |= set(RemediationPlan.objects.values_list("agency_id", flat=True))
    return Agency.objects.filter(pk__in=ids).order_by("name")
