"""Thematic meetings: topics from components slow to improve, conclusions through the intake review."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chiso.directives.models import NoticeDraft
from chiso.programme.models import ThematicMeeting
from chiso.programme.services import meetings
from chiso.registry.models import Agency

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_once")]
D = datetime.date

CONCLUSIONS = (
    "Sở Tài nguyên và Môi trường rà soát các điểm ô nhiễm môi trường; báo cáo UBND tỉnh trước ngày 30/11/2022.\n"
    "Văn phòng UBND tỉnh hướng dẫn việc xin lỗi người dân khi hồ sơ trễ hạn, hoàn thành trong tháng 10/2022."
)


@pytest.fixture
def papi(db):
    from chiso.indices.demo import papi_path
    from chiso.indices.services import definitions, provinces
    from chiso.indices.services.importer import import_results

    definitions.load()
    import_results(papi_path().read_bytes(), "papi.csv", "PAPI")
    provinces.ensure()
    provinces.link_agencies()


@pytest.fixture
def today(db):
    from chiso.directives.models import ReminderSchedule

    return ReminderSchedule.objects.create(days_before=[7, 3, 1], as_of=D(2022, 10, 14))


def test_components_that_did_not_improve_over_three_years_are_listed(people, papi):
    province = meetings.province_for(people["monitor"])
    found = {c["key"]: c for c in meetings.stagnant(province, 2021)}
    # Bình Thuận, PAPI 2018 → 2021 (published figures): D7 4,07 → 3,52; D5 7,37 → 6,97; D3 4,48 → 4,41
    assert set(found) == {"PAPI:D3", "PAPI:D5", "PAPI:D7"}
    assert [y for y, _ in found["PAPI:D7"]["scores"]] == [2018, 2019, 2020, 2021]
    assert round(found["PAPI:D7"]["change"], 2) == -0.55


def test_conclusions_become_a_notice_draft_in_the_intake(today, people):
    meeting = meetings.plan_meeting(
        people["monitor"],
        title="Quản trị môi trường",
        planned_on=D(2022, 9, 28),
        invited=[Agency.objects.get(code="bt-stnmt")],
    )
    with pytest.raises(ValidationError, match="Ghi kết luận"):
        meetings.draft_conclusion(meeting, people["monitor"])
    meetings.record_meeting(
        meeting, people["monitor"], held_on=D(2022, 9, 28), attendees="Các sở", conclusions=CONCLUSIONS
    )
    draft = meetings.draft_conclusion(meeting, people["monitor"])
    assert draft.status == NoticeDraft.OPEN
    tasks = draft.parsed["tasks"]
    leads = [Agency.objects.get(pk=t["lead_agency_ids"][0]).code for t in tasks]
    assert leads == ["bt-stnmt", "bt-vp-ubnd"]
    assert [t["deadline"]["due"] for t in tasks] == ["2022-11-30", "2022-10-31"]
    assert "ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN" in draft.parsed["source_text"]
    assert meetings.draft_conclusion(meeting, people["monitor"]) == draft  # once only
    assert meetings.held_vs_planned(2022) == {"planned": 1, "held": 1}


def test_only_monitors_prepare_meetings_and_invited_agencies_read_them(today, people, client):
    for role in ("head", "officer", "leader"):
        with pytest.raises(PermissionDenied):
            meetings.plan_meeting(people[role], title="X", planned_on=D(2022, 9, 28))
    meeting = meetings.plan_meeting(
        people["monitor"],
        title="Thủ tục hành chính công",
        planned_on=D(2022, 9, 28),
        invited=[Agency.objects.get(code="bt-stttt")],
    )
    with pytest.raises(ValidationError, match="sau hôm nay"):
        meetings.record_meeting(
            meeting, people["monitor"], held_on=D(2022, 11, 1), attendees="", conclusions="X"
        )
    cases = [
        (people["monitor"], "/chuong-trinh/hop-chuyen-de/", 200),
        (people["officer"], f"/chuong-trinh/hop-chuyen-de/{meeting.pk}/", 200),  # Sở TT&TT is invited
        (people["other"], f"/chuong-trinh/hop-chuyen-de/{meeting.pk}/", 404),  # not invited: not there
    ]
    for user, url, status in cases:
        client.force_login(user)
        assert client.get(url).status_code == status, (user, url)
    client.force_login(people["officer"])
    response = client.post(f"/chuong-trinh/hop-chuyen-de/{meeting.pk}/", {"step": "draft"})
    assert response.status_code == 403
    assert ThematicMeeting.objects.get().draft is None


def test_recording_through_the_page_then_drafting_leads_to_the_intake_review(today, people, client):
    meeting = meetings.plan_meeting(people["monitor"], title="Môi trường", planned_on=D(2022, 9, 28))
    client.force_login(people["monitor"])
    url = f"/chuong-trinh/hop-chuyen-de/{meeting.pk}/"
    response = client.post(
        url, {"step": "record", "held_on": "28/09/2022", "attendees": "Các sở", "conclusions": ""}
    )
    assert response.status_code == 400
    response = client.post(
        url, {"step": "record", "held_on": "28/09/2022", "attendees": "Các sở", "conclusions": CONCLUSIONS}
    )
    assert response.status_code == 302
    response = client.post(url, {"step": "draft"})
    meeting.refresh_from_db()
    assert (
        response.status_code == 302 and response["Location"] == f"/chi-dao/nhap-van-ban/{meeting.draft_id}/"
    )
    assert client.get(response["Location"]).status_code == 200


def test_the_api_lists_only_meetings_the_user_may_see(today, people, client):
    meetings.plan_meeting(
        people["monitor"], title="A", planned_on=D(2022, 9, 28), invited=[Agency.objects.get(code="bt-stttt")]
    )
    assert client.get("/api/programme/meetings/").status_code == 401
    client.force_login(people["officer"])
    assert [m["title"] for m in client.get("/api/programme/meetings/").json()] == ["A"]
    client.force_login(people["other"])
    assert client.get("/api/programme/meetings/").json() == []
