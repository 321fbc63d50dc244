"""Regression tests for the outside audit of issue 10: each test is a finding, with its payload."""

import io
import zipfile
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from docx import Document

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


PASSWORD = "chiso-demo-2022"
SSTI = "{{ cycler.__init__.__globals__.os.popen('id').read() }}"


def _docx_with(text):
    out = io.BytesIO()
    doc = Document()
    doc.add_paragraph(text)
    doc.save(out)
    return out.getvalue()


def _text(docx_bytes):
    return "\n".join(p.text for p in Document(io.BytesIO(docx_bytes)).paragraphs)


# ---- finding 1: server-side template injection ----------------------------------------------------


def test_an_uploaded_template_cannot_run_commands():
    from chiso.core import docx_templates

    with pytest.raises(docx_templates.TemplateRejected, match="không được phép"):
        docx_templates.render(io.BytesIO(_docx_with(SSTI)), {})


@pytest.mark.django_db
def test_the_official_report_with_a_hostile_uploaded_template_runs_nothing(demo_registry, settings, tmp_path):
    from django.core.files.base import ContentFile

    from chiso.core import docx_templates
    from chiso.directives.models import ReportTemplate
    from chiso.directives.services import official

    template = ReportTemplate(code=official.CODE)
    template.file.save("mau.docx", ContentFile(_docx_with("Báo cáo " + SSTI)), save=True)
    with pytest.raises(docx_templates.TemplateRejected):
        data = official.report_docx(None, date(2022, 1, 1), date(2022, 12, 31))
        assert "uid=" not in _text(data)  # what the old code produced: the output of `id`


@pytest.mark.django_db
def test_the_admin_refuses_a_template_with_the_payload_at_upload(demo_registry):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from chiso.directives.admin import ReportTemplateForm

    form = ReportTemplateForm(
        data={"code": "bao-cao-tinh-hinh"}, files={"file": SimpleUploadedFile("mau.docx", _docx_with(SSTI))}
    )
    assert not form.is_valid()
    assert "không được phép" in str(form.errors["file"])
    html = SimpleUploadedFile("mau.docx", b"PK<html><script>alert(1)</script></html>")
    form = ReportTemplateForm(data={"code": "bao-cao-tinh-hinh"}, files={"file": html})
    assert not form.is_valid() and "không đúng định dạng Word" in str(form.errors["file"])


# ---- finding 2 and "lock any account by name": one lockout, keyed on name and client ----------------


@pytest.mark.django_db
def test_the_admin_login_has_the_same_lockout(demo_registry, settings):
    settings.LOGIN_MAX_FAILURES = 3
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        page = client.post("/quan-tri/login/", {"username": "quantri", "password": "sai"})
        assert page.status_code == 200
    page = client.post("/quan-tri/login/?next=/quan-tri/", {"username": "quantri", "password": PASSWORD})
    assert "Tài khoản tạm khóa" in page.content.decode()
    assert "_auth_user_id" not in client.session
    # and failures on the admin page count on the site's login page too
    page = client.post("/dang-nhap/", {"username": "quantri", "password": PASSWORD})
    assert "Tài khoản tạm khóa" in page.content.decode()


@pytest.mark.django_db
def test_guessing_from_one_address_does_not_lock_the_owner_out_elsewhere(demo_registry, settings):
    settings.LOGIN_MAX_FAILURES = 3
    attacker = Client(REMOTE_ADDR="198.51.100.9")
    for _ in range(5):
        attacker.post("/dang-nhap/", {"username": "sonoivu", "password": "sai"})
    assert (
        "Tài khoản tạm khóa"
        in attacker.post("/dang-nhap/", {"username": "sonoivu", "password": PASSWORD}).content.decode()
    )
    owner = Client(REMOTE_ADDR="192.0.2.20")
    assert owner.post("/dang-nhap/", {"username": "sonoivu", "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_one_address_spraying_many_accounts_is_stopped(demo_registry, settings):
    settings.LOGIN_MAX_FAILURES = 2
    sprayer = Client(REMOTE_ADDR="198.51.100.10")
    for n in range(8):
        sprayer.post("/dang-nhap/", {"username": f"khong-co-{n}", "password": "sai"})
    page = sprayer.post("/dang-nhap/", {"username": "vpubnd", "password": PASSWORD})
    assert "Tài khoản tạm khóa" in page.content.decode()


# ---- finding 4: audit pages apply the permissions of the object they describe ----------------------


@pytest.mark.django_db
def test_a_head_cannot_read_the_log_of_a_survey_wave_rating_their_agency(demo_registry, user_factory):
    from chiso.core.audit import record
    from chiso.registry.models import Agency
    from chiso.surveys.models import Wave
    from chiso.surveys.services import builtin

    wave = Wave.objects.create(
        questionnaire=builtin.install("sipas"),
        name="Đợt thử",
        year=2026,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        target_group="Người dân",
    )
    agency = Agency.objects.get(code="bt-stttt")
    wave.agencies.set([agency])
    record(wave, "action", {"invitations": 1}, "Tạo thư mời cho Nguyễn Văn Được Mời")
    url = f"/nhat-ky/{ContentType.objects.get_for_model(Wave).pk}/{wave.pk}/"
    client = Client()
    client.force_login(user_factory("head", agency="bt-stttt"))
    assert client.get(url).status_code == 403
    client.force_login(user_factory("monitor", agency="bt-snv"))
    assert "Nguyễn Văn Được Mời" in client.get(url).content.decode()


@pytest.mark.django_db
def test_an_audit_url_with_a_malformed_id_is_404_not_500(demo_registry, user_factory):
    from chiso.registry.models import Agency

    client = Client()
    client.force_login(user_factory("monitor", agency="bt-snv"))
    assert client.get(f"/nhat-ky/{ContentType.objects.get_for_model(Agency).pk}/abc/").status_code == 404


# ---- low: Cache-Control, OpenAPI schema, API bad input --------------------------------------------


@pytest.mark.django_db
def test_private_pages_and_files_are_not_cached(demo_registry, user_factory):
    client = Client()
    client.force_login(user_factory("monitor", agency="bt-snv"))
    for url in ("/", "/danh-muc/", "/danh-muc/xuat-excel/"):
        cache = client.get(url).get("Cache-Control", "")
        assert "private" in cache and "no-store" in cache, url


@pytest.mark.django_db
def test_the_openapi_schema_and_docs_are_for_logged_in_users_only(demo_registry, user_factory):
    client = Client()
    assert client.get("/api/openapi.json").status_code == 302
    assert client.get("/api/docs").status_code == 302
    client.force_login(user_factory("officer", agency="bt-snv"))
    assert client.get("/api/openapi.json").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,where",
    [
        ("offset=-1", "offset"),
        ("limit=-5", "limit"),
        ("offset=99999999999999999999", "offset"),
        ("limit=abc", "limit"),
        ("directive=abc", "directive"),
    ],
)
def test_bad_api_parameters_answer_422_in_vietnamese(demo_registry, user_factory, query, where):
    client = Client()
    client.force_login(user_factory("monitor", agency="bt-snv"))
    response = client.get(f"/api/directives/tasks?{query}")
    assert response.status_code == 422, response.content
    assert "không hợp lệ" in response.json()["detail"] and where in response.json()["detail"]


# ---- open redirects -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_empty_apology_batch_does_not_follow_a_foreign_referer(demo_registry, user_factory):
    client = Client()
    client.force_login(user_factory("monitor", agency="bt-snv"))
    response = client.post("/ho-so/xin-loi/in-loat/", {}, HTTP_REFERER="https://ke-xau.example/lua-dao")
    assert response.status_code == 302 and "ke-xau.example" not in response["Location"]
    response = client.post("/ho-so/xin-loi/in-loat/", {}, HTTP_REFERER="http://testserver/ho-so/danh-sach/")
    assert response["Location"] == "http://testserver/ho-so/danh-sach/"


@pytest.mark.django_db
def test_next_on_the_tag_confirmation_stays_on_the_site(demo_registry, user_factory):
    from django.test import RequestFactory

    from chiso.core.redirects import safe_target
    from chiso.directives.models import Directive, Task
    from chiso.indices.models import Index, TaskComponent
    from chiso.registry.models import Agency

    directive = Directive.objects.create(title="Kết luận", status=Directive.PUBLISHED)
    task = Task.objects.create(
        directive=directive, text="Nâng cao chỉ số", lead=Agency.objects.get(code="bt-snv")
    )
    tag = TaskComponent.objects.create(
        task=task, index=Index.objects.create(code="PAR", name="PAR INDEX"), component_code="1"
    )
    client = Client()
    client.force_login(user_factory("monitor", agency="bt-snv"))
    response = client.post(f"/chi-so/gan-nhan/{tag.pk}/", {"keep": "1", "next": "https://ke-xau.example/"})
    assert response.status_code == 302 and "ke-xau.example" not in response["Location"]

    request = RequestFactory().post("/chi-so/gan-nhan/1/")
    for bad in ("https://ke-xau.example/", "//ke-xau.example/", "javascript:alert(1)", "/\\ke-xau.example"):
        assert safe_target(request, bad, "/chi-so/") == "/chi-so/", bad
    assert safe_target(request, "/chi-do/nhiem-vu/3/", "/chi-so/") == "/chi-do/nhiem-vu/3/"


# ---- PostgreSQL errors are not shown raw in the CLI -----------------------------------------------


def test_a_database_error_on_the_command_line_is_one_vietnamese_line(capsys, monkeypatch):
    import django.core.management
    from django.db import DataError, OperationalError

    from chiso.__main__ import main

    for error, words in (
        (
            DataError('invalid byte sequence for encoding "UTF8": 0x00\nCONTEXT: COPY dossier_stage'),
            "ký tự NUL",
        ),
        (OperationalError('connection to server at "127.0.0.1", port 5432 failed'), "DATABASE_URL"),
    ):

        def failing(argv, error=error):
            raise error

        monkeypatch.setattr(django.core.management, "execute_from_command_line", failing)
        with pytest.raises(SystemExit) as stopped:
            main(["chiso", "import-dossiers", "x.csv"])
        assert stopped.value.code == 1
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err and "CONTEXT" not in err


# ---- XML injection in the apology letter -----------------------------------------------------------


@pytest.mark.django_db
def test_the_apology_letter_keeps_angle_brackets_and_ampersands_as_text(demo_registry):
    from chiso.dossiers.models import Dossier, Procedure
    from chiso.dossiers.services.apology import render_letter
    from chiso.registry.models import Agency

    dossier = Dossier.objects.create(
        code="HS-XML",
        procedure=Procedure.objects.create(code="1.000002", name="Cấp phép <thử> & kiểm tra", days=5),
        agency=Agency.objects.get(code="bt-snv"),
        received=date(2026, 1, 5),
        due=date(2026, 1, 12),
        stat_day=date(2026, 1, 12),
        stat_month=202601,
    )
    data = render_letter(
        dossier, issued_on=date(2026, 1, 8), reason="‹bổ sung> & xác minh <w:t>", new_due=date(2026, 1, 20)
    )
    text = _text(data)
    for table in Document(io.BytesIO(data)).tables:
        text += "\n".join(c.text for r in table.rows for c in r.cells)
    assert "‹bổ sung> & xác minh <w:t>" in text
    assert "Cấp phép <thử> & kiểm tra" in text
    zipfile.ZipFile(io.BytesIO(data)).testzip()


# ---- optimistic locking is not skipped when the version is left out --------------------------------


@pytest.mark.django_db
def test_a_task_change_without_version_is_refused_not_applied(demo_registry, user_factory):
    from chiso.directives.models import Directive, Task
    from chiso.registry.models import Agency

    directive = Directive.objects.create(title="Kết luận", status=Directive.PUBLISHED)
    task = Task.objects.create(directive=directive, text="Việc", lead=Agency.objects.get(code="bt-snv"))
    client = Client()
    client.force_login(user_factory("monitor", agency="bt-snv"))
    for version in (None, "abc", "-1"):
        data = {"text": "Sửa đè", "note": "thử"} | ({"version": version} if version is not None else {})
        response = client.post(f"/chi-dao/nhiem-vu/{task.pk}/sua/", data)
        assert response.status_code == 400, version
        assert "phiên bản" in response.content.decode().lower()
    task.refresh_from_db()
    assert task.text == "Việc"
    response = client.post(f"/chi-dao/nhiem-vu/{task.pk}/sua/", {"text": "Sửa đúng", "version": task.version})
    assert response.status_code == 302
