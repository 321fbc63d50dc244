from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from chiso.dossiers.models import Dossier, Procedure
from chiso.dossiers.services.importer import ImportFailed, import_dossiers
from chiso.dossiers.services.sheets import import_catalogue, reconcile_paper_register

from .test_import import TET_ROWS

pytestmark = pytest.mark.django_db


def xlsx(tmp_path, name, rows):
    book = Workbook()
    for r in rows:
        book.active.append(r)
    path = tmp_path / name
    book.save(path)
    return path


def test_catalogue_import_creates_updates_and_rejects(db, tmp_path):
    header = [
        "Mã thủ tục",
        "Tên thủ tục",
        "Lĩnh vực",
        "Cấp thực hiện",
        "Thời hạn giải quyết (ngày làm việc)",
        "Mức độ trực tuyến",
        "Phí, lệ phí",
    ]
    good = xlsx(
        tmp_path,
        "ok.xlsx",
        [
            header,
            ["1.000105", "Cấp lý lịch tư pháp", "Lý lịch tư pháp", "Cấp tỉnh", 10, "Toàn trình", "200.000"],
            ["2.000815", "Chứng thực bản sao", "Chứng thực", "xã", 1, "Mức độ 3", 2000],
        ],
    )
    assert import_catalogue(good) == (2, 0)
    proc = Procedure.objects.get(code="1.000105")
    assert (proc.level, proc.days, proc.online_level, proc.fee, proc.online_group) == (
        "tinh",
        10,
        "toan_trinh",
        200000,
        "toan_trinh",
    )
    assert Procedure.objects.get(code="2.000815").online_group == "mot_phan"  # level 3 ≈ một phần
    assert import_catalogue(good) == (0, 2)
    bad = xlsx(
        tmp_path,
        "bad.xlsx",
        [header, ["9.1", "Thủ tục mới", "", "Cấp tỉnh", 5, "", 0], ["9.2", "Khác", "", "cấp bộ", 5, "", 0]],
    )
    with pytest.raises(ImportFailed) as failed:
        import_catalogue(bad, file_name="bad.xlsx")
    assert "dòng 3" in "\n".join(failed.value.lines()) and "cấp bộ" in "\n".join(failed.value.lines())
    assert not Procedure.objects.filter(code="9.1").exists()


def test_paper_register_lists_dossiers_finished_on_paper_but_open(catalogue, write_csv, tmp_path):
    import_dossiers(write_csv(TET_ROWS))
    register = xlsx(
        tmp_path,
        "so.xlsx",
        [
            ["STT", "Mã hồ sơ", "Ngày có kết quả"],
            [1, "HS-06", datetime(2024, 2, 21, 10, 0)],  # open in the system
            [2, "HS-01", "16/02/2024"],  # consistent
            [3, "KHONG-CO", "16/02/2024"],
        ],
    )
    found = reconcile_paper_register(register)
    assert [(d.code, day) for d, day in found["gaps"]] == [("HS-06", date(2024, 2, 21))]
    assert found["unknown"] == [(4, "KHONG-CO")] and found["consistent"] == 1
    hs6 = Dossier.objects.get(code="HS-06")
    assert hs6.paper_completed == date(2024, 2, 21) and hs6.in_system is False
    out = StringIO()
    call_command("import-paper-register", str(register), stdout=out)
    assert "HS-06" in out.getvalue()
    bad = xlsx(tmp_path, "bad.xlsx", [["Mã hồ sơ", "Ngày có kết quả"], ["HS-07", "32/01/2024"]])
    with pytest.raises(CommandError, match="dòng 2"):
        call_command("import-paper-register", str(bad))


def test_paper_register_upload_on_sync_page(client, user_factory, catalogue, write_csv, tmp_path):
    from chiso.registry.permissions import MONITOR

    import_dossiers(write_csv(TET_ROWS))
    client.force_login(user_factory(MONITOR))
    register = xlsx(tmp_path, "so.xlsx", [["Mã hồ sơ", "Ngày có kết quả"], ["HS-07", "05/03/2024"]])
    with open(register, "rb") as f:
        page = client.post("/ho-so/dong-bo/", {"so": f}).content.decode()
    assert "còn mở trên hệ thống: 1 hồ sơ" in page and "05/03/2024" in page
