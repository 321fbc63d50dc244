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


def _instance(values, form_id="phieu_kobo"):
    """An XForm instance as ODK Web Forms submits it (nested groups as elements)."""
    from lxml import etree

    root = etree.Element("data", id=form_id)
    for path, value in values.items():
        node = root
        for part in path.split("/"):
            found = node.find(part)
            node = found if found is not None else etree.SubElement(node, part)
        node.text = value
    return etree.tostring(root)


def test_xlsform_imports_and_runs_in_the_engine(tmp_path, demo_registry, client):
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    path = make_form(
        tmp_path / "phieu-kobo.xlsx",
        GOOD_SURVEY,
        GOOD_CHOICES,
        [["form_title", "form_id"], ["Phiếu từ Kobo", "phieu_kobo"]],
    )
    call_command("import-xlsform", str(path))
    q = Questionnaire.objects.get(code="phieu-kobo")
    assert q.title == "Phiếu từ Kobo" and q.default_language == ""  # no default_language setting
    kinds = {x.code: x.kind for x in q.questions()}
    assert kinds == {
        "kenh": "single",
        "tuoi": "number",
        "thai_do": "scale",
        "hai_long": "scale",
        "cai_thien": "multiple",
        "y_kien": "text",
        "tinh": "text",  # a calculation is data too (Kobo exports it)
    }
    # the logic lives in the XForm the engine runs, not in a re-implementation of ours
    assert "selected( /data/danh_gia/cai_thien" not in q.xform
    assert "/data/chung/kenh  = 'truc_tiep'" in q.xform or "/data/chung/kenh = 'truc_tiep'" in q.xform
    assert [s.title for s in q.sections.all()] == ["Thông tin chung", "Đánh giá", "Phần chung"]
    assert set(q.elements) == {"cong-chuc", "tong-the"}
    wave = Wave.objects.create(
        questionnaire=q,
        name="Thử Kobo",
        year=2026,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2099, 2, 1),
        target_group="x",
        status=Wave.OPEN,
        public_enabled=True,
    )
    url = reverse("surveys:public", args=[wave.public_slug])
    page = client.get(url)
    html = page.content.decode()
    assert "data-odk-form" in html and "surveys/odk-form.js" in html and "<script>" not in html
    assert "'wasm-unsafe-eval'" in page["Content-Security-Policy"]
    assert "'unsafe-eval'" not in page["Content-Security-Policy"].replace("'wasm-unsafe-eval'", "")
    xform = client.get(reverse("surveys:public_xform", args=[wave.public_slug])).content.decode()
    assert "Ông/bà nộp hồ sơ thế nào?" in xform and "Rất hài lòng" in xform
    stamp = re.search(r'name="_mo_luc" value="([^"]+)"', html).group(1)
    xml = _instance(
        {
            "chung/kenh": "truc_tiep",
            "chung/tuoi": "41",
            "danh_gia/thai_do": "4",
            "danh_gia/hai_long": "5",
            "danh_gia/cai_thien": "thoi_gian thai_do",
            "tinh": "2",
        }
    )
    posted = client.post(
        url, {"_mo_luc": stamp, "xml_submission_file": SimpleUploadedFile("x.xml", xml, "text/xml")}
    )
    assert posted.status_code == 200 and posted.json()["next"] == reverse("surveys:thanks")
    from chiso.surveys.models import Response
    from chiso.surveys.services import compute

    stored = Response.objects.get()
    assert stored.answers == {
        "kenh": "truc_tiep",
        "tuoi": 41.0,
        "thai_do": 4,
        "hai_long": 5,
        "cai_thien": ["thoi_gian", "thai_do"],
        "tinh": "2",
    }
    assert "<cai_thien>thoi_gian thai_do</cai_thien>" in stored.instance
    result = compute.results(wave)
    assert result["overall"]["satisfied_share"] == 100.0 and result["elements"][0]["code"] == "cong-chuc"


def test_instance_values_are_checked_against_the_form(tmp_path, db):
    from chiso.surveys.services import instance, xlsform

    path = make_form(tmp_path / "k.xlsx", GOOD_SURVEY, GOOD_CHOICES, [["form_id"], ["phieu_kobo"]])
    q = xlsform.import_xlsform(path)
    with pytest.raises(instance.InstanceError, match="không có trong danh sách"):
        instance.read(q, _instance({"chung/kenh": "qua_buu_dien"}))
    with pytest.raises(instance.InstanceError, match="không phải là số"):
        instance.read(q, _instance({"chung/tuoi": "nan"}))
    with pytest.raises(instance.InstanceError, match="không thuộc biểu mẫu"):
        instance.read(q, b"<khac><a>1</a></khac>")
    with pytest.raises(instance.InstanceError, match="XML"):
        instance.read(q, b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><data>&e;</data>')


@pytest.mark.parametrize(
    "survey, choices, expected",
    [
        (
            [["type", "name", "label"], ["text", "a", "A"], ["select_one khongco", "b", "B"]],
            [["list_name", "name", "label"], ["yn", "co", "Có"]],
            "trang “survey”, dòng 3: pyxform không chấp nhận biểu mẫu: List name not in choices sheet",
        ),
        (
            [["type", "name", "label"], ["integer", "a", "A"], ["kieu_la", "b", "B"]],
            None,
            "trang “survey”, dòng 3: pyxform không chấp nhận biểu mẫu: Unknown question type 'kieu_la'",
        ),
        (
            [["type", "name", "label"], ["text", "a", "A"], ["text", "a", "A lần nữa"]],
            None,
            "trang “survey”, dòng 3: pyxform không chấp nhận biểu mẫu: On the 'survey' sheet, the 'name' value 'a' is invalid",
        ),
        (
            [["type", "name", "label"], ["text", "a", "A"]],
            [["list_name", "name", "label"], ["yn", "co", "Có"], ["yn", "co", "Có nữa"]],
            "trang “choices”, dòng 3: pyxform không chấp nhận biểu mẫu",
        ),
        (
            [["type", "label"], ["text", "A"]],
            None,
            "trang “survey”, dòng 2: pyxform không chấp nhận biểu mẫu",
        ),
        (
            [["type", "name", "label"], ["begin_group", "g", "G"], ["text", "a", "A"]],
            None,
            "Unmatched 'begin_group'",
        ),
    ],
)
def test_form_pyxform_refuses_is_refused_with_sheet_and_row(tmp_path, db, survey, choices, expected):
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
    with pytest.raises(CommandError, match="thieu.xlsx, trang “survey”, dòng 3: .*Missing calculation"):
        call_command("import-xlsform", str(path))


def test_not_a_workbook(tmp_path, db):
    (tmp_path / "x.xlsx").write_bytes(b"khong phai excel")
    with pytest.raises(CommandError, match="x.xlsx"):
        call_command("import-xlsform", str(tmp_path / "x.xlsx"))


def test_invitation_link_runs_the_xform_and_uses_the_token_once(tmp_path, db, client):
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from chiso.surveys.models import Invitation, Response
    from chiso.surveys.services import distribution, xlsform

    path = make_form(tmp_path / "k.xlsx", GOOD_SURVEY, GOOD_CHOICES, [["form_id"], ["phieu_kobo"]])
    wave = Wave.objects.create(
        questionnaire=xlsform.import_xlsform(path),
        name="Mời",
        year=2026,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2099, 1, 1),
        target_group="x",
        status=Wave.OPEN,
    )
    ((_, token),) = distribution.create_invitations(wave, [{"name": "A"}])
    url = reverse("surveys:answer", args=[token])
    page = client.get(url)
    assert page.status_code == 200 and reverse("surveys:answer_xform", args=[token]) in page.content.decode()
    assert client.get(reverse("surveys:answer_xform", args=[token])).content.startswith(b"<h:html")
    xml = _instance({"danh_gia/thai_do": "3", "danh_gia/hai_long": "4"})
    sent = client.post(url, {"xml_submission_file": SimpleUploadedFile("x.xml", xml, "text/xml")})
    assert sent.status_code == 200 and Response.objects.get().answers == {"thai_do": 3, "hai_long": 4}
    assert Invitation.objects.get().used
    again = client.post(url, {"xml_submission_file": SimpleUploadedFile("x.xml", xml, "text/xml")})
    assert again.status_code == 410 and Response.objects.count() == 1
