import pytest

from chiso.directives.models import Directive, Target
from chiso.indices.services.targets import evaluate_targets


@pytest.mark.django_db
def test_targets_met_and_missed_when_results_arrive(papi_loaded):
    d = Directive.objects.create(title="Kết luận về PAR INDEX, SIPAS, PAPI")
    improve_2021 = Target.objects.create(directive=d, text="PAPI 2021 cải thiện điểm số và thứ hạng", indices=["PAPI"], year=2021,
                                         goal="tăng điểm và thứ hạng")
    improve_2023 = Target.objects.create(directive=d, text="PAPI 2023 cải thiện", indices=["PAPI"], year=2023, goal="")
    top_2024 = Target.objects.create(directive=d, text="PAPI 2024 vào nhóm 5", indices=["PAPI"], year=2024, goal="top 5")
    waiting = Target.objects.create(directive=d, text="PAR INDEX 2022", indices=["PAR", "PAPI"], year=2022, goal="")
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
