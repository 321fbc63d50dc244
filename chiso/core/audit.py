"""Who changed what, and when, for every business record.

The actor travels in a context variable: the middleware sets it for web requests, commands and
services wrap their work in `acting_as(user)`. Signals then record every save and delete of an
AuditedModel, so no code path can forget to.
"""

import contextvars
import datetime
import decimal
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_save

_actor = contextvars.ContextVar("chiso_audit_actor", default=None)


@contextmanager
def acting_as(user, label=None):
    token = _actor.set((user, label or (user.get_username() if user else "hệ thống")))
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor():
    return _actor.get() or (None, "hệ thống")


class AuditActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = (
            request.user
            if getattr(request, "user", None) is not None and request.user.is_authenticated
            else None
        )
        with acting_as(user, user.get_username() if user else "khách"):
            return self.get_response(request)


def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or ""
    return value


def snapshot(instance):
    exclude = set(getattr(instance, "audit_exclude", ()))
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude:
            continue
        data[field.attname] = _plain(getattr(instance, field.attname))
    return data


def record(instance, action, changes=None, note=""):
    from .models import AuditEntry

    user, label = current_actor()
    return AuditEntry.objects.create(
        actor=user if user is not None and user.pk else None,
        actor_label=label[:200],
        action=action,
        content_type=ContentType.objects.get_for_model(instance.__class__),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=changes or {},
        note=note,
    )


def entries_for(instance):
    from .models import AuditEntry

    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance.__class__), object_id=str(instance.pk)
    ).select_related("actor")


def _is_audited(sender):
    from .models import AuditedModel

    return issubclass(sender, AuditedModel)


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or not _is_audited(sender):
        return
    instance._audit_before = None
    if instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).first()
        instance._audit_before = snapshot(old) if old is not None else None


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw or not _is_audited(sender):
        return
    after = snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        record(instance, "create", {k: [None, v] for k, v in after.items() if v not in (None, "", [], {})})
        return
    diff = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if diff:
        record(instance, "update", diff)


def _after_delete(sender, instance, **kwargs):
    if _is_audited(sender):
        record(instance, "delete", {k: [v, None] for k, v in snapshot(instance).items()})


def connect_signals():
    pre_save.connect(_before_save, dispatch_uid="chiso_audit_pre_save")
    post_save.connect(_after_save, dispatch_uid="chiso_audit_post_save")
    post_delete.connect(_after_delete, dispatch_uid="chiso_audit_post_delete")
