import unicodedata
from datetime import date

import pytest

from chiso.registry import services
from chiso.registry.demo_province import demo_gazetteer
from chiso.registry.names import expand, search_key

NOTICE_DAY = date(2022, 7, 27)


@pytest.fixture(scope="module")
def gazetteer():
    return demo_gazetteer()


def best_code(gazetteer, name, on=NOTICE_DAY):
    found = gazetteer.find(name, on=on)
    return found[0].codes[0] if found and not found[0].is_group else None


@pytest.mark.parametrize(
    "written,code",
    [
        ("Sở Thông tin và Truyền thông", "bt-stttt"),
        ("Sở TT&TT", "bt-stttt"),
        ("Sở TTTT", "bt-stttt"),
        ("sở thông tin và truyền thông", "bt-stttt"),
        ("So Thong tin va Truyen thong", "bt-stttt"),
        ("Giám đốc Sở Thông tin và Truyền thông", "bt-stttt"),
        ("VP UBND tỉnh", "bt-vp-ubnd"),
        ("Văn phòng UBND tỉnh", "bt-vp-ubnd"),
        ("Sở LĐ-TB&XH", "bt-sldtbxh"),
        ("Sở Văn hoá, Thể thao và Du lịch", "bt-svhttdl"),  # old tone placement
        ("Trung tâm HCC tỉnh", "bt-tthcc"),
        ("UBND TP Phan Thiết", "bt-phanthiet"),
        ("Sở Nội vụ tỉnh Bình Thuận", "bt-snv"),
    ],
)
def test_finds_agencies_as_written(gazetteer, written, code):
    assert best_code(gazetteer, written) == code


def test_decomposed_unicode_query(gazetteer):
    decomposed = unicodedata.normalize("NFD", "Sở Kế hoạch và Đầu tư")
    assert decomposed != "Sở Kế hoạch và Đầu tư"
    found = gazetteer.find(decomposed, on=NOTICE_DAY)
    assert found[0].codes == ["bt-skhdt"] and found[0].confidence == 1.0


def test_no_diacritics_query_is_a_little_less_sure(gazetteer):
    found = gazetteer.find("so ke hoach va dau tu", on=NOTICE_DAY)
    assert found[0].codes == ["bt-skhdt"]
    assert 0.8 <= found[0].confidence < 1.0


def test_typo_still_proposes_candidates(gazetteer):
    found = gazetteer.find("Sở Tài nguyen và Môi trường", on=NOTICE_DAY)
    assert found and found[0].codes == ["bt-stnmt"]


def test_groups_resolve_to_members_valid_on_the_date(gazetteer):
    in_2022 = gazetteer.find("UBND các huyện, thị xã, thành phố", on=NOTICE_DAY)[0]
    assert in_2022.is_group and len(in_2022.agency_ids) == 10
    assert "bt-phuquy" in in_2022.codes
    # The district level ended on 1/7/2025.
    in_2026 = gazetteer.find("UBND các huyện, thị xã, thành phố", on=date(2026, 1, 1))[0]
    assert in_2026.is_group and in_2026.agency_ids == []


def test_department_groups_follow_the_2025_mergers(gazetteer):
    before = set(gazetteer.find("các Sở, ngành", on=date(2025, 2, 1))[0].codes)
    after = set(gazetteer.find("các Sở, ngành", on=date(2025, 3, 15))[0].codes)
    assert "bt-stttt" in before and "bt-stttt" not in after
    assert "bt-snnmt" in after and "bt-snnmt" not in before


def test_same_name_resolves_by_date(gazetteer):
    assert best_code(gazetteer, "Sở Nội vụ", on=NOTICE_DAY) == "bt-snv"
    assert best_code(gazetteer, "Sở Nội vụ", on=date(2026, 1, 1)) == "ld-snv"


def test_nothing_for_empty_or_unrelated_names(gazetteer):
    assert gazetteer.find("   ") == []
    assert (
        gazetteer.find("Bộ Quốc phòng Hoa Kỳ", on=NOTICE_DAY) == []
        or gazetteer.find("Bộ Quốc phòng Hoa Kỳ")[0].confidence < 0.75
    )


def test_expand_and_search_key():
    assert expand("Sở TT&TT") == "sở thông tin và truyền thông"
    assert search_key("Sở Nội vụ") == "so noi vu"
    assert search_key(unicodedata.normalize("NFD", "Đức Linh")) == "duc linh"


@pytest.mark.django_db
def test_database_lookup_matches_the_demo_gazetteer(demo_registry):
    from chiso.registry.models import Agency

    (candidate, agencies), *_ = services.lookup("Sở TT&TT", on=NOTICE_DAY)
    assert agencies == [Agency.objects.get(code="bt-stttt")]
    group, members = services.lookup("các cơ quan, đơn vị, địa phương", on=NOTICE_DAY)[0]
    assert group.is_group and len(members) == len(group.agency_ids) > 20


@pytest.mark.django_db
def test_database_lookup_sees_new_aliases_at_once(demo_registry):
    from chiso.registry.models import Agency

    services.gazetteer_from_db()  # warm the cache
    agency = Agency.objects.get(code="bt-stttt")
    agency.aliases = [*agency.aliases, "Sở Thông tin"]
    agency.save()
    (candidate, agencies), *_ = services.lookup("Sở Thông tin", on=NOTICE_DAY)
    assert candidate.codes == ["bt-stttt"] and candidate.confidence == 1.0


@pytest.mark.django_db
def test_structure_on_a_date(demo_registry):
    def names(day):
        out = set()

        def walk(nodes):
            for agency, children in nodes:
                out.add(agency.code)
                walk(children)

        walk(services.structure_on(day))
        return out

    in_2022, in_2026 = names(NOTICE_DAY), names(date(2026, 1, 1))
    assert {"bt-stttt", "bt-phanthiet", "bt-snv"} <= in_2022
    assert not in_2022 & {"ld-snv", "bt-snnmt"}
    assert {"ld-snv", "ld-dk-phuquy"} <= in_2026 and not in_2026 & {"bt-snv", "bt-phanthiet"}


@pytest.mark.django_db
def test_successor_chain_follows_two_mergers(demo_registry):
    from chiso.registry.models import Agency

    chain = services.successors(Agency.objects.get(code="bt-stttt"))
    main = services.successors(Agency.objects.get(code="bt-stttt"), main_only=True)
    assert [(s.successor.code, s.date) for s in main] == [
        ("bt-skhcn", date(2025, 3, 1)),
        ("ld-skhcn", date(2025, 7, 1)),
    ]
    # Its press remit went to Sở VH,TT&DL: a split with its share, not a second main successor.
    split = next(s for s in chain if s.successor.code == "bt-svhttdl")
    assert (split.kind, split.main, split.share) == ("split", False, "báo chí, xuất bản, thông tin đối ngoại")
