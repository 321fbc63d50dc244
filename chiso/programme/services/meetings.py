"""Thematic meetings (seed II.2.5, II.2.6): topics from the components that have not improved for
years (index history), agenda, attendees, and conclusions turned into a conclusion-notice draft that
goes through the same intake review as any notice. Held vs planned per year ("01 đến 02 cuộc họp").
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from chiso.directives.services import intake, life
from chiso.indices.models import Index
from chiso.indices.services import charts
from chiso.registry import permissions

from ..models import ThematicMeeting
from . import weak_components

SLOW_RULE = (
    "Chậm cải thiện: trong {years} năm gần nhất có số liệu, điểm năm sau không cao hơn điểm năm đầu "
    "(cùng phương pháp tính)."
)


def stagnant(province, until_year, years=3):
    """[{"key", "index", "code", "name", "scores": [(year, score)], "change"}]: components whose score in
    `until_year` is not above their score `years` years before, on the same methodology."""
    found = []
    if province is None:
        return found
    for index in Index.objects.all():
        history = [h for h in charts.province_history(index, province) if h["year"] <= until_year]
        if len(history) < 2:
            continue
        last = history[-1]
        window = [
            h
            for h in history
            if h["year"] >= last["year"] - years and h["methodology"] == last["methodology"]
        ]
        if len(window) < 2:
            continue
        first = window[0]
        methodology = index.methodologies.get(code=last["methodology"])
        names = {c.code: c.name for c in methodology.components.all() if c.parent_id is None}
        for code, name in names.items():
            a, b = first["components"].get(code), last["components"].get(code)
            if a is None or b is None or b > a + 1e-9:
                continue
            found.append(
                {
                    "key": f"{index.code}:{code}",
                    "index": index.code,
                    "code": code,
                    "name": name,
                    "scores": [(h["year"], h["components"].get(code)) for h in window],
                    "change": b - a,
                }
            )
    found.sort(key=lambda c: c["change"])
    return found


def province_for(user):
    return weak_components.province_of(getattr(user, "agency", None))


def may_view(user, meeting):
    return permissions.can(user, "view", "meeting", meeting.agency_ids() or [None])


def _require_change(user):
    if not permissions.can(user, "change", "meeting"):
        raise PermissionDenied("Chỉ cơ quan theo dõi được chuẩn bị cuộc họp chuyên đề.")


@transaction.atomic
def plan_meeting(user, *, title, planned_on, components=(), invited=(), agenda="", task=None, chair=""):
    _require_change(user)
    if not title.strip():
        raise ValidationError("Vui lòng ghi chủ đề cuộc họp.")
    meeting = ThematicMeeting.objects.create(
        title=title.strip(),
        planned_on=planned_on,
        components=list(components),
        agenda=agenda.strip(),
        task=task,
        chair=chair.strip(),
        created_by=user if user.pk else None,
    )
    meeting.invited.set(invited)
    return meeting


@transaction.atomic
def record_meeting(meeting, user, *, held_on, attendees, conclusions, chair=""):
    _require_change(user)
    if held_on > life.today():
        raise ValidationError("Ngày họp không được sau hôm nay.")
    if not conclusions.strip():
        raise ValidationError("Vui lòng ghi kết luận của cuộc họp.")
    meeting.held_on, meeting.status = held_on, ThematicMeeting.HELD
    meeting.attendees, meeting.conclusions = attendees.strip(), conclusions.strip()
    if chair.strip():
        meeting.chair = chair.strip()
    meeting.save()
    return meeting


def _ubnd_of(agency):
    """The provincial People's Committee above an agency (the issuer of a chairman's conclusion)."""
    while agency is not None:
        if agency.kind == "ubnd_tinh":
            return agency
        agency = agency.parent
    return None


def notice_text(meeting):
    """The conclusion notice as the reader expects a notice: heading, title, opening, numbered points."""
    issuer = _ubnd_of(getattr(meeting.created_by, "agency", None)) or next(
        (found for a in meeting.invited.all() if (found := _ubnd_of(a))), None
    )
    day = meeting.held_on
    lines = [line.strip().lstrip("-–•").strip() for line in meeting.conclusions.splitlines() if line.strip()]
    points = "\n\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))
    chair = meeting.chair or "Chủ tịch UBND tỉnh"
    return (
        f"{(issuer.name if issuer else 'ỦY BAN NHÂN DÂN').upper()}\n\n"
        "THÔNG BÁO\n"
        f"Kết luận tại cuộc họp chuyên đề về {meeting.title}\n\n"
        f"Ngày {day:%d} tháng {day:%m} năm {day:%Y}, {chair} chủ trì cuộc họp chuyên đề về {meeting.title}. "
        f"Sau khi nghe báo cáo và ý kiến của các cơ quan, đơn vị, {chair} kết luận và chỉ đạo như sau:\n\n"
        f"{points}\n"
    )


@transaction.atomic
def draft_conclusion(meeting, user):
    """A notice draft in the directives intake, reviewed and published there like any notice."""
    _require_change(user)
    if meeting.status != ThematicMeeting.HELD:
        raise ValidationError("Ghi kết luận của cuộc họp trước khi lập dự thảo thông báo.")
    if meeting.draft_id:
        return meeting.draft
    text = notice_text(meeting)
    draft, existing, _reason = intake.create_draft(
        text.encode("utf-8"),
        f"thong-bao-ket-luan-hop-chuyen-de-{meeting.pk}.txt",
        user,
        notice_date=meeting.held_on,
    )
    if draft is None:
        raise ValidationError(f"Thông báo kết luận này đã có: {existing}.")
    meeting.draft = draft
    meeting.save(update_fields=["draft"])
    return draft


def held_vs_planned(year):
    meetings = ThematicMeeting.objects.filter(planned_on__year=year).exclude(status=ThematicMeeting.CANCELLED)
    return {"planned": meetings.count(), "held": meetings.filter(status=ThematicMeeting.HELD).count()}
