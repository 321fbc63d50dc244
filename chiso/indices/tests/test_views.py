import io

import pytest
from openpyxl import load_workbook

from chiso.indices.models import Responsibility, Result
from chiso.registry.permissions import MONITOR, OFFICER

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


@pytest.fixture
def monitor(demo_registry, user_factory, client):
    user = user_factory(MONITOR, agency="bt-snv")
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_overview_and_detail_pages(papi_loaded, monitor, client):
    page = client.get("/chi-so/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "PAPI" in html and "47,13" in html  # Bình Thuận 2024: 47.127
    assert "/chi-so/PAPI/?tinh=binh-thuan&amp;nam=2021" in html
    detail = client.get("/chi-so/PAPI/?tinh=binh-thuan&nam=2021")
    html = detail.content.decode()
    assert detail.status_code == 200
    assert 'data-chart="chart-radar"' in html and 'id="chart-heatmap"' in html and 'id="chart-trend"' in html
    assert "44,15" in html and "12/60" in html
    assert 'class="declined"' in html


@pytest.mark.django_db
def test_xlsx_export(papi_loaded, monitor, client):
    response = client.get("/chi-so/PAPI/xlsx/?nam=2021&tinh=binh-thuan")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb["PAPI 2021"]
    header = [c.value for c in ws[1]]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["Bình Thuận"][header.index("Hạng tính lại")] == 12
    assert rows["Thừa Thiên Huế"][header.index("Hạng tính lại")] == 1
    assert wb["Bình Thuận"].max_row == 15  # header + 14 years


@pytest.mark.django_db
def test_officer_cannot_enter_data(papi_loaded, demo_registry, user_factory, client):
    client.force_login(user_factory(OFFICER, agency="bt-stttt"))
    assert client.get("/chi-so/nhap/").status_code == 403
    assert client.post("/chi-so/PAPI/trach-nhiem/", {"component_code": "D1"}).status_code == 403


@pytest.mark.django_db
def test_manual_entry_and_upload_rejection(papi_loaded, monitor, client):
    from chiso.indices.models import Index, Province

    papi = Index.objects.get(code="PAPI")
    ld = Province.objects.get(code="lam-dong-2025")
    response = client.post(
        "/chi-so/nhap/",
        {
            "form": "result",
            "index": papi.pk,
            "province": ld.pk,
            "year": 2025,
            "component_code": "D1",
            "score": "5.5",
            "source": "Báo cáo PAPI 2025",
            "official": "on",
        },
    )
    assert response.status_code == 302
    assert Result.objects.get(province=ld, year=2025, component_code="D1").score == 5.5
    bt = Province.objects.get(code="binh-thuan")
    response = client.post(
        "/chi-so/nhap/",
        {
            "form": "result",
            "index": papi.pk,
            "province": bt.pk,
            "year": 2025,
            "component_code": "D1",
            "score": "12",
            "source": "x",
        },
    )
    html = response.content.decode()
    assert "đã sáp nhập" in html and "Điểm phải trong khoảng 0–10" in html
    upload = io.BytesIO(b"province_vi,year,D1\nAtlantis,2021,5\n")
    upload.name = "loi.csv"
    response = client.post(
        "/chi-so/nhap/", {"form": "import", "index": papi.pk, "file": upload, "source": "thử"}
    )
    assert "Tệp loi.csv, dòng 2, cột &#x27;province_vi&#x27;: không nhận ra tỉnh" in response.content.decode()


@pytest.mark.django_db
def test_responsibility_matrix_edit(papi_loaded, monitor, client):
    from chiso.registry.models import Agency

    lead = Agency.objects.get(code="bt-stttt")
    response = client.post(
        "/chi-so/PAPI/trach-nhiem/",
        {
            "component_code": "D8",
            "year_from": 2022,
            "lead": lead.pk,
            "supporting": [Agency.objects.get(code="bt-vp-ubnd").pk],
        },
    )
    assert response.status_code == 302
    row = Responsibility.objects.get(index__code="PAPI", component_code="D8", year_from=2022)
    assert row.lead == lead and row.supporting.count() == 1
    page = client.get("/chi-so/PAPI/?tinh=binh-thuan&nam=2022").content.decode()
    assert "Sở Thông tin và Truyền thông" in page or lead.short_name in page


@pytest.mark.django_db
def test_methodology_tree_page_and_definitions_download(papi_loaded, monitor, client):
    html = client.get("/chi-so/PAR/phuong-phap/").content.decode()
    assert "QĐ 876/QĐ-BNV ngày 10/11/2022" in html and "Điểm thẩm định" in html and "tối đa 61,5" in html
    assert "chưa xác nhận" in html and "Khảo sát lãnh đạo, quản lý" in html
    html = client.get("/chi-so/PAPI/phuong-phap/").content.decode()
    assert "Tiếp cận thông tin" in html and "(thang 1–10)" in html
    response = client.get("/chi-so/dinh-nghia.xlsx")
    assert response.status_code == 200 and response.content[:2] == b"PK"


@pytest.mark.django_db
def test_pages_of_indices_without_or_with_few_results(monitor, client):
    from chiso.indices import demo

    demo.load()
    assert "Chưa có kết quả PAR" in client.get("/chi-so/PAR/?tinh=binh-thuan").content.decode()
    html = client.get("/chi-so/PCI/?tinh=binh-thuan&nam=2021").content.decode()
    assert "65,96" in html and "không tính được" in html and "Chỉ có số liệu của 2 tỉnh" in html
    assert client.get("/chi-so/KHONGCO/").status_code == 404
    assert client.get("/chi-so/PAPI/?tinh=binh-thuan&nam=abc").status_code == 200


@pytest.mark.django_db
def test_htmx_upload_answers_with_a_fragment(papi_loaded, monitor, client):
    from chiso.indices.models import Index

    papi = Index.objects.get(code="PAPI")
    upload = io.BytesIO("province_vi,year,D1\nNinh Thuận,2030,5\n".encode())
    upload.name = "kq.csv"
    html = client.post(
        "/chi-so/nhap/",
        {"form": "import", "index": papi.pk, "file": upload, "source": "thử"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "<html" not in html and "Tệp bị từ chối" in html
    upload = io.BytesIO("province_vi,year,D1\nKhánh Hòa,2030,5.5\n".encode())
    upload.name = "kq.csv"
    html = client.post(
        "/chi-so/nhap/",
        {"form": "import", "index": papi.pk, "file": upload, "source": "Báo cáo thử"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Đã nhập 1 dòng: 1 số liệu mới" in html
    bad = io.BytesIO(b"x")
    bad.name = "kq.pdf"
    html = client.post(
        "/chi-so/nhap/",
        {"form": "import", "index": papi.pk, "file": bad, "source": "x"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Chỉ nhận tệp .csv hoặc .xlsx." in html


@pytest.mark.django_db
def test_an_import_queues_the_page_figures_so_the_first_reader_computes_nothing(
    db, papi_csv, demo_home_province, monitor, client, django_capture_on_commit_callbacks, monkeypatch
):
    from chiso.core.models import Job
    from chiso.indices.services import analysis, charts, definitions, exports
    from chiso.indices.services.importer import import_results

    definitions.load()
    with django_capture_on_commit_callbacks(execute=True):
        import_results(papi_csv.read_bytes(), papi_csv.name, "PAPI")
    job = Job.objects.get(kind="indices.warm_pages")
    assert job.status == Job.DONE and job.result["pages"] == 14  # Bình Thuận, PAPI 2011–2024

    def computed(*args, **kwargs):
        raise AssertionError("computed in the request")

    for module, name in [(analysis, "analyse"), (charts, "province_history"), (exports, "year_ranking")]:
        monkeypatch.setattr(module, name, computed)
    page = client.get("/chi-so/PAPI/?tinh=binh-thuan&nam=2021")
    assert page.status_code == 200 and "44,15" in page.content.decode()
    # A figure entered by hand changes the results: the figures are queued again for the new data.
    monkeypatch.undo()
    from chiso.indices.models import Index, Province

    data = {
        "form": "result",
        "index": Index.objects.get(code="PAPI").pk,
        "year": 2025,
        "component_code": "D1",
    }
    data.update(
        province=Province.objects.get(code="lam-dong-2025").pk,
        score="5.5",
        official="on",
        source="Báo cáo PAPI 2025",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/chi-so/nhap/", data).status_code == 302
    assert Job.objects.filter(kind="indices.warm_pages", status=Job.DONE).count() == 2
