import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chiso.directives.demo import SEED_PATH as SEED
from chiso.directives.models import Directive, NoticeDraft, Task
from chiso.registry.permissions import MONITOR, OFFICER

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_once")]


def upload(client, name="thong-bao.txt", data=None):
    data = SEED.read_bytes() if data is None else data
    return client.post(reverse("directives:intake_upload"), {"file": SimpleUploadedFile(name, data)})


def accept_all(draft):
    from chiso.registry.models import Agency

    names = dict(Agency.objects.values_list("pk", "name"))
    form = {"action": "publish"}
    for i, _t in enumerate(draft.parsed["tasks"]):
        form[f"accept_{i}"] = "1"
        form[f"lead_{i}"] = "; ".join(names[x] for x in _t["lead_agency_ids"])
        dl = _t["deadline"]
        form[f"kind_{i}"] = dl["kind"]
        form[f"due_{i}"] = "/".join(reversed(dl["due"].split("-"))) if dl["due"] else ""
        form[f"start_{i}"] = "/".join(reversed(dl["start"].split("-"))) if dl["start"] else ""
        form[f"every_{i}"] = dl["every"] or ""
        form.update({f"coordinators_{i}": [str(x) for x in _t["coordinator_agency_ids"]]})
    return form


@pytest.fixture
def monitor(client, demo_registry, user_factory):
    user = user_factory(MONITOR, agency="bt-snv")
    client.force_login(user)
    return user


def test_officer_may_not_upload_or_review(client, demo_registry, user_factory):
    client.force_login(user_factory(OFFICER, agency="bt-stttt"))
    assert client.get(reverse("directives:intake_upload")).status_code == 403
    assert upload(client).status_code == 403
    assert NoticeDraft.objects.count() == 0


def test_upload_review_publish_and_reupload_creates_nothing(client, monitor):
    resp = upload(client)
    draft = NoticeDraft.objects.get()
    assert resp.status_code == 302 and resp.url == reverse("directives:intake_review", args=[draft.pk])
    page = client.get(resp.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Mục II.2.2" in html and "<mark>Trước ngày 10/8/2022</mark>" in html
    assert 'value="10/08/2022"' in html  # dates shown dd/mm/yyyy
    assert "Rà soát nhiệm vụ đề xuất" in html and "Ban hành" in html

    form = accept_all(draft)
    del form["accept_4"]  # drop I.5
    form["text_0"] = "Người đứng đầu các cơ quan, đơn vị, địa phương xây dựng kế hoạch khắc phục."
    resp = client.post(reverse("directives:intake_review", args=[draft.pk]), form)
    assert resp.status_code == 302
    directive = Directive.objects.get()
    assert directive.status == Directive.PUBLISHED and directive.source_file.name
    assert directive.meeting_date.isoformat() == "2022-07-27" and directive.signed_by == "Nguyễn Đức Hải Tùng"
    top = directive.tasks.filter(parent=None)
    assert top.count() == 22
    assert top.get(ref="I.1").text.endswith("xây dựng kế hoạch khắc phục.")
    assert not top.filter(ref="I.5").exists()
    t = top.get(ref="II.2.2")
    assert t.lead.code == "bt-snv" and t.due_date.isoformat() == "2022-08-10" and t.due_strict
    districts = top.get(ref="II.4.1")
    assert districts.lead is None and districts.children.filter(child_kind=Task.SHARE).count() == 10
    closing = top.get(ref="Tổ chức thực hiện")  # never the reader's internal "closing"
    assert list(closing.coordinators.values_list("code", flat=True)) == ["bt-vp-ubnd"]
    assert directive.targets.get().indices == ["PAR INDEX", "SIPAS", "PAPI"]

    before = (Directive.objects.count(), Task.objects.count(), NoticeDraft.objects.count())
    resp = upload(client, name="ban-sao.txt")
    html = resp.content.decode()
    assert resp.status_code == 409 and reverse("directives:directive", args=[directive.pk]) in html
    assert "đã có trên hệ thống" in html and "Không tạo thêm" in html
    assert (Directive.objects.count(), Task.objects.count(), NoticeDraft.objects.count()) == before
    # A re-typed copy: a few words changed and no number/date line: still the same notice.
    text = SEED.read_text(encoding="utf-8")
    retyped = text.replace("Thông báo", "THÔNG BÁO", 1).replace("khẩn trương", "nhanh chóng")
    retyped = "\n".join(line for line in retyped.splitlines() if "TB-UBND" not in line)
    resp = upload(client, name="go-lai.txt", data=retyped.encode("utf-8"))
    assert resp.status_code == 409 and "gần như trùng khớp" in resp.content.decode()
    assert (Directive.objects.count(), Task.objects.count(), NoticeDraft.objects.count()) == before
    # Same words, different bytes (CRLF): recognised by the content fingerprint.
    upload(client, data=SEED.read_bytes().replace(b"\n", b"\r\n"))
    assert (Directive.objects.count(), Task.objects.count(), NoticeDraft.objects.count()) == before
    # Publishing the same draft twice creates nothing either.
    client.post(reverse("directives:intake_review", args=[draft.pk]), accept_all(draft))
    assert (Directive.objects.count(), Task.objects.count()) == before[:2]


def test_bad_upload_gets_vietnamese_message(client, monitor):
    resp = upload(client, name="cu.doc", data=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200))
    assert resp.status_code == 400
    assert "không được hỗ trợ" in resp.content.decode()
    resp = upload(client, name="rong.txt", data=b"")
    assert resp.status_code == 400
    resp = upload(
        client,
        name="vni.txt",
        data="Thoâng baùo keát luaän cuûa Chuû tòch UBND tænh veà caûi caùch".encode("cp1252"),
    )
    assert resp.status_code == 400 and "VNI" in resp.content.decode()
    assert NoticeDraft.objects.count() == 0


def test_publish_parsed_for_demo_loader_is_idempotent(demo_registry):
    from chiso.directives.services.intake import publish_parsed
    from chiso.notices import parse_notice
    from chiso.registry.services import gazetteer_from_db

    data = SEED.read_bytes()
    parsed = parse_notice(data.decode("utf-8"), gazetteer=gazetteer_from_db())
    d1 = publish_parsed(parsed, file_bytes=data, filename=SEED.name)
    d2 = publish_parsed(parsed, file_bytes=data, filename=SEED.name)
    assert d1.pk == d2.pk and Directive.objects.count() == 1
    assert d1.tasks.filter(parent=None).count() == 23


def test_save_draft_come_back_and_cancel(client, monitor):
    upload(client)
    draft = NoticeDraft.objects.get()
    form = accept_all(draft)
    form["action"] = "save"
    form["text_0"] = "Nội dung đã sửa, chưa ban hành."
    del form["accept_1"]
    resp = client.post(reverse("directives:intake_review", args=[draft.pk]), form)
    assert resp.status_code == 302 and Directive.objects.count() == 0
    page = client.get(reverse("directives:intake_review", args=[draft.pk])).content.decode()
    assert "Nội dung đã sửa, chưa ban hành." in page
    assert 'name="accept_1" value="1">' in page and 'name="accept_0" value="1" checked>' in page
    assert page.count("<select") < 3 * len(draft.parsed["tasks"]) + 1  # no agency multi-select per task
    assert 'list="agency-names"' in page and "closing" not in page
    resp = client.post(reverse("directives:intake_review", args=[draft.pk]), {"action": "discard"})
    assert resp.status_code == 302
    draft.refresh_from_db()
    assert draft.status == NoticeDraft.DISCARDED and Directive.objects.count() == 0


def test_unresolved_name_shows_candidates_and_unknown_typed_name_is_refused(client, monitor):
    text = (
        "ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh về cải cách hành chính\n"
        "1. Giao Sở Thông tin Truyền thông chủ trì triển khai dịch vụ công trực tuyến, hoàn thành trước ngày 30/9/2022.\n"
        "2. Giao Ban Quản lý dự án Cầu Vồng chủ trì rà soát hồ sơ tồn đọng, hoàn thành trong tháng 10/2022.\n"
    )
    upload(client, name="moi.txt", data=text.encode("utf-8"))
    draft = NoticeDraft.objects.get()
    page = client.get(reverse("directives:intake_review", args=[draft.pk])).content.decode()
    unresolved = [t for t in draft.parsed["tasks"] if t.get("unresolved")]
    assert unresolved, draft.parsed["tasks"]
    assert "Chưa có trong danh mục" in page
    form = accept_all(draft)
    form["lead_0"] = "Sở Không Có Thật"
    resp = client.post(reverse("directives:intake_review", args=[draft.pk]), form)
    assert resp.status_code == 400 and "không có trong danh mục" in resp.content.decode()
    assert Directive.objects.count() == 0


def test_seed_uploaded_as_docx_after_the_demo_creates_nothing(client, monitor):
    """The demo publishes the seed notice; a clerk then uploads the same notice typed into Word."""
    import io

    from docx import Document

    from chiso.directives import demo

    demo.load()
    doc = Document()
    for line in SEED.read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    before = (Directive.objects.count(), Task.objects.count(), NoticeDraft.objects.count())
    overdue_before = Task.objects.filter(due_date__isnull=False, state__in=["new", "in_progress"]).count()
    resp = upload(client, name="thong-bao-ket-luan.docx", data=buf.getvalue())
    html = resp.content.decode()
    assert resp.status_code == 409
    existing = Directive.objects.get()
    assert reverse("directives:directive", args=[existing.pk]) in html
    assert (Directive.objects.count(), Task.objects.count(), NoticeDraft.objects.count()) == before
    assert (
        Task.objects.filter(due_date__isnull=False, state__in=["new", "in_progress"]).count()
        == overdue_before
    )
