from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
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


@login_required
def audit_log(request, content_type_id, object_id):
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        raise Http404
    model = content_type.model_class()
    obj = model._default_manager.filter(pk=object_id).first() if model else None
    agency_ids = None
    if obj is not None:
        if hasattr(obj, "agency_ids"):
            agency_ids = obj.agency_ids()
        elif hasattr(obj, "agency_id"):
            agency_ids = [obj.agency_id]
        elif model.__name__ == "Agency":
            agency_ids = [obj.pk]
    if not permissions.can(request.user, "view", "audit", agency_ids if agency_ids is not None else []):
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
