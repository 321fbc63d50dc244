"""Who may open which survey wave and read which answers: one place for the views, exports and API."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from chiso.registry import permissions

from ..models import Wave


def wave_agency_ids(wave):
    return list(wave.agencies.values_list("pk", flat=True))


def visible_waves(user, qs=None):
    """Waves the user may see: all for monitors, those rating one of their own agencies for a head."""
    qs = Wave.objects.all() if qs is None else qs
    return permissions.filter_queryset(qs, user, "view", "survey", "agencies")


def wave_for(user, pk, action="view"):
    """The wave if the user may act on it; a wave that rates only other agencies is refused (403)."""
    wave = get_object_or_404(Wave.objects.select_related("questionnaire"), pk=pk)
    if not permissions.can(user, action, "survey", wave_agency_ids(wave)):
        raise PermissionDenied("Bạn không có quyền xem đợt khảo sát này.")
    return wave


def visible_responses(user, wave):
    """The answer sheets whose words the user may read: about their own agencies only, unless a monitor."""
    return permissions.filter_queryset(wave.responses.all(), user, "view", "survey", "agency")
