"""Demo data: index definitions, provinces, the real PAPI dataset 2011–2024, a responsibility matrix."""

import os
from pathlib import Path

from django.db import transaction

from chiso.directives.models import Target, Task
from chiso.registry.models import Agency

from .models import Index, Responsibility, Result
from .services import definitions, provinces
from .services.importer import import_results

PAPI_FILE = "papi_province_year_2011_2024.csv"

# Component → (lead, supporting) for the demo province (Bình Thuận), from 2021; the seed's meeting
# gave Sở Nội vụ the overall lead and named the departments below for their areas.
RESPONSIBILITIES = [
    ("PAPI", "D1", "bt-snv", ["bt-mttq", "bt-phanthiet"]),
    ("PAPI", "D2", "bt-vp-ubnd", ["bt-stc", "bt-stnmt", "bt-sldtbxh"]),
    ("PAPI", "D3", "bt-ttt", ["bt-mttq", "bt-snv"]),
    ("PAPI", "D4", "bt-ttt", ["bt-snv", "bt-cat"]),
    ("PAPI", "D5", "bt-tthcc", ["bt-stp", "bt-sxd", "bt-stnmt"]),
    ("PAPI", "D6", "bt-syt", ["bt-sgddt", "bt-cat", "bt-sgtvt"]),
    ("PAPI", "D7", "bt-stnmt", ["bt-sxd"]),
    ("PAPI", "D8", "bt-stttt", ["bt-vp-ubnd", "bt-tthcc"]),
    ("PAR", "LV1", "bt-snv", ["bt-vp-ubnd"]),
    ("PAR", "LV2", "bt-stp", []),
    ("PAR", "LV3", "bt-vp-ubnd", ["bt-tthcc"]),
    ("PAR", "LV4", "bt-snv", []),
    ("PAR", "LV5", "bt-snv", []),
    ("PAR", "LV6", "bt-stc", ["bt-skhdt"]),
    ("PAR", "LV7", "bt-stttt", ["bt-vp-ubnd", "bt-tthcc"]),
    ("PAR", "LV8", "bt-snv", ["bt-skhdt"]),
    ("SIPAS", "DV", "bt-vp-ubnd", ["bt-tthcc", "bt-snv"]),
    ("766", "N3", "bt-stttt", ["bt-tthcc"]),
    ("766", "N4", "bt-stttt", ["bt-stc"]),
]


# PCI of Bình Thuận from a stored snapshot of pcivietnam.vn's province table (domain.md §4). The snapshot
# matches PCI 2021 (Bà Rịa - Vũng Tàu 69.03, rank 9) but the year is an inference: loaded as provisional.
PCI_CSV = (
    "province_vi,year,P1,P2,P3,P4,P5,P6,P7,P8,P9,P10,total,rank,tier\n"
    "Bình Thuận,2021,5.79,6.98,6.93,7.25,6.97,5.52,7.04,7.69,5.14,6.35,65.96,21,Khá\n"
    "Bà Rịa - Vũng Tàu,2021,,,,,,,,,,,69.03,9,\n"
)
PCI_SOURCE = "pcivietnam.vn – bảng chỉ số các tỉnh (bản lưu; năm 2021 là suy luận, cần đối chiếu)"


def papi_path():
    """The copy shipped with the package (data/PROVENANCE.md): the demo never reads beside the repository."""
    return Path(__file__).resolve().parent / "data" / PAPI_FILE


def load_responsibilities():
    agencies = {a.code: a for a in Agency.objects.filter(code__startswith="bt-")}
    indices = {i.code: i for i in Index.objects.all()}
    for index_code, component, lead, supporting in RESPONSIBILITIES:
        if lead not in agencies:
            continue
        row, created = Responsibility.objects.get_or_create(
            index=indices[index_code],
            component_code=component,
            year_from=2021,
            defaults={"lead": agencies[lead]},
        )
        if created:
            row.supporting.set([agencies[c] for c in supporting if c in agencies])


def tag_and_evaluate():
    """Suggest component tags for the demo notices' tasks and judge their targets against the data."""
    from .services.tags import suggest_for_tasks
    from .services.targets import evaluate_targets

    suggest_for_tasks(Task.objects.filter(component_tags__isnull=True))
    for year in Target.objects.exclude(year=None).values_list("year", flat=True).distinct():
        evaluate_targets(year)


@transaction.atomic
def load(stdout=None):
    definitions.load()
    provinces.ensure()
    papi = Index.objects.get(code="PAPI")
    path = papi_path()
    if not Result.objects.filter(index=papi, year=2024).exists():
        import_results(path.read_bytes(), os.path.basename(path), "PAPI")
    if not Result.objects.filter(index__code="PCI").exists():
        import_results(PCI_CSV.encode(), "pci-binh-thuan-2021.csv", "PCI", source=PCI_SOURCE, official=False)
    load_responsibilities()
    tag_and_evaluate()
    if stdout:
        stdout.write(
            f"Chỉ số: {Index.objects.count()} bộ chỉ số, {Result.objects.count()} số liệu (PAPI từ {path}).\n"
        )
