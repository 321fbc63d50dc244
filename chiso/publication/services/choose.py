"""An administrator chooses what is public; each choice is audited (Publication is an AuditedModel)."""

from django.core.exceptions import ValidationError

from chiso.registry import permissions

from ..models import Publication


def publish(user, **fields):
    """A new active Publication; ValidationError (Vietnamese) when the object may not be published."""
    permissions.require(user, "change", "publication")
    publication = Publication(published_by=user if getattr(user, "pk", None) else None, **fields)
    publication.full_clean(exclude=["published_by"])
    duplicate = Publication.objects.filter(
        kind=publication.kind,
        directive=publication.directive,
        index=publication.index,
        province=publication.province,
        wave=publication.wave,
        year_from=publication.year_from,
        year_to=publication.year_to,
    ).first()
    if duplicate is not None:
        if not duplicate.active:
            return set_active(user, duplicate, True)
        raise ValidationError("Nội dung này đã được công khai.")
    publication.save()
    return publication


def set_active(user, publication, active):
    permissions.require(user, "change", "publication")
    if active:
        publication.full_clean(exclude=["published_by"])
    if publication.active != active:
        publication.active = active
        publication.save(update_fields=["active"])
    return publication
