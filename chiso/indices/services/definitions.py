"""Write the shipped index definitions (chiso/indices/definitions.py) to the database, idempotently."""

from django.db import transaction

from .. import definitions as data
from ..models import Component, Index, Methodology


@transaction.atomic
def load(indices=None):
    """Create or update every index, methodology and component; returns the number of components."""
    count = 0
    for position, spec in enumerate(indices or data.INDICES, start=1):
        index, _ = Index.objects.update_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "name_en": spec.get("name_en", ""),
                "owner": spec.get("owner", ""),
                "unit": spec.get("unit", ""),
                "position": position,
            },
        )
        for m in spec["methodologies"]:
            count += load_methodology(index, m)
    return count


def load_methodology(index, m):
    methodology, _ = Methodology.objects.update_or_create(
        code=m["code"],
        defaults={
            "index": index,
            "name": m["name"],
            "year_from": m["year_from"],
            "year_to": m.get("year_to"),
            "legal_basis": m.get("legal_basis", ""),
            "total_max": m.get("total_max"),
            "total_rule": m.get("total_rule", "given"),
            "tiers": m.get("tiers") or {},
            "confirmed": m.get("confirmed", True),
            "note": m.get("note", ""),
        },
    )
    existing = {c.code: c for c in methodology.components.all()}
    count = 0
    for comp, parent_code, level, position in data.walk(m["components"]):
        fields = {
            "parent": existing.get(parent_code) if parent_code else None,
            "name": comp["name"],
            "name_en": comp.get("name_en", ""),
            "level": level,
            "position": position,
            "max_points": comp.get("max"),
            "scale": comp.get("scale", "points"),
            "weight": comp.get("weight"),
            "grain": comp.get("grain", "main"),
            "confirmed": comp.get("confirmed", True),
            "note": comp.get("note", ""),
        }
        obj = existing.get(comp["code"])
        if obj is None:
            obj = Component.objects.create(methodology=methodology, code=comp["code"], **fields)
            existing[comp["code"]] = obj
        elif any(getattr(obj, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(obj, k, v)
            obj.save()
        count += 1
    return count
