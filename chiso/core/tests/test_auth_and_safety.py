import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from chiso.core.audit import acting_as, entries_for
from chiso.core.models import AuditEntry
from chiso.registry.models import Agency

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


PASSWORD = "chiso-demo-2022"


@pytest.mark.django_db
def test_login_logout_and_vietnamese_error(client, demo_registry):
    page = client.post("/dang-nhap/", {"username": "sonoivu", "password": "sai"}).content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in page
    response = client.post("/dang-nhap/", {"username": "sonoivu", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.post("/dang-xuat/").status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_lockout_after_repeated_failures(client, demo_registry, settings):
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        client.post("/dang-nhap/", {"username": "sonoivu", "password": "sai"})
    page = client.post("/dang-nhap/", {"username": "sonoivu", "password": PASSWORD}).content.decode()
    assert "Tài khoản tạm khóa vì đăng nhập sai quá 3 lần" in page
    assert "_auth_user_id" not in client.session
    # Another account is not affected.
    assert client.post("/dang-nhap/", {"username": "vpubnd", "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_successful_login_clears_earlier_failures(client, demo_registry, settings):
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(2):
        client.post("/dang-nhap/", {"username": "sonoivu", "password": "sai"})
    assert client.post("/dang-nhap/", {"username": "sonoivu", "password": PASSWORD}).status_code == 302
    client.post("/dang-xuat/")
    for _ in range(2):
        client.post("/dang-nhap/", {"username": "sonoivu", "password": "sai"})
    assert client.post("/dang-nhap/", {"username": "sonoivu", "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_csrf_is_enforced_on_forms(demo_registry):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/dang-nhap/", {"username": "sonoivu", "password": PASSWORD}).status_code == 403


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2_in_production_settings():
    from django.conf import settings as django_settings

    from chiso import settings as chiso_settings

    assert chiso_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert django_settings.LANGUAGE_CODE == "vi" and django_settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


@pytest.mark.django_db
def test_password_change_in_vietnamese(client, demo_registry):
    client.login(username="cb.stttt", password=PASSWORD)
    page = client.get("/doi-mat-khau/").content.decode()
    assert "Đổi mật khẩu" in page and "Mật khẩu cũ" in page
    response = client.post(
        "/doi-mat-khau/",
        {
            "old_password": PASSWORD,
            "new_password1": "Mot-mat-khau-moi-2026",
            "new_password2": "Mot-mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302
    client.post("/dang-xuat/")
    assert client.login(username="cb.stttt", password="Mot-mat-khau-moi-2026")


@pytest.mark.django_db
def test_admin_is_for_administrators_only(client, demo_registry):
    client.login(username="sonoivu", password=PASSWORD)
    assert client.get("/quan-tri/").status_code == 302  # sent to the admin login, not let in
    client.login(username="quantri", password=PASSWORD)
    assert client.get("/quan-tri/").status_code == 200


@pytest.mark.django_db
def test_security_headers(client, demo_registry):
    client.login(username="sonoivu", password=PASSWORD)
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_every_change_is_audited_with_who_and_what(demo_registry, user_factory):
    editor = user_factory("admin", agency="bt-vp-ubnd", username="bientap")
    agency = Agency.objects.get(code="bt-stttt")
    with acting_as(editor):
        agency.email = "stttt@binhthuan.gov.vn"
        agency.save()
        agency.save()  # nothing changed: no entry
    entries = list(entries_for(agency))
    assert entries[-1].action == "create" and entries[-1].actor_label == "hệ thống"
    by_editor = [e for e in entries if e.actor == editor]
    assert len(by_editor) == 1
    assert by_editor[0].action == "update" and by_editor[0].actor_label == "bientap"
    assert by_editor[0].changes == {"email": ["", "stttt@binhthuan.gov.vn"]}


@pytest.mark.django_db
def test_audit_page_per_object_and_its_permissions(client, demo_registry, user_factory):
    agency = Agency.objects.get(code="bt-stttt")
    with acting_as(None, "thử nghiệm"):
        agency.email = "a@b.vn"
        agency.save()
    url = f"/nhat-ky/{ContentType.objects.get_for_model(Agency).pk}/{agency.pk}/"
    client.force_login(user_factory("monitor", agency="bt-snv"))
    page = client.get(url).content.decode()
    assert "Nhật ký thay đổi" in page and "a@b.vn" in page and "thử nghiệm" in page
    client.force_login(user_factory("officer", agency="bt-stttt"))
    assert client.get(url).status_code == 403
    client.force_login(user_factory("head", agency="bt-stttt"))
    assert client.get(url).status_code == 200
    client.force_login(user_factory("head", agency="bt-snv"))
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_web_changes_are_attributed_to_the_logged_in_user(client, demo_registry):
    from io import BytesIO

    from chiso.registry import spreadsheet

    client.login(username="quantri", password=PASSWORD)
    buffer = BytesIO(spreadsheet.export_workbook())
    buffer.seek(0)
    from openpyxl import load_workbook

    wb = load_workbook(buffer)
    ws = wb[spreadsheet.AGENCY_SHEET]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "bt-syt":
            row[8].value = "syt@binhthuan.gov.vn"
    out = BytesIO()
    wb.save(out)
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post("/danh-muc/nhap-excel/", {"file": SimpleUploadedFile("dm.xlsx", out.getvalue())})
    entry = AuditEntry.objects.filter(object_repr="Sở Y tế", action="update").first()
    assert (
        entry is not None
        and entry.actor.username == "quantri"
        and entry.changes["email"][1] == "syt@binhthuan.gov.vn"
    )


@pytest.mark.django_db
def test_vietnamese_only_whatever_the_browser_or_cookie_asks(client, demo_registry):
    # The English switch was removed (issue 14): an English browser or an old "en" cookie gets Vietnamese.
    page = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="vi"' in page and "English" not in page
    client.cookies["django_language"] = "en"
    page = client.get("/dang-nhap/").content.decode()
    assert 'lang="vi"' in page and "Đăng nhập" in page
    assert client.post("/i18n/setlang/", {"language": "en"}).status_code == 404
