import unicodedata

import pytest

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


PASSWORD = "chiso-demo-2022"


@pytest.fixture
def logged_in(client, demo_registry):
    client.login(username="cb.phanthiet", password=PASSWORD)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["So Noi vu", "sở nội vụ", unicodedata.normalize("NFD", "Sở Nội vụ"), "SNV"]
)
def test_search_with_and_without_diacritics(logged_in, query):
    page = logged_in.get("/danh-muc/", {"q": query, "ngay": "27/07/2022"}).content.decode()
    assert ">Sở Nội vụ</a>" in page
    assert "Sở Tư pháp" not in page


@pytest.mark.django_db
def test_htmx_search_returns_only_the_rows(logged_in):
    response = logged_in.get("/danh-muc/", {"q": "Sở TT&TT", "ngay": "27/07/2022"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Sở Thông tin và Truyền thông" in body and "<html" not in body


@pytest.mark.django_db
def test_structure_as_of_a_date(logged_in):
    in_2022 = logged_in.get("/danh-muc/", {"ngay": "27/07/2022", "loai": "so"}).content.decode()
    in_2026 = logged_in.get("/danh-muc/", {"ngay": "01/01/2026", "loai": "so"}).content.decode()
    assert "Sở Thông tin và Truyền thông" in in_2022 and "Lâm Đồng" not in in_2022
    assert "Sở Nội vụ tỉnh Lâm Đồng" in in_2026 and "Sở Thông tin và Truyền thông" not in in_2026
    tree = logged_in.get("/danh-muc/", {"ngay": "27/07/2022", "cay": "1"}).content.decode()
    assert "Cơ cấu tổ chức ngày 27/07/2022" in tree and "Trung tâm Hành chính công tỉnh" in tree


@pytest.mark.django_db
def test_agency_page_shows_successors(logged_in):
    from chiso.registry.models import Agency

    page = logged_in.get(f"/danh-muc/co-quan/{Agency.objects.get(code='bt-stttt').pk}/").content.decode()
    assert "Sở Khoa học và Công nghệ" in page and "01/03/2025" in page and "Lâm Đồng" in page


@pytest.mark.django_db
def test_groups_as_of_a_date(logged_in):
    page = logged_in.get("/danh-muc/nhom/", {"ngay": "27/07/2022"}).content.decode()
    assert "Ủy ban nhân dân huyện Phú Quý" in page
    page = logged_in.get("/danh-muc/nhom/", {"ngay": "01/01/2026"}).content.decode()
    assert "Ủy ban nhân dân huyện Phú Quý" not in page


@pytest.mark.django_db
def test_calendar_page(logged_in):
    page = logged_in.get("/danh-muc/lich-lam-viec/", {"nam": "2025"}).content.decode()
    assert "29/01/2025" in page and "26/04/2025" in page


@pytest.mark.django_db
def test_export_xlsx(logged_in):
    response = logged_in.get("/danh-muc/xuat-excel/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames == ["Co quan", "Ke thua", "Nhom"]
    assert any(row[0] == "bt-stttt" for row in wb["Co quan"].iter_rows(values_only=True))


@pytest.mark.django_db
def test_api_agencies_needs_login_or_token(client, demo_registry):
    from chiso.registry import tokens
    from chiso.registry.models import User

    assert client.get("/api/registry/agencies").status_code == 401
    key = tokens.issue(User.objects.get(username="cb.stttt"))
    response = client.get(
        "/api/registry/agencies/lookup",
        {"name": "Sở TT&TT", "on": "2022-07-27"},
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 200 and response.json()[0]["name"] == "Sở Thông tin và Truyền thông"
    assert client.get("/api/registry/agencies", HTTP_AUTHORIZATION="Bearer chiso_wrong").status_code == 401


@pytest.mark.django_db
def test_api_docs_are_served_without_a_cdn(logged_in):
    page = logged_in.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page and "https://" not in page.replace("https://swagger.io", "")
