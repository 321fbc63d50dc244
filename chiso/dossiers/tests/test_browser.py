import os
from datetime import date

import pytest
from docx import Document

from chiso.dossiers.models import Dossier
from chiso.dossiers.services.importer import import_dossiers
from chiso.registry.permissions import MONITOR

from .test_import import TET_ROWS


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_drill_down_to_late_dossier_and_apology_letter(
    live_server, browser, artifacts_dir, user_factory, demo_registry, write_csv, tmp_path
):
    from chiso.dossiers.services.generator import ensure_catalogue

    ensure_catalogue()
    import_dossiers(write_csv(TET_ROWS), today=date(2024, 12, 31))
    user_factory(MONITOR, username="giamsat")
    page = browser.new_page(viewport={"width": 1300, "height": 900}, accept_downloads=True)
    page.goto(f"{live_server.url}/dang-nhap/?next=/ho-so/")
    page.fill("#id_username", "giamsat")
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.click("button[type=submit]")
    page.wait_for_selector("#league")
    page.wait_for_selector("[data-chart-ready]")
    page.screenshot(path=os.path.join(artifacts_dir, "dossiers-dashboard.png"), full_page=True)
    # League table: the late count of Sở Tư pháp links to its late dossiers.
    page.click("#league a[href*='loai=tre-han']")
    page.wait_for_selector("#dossiers")
    assert page.locator("#dossiers tbody tr").count() == 3
    page.screenshot(path=os.path.join(artifacts_dir, "dossiers-late-list.png"), full_page=True)
    page.click("#dossiers a:text('HS-05')")
    page.wait_for_selector("#apology-state")
    assert "Chưa xin lỗi" in page.inner_text("#apology-state")
    # Long past its deadline: simply late, the page says why no letter can be made now.
    assert "Đã quá hạn giải quyết" in page.inner_text("#apology-refusal")
    page.screenshot(path=os.path.join(artifacts_dir, "dossiers-detail-overdue.png"), full_page=True)
    # A dossier still before its deadline: the letter needs the new date the agency sets.
    from datetime import timedelta

    from django.utils import timezone

    from chiso.dossiers.models import Procedure
    from chiso.registry.models import Agency

    today = timezone.localdate()
    Dossier.objects.create(
        code="H56-TEST-0001",
        procedure=Procedure.objects.get(code="1.000105"),
        agency=Agency.objects.filter(kind="so", valid_to__isnull=True).first(),
        applicant="Trần Thị Bình",
        received=today - timedelta(days=2),
        due=today + timedelta(days=7),
        deadline=today + timedelta(days=7),
        stat_day=today + timedelta(days=7),
        stat_month=(today + timedelta(days=7)).year * 100 + (today + timedelta(days=7)).month,
    )
    page.goto(f"{live_server.url}/ho-so/hs/H56-TEST-0001/")
    page.fill("input[name=hen_lai]", f"{today + timedelta(days=14):%d/%m/%Y} 15:00")
    page.fill("input[name=ly_do]", "Chờ kết quả xác minh của cơ quan phối hợp.")
    page.screenshot(path=os.path.join(artifacts_dir, "dossiers-detail.png"), full_page=True)
    with page.expect_download() as info:
        page.click("button:text('Tạo phiếu xin lỗi')")
    path = tmp_path / "phieu.docx"
    info.value.save_as(path)
    text = "\n".join(p.text for p in Document(path).paragraphs)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text and "H56-TEST-0001" in text
    assert "Trần Thị Bình" in text
    page.reload()
    assert "đã in" in page.inner_text("body")
    assert Dossier.objects.get(code="H56-TEST-0001").letter_issued_at is not None
    # Render the letter to look at it as the applicant would.
    _letter_png(path, artifacts_dir)


def _letter_png(path, artifacts_dir):
    import shutil
    import subprocess

    if not shutil.which("soffice") or not shutil.which("pdftoppm"):
        return
    out = os.path.dirname(path)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", out, str(path)],
        check=False,
        capture_output=True,
        timeout=120,
    )
    pdf = os.path.splitext(str(path))[0] + ".pdf"
    if os.path.exists(pdf):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-singlefile",
                pdf,
                os.path.join(artifacts_dir, "dossiers-apology-letter"),
            ],
            check=False,
        )
