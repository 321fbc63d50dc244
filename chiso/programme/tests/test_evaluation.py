"""Annual evaluation of heads: what the seed names, per agency and year, as DOCX and XLSX."""

import io

import pytest
from docx import Document

from chiso.programme.services import evaluation, plans
from chiso.registry.models import Agency

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_once")]


def test_the_year_of_an_agency_is_gathered_from_every_part(plan_request, people, plan_text):
    stttt = Agency.objects.get(code="bt-stttt")
    plan = plans.read_plan(plan_request, stttt, people["officer"], text=plan_text)
    plans.submit(plan, people["officer"])  # 14/10/2022, after the 31/8 deadline
    rows = {(g, label): value for g, label, value in evaluation.gather(stttt, 2022)}
    assert rows[("Nhiệm vụ được giao", "Số nhiệm vụ, phần việc, kỳ đến hạn trong năm")] == "1"
    assert rows[("Báo cáo", "Báo cáo tiến độ, kết quả đã gửi")] == "1"
    assert rows[("Kế hoạch khắc phục", "Theo nhiệm vụ I.1")] == "Gửi trễ 45 ngày"
    assert rows[("Kiểm tra", "Tồn tại qua kiểm tra / đã khắc phục xong")] == "0 / 0"
    assert rows[("Giải quyết TTHC", "Số liệu hồ sơ")].startswith("chiso chưa có số liệu hồ sơ năm 2022")


def test_docx_and_xlsx_read_back(plan_request, people):
    from openpyxl import load_workbook

    stttt = Agency.objects.get(code="bt-stttt")
    rows = evaluation.gather(stttt, 2022)
    doc = Document(io.BytesIO(evaluation.to_docx(stttt, 2022, rows)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert (
        "TỔNG HỢP KẾT QUẢ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH" in text
        and "năm 2022 của Sở Thông tin và Truyền thông" in text
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in doc.tables[0].cell(0, 1).text
    assert len(doc.tables[1].rows) == len(rows) + 1
    sheet = load_workbook(io.BytesIO(evaluation.to_xlsx(stttt, 2022, rows))).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "Kế hoạch khắc phục" in values and "Theo nhiệm vụ I.1" in values


def test_who_downloads_which_agencys_file(plan_request, people, client):
    stttt = Agency.objects.get(code="bt-stttt")
    url = f"/chuong-trinh/danh-gia/{stttt.pk}/2022"
    cases = [
        (people["monitor"], ".docx", 200),
        (people["leader"], ".xlsx", 200),
        (people["head"], ".docx", 200),  # its own agency
        (people["officer"], ".docx", 403),  # accountability is for overseers and heads
        (people["other"], ".xlsx", 403),
    ]
    for user, ext, status in cases:
        client.force_login(user)
        assert client.get(url + ext).status_code == status, (user, ext)
    client.force_login(people["monitor"])
    response = client.get(url + ".docx")
    assert response["Content-Disposition"] == 'attachment; filename="danh-gia-cchc-2022-bt-stttt.docx"'
    assert response["Cache-Control"] == "private, no-store"  # an evaluation is not for shared caches
    assert (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        in Document(io.BytesIO(response.getvalue())).tables[0].cell(0, 1).text
    )
    client.force_login(people["head"])
    assert client.get("/chuong-trinh/danh-gia/?nam=2022").status_code == 200
    client.force_login(people["officer"])
    assert client.get("/chuong-trinh/danh-gia/?nam=2022").status_code == 403
