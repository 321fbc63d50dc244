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
    error = None
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
                draft, existing = intake.create_draft(f.read(), f.name, request.user)
            except NoticeReadError as exc:
                error = exc.message
            else:
                if existing is not None:
                    messages.info(
                        request, f"Văn bản này đã được ban hành trước đây ({existing}); không tạo thêm."
                    )
                    return redirect("directives:directive", pk=existing.pk)
                return redirect("directives:intake_review", pk=draft.pk)
    drafts = NoticeDraft.objects.filter(status=NoticeDraft.OPEN)[:20]
    return render(
        request,
        "directives/intake/upload.html",
        {"title": "Nhập thông báo kết luận", "error": error, "drafts": drafts},
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    _require_monitor(request.user)
    draft = get_object_or_404(NoticeDraft, pk=pk)
    parsed = draft.parsed
    tasks = parsed.get("tasks") or []
    errors = []
    if request.method == "POST" and draft.status == NoticeDraft.OPEN:
        accepted = []
        for i, t in enumerate(tasks):
            if not request.POST.get(f"accept_{i}"):
                continue
            t = dict(t, deadline=dict(t.get("deadline") or {}))
            t["text"] = request.POST.get(f"text_{i}", t["text"]).strip() or t["text"]
            lead_choice = request.POST.get(f"lead_{i}", "auto")
            if lead_choice != "auto" and lead_choice.isdigit():
                agency = Agency.objects.filter(pk=int(lead_choice)).first()
                if agency:
                    t["lead_agency_ids"], t["lead"] = [agency.pk], t.get("lead") or agency.name
            if not t.get("lead_agency_ids"):
                errors.append(f"Mục {t['ref']}: chọn cơ quan chủ trì trong danh mục.")
            t["coordinator_agency_ids"] = [
                int(x) for x in request.POST.getlist(f"coordinators_{i}") if x.isdigit()
            ]
            dl = t["deadline"]
            dl["kind"] = request.POST.get(f"kind_{i}", dl.get("kind") or "none")
            try:
                due = _parse_ddmmyyyy(request.POST.get(f"due_{i}"))
                start = _parse_ddmmyyyy(request.POST.get(f"start_{i}"))
            except ValueError as exc:
                errors.append(f"Mục {t['ref']}: ngày “{exc}” không đúng dạng dd/mm/yyyy.")
                continue
            dl["due"] = due.isoformat() if due else None
            dl["start"] = start.isoformat() if start else None
            dl["every"] = request.POST.get(f"every_{i}") or None
            accepted.append(t)
        if not accepted:
            errors.append("Chưa chọn nhiệm vụ nào để ban hành.")
        if not errors:
            directive = intake.publish_draft(draft, request.user, accepted)
            messages.success(
                request,
                f"Đã ban hành {directive} với {directive.tasks.filter(parent=None).count()} nhiệm vụ.",
            )
            return redirect("directives:directive", pk=directive.pk)
    doc = parsed.get("document") or {}
    # Offer the agencies that existed when the notice was issued, not today's structure.
    on = doc.get("date") or doc.get("meeting_date")
    choices = Agency.objects.valid_on(date.fromisoformat(on)) if on else Agency.objects.all()
    agencies = list(choices.order_by("name").only("pk", "name", "valid_to"))
    names = {a.pk: a.name for a in agencies}
    rows = []
    for i, t in enumerate(tasks):
        dl = t.get("deadline") or {}
        rows.append(
            {
                "i": i,
                "task": t,
                "source": _highlight(t.get("source"), t),
                "lead_names": [names.get(x, "?") for x in t.get("lead_agency_ids") or []],
                "coordinator_ids": set(t.get("coordinator_agency_ids") or []),
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
        },
        status=400 if errors else 200,
    )
