"""Province rows: the 63 units until 30/6/2025 and the 34 from 01/7/2025, linked old → new."""

from django.db import transaction

from chiso.core import memo
from chiso.registry import province as registry_province

from .. import provinces as data
from ..models import Province

NEW_SUFFIX = "-2025"


def ensure():
    """Create the 97 province rows once; cheap when they exist (and checked once per request).

    The check takes no transaction: on SQLite (IMMEDIATE mode) one would take the write lock on every
    page that shows an index, and the web processes would queue behind each other for it."""
    memo.per_request("indices.provinces.ensure", _ensure)


def _ensure():
    if Province.objects.count() >= 97:
        link_agencies()
        return
    with transaction.atomic():
        _create()
    link_agencies()


def _create():
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


def link_agencies():
    """Each period of the installation's province (registry setting) to its UBND tỉnh agency."""
    for row in registry_province.history():
        found = resolve(row.name, _year_of(row))
        if found is not None and row.agency_id and found.agency_id != row.agency_id:
            Province.objects.filter(pk=found.pk).update(agency=row.agency)


def _year_of(row):
    # A period's year for resolve(): the new units from 2025, the old ones before.
    if row.valid_from and row.valid_from >= data.MERGER_OPERATIONAL:
        return row.valid_from.year
    return (row.valid_to or data.LAST_DAY_OLD).year - (0 if row.valid_to is None else 1)


def home(on=None):
    """The installation's province (registry setting) on a date, as a row of the indices' list."""
    row = registry_province.on(on)
    if row is None:
        return None
    ensure()
    return resolve(row.name, _year_of(row))


def home_line():
    """Every period of the installation's province, newest first: [Province, ...]."""
    ensure()
    out = []
    for row in reversed(registry_province.history()):
        found = resolve(row.name, _year_of(row))
        if found is not None and found not in out:
            out.append(found)
    return out


def home_with_results(index=None):
    """The newest period of the installation's province that has results (of `index` when given).

    A province formed on 1/7/2025 has no series before 2025: until its first results arrive the
    results of its predecessor stay with the predecessor and are shown under its own name.
    """
    from ..models import Result

    line = home_line()
    for found in line:
        results = Result.objects.filter(province=found)
        if index is not None:
            results = results.filter(index=index)
        if results.exists():
            return found
    return line[0] if line else None


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


def merger_note(province):
    """What a reader must know about comparing this unit's results across the 1/7/2025 merger, or ""."""
    if province is None:
        return ""
    if province.valid_from and province.valid_from >= data.MERGER_OPERATIONAL:
        olds = list(province.predecessors.order_by("name"))
        if not olds or (len(olds) == 1 and olds[0].name == province.name):
            return ""
        names = ", ".join(o.name for o in olds)
        return (
            f"{province.name} (từ {province.valid_from:%d/%m/%Y}) được hợp nhất từ {names}: chuỗi số liệu của "
            "đơn vị mới bắt đầu từ năm 2025, kết quả đến năm 2024 vẫn thuộc từng tỉnh cũ. Không so sánh qua "
            "thời điểm hợp nhất bằng cách cộng hay lấy trung bình kết quả các tỉnh cũ; chỉ so sánh khi chính "
            "chỉ số công bố số liệu tính lại cho đơn vị mới (khi đó số liệu được nhập với nguồn của nó)."
        )
    if province.successor_id and province.valid_to:
        successor = province.successor
        if successor.name == province.name and successor.predecessors.count() == 1:
            return ""
        return (
            f"Kết quả của {province.name} đến năm {province.valid_to.year - 1} là của tỉnh cũ; từ "
            f"{successor.valid_from:%d/%m/%Y} tỉnh thuộc {successor.name} (đơn vị mới), chuỗi số liệu mới bắt đầu "
            "từ năm 2025 và không nối với chuỗi này."
        )
    return ""
