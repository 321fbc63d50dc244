"""Annual evaluation of heads: one DOCX and one XLSX per agency and year."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from chiso.core import exports
from chiso.core.downloads import DOCX, attachment
from chiso.directives.services import life
from chiso.registry import permissions
from chiso.registry.models import Agency

from .services import evaluation


def _year(request):
    try:
        return int(request.GET.get("nam") or life.today().year)
    except ValueError:
        raise Http404("Năm không hợp lệ.")


@login_required
def evaluation_list(request):
    found = permissions.scope(request.user, "view", "accountability")
    if found is None:
        raise PermissionDenied("Bạn không có quyền xem tổng hợp đánh giá người đứng đầu.")
    year = _year(request)
    agencies = evaluation.agencies_for(year)
    if found != permissions.ALL:
        agencies = agencies.filter(pk__in=permissions.own_agency_ids(request.user))
    return render(request, "programme/evaluation_list.html", {"agencies": agencies, "year": year})


@login_required
def evaluation_file(request, agency_pk, year, ext):
    if ext not in ("docx", "xlsx"):
        raise Http404("Chỉ có tệp DOCX hoặc XLSX.")
    agency = get_object_or_404(Agency, pk=agency_pk)
    if not permissions.can(request.user, "view", "accountability", [agency.pk]):
        raise PermissionDenied("Bạn không có quyền xem tổng hợp của đơn vị này.")
    rows = evaluation.gather(agency, year)
    name = evaluation.file_name(agency, year, ext)
    if ext == "xlsx":
        return exports.download(evaluation.to_xlsx(agency, year, rows), name)
    # issued by the person's own office (Sở Nội vụ for a monitor, the agency itself for its head)
    issuer = request.user.agency.name if request.user.agency_id else "Sở Nội vụ"
    data = evaluation.to_docx(agency, year, rows, issuer_name=issuer, on=life.today())
    return attachment(data, name, DOCX)
