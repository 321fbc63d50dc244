"""The 2026 demo's surveys: a closed SIPAS wave of August–October 2026 over the 2026 departments and a
sample of the new communes (answers made by the 2022 demo's generator), and the open QR-code wave."""

import datetime

from django.db import transaction

from chiso.registry.models import Agency

from . import demo as demo_2022
from .models import Response, Wave
from .services import builtin

YEAR = 2026
PREFIX = "lam-dong-2025"


def _agencies():
    day = datetime.date(YEAR, 8, 1)
    departments = Agency.objects.valid_on(day).filter(kind="so", code__startswith=PREFIX + "-")
    communes = Agency.objects.valid_on(day).filter(kind="ubnd_xa", code__startswith=PREFIX + "-")
    # Every fifth commune, the wards of the former Phan Thiết among them.
    sample = [a for i, a in enumerate(communes.order_by("national_code")) if i % 5 == 0]
    return list(departments.exclude(code__endswith="-vp-ubnd").order_by("name")) + sample


@transaction.atomic
def load(stdout=None):
    sipas = builtin.install("sipas")
    agencies = _agencies()
    if not agencies:
        if stdout:
            stdout.write("Khảo sát: chưa có danh mục cơ quan, bỏ qua.")
        return
    made = []
    if not Wave.objects.filter(questionnaire=sipas, year=YEAR, status=Wave.CLOSED).exists():
        quality = demo_2022._quality(agencies, YEAR)
        wave = demo_2022._sipas_wave(
            sipas, agencies, YEAR, YEAR, quality, f"Khảo sát SIPAS của tỉnh năm {YEAR}"
        )
        made.append(wave)
    if not Wave.objects.filter(questionnaire=sipas, year=YEAR, status=Wave.OPEN).exists():
        wave = Wave.objects.create(
            questionnaire=sipas,
            name=f"Khảo sát SIPAS tại Trung tâm Phục vụ hành chính công và các xã, phường năm {YEAR}",
            year=YEAR,
            start=datetime.date(YEAR, 1, 1),
            end=datetime.date(YEAR, 12, 31),
            status=Wave.OPEN,
            target_group="Người dân, tổ chức đến giao dịch tại Bộ phận Một cửa (mã QR tại quầy)",
            sample_size=1500,
            public_enabled=True,
        )
        wave.agencies.set(agencies)
        made.append(wave)
    if stdout:
        stdout.write(f"Khảo sát: {len(made)} đợt năm {YEAR}, {Response.objects.count()} phiếu trả lời.")
