"""Province rows: the 63 units until 30/6/2025 and the 34 from 01/7/2025, linked old → new."""

from django.db import transaction

from chiso.registry.models import Agency

from .. import provinces as data
from ..models import Province

NEW_SUFFIX = "-2025"


@transaction.atomic
def ensure():
    """Create the 97 province rows once; cheap when they exist."""
    if Province.objects.count() >= 97:
        return
    new_rows = {}
    for name in data.provinces_34():
        olds = data.MERGERS_2025.get(name) or [k for k, v in data.RENAMED_2025.items() if v == name] or [name]
        region = next((data.REGIONS[r] for n, r in data.PROVINCES_63 if n == olds[0]), "")
        new_rows[name], _ = Province.objects.get_or_create(
            code=data.slug(name) + NEW_SUFFIX,
            defaults={
                "name": name,
                "region": region,
                "valid_from": data.MERGER_OPERATIONAL,
                "merger_confirmed": name in data.CONFIRMED_MERGERS or name not in data.MERGERS_2025,
            },
        )
    for name, region in data.PROVINCES_63:
        successor = new_rows[data.successor_of(name)]
        Province.objects.get_or_create(
            code=data.slug(name),
            defaults={
                "name": name,
                "region": data.REGIONS[region],
                "valid_to": data.LAST_DAY_OLD,
                "successor": successor,
                "merger_confirmed": successor.merger_confirmed,
            },
        )
    link_agencies()


def link_agencies():
    """The demo province's UBND tỉnh agencies (registry) on the old and the new unit."""
    for code, agency_code in (("binh-thuan", "bt-ubnd"), ("lam-dong" + NEW_SUFFIX, "ld-ubnd")):
        agency = Agency.objects.filter(code=agency_code).first()
        if agency:
            Province.objects.filter(code=code, agency__isnull=True).update(agency=agency)


def resolve(name, year):
    """The Province a name means in a result year: old units up to 2024, the 34 new ones from 2025."""
    canonical = data.canonical(name)
    if year is not None and year >= 2025:
        if canonical is None:
            return None
        new_name = (
            canonical if canonical in data.MERGERS_2025 else data.RENAMED_2025.get(canonical, canonical)
        )
        if new_name not in data.provinces_34():
            return None
        return Province.objects.filter(code=data.slug(new_name) + NEW_SUFFIX).first()
    if canonical is None:
        return None
    return Province.objects.filter(code=data.slug(canonical)).first()


def lineage(province):
    """[(province, relation)] — predecessors and successor, each with its own history."""
    out = []
    if province.successor_id:
        out.append((province.successor, "đơn vị kế thừa từ 01/7/2025"))
    for old in province.predecessors.all():
        out.append((old, "đơn vị hợp thành (đến 30/6/2025)"))
    return out
