import pytest

from chiso.directives.models import Directive, Task
from chiso.indices.dashboard import home_cards, report_links
from chiso.indices.models import TaskComponent
from chiso.indices.services.tags import suggest_for_tasks
from chiso.registry.permissions import HEAD, MONITOR

# the demo registry (and PAPI) loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once", "papi_once")


@pytest.mark.django_db
def test_api_analysis_ranking_and_suggestions(papi_loaded, demo_registry, user_factory, client):
    client.force_login(user_factory(MONITOR, agency="bt-snv"))
    data = client.get("/api/indices/PAPI/analysis", {"year": 2021, "province": "Bình Thuận"}).json()
    assert data["rank"] == 12 and data["declined"] == ["D3", "D5"]
    assert client.get("/api/indices/PAPI/analysis", {"year": 2021, "province": "Atlantis"}).status_code == 404
    ranking = client.get("/api/indices/PAPI/ranking", {"year": 2021}).json()
    assert (
        ranking[0]["province"] == "Thừa Thiên Huế" and ranking[0]["computed_rank"] == 1 and len(ranking) == 60
    )
    tree = client.get("/api/indices/PAR/methodologies/PAR-876").json()
    assert {c["code"]: c["max"] for c in tree}["TD"] == 61.5
    tags = client.get("/api/indices/suggest-tags", {"text": "dịch vụ công trực tuyến"}).json()
    assert {
        "index": "766",
        "component": "N3",
        "methodology": "766-PORTAL",
        "reason": "dịch vụ công trực tuyến",
    } in tags
    provinces = client.get("/api/indices/provinces").json()
    assert len(provinces) == 97
    assert client.get("/api/indices/").status_code == 200


@pytest.mark.django_db
def test_anonymous_api_is_refused(papi_loaded, client):
    assert client.get("/api/indices/PAPI/ranking", {"year": 2021}).status_code in (401, 403)


@pytest.mark.django_db
def test_home_card_shows_binh_thuan_latest_papi(papi_loaded, demo_registry, user_factory, rf):
    request = rf.get("/")
    request.user = user_factory(HEAD, agency="bt-stttt")
    card = home_cards(request)[0]
    # 2024: 47.127, rank 3/61; 2023: 42.474, rank 29
    # The province merged on 1/7/2025: its results stay with the former unit, and the card says so.
    assert card["title"] == "PAPI 2024 – Bình Thuận (đến 30/06/2025)" and card["value"] == "47,13"
    assert card["detail"] == "Hạng 3/61; so với 2023: +4,65 điểm, tăng 26 bậc"
    assert report_links(request)[0]["url"].endswith("?nam=2024&tinh=binh-thuan")


@pytest.mark.django_db
def test_tasks_get_suggested_tags_and_show_on_the_index_page(
    papi_loaded, demo_registry, user_factory, client
):
    from chiso.registry.models import Agency

    d = Directive.objects.create(title="Thông báo kết luận")
    lead = Agency.objects.get(code="bt-stttt")
    online = Task.objects.create(
        directive=d, text="Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình", lead=lead
    )
    apology = Task.objects.create(
        directive=d, text="Thực hiện nghiêm việc xin lỗi khi hồ sơ trễ hạn", lead=lead
    )
    assert suggest_for_tasks([online, apology]) > 0
    assert suggest_for_tasks([online, apology]) == 0  # idempotent
    assert TaskComponent.objects.filter(
        task=online, index__code="766", component_code="N3", suggested=True
    ).exists()
    assert TaskComponent.objects.filter(task=apology, index__code="PAPI", component_code="D5").exists()
    client.force_login(user_factory(MONITOR, agency="bt-snv"))
    html = client.get("/chi-so/PAPI/?tinh=binh-thuan&nam=2021").content.decode()
    assert "xin lỗi khi hồ sơ trễ hạn" in html and "gợi ý" in html
    tag = TaskComponent.objects.get(task=apology, index__code="PAPI", component_code="D5")
    # a post with neither button changes nothing (it used to drop the tag)
    nothing = client.post(f"/chi-so/gan-nhan/{tag.pk}/", {}, follow=True)
    assert "Chưa chọn xác nhận hay bỏ thành phần chỉ số." in nothing.content.decode()
    tag.refresh_from_db()
    assert not tag.confirmed
    assert client.post(f"/chi-so/gan-nhan/{tag.pk}/", {"keep": "1"}).status_code == 302
    tag.refresh_from_db()
    assert tag.confirmed


@pytest.mark.django_db
def test_new_tasks_and_targets_are_handled_after_commit(papi_loaded, django_capture_on_commit_callbacks):
    from chiso.directives.models import Target

    d = Directive.objects.create(title="TB")
    with django_capture_on_commit_callbacks(execute=True):
        task = Task.objects.create(directive=d, text="Công khai ngân sách xã, danh sách hộ nghèo")
        target = Target.objects.create(
            directive=d,
            text="PAPI 2021 tăng điểm",
            indices=["PAPI"],
            year=2021,
            goal="score improve over 2020",
        )
    assert TaskComponent.objects.filter(
        task=task, index__code="PAPI", component_code="D2", suggested=True, confirmed=False
    ).exists()
    target.refresh_from_db()
    assert target.status == Target.MET
