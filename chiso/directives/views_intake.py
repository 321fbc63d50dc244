"""Web intake of a notice: upload, review the proposed tasks beside their source, publish ("Ban hành")."""

import os
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from chiso.core import uploads
from chiso.notices import NoticeReadError
from chiso.notices.cli import fmt_date
from chiso.registry import permissions
from chiso.registry.models import Agency

from .forms_intake import EVERY, AddAgencyForm, IntakeTaskForm
from .models import NoticeDraft, Task
from .services import intake, resolution


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


def _notice_day(doc):
    on_text = doc.get("date") or doc.get("meeting_date")
    return date.fromisoformat(on_text) if on_text else None


def _review_forms(request, tasks, agencies):
    """One bound IntakeTaskForm per proposed task, checked."""
    by_name = {a.name.casefold(): a.pk for a in agencies}
    ids = [a.pk for a in agencies]
    forms = []
    for i, t in enumerate(tasks):
        form = IntakeTaskForm(
            request.POST, index=i, label=intake.ref_label(t.get("ref")), by_name=by_name, agency_ids=ids
        )
        form.is_valid()
        forms.append(form)
    return forms


def _save_edits(request, tasks, agencies):
    """The draft's tasks as the reviewer left them on the page, and the problems of the accepted ones
    (a task left out of the notice need not be complete)."""
    reviewed, errors = [], []
    for form, t in zip(_review_forms(request, tasks, agencies), tasks):
        reviewed.append(form.apply(t))
        if form.cleaned_data.get("accept"):
            errors += form.messages()
    return reviewed, errors


def _agencies(on):
    # Offer the agencies that existed when the notice was issued, not today's structure.
    choices = Agency.objects.valid_on(on) if on else Agency.objects.all()
    return list(choices.order_by("name").only("pk", "name", "valid_to"))


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    """Review a draft: save it and come back, cancel it, or publish it ("Ban hành")."""
    _require_monitor(request.user)
    draft = get_object_or_404(NoticeDraft, pk=pk)
    parsed = draft.parsed
    tasks = parsed.get("tasks") or []
    doc = parsed.get("document") or {}
    on = _notice_day(doc)
    agencies = _agencies(on)
    names = {a.pk: a.name for a in agencies}
    errors = []
    resolver = resolution.Resolver(on)
    if request.method == "POST" and draft.status == NoticeDraft.OPEN:
        action = request.POST.get("action", "publish")
        if action == "discard":
            draft.status = NoticeDraft.DISCARDED
            draft.save(update_fields=["status"])
            messages.success(request, f"Đã hủy bản nháp “{draft.filename}”; không có gì được ban hành.")
            return redirect("directives:intake_upload")
        reviewed, errors = _save_edits(request, tasks, agencies)
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
    elif draft.status == NoticeDraft.OPEN and resolution.reresolve(tasks, resolver=resolver):
        # An agency added to the registry since (here or in the registry pages) settles names the
        # reader could not resolve: the draft keeps them, nobody types them again.
        draft.parsed = dict(parsed, tasks=tasks)
        draft.save(update_fields=["parsed"])
    can_add_agency = permissions.can(request.user, "change", "agency")
    rows = []
    for i, t in enumerate(tasks):
        dl = t.get("deadline") or {}
        lead_ids = t.get("lead_agency_ids") or []
        written = resolution.task_names(t, resolver)
        unsettled = [n for n in written if n["status"] != resolution.RESOLVED and not n["is_class"]]
        rows.append(
            {
                "i": i,
                "ref": intake.ref_label(t.get("ref")),
                "task": t,
                "accepted": t.get("accepted", True),
                "source": _highlight(t.get("source"), t),
                "lead_value": "; ".join(names[x] for x in lead_ids if x in names),
                "lead_ids": lead_ids,
                "coord_ids": t.get("coordinator_agency_ids") or [],
                "coordinators": [(x, names[x]) for x in t.get("coordinator_agency_ids") or [] if x in names],
                "names": written,
                "unsettled": unsettled,
                # a task needing attention is shown open; the others are folded to one line
                "open": not lead_ids or bool(unsettled and t.get("unresolved")),
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


@login_required
@require_http_methods(["POST"])
def add_agency(request, pk):
    """Add a name the notice used to the registry, from the review screen: the reviewer's edits on the
    page are kept (saved to the draft first), the new agency is created (audited like any agency), and
    every name of the draft that now resolves gets its agency."""
    _require_monitor(request.user)
    if not permissions.can(request.user, "change", "agency"):
        raise PermissionDenied("Chỉ quản trị viên danh mục được thêm cơ quan vào danh mục.")
    draft = get_object_or_404(NoticeDraft, pk=pk, status=NoticeDraft.OPEN)
    form = AddAgencyForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Thiếu tên cơ quan cần thêm vào danh mục (agency_name).")
    parsed = draft.parsed
    tasks = parsed.get("tasks") or []
    on = _notice_day(parsed.get("document") or {})
    if any(k.startswith("accept_") or k.startswith("lead_") for k in request.POST):
        tasks, _problems = _save_edits(request, tasks, _agencies(on))
    with transaction.atomic():
        agency, created = resolution.add_agency(form.cleaned_data["agency_name"])
        filled = resolution.reresolve(tasks, on=on)
        draft.parsed = dict(parsed, tasks=tasks)
        draft.save(update_fields=["parsed"])
    what = "Đã thêm" if created else "Danh mục đã có"
    messages.success(
        request,
        f"{what} “{agency.name}” ({resolution.kind_label(agency.kind)}); {filled} tên trong văn bản đã được "
        "gắn với cơ quan trong danh mục. Có thể sửa thông tin chi tiết trong trang Danh mục cơ quan.",
    )
    return redirect("directives:intake_review", pk=draft.pk)
