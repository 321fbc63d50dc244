"""`chiso setup-province` on real provinces, against the counts of the UBTVQH resolutions of 2025.

Counts of communes and wards per new province (1/7/2025), from the resolutions on each province:
- Lâm Đồng (Bình Thuận + Đắk Nông + Lâm Đồng, NQ 202/2025/QH15): 124 = 103 xã, 20 phường, 1 đặc khu
  (NQ 1671/NQ-UBTVQH15; shared/research/rules-checked-2026.md);
- Cao Bằng (unchanged province): 56 = 53 xã, 3 phường (NQ 1657/NQ-UBTVQH15);
- Hà Nội (city, unchanged): 126 = 75 xã, 51 phường (NQ 1656/NQ-UBTVQH15).
"""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chiso.registry import province
from chiso.registry.models import Agency, Succession
from chiso.registry.resolve import resolve_unit
from chiso.registry.setup import setup_province

REFORM = date(2025, 7, 1)
LAST_OLD = date(2025, 6, 30)


def _communes(on, ubnd):
    return Agency.objects.valid_on(on).filter(kind="ubnd_xa", parent=ubnd)


@pytest.mark.django_db
def test_a_province_merged_from_three():
    report = setup_province("Lâm Đồng", date(2026, 1, 15))
    assert report.units == {"Xã": 103, "Phường": 20, "Đặc khu": 1}
    assert report.predecessors == ["tỉnh Bình Thuận", "tỉnh Đắk Nông", "tỉnh Lâm Đồng"]

    new = Agency.objects.get(kind="ubnd_tinh", national_code="68", valid_from=REFORM)
    assert _communes(date(2026, 1, 15), new).count() == 124
    assert province.authority_header(date(2026, 1, 15)) == "UBND TỈNH LÂM ĐỒNG"
    # The three old provinces ended on 30/6/2025 and went into the new one.
    olds = Agency.objects.filter(kind="ubnd_tinh", valid_to=LAST_OLD)
    assert sorted(a.national_code for a in olds) == ["60", "67", "68"]
    assert all(a.successions_out.get().successor == new for a in olds)
    # The 12 departments of NĐ 150/2025 (incl. VP UBND and Thanh tra tỉnh) from 1/7/2025.
    assert Agency.objects.valid_on(date(2026, 1, 15)).filter(kind="so", parent=new).count() == 12

    # Every one of Bình Thuận's 121 communes has a successor among the new communes.
    old_bt = Agency.objects.get(kind="ubnd_tinh", national_code="60")
    bt_communes = Agency.objects.filter(kind="ubnd_xa", parent__parent=old_bt)
    assert bt_communes.count() == 121
    assert not bt_communes.filter(successions_out__isnull=True).exists()
    # NQ 1671, khoản 110: Hàm Tiến + Mũi Né + Thiện Nghiệp → phường Mũi Né.
    mui_ne = Agency.objects.get(name="Ủy ban nhân dân phường Mũi Né", valid_from=REFORM)
    assert sorted(s.predecessor.name for s in mui_ne.successions_in.filter(predecessor__kind="ubnd_xa")) == [
        "Ủy ban nhân dân phường Hàm Tiến",
        "Ủy ban nhân dân phường Mũi Né",
        "Ủy ban nhân dân xã Thiện Nghiệp",
    ]
    # The province's history: the old Lâm Đồng (same code) until 30/6/2025, then the new one.
    assert [(r.code, r.name, r.valid_to) for r in province.history()] == [
        ("68", "Lâm Đồng", LAST_OLD),
        ("68", "Lâm Đồng", None),
    ]


@pytest.mark.django_db
def test_departments_before_and_after_1_3_2025_and_the_split_of_labour():
    setup_province("Bình Thuận", date(2025, 5, 1))
    ubnd = Agency.objects.get(kind="ubnd_tinh", national_code="60")
    before = set(
        Agency.objects.valid_on(date(2024, 6, 1))
        .filter(parent=ubnd, kind="so")
        .values_list("name", flat=True)
    )
    after = set(
        Agency.objects.valid_on(date(2025, 5, 1))
        .filter(parent=ubnd, kind="so")
        .values_list("name", flat=True)
    )
    assert len(before) == 17 and len(after) == 12  # NĐ 24/2014 + 107/2020, Điều 8; NĐ 45/2025, Điều 8
    assert "Sở Kế hoạch và Đầu tư tỉnh Bình Thuận" in before - after
    assert "Sở Nông nghiệp và Môi trường tỉnh Bình Thuận" in after - before
    labour = Agency.objects.get(name="Sở Lao động - Thương binh và Xã hội tỉnh Bình Thuận")
    shares = {s.successor.name: (s.kind, s.main, s.share) for s in labour.successions_out.all()}
    assert shares["Sở Nội vụ tỉnh Bình Thuận"][:2] == ("split", True)
    assert shares["Sở Y tế tỉnh Bình Thuận"] == (
        "split",
        False,
        "bảo trợ xã hội, trẻ em, phòng, chống tệ nạn xã hội",
    )
    assert shares["Sở Giáo dục và Đào tạo tỉnh Bình Thuận"] == ("split", False, "giáo dục nghề nghiệp")
    # A dossier of social protection dated after 1/3/2025 goes to Sở Y tế, others to Sở Nội vụ.
    on = date(2025, 4, 2)
    assert resolve_unit("Sở LĐ-TB&XH", on, topic="Bảo trợ xã hội").agency.name == "Sở Y tế tỉnh Bình Thuận"
    assert resolve_unit("Sở LĐ-TB&XH", on, topic="Lao động").agency.name == "Sở Nội vụ tỉnh Bình Thuận"
    assert resolve_unit("Sở LĐ-TB&XH", on).agency.name == "Sở Nội vụ tỉnh Bình Thuận"


@pytest.mark.django_db
def test_an_unchanged_province():
    report = setup_province("Cao Bằng", date(2026, 3, 1))
    assert report.units == {"Xã": 53, "Phường": 3}
    assert report.predecessors == []
    # The province and its departments carry on (one UBND tỉnh, one Sở Nội vụ); its communes changed.
    ubnd = Agency.objects.get(kind="ubnd_tinh", national_code="04")
    assert ubnd.valid_to is None and not ubnd.successions_out.exists()
    assert Agency.objects.filter(name="Sở Nội vụ tỉnh Cao Bằng").count() == 1
    assert _communes(date(2026, 3, 1), ubnd).count() == 56
    assert Agency.objects.filter(kind="ubnd_xa", valid_to=LAST_OLD).count() > 56
    assert [(r.code, r.valid_from, r.valid_to) for r in province.history()] == [("04", None, None)]
    # The district level ended: no district is valid in 2026, all were in 2024.
    assert not Agency.objects.valid_on(date(2026, 3, 1)).filter(kind="ubnd_huyen").exists()
    assert Agency.objects.valid_on(date(2024, 3, 1)).filter(kind="ubnd_huyen").count() == 10


@pytest.mark.django_db
def test_a_city_by_its_code():
    out = StringIO()
    call_command("setup-province", "01", "--as-of", "01/02/2026", "--quiet", stdout=out)
    assert "126 đơn vị cấp xã (75 xã, 51 phường)" in out.getvalue()
    assert province.full_name(date(2026, 2, 1)) == "thành phố Hà Nội"
    assert province.authority_header(date(2026, 2, 1)) == "UBND THÀNH PHỐ HÀ NỘI"
    city = province.ubnd(date(2026, 2, 1))
    assert Agency.objects.get(parent=city, name="Văn phòng Ủy ban nhân dân thành phố Hà Nội")
    assert Agency.objects.get(name="Công an thành phố Hà Nội", kind="trung_uong").valid_to is None
    assert Agency.objects.get(name="Trung tâm Phục vụ hành chính công thành phố Hà Nội").valid_from == REFORM


@pytest.mark.django_db
def test_re_running_on_a_later_date_keeps_history():
    first = setup_province("Bình Thuận", date(2024, 6, 1))
    assert first.units == {"Xã": 93, "Phường": 16, "Thị trấn": 12}  # 121 (domain.md §5)
    ubnd = Agency.objects.get(kind="ubnd_tinh", national_code="60")
    commune = Agency.objects.get(name="Ủy ban nhân dân phường Đức Long")
    assert ubnd.valid_to is None and commune.valid_to is None
    count = Agency.objects.count()

    again = setup_province("Bình Thuận", date(2024, 6, 1))
    assert (again.created, again.updated, again.successions) == (0, 0, 0)
    assert Agency.objects.count() == count

    later = setup_province("Bình Thuận", date(2026, 1, 1))  # an old name: its successor, Lâm Đồng
    assert "từ 01/7/2025 thuộc tỉnh Lâm Đồng" in later.notes[0]
    ubnd.refresh_from_db(), commune.refresh_from_db()
    assert ubnd.valid_to == LAST_OLD and commune.valid_to == LAST_OLD  # same rows, now ended
    assert Agency.objects.filter(name="Ủy ban nhân dân phường Đức Long").count() == 1
    assert commune.successions_out.get().successor.name == "Ủy ban nhân dân phường Tiến Thành"
    # The installation followed Bình Thuận: its history keeps that name before the merger.
    assert province.name(date(2024, 6, 1)) == "Bình Thuận" and province.name(date(2026, 1, 1)) == "Lâm Đồng"

    n_agencies, n_links = Agency.objects.count(), Succession.objects.count()
    last = setup_province("Lâm Đồng", date(2026, 6, 1))
    assert (last.created, last.successions) == (0, 0)
    assert (Agency.objects.count(), Succession.objects.count()) == (n_agencies, n_links)


@pytest.mark.django_db
def test_clear_messages_for_unknown_input():
    with pytest.raises(CommandError, match="Không tìm thấy tỉnh, thành phố «Atlantis»"):
        call_command("setup-province", "Atlantis", "--quiet")
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("setup-province", "68", "--as-of", "31/02/2026", "--quiet")
