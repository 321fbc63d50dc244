"""Every real public XLSForm pyxform accepts is imported; what cannot run is said, not dropped;
chiso's own questionnaires go out as XLSForms pyxform accepts, answers in Kobo's columns."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from chiso.surveys.models import SKIPPED, Questionnaire
from chiso.surveys.services import builtin, kobo, xlsform

DATA = Path(__file__).parent / "data" / "xlsforms"
FORMS = sorted(p for p in DATA.iterdir() if p.suffix in (".xls", ".xlsx"))


def test_the_collection_is_big_and_varied():
    assert len(FORMS) >= 30
    accepted = []
    for path in FORMS:
        try:
            accepted.append(convert(xlsform=str(path)).xform)
        except PyXFormError:
            continue
    assert len(accepted) >= 25
    every = "\n".join(accepted)
    for feature in (
        "relevant=",
        "constraint=",
        "calculate=",
        "jr:count",
        "<repeat",
        "itemset nodeset=",
        "<select ",
        "[",
        "itext",
    ):
        assert feature in every, feature


@pytest.mark.parametrize("path", FORMS, ids=[p.name for p in FORMS])
def test_every_form_pyxform_accepts_is_imported(path, db):
    try:
        convert(xlsform=str(path))
    except PyXFormError:
        with pytest.raises(xlsform.XLSFormError) as refused:
            xlsform.import_xlsform(path)
        assert str(refused.value).startswith(f"{path.name}, trang “")
        assert not Questionnaire.objects.exists()
        return
    questionnaire = xlsform.import_xlsform(path, code=path.stem[:70].lower())
    questions = list(questionnaire.questions())
    assert questionnaire.xform.startswith("<h:html") and all(q.path for q in questions)
    for q in questions:
        assert q.kind != SKIPPED or any(
            f"“{q.path.rsplit('/', 1)[-1]}”" in w for w in questionnaire.form_warnings
        )


def test_import_prints_every_warning(db, capsys):
    path = DATA / "energy-household_energy_access_and_usage_survey.xlsx"
    call_command("import-xlsform", str(path))
    out, err = capsys.readouterr()
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.form_warnings and err.count("Cảnh báo:") == len(questionnaire.form_warnings)
    assert "câu “household_gps” (kiểu geopoint) được giữ nhưng bỏ qua" in err
    assert "“_deviceid”" in err and "giờ bắt đầu chính xác" in err
    assert "3 câu được giữ nhưng bỏ qua" in out or "câu được giữ nhưng bỏ qua" in out
    gps = questionnaire.questions().get(code="household_gps")
    assert gps.kind == SKIPPED and gps.path == "/data/A/household_gps"
    # the engine never asks it: the XForm makes it not relevant and not required
    assert 'nodeset="/data/A/household_gps" type="geopoint" relevant="false()"' in questionnaire.xform


def test_languages_default_and_or_other(db):
    energy = xlsform.import_xlsform(DATA / "energy-household_energy_access_and_usage_survey.xlsx")
    assert energy.default_language == "English"
    assert (
        energy.questions().get(code="consent").text
        == "Do you voluntarily agree to participate in this survey?"
    )
    assert "Igbo" in energy.xform  # both languages go to the engine
    other = xlsform.import_xlsform(DATA / "pyxform-specify_other.xlsx")
    sex = other.questions().get(code="sex")
    assert [c["value"] for c in sex.choices][-1] == "other"
    assert other.questions().filter(code="sex_other").exists()  # or_other's text question


def test_upload_page_shows_the_warnings(client, user_factory, db):
    client.force_login(user_factory("monitor"))
    path = DATA / "energy-tutorial_xlsform.xlsx"
    with open(path, "rb") as handle:
        page = client.post(reverse("surveys:import_xlsform"), {"file": handle, "code": "tutorial"})
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="import-warnings"' in html
    assert "câu “picture” (kiểu photo) được giữ nhưng bỏ qua" in html
    with open(DATA / "pyxform-duplicate_columns.xlsx", "rb") as handle:
        refused = client.post(reverse("surveys:import_xlsform"), {"file": handle})
    assert refused.status_code == 400 and "pyxform không chấp nhận" in refused.content.decode()
    fake = io.BytesIO(b"<html>PK</html>")
    fake.name = "gia.xlsx"
    # The shared upload check (core/uploads.py) refuses it by content, naming the file.
    fake_page = client.post(reverse("surveys:import_xlsform"), {"file": fake})
    assert fake_page.status_code == 400
    assert "gia.xlsx" in fake_page.content.decode()
    assert "không đúng định dạng" in fake_page.content.decode()


@pytest.mark.parametrize("name", ["sipas", "par-lanh-dao"])
def test_builtin_questionnaires_export_as_xlsforms_pyxform_accepts(db, tmp_path, name):
    questionnaire = builtin.install(name)
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(kobo.xlsform(questionnaire))
    warnings = []
    result = convert(xlsform=str(path), warnings=warnings)
    assert "<h:title>" in result.xform
    # and back: the same questions with the same codes and kinds
    again = xlsform.import_xlsform(path, code=f"{name}-lai")
    mine = {q.code: q.kind for q in questionnaire.questions() if q.kind != "matrix"}
    for q in questionnaire.questions():
        for row in q.rows:
            mine[row["code"]] = "scale"
    theirs = {q.code: q.kind for q in again.questions()}
    assert theirs == {code: ("number" if kind == "number" else kind) for code, kind in mine.items()}
    relevant = [q for q in questionnaire.questions() if q.relevant]
    assert all(kobo.relevant_xpath(q.relevant) for q in relevant)
    assert relevant or name != "sipas"  # SIPAS has skip logic, and it went out with the form


def test_answers_export_in_kobo_columns(client, open_wave, user_factory):
    from .conftest import full_answers

    url = reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=ld-stp"
    client.post(url, full_answers(m__mong_doi=["rut-ngan", "thai-do"], gop_y="=HYPERLINK(1)"))
    client.force_login(user_factory("monitor"))
    data = (
        client.get(reverse("surveys:export_kobo", args=[open_wave.pk, "csv"])).getvalue().decode("utf-8-sig")
    )
    rows = list(csv.reader(io.StringIO(data)))
    header, row = rows[0], dict(zip(rows[0], rows[1]))
    assert header[-6:] == ["co_quan", "kenh", "_id", "_uuid", "_submission_time", "_index"]
    multiple = next(h for h in header if h.endswith("/mong_doi"))
    assert row[multiple] == "rut-ngan thai-do"
    options = {h[len(multiple) + 1 :]: v for h, v in row.items() if h.startswith(multiple + "/")}
    assert len(options) > 2 and {k for k, v in options.items() if v == "1"} == {"rut-ngan", "thai-do"}
    assert set(options.values()) == {"0", "1"}
    assert row["co_quan"] == "ld-stp" and len(row["_submission_time"]) == 10  # the day only
    assert next(v for h, v in row.items() if h.endswith("/gop_y")) == "'=HYPERLINK(1)"
    xlsx = client.get(reverse("surveys:export_kobo", args=[open_wave.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(xlsx.getvalue()))
    assert book.sheetnames == ["tra_loi"]


def test_paper_template_of_an_imported_form_has_no_skipped_or_repeated_columns(db):
    from chiso.surveys.services import paper
    from chiso.surveys.services.answers import clean

    energy = xlsform.import_xlsform(DATA / "energy-household_energy_access_and_usage_survey.xlsx")
    codes = [code for code, _ in paper.columns(energy)]
    assert "household_gps" not in codes and "_deviceid" not in codes and "consent" in codes
    assert not energy.questions().get(code="household_gps").required  # never asked, never missing
    household = xlsform.import_xlsform(DATA / "pyxform-tutorial.xls", code="ho")
    assert [c for c, _ in paper.columns(household)] == ["so_phieu", "co_quan"]  # all in the repeat
    answers, errors = clean(list(energy.questions()), {"consent": "yes", "household_gps": "1 2 3 4"})
    assert "household_gps" not in errors and "enum_id" in errors  # required ones still are
    assert "household_gps" not in answers
