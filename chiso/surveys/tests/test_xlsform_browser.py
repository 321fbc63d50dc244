"""Real XLSForms answered in the browser: ODK Web Forms shows and hides what the form's logic says.

Each path is written from the form's own sheet (relevant, choice_filter, constraint, calculation,
repeat, or_other, group relevance, languages): after each answer, the questions on screen must be
those ODK's engine shows (non-relevant questions are not on screen at all).
"""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from chiso.surveys.models import Response, Wave
from chiso.surveys.services import xlsform

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DATA = Path(__file__).parent / "data" / "xlsforms"


def _open(page, live_server, filename):
    questionnaire = xlsform.import_xlsform(DATA / filename, code=Path(filename).stem[:70].lower())
    wave = Wave.objects.create(
        questionnaire=questionnaire,
        name=f"Thử {filename}",
        year=2026,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2099, 12, 31),
        target_group="x",
        status=Wave.OPEN,
        public_enabled=True,
    )
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(live_server.url + reverse("surveys:public", args=[wave.public_slug]))
    page.wait_for_selector(".form-initialization-status.ready", state="attached", timeout=30000)
    page.wait_for_selector(".odk-form", timeout=30000)
    return wave, errors


def labels(page):
    """Question labels on screen, in order."""
    return page.eval_on_selector_all(
        ".question-container .control-text label",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.innerText.trim())",
    )


def _question(page, label):
    return (
        page.locator(".question-container")
        .filter(has=page.locator(".control-text label", has_text=label))
        .first
    )


def choose(page, label, option):
    _question(page, label).locator("label.value-option", has_text=option).first.click()
    page.wait_for_timeout(150)


def fill(page, label, text):
    box = _question(page, label).locator("input, textarea").first
    box.click()
    box.press("Control+a")
    box.press_sequentially(text)  # typed, as a person does: PrimeVue's number input listens to keys
    box.press("Tab")
    page.wait_for_timeout(150)


def options(page, label):
    return [
        t.strip()
        for t in _question(page, label).locator("label.value-option .text-content").all_inner_texts()
    ]


def shown(page, label):
    return any(label in text for text in labels(page))


PATHS = {}


def path(filename):
    def register(function):
        PATHS[filename] = function
        return function

    return register


@path("pyxform-or_other.xlsx")
def _or_other(page):
    assert not shown(page, "Specify other.")  # relevant: selected(../fav_color, 'other')
    choose(page, "What is your favorite color?", "Other")
    assert shown(page, "Specify other.")
    choose(page, "What is your favorite color?", "red")
    assert not shown(page, "Specify other.")
    # choice_filter `pastel=yes` (unquoted) compares with a child element named "yes", which no
    # item has: ODK's engine (JavaRosa, Web Forms) offers no option at all, and so must we
    assert options(page, "What is your favorite pastel?") == []


@path("pyxform-specify_other.xlsx")
def _specify_other(page):
    assert not shown(page, "Specify other.")
    choose(page, "What sex are you?", "Other")
    assert shown(page, "Specify other.")


@path("energy-sample_cascading_select.xlsx")
def _cascading(page):
    assert options(page, "Select a county") == []  # filtered on an empty state
    choose(page, "Select a state", "Texas")
    assert options(page, "Select a county") == ["Brewster", "Cameron"]
    choose(page, "Select a county", "Cameron")
    assert options(page, "Select a city") == ["Brownsville", "Harlingen"]
    choose(page, "Select a state", "Washington")
    assert options(page, "Select a county") == ["King", "Pierce"]


@path("pyxform-cascading_select_test_equivalent.xls")
def _cascading_by_calculation(page):
    # the LGA question depends on a calculate (mylga_state), which depends on the state answer
    assert labels(page) == ["Choose your zone:"]
    choose(page, "Choose your zone:", "Zone 2")
    assert labels(page) == ["Choose your zone:", "Choose your state:"]
    assert options(page, "Choose your state:") == ["State 3", "State 4"]
    choose(page, "Choose your state:", "State 3")
    assert labels(page)[-1] == "Choose your lga:"
    assert options(page, "Choose your lga:") == ["LGA 5", "LGA 6"]


@path("pyxform-tutorial.xls")
def _household_repeat(page):
    # inside a repeat: older_than_five decides months or years; women 15–49 get two more questions
    assert not shown(page, "How old is (NAME) in months?") and not shown(page, "How old is (NAME) in years?")
    choose(page, "Is (NAME) older than five years?", "no")
    assert shown(page, "How old is (NAME) in months?") and not shown(page, "How old is (NAME) in years?")
    choose(page, "Is (NAME) older than five years?", "yes")
    assert shown(page, "How old is (NAME) in years?") and not shown(page, "How old is (NAME) in months?")
    choose(page, "Is (NAME) male or female?", "female")
    fill(page, "How old is (NAME) in years?", "30")
    assert shown(page, "Can (NAME) read and write?") and shown(page, "Is (NAME) currently pregnant?")
    fill(page, "How old is (NAME) in years?", "60")
    assert not shown(page, "Can (NAME) read and write?")
    assert (
        page.get_by_role("button", name="Thêm").count() == 1
    )  # add a member: the engine's words in Vietnamese


@path("energy-sample_pizza_questionnaire.xlsx")
def _pizza(page):
    assert not shown(page, "Favorite toppings")
    choose(page, "Do you like pizza?", "Yes")
    assert shown(page, "Favorite toppings")
    assert not shown(page, "Specify other")
    choose(page, "What are your favorite pizza toppings?", "Other")
    assert shown(page, "Specify other")
    choose(page, "Do you like pizza?", "No")
    assert not shown(page, "Favorite toppings")


@path("energy-household_energy_access_and_usage_survey.xlsx")
def _consent_gate(page):
    # group relevance: without consent nothing of groups A–E is asked
    assert not shown(page, "What country do you live in?")
    choose(page, "Do you voluntarily agree to participate in this survey?", "No")
    assert not shown(page, "What country do you live in?")
    choose(page, "Do you voluntarily agree to participate in this survey?", "Yes")
    assert shown(page, "What country do you live in?")
    assert not shown(page, "Collect the GPS coordinates")  # gps: kept, skipped on the web
    assert not shown(page, "Specify the primary source of energy")
    choose(page, "What is your primary source of household electricity?", "Other")
    assert shown(page, "Specify the primary source of energy")


@path("energy-constraint_example.xlsx")
def _constraint(page):
    fill(page, "Integer", "12")  # constraint . < 10
    page.get_by_role("button", name="Gửi phiếu").click()
    page.wait_for_timeout(300)
    message = _question(page, "Integer").locator(".validation-message").inner_text().strip()
    assert message == "Requires a number less than 10"  # the form's own constraint_message
    assert not Response.objects.exists()


@path("pyxform-calculate.xls")
def _calculation(page):
    text = page.locator(".odk-form").inner_text()
    assert "2+2 = 4" in text and "success" in text


@path("energy-tutorial_xlsform.xlsx")
def _metadata_and_media_skipped(page):
    assert shown(page, "1. What is your name?")
    assert not shown(page, "3. May I take your picture?") and not shown(
        page, "5. Record your GPS coordinates."
    )


@path("pyxform-case_insensitivity.xlsx")
def _upper_case_headers(page):
    assert labels(page) == ["Are you good?"]  # select_one_external and osm: skipped


@path("pyxform-group.xlsx")
def _group(page):
    assert labels(page) == [
        "What's your family name?",
        "What's your father's phone number?",
        "How old is your father?",
    ]


@path("pyxform-yes_or_no_question.xlsx")
def _yes_no(page):
    assert options(page, "have you had a good day today?") == ["yes", "no"]


@path("pyxform-repeat_date_test.xls")
def _repeat_count(page):
    assert labels(page).count("Q1") == 1  # jr:count = repeat_count = 1


@path("pyxform-UCL_Biomass_Plot_Form.xlsx")
def _big_multilingual(page):
    assert len(labels(page)) > 3


@path("pyxform-xlsform_spec_test.xlsx")
def _spec(page):
    assert len(labels(page)) > 5


def test_answer_paths_follow_the_form_logic(live_server, browser, artifacts_dir):
    # one test over all forms: a transactional live-server test costs seconds to set up, a page none
    failures = {}
    for filename in sorted(PATHS):
        page = browser.new_page(viewport={"width": 390, "height": 900})
        try:
            _, errors = _open(page, live_server, filename)
            PATHS[filename](page)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 391, f"the page is {width}px wide on a 390px phone"
            if filename.startswith("energy-household"):
                page.screenshot(path=f"{artifacts_dir}/surveys-xlsform-phone.png", full_page=True)
            assert not [e for e in errors if "Content Security Policy" in e or "Error" in e], errors
        except AssertionError as exc:
            failures[filename] = f"{exc!r}"[:300]
        finally:
            page.close()
    assert len(PATHS) >= 15 and not failures, failures


def test_submission_keeps_the_instance_and_repeats(live_server, browser, artifacts_dir):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    wave, _ = _open(page, live_server, "pyxform-tutorial.xls")
    fill(page, "What is this household member's name?", "Lan")
    choose(page, "What is the relationship of (NAME) to the head of", "Head")
    choose(page, "Is (NAME) male or female?", "female")
    choose(page, "Does (NAME) usually live here?", "yes")
    choose(page, "Did (NAME) stay here last night?", "yes")
    choose(page, "Is (NAME) older than five years?", "yes")
    fill(page, "How old is (NAME) in years?", "34")
    choose(page, "Can (NAME) read and write?", "yes")
    choose(page, "Is (NAME) currently pregnant?", "no")
    page.screenshot(path=f"{artifacts_dir}/surveys-xlsform-desktop.png", full_page=True)
    page.get_by_role("button", name="Gửi phiếu").click()
    page.wait_for_url("**" + reverse("surveys:thanks"), timeout=15000)
    stored = Response.objects.get(wave=wave)
    member = stored.answers["member"][0]
    assert member["name"] == "Lan" and member["age_in_years"] == 34.0 and member["sex"] == "female"
    assert "age_in_months" not in member  # not relevant, not kept
    assert "<name>Lan</name>" in stored.instance
    page.close()
