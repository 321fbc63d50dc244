"""Web intake of a notice: upload, review the proposed tasks beside their source, publish ("Ban hành")."""

import os
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from chiso.core import uploads
from chiso.core.forms import parse_date
from chiso.notices import NoticeReadError
from chiso.notices.cli import fmt_date
from chiso.registry import permissions
from chiso.registry.models import Agency

from .models import NoticeDraft, Task
from .services import intake

EVERY = [("", "—"), ("month", "Hằng tháng"), ("quarter", "Hằng quý"), ("year", "Hằng năm")]


def _require_monitor(user):
    if not permissions.can(user, "change", "directive"):
        raise PermissionDenied(
            "Chỉ cán bộ theo dõi (Sở Nội vụ, Văn phòng UBND tỉnh) và quản trị viên được nhập văn bản."
        )


def _highlight(source, task):
    """The source paragraph with the lead, coordinators and deadline words marked."""
    html = escape(source or "")
    phrases = (
        [task.get("lead")] + list(task.get("coordinators") or []) + [(task.get("deadline") or {}).get("text")]
    )
    for phrase in sorted({p for p in phrases if p}, key=len, reverse=True):
        safe = escape(phrase)
        html = html.replace(safe, f"<mark>{safe}</mark>", 1)
    return mark_safe(html.replace("\n", "<br>"))


def _parse_ddmmyyyy(value):
    """A date from the review form (dd/mm/yyyy), None when empty; ValueError when not a date."""
    try:
        return parse_date(value, "Ngày")
    except ValidationError:
        raise ValueError(value)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    _require_monitor(request.user)
    error = duplicate = None
    if request.method == "POST":
        f = request.FILES.get("file")
        ext = os.path.splitext(f.name)[1].lower() if f else ""
        if f is None:
            error = "Hãy chọn tệp thông báo (.txt, .docx hoặc .pdf)."
        elif ext not in intake.ALLOWED_EXTENSIONS:
            error = f"Định dạng {ext or '(không rõ)'} không được hỗ trợ. Chỉ nhận tệp .txt, .docx hoặc .pdf."
        elif f.size > intake.MAX_UPLOAD_BYTES:
            error = "Tệp quá lớn (tối đa 10 MB)."
        else:
            try:
                uploads.check_upload(f, ["txt", "docx", "pdf"], max_bytes=intake.MAX_UPLOAD_BYTES)
                draft, existing, reason = intake.create_draft(f.read(), f.name, request.user)
            except uploads.UploadRejected as exc:
                error = str(exc)
            except NoticeReadError as exc:
                error = exc.message
            else:
                if existing is None:
                    return redirect("directives:intake_review", pk=draft.pk)
                # Nothing was created: say why, and lead to the notice already in the system.
                duplicate = {"directive": existing, "reason": reason, "filename": f.name}
    drafts = NoticeDraft.objects.filter(status=NoticeDraft.OPEN)[:20]
    return render(
        request,
        "directives/intake/upload.html",
        {"title": "Nhập thông báo kết luận", "error": error, "drafts": drafts, "duplicate": duplicate},
        status=400 if error else (409 if duplicate else 200),
    )


def _names_to_ids(text, by_name):
    """Agency ids for names typed or picked in the review (separated by ";"); unknown names reported."""
    ids, unknown = [], []
    for name in [n.strip() for n in (text or "").split(";") if n.strip()]:
        agency_id = by_name.get(name.casefold())
        if agency_id is None:
            unknown.append(name)
        elif agency_id not in ids:
            ids.append(agency_id)
    return ids, unknown


def _read_row(request, i, t, by_name):
    """One task as the reviewer left it: (task dict, accepted?, errors)."""
    errors = []
    t = dict(t, deadline=dict(t.get("deadline") or {}))
    accepted = bool(request.POST.get(f"accept_{i}"))
    t["accepted"] = accepted
    t["text"] = request.POST.get(f"text_{i}", t.get("text", "")).strip() or t.get("text", "")
    lead_ids, unknown = _names_to_ids(request.POST.get(f"lead_{i}", ""), by_name)
    if unknown:
        errors.append(
            f"Mục {intake.ref_label(t.get('ref'))}: “{'; '.join(unknown)}” không có trong danh mục."
        )
    t["lead_agency_ids"] = lead_ids
    coordinator_ids = [int(x) for x in request.POST.getlist(f"coordinators_{i}") if x.isdigit()]
    extra, unknown = _names_to_ids(request.POST.get(f"coordinators_add_{i}", ""), by_name)
    if unknown:
        errors.append(
            f"Mục {intake.ref_label(t.get('ref'))}: phối hợp “{'; '.join(unknown)}” không có trong danh mục."
        )
    t["coordinator_agency_ids"] = coordinator_ids + [x for x in extra if x not in coordinator_ids]
    dl = t["deadline"]
    dl["kind"] = request.POST.get(f"kind_{i}", dl.get("kind") or "none")
    try:
        due = _parse_ddmmyyyy(request.POST.get(f"due_{i}"))
        start = _parse_ddmmyyyy(request.POST.get(f"start_{i}"))
    except ValueError as exc:
        errors.append(f"Mục {intake.ref_label(t.get('ref'))}: ngày “{exc}” không đúng dạng dd/mm/yyyy.")
    else:
        dl["due"] = due.isoformat() if due else None
        dl["start"] = start.isoformat() if start else None
    dl["every"] = request.POST.get(f"every_{i}") or None
    if accepted and not t["lead_agency_ids"]:
        errors.append(f"Mục {intake.ref_label(t.get('ref'))}: chọn cơ quan chủ trì trong danh mục.")
    return t, accepted, errors


def _candidates(name, on):
    """Registry agencies that may be meant by a name the reader could not resolve."""
    from chiso.registry.services import lookup

    found = []
    for _candidate, agencies in lookup(name, on=on, limit=5):
        for agency in agencies:
            if agency not in found:
                found.append(agency)
    return found[:5]


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    """Review a draft: save it and come back, cancel it, or publish it ("Ban hành")."""
    _require_monitor(request.user)
    draft = get_object_or_404(NoticeDraft, pk=pk)
    parsed = draft.parsed
    tasks = parsed.get("tasks") or []
    doc = parsed.get("document") or {}
    # Offer the agencies that existed when the notice was issued, not today's structure.
    on_text = doc.get("date") or doc.get("meeting_date")
    on = date.fromisoformat(on_text) if on_text else None
    choices = Agency.objects.valid_on(on) if on else Agency.objects.all()
    agencies = list(choices.order_by("name").only("pk", "name", "valid_to"))
    names = {a.pk: a.name for a in agencies}
    by_name = {a.name.casefold(): a.pk for a in agencies}
    errors = []
    action = request.POST.get("action", "publish")
    if request.method == "POST" and draft.status == NoticeDraft.OPEN:
        if action == "discard":
            draft.status = NoticeDraft.DISCARDED
            draft.save(update_fields=["status"])
            messages.success(request, f"Đã hủy bản nháp “{draft.filename}”; không có gì được ban hành.")
            return redirect("directives:intake_upload")
        reviewed = []
        for i, t in enumerate(tasks):
            t, accepted, problems = _read_row(request, i, t, by_name)
            reviewed.append(t)
            if accepted:
                errors += problems  # a task left out of the notice need not be complete
        if action == "save":
            # A draft may be incomplete: keep what is there, say what is still missing.
            draft.parsed = dict(parsed, tasks=reviewed)
            draft.save(update_fields=["parsed"])
            messages.success(request, "Đã lưu bản nháp; có thể quay lại rà soát tiếp bất cứ lúc nào.")
            for problem in errors:
                messages.warning(request, problem)
            return redirect("directives:intake_review", pk=draft.pk)
        accepted_tasks = [t for t in reviewed if t.get("accepted")]
        if not accepted_tasks:
            errors.append("Chưa chọn nhiệm vụ nào để ban hành.")
        if not errors:
            directive = intake.publish_draft(draft, request.user, accepted_tasks)
            messages.success(
                request,
                f"Đã ban hành {directive} với {directive.tasks.filter(parent=None).count()} nhiệm vụ.",
            )
            return redirect("directives:directive", pk=directive.pk)
        tasks = reviewed
    can_add_agency = permissions.can(request.user, "change", "agency")
    rows = []
    for i, t in enumerate(tasks):
        dl = t.get("deadline") or {}
        lead_ids = t.get("lead_agency_ids") or []
        unresolved = [
            {"name": name, "candidates": _candidates(name, on)} for name in t.get("unresolved") or []
        ]
        rows.append(
            {
                "i": i,
                "ref": intake.ref_label(t.get("ref")),
                "task": t,
                "accepted": t.get("accepted", True),
                "source": _highlight(t.get("source"), t),
                "lead_value": "; ".join(names[x] for x in lead_ids if x in names),
                "coordinators": [(x, names[x]) for x in t.get("coordinator_agency_ids") or [] if x in names],
                "unresolved": unresolved,
                # a task needing attention is shown open; the others are folded to one line
                "open": not lead_ids or bool(unresolved),
                "due": fmt_date(dl.get("due")),
                "start": fmt_date(dl.get("start")),
                "kind": dl.get("kind") or "none",
                "every": dl.get("every") or "",
            }
        )
    return render(
        request,
        "directives/intake/review.html",
        {
            "title": "Rà soát nhiệm vụ đề xuất",
            "draft": draft,
            "doc": doc,
            "rows": rows,
            "agencies": agencies,
            "kinds": Task.DEADLINE_KINDS,
            "every_choices": EVERY,
            "errors": errors,
            "warnings": parsed.get("warnings") or [],
            "targets": parsed.get("targets") or [],
            "issued": fmt_date(doc.get("date")),
            "meeting": fmt_date(doc.get("meeting_date")),
            "can_add_agency": can_add_agency,
            "n_open": sum(1 for r in rows if r["open"]),
        },
        status=400 if errors else 200,
    )
