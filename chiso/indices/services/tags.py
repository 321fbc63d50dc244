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
        if task.parent_id:
            continue  # shares and periods work on what their task works on: it is tagged once
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
    """Confirm or drop a component for the task as a whole: one decision for a task and all its shares."""
    from django.db.models import Q

    root = tag.task.root or tag.task
    family = TaskComponent.objects.filter(index=tag.index, component_code=tag.component_code).filter(
        Q(task=root) | Q(task__root=root)
    )
    if keep:
        own, _ = TaskComponent.objects.get_or_create(
            task=root,
            index=tag.index,
            component_code=tag.component_code,
            defaults={"suggested": tag.suggested, "reason": tag.reason},
        )
        own.confirmed = True
        own.save()
        for other in family.exclude(pk=own.pk):
            other.delete()
    else:
        for other in family:
            other.delete()
