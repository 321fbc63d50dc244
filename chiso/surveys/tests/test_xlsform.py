"""XLSForm import: a form made here imports and renders; broken ones name the sheet and row."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from chiso.surveys.models import Questionnaire, Wave


def make_form(path, survey, choices=None, settings=None):
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    if choices is not None:
        c = book.create_sheet("choices")
        for row in choices:
            c.append(row)
    if settings is not None:
        s = book.create_sheet("settings")
        for row in settings:
            s.append(row)
    book.save(path)
    return path


GOOD_SURVEY = [
    ["type", "name", "label::Tiếng Việt (vi)", "required", "relevant", "element", "calculation"],
    ["begin_group", "chung", "Thông tin chung", "", "", ""],
    ["select_one kenh", "kenh", "Ông/bà nộp hồ sơ thế nào?", "yes", "", ""],
    ["integer", "tuoi", "Tuổi", "", "", ""],
    ["end_group", "", "", "", "", ""],
    ["begin_group", "danh_gia", "Đánh giá", "", "", ""],
    ["select_one thang", "thai_do", "Thái độ của công chức", "yes", "", "cong-chuc"],
    ["select_one thang", "hai_long", "Hài lòng chung", "yes", "", "tong-the"],
    ["select_multiple caithien", "cai_thien", "Cần cải thiện", "", "${kenh} = 'truc_tiep'", ""],
    ["text", "y_kien", "Ý kiến khác", "", "", ""],
    ["end_group", "", "", "", "", ""],
    ["calculate", "tinh", "", "", "", "", "1 + 1"],
]
GOOD_CHOICES = [
    ["list_name", "name", "label::Tiếng Việt (vi)"],
    ["kenh", "truc_tiep", "Trực tiếp"],
    ["kenh", "truc_tuyen", "Trực tuyến"],
    *[
        ["thang", str(i), label]
        for i, label in enumerate(
            ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"], 1
        )
    ],
    ["caithien", "thoi_gian", "Thời gian"],
    ["caithien", "thai_do", "Thái độ"],
]


def test_xlsform_imports_and_renders(tmp_path, demo_registry, client):
    path = make_form(
        tmp_path / "phieu-kobo.xlsx",
        GOOD_SURVEY,
        GOOD_CHOICES,
        [["form_title", "form_id"], ["Phiếu từ Kobo", "phieu_kobo"]],
    )
    call_command("import-xlsform", str(path))
    q = Questionnaire.objects.get(code="phieu-kobo")
    assert q.title == "Phiếu từ Kobo"
    kinds = {x.code: x.kind for x in q.questions()}
    assert kinds == {
        "kenh": "single",
        "tuoi": "number",
        "thai_do": "scale",
        "hai_long": "scale",
        "cai_thien": "multiple",
        "y_kien": "text",
    }
    cai_thien = q.questions().get(code="cai_thien")
    assert cai_thien.relevant == {"q": "kenh", "op": "eq", "value": "truc_tiep"}
    assert [s.title for s in q.sections.all()] == ["Thông tin chung", "Đánh giá"]
    assert set(q.elements) == {"cong-chuc", "tong-the"}
    import datetime

    wave = Wave.objects.create(
        questionnaire=q,
        name="Thử Kobo",
        year=2026,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 2, 1),
        target_group="x",
        status=Wave.OPEN,
        public_enabled=True,
    )
    html = client.get(reverse("surveys:public", args=[wave.public_slug])).content.decode()
    assert "Ông/bà nộp hồ sơ thế nào?" in html and "Rất hài lòng" in html and 'name="m__cai_thien"' in html
    posted = client.post(
        reverse("surveys:public", args=[wave.public_slug]),
        {
            "kenh": "truc_tiep",
            "thai_do": "4",
            "hai_long": "5",
            "m__cai_thien": ["thoi_gian"],
            "_mo_luc": re.search(r'name="_mo_luc" value="([^"]+)"', html).group(1),
        },
    )
    assert posted.status_code == 302
    from chiso.surveys.services import compute

    result = compute.results(wave)
    assert result["overall"]["satisfied_share"] == 100.0 and result["elements"][0]["code"] == "cong-chuc"


@pytest.mark.parametrize(
    "survey, choices, expected",
    [
        (
            [["type", "name", "label"], ["text", "a", "A"], ["select_one khongco", "b", "B"]],
            [["list_name", "name", "label"], ["yn", "co", "Có"]],
            "trang “survey”, dòng 3: danh sách phương án “khongco” không có trong trang “choices”",
        ),
        (
            [["type", "name", "label"], ["integer", "a", "A"], ["kieu_la", "b", "B"]],
            None,
            "trang “survey”, dòng 3: kiểu câu hỏi “kieu_la” không hợp lệ",
        ),
        (
            [["type", "name", "label"], ["text", "a", "A"], ["text", "a", "A lần nữa"]],
            None,
            "trang “survey”, dòng 3: tên câu hỏi “a” bị trùng",
        ),
        (
            [["type", "name", "label"], ["text", "a", "A"]],
            [["list_name", "name", "label"], ["yn", "co", "Có"], ["yn", "co", "Có nữa"]],
            "trang “choices”, dòng 3: phương án “co” lặp lại",
        ),
        ([["type", "label"], ["text", "A"]], None, "trang “survey”, dòng 1: thiếu cột “name”"),
        (
            [["type", "name", "label"], ["begin_group", "g", "G"], ["text", "a", "A"]],
            None,
            "có “begin_group” chưa được đóng",
        ),
        (
            [["type", "name", "label"], ["text", "a", ""]],
            None,
            "trang “survey”, dòng 2: câu “a” thiếu nội dung",
        ),
    ],
)
def test_broken_xlsform_is_refused_with_sheet_and_row(tmp_path, db, survey, choices, expected):
    path = make_form(tmp_path / "hong.xlsx", survey, choices)
    with pytest.raises(CommandError) as caught:
        call_command("import-xlsform", str(path))
    assert expected in str(caught.value)
    assert str(caught.value).startswith("hong.xlsx")
    assert not Questionnaire.objects.exists()


def test_pyxform_problem_is_reported_with_row(tmp_path, db):
    path = make_form(
        tmp_path / "thieu.xlsx", [["type", "name", "label"], ["text", "a", "A"], ["calculate", "c", ""]]
    )
    with pytest.raises(CommandError, match="thieu.xlsx, trang “survey”, dòng 3: Missing calculation"):
        call_command("import-xlsform", str(path))


def test_missing_survey_sheet(tmp_path, db):
    book = Workbook()
    book.active.title = "khac"
    book.save(tmp_path / "x.xlsx")
    with pytest.raises(CommandError, match="thiếu trang “survey”"):
        call_command("import-xlsform", str(tmp_path / "x.xlsx"))
