"""One-time tokens, closed waves, and that an answer cannot be traced back to its invitee."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.urls import reverse

from chiso.core.models import AuditEntry
from chiso.registry.models import Agency
from chiso.surveys.models import Invitation, InvitationToken, Response, Wave
from chiso.surveys.services import distribution

from .conftest import full_answers

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


@pytest.fixture
def invited(open_wave):
    agency = Agency.objects.get(code="ld-stp")
    people = [
        {
            "name": f"Đại biểu {i}",
            "email": f"db{i}@example.vn",
            "group": "Đại biểu HĐND tỉnh",
            "agency": agency,
        }
        for i in range(3)
    ]
    return open_wave, distribution.create_invitations(open_wave, people)


def test_only_the_hash_of_a_token_is_stored(invited):
    wave, created = invited
    stored = set(InvitationToken.objects.values_list("token_hash", flat=True))
    for _, token in created:
        assert token not in stored
        assert distribution.hash_token(token) in stored


def test_a_token_cannot_be_used_twice(client, invited):
    wave, created = invited
    url = reverse("surveys:answer", args=[created[0][1]])
    assert client.post(url, full_answers()).status_code == 302
    again = client.post(url, full_answers("1"))
    assert again.status_code == 410
    assert "đã được trả lời" in again.content.decode()
    assert client.get(url).status_code == 410
    assert Response.objects.filter(wave=wave).count() == 1
    with pytest.raises(distribution.TokenInvalid):
        distribution.submit_with_token(created[0][1], {"hai_long_chung": 1})


def test_a_wrong_token_is_refused(client, invited):
    assert client.get(reverse("surveys:answer", args=["khong-co-that"])).status_code == 410


def test_a_closed_wave_accepts_nothing(client, invited):
    wave, created = invited
    wave.status = Wave.CLOSED
    wave.save()
    response = client.post(reverse("surveys:answer", args=[created[1][1]]), full_answers())
    assert response.status_code == 410
    public = client.post(reverse("surveys:public", args=[wave.public_slug]) + "?dv=ld-stp", full_answers())
    assert public.status_code == 410
    with pytest.raises(distribution.SurveyClosed):
        distribution.submit_with_token(created[1][1], {"hai_long_chung": 5})
    with pytest.raises(distribution.SurveyClosed):
        distribution.submit_public(wave, {"hai_long_chung": 5})
    assert Response.objects.filter(wave=wave).count() == 0
    assert not Invitation.objects.filter(wave=wave, used=True).exists()
    assert distribution.send_reminders(wave) == 0


def test_schema_has_no_link_between_invitations_and_responses():
    for model in (Response,):
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            assert related not in (Invitation, InvitationToken), (
                f"{model.__name__}.{field.name} points at invitations"
            )
            # no precise timestamp: only a date
            assert not isinstance(field, models.DateTimeField), (
                f"{model.__name__}.{field.name} is a timestamp"
            )
    for model in (Invitation, InvitationToken):
        for field in model._meta.get_fields():
            assert getattr(field, "related_model", None) is not Response
            assert not isinstance(field, (models.DateTimeField, models.DateField)), (
                f"{model.__name__}.{field.name} holds a date"
            )
    assert isinstance(Response._meta.get_field("submitted_on"), models.DateField)
    assert isinstance(Response._meta.pk, models.UUIDField)  # no insertion-ordered ids to line up


def test_database_does_not_tell_which_invitee_gave_which_answer(client, invited):
    wave, created = invited
    for (_, token), level in zip(created[:2], ["5", "1"]):
        assert client.post(reverse("surveys:answer", args=[token]), full_answers(level)).status_code == 302
    used = list(Invitation.objects.filter(wave=wave, used=True))
    assert len(used) == 2
    responses = list(Response.objects.filter(wave=wave))
    # Everything stored with a response that an invitation also has must match *both* used invitees.
    for r in responses:
        candidates = [i for i in used if i.agency_id == r.agency_id and (not r.group or r.group == i.group)]
        assert len(candidates) == 2
    # Nothing in the audit log mentions an invitation or a response (its times would link them).
    for model in (Invitation, InvitationToken, Response):
        assert not AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).exists()
    # The answer sheet stores no token, hash, name or e-mail.
    dumped = " ".join(str(r.answers) for r in responses)
    for invitation, token in created:
        assert token not in dumped and invitation.email not in dumped and invitation.name not in dumped
    assert not any(distribution.hash_token(t) in dumped for _, t in created)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row versions (xmin) exist only on PostgreSQL")
def test_postgres_row_versions_do_not_link(client, invited):
    wave, created = invited
    assert client.post(reverse("surveys:answer", args=[created[0][1]]), full_answers()).status_code == 302
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT xmin::text FROM surveys_invitation WHERE wave_id = %s", [wave.pk])
        versions = cursor.fetchall()
    # every invitation of the wave was rewritten by the same statement: the used one does not stand out
    assert len(versions) == 1


def test_api_results_carry_no_link(client, invited, user_factory):
    wave, created = invited
    client.post(reverse("surveys:answer", args=[created[0][1]]), full_answers())
    client.force_login(user_factory("monitor"))
    body = client.get(f"/api/surveys/waves/{wave.pk}/results").json()
    text = str(body)
    for invitation, _ in created:
        assert invitation.name not in text and invitation.email not in text
    assert body["responses"] == 1
    listing = client.get("/api/surveys/waves").json()
    assert {"invited", "answered"} <= set(listing[0]) and "invitations" not in listing[0]


def test_invitee_without_agency_chooses_one(client, open_wave):
    created = distribution.create_invitations(
        open_wave, [{"name": "Lãnh đạo", "email": "ld@example.vn", "agency": None}]
    )
    url = reverse("surveys:answer", args=[created[0][1]])
    assert 'name="co_quan"' in client.get(url).content.decode()
    missing = client.post(url, full_answers())
    assert missing.status_code == 400 and "Vui lòng chọn cơ quan được đánh giá." in missing.content.decode()
    other = client.post(url, full_answers(co_quan="bt-snv"))  # not one the wave rates
    assert other.status_code == 400 and "Vui lòng chọn cơ quan được đánh giá." in other.content.decode()
    assert client.post(url, full_answers(co_quan="ld-sxd")).status_code == 302
    assert Response.objects.get().agency.code == "ld-sxd"
