from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse

from chiso.registry import permissions

from . import jobqueue
from .hooks import app_modules
from .models import AuditEntry, Job

# Apps fill the home page and the reports page through optional hooks in their `dashboard` module:
# home_cards(request) -> list of {"title", "value", "detail", "url"}; report_links(request) -> list of {"title", "url", "detail"}.


def _collect(hook, request):
    items = []
    for _app, module in app_modules("dashboard"):
        if hasattr(module, hook):
            items.extend(getattr(module, hook)(request))
    return items


@login_required
def home(request):
    return render(request, "core/home.html", {"cards": _collect("home_cards", request)})


@login_required
def reports(request):
    return render(request, "core/reports.html", {"links": _collect("report_links", request)})


def _may_read_log(user, obj):
    """A log says what the object said: its reader needs the audit permission AND the permission to see
    the object itself (the model's audit_access()). Objects without one, or deleted, are for those who
    may read every log (monitors, leaders, administrators)."""
    access = getattr(obj, "audit_access", None) if obj is not None else None
    if access is None:
        return permissions.agency_scope(user, "view", "audit") is None
    kind, action, agency_ids = access()
    return permissions.can(user, "view", "audit", agency_ids) and permissions.can(
        user, action, kind, agency_ids
    )


@login_required
def audit_log(request, content_type_id, object_id):
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        raise Http404
    model = content_type.model_class()
    if model is None:
        raise Http404
    try:
        obj = model._default_manager.filter(pk=object_id).first()
    except (ValueError, TypeError, ValidationError):  # "abc" for an integer key
        raise Http404
    if not _may_read_log(request.user, obj):
        raise PermissionDenied
    entries = AuditEntry.objects.filter(content_type=content_type, object_id=object_id).select_related(
        "actor"
    )[:500]
    return render(
        request, "core/audit_log.html", {"object": obj, "entries": entries, "model_name": content_type.name}
    )


def _job_for(user, pk):
    """The job only for the user who started it (or a superuser); anyone else gets 404, as if none existed."""
    job = Job.objects.filter(pk=pk).first()
    if job is None or not (user.is_superuser or (job.user_id and job.user_id == user.pk)):
        raise Http404
    return job


@login_required
def job_status(request, pk):
    job = _job_for(request.user, pk)
    context = {"job": job, "poll_url": reverse("core:job_status", args=[job.pk]), "title": job.label}
    template = "core/_job_progress.html" if request.headers.get("HX-Request") else "core/job.html"
    return render(request, template, context)


@login_required
def job_download(request, pk):
    job = _job_for(request.user, pk)
    path = jobqueue.output_path(job)
    if job.status != Job.DONE or path is None or not path.exists():
        raise Http404("Tệp kết quả không còn (đã quá hạn lưu hoặc việc chưa xong).")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=job.result["filename"],
        content_type=job.result.get("content_type") or "application/octet-stream",
    )
