"""The review screen shows each name as the notice wrote it with its resolution, lets an administrator
add an outside name to the registry, and re-resolves the draft's names when the registry gains an
agency (issue 12 point 1, issue 14). The review POST is read by Django forms (issue 11 point 6)."""

import pytest
from django.urls import reverse

from chiso.core.models import AuditEntry
from chiso.directives.models import Directive, NoticeDraft
from chiso.registry.models import Agency
from chiso.registry.permissions import ADMIN, MONITOR

from .test_intake import accept_all, upload

pytestmark = pytest.mark.django_db

NOTICE = (
    "ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh về cải cách hành chính\n"
    "1. Giao Sở Thông tin Truyền thông chủ trì triển khai dịch vụ công trực tuyến, hoàn thành trước ngày 30/9/2022.\n"
    "2. Giao Ban Quản lý dự án Cầu Vồng chủ trì, phối hợp với Sở Tài chính rà soát hồ sơ tồn đọng, "
    "hoàn thành trong tháng 10/2022.\n"
)


def review_url(draft):
    return reverse("directives:intake_review", args=[draft.pk])


@pytest.fixture
def admin(client, demo_registry, user_factory):
    # an administrator both reviews notices and keeps the registry
    user = user_factory(ADMIN, MONITOR, agency="bt-snv")
    client.force_login(user)
    return user


def draft_of(client):
    upload(client, name="moi.txt", data=NOTICE.encode("utf-8"))
    return NoticeDraft.objects.get()


def test_each_name_is_shown_with_its_resolution(client, admin):
    draft = draft_of(client)
    page = client.get(review_url(draft)).content.decode()
    # resolved: the name as written and the registry agency
    assert "Phối hợp: “Sở Tài chính” → Sở Tài chính" in page
    # outside the registry: said so, with a button that adds it
    assert "Chưa có trong danh mục" in page and "Chủ trì: “Ban Quản lý dự án Cầu Vồng”" in page
    assert 'name="agency_name" value="Ban Quản lý dự án Cầu Vồng"' in page
    assert reverse("directives:intake_add_agency", args=[draft.pk]) in page
    # a name that is not exact offers its candidates to pick
    assert 'name="lead_pick_0"' in page and "Sở Thông tin và Truyền thông" in page


def test_monitor_sees_no_add_button_and_may_not_add(client, demo_registry, user_factory):
    client.force_login(user_factory(MONITOR, agency="bt-snv"))
    draft = draft_of(client)
    page = client.get(review_url(draft)).content.decode()
    assert 'name="agency_name"' not in page and "đề nghị quản trị viên danh mục" in page
    resp = client.post(
        reverse("directives:intake_add_agency", args=[draft.pk]),
        {"agency_name": "Ban Quản lý dự án Cầu Vồng"},
    )
    assert resp.status_code == 403
    assert not Agency.objects.filter(name="Ban Quản lý dự án Cầu Vồng").exists()


def test_adding_an_outside_name_resolves_the_draft_and_keeps_the_reviewers_edits(client, admin):
    draft = draft_of(client)
    assert draft.parsed["tasks"][1]["lead_agency_ids"] == []
    form = accept_all(draft)
    form["text_0"] = "Triển khai dịch vụ công trực tuyến toàn trình (sửa khi rà soát)"
    form["agency_name"] = "Ban Quản lý dự án Cầu Vồng"
    resp = client.post(reverse("directives:intake_add_agency", args=[draft.pk]), form)
    assert resp.status_code == 302 and resp.url == review_url(draft)
    agency = Agency.objects.get(name="Ban Quản lý dự án Cầu Vồng")
    assert agency.kind == "su_nghiep"  # "Ban quản lý dự án": a public service unit
    assert AuditEntry.objects.filter(object_id=str(agency.pk), action=AuditEntry.CREATE, actor=admin).exists()
    draft.refresh_from_db()
    task = draft.parsed["tasks"][1]
    assert task["lead_agency_ids"] == [agency.pk]
    assert "Ban Quản lý dự án Cầu Vồng" not in task["unresolved"]
    assert draft.parsed["tasks"][0]["text"].endswith("(sửa khi rà soát)")
    page = client.get(review_url(draft)).content.decode()
    assert "Chủ trì: “Ban Quản lý dự án Cầu Vồng” → Ban Quản lý dự án Cầu Vồng" in page
    # Adding the same name again creates nothing new.
    client.post(
        reverse("directives:intake_add_agency", args=[draft.pk]),
        {"agency_name": "ban quản lý dự án cầu vồng"},
    )
    assert Agency.objects.filter(name__iexact="Ban Quản lý dự án Cầu Vồng").count() == 1


def test_agency_added_in_the_registry_settles_the_name_on_the_next_view(client, admin):
    draft = draft_of(client)
    agency = Agency.objects.create(code="bqlda-cau-vong", name="Ban Quản lý dự án Cầu Vồng", kind="su_nghiep")
    client.get(review_url(draft))
    draft.refresh_from_db()
    assert draft.parsed["tasks"][1]["lead_agency_ids"] == [agency.pk]


def test_review_post_read_by_forms_picked_candidate_and_bad_date(client, admin):
    draft = draft_of(client)
    snv = Agency.objects.get(code="bt-stttt")
    form = accept_all(draft)
    form["lead_0"] = ""
    form["lead_pick_0"] = str(snv.pk)  # the candidate the reviewer picked for the inexact name
    form["due_1"] = "31/02/2022"
    resp = client.post(review_url(draft), form)
    html = resp.content.decode()
    assert resp.status_code == 400
    assert "Mục 2: ngày “31/02/2022” không đúng dạng dd/mm/yyyy." in html
    assert "Mục 1:" not in html  # the pick settled task 1's lead
    assert Directive.objects.count() == 0
    form["due_1"] = "31/10/2022"
    form["lead_1"] = "Sở Tài chính"
    resp = client.post(review_url(draft), form)
    assert resp.status_code == 302
    directive = Directive.objects.get()
    assert directive.tasks.get(ref="1").lead.code == "bt-stttt"


def test_add_agency_without_a_name_is_refused(client, admin):
    draft = draft_of(client)
    resp = client.post(reverse("directives:intake_add_agency", args=[draft.pk]), {"agency_name": " "})
    assert resp.status_code == 400 and "Thiếu tên cơ quan" in resp.content.decode()
