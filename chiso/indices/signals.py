"""React to the directives app without editing it: new tasks get suggested component tags, new targets
are evaluated at once if their year's results are already in. Both run after the transaction commits, so a
notice being published is never slowed down or rolled back by them."""

from django.db import transaction
from django.db.models.signals import post_save


def _task_created(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.parent_id:
        return  # a share or period is tagged through its task

    def run():
        from .models import Index
        from .services.tags import suggest_for_tasks

        if Index.objects.exists():
            suggest_for_tasks([instance])

    transaction.on_commit(run)


def _target_created(sender, instance, created, raw=False, **kwargs):
    if not created or raw or not instance.year:
        return

    def run():
        from .services.targets import evaluate_target

        evaluate_target(instance)

    transaction.on_commit(run)


def connect():
    from chiso.directives.models import Target, Task

    post_save.connect(_task_created, sender=Task, dispatch_uid="indices-task-tags")
    post_save.connect(_target_created, sender=Target, dispatch_uid="indices-target-evaluate")
