"""Inspection teams (seed II.1.3, II.2.4): a team plans visits to agencies, each visit starts from the
agency's own figures chiso holds, records a checklist and findings with evidence; the team issues its
findings as a conclusion whose tasks (one per finding, for the inspected agency) are followed like any
other task. Minutes of a visit as DOCX (NĐ 30/2020 layout, chiso.core.docx_layout).

Who may do what (permissions kind "inspection"): monitors and officers/heads of the team's lead agency
change a team and its visits; the inspected agency reads its own visit; member agencies read the team.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from chiso.directives.models import Directive, Task
from chiso.directives.services import life, notify
from chiso.registry import permissions
from chiso.registry.models import Agency

from ..models import Finding, InspectionTeam, InspectionVisit
from . import uploads

DEFAULT_CHECKLIST = [
    "Danh mục dịch vụ công trực tuyến toàn trình, một phần được công khai, cấu hình đúng trên Cổng",
    "Hồ sơ nộp trực tuyến được tiếp nhận, xử lý trên Hệ thống, không yêu cầu nộp thêm bản giấy",
    "Kết quả giải quyết hồ sơ giấy được cập nhật, đồng bộ kịp thời trên Hệ thống",
    "Hồ sơ trễ hạn có văn bản xin lỗi, hẹn lại đúng quy định",
    "Hạ tầng, thiết bị, tài khoản hỗ trợ người dân nộp hồ sơ, thanh toán trực tuyến",
]
RESULTS = [("", "—"), ("dat", "Đạt"), ("chua-dat", "Chưa đạt"), ("khong-ap-dung", "Không áp dụng")]


def may_change_team(user, team):
    return permissions.can(user, "change", "inspection", [team.lead_agency_id])


def may_view_team(user, team):
    return permissions.can(user, "view", "inspection", team.agency_ids())


def may_view_visit(user, visit):
    return permissions.can(user, "view", "inspection", [visit.agency_id, *visit.team.agency_ids()])


def _require_change(user, team):
    if not may_change_team(user, team):
        raise PermissionDenied("Chỉ cơ quan theo dõi và cơ quan chủ trì tổ kiểm tra được cập nhật.")


def visible_teams(user):
    if permissions.scope(user, "view", "inspection") == permissions.ALL:
        return InspectionTeam.objects.all()
    own = permissions.own_agency_ids(user) if permissions.scope(user, "view", "inspection") else frozenset()
    from django.db.models import Q

    return InspectionTeam.objects.filter(
        Q(lead_agency__in=own) | Q(member_agencies__in=own) | Q(visits__agency__in=own)
    ).distinct()


@transaction.atomic
def create_team(
    user,
    *,
    name,
    lead_agency,
    scope,
    starts_on,
    ends_on,
    remediation_due,
    member_agencies=(),
    members="",
    task=None,
    checklist=None,
):
    if not permissions.can(user, "change", "inspection", [lead_agency.pk]):
        raise PermissionDenied("Chỉ cơ quan theo dõi hoặc cơ quan chủ trì được lập tổ kiểm tra.")
    if ends_on < starts_on:
        raise ValidationError("Ngày kết thúc kiểm tra phải sau ngày bắt đầu.")
    if remediation_due < ends_on:
        raise ValidationError("Thời hạn khắc phục phải sau đợt kiểm tra.")
    team = InspectionTeam.objects.create(
        name=name.strip(),
        lead_agency=lead_agency,
        scope=scope.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        remediation_due=remediation_due,
        members=members.strip(),
        task=task,
        checklist=[c.strip() for c in (checklist or DEFAULT_CHECKLIST) if c.strip()],
        created_by=user if user.pk else None,
    )
    team.member_agencies.set(member_agencies)
    return team


def _agency_and_units(agency):
    return [agency.pk, *Agency.objects.filter(parent=agency).values_list("pk", flat=True)]


def agency_figures(agency, on):
    """The agency's own one-stop figures chiso holds: the 12 months up to `on`, or, when those are
    empty, the latest 12 months with data (the period is written with the figures)."""
    from chiso.dossiers.models import STAT_FIELDS, StatDay
    from chiso.dossiers.services.figures import figures

    ids = _agency_and_units(agency)
    rows = StatDay.objects.filter(agency_id__in=ids)
    end = on
    if not rows.filter(day__lte=end, day__gt=end - timedelta(days=365)).exists():
        latest = rows.order_by("-day").values_list("day", flat=True).first()
        if latest is None:
            return {}
        end = latest
    start = end - timedelta(days=364)
    sums = rows.filter(day__gte=start, day__lte=end).aggregate(**{f: Sum(f) for f in STAT_FIELDS})
    c = figures({k: int(v or 0) for k, v in sums.items()})
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "current": end == on,
        "total": c["total"],
        "late": c["late"],
        "late_without_apology": c["late_without_apology"],
        "online_share": c["online_share"],
        "online_share_all": c["online_share_all"],
        "not_synced": c["total"] - c["synced"],
        "on_time_rate": c["on_time_rate"],
    }


FIGURE_LABELS = [
    ("total", "Hồ sơ trong kỳ", "n"),
    ("on_time_rate", "Tỷ lệ giải quyết đúng hạn", "%"),
    ("late", "Hồ sơ giải quyết trễ hạn", "n"),
    ("late_without_apology", "Hồ sơ trễ hạn chưa có văn bản xin lỗi", "n"),
    ("online_share", "Tỷ lệ hồ sơ trực tuyến (thủ tục có cung cấp DVC trực tuyến)", "%"),
    ("not_synced", "Hồ sơ có kết quả trên giấy chưa cập nhật trên Hệ thống", "n"),
]


def figure_rows(figures_):
    """[(label, text)] for pages and minutes, with a decimal comma."""
    rows = []
    for key, label, kind in FIGURE_LABELS:
        value = figures_.get(key)
        if value is None:
            text = "—"
        elif kind == "%":
            text = f"{100 * value:.1f}%".replace(".", ",")
        else:
            text = f"{value:,}".replace(",", ".")
        rows.append((label, text))
    return rows


@transaction.atomic
def plan_visit(team, agency, scheduled_on, user):
    _require_change(user, team)
    if not team.starts_on <= scheduled_on <= team.ends_on:
        raise ValidationError(
            f"Ngày kiểm tra phải trong đợt {team.starts_on:%d/%m/%Y} – {team.ends_on:%d/%m/%Y}."
        )
    if team.visits.filter(agency=agency).exists():
        raise ValidationError(f"{agency.name} đã có trong lịch kiểm tra của tổ.")
    return InspectionVisit.objects.create(
        team=team,
        agency=agency,
        scheduled_on=scheduled_on,
        checklist=[{"item": item, "result": "", "note": ""} for item in team.checklist],
        figures=agency_figures(agency, scheduled_on),
    )


def refresh_figures(visit, user):
    _require_change(user, visit.team)
    visit.figures = agency_figures(visit.agency, visit.held_on or visit.scheduled_on)
    visit.save(update_fields=["figures"])
    return visit


@transaction.atomic
def record_visit(visit, user, *, held_on, results, note="", place=""):
    """results: [(result, note)] in checklist order."""
    _require_change(user, visit.team)
    if held_on > life.today():
        raise ValidationError("Ngày kiểm tra không được sau hôm nay.")
    valid = dict(RESULTS)
    checklist = []
    for row, (result, row_note) in zip(visit.checklist, results):
        if result not in valid:
            raise ValidationError(f"Kết quả không hợp lệ ở mục “{row['item']}”.")
        checklist.append({"item": row["item"], "result": result, "note": (row_note or "").strip()})
    visit.checklist = checklist
    visit.held_on, visit.status, visit.note, visit.place = (
        held_on,
        InspectionVisit.HELD,
        note.strip(),
        place.strip(),
    )
    visit.save()
    return visit


@transaction.atomic
def add_finding(visit, user, *, text, recommendation="", due_date=None, evidence=None):
    _require_change(user, visit.team)
    if not text.strip():
        raise ValidationError("Vui lòng ghi nội dung tồn tại, hạn chế.")
    finding = Finding(
        visit=visit,
        text=text.strip(),
        recommendation=recommendation.strip(),
        due_date=due_date or visit.team.remediation_due,
    )
    if evidence is not None:
        data, _type, _sha = uploads.check(evidence, allowed=("pdf", "docx", "txt"))
        finding.evidence_name = evidence.name[:255]
        finding.evidence.save(evidence.name, ContentFile(data), save=False)
    finding.save()
    return finding


def _conclusion(team, user):
    """The team's conclusion as a published directive: its tasks are followed like any other."""
    if team.conclusion_id:
        return team.conclusion
    directive = Directive.objects.create(
        kind="KẾT LUẬN KIỂM TRA",
        issuer=team.lead_agency,
        issuer_text=team.lead_agency.name,
        issued_on=life.today(),
        title=f"Kết luận của {team.name}",
        status=Directive.PUBLISHED,
        published_at=timezone.now(),
        published_by=user if user.pk else None,
    )
    team.conclusion = directive
    team.save(update_fields=["conclusion"])
    return directive


@transaction.atomic
def issue_findings(visit, user):
    """Each finding not yet issued becomes a task for the inspected agency (idempotent)."""
    _require_change(user, visit.team)
    if visit.status != InspectionVisit.HELD:
        raise ValidationError("Ghi nhận kết quả kiểm tra trước khi ban hành các yêu cầu khắc phục.")
    pending = list(visit.findings.filter(task__isnull=True))
    if not pending:
        raise ValidationError("Không có phát hiện nào chưa giao khắc phục.")
    directive = _conclusion(visit.team, user)
    start = directive.tasks.count()
    created = []
    for i, finding in enumerate(pending, start + 1):
        text = f"Khắc phục: {finding.text}"
        if finding.recommendation:
            text += f" Yêu cầu: {finding.recommendation}"
        task = Task.objects.create(
            directive=directive,
            ref=str(i),
            position=i,
            text=text,
            source_text=finding.text,
            lead=visit.agency,
            lead_text=visit.agency.name,
            report_to=visit.team.lead_agency,
            deadline_kind="date",
            deadline_text=f"trước ngày {finding.due_date:%d/%m/%Y}",
            due_date=finding.due_date,
            due_strict=True,
        )
        finding.task = task
        finding.save(update_fields=["task"])
        created.append(task)
    notify.assigned(created, actor=user)
    return created


def held_vs_planned(team):
    visits = list(team.visits.all())
    return {
        "planned": len(visits),
        "held": sum(v.status == InspectionVisit.HELD for v in visits),
        "findings": Finding.objects.filter(visit__team=team).count(),
        "closed": Finding.objects.filter(visit__team=team, task__state=Task.DONE).count(),
    }
