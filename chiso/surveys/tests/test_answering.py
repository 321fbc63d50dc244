"""The answering form: rendering, skip logic, validation, public link limits."""

from django.urls import reverse

from chiso.surveys.models import DeviceMark, Response

from .conftest import full_answers


def test_public_form_renders_accessible_fields(client, open_wave):
    page = client.get(reverse("surveys:public", args=[open_wave.public_slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<fieldset" in html and "<legend>Nơi ngồi chờ tại Bộ phận Một cửa có đủ chỗ ngồi</legend>" in html
    assert 'for="f-tuoi"' in html and 'id="f-tuoi"' in html
    assert 'data-relevant="{&quot;q&quot;: &quot;tre_hen&quot;' in html  # skip logic shipped to the browser
    assert "surveys/answer.js" in html and "<script>" not in html  # no inline script (CSP)
    assert 'name="co_quan"' in html  # no agency in the link: the respondent chooses


def test_public_answer_is_stored_with_chosen_agency_and_day_only(client, open_wave):
    url = reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=bt-stp"
    response = client.post(
        url, full_answers(tuoi="44", m__mong_doi=["rut-ngan", "thai-do"], gop_y="Cán bộ tận tình")
    )
    assert response.status_code == 302 and response.url == reverse("surveys:thanks")
    stored = Response.objects.get()
    assert stored.agency.code == "bt-stp" and stored.channel == Response.PUBLIC
    assert stored.answers["mong_doi"] == ["rut-ngan", "thai-do"]
    assert stored.answers["tuoi"] == 44.0 and stored.answers["hai_long_chung"] == 5
    assert "Xin cảm ơn" in client.get(response.url).content.decode()


def test_one_public_answer_per_device_and_day(client, open_wave):
    url = reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=bt-stp"
    assert client.post(url, full_answers()).status_code == 302
    again = client.post(url, full_answers())
    assert again.status_code == 429
    assert Response.objects.count() == 1
    # without the cookie, the hashed (IP, browser, day) key still stops the same device
    client.cookies.clear()
    assert client.post(url, full_answers()).status_code == 429
    # another browser on the same network may answer
    assert client.post(url, full_answers(), HTTP_USER_AGENT="Điện thoại khác").status_code == 302
    assert Response.objects.count() == 2
    assert DeviceMark.objects.count() == 2


def test_rate_limit_per_network(client, open_wave, monkeypatch):
    from chiso.surveys import answer_views

    monkeypatch.setattr(answer_views, "PUBLIC_PER_IP_PER_HOUR", 2)
    url = reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=bt-stp"
    codes = []
    for i in range(3):  # three phones on the counter's Wi-Fi: different browsers, one IP
        client.cookies.clear()
        codes.append(client.post(url, full_answers(), HTTP_USER_AGENT=f"may-{i}").status_code)
    assert codes == [302, 302, 429]


def test_validation_errors_name_the_question_and_keep_answers(client, open_wave):
    url = reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=bt-stp"
    data = full_answers(tuoi="7")
    del data["hai_long_chung"]
    data["tc1"] = "9"
    page = client.post(url, data)
    html = page.content.decode()
    assert page.status_code == 400
    assert "Giá trị phải nằm trong khoảng 18 – 100." in html
    assert "Vui lòng trả lời câu hỏi này." in html
    assert "không thuộc thang 1–5" in html
    assert 'value="ho-tich" checked' in html  # what was answered stays
    assert Response.objects.count() == 0


def test_skip_logic_drops_hidden_answers(open_wave):
    from chiso.surveys.services.answers import clean

    questions = list(open_wave.questionnaire.questions())
    answers, errors = clean(questions, full_answers(thu_xin_loi="co", pa1="5"))
    assert errors == {}
    assert "thu_xin_loi" not in answers and "pa1" not in answers  # hidden: late = no, no feedback given
    answers, errors = clean(questions, full_answers(tre_hen="co"))
    assert errors == {"thu_xin_loi": "Vui lòng trả lời câu hỏi này."}  # shown now, and required
    answers, errors = clean(questions, full_answers(da_gop_y="co"))
    assert errors["pa"].startswith("Vui lòng đánh giá đủ các ý")


def test_public_link_disabled_is_not_found(client, open_wave):
    open_wave.public_enabled = False
    open_wave.save()
    assert client.get(reverse("surveys:public", args=[open_wave.public_slug])).status_code == 404


def test_public_sheet_sent_too_fast_or_without_stamp_is_refused(client, open_wave, settings):
    import time

    from django.core import signing

    from chiso.surveys.answer_views import STAMP_SALT

    settings.CHISO_SURVEY_MIN_SECONDS = 5
    url = reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=bt-stp"
    fast = client.post(url, full_answers(_mo_luc=signing.dumps(time.time() - 1, salt=STAMP_SALT)))
    assert fast.status_code == 400 and "gửi quá nhanh" in fast.content.decode()
    assert 'value="ho-tich" checked' in fast.content.decode()  # answers kept
    forged = client.post(url, full_answers(_mo_luc="gia-mao"))
    assert forged.status_code == 400 and "không hợp lệ" in forged.content.decode()
    assert Response.objects.count() == 0
    assert client.post(url, full_answers()).status_code == 302  # opened a minute ago
