"""The public page shows only what an administrator chose, and never anything internal."""

import csv
import io
import json

import pytest

from chiso.publication.models import Publication
from chiso.publication.services import choose, public_data

from .conftest import SECRETS

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_once")]


def _publish_all(world, admin):
    return [
        choose.publish(admin, kind=Publication.DIRECTIVE, directive=world["directive"]),
        choose.publish(admin, kind=Publication.SURVEY, wave=world["wave"]),
    ]


def _crawl(client, publications):
    """Every public URL an anonymous visitor can reach, with its body."""
    urls = ["/cong-khai/", "/cong-khai/du-lieu.json", "/api/publication/"]
    for p in publications:
        urls += [f"/cong-khai/{p.pk}/", f"/cong-khai/{p.pk}/du-lieu.json", f"/api/publication/{p.pk}"]
        urls += [f"/cong-khai/{p.pk}/{slug}.csv" for slug in public_data.TABLES[p.kind]]
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.getvalue().decode("utf-8-sig")  # the CSV files are streamed (FileResponse)
        if response["Content-Type"].startswith("application/json"):
            # \u escapes would hide a Vietnamese secret from a plain substring check
            body = json.dumps(json.loads(body), ensure_ascii=False)
        found[url] = body
    return found


def test_nothing_is_public_until_an_administrator_chooses_it(client, world):
    assert "Chưa có nội dung nào được công khai" in client.get("/cong-khai/").content.decode()
    assert json.loads(client.get("/cong-khai/du-lieu.json").content) == []
    assert client.get("/cong-khai/1/").status_code == 404
    assert client.get("/api/publication/1").status_code == 404


def test_no_internal_matter_leaks_through_any_public_page_file_or_endpoint(client, world, people):
    directive_pub, _ = publications = _publish_all(world, people["admin"])
    pages = _crawl(client, publications)
    assert len(pages) == 13  # 3 lists + 2 × (page, JSON, API) + 4 CSV tables
    for url, body in pages.items():
        for secret in SECRETS:
            assert secret not in body, f"{secret!r} leaked through {url}"
    # … and the page is not empty: the published facts are there
    page = pages[f"/cong-khai/{directive_pub.pk}/"]
    assert "Xây dựng kế hoạch khắc phục" in page and "Hoàn thành đúng hạn" in page
    assert "Quá hạn" in page  # the returned task is, to the public, simply overdue
    assert "Trả lại" not in page and "Bị trả lại" not in page


def test_an_unpublished_withdrawn_or_unticked_item_answers_404_like_a_number_never_used(
    client, world, people
):
    directive_pub, wave_pub = _publish_all(world, people["admin"])
    never = Publication.objects.order_by("-pk").first().pk + 100
    assert client.get(f"/cong-khai/{never}/").status_code == 404
    choose.set_active(people["admin"], directive_pub, False)
    for url in (
        f"/cong-khai/{directive_pub.pk}/",
        f"/cong-khai/{directive_pub.pk}/du-lieu.json",
        f"/cong-khai/{directive_pub.pk}/nhiem-vu.csv",
        f"/api/publication/{directive_pub.pk}",
    ):
        assert client.get(url).status_code == 404, url
    # a survey reopened after publication disappears without anyone unticking it
    world["wave"].status = "open"
    world["wave"].save()
    assert client.get(f"/cong-khai/{wave_pub.pk}/").status_code == 404
    assert json.loads(client.get("/cong-khai/du-lieu.json").content) == []


def test_a_directive_shows_each_tasks_lead_deadline_status_and_each_agencys_completion(world, people):
    pub = choose.publish(people["admin"], kind=Publication.DIRECTIVE, directive=world["directive"])
    data = public_data.data(pub)
    first, second = data["tasks"]
    assert (first["lead"], first["due_date"], first["status"]) == (
        "Ủy ban nhân dân thành phố Phan Thiết",
        "2022-08-31",
        "done_on_time",
    )
    assert second["status"] == "overdue"
    rows = {r["code"]: r for r in data["agencies"]}
    assert rows["bt-phanthiet"]["done_on_time"] == 1 and rows["bt-phanthiet"]["percent"] == 100.0
    assert rows["bt-stttt"]["overdue"] == 1 and rows["bt-stttt"]["percent"] == 0.0
    assert data["summary"] == {"parts": 2, "done": 1, "overdue": 1, "percent": 50.0}


def test_csv_cells_never_become_formulas(client, world, people):
    pub = choose.publish(people["admin"], kind=Publication.DIRECTIVE, directive=world["directive"])
    response = client.get(f"/cong-khai/{pub.pk}/nhiem-vu.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="cong-khai-{pub.pk}-nhiem-vu.csv"'
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0][:3] == ["muc", "noi_dung", "chu_tri"]
    assert rows[1][1].startswith("'=HYPERLINK")


def test_survey_agencies_below_the_minimum_are_withheld_and_no_answer_is_shown(world, people):
    pub = choose.publish(people["admin"], kind=Publication.SURVEY, wave=world["wave"])
    data = public_data.data(pub)
    assert [a["agency"] for a in data["agencies"]] == ["Ủy ban nhân dân thành phố Phan Thiết"]
    assert data["agencies_withheld"] == 1
    assert "answers" not in json.dumps(data)


def test_only_a_closed_survey_and_a_published_directive_may_be_chosen(world, people):
    from django.core.exceptions import ValidationError

    world["wave"].status = "open"
    world["wave"].save()
    with pytest.raises(ValidationError, match="đã đóng"):
        choose.publish(people["admin"], kind=Publication.SURVEY, wave=world["wave"])
    world["hidden"].status = "draft"
    world["hidden"].save()
    with pytest.raises(ValidationError, match="đã ban hành"):
        choose.publish(people["admin"], kind=Publication.DIRECTIVE, directive=world["hidden"])
    choose.publish(people["admin"], kind=Publication.DIRECTIVE, directive=world["directive"])
    with pytest.raises(ValidationError, match="đã được công khai"):
        choose.publish(people["admin"], kind=Publication.DIRECTIVE, directive=world["directive"])


@pytest.mark.parametrize("role", ["monitor", "leader", "head", "officer"])
def test_only_an_administrator_chooses(world, people, role, client):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        choose.publish(people[role], kind=Publication.DIRECTIVE, directive=world["directive"])
    client.force_login(people[role])
    response = client.post("/cong-khai/quan-ly/", {"kind": "directive", "directive": world["directive"].pk})
    assert response.status_code == 403
    assert not Publication.objects.exists()


def test_management_page_and_api_statuses_by_role(world, people, client):
    assert client.get("/cong-khai/quan-ly/").status_code == 302
    assert client.get("/api/publication/quan-ly/").status_code == 401
    expected = {"admin": 200, "monitor": 200, "leader": 200, "head": 403, "officer": 403}
    for role, status in expected.items():
        client.force_login(people[role])
        assert client.get("/cong-khai/quan-ly/").status_code == status, role
        assert client.get("/api/publication/quan-ly/").status_code == status, role


def test_an_administrator_publishes_through_the_page_and_the_choice_is_audited(world, people, client):
    from chiso.core.models import AuditEntry

    client.force_login(people["admin"])
    response = client.post("/cong-khai/quan-ly/", {"kind": "directive", "directive": world["directive"].pk})
    assert response.status_code == 302
    pub = Publication.objects.get()
    assert pub.published_by == people["admin"] and pub.active
    assert AuditEntry.objects.filter(object_id=str(pub.pk), action="create").exists()
    response = client.post("/cong-khai/quan-ly/", {"kind": "survey"})
    assert response.status_code == 400
    assert "Chọn đợt khảo sát cần công khai" in response.content.decode()
    client.post(f"/cong-khai/quan-ly/{pub.pk}/", {"active": "0"})
    pub.refresh_from_db()
    assert not pub.active
    assert AuditEntry.objects.filter(object_id=str(pub.pk), action="update").exists()
