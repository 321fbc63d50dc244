"""The 2026 demo's indices: the published PAPI series 2011–2024 (results of the three former provinces
stay with them; the new Lâm Đồng's series starts in 2025) and who leads each component in 2026."""

from django.db import transaction

from chiso.registry.models import Agency

from . import demo as demo_2022
from .models import Index, Responsibility
from .services import definitions, provinces

PREFIX = "lam-dong-2025"
# Component → (lead, supporting) by department key (registry/departments.py), from 2026.
RESPONSIBILITIES = [
    ("PAPI", "D1", "so-noi-vu", ["mttq"]),
    ("PAPI", "D2", "vp-ubnd", ["so-tai-chinh"]),
    ("PAPI", "D3", "thanh-tra", ["so-noi-vu"]),
    ("PAPI", "D4", "thanh-tra", ["so-noi-vu", "cong-an"]),
    ("PAPI", "D5", "tt-phuc-vu-hcc", ["so-tu-phap", "so-xay-dung", "so-nong-nghiep-moi-truong"]),
    ("PAPI", "D6", "so-y-te", ["so-giao-duc-dao-tao", "cong-an"]),
    ("PAPI", "D7", "so-nong-nghiep-moi-truong", ["so-xay-dung"]),
    ("PAPI", "D8", "so-khoa-hoc-cong-nghe", ["vp-ubnd", "tt-phuc-vu-hcc"]),
    ("PAR", "LV1", "so-noi-vu", ["vp-ubnd"]),
    ("PAR", "LV3", "vp-ubnd", ["tt-phuc-vu-hcc"]),
    ("PAR", "LV7", "so-khoa-hoc-cong-nghe", ["vp-ubnd", "tt-phuc-vu-hcc"]),
    ("SIPAS", "DV", "vp-ubnd", ["tt-phuc-vu-hcc", "so-noi-vu"]),
]


@transaction.atomic
def load(stdout=None):
    definitions.load()
    provinces.ensure()
    papi = Index.objects.get(code="PAPI")
    if not papi.results.filter(year=2024).exists():
        from .services.importer import import_results

        path = demo_2022.papi_path()
        import_results(path.read_bytes(), path.name, "PAPI")
    agencies = {a.code[len(PREFIX) + 1 :]: a for a in Agency.objects.filter(code__startswith=PREFIX + "-")}
    indices = {i.code: i for i in Index.objects.all()}
    for index_code, component, lead, supporting in RESPONSIBILITIES:
        if lead not in agencies or index_code not in indices:
            continue
        row, created = Responsibility.objects.get_or_create(
            index=indices[index_code],
            component_code=component,
            year_from=2026,
            defaults={"lead": agencies[lead]},
        )
        if created:
            row.supporting.set([agencies[c] for c in supporting if c in agencies])
    demo_2022.tag_and_evaluate()
    if stdout:
        stdout.write(
            f"Chỉ số: PAPI 2011–2024 ({papi.results.count()} số liệu), {Responsibility.objects.count()} phân công."
        )
