"""React to the directives app without editing it (listed in docs/architecture.md, "Signals between
apps"): new tasks get suggested component tags, new targets are evaluated at once if their year's
results are already in. Both run after the transaction commits, so a notice being published is never
slowed down or rolled back by them. Connected by IndicesConfig.ready()."""

from django.db import transaction
from django.db.models.signals import post_save

from chiso.directives.models import Target, Task

from .models import Index
from .services.tags import suggest_for_tasks
from .services.targets import evaluate_target


def _task_created(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.parent_id:
        return  # a share or period is tagged through its task

    def run():
        if Index.objects.exists():
            suggest_for_tasks([instance])

    transaction.on_commit(run)


def _target_created(sender, instance, created, raw=False, **kwargs):
    if not created or raw or not instance.year:
        return
    transaction.on_commit(lambda: evaluate_target(instance))


def connect():
    post_save.connect(_task_created, sender=Task, dispatch_uid="indices-task-tags")
    post_save.connect(_target_created, sender=Target, dispatch_uid="indices-target-evaluate")
