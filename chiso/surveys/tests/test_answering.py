"""The answering form: rendering, skip logic, validation, public link limits."""

import pytest
from django.urls import reverse

from chiso.surveys.models import Response

from .conftest import full_answers

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


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
    url = reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=ld-stp"
    response = client.post(
        url, full_answers(tuoi="44", m__mong_doi=["rut-ngan", "thai-do"], gop_y="Cán bộ tận tình")
    )
    assert response.status_code == 302 and response.url == reverse("surveys:thanks")
    stored = Response.objects.get()
    assert stored.agency.code == "ld-stp" and stored.channel == Response.PUBLIC
    assert stored.answers["mong_doi"] == ["rut-ngan", "thai-do"]
    assert stored.answers["tuoi"] == 44.0 and stored.answers["hai_long_chung"] == 5
    assert "Xin cảm ơn" in client.get(response.url).content.decode()


def test_public_answer_without_agency_in_the_link_takes_the_chosen_one_and_refuses_another(client, open_wave):
    url = reverse("surveys:public", args=[open_wave.public_slug])
    wrong = client.post(url, full_answers(co_quan="bt-snv"))  # an agency the wave does not rate
    assert wrong.status_code == 400
    assert "Vui lòng chọn cơ quan nơi ông/bà giải quyết thủ tục." in wrong.content.decode()
    assert not Response.objects.exists()
    assert client.post(url, full_answers(co_quan="ld-sxd")).status_code == 302
    assert Response.objects.get().agency.code == "ld-sxd"


def _stamp_from(page):
    import re

    return re.search(r'name="_mo_luc" value="([^"]+)"', page.content.decode()).group(1)


def test_one_public_answer_per_browser_and_day(client, open_wave):
    url = reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=ld-stp"
    stamp = _stamp_from(client.get(url))  # opening the form gives the browser its cookie
    assert client.post(url, full_answers(_mo_luc=stamp)).status_code == 302
    again = client.get(url)
    assert again.status_code == 200 and "Trình duyệt này đã gửi phiếu hôm nay" in again.content.decode()
    assert client.post(url, full_answers()).status_code == 200  # the thank-you note, nothing stored
    # changing the User-Agent changes nothing: the browser is its cookie
    assert client.post(url, full_answers(), HTTP_USER_AGENT="Trình duyệt giả").status_code == 200
    assert Response.objects.count() == 1


def test_two_browsers_on_one_address_both_answer(open_wave):
    from django.test import Client

    url = reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=ld-stp"
    same = {"REMOTE_ADDR": "203.0.113.7", "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) Chrome/126"}
    for _ in range(2):  # two phones of the same model on the counter's Wi-Fi
        phone = Client(**same)
        stamp = _stamp_from(phone.get(url))
        assert phone.post(url, full_answers(_mo_luc=stamp)).status_code == 302
    assert Response.objects.count() == 2


def test_replayed_stamp_is_refused(open_wave):
    from django.test import Client

    url = reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=ld-stp"
    first = Client()
    stamp = _stamp_from(first.get(url))
    assert first.post(url, full_answers(_mo_luc=stamp)).status_code == 302
    # a script replays the captured sheet from fresh "browsers" (no cookie, any User-Agent)
    for n in range(3):
        replay = Client(HTTP_USER_AGENT=f"bot-{n}")
        refused = replay.post(url, full_answers(_mo_luc=stamp))
        assert refused.status_code == 409 and "đã được gửi" in refused.content.decode()
    assert Response.objects.count() == 1


def test_soft_limit_per_network_is_logged(open_wave, settings, caplog):
    import logging

    from django.test import Client

    settings.CHISO_SURVEY_PER_NETWORK_PER_HOUR = 3
    url = reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=ld-stp"
    codes = []
    with caplog.at_level(logging.INFO, logger="chiso.surveys.public"):
        for i in range(5):  # a script inventing a new browser and User-Agent each time, one address
            bot = Client(REMOTE_ADDR="198.51.100.9", HTTP_USER_AGENT=f"may-{i}")
            codes.append(bot.post(url, full_answers(_mo_luc=_stamp_from(bot.get(url)))).status_code)
        other = Client(REMOTE_ADDR="198.51.100.10")  # another network is not affected
        codes.append(other.post(url, full_answers(_mo_luc=_stamp_from(other.get(url)))).status_code)
    assert codes == [302, 302, 302, 429, 429, 302]
    assert Response.objects.count() == 4
    refused = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert len(refused) == 2 and "(limit 3)" in refused[0] and "198.51.100" not in refused[0]
    assert sum("accepted" in r.getMessage() for r in caplog.records) == 4


def test_ipv6_addresses_of_one_network_share_the_limit():
    from chiso.surveys.services.guard import network_of

    assert network_of("2001:db8:1:2:aaaa::1") == network_of("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert network_of("203.0.113.7") != network_of("203.0.113.8")


def test_validation_errors_name_the_question_and_keep_answers(client, open_wave):
    url = reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=ld-stp"
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
    page = client.get(reverse("surveys:public", args=[open_wave.public_slug]))
    assert page.status_code == 404 and "không nhận phiếu qua đường dẫn công khai" in page.content.decode()


def test_closed_and_future_waves_say_when_they_run(client, open_wave):
    import datetime

    url = reverse("surveys:public", args=[open_wave.public_slug])
    open_wave.start, open_wave.end = datetime.date(2099, 3, 1), datetime.date(2099, 4, 30)
    open_wave.save()
    page = client.get(url)
    html = page.content.decode()
    assert (
        page.status_code == 200 and "chưa bắt đầu" in html and "01/03/2099" in html and "30/04/2099" in html
    )
    assert 'name="_mo_luc"' not in html  # no form to fill
    assert client.post(url, full_answers()).status_code == 200 and not Response.objects.exists()
    open_wave.start, open_wave.end = datetime.date(2020, 3, 1), datetime.date(2020, 4, 30)
    open_wave.save()
    page = client.get(url)
    assert page.status_code == 410 and "đã kết thúc" in page.content.decode()
    assert "30/04/2020" in page.content.decode()
    open_wave.start, open_wave.end, open_wave.status = (
        datetime.date(2020, 1, 1),
        datetime.date(2099, 1, 1),
        "closed",
    )
    open_wave.save()
    page = client.get(url)
    assert page.status_code == 410 and "đã đóng sớm" in page.content.decode()
    assert not Response.objects.exists()


def test_public_sheet_sent_too_fast_or_without_stamp_is_refused(client, open_wave, settings):
    import time

    from chiso.surveys.services import guard

    settings.CHISO_SURVEY_MIN_SECONDS = 5
    url = reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=ld-stp"
    fast = client.post(url, full_answers(_mo_luc=guard.stamp("trinh-duyet", opened=time.time() - 1)))
    assert fast.status_code == 400 and "gửi quá nhanh" in fast.content.decode()
    assert 'value="ho-tich" checked' in fast.content.decode()  # answers kept
    forged = client.post(url, full_answers(_mo_luc="gia-mao"))
    assert forged.status_code == 400 and "không hợp lệ" in forged.content.decode()
    assert Response.objects.count() == 0
    assert client.post(url, full_answers()).status_code == 302  # opened a minute ago
