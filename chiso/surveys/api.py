"""Survey results over the API. Nothing here returns invitations next to responses: results are
aggregates, and the invitation list carries only counts."""

from ninja import Router

from chiso.registry import permissions

from .models import Wave
from .services import access, compute

router = Router(tags=["Khảo sát"])


@router.get("/waves")
def waves(request):
    permissions.require_some(request.user, "view", "survey")
    return [
        {
            "id": w.pk,
            "name": w.name,
            "year": w.year,
            "kind": w.questionnaire.kind,
            "status": w.status,
            "start": w.start.isoformat(),
            "end": w.end.isoformat(),
            "responses": w.responses.count(),
            "invited": w.invitations.count(),
            "answered": w.invitations.filter(used=True).count(),
        }
        for w in access.visible_waves(request.user, Wave.objects.select_related("questionnaire")).order_by(
            "id"
        )
    ]


@router.get("/waves/{wave_id}/results")
def wave_results(request, wave_id: int, weighted: bool = True):
    wave = access.wave_for(request.user, wave_id)
    return compute.results(wave, weighted=None if weighted else False)
