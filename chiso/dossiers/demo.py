"""Demo dossiers: the catalogue and one year (2024) of one-stop data for the demo province (idempotent)."""

import os
import tempfile
from datetime import date

DEMO_N = 30000
DEMO_YEAR = 2024


def load(stdout=None):
    from .models import ColumnMapping
    from .services.generator import ensure_catalogue, generate
    from .services.importer import calendar_index, import_dossiers

    ensure_catalogue()
    ColumnMapping.objects.get_or_create(
        name="igate-excel",
        defaults={
            "columns": {
                "code": "Số hồ sơ",
                "due": "Hạn xử lý",
                "completed": "Ngày hoàn thành",
                "agency": "Đơn vị xử lý",
            },
            "note": "Ví dụ: tệp Excel có tiêu đề khác tệp xuất chuẩn",
        },
    )
    handle, path = tempfile.mkstemp(suffix=".csv")
    os.close(handle)
    try:
        generate(path, DEMO_N, DEMO_YEAR, calendar_index(), seed=2022)
        result = import_dossiers(path, file_name=f"demo-{DEMO_YEAR}.csv", today=date(DEMO_YEAR + 1, 1, 15))
    finally:
        os.unlink(path)
    if stdout:
        stdout.write(
            f"Hồ sơ TTHC: {result.rows} hồ sơ năm {DEMO_YEAR} ({result.created} mới, {result.updated} cập nhật)."
        )
