import pytest

from chiso.directives.models import Directive, Target
from chiso.indices.services.targets import evaluate_targets


@pytest.mark.django_db
def test_targets_met_and_missed_when_results_arrive(papi_loaded):
    d = Directive.objects.create(title="Kết luận về PAR INDEX, SIPAS, PAPI")
    improve_2021 = Target.objects.create(
        directive=d,
        text="PAPI 2021 cải thiện điểm số và thứ hạng",
        indices=["PAPI"],
        year=2021,
        goal="tăng điểm và thứ hạng",
    )
    improve_2023 = Target.objects.create(
        directive=d, text="PAPI 2023 cải thiện", indices=["PAPI"], year=2023, goal=""
    )
    top_2024 = Target.objects.create(
        directive=d, text="PAPI 2024 vào nhóm 5", indices=["PAPI"], year=2024, goal="top 5"
    )
    waiting = Target.objects.create(
        directive=d, text="PAR INDEX 2022", indices=["PAR", "PAPI"], year=2022, goal=""
    )
    assert evaluate_targets(2021) == {"met": 1, "missed": 0, "pending": 0}
    evaluate_targets(2023), evaluate_targets(2024), evaluate_targets(2022)
    for t in (improve_2021, improve_2023, top_2024, waiting):
        t.refresh_from_db()
    assert improve_2021.status == Target.MET  # 40.978 → 44.151, rank 53 → 12
    assert improve_2021.evaluation["indices"]["PAPI"]["rank"] == 12 and improve_2021.evaluated_at
    assert improve_2023.status == Target.MISSED  # 44.540 → 42.474, rank 7 → 29
    assert improve_2023.evaluation["indices"]["PAPI"]["checks"] == {"score": False, "rank": False}
    assert top_2024.status == Target.MET  # rank 3
    assert waiting.status == Target.PENDING  # no PAR INDEX 2022 results yet


@pytest.mark.django_db
def test_targets_in_the_notice_parser_format(papi_loaded):
    d = Directive.objects.create(title="TB kết luận")
    t = Target.objects.create(
        directive=d,
        text="PAPI năm 2021 cải thiện cả về điểm số và thứ hạng",
        indices=["PAPI"],
        year=2021,
        goal="score and rank improve over 2020",
    )
    seed = Target.objects.create(
        directive=d,
        text="PAR INDEX, SIPAS, PAPI 2022 cải thiện",
        indices=["PAR INDEX", "SIPAS", "PAPI"],
        year=2022,
        goal="result improve over 2021",
    )
    evaluate_targets(2021), evaluate_targets(2022)
    t.refresh_from_db(), seed.refresh_from_db()
    assert t.status == Target.MET
    assert seed.status == Target.PENDING  # PAR INDEX and SIPAS 2022 not imported
    # What is known so far is kept: PAPI 2022 improved (44.151 → 44.540, rank 12 → 7).
    assert seed.evaluation["indices"]["PAPI"]["met"] is True
    assert seed.evaluation["waiting_for"] == ["PAR INDEX", "SIPAS"]


@pytest.mark.django_db
def test_one_index_that_fell_decides_the_target_before_the_others_arrive(papi_loaded):
    d = Directive.objects.create(title="TB kết luận")
    target = Target.objects.create(
        directive=d,
        text="PAR INDEX, PAPI 2023 cải thiện",
        indices=["PAR INDEX", "PAPI"],
        year=2023,
        goal="score and rank improve over 2022",
    )
    assert evaluate_targets(2023) == {"met": 0, "missed": 1, "pending": 0}
    target.refresh_from_db()
    assert target.status == Target.MISSED  # PAPI 2023: 44.540 → 42.474, rank 7 → 29
    assert target.evaluation["waiting_for"] == ["PAR INDEX"]


@pytest.mark.django_db
def test_import_evaluates_targets_of_the_years_it_brings(db, demo_home_province):
    from chiso.indices.services import definitions
    from chiso.indices.services.importer import import_results

    definitions.load()
    d = Directive.objects.create(title="TB")
    t = Target.objects.create(
        directive=d, text="PAPI 2021 tăng hạng", indices=["PAPI"], year=2021, goal="rank improve over 2020"
    )
    header = "province_vi,year,D1,D2,D3,D4,D5,D6,D7,D8\n"
    rows = "Bình Thuận,2020,5,5,5,5,5,5,5,5\nNinh Thuận,2020,6,6,6,6,6,6,6,6\n"
    import_results((header + rows).encode(), "a.csv", "PAPI")
    t.refresh_from_db()
    assert t.status == Target.PENDING
    import_results(
        (header + "Bình Thuận,2021,7,7,7,7,7,7,7,7\nNinh Thuận,2021,6,6,6,6,6,6,6,6\n").encode(),
        "b.csv",
        "PAPI",
    )
    t.refresh_from_db()
    assert t.status == Target.MET and t.evaluation["indices"]["PAPI"]["rank"] == 1  # rank 2 → 1


@pytest.mark.django_db
def test_directive_page_shows_its_targets_as_evaluated(papi_loaded, client, user_factory):
    from django.urls import reverse

    d = Directive.objects.create(title="TB kết luận", status=Directive.PUBLISHED)
    Target.objects.create(
        directive=d,
        text="PAR INDEX, SIPAS, PAPI năm 2022 phải được cải thiện",
        indices=["PAR INDEX", "SIPAS", "PAPI"],
        year=2022,
        goal="score and rank improve over 2021",
    )
    evaluate_targets(2022)
    client.force_login(user_factory("monitor"))
    page = client.get(reverse("directives:directive", args=[d.pk])).content.decode()
    assert "Mục tiêu" in page and "Chờ kết quả" in page
    assert "PAPI 2022: 44.54 điểm, hạng 7 (năm trước 44.15, hạng 12) — đạt" in page.replace(
        "44,54", "44.54"
    ).replace("44,15", "44.15")
    assert "Chờ kết quả: PAR INDEX, SIPAS" in page
