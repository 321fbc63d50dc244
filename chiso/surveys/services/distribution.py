"""Invitations with one-time tokens, reminders, and storing a submitted sheet without linking it.

The token is shown once (in the mail) and only its SHA-256 is kept. Submitting marks the invitation
used and stores the response with no reference to it. On PostgreSQL every row carries the id of the
transaction that last wrote it (xmin); so that the invitation's xmin cannot be matched with the
response's, the submission rewrites the `used` flag of *all* the wave's invitations in one statement.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from chiso.core import audit, mail

from ..models import Invitation, InvitationToken, Response, Wave


class SurveyClosed(Exception):
    pass


class TokenInvalid(Exception):
    pass


def hash_token(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token(invitation):
    token = secrets.token_urlsafe(24)
    InvitationToken.objects.create(invitation=invitation, token_hash=hash_token(token))
    return token


def find_invitation(token):
    """The unused invitation a token opens, or TokenInvalid."""
    found = (
        InvitationToken.objects.select_related("invitation__wave")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if found is None:
        raise TokenInvalid("Đường dẫn khảo sát không hợp lệ.")
    if found.invitation.used:
        raise TokenInvalid("Phiếu này đã được trả lời. Mỗi đường dẫn chỉ dùng được một lần.")
    return found.invitation


def today():
    return timezone.localdate()


@transaction.atomic
def create_invitations(wave, people, base_url=""):
    """people: dicts with name, email, group, agency (Agency or None). Returns [(invitation, token)]."""
    created = []
    for person in people:
        invitation = Invitation.objects.create(
            wave=wave,
            name=person.get("name", ""),
            email=person.get("email", ""),
            group=person.get("group", ""),
            agency=person.get("agency"),
        )
        created.append((invitation, new_token(invitation)))
    audit.record(wave, "action", {"invitations": len(created)}, f"Tạo {len(created)} thư mời khảo sát")
    return created


def thin_agencies(wave, k=3):
    """Agencies fewer than k invitees will assess: their answers could be told apart by elimination."""
    from django.db.models import Count

    rows = (
        wave.invitations.exclude(agency=None).values("agency__name").annotate(n=Count("id")).filter(n__lt=k)
    )
    return [(row["agency__name"], row["n"]) for row in rows]


def answer_url(token, base_url=""):
    return base_url.rstrip("/") + reverse("surveys:answer", args=[token])


def _mail_body(wave, invitation, url, reminder=False):
    greeting = f"Kính gửi {invitation.name}," if invitation.name else "Kính gửi ông/bà,"
    lead = (
        "Ông/bà chưa trả lời phiếu khảo sát dưới đây. Xin ông/bà dành ít phút trả lời trước ngày "
        if reminder
        else "Ông/bà được mời tham gia khảo sát. Xin ông/bà trả lời trước ngày "
    )
    return (
        f"{greeting}\n\n{lead}{wave.end:%d/%m/%Y}.\n\n{wave.name}\n{url}\n\n"
        "Phiếu không ghi tên: câu trả lời được lưu tách khỏi danh sách người được mời, không ai biết "
        "ông/bà trả lời thế nào. Đường dẫn chỉ dùng được một lần"
        + ("; đường dẫn trong thư trước vẫn dùng được." if reminder else ".")
        + "\n\nTrân trọng cảm ơn."
    )


def send_invitations(created, base_url=""):
    sent = 0
    for invitation, token in created:
        if invitation.email and mail.send(
            invitation.email,
            f"Mời tham gia khảo sát: {invitation.wave.name}",
            _mail_body(invitation.wave, invitation, answer_url(token, base_url)),
        ):
            sent += 1
    return sent


def send_reminders(wave, base_url=""):
    """Remind every invitee who has not answered; each gets a fresh token (the old one still works)."""
    if not wave.accepting:
        return 0
    sent = 0
    for invitation in wave.invitations.filter(used=False).exclude(email=""):
        url = answer_url(new_token(invitation), base_url or getattr(settings, "CHISO_BASE_URL", ""))
        if mail.send(
            invitation.email,
            f"Nhắc trả lời khảo sát: {wave.name}",
            _mail_body(wave, invitation, url, reminder=True),
        ):
            Invitation.objects.filter(pk=invitation.pk).update(reminders_sent=invitation.reminders_sent + 1)
            sent += 1
    audit.record(wave, "action", {"reminders": sent}, f"Gửi {sent} thư nhắc trả lời khảo sát")
    return sent


def submit_with_token(token, answers, agency=None, instance=""):
    with transaction.atomic():
        found = (
            InvitationToken.objects.select_for_update()
            .select_related("invitation__wave")
            .filter(token_hash=hash_token(token or ""))
            .first()
        )
        if found is None:
            raise TokenInvalid("Đường dẫn khảo sát không hợp lệ.")
        invitation = Invitation.objects.select_for_update().get(pk=found.invitation_id)
        wave = Wave.objects.get(pk=invitation.wave_id)
        if not wave.accepting:
            raise SurveyClosed("Đợt khảo sát đã đóng, không nhận thêm phiếu.")
        if invitation.used:
            raise TokenInvalid("Phiếu này đã được trả lời. Mỗi đường dẫn chỉ dùng được một lần.")
        # One statement over all the wave's invitations: they all get the same row version.
        Invitation.objects.filter(wave=wave).update(
            used=Case(When(Q(pk=invitation.pk) | Q(used=True), then=Value(True)), default=Value(False))
        )
        # The invitee's group is not copied: respondents state it in the questionnaire if it matters.
        return Response.objects.create(
            wave=wave,
            agency=invitation.agency or agency,
            channel=Response.WEB,
            submitted_on=today(),
            answers=answers,
            instance=instance,
        )


def submit_public(wave, answers, agency=None, group="", instance=""):
    current = Wave.objects.filter(pk=wave.pk, public_enabled=True).first()
    if current is None or not current.accepting:
        raise SurveyClosed("Đợt khảo sát không nhận phiếu qua đường dẫn công khai.")
    return Response.objects.create(
        wave=wave,
        agency=agency,
        group=group,
        channel=Response.PUBLIC,
        submitted_on=today(),
        answers=answers,
        instance=instance,
    )
