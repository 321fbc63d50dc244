"""Looks at the pages: demo results render with charts; a survey is answered on a phone screen."""

import os

import pytest
from django.urls import reverse

from chiso.surveys.models import Response, Wave

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username, password):
    page.goto(live_server.url + reverse("core:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state("networkidle")


def test_demo_results_render_with_charts(live_server, browser, artifacts_dir, user_factory):
    from chiso.registry import demo as registry_demo
    from chiso.surveys import demo

    registry_demo.load()
    demo.load()
    user_factory("monitor", username="theodoi", password="mat-khau-thu-nghiem")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _login(page, live_server, "theodoi", "mat-khau-thu-nghiem")
    for wave in Wave.objects.filter(status=Wave.CLOSED, year=2025):
        page.goto(live_server.url + reverse("surveys:wave", args=[wave.pk]))
        page.wait_for_selector("[data-chart='chart-elements'][data-chart-ready] canvas")
        page.wait_for_selector("[data-chart='chart-agencies'][data-chart-ready] canvas")
        assert page.locator("[data-testid=responses]").inner_text() == str(wave.responses.count())
        assert "%" in page.locator("[data-testid=overall]").inner_text()
        page.screenshot(
            path=os.path.join(artifacts_dir, f"surveys-results-{wave.questionnaire.kind}.png"), full_page=True
        )
        page.locator("#theo-nhom").screenshot(
            path=os.path.join(artifacts_dir, f"surveys-breakdown-{wave.questionnaire.kind}.png")
        )
    public = Wave.objects.get(public_enabled=True, status=Wave.OPEN)
    page.goto(live_server.url + reverse("surveys:qr", args=[public.pk]) + "?dang=trang")
    assert page.locator(".sv-qr svg").count() == public.agencies.count()
    page.emulate_media(media="print")
    page.screenshot(path=os.path.join(artifacts_dir, "surveys-qr-print.png"))
    page.close()


def test_answer_a_survey_on_a_phone(live_server, browser, artifacts_dir, demo_registry, sipas):
    import datetime

    from chiso.registry.models import Agency

    wave = Wave.objects.create(
        questionnaire=sipas,
        name="Khảo sát tại quầy",
        year=2026,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        target_group="Người dân",
        status=Wave.OPEN,
        public_enabled=True,
    )
    wave.agencies.set(Agency.objects.filter(code__in=["ld-stp"]))
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    url = live_server.url + reverse("surveys:public", args=[wave.public_slug]) + "?dv=ld-stp"
    page.goto(url)
    page.screenshot(path=os.path.join(artifacts_dir, "surveys-phone-form.png"))
    # skip logic: the apology-letter question appears only after "late = yes"
    assert page.locator("#q-thu_xin_loi").is_hidden()
    page.check("input[name=linh_vuc][value=ho-tich]")
    page.check("input[name=kenh_nop][value=truc-tiep]")
    page.check("input[name=tre_hen][value=co]")
    assert page.locator("#q-thu_xin_loi").is_visible()
    # validation as you go: submitting now marks what is missing and stays on the page
    page.click("button[type=submit]")
    assert page.locator("#q-thu_xin_loi.sv-error").is_visible()
    assert "Vui lòng trả lời" in page.locator("#q-thu_xin_loi [data-msg]").inner_text()
    page.screenshot(path=os.path.join(artifacts_dir, "surveys-phone-validation.png"))
    page.check("input[name=thu_xin_loi][value=khong]")
    page.check("input[name=da_gop_y][value=khong]")
    for prefix, n in [("tc", 4), ("tt", 4), ("cc", 6), ("kq", 3)]:
        for i in range(1, n + 1):
            page.check(f"input[name={prefix}{i}][value='4']")
    # the draft survives a reload (connection dropped, page reopened)
    page.reload()
    assert page.locator("input[name=cc6][value='4']").is_checked()
    assert page.locator(".sv-restored").is_visible()
    page.check("input[name=hai_long_chung][value='5']")
    page.fill("textarea[name=gop_y]", "Cán bộ hướng dẫn rất tận tình")
    page.click("button[type=submit]")
    page.wait_for_url("**/cam-on/")
    assert "Xin cảm ơn" in page.inner_text("h1")
    page.screenshot(path=os.path.join(artifacts_dir, "surveys-phone-thanks.png"))
    stored = Response.objects.get(wave=wave)
    assert (
        stored.answers["hai_long_chung"] == 5
        and stored.answers["thu_xin_loi"] == "khong"
        and stored.agency.code == "ld-stp"
    )
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('chiso-nhap-')).length") == 0
    context.close()
