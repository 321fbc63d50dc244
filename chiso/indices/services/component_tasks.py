"""The tasks that work on each component of an index, read the way people read them: a task of a
notice once, whatever number of agencies share it, with how far its shares are.

A tag may sit on the task itself or (older data) on its shares or periods: both count for the task
above them, so a group task of 117 shares is one line, "117 đơn vị: 49 hoàn thành, …"."""

from django.db.models import Q

from chiso.directives.models import ReminderSchedule
from chiso.directives.services import life, lists

from ..models import TaskComponent


def count_by_component(index, codes=None):
    """{component code: number of tasks} as by_component() counts its items (a task of a notice once,
    its shares and periods with it), from the tags alone: for a card that shows only the number."""
    tags = TaskComponent.objects.filter(index=index)
    if codes is not None:
        tags = tags.filter(component_code__in=list(codes))
    roots = {}
    for code, task, root in tags.values_list("component_code", "task_id", "task__root_id"):
        roots.setdefault(code, set()).add(root or task)  # the task of the notice (Task.root)
    return {code: len(found) for code, found in roots.items()}


def by_component(index, codes=None):
    """{component code: [item]} with item = {task, tag, confirmed, n, counts…, summary, status, percent}."""
    on, soon = life.today(), ReminderSchedule.current().due_soon_days
    # Only the fields shown: a task row also carries JSON (checklist, milestones) not worth decoding here.
    fields = ["id", "parent_id", "root_id", "directive_id", "ref", "text", "position", "lead_id", "state"]
    tags = (
        TaskComponent.objects.filter(index=index)
        .select_related("task", "task__root")
        .only(
            "task_id",
            "index_id",
            "component_code",
            "confirmed",
            "suggested",
            "reason",
            *[f"task__{f}" for f in fields],
            *[f"task__root__{f}" for f in fields],
        )
    )
    if codes is not None:
        tags = tags.filter(component_code__in=list(codes))
    found = {}
    for tag in tags.order_by("pk"):
        root = tag.task.root or tag.task
        items = found.setdefault(tag.component_code, {})
        item = items.get(root.pk)
        if item is None:
            items[root.pk] = {"task": root, "tag": tag, "confirmed": tag.confirmed}
        else:
            item["confirmed"] = item["confirmed"] or tag.confirmed
            if tag.task_id == root.pk:
                item["tag"] = tag  # the task's own tag is the one to confirm
    roots = {pk for items in found.values() for pk in items}
    if not roots:
        return {}
    leaves = lists.leaves().filter(Q(pk__in=roots) | Q(root_id__in=roots))
    groups = {g["top"]: g for g in lists.grouped(leaves, on, soon)}
    singles = {}
    for g in groups.values():
        if g["n"] == 1:
            singles[g["first_leaf"]] = g["top"]
    leaf_tasks = lists.leaves().filter(pk__in=list(singles)).select_related("lead")
    status_of = {singles[t.pk]: life.status(t, on, soon) for t in leaf_tasks}
    result = {}
    for code, items in found.items():
        rows = []
        for pk, item in items.items():
            g = groups.get(pk) or {"n": 0, "done": 0, "active": 0, "new": 0, "overdue": 0, "reported": 0}
            task = item["task"]
            unit = "kỳ" if task.lead_id else "đơn vị"
            item.update(g)
            item["group"] = g["n"] > 1
            item["summary"] = lists.share_summary(g["n"], g, unit) if g["n"] > 1 else ""
            item["status"] = status_of.get(pk)
            item["percent"] = round(100 * g["done"] / g["n"]) if g["n"] else 0
            rows.append(item)
        rows.sort(key=lambda i: (i["task"].directive_id, i["task"].position, i["task"].pk))
        result[code] = rows
    return result
