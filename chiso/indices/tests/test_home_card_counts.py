"""The home card counts a fallen component's tasks from the tags alone (issue 11: the full answer was most
of the home page's time); it must count what the answer page lists."""

import datetime

import pytest

from chiso.directives.models import Directive, ReminderSchedule, Task
from chiso.indices.dashboard import home_cards
from chiso.indices.models import Index, TaskComponent
from chiso.indices.services import answer, component_tasks, pagecache
from chiso.indices.services import provinces as province_service
from chiso.registry.models import Agency
from chiso.registry.permissions import MONITOR


@pytest.mark.django_db
def test_card_counts_the_tasks_the_answer_page_lists(papi_loaded, demo_registry, user_factory, rf):
    # Seen on 14/10/2022 (the demo's day): Bình Thuận's PAPI 2021 fell on D3 and D5.
    ReminderSchedule.objects.create(days_before=[7, 3, 1], as_of=datetime.date(2022, 10, 14))
    papi = Index.objects.get(code="PAPI")
    province = province_service.home_with_results(papi)
    full = answer.fallen(province)
    declined = [c["code"] for item in full for c in item["components"]]
    assert sorted(declined) == ["D3", "D5"]
    first, second = declined[:2]
    a, b = Agency.objects.get(code="bt-stttt"), Agency.objects.get(code="bt-snv")
    d = Directive.objects.create(title="Thông báo kết luận")
    group = Task.objects.create(directive=d, text="Cải thiện điểm thành phần")
    shares = [
        Task.objects.create(directive=d, parent=group, child_kind=Task.SHARE, lead=lead, text=group.text)
        for lead in (a, b)
    ]
    period = Task.objects.create(directive=d, parent=shares[0], child_kind=Task.INSTANCE, lead=a, text="Kỳ 1")
    single = Task.objects.create(directive=d, text="Một việc riêng", lead=a)
    # The group task tagged on itself and (older data) on a share and a period: one task, not three.
    for task in (group, shares[1], period):
        TaskComponent.objects.create(task=task, index=papi, component_code=first)
    TaskComponent.objects.create(task=single, index=papi, component_code=first)
    TaskComponent.objects.create(task=period, index=papi, component_code=second)

    counts = component_tasks.count_by_component(papi)
    listed = component_tasks.by_component(papi)
    assert counts == {code: len(items) for code, items in listed.items()}
    assert counts[first] == 2 and counts[second] == 1

    full = answer.fallen(province)
    light = answer.fallen(province, detail=False)
    assert [
        (i["index"].code, i["year"], [(c["code"], c["n_tasks"]) for c in i["components"]]) for i in light
    ] == [(i["index"].code, i["year"], [(c["code"], c["n_tasks"]) for c in i["components"]]) for i in full]

    request = rf.get("/")
    request.user = user_factory(MONITOR, agency="bt-snv")
    card = home_cards(request)[1]
    n_tasks = sum(c["n_tasks"] for item in full for c in item["components"])
    assert card["value"] == len(declined) and card["detail"].endswith(f"· {n_tasks} nhiệm vụ khắc phục")


@pytest.mark.django_db
def test_fingerprints_of_all_indices_match_each_index(papi_loaded):
    found = pagecache.fingerprints()
    for index in Index.objects.all():
        assert found[index.pk] == pagecache.fingerprint(index)
    assert not found[Index.objects.get(code="PAPI").pk].startswith("0-")  # results counted
    assert Index.objects.exclude(results__isnull=False).exists()  # and an index without any was compared
