"""The three official outputs of the demo rendered to PDF by LibreOffice, as a clerk would print them:
page counts and the text an official checks before signing (NĐ 30/2020 header with the province of
the report date, no split dates or cut words, one section per notice, the signer's name)."""

import re
import shutil
import subprocess
from datetime import date

import pytest

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def demo(db):
    from chiso.directives import demo as directives_demo
    from chiso.indices import demo as indices_demo
    from chiso.registry import demo as registry_demo

    registry_demo.load()
    directives_demo.load()
    indices_demo.load()


def _pdf(tmp_path, name, data):
    if not SOFFICE or not shutil.which("pdftotext"):
        pytest.skip("Cần LibreOffice (soffice) và poppler-utils (pdftotext) để kiểm tra bản PDF")
    docx = tmp_path / f"{name}.docx"
    docx.write_bytes(data)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / f"{name}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    layout = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    _no_split_dates(layout)
    return pages, " ".join(layout.split())  # phrases may wrap across lines; dates may not


def _no_split_dates(text):
    # "31/08/20" at a line's end followed by "22" on the next: a date broken by a too narrow column
    assert not re.search(r"\d{1,2}/\d{2}/\d{2}\s*$\n\s*\d{2}\b", text, re.M)


def test_official_accountability_and_index_reports_fit_to_sign(demo, tmp_path):
    from chiso.directives.services import accountability, official
    from chiso.indices.services.report import build_report

    on = date(2022, 10, 14)
    pages, text = _pdf(
        tmp_path, "official", official.report_docx(None, date(2022, 1, 1), date(2022, 12, 31), on=on)
    )
    assert pages <= 4
    assert "UBND TỈNH BÌNH THUẬN" in text and "SỞ NỘI VỤ" in text
    assert "Bình Thuận, ngày 14 tháng 10 năm 2022" in text
    assert "tính đến ngày 14/10/2022" in text and "ĐẾN NGÀY 14/10/2022" in text
    assert re.search(r"1\.\s+Thông báo", text)  # one section per notice
    assert "Võ Thanh Sơn" in text and "GIÁM ĐỐC" in text and "Nơi nhận" in text
    assert "31/08/2022" in text
    assert "closing" not in text
    # a group task is one row naming its late members, never the same text once per share
    assert text.count("Làm tốt hơn nữa sự phối hợp") <= 1

    rows = accountability.table(date(2022, 1, 1), date(2022, 12, 31), on=on)
    pages, text = _pdf(
        tmp_path,
        "accountability",
        official.accountability_docx(rows, date(2022, 1, 1), date(2022, 12, 31), on=on),
    )
    assert pages <= 3
    assert "UBND TỈNH BÌNH THUẬN" in text and "Kết quả thực hiện nhiệm vụ được giao" in text
    assert "tính đến ngày 14/10/2022" in text and "Võ Thanh Sơn" in text
    assert re.search(r"100,0|\d+,\d", text)  # scores with a decimal comma

    pages, text = _pdf(tmp_path, "papi", build_report("PAPI", 2021, "Bình Thuận", now=on))
    assert pages < 8
    assert "PAPI" in text and "Bảng 3" in text and "D3" in text and "D5" in text
    assert re.search(r"\d+ đơn vị: \d+", text)
    assert text.count("Làm tốt hơn nữa sự phối hợp") <= 2  # once per fallen component (D3, D5), not per share
    assert "Võ Thanh Sơn" in text
