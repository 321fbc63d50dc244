"""The apology letter (Phiếu xin lỗi và hẹn lại ngày trả kết quả): one DOCX or a ZIP of many, recorded as issued."""

import io
import zipfile
from datetime import date
from pathlib import Path

from django.utils import timezone
from docxtpl import DocxTemplate

from chiso.core.audit import record
from chiso.registry import province as registry_province
from chiso.registry.services import add_working_days

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


def letter_context(dossier, issued_on, number="", reason=""):
    agency = dossier.agency
    # The province on the letter's date (the installation's setting: merged provinces change name).
    parent = agency.parent.name if agency.parent_id else f"UBND {registry_province.full_name(issued_on)}"
    if parent.startswith("Ủy ban nhân dân"):
        parent = "UBND" + parent[len("Ủy ban nhân dân") :]
    new_due = dossier.new_due
    if new_due is None:
        new_due = add_working_days(max(dossier.due, issued_on), 3)
    return {
        "parent_agency": parent,
        "agency": agency.name,
        "number": number or "……",
        "place": registry_province.place(issued_on),
        "day": f"{issued_on.day:02d}",
        "month": f"{issued_on.month:02d}",
        "year": issued_on.year,
        "applicant": "Ông/bà/cơ quan, tổ chức nộp hồ sơ " + dossier.code,
        "received": _d(dossier.received),
        "procedure": dossier.procedure.name,
        "field": dossier.procedure.field or "…",
        "code": dossier.code,
        "due": _d(dossier.due),
        "new_due": _d(new_due),
        "reason": reason or "Hồ sơ cần thêm thời gian thẩm định, xác minh theo quy định.",
        "signer_title": "Thủ trưởng cơ quan",
        "signer": "",
        "basis": " · ".join(legal_basis(issued_on)),
    }


def render_letter(dossier, issued_on=None, **extra):
    issued_on = issued_on or dossier.apology_date or timezone.localdate()
    doc = DocxTemplate(template_for(issued_on))
    doc.render(letter_context(dossier, issued_on, **extra))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def mark_issued(dossier, user):
    dossier.letter_issued_at = timezone.now()
    dossier.letter_issued_by = user.get_username() if user else ""
    dossier.save(update_fields=["letter_issued_at", "letter_issued_by"])
    record(dossier, "action", {"phiếu xin lỗi": "đã in"}, note="In phiếu xin lỗi và hẹn lại ngày trả kết quả")


def file_name(dossier):
    return f"phieu-xin-loi-{dossier.code}.docx".replace("/", "-")


def batch_zip(dossiers, user):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for dossier in dossiers:
            archive.writestr(file_name(dossier), render_letter(dossier))
            mark_issued(dossier, user)
    return out.getvalue()
