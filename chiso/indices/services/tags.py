"""Tag directive tasks with the index components they target (suggested from wording, then confirmed)."""

from django.db import transaction

from ..models import Index, TaskComponent
from ..tagging import suggest_components


@transaction.atomic
def suggest_for_tasks(tasks):
    """Create suggested (unconfirmed) tags for each task; existing tags are kept. Returns the number created."""
    indices = {i.code: i for i in Index.objects.all()}
    created = 0
    for task in tasks:
        seen = set()
        for s in suggest_components(task.text):
            index = indices.get(s["index"])
            if index is None or (s["index"], s["component"]) in seen:
                continue
            seen.add((s["index"], s["component"]))
            _, new = TaskComponent.objects.get_or_create(
                task=task,
                index=index,
                component_code=s["component"],
                defaults={"suggested": True, "reason": s["reason"]},
            )
            created += new
    return created


def confirm(tag, keep=True):
    if keep:
        tag.confirmed = True
        tag.save()
    else:
        tag.delete()
