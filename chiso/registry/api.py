from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from . import permissions, services
from .models import Agency

router = Router(tags=["Danh mục cơ quan"])


class AgencyOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    valid_from: date | None
    valid_to: date | None
    aliases: list[str]


class CandidateOut(Schema):
    name: str
    confidence: float
    is_group: bool
    agency_ids: list[int]


@router.get("/agencies", response=list[AgencyOut])
def list_agencies(request, on: date | None = None, q: str = ""):
    permissions.require(request.user, "view", "agency")
    agencies = Agency.objects.all()
    if on:
        agencies = agencies.valid_on(on)
    if q:
        agencies = agencies.search(q)
    return agencies


@router.get("/agencies/lookup", response=list[CandidateOut])
def lookup(request, name: str, on: date | None = None):
    permissions.require(request.user, "view", "agency")
    return [c for c, _agencies in services.lookup(name, on=on)]


@router.get("/agencies/{agency_id}", response=AgencyOut)
def get_agency(request, agency_id: int):
    permissions.require(request.user, "view", "agency")
    return get_object_or_404(Agency, pk=agency_id)
