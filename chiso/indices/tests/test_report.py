import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from docx import Document

from chiso.indices import demo
from chiso.indices.services.report import build_report

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


def _text(doc):
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


@pytest.mark.django_db
def test_papi_2021_report_has_the_right_numbers(papi_loaded, demo_registry):
    demo.load_responsibilities()
    now = datetime(2022, 6, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    doc = Document(io.BytesIO(build_report("PAPI", 2021, "Bình Thuận", now=now)))
    text = _text(doc)
    assert "BÁO CÁO" in text and "Phân tích, đánh giá chỉ số PAPI năm 2021 của tỉnh Bình Thuận" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Bình Thuận, ngày 01 tháng 06 năm 2022" in text
    assert "đạt 44,151 điểm/80, xếp thứ 12/60" in text and "(40,978 điểm, xếp thứ 53)" in text
    assert "tổng điểm tăng 3,17 điểm và thứ hạng tăng 41 bậc" in text
    assert "D5 | Thủ tục hành chính công | 6,969 | 7,447 | -0,477 | 47" in text
    # declined components with their responsible agencies (demo matrix) and a proposed task with a deadline
    assert "D3 | Trách nhiệm giải trình với người dân | -0,332 | Thanh tra tỉnh" in text
    assert "Trung tâm Hành chính công tỉnh chủ trì" in text and "trước ngày 01/07/2022" in text
    assert len(doc.inline_shapes) == 2  # the two matplotlib charts
    assert "{{" not in text and "{%" not in text


@pytest.mark.django_db
def test_report_command_writes_a_docx(papi_loaded, tmp_path):
    out = tmp_path / "bc.docx"
    call_command(
        "index-report", "--index", "PAPI", "--year", "2021", "--province", "Bình Thuận", "--out", str(out)
    )
    assert "44,151" in _text(Document(str(out)))


@pytest.mark.django_db
def test_report_download(papi_loaded, demo_registry, user_factory, client):
    from chiso.registry.permissions import LEADER

    client.force_login(user_factory(LEADER, agency="bt-ubnd"))
    response = client.get("/chi-so/PAPI/bao-cao/?nam=2021&tinh=binh-thuan")
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    assert client.get("/chi-so/PAPI/bao-cao/?nam=1990&tinh=binh-thuan").status_code == 404


@pytest.mark.django_db
def test_report_without_previous_year_or_peers(demo_registry):
    demo.load()
    text = _text(Document(io.BytesIO(build_report("PAPI", 2011, "Bình Thuận"))))
    assert "xếp thứ 56/63" in text and "Không có kết quả năm trước để so sánh." in text
    assert "Bảng 1. Điểm các chỉ số thành phần năm 2011\n" in text
    # the demo matrix starts in 2021, so nobody owns D1 in 2011
    assert (
        "Sở Nội vụ đề xuất cơ quan chủ trì nâng cao chỉ số “Tham gia của người dân ở cấp cơ sở” (D1)" in text
    )
    pci = _text(Document(io.BytesIO(build_report("PCI", 2021, "Bình Thuận"))))
    assert "xếp thứ 21, thuộc nhóm “Khá”" in pci and "chưa có đủ số liệu" in pci and "kém 0,000" not in pci
