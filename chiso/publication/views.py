"""The public pages (no login) and the administrator's page choosing what they show."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from chiso.core.downloads import attachment
from chiso.registry import permissions

from .forms import PublicationForm
from .models import Publication
from .services import choose, open_data, public_data

TEMPLATES = {
    Publication.DIRECTIVE: "publication/directive.html",
    Publication.INDEX: "publication/index_results.html",
    Publication.SURVEY: "publication/survey.html",
}


def _public(response):
    # Revalidated on every visit: an item the administrator withdraws must vanish at once, also
    # from browsers and proxies that kept a copy.
    response["Cache-Control"] = "public, no-cache"
    return response


@require_GET
def home(request):
    items = [{"publication": p, "title": public_data.title(p)} for p in public_data.listed()]
    return _public(render(request, "publication/home.html", {"items": items}))


@require_GET
def item(request, pk):
    publication = public_data.get(pk)
    found = public_data.data(publication)
    ctx = {"publication": publication, "data": found, "tables": public_data.TABLES[publication.kind]}
    if found.get("as_of"):
        ctx["as_of"] = date.fromisoformat(found["as_of"])
    if publication.kind == Publication.INDEX and found["years"]:
        ctx["chart"] = public_data.index_chart(publication)
    return _public(render(request, TEMPLATES[publication.kind], ctx))


@require_GET
def item_json(request, pk):
    publication = public_data.get(pk)
    response = HttpResponse(open_data.to_json(public_data.data(publication)), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return _public(response)


@require_GET
def item_csv(request, pk, table):
    publication = public_data.get(pk)
    header, rows = public_data.table_rows(publication, table)
    response = attachment(
        open_data.to_csv(header, rows), f"cong-khai-{publication.pk}-{table}.csv", "text/csv; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return _public(response)


@require_GET
def catalogue_json(request):
    base = request.build_absolute_uri("/").rstrip("/")
    response = HttpResponse(open_data.to_json(public_data.catalogue(base)), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return _public(response)


@login_required
def manage(request):
    permissions.require(request.user, "view", "publication")
    can_change = permissions.can(request.user, "change", "publication")
    form = PublicationForm()
    if request.method == "POST":
        permissions.require(request.user, "change", "publication")
        form = PublicationForm(request.POST)
        if form.is_valid():
            try:
                publication = choose.publish(request.user, **form.cleaned_data)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, f"Đã công khai: {public_data.title(publication)}.")
                return redirect("publication:manage")
    rows = [
        {"publication": p, "title": public_data.title(p), "visible": public_data.visible(p)}
        for p in Publication.objects.select_related("directive", "index", "province", "wave", "published_by")
    ]
    return render(
        request,
        "publication/manage.html",
        {"rows": rows, "form": form, "can_change": can_change},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def manage_toggle(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    try:
        choose.set_active(request.user, publication, request.POST.get("active") == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        state = "Đang công khai" if publication.active else "Đã thôi công khai"
        messages.success(request, f"{state}: {public_data.title(publication)}.")
    return redirect("publication:manage")
