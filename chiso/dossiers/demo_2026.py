"""The 2026 demo's dossiers: one-stop data of Lâm Đồng received in 2026 up to today, made by the demo
generator (services/generator.py) for the 2026 agencies and imported as any export is."""

import csv
import os
import tempfile
from datetime import date, datetime

from django.utils import timezone

from chiso.registry.models import Agency

DEMO_N = 12000
YEAR = 2026
PREFIX = "lam-dong-2025"

# The demo catalogue (catalogue.py) names each provincial procedure's department by its code in the
# 2022 demo; in 2026 the department that carries it (the 1/3/2025 mergers, registry/departments.py).
OWNERS = {
    "bt-skhdt": "so-tai-chinh",
    "bt-stc": "so-tai-chinh",
    "bt-sxd": "so-xay-dung",
    "bt-sgtvt": "so-xay-dung",
    "bt-stnmt": "so-nong-nghiep-moi-truong",
    "bt-snnptnt": "so-nong-nghiep-moi-truong",
    "bt-stttt": "so-khoa-hoc-cong-nghe",
    "bt-skhcn": "so-khoa-hoc-cong-nghe",
    "bt-stp": "so-tu-phap",
    "bt-sldtbxh": "so-noi-vu",
    "bt-snv": "so-noi-vu",
    "bt-syt": "so-y-te",
    "bt-sct": "so-cong-thuong",
    "bt-sgddt": "so-giao-duc-dao-tao",
    "bt-svhttdl": "so-van-hoa-tt-dl",
}


def agencies():
    """(catalogue owner code, 2026 agency name, kind) for the generator: departments, then communes."""
    names = {a.code: a.name for a in Agency.objects.filter(code__startswith=PREFIX + "-")}
    out = [
        (owner, names[f"{PREFIX}-{key}"], "so") for owner, key in OWNERS.items() if f"{PREFIX}-{key}" in names
    ]
    communes = Agency.objects.filter(kind="ubnd_xa", valid_from__year=2025, code__startswith=PREFIX + "-")
    out += [(a.code, a.name, "ubnd_xa") for a in communes.order_by("national_code")]
    return out


def _drop_future(path, today):
    """Keep the dossiers received up to today (the generator covers the whole year)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    column = rows[0].index("Ngày tiếp nhận")
    kept = [rows[0]] + [r for r in rows[1:] if datetime.strptime(r[column][:10], "%d/%m/%Y").date() <= today]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(kept)
    return len(kept) - 1


def load(stdout=None):
    from .models import Dossier
    from .services.generator import ensure_catalogue, generate
    from .services.importer import calendar_index, import_dossiers

    ensure_catalogue()
    today = min(timezone.localdate(), date(YEAR, 12, 31))
    if Dossier.objects.filter(received__year=YEAR).exists():
        if stdout:
            stdout.write(f"Hồ sơ TTHC: đã có hồ sơ năm {YEAR}, bỏ qua.")
        return
    handle, path = tempfile.mkstemp(suffix=".csv")
    os.close(handle)
    try:
        generate(path, DEMO_N, YEAR, calendar_index(), seed=YEAR, export_day=today, agencies=agencies())
        _drop_future(path, today)
        result = import_dossiers(path, file_name=f"mot-cua-{YEAR}.csv", today=today)
    finally:
        os.unlink(path)
    if stdout:
        stdout.write(f"Hồ sơ TTHC: {result.rows} hồ sơ tiếp nhận năm {YEAR} đến ngày {today:%d/%m/%Y}.")
