"""Biên bản kiểm tra as DOCX in the NĐ 30/2020 layout (Phụ lục I; the biên bản form of Mẫu 1.x):
issuing body and số on the left, Quốc hiệu–Tiêu ngữ and địa danh–ngày on the right, title, the
composition, the checklist, the agency's own figures, findings and remediation deadlines, and the two
signatures (inspected agency, team leader)."""

import io

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
    two_columns,
)

from .inspections import RESULTS, figure_rows


def _date_line(place, day):
    where = f"{place}, " if place else ""
    return f"{where}ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def build(visit):
    team = visit.team
    day = visit.held_on or visit.scheduled_on
    place = visit.place or (team.task.directive.place if team.task_id else "")
    doc = new_document(size=13)
    # NĐ 30/2020: the governing body (the team's lead agency) above the issuing one (the team)
    nd30_header(
        doc,
        [
            Line(team.lead_agency.name.upper(), 12),
            Line(team.name.upper(), 12, bold=True),
            Line("———", 12),
            Line("Số:      /BB-TKT", 13),
        ],
        [
            Line(QUOC_HIEU, 12, bold=True),
            Line(TIEU_NGU, 13.5, bold=True),
            Line("———————————", 12),
            Line(_date_line(place, day), 13.5, italic=True),
        ],
        [6.5, 9.5],
        font=FONT,
    )
    para = lambda text="", **kw: paragraph(doc, text, font=FONT, **kw)  # noqa: E731
    para("", space_after=6)
    para("BIÊN BẢN KIỂM TRA", bold=True, size=14, align=CENTER)
    para(
        f"{team.scope.splitlines()[0] if team.scope else ''} tại {visit.agency.name}",
        bold=True,
        size=14,
        align=CENTER,
    )
    para("———————", align=CENTER, space_after=6)
    body = dict(size=14, align=JUSTIFY, first_line_indent=1, space_after=6, line_spacing=1.15)
    para(
        f"Hôm nay, {_date_line('', day)}, tại {visit.agency.name}, {team.name} tiến hành kiểm tra theo kế hoạch.",
        **body,
    )
    para("I. THÀNH PHẦN", bold=True, size=14, space_after=6)
    para(
        f"1. Tổ kiểm tra: {team.lead_agency.name} chủ trì"
        + (
            f", phối hợp {', '.join(a.name for a in team.member_agencies.all())}"
            if team.member_agencies.exists()
            else ""
        )
        + ".",
        **body,
    )
    for line in team.members.splitlines():
        if line.strip():
            para(f"- {line.strip()}", **body)
    para(f"2. Đơn vị được kiểm tra: {visit.agency.name}.", **body)
    para("II. NỘI DUNG VÀ KẾT QUẢ KIỂM TRA", bold=True, size=14, space_after=6)
    labels = dict(RESULTS)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["TT", "Nội dung kiểm tra", "Kết quả", "Ghi chú"]):
        cell_text(cell, text, size=12, bold=True, align=CENTER, font=FONT)
    for i, row in enumerate(visit.checklist, 1):
        cells = table.add_row().cells
        cell_text(cells[0], str(i), size=12, align=CENTER, font=FONT)
        cell_text(cells[1], row["item"], size=12, font=FONT)
        cell_text(cells[2], labels.get(row.get("result", ""), "—"), size=12, align=CENTER, font=FONT)
        cell_text(cells[3], row.get("note", ""), size=12, font=FONT)
    set_widths(table, [1.0, 8.5, 2.5, 4.0])
    if visit.figures:
        f = visit.figures
        para("", space_after=0)
        para(
            f"Số liệu của đơn vị trên Hệ thống thông tin giải quyết TTHC từ ngày {f['start'][8:10]}/{f['start'][5:7]}/{f['start'][:4]}"
            f" đến ngày {f['end'][8:10]}/{f['end'][5:7]}/{f['end'][:4]}:",
            **body,
        )
        for label, text in figure_rows(f):
            para(f"- {label}: {text}.", **body)
    if visit.note:
        para(visit.note, **body)
    para("", space_after=0)
    para("III. TỒN TẠI, HẠN CHẾ VÀ YÊU CẦU KHẮC PHỤC", bold=True, size=14, space_after=6)
    findings = list(visit.findings.all())
    for i, finding in enumerate(findings, 1):
        text = f"{i}. {finding.text}"
        if finding.recommendation:
            text += f" Yêu cầu: {finding.recommendation}"
        para(f"{text} Thời hạn khắc phục: trước ngày {finding.due_date:%d/%m/%Y}.", **body)
    if not findings:
        para("Không phát hiện tồn tại, hạn chế.", **body)
    para(
        "Biên bản kết thúc lúc … giờ … cùng ngày, được lập thành 02 bản có giá trị như nhau, đơn vị được kiểm tra "
        "giữ 01 bản, Tổ kiểm tra giữ 01 bản; đã đọc lại cho các thành phần cùng nghe và thống nhất ký tên.",
        **body,
    )
    para("", space_after=6)
    table = two_columns(
        doc,
        [Line("ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA", 13, bold=True), Line("", 13), Line("", 13), Line("", 13)],
        [Line("TỔ TRƯỞNG TỔ KIỂM TRA", 13, bold=True), Line("", 13), Line("", 13), Line("", 13)],
        [8.0, 8.0],
        font=FONT,
    )
    set_widths(table, [8.0, 8.0])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def file_name(visit):
    return f"bien-ban-kiem-tra-{visit.agency.code}-{(visit.held_on or visit.scheduled_on):%Y%m%d}.docx"
