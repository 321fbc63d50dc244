"""Did the work move the index: tasks of year N tagged to a component, their completion, the change
N → N+1 beside the nation and the region — said to be an association, not proof."""

import datetime

import pytest

from chiso.directives.models import Directive, Task
from chiso.indices.models import Index, Province, TaskComponent
from chiso.indices.services import effect

# the demo registry (and PAPI) loaded once for the module: see registry_once in conftest.py
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_once", "papi_once")]


@pytest.fixture
def tagged(papi_loaded, demo_registry):
    """A 2020 directive with two tasks on PAPI D5 (one done) and one on D3 (not done)."""
    from chiso.registry.models import Agency

    stp = Agency.objects.get(code="bt-stp")
    directive = Directive.objects.create(
        title="Kết luận 2020", number="1/TB", status=Directive.PUBLISHED, issued_on=datetime.date(2020, 7, 1)
    )
    later = Directive.objects.create(
        title="Kết luận 2021", number="2/TB", status=Directive.PUBLISHED, issued_on=datetime.date(2021, 7, 1)
    )
    papi = Index.objects.get(code="PAPI")
    for n, (d, code, state) in enumerate(
        [
            (directive, "D5", Task.DONE),
            (directive, "D5", Task.NEW),
            (directive, "D3", Task.NEW),
            (later, "D3", Task.DONE),
        ]
    ):
        task = Task.objects.create(
            directive=d, ref=str(n), text="Cải cách thủ tục hành chính", lead=stp, state=state
        )
        TaskComponent.objects.create(task=task, index=papi, component_code=code, confirmed=n == 0)
    return papi


def test_tasks_of_year_n_and_the_change_to_n_plus_1(tagged):
    province = Province.objects.get(code="binh-thuan")
    found = effect.effect(tagged, province, 2020)
    rows = {r["code"]: r for r in found["rows"]}
    assert found["available"] and not found["methodology_changed"]
    assert (
        rows["D5"]["tasks"],
        rows["D5"]["confirmed"],
        rows["D5"]["parts"],
        rows["D5"]["done"],
        rows["D5"]["percent"],
    ) == (2, 1, 2, 1, 50)
    assert (rows["D3"]["tasks"], rows["D3"]["percent"]) == (1, 0)  # the 2021 task is not counted for 2020
    assert rows["D1"]["tasks"] == 0
    # published PAPI scores of Bình Thuận: D5 7,4467506 (2020) → 6,969429 (2021)
    assert round(rows["D5"]["change"], 4) == round(6.969429 - 7.4467506, 4)
    assert rows["D5"]["national_median_change"] is not None and rows["D5"]["region_mean_change"] is not None


def test_the_paragraph_says_association_not_proof(tagged):
    found = effect.effect(tagged, Province.objects.get(code="binh-thuan"), 2020)
    text = effect.paragraph(found)
    assert text.startswith("Năm 2020, 2 chỉ số thành phần của PAPI có nhiệm vụ được giao (3 nhiệm vụ)")
    assert "“Thủ tục hành chính công” (D5, hoàn thành 50%): năm 2021 thay đổi -0,48 điểm" in text
    assert "không phải bằng chứng nhân quả" in text


def test_without_next_years_results_nothing_is_claimed(tagged):
    found = effect.effect(tagged, Province.objects.get(code="binh-thuan"), 2024)
    assert not found["available"] and effect.paragraph(found) == ""


def test_the_page_and_its_json(tagged, user_factory, client):
    client.force_login(user_factory("officer", agency="bt-stp"))
    response = client.get("/chi-so/PAPI/tac-dong/?tinh=binh-thuan&nam=2020")
    body = response.content.decode()
    assert (
        response.status_code == 200
        and "Tương quan, không phải nhân quả." in body
        and 'data-chart="effect"' in body
    )
    data = client.get("/chi-so/PAPI/tac-dong/?tinh=binh-thuan&nam=2020&format=json").json()
    assert data["year"] == 2020 and "không phải bằng chứng nhân quả" in data["paragraph"]
    client.logout()
    assert client.get("/chi-so/PAPI/tac-dong/").status_code == 302


def test_the_analysis_report_carries_the_paragraph_for_the_year_before(tagged):
    import io

    from docx import Document

    from chiso.indices.services.report import build_report

    text = "\n".join(
        p.text for p in Document(io.BytesIO(build_report("PAPI", 2021, "Bình Thuận"))).paragraphs
    )
    assert "Năm 2020, 2 chỉ số thành phần của PAPI có nhiệm vụ được giao" in text
    assert "không phải bằng chứng nhân quả" in text
    assert text.index("không phải bằng chứng nhân quả") < text.index("IV. ĐỀ XUẤT NHIỆM VỤ")


def test_the_api_gives_the_same_figures(tagged, user_factory, client):
    url = "/api/indices/PAPI/effect?year=2020&province=binh-thuan"
    assert client.get(url).status_code == 401
    client.force_login(user_factory("officer", agency="bt-stp"))
    data = client.get(url).json()
    rows = {r["code"]: r for r in data["rows"]}
    assert rows["D5"]["percent"] == 50 and "không phải bằng chứng nhân quả" in data["paragraph"]
