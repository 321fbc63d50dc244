"""The apology letter (Phiếu xin lỗi và hẹn lại ngày trả kết quả): one DOCX or a ZIP of many, recorded as issued."""

import io
import zipfile
from datetime import date
from pathlib import Path

from django.utils import timezone

from chiso.core import docx_templates
from chiso.core.audit import record
from chiso.registry import province as registry_province

from ..models import LATE
from .classify import legal_basis

TEMPLATES = Path(__file__).resolve().parent.parent / "docx"
NEW_FORM_FROM = date(2025, 9, 15)


def template_for(day):
    """TT 01/2018 Mẫu 04 before 15/9/2025, the TT 03/2025 form from then on."""
    return TEMPLATES / (
        "phieu-xin-loi-tt01-2018.docx" if day < NEW_FORM_FROM else "phieu-xin-loi-tt03-2025.docx"
    )


def _d(day):
    return day.strftime("%d/%m/%Y") if day else "…/…/……"


def _at(day, minute):
    """ "08 giờ 05 phút, ngày 20/06/2025" when the hour is known, else the date alone."""
    if minute is None:
        return f"ngày {_d(day)}"
    return f"{minute // 60:02d} giờ {minute % 60:02d} phút, ngày {_d(day)}"


class ApologyRefused(ValueError):
    """A letter the rules do not allow (message in Vietnamese, for the page)."""


def deadline_of(dossier):
    return dossier.deadline or dossier.due


def refusal(dossier, issued_on, new_due):
    """Why no letter may be made on `issued_on` with `new_due`, or None (NĐ 61/2018 Điều 19 as amended by
    NĐ 107/2021; same rule applied under NĐ 118/2025; services/classify.py)."""
    limit = deadline_of(dossier)
    if dossier.completed is not None and dossier.outcome != LATE:
        return "Hồ sơ đã giải quyết đúng hạn: không có phiếu xin lỗi."
    if issued_on < dossier.received:
        return f"Ngày xin lỗi {_d(issued_on)} trước ngày tiếp nhận {_d(dossier.received)}: không thể có."
    if issued_on > limit:
        return (
            f"Đã quá hạn giải quyết ({_d(limit)}): phiếu xin lỗi phải gửi chậm nhất 01 ngày làm việc trước hạn. "
            "Hồ sơ được tính là trễ hạn, không còn hẹn lại theo quy định."
        )
    if new_due is None:
        return (
            "Chưa có ngày hẹn trả kết quả mới do cơ quan giải quyết ấn định: nhập ngày hẹn lại để tạo phiếu."
        )
    if new_due <= limit:
        return f"Ngày hẹn lại {_d(new_due)} phải sau hạn giải quyết {_d(limit)}."
    if dossier.new_due is not None and dossier.new_due != new_due:
        return "Hồ sơ đã được hẹn lại một lần; việc hẹn lại ngày trả kết quả không được quá một lần."
    return None


def issuer_on(agency, day):
    """The unit that signs on `day`: the agency itself, or its successor after a merger or split."""
    if agency.valid_on(day):
        return agency
    from chiso.registry.services import successors

    valid = [link for link in successors(agency, on=day) if link.successor.valid_on(day)]
    valid.sort(key=lambda link: not link.main)  # after a split, the main successor signs
    return valid[0].successor if valid else agency


def letter_context(dossier, issued_on, number="", reason="", new_due=None, new_due_min=None):
    new_due = new_due or dossier.new_due
    problem = refusal(dossier, issued_on, new_due)
    if problem:
        raise ApologyRefused(problem)
    agency = issuer_on(dossier.agency, issued_on)
    parent = agency.parent if agency.parent_id else None
    if parent is not None and not parent.valid_on(issued_on):
        parent = issuer_on(parent, issued_on)
    parent_name = parent.name if parent else f"UBND {registry_province.full_name(issued_on)}"
    if parent_name.startswith("Ủy ban nhân dân"):
        parent_name = "UBND" + parent_name[len("Ủy ban nhân dân") :]
    applicant = dossier.applicant or "Ông/bà/cơ quan, tổ chức nộp hồ sơ " + dossier.code
    return {
        "parent_agency": parent_name,
        "agency": agency.name,
        "number": number or "……",
        "place": registry_province.place(issued_on),
        "day": f"{issued_on.day:02d}",
        "month": f"{issued_on.month:02d}",
        "year": issued_on.year,
        "applicant": applicant,
        "received": _d(dossier.received),
        "received_at": _at(dossier.received, dossier.received_min),
        "procedure": dossier.procedure.name,
        "field": dossier.procedure.field or "…",
        "code": dossier.code,
        "due": _d(dossier.due),
        "due_at": _at(dossier.due, dossier.due_min),
        "new_due": _d(new_due),
        "new_due_at": _at(new_due, new_due_min),
        "reason": reason or "Hồ sơ cần thêm thời gian thẩm định, xác minh theo quy định.",
        "signer_title": "Thủ trưởng cơ quan",
        "signer": "",
        "basis": " · ".join(legal_basis(issued_on)),
    }


def render_letter(dossier, issued_on=None, **extra):
    # A letter already recorded is reprinted at its own date (and so in the form of its period).
    issued_on = issued_on or dossier.apology_date or timezone.localdate()
    return docx_templates.render(template_for(issued_on), letter_context(dossier, issued_on, **extra))


def record_apology(dossier, issued_on, new_due):
    """The agency's apology and new date, as recorded when the letter is made; the rules re-judge it."""
    from .classify import apology_state
    from .importer import calendar_index

    first = dossier.new_due is None
    dossier.apology_date, dossier.new_due = issued_on, new_due
    dossier.reappointments = max(dossier.reappointments, 1) if first else dossier.reappointments
    limit = deadline_of(dossier).toordinal()
    done = dossier.completed.toordinal() if dossier.completed else None
    dossier.apology_state = apology_state(
        calendar_index(),
        limit,
        done,
        issued_on.toordinal(),
        new_due.toordinal(),
        max(timezone.localdate(), issued_on).toordinal(),
        dossier.reappointments,
        dossier.received.toordinal(),
        late=True,
    )
    dossier.save(update_fields=["apology_date", "new_due", "reappointments", "apology_state"])  # audited


def mark_issued(dossier, user):
    dossier.letter_issued_at = timezone.now()
    dossier.letter_issued_by = user.get_username() if user else ""
    dossier.save(update_fields=["letter_issued_at", "letter_issued_by"])
    record(dossier, "action", {"phiếu xin lỗi": "đã in"}, note="In phiếu xin lỗi và hẹn lại ngày trả kết quả")


def file_name(dossier):
    return f"phieu-xin-loi-{dossier.code}.docx".replace("/", "-")


def batch_zip(dossiers, user, issued_on=None):
    """Letters for the dossiers the rules allow (each with its recorded new date); the others are listed
    in a text file inside the archive with the reason."""
    issued_on = issued_on or timezone.localdate()
    out = io.BytesIO()
    refused = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for dossier in dossiers:
            try:
                archive.writestr(file_name(dossier), render_letter(dossier, issued_on))
            except ApologyRefused as exc:
                refused.append(f"{dossier.code}: {exc}")
                continue
            mark_issued(dossier, user)
        if refused:
            archive.writestr("khong-tao-phieu.txt", "\n".join(refused) + "\n")
    return out.getvalue()
