"""Staff pages: permissions, dashboard, weights form, invitations and reminders, paper import, exports."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from chiso.surveys.models import Invitation, Response, Wave
from chiso.surveys.services import distribution

from .conftest import full_answers

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


@pytest.fixture
def monitor(client, user_factory):
    user = user_factory("monitor")
    client.force_login(user)
    return user


def test_officers_cannot_see_surveys(client, open_wave, user_factory):
    client.force_login(user_factory("officer"))
    assert client.get(reverse("surveys:index")).status_code == 403
    assert client.get(reverse("surveys:wave", args=[open_wave.pk])).status_code == 403


def test_heads_see_but_cannot_change(client, open_wave, user_factory):
    client.force_login(user_factory("head", agency="ld-stp"))
    assert client.get(reverse("surveys:wave", args=[open_wave.pk])).status_code == 200
    assert (
        client.post(reverse("surveys:status", args=[open_wave.pk]), {"status": "closed"}).status_code == 403
    )


def test_dashboard_renders_with_charts(client, monitor, open_wave):
    client.post(reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=ld-stp", full_answers())
    page = client.get(reverse("surveys:wave", args=[open_wave.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-chart="chart-elements"' in html and 'id="chart-elements"' in html
    assert "Sở Tư pháp" in html and "100,0%" in html


def test_weights_form_saves_and_reports_bad_lines(client, monitor, open_wave):
    url = reverse("surveys:weights", args=[open_wave.pk])
    bad = client.post(
        url,
        {
            "agency_shares": "ld-stp; 300\nkhong-co; 5\nld-sxd; abc",
            "stratum_question": "",
            "stratum_shares": "",
        },
    )
    html = bad.content.decode()
    assert "dòng 3" in html and "không có cơ quan mã “khong-co”" in html
    ok = client.post(
        url,
        {
            "agency_shares": "ld-stp; 300\nld-sxd; 100",
            "stratum_question": "kenh_nop",
            "stratum_shares": "truc-tiep; 0,6\ntruc-tuyen; 0,4",
            "official_overall": "80,5",
            "official_elements": "tiep-can; 84,27",
        },
    )
    assert ok.status_code == 302
    open_wave.refresh_from_db()
    assert open_wave.official == {"overall": 80.5, "elements": {"tiep-can": 84.27}}
    assert open_wave.agency_shares == {"ld-stp": 300.0, "ld-sxd": 100.0}
    assert open_wave.stratum_shares == {"truc-tiep": 0.6, "truc-tuyen": 0.4}


def test_invitations_and_reminders_by_mail(client, monitor, open_wave):
    url = reverse("surveys:invitations", args=[open_wave.pk])
    page = client.post(
        url,
        {
            "people": "Lê Văn A; a@example.vn; Đại biểu HĐND; ld-stp\nTrần Thị B; b@example.vn; Lãnh đạo sở; ld-stp\nNgô C; ; ; ld-sxd",
            "send": "on",
        },
    )
    assert page.status_code == 200
    assert len(mail.outbox) == 2
    assert "/khao-sat/tra-loi/" in mail.outbox[0].body and "không ghi tên" in mail.outbox[0].body
    assert "/khao-sat/tra-loi/" in page.content.decode()  # the invitee without mail: link shown once
    token = mail.outbox[0].body.split("/khao-sat/tra-loi/")[1].split("/")[0]
    assert client.post(reverse("surveys:answer", args=[token]), full_answers()).status_code == 302
    mail.outbox.clear()
    client.post(reverse("surveys:remind", args=[open_wave.pk]))
    assert [m.to for m in mail.outbox] == [
        ["b@example.vn"]
    ]  # answered and mail-less invitees are not reminded
    new_token = mail.outbox[0].body.split("/khao-sat/tra-loi/")[1].split("/")[0]
    assert client.get(reverse("surveys:answer", args=[new_token])).status_code == 200
    assert Invitation.objects.get(email="b@example.vn").reminders_sent == 1


def test_invitation_list_errors(client, monitor, open_wave):
    page = client.post(
        reverse("surveys:invitations", args=[open_wave.pk]), {"people": "A; khong-phai-thu; x; ld-stp"}
    )
    assert "Dòng 1: “khong-phai-thu” không phải địa chỉ thư điện tử." in page.content.decode()
    assert not Invitation.objects.exists()


def _paper_file(tmp_path, rows):
    book = Workbook()
    sheet = book.active
    header = ["so_phieu", "co_quan", "linh_vuc", "kenh_nop", "tre_hen", "da_gop_y", "hai_long_chung"]
    codes = [f"{p}{i}" for p, n in [("tc", 4), ("tt", 4), ("cc", 6), ("kq", 3)] for i in range(1, n + 1)]
    sheet.append(header + codes)
    sheet.append(["Số phiếu"] * (len(header) + len(codes)))
    for ref, agency, level in rows:
        sheet.append([ref, agency, "ho-tich", "truc-tiep", "khong", "khong", level] + [level] * len(codes))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "phieu-giay.xlsx"
    return out


def test_paper_import_is_atomic_and_idempotent(client, monitor, open_wave, tmp_path):
    url = reverse("surveys:paper", args=[open_wave.pk])
    template = client.get(url + "?mau=1")
    header = [c.value for c in next(load_workbook(io.BytesIO(template.content)).active.iter_rows(max_row=1))]
    assert header[:3] == ["so_phieu", "co_quan", "linh_vuc"] and "tc1" in header
    bad = client.post(
        url,
        {"file": _paper_file(tmp_path, [("P1", "ld-stp", 5), ("P2", "ld-stp", 7), ("P3", "khong-co", 4)])},
    )
    html = bad.content.decode()
    assert (
        "phieu-giay.xlsx, trang “Sheet”, dòng 4, cột G (hai_long_chung): Giá trị &#x27;7&#x27; không thuộc thang 1–5."
        in html
    )
    assert "dòng 5, cột co_quan: không có cơ quan mã “khong-co”" in html
    assert Response.objects.count() == 0
    good = _paper_file(tmp_path, [("P1", "ld-stp", 5), ("P2", "ld-sxd", 2)])
    assert client.post(url, {"file": good}).status_code == 302
    good.seek(0)
    assert client.post(url, {"file": good}).status_code == 302
    assert Response.objects.filter(channel=Response.PAPER).count() == 2


def test_upload_type_is_checked(client, monitor, open_wave):
    upload = io.BytesIO(b"not excel")
    upload.name = "phieu.csv"
    page = client.post(reverse("surveys:paper", args=[open_wave.pk]), {"file": upload})
    assert "Chỉ nhận tệp .xlsx." in page.content.decode()


def test_exports_are_anonymous(client, monitor, open_wave):
    created = distribution.create_invitations(
        open_wave, [{"name": "Người Được Mời", "email": "moi@example.vn", "agency": None}]
    )
    assert (
        client.post(
            reverse("surveys:answer", args=[created[0][1]]), full_answers(gop_y="Rất tốt", co_quan="ld-stp")
        ).status_code
        == 302
    )
    data = client.get(reverse("surveys:export", args=[open_wave.pk, "csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[0][:5] == ["ma_phieu", "ngay_nhan", "kenh", "co_quan", "nhom"]
    assert rows[1][rows[0].index("gop_y")] == "Rất tốt"
    assert "moi@example.vn" not in data and "Người Được Mời" not in data
    xlsx = client.get(reverse("surveys:export", args=[open_wave.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 2


def test_docx_report_layout(client, monitor, open_wave):
    from docx import Document

    client.post(reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=ld-sxd", full_answers("4"))
    response = client.get(reverse("surveys:report", args=[open_wave.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="bao-cao-khao-sat-{open_wave.pk}.docx"'
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    header = "\n".join(c.text for c in document.tables[0].rows[0].cells)
    assert (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header
        and "Độc lập - Tự do - Hạnh phúc" in header
        and "SỞ NỘI VỤ" in header
    )
    assert "BÁO CÁO" in text and "Mức độ hài lòng chung: 100,0%" in text
    element_rows = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert ["Tiếp cận dịch vụ", "100,0%"] == element_rows[1][:2]
    agency_rows = [[c.text for c in row.cells] for row in document.tables[2].rows]
    assert agency_rows[1][1].startswith("Sở Xây dựng")
    assert "{{" not in text and "{%" not in text
    assert "chỉ 1 phiếu (hiệu dụng 1,0) < 2" in text  # "<" survives (escaped), Vietnamese decimal comma


def test_qr_codes(client, monitor, open_wave):
    svg = client.get(reverse("surveys:qr", args=[open_wave.pk]) + "?dang=svg&dv=ld-stp")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    png = client.get(reverse("surveys:qr", args=[open_wave.pk]) + "?dang=png")
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    page = client.get(reverse("surveys:qr", args=[open_wave.pk]) + "?dang=trang").content.decode()
    assert page.count("<svg") == 2 and "?dv=ld-stp" in page


def test_status_change_closes_the_wave(client, monitor, open_wave):
    url = reverse("surveys:status", args=[open_wave.pk])
    refused = client.post(url, {"status": "xoa"}, follow=True)
    assert "Tình trạng đợt khảo sát không hợp lệ." in refused.content.decode()
    open_wave.refresh_from_db()
    assert open_wave.status == Wave.OPEN
    client.post(url, {"status": "closed"})
    open_wave.refresh_from_db()
    assert open_wave.status == Wave.CLOSED


def test_open_answers_search_ignores_diacritics(client, monitor, open_wave):
    for i, text in enumerate(["Cán bộ tận tình", "Nơi ngồi chờ chật"]):
        client.cookies.clear()
        client.post(
            reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=ld-stp",
            full_answers(gop_y=text),
            HTTP_USER_AGENT=f"m{i}",
        )
    client.force_login(monitor)
    html = client.get(reverse("surveys:open_answers", args=[open_wave.pk]) + "?q=tan tinh").content.decode()
    assert "Cán bộ tận tình" in html and "Nơi ngồi chờ" not in html


def test_create_wave_and_preview_questionnaire(client, monitor, sipas, demo_registry):
    from chiso.registry.models import Agency

    stp = Agency.objects.get(code="ld-stp")
    page = client.post(
        reverse("surveys:wave_new"),
        {
            "questionnaire": sipas.pk,
            "name": "SIPAS quý I",
            "year": 2026,
            "start": "01/01/2026",
            "end": "31/03/2026",
            "target_group": "Người dân",
            "sample_size": 400,
            "status": "open",
            "public_enabled": "on",
            "agencies": [stp.pk],
            "min_cell": 30,
        },
    )
    wave = Wave.objects.get(name="SIPAS quý I")
    assert (
        page.status_code == 302
        and wave.end.isoformat() == "2026-03-31"
        and list(wave.agencies.all()) == [stp]
    )
    bad = client.post(
        reverse("surveys:wave_new"),
        {
            "questionnaire": sipas.pk,
            "name": "Sai",
            "year": 2026,
            "start": "31/03/2026",
            "end": "01/01/2026",
            "target_group": "x",
            "sample_size": 0,
            "status": "draft",
            "min_cell": 30,
        },
    )
    assert "Ngày kết thúc phải sau ngày bắt đầu." in bad.content.decode()
    preview = client.get(reverse("surveys:preview", args=[sipas.pk])).content.decode()
    assert "Xem trước" in preview and "Gửi phiếu" not in preview and "Nơi ngồi chờ" in preview


def test_home_card_and_report_links(client, monitor, open_wave):
    from chiso.surveys import demo

    demo.load()
    demo.load()  # idempotent
    assert Wave.objects.filter(year=2025).count() == 2
    home = client.get(reverse("home")).content.decode()
    assert "Hài lòng (SIPAS tỉnh 2025)" in home
    reports = client.get(reverse("core:reports")).content.decode()
    assert "Báo cáo kết quả: Khảo sát SIPAS của tỉnh năm 2025" in reports


def test_remind_command(open_wave):
    from django.core.management import CommandError, call_command

    distribution.create_invitations(
        open_wave, [{"name": "A", "email": "a@example.vn"}, {"name": "B", "email": ""}]
    )
    out = io.StringIO()
    call_command(
        "survey-remind", "--wave", str(open_wave.pk), "--base-url", "https://chiso.example.vn", stdout=out
    )
    assert "Đã gửi 1 thư nhắc" in out.getvalue()
    assert "https://chiso.example.vn/khao-sat/tra-loi/" in mail.outbox[0].body
    open_wave.status = Wave.CLOSED
    open_wave.save()
    with pytest.raises(CommandError, match="không mở nhận phiếu"):
        call_command("survey-remind", "--wave", str(open_wave.pk))


def test_open_answers_of_other_agencies_are_not_shown_to_an_agency_head(client, open_wave, user_factory):
    for i, (agency, text) in enumerate(
        [("ld-stp", "Cán bộ Sở Tư pháp tận tình"), ("ld-sxd", "Sở Xây dựng trả hồ sơ chậm")]
    ):
        client.cookies.clear()
        client.post(
            reverse("surveys:public", args=[open_wave.public_slug]) + f"?dv={agency}",
            full_answers(gop_y=text),
            HTTP_USER_AGENT=f"h{i}",
        )
    client.force_login(user_factory("monitor", agency="bt-vp-ubnd"))
    html = client.get(reverse("surveys:open_answers", args=[open_wave.pk])).content.decode()
    assert "Sở Tư pháp tận tình" in html and "trả hồ sơ chậm" in html
    client.force_login(user_factory("head", agency="ld-stp"))
    html = client.get(reverse("surveys:open_answers", args=[open_wave.pk])).content.decode()
    assert "Sở Tư pháp tận tình" in html and "trả hồ sơ chậm" not in html


def test_a_head_cannot_open_a_wave_that_rates_only_other_agencies(client, open_wave, user_factory):
    """Issue 10: the head of Sở TT&TT opened a wave covering only other agencies (200)."""
    client.force_login(user_factory("head", agency="bt-stttt"))
    for name in ("wave", "open_answers", "report", "qr"):
        assert client.get(reverse(f"surveys:{name}", args=[open_wave.pk])).status_code == 403, name
    assert client.get(reverse("surveys:export", args=[open_wave.pk, "csv"])).status_code == 403
    assert client.get(f"/api/surveys/waves/{open_wave.pk}/results").status_code == 403
    assert open_wave.pk not in [w["id"] for w in client.get("/api/surveys/waves").json()]
    assert "Đợt thử" not in client.get(reverse("surveys:index")).content.decode()


def test_the_raw_export_gives_a_head_only_the_sheets_about_their_agency(client, open_wave, user_factory):
    """Issue 10 finding 3: the export gave an agency head every agency's rows and comments."""
    for i, (agency, text) in enumerate(
        [("ld-stp", "Cán bộ Sở Tư pháp tận tình"), ("ld-sxd", "Sở Xây dựng trả hồ sơ chậm")]
    ):
        client.cookies.clear()
        client.post(
            reverse("surveys:public", args=[open_wave.public_slug]) + f"?dv={agency}",
            full_answers(gop_y=text),
            HTTP_USER_AGENT=f"h{i}",
        )
    assert open_wave.responses.count() == 2
    client.force_login(user_factory("head", agency="ld-stp"))
    data = client.get(reverse("surveys:export", args=[open_wave.pk, "csv"])).content.decode("utf-8-sig")
    assert "tận tình" in data and "trả hồ sơ chậm" not in data
    book = load_workbook(
        io.BytesIO(client.get(reverse("surveys:export", args=[open_wave.pk, "xlsx"])).content)
    )
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row]
    assert "Cán bộ Sở Tư pháp tận tình" in cells and "Sở Xây dựng trả hồ sơ chậm" not in cells
    client.force_login(user_factory("monitor", agency="bt-snv"))
    data = client.get(reverse("surveys:export", args=[open_wave.pk, "csv"])).content.decode("utf-8-sig")
    assert "tận tình" in data and "trả hồ sơ chậm" in data


def test_answers_that_look_like_formulas_are_neutralised_in_both_exports(client, open_wave, user_factory):
    """Issue 10 findings 5 and 6: live formulas from the public form; a control character made it 500."""
    client.post(
        reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=ld-stp",
        full_answers(gop_y='=HYPERLINK("http://x.example","bấm")\x07'),
    )
    client.force_login(user_factory("monitor", agency="bt-snv"))
    data = client.get(reverse("surveys:export", args=[open_wave.pk, "csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[1][rows[0].index("gop_y")] == '\'=HYPERLINK("http://x.example","bấm")'
    response = client.get(reverse("surveys:export", args=[open_wave.pk, "xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(2, header.index("gop_y") + 1)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_weights_form_checks_codes_and_the_stratum_question(monitor, open_wave):
    from chiso.surveys.forms import WeightsForm

    form = WeightsForm(
        {
            "agency_shares": "ld-stp; 1",
            "stratum_question": "khong-co-cau-nay",
            "official_elements": "khong-co-yeu-to; 80",
        },
        wave=open_wave,
    )
    assert not form.is_valid()
    assert "Câu hỏi phân tầng “khong-co-cau-nay” không có trong phiếu." in form.errors["stratum_question"]
    assert "phiếu không có yếu tố mã “khong-co-yeu-to”" in form.errors["official_elements"][0]
    only_strata = WeightsForm({"stratum_shares": "truc-tiep; 1"}, wave=open_wave)
    assert not only_strata.is_valid()
    assert "chưa chọn câu hỏi phân tầng" in only_strata.errors["stratum_question"][0]
