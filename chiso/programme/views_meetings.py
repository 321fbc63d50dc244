"""Pages of thematic meetings (seed II.2.5, II.2.6)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from chiso.directives.services import life
from chiso.registry import permissions

from .forms import MeetingForm, MeetingRecordForm
from .models import ThematicMeeting
from .services import meetings


def _visible(user):
    found = permissions.scope(user, "view", "meeting")
    if found is None:
        raise PermissionDenied("Bạn không có quyền xem các cuộc họp chuyên đề.")
    qs = ThematicMeeting.objects.all()
    if found != permissions.ALL:
        qs = qs.filter(invited__in=permissions.own_agency_ids(user)).distinct()
    return qs


@login_required
def meeting_list(request):
    qs = _visible(request.user)
    can_change = permissions.can(request.user, "change", "meeting")
    today = life.today()
    province = meetings.province_for(request.user)
    slow = meetings.stagnant(province, today.year - 1) if province and can_change else []
    form, status = MeetingForm(stagnant=slow), 200
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        form = MeetingForm(request.POST, stagnant=slow)
        if form.is_valid():
            try:
                meeting = meetings.plan_meeting(request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Đã lên kế hoạch cuộc họp chuyên đề.")
                return redirect("programme:meeting", meeting.pk)
        status = 400
    return render(
        request,
        "programme/meeting_list.html",
        {
            "meetings": qs,
            "slow": slow,
            "rule": meetings.SLOW_RULE.format(years=3),
            "counts": meetings.held_vs_planned(today.year),
            "year": today.year,
            "form": form,
            "can_change": can_change,
        },
        status=status,
    )


@login_required
def meeting_detail(request, pk):
    meeting = get_object_or_404(_visible(request.user), pk=pk)
    can_change = permissions.can(request.user, "change", "meeting")
    form = MeetingRecordForm(
        initial={
            "held_on": meeting.held_on or meeting.planned_on,
            "chair": meeting.chair,
            "attendees": meeting.attendees,
            "conclusions": meeting.conclusions,
        }
    )
    status = 200
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        try:
            if request.POST.get("step") == "draft":
                draft = meetings.draft_conclusion(meeting, request.user)
                messages.success(
                    request, "Đã lập dự thảo thông báo kết luận; rà soát các nhiệm vụ rồi ban hành."
                )
                return redirect("directives:intake_review", draft.pk)
            form = MeetingRecordForm(request.POST)
            if form.is_valid():
                meetings.record_meeting(meeting, request.user, **form.cleaned_data)
                messages.success(request, "Đã ghi kết quả cuộc họp.")
                return redirect("programme:meeting", meeting.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
        status = 400
    return render(
        request,
        "programme/meeting.html",
        {"meeting": meeting, "form": form, "can_change": can_change},
        status=status,
    )
