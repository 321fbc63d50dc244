"""Exports laid out as the provincial one-stop systems write them (our own rows, their header words).

- Thanh Hóa "Hệ thống thông tin giải quyết TTHC" list export and "Sổ theo dõi hồ sơ" (column words from the
  public client code HuanVu201/DichVuCong_KhoaLuan_PASETO: title rows, "Đơn vị tiếp nhận", "Tên thủ tục
  hành chính", "Chủ hồ sơ", "Ngày nhận", "Ngày hẹn trả", "Ngày kết thúc xử lý", times dd/MM/yyyy HH:mm:ss,
  the unit as a location path "Xã - Thành phố - Tỉnh", procedure names without code).
- TT 01/2018/TT-VPCP Mẫu 06 "Sổ theo dõi hồ sơ": two header rows with merged cells and a numbering row.
Dossier codes follow {mã định danh}-{yyMMdd}-{NNNN}.
"""

from datetime import date

import pytest
from openpyxl import Workbook

from chiso.dossiers.models import EARLY, ENDED_WITHDRAWN, LATE, ON_TIME, OPEN, Dossier, Procedure
from chiso.dossiers.services.importer import ImportFailed, add_procedures, import_dossiers
from chiso.registry.models import Agency, Succession

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


TODAY = date(2025, 8, 1)


@pytest.fixture
def thanh_hoa(catalogue):
    """A province of our own making, with a namesake commune in another district and a 1/7/2025 merger."""
    tinh = Agency.objects.create(code="th", name="Ủy ban nhân dân tỉnh Thanh Hóa", kind="ubnd_tinh")
    tp = Agency.objects.create(
        code="th-tp",
        name="Ủy ban nhân dân thành phố Thanh Hóa",
        kind="ubnd_huyen",
        parent=tinh,
        aliases=["Thành phố Thanh Hóa"],
        valid_to=date(2025, 6, 30),
    )
    qx = Agency.objects.create(
        code="th-qx",
        name="Ủy ban nhân dân huyện Quảng Xương",
        kind="ubnd_huyen",
        parent=tinh,
        aliases=["Huyện Quảng Xương"],
        valid_to=date(2025, 6, 30),
    )
    old = Agency.objects.create(
        code="th-tp-quangtam",
        name="Ủy ban nhân dân xã Quảng Tâm",
        kind="ubnd_xa",
        parent=tp,
        aliases=["Xã Quảng Tâm", "UBND xã Quảng Tâm"],
        valid_to=date(2025, 6, 30),
    )
    namesake = Agency.objects.create(
        code="th-qx-quangtam",
        name="Ủy ban nhân dân xã Quảng Tâm (Quảng Xương)",
        kind="ubnd_xa",
        parent=qx,
        aliases=["Xã Quảng Tâm"],
        valid_to=date(2025, 6, 30),
    )
    new = Agency.objects.create(
        code="th-quangphu",
        name="Ủy ban nhân dân phường Quảng Phú",
        kind="ubnd_xa",
        parent=tinh,
        aliases=["Phường Quảng Phú"],
        valid_from=date(2025, 7, 1),
    )
    Succession.objects.create(predecessor=old, successor=new, date=date(2025, 7, 1), kind="merge")
    return {"old": old, "namesake": namesake, "new": new}


def _xlsx(path, rows):
    book = Workbook()
    sheet = book.active
    for r in rows:
        sheet.append(r)
    book.save(path)
    return path


THANH_HOA_HEADER = [
    "STT",
    "Đơn vị tiếp nhận",
    "Tên thủ tục hành chính",
    "Mã hồ sơ",
    "Trạng thái",
    "Địa chỉ",
    "Người nộp",
    "Chủ hồ sơ",
    "Ngày nộp hồ sơ",
    "Ngày nhận",
    "Ngày hẹn trả",
    "Ngày kết thúc xử lý",
]


def test_thanh_hoa_list_export_with_location_paths_and_no_procedure_code(thanh_hoa, tmp_path):
    path_tp = "Xã Quảng Tâm - Thành phố Thanh Hóa - Tỉnh Thanh Hóa"
    path_qx = "Xã Quảng Tâm - Huyện Quảng Xương - Tỉnh Thanh Hóa"
    kt = "Đăng ký khai tử"
    rows = [
        ["THỐNG KÊ DANH SÁCH HỒ SƠ"] + [None] * 11,
        ["Từ ngày 01/06/2025 đến ngày 31/07/2025"] + [None] * 11,
        [None] * 12,
        THANH_HOA_HEADER,
        # received 20/6 (before the merger): the commune of the city, not its namesake.
        [
            1,
            path_tp,
            kt,
            "H56.41.10-250620-0001",
            "Đã trả kết quả",
            "Quảng Tâm",
            "Lê Văn A",
            "Lê Thị B",
            "20/06/2025 07:50:12",
            "20/06/2025 08:05:00",
            "23/06/2025 16:30:00",
            "23/06/2025 10:15:42",
        ],
        [
            2,
            path_qx,
            kt,
            "H56.41.20-250620-0001",
            "Đã trả kết quả",
            "",
            "Trần C",
            "Trần C",
            "",
            "20/06/2025 09:00:00",
            "23/06/2025 16:30:00",
            "24/06/2025 08:00:00",
        ],
        # received 3/7 (after the merger): the successor ward.
        [
            3,
            path_tp,
            kt,
            "H56.41.10-250703-0002",
            "Đang xử lý",
            "",
            "Phạm D",
            "Phạm D",
            "",
            "03/07/2025 14:00:00",
            "04/07/2025 16:30:00",
            "",
        ],
        [
            4,
            path_tp,
            kt,
            "H56.41.10-250703-0003",
            "Công dân rút hồ sơ",
            "",
            "Ngô E",
            "Ngô E",
            "",
            "03/07/2025 14:10:00",
            "04/07/2025 16:30:00",
            "07/07/2025 09:00:00",
        ],
        [None, "Tổng cộng: 4 hồ sơ"] + [None] * 10,
    ]
    path = _xlsx(tmp_path / "DanhSachHoSo.xlsx", rows)
    result = import_dossiers(path, today=TODAY)
    assert result.created == 4
    d = {x.code: x for x in Dossier.objects.all()}
    first = d["H56.41.10-250620-0001"]
    assert first.agency_id == thanh_hoa["old"].pk
    assert first.applicant == "Lê Thị B"
    assert first.procedure.name == kt
    assert (first.received_min, first.due_min, first.completed_min) == (
        8 * 60 + 5,
        16 * 60 + 30,
        10 * 60 + 15,
    )
    assert first.outcome == ON_TIME
    assert d["H56.41.20-250620-0001"].agency_id == thanh_hoa["namesake"].pk
    assert d["H56.41.20-250620-0001"].outcome == LATE
    assert d["H56.41.10-250703-0002"].agency_id == thanh_hoa["new"].pk
    assert d["H56.41.10-250703-0002"].outcome == OPEN
    withdrawn = d["H56.41.10-250703-0003"]
    assert (withdrawn.ended, withdrawn.outcome) == (ENDED_WITHDRAWN, ON_TIME)


def test_unknown_procedure_names_are_listed_then_added(thanh_hoa, tmp_path):
    name = "Đăng ký khai sinh lưu động"
    rows = [
        THANH_HOA_HEADER,
        [
            1,
            "Xã Quảng Tâm - Thành phố Thanh Hóa - Tỉnh Thanh Hóa",
            name,
            "H56-250610-0001",
            "",
            "",
            "",
            "X",
            "",
            "10/06/2025 08:00:00",
            "11/06/2025 17:00:00",
            "",
        ],
        [
            2,
            "Xã Quảng Tâm - Thành phố Thanh Hóa - Tỉnh Thanh Hóa",
            name,
            "H56-250610-0002",
            "",
            "",
            "",
            "Y",
            "",
            "10/06/2025 08:00:00",
            "11/06/2025 17:00:00",
            "",
        ],
    ]
    path = _xlsx(tmp_path / "hs.xlsx", rows)
    with pytest.raises(ImportFailed) as failed:
        import_dossiers(path, today=TODAY)
    assert failed.value.unmatched == [name]
    assert "2 hồ sơ" in failed.value.errors[0]["message"]
    assert not Dossier.objects.exists()
    assert add_procedures(failed.value.unmatched) == 1
    assert Procedure.objects.get(name=name).code.startswith("CHUA-MA-")
    assert import_dossiers(path, today=TODAY).created == 2


def test_tt01_mau06_book_with_two_row_merged_header(thanh_hoa, tmp_path):
    top = [
        "TT",
        "Mã hồ sơ",
        "Tên TTHC",
        "Số lượng hồ sơ (bộ)",
        "Tên cá nhân, tổ chức",
        "Địa chỉ, số điện thoại",
        "Cơ quan chủ trì giải quyết",
        "Nhận hồ sơ",
        "Hẹn trả kết quả",
        "Chuyển hồ sơ đến cơ quan giải quyết",
        "Nhận kết quả từ cơ quan giải quyết",
        "Trả kết quả cho cá nhân, tổ chức",
        None,
        "Ghi chú",
    ]
    sub = [None] * 11 + ["Ngày, tháng, năm", "Ký nhận", None]
    numbers = [f"({i})" for i in range(1, 15)]
    rows = [
        ["UBND THÀNH PHỐ THANH HÓA"] + [None] * 13,
        ["SỔ THEO DÕI HỒ SƠ"] + [None] * 13,
        top,
        sub,
        numbers,
        [
            1,
            "000.00.41.H56-250602-0007",
            "Đăng ký kết hôn",
            1,
            "Hoàng F và Vũ G",
            "Quảng Tâm",
            "UBND xã Quảng Tâm",
            "02/06/2025 15:20:00",
            "05/06/2025 17:00:00",
            "02/06/2025",
            "04/06/2025 11:00:00",
            "05/06/2025 08:00:00",
            "",
            "",
        ],
    ]
    book = Workbook()
    sheet = book.active
    for r in rows:
        sheet.append(r)
    sheet.merge_cells("L3:M3")
    for col in "ABCDEFGHIJKN":
        sheet.merge_cells(f"{col}3:{col}4")
    book.save(tmp_path / "so-theo-doi.xlsx")
    assert import_dossiers(tmp_path / "so-theo-doi.xlsx", today=TODAY).created == 1
    d = Dossier.objects.get()
    # "UBND xã Quảng Tâm" alone names two communes: the exact name (not the namesake's longer one) wins.
    assert d.agency_id == thanh_hoa["old"].pk
    assert d.applicant == "Hoàng F và Vũ G"
    assert (d.completed, d.returned) == (date(2025, 6, 4), date(2025, 6, 5))
    assert d.outcome == EARLY


def test_missing_columns_name_the_header_row_found(thanh_hoa, tmp_path):
    rows = [["SỔ THEO DÕI HỒ SƠ"], ["Mã hồ sơ", "Tên thủ tục hành chính", "Ghi chú"], ["A-1", "x", ""]]
    with pytest.raises(ImportFailed) as failed:
        import_dossiers(_xlsx(tmp_path / "x.xlsx", rows), today=TODAY)
    text = "\n".join(failed.value.lines())
    assert "dòng 2" in text and "Ngày tiếp nhận" in text and "Ngày nhận" in text


def test_split_succession_follows_the_procedure_field(thanh_hoa, tmp_path):
    """Sở LĐTBXH ended 28/2/2025: social protection went to Sở Y tế, the rest to Sở Nội vụ."""
    tinh = Agency.objects.get(code="th")
    old = Agency.objects.create(
        code="th-sldtbxh",
        name="Sở Lao động - Thương binh và Xã hội tỉnh Thanh Hóa",
        kind="so",
        parent=tinh,
        aliases=["Sở LĐTBXH"],
        valid_to=date(2025, 2, 28),
    )
    health = Agency.objects.create(code="th-syt", name="Sở Y tế tỉnh Thanh Hóa", kind="so", parent=tinh)
    home = Agency.objects.create(code="th-snv", name="Sở Nội vụ tỉnh Thanh Hóa", kind="so", parent=tinh)
    Succession.objects.create(
        predecessor=old,
        successor=health,
        date=date(2025, 3, 1),
        kind="split",
        share="Bảo trợ xã hội",
        main=False,
    )
    Succession.objects.create(predecessor=old, successor=home, date=date(2025, 3, 1), kind="split")
    Procedure.objects.create(code="BTXH-1", name="Trợ cấp xã hội hằng tháng", field="Bảo trợ xã hội", days=10)
    Procedure.objects.create(code="LD-1", name="Cấp giấy phép lao động", field="Việc làm", days=5)
    header = ["Mã hồ sơ", "Mã thủ tục", "Cơ quan giải quyết", "Ngày tiếp nhận", "Ngày hẹn trả"]
    rows = [
        header,
        [
            "S-1",
            "BTXH-1",
            "Sở Lao động - Thương binh và Xã hội tỉnh Thanh Hóa",
            "10/02/2025 08:00:00",
            "24/02/2025 17:00:00",
        ],
        [
            "S-2",
            "BTXH-1",
            "Sở Lao động - Thương binh và Xã hội tỉnh Thanh Hóa",
            "10/03/2025 08:00:00",
            "24/03/2025 17:00:00",
        ],
        [
            "S-3",
            "LD-1",
            "Sở Lao động - Thương binh và Xã hội tỉnh Thanh Hóa",
            "10/03/2025 08:00:00",
            "17/03/2025 17:00:00",
        ],
    ]
    import_dossiers(_xlsx(tmp_path / "s.xlsx", rows), today=TODAY)
    got = dict(Dossier.objects.values_list("code", "agency_id"))
    assert got == {"S-1": old.pk, "S-2": health.pk, "S-3": home.pk}
