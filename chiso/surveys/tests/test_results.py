"""Results of a wave end to end: the CLI JSON, weighting through the wave, comparisons."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from chiso.registry.models import Agency
from chiso.surveys.models import Response, Wave

from .conftest import full_answers

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


def _add(wave, agency, level, channel, times):
    from chiso.surveys.services.answers import clean

    answers, errors = clean(list(wave.questionnaire.questions()), full_answers(str(level), kenh_nop=channel))
    assert not errors
    Response.objects.bulk_create(
        [
            Response(
                wave=wave,
                agency=agency,
                channel=Response.PAPER,
                submitted_on=datetime.date(2026, 3, 1),
                answers=answers,
            )
            for _ in range(times)
        ]
    )


@pytest.fixture
def ranked_wave(open_wave):
    stp, sxd = Agency.objects.get(code="ld-stp"), Agency.objects.get(code="ld-sxd")
    # Sở Tư pháp: 8 online (7 satisfied), 2 at the counter (none); Sở Xây dựng: 2 online (1), 8 at the counter (4)
    _add(open_wave, stp, 5, "truc-tuyen", 7)
    _add(open_wave, stp, 2, "truc-tuyen", 1)
    _add(open_wave, stp, 1, "truc-tiep", 2)
    _add(open_wave, sxd, 4, "truc-tuyen", 1)
    _add(open_wave, sxd, 3, "truc-tuyen", 1)
    _add(open_wave, sxd, 4, "truc-tiep", 4)
    _add(open_wave, sxd, 2, "truc-tiep", 4)
    return open_wave


def _cli(*args):
    out = io.StringIO()
    call_command("survey-results", *args, stdout=out)
    return out.getvalue()


def test_cli_json_unweighted_by_hand(ranked_wave):
    data = json.loads(_cli("--wave", str(ranked_wave.pk), "--json"))
    assert set(data) >= {
        "wave",
        "responses",
        "response_rate",
        "overall",
        "elements",
        "by_agency",
        "weighted",
        "warnings",
    }
    assert data["wave"] == ranked_wave.pk and data["responses"] == 20 and data["weighted"] is False
    # overall: 7 + 1 + 4 = 12 satisfied of 20 → 60 %; Wilson(0.6, 20) = [38.66, 78.12]
    assert data["overall"]["satisfied_share"] == 60.0
    assert (data["overall"]["ci_low"], data["overall"]["ci_high"]) == (38.66, 78.12)
    assert [(a["code"], a["satisfied_share"], a["n"]) for a in data["by_agency"]] == [
        ("ld-stp", 70.0, 10),
        ("ld-sxd", 50.0, 10),
    ]
    access = next(e for e in data["elements"] if e["code"] == "tiep-can")
    assert set(access) >= {"code", "name", "satisfied_share", "ci_low", "ci_high", "n"}
    assert access["name"] == "Tiếp cận dịch vụ" and access["satisfied_share"] == 60.0 and access["n"] == 20
    # the feedback element was skipped by everyone (da_gop_y = khong)
    assert not any(e["code"] == "phan-anh" for e in data["elements"] if e["n"])
    assert data["response_rate"] is None  # no invitations, no planned sample


def test_weighting_through_the_wave_reverses_the_ranking(ranked_wave):
    ranked_wave.stratum_question = "kenh_nop"
    ranked_wave.stratum_shares = {"truc-tuyen": 1, "truc-tiep": 1}
    ranked_wave.save()
    data = json.loads(_cli("--wave", str(ranked_wave.pk), "--json"))
    assert data["weighted"] is True
    # Sở Tư pháp .5·7/8 = 43.75 %; Sở Xây dựng .5·1/2 + .5·4/8 = 50 % → order flips
    assert [(a["code"], a["satisfied_share"]) for a in data["by_agency"]] == [
        ("ld-sxd", 50.0),
        ("ld-stp", 43.75),
    ]
    stp = data["by_agency"][1]
    assert stp["n_eff"] == 6.4 and stp["small_cell"] is False  # min_cell is 2 in this fixture
    # overall: equal agency weight by sample size, so (.4375 + .5)/2 = 46.875 %
    assert data["overall"]["satisfied_share"] == 46.88
    unweighted = json.loads(_cli("--wave", str(ranked_wave.pk), "--json", "--unweighted"))
    assert unweighted["weighted"] is False and unweighted["overall"]["satisfied_share"] == 60.0


def test_small_cells_are_flagged(ranked_wave):
    ranked_wave.min_cell = 30
    ranked_wave.save()
    data = json.loads(_cli("--wave", str(ranked_wave.pk), "--json"))
    assert all(a["small_cell"] for a in data["by_agency"])
    assert any("Sở Tư pháp tỉnh Lâm Đồng: chỉ 10 phiếu" in w for w in data["warnings"])
    assert any("Toàn đợt chỉ có 20 phiếu" in w for w in data["warnings"])


def test_cli_list(ranked_wave):
    text = _cli("--list")
    assert f"{ranked_wave.pk}\t2026\tĐang nhận phiếu\t20 phiếu\tĐợt thử" in text
    listed = json.loads(_cli("--list", "--json"))
    assert listed[0]["id"] == ranked_wave.pk


def test_cli_unknown_wave(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Không có đợt khảo sát mã 999"):
        _cli("--wave", "999", "--json")


def test_comparison_with_earlier_wave_and_official(ranked_wave, sipas):
    earlier = Wave.objects.create(
        questionnaire=sipas,
        name="Đợt 2025",
        year=2025,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 12, 31),
        target_group="x",
        status=Wave.CLOSED,
    )
    _add(earlier, Agency.objects.get(code="ld-stp"), 5, "truc-tiep", 1)
    _add(earlier, Agency.objects.get(code="ld-stp"), 1, "truc-tiep", 3)
    ranked_wave.official = {"overall": 80.0}
    ranked_wave.official_source = "Bộ Nội vụ"
    ranked_wave.save()
    from chiso.surveys.services import compute

    comparison = compute.compare(ranked_wave)
    rows = {r["label"]: r for r in comparison["rows"]}
    assert rows["Đợt 2025"]["values"]["overall"] == 25.0
    assert rows["Đợt 2025"]["delta"]["overall"] == 35.0
    assert rows["Số liệu chính thức (Bộ Nội vụ)"]["delta"]["overall"] == -20.0


def test_provisional_figure_has_provenance(ranked_wave):
    from chiso.surveys.services import weights

    figure = weights.provisional_figure(ranked_wave)
    assert figure["value"] == 60.0 and figure["provisional"] is True and figure["index"] == "SIPAS"
    assert "Đợt thử" in figure["source"] and "20 phiếu" in figure["source"]


def test_breakdown_by_channel(ranked_wave, client, user_factory):
    from chiso.surveys.models import Question
    from chiso.surveys.services import compute

    question = Question.objects.get(section__questionnaire=ranked_wave.questionnaire, code="kenh_nop")
    rows = {r["value"]: r for r in compute.breakdown(ranked_wave, question)}
    # online: 7 + 1 satisfied of 10; counter: 4 of 10; post: nobody
    assert (rows["truc-tuyen"]["satisfied_share"], rows["truc-tuyen"]["n"]) == (80.0, 10)
    assert (rows["truc-tiep"]["satisfied_share"], rows["truc-tiep"]["n"]) == (40.0, 10)
    assert rows["buu-chinh"]["n"] == 0 and rows["buu-chinh"]["satisfied_share"] is None
    assert (
        rows["truc-tuyen"]["elements"]["tiep-can"] == 80.0
        and rows["truc-tiep"]["elements"]["cong-chuc"] == 40.0
    )
    from django.urls import reverse

    client.force_login(user_factory("monitor"))
    html = client.get(reverse("surveys:wave", args=[ranked_wave.pk]) + "?theo=kenh_nop").content.decode()
    assert "Trực tuyến (Cổng dịch vụ công)</td><td>80,0%" in html


def test_api_results_and_permissions(ranked_wave, client, user_factory):
    client.force_login(user_factory("officer"))
    assert client.get(f"/api/surveys/waves/{ranked_wave.pk}/results").status_code == 403
    client.force_login(user_factory("leader"))
    ranked_wave.stratum_question, ranked_wave.stratum_shares = "kenh_nop", {"truc-tuyen": 1, "truc-tiep": 1}
    ranked_wave.save()
    weighted = client.get(f"/api/surveys/waves/{ranked_wave.pk}/results").json()
    plain = client.get(f"/api/surveys/waves/{ranked_wave.pk}/results?weighted=false").json()
    assert (weighted["weighted"], weighted["overall"]["satisfied_share"]) == (True, 46.88)
    assert (plain["weighted"], plain["overall"]["satisfied_share"]) == (False, 60.0)
