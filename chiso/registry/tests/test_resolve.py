"""Names and addresses resolve to the unit valid on a date, through the same national data."""

from datetime import date

import pytest

from chiso.registry.resolve import resolve_unit, successor_on
from chiso.registry.setup import setup_province

BEFORE, AFTER = date(2024, 5, 6), date(2026, 3, 2)


@pytest.mark.django_db
def test_demo_communes_and_districts_follow_the_2024_and_2025_reforms(demo_registry):
    old = resolve_unit("P. Đức Long, TP Phan Thiết", BEFORE)
    assert (old.agency.code, old.confidence) == ("bt-phanthiet-đứclong", 1.0)
    new = resolve_unit("P. Đức Long, TP Phan Thiết", AFTER)
    assert new.named.code == "bt-phanthiet-đứclong"
    assert new.agency.name == "Ủy ban nhân dân phường Tiến Thành" and new.agency.valid_from == date(
        2025, 7, 1
    )
    assert "kế thừa" in new.note
    typed = resolve_unit("P. Duc Long, TP Phan Thiet", AFTER)  # typed without diacritics
    assert typed.agency == new.agency and typed.confidence == 0.9
    # A ward formed on 1/7/2025 (NQ 1671/NQ-UBTVQH15, k.112).
    ward = resolve_unit("phường Phan Thiết", AFTER)
    assert ward.agency.name == "Ủy ban nhân dân phường Phan Thiết" and ward.agency.national_code == "22945"
    # Before it existed: the units it was formed from, to choose between.
    earlier = resolve_unit("phường Phan Thiết", BEFORE)
    assert earlier.agency is None and {a.name for a in earlier.alternatives} >= {
        "Ủy ban nhân dân phường Phú Trinh",
        "Ủy ban nhân dân phường Lạc Đạo",
    }
    # NQ 1253/NQ-UBTVQH15: Đức Thắng into Lạc Đạo on 1/12/2024, then Lạc Đạo into phường Phan Thiết.
    assert (
        resolve_unit("phường Đức Thắng", date(2024, 11, 30)).agency.name == "Ủy ban nhân dân phường Đức Thắng"
    )
    assert resolve_unit("phường Đức Thắng", date(2025, 1, 10)).agency.name == "Ủy ban nhân dân phường Lạc Đạo"
    assert resolve_unit("phường Đức Thắng", AFTER).agency.name == "Ủy ban nhân dân phường Phan Thiết"
    # A district whose territory went to several communes: no single successor, the choice is listed.
    city = resolve_unit("UBND TP Phan Thiết", AFTER)
    assert city.agency is None and len(city.alternatives) >= 5 and "chọn một" in city.note
    # Phú Quý went whole into the special zone.
    assert resolve_unit("huyện Phú Quý", AFTER).agency.code == "ld-dk-phuquy"


@pytest.mark.django_db
def test_departments_split_by_share_in_the_demo(demo_registry):
    from chiso.registry.models import Agency

    labour = Agency.objects.get(code="bt-sldtbxh")
    assert successor_on(labour, date(2025, 4, 1), "bảo trợ xã hội")[0].code == "bt-syt"
    assert successor_on(labour, date(2025, 4, 1), "giáo dục nghề nghiệp")[0].code == "bt-sgddt"
    assert successor_on(labour, date(2025, 4, 1))[0].code == "bt-snv"
    assert successor_on(labour, AFTER, "Bảo trợ xã hội")[0].code == "ld-syt"
    assert successor_on(labour, date(2024, 1, 1))[0] == labour
    assert resolve_unit("Sở LĐ-TB&XH", AFTER, topic="Giáo dục nghề nghiệp").agency.code == "ld-sgddt"


@pytest.mark.django_db
def test_a_location_path_of_another_province():
    setup_province("Thanh Hóa", date(2026, 1, 1))
    text = "Xã Quảng Tâm - Thành phố Thanh Hóa - Tỉnh Thanh Hóa"
    # The export kept the old kind: Quảng Tâm is a phường of the city in the national list.
    then = resolve_unit(text, BEFORE)
    assert then.agency.name == "Ủy ban nhân dân phường Quảng Tâm" and then.agency.national_code == "16525"
    now = resolve_unit(text, AFTER)
    assert now.named == then.agency and now.agency.name == "Ủy ban nhân dân phường Quảng Phú"
    assert now.agency.valid_from == date(2025, 7, 1)
    assert resolve_unit("Xã Không Có Thật - Tỉnh Thanh Hóa", AFTER) is None
