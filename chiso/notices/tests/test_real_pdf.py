"""A real e-signed PDF letter (tests/data/real-pdf, Sở Tư pháp Lâm Đồng 2025) read end to end.

What a clerk uploads: a Word-exported PDF whose typed date is blank ("ngày   tháng 11 năm 2025") and whose
issue date is only in the digital-signature line; two points each asking a named leading organ of a body
("Ban Chủ nhiệm Đoàn Luật sư …", "Ban chấp hành lâm thời Hội công chứng viên …") to act before a date.
"""

from pathlib import Path

import pytest

from chiso.notices import parse_notice, read_notice_file_ex

PDF = Path(__file__).parent / "data" / "real-pdf" / "lamdong-stp-cv-1468-2025.pdf"


@pytest.fixture(scope="module")
def reading():
    text, warnings = read_notice_file_ex(str(PDF))
    return text, warnings, parse_notice(text)


def test_text_layer_read_without_warnings(reading):
    text, warnings, _ = reading
    assert warnings == []
    assert "Ban chấp hành lâm thời Hội công chứng viên" in text
    assert "tỉnhỉnh" not in text and "QĐUBND" not in text  # no doubled glyphs, hyphens kept


def test_number_and_date_from_the_signature(reading):
    doc = reading[2]["document"]
    assert doc["number"] == "/STP-BTTP"
    assert doc["date"] == "2025-11-13"  # "Ngày ký số: 13/11/2025"; the typed day is blank
    assert doc["signed_digitally"] is True


def test_each_point_goes_to_the_organ_it_names_with_its_date(reading):
    tasks = reading[2]["tasks"]
    by_due = {t["deadline"]["due"]: t for t in tasks if t["deadline"]["due"]}
    assert by_due["2025-11-25"]["lead"].startswith("Ban Chủ nhiệm Đoàn Luật sư")
    assert by_due["2025-11-22"]["lead"].startswith("Ban chấp hành lâm thời Hội công chứng viên")
    assert all(t["deadline"]["strict"] for t in by_due.values())  # "trước ngày …"
