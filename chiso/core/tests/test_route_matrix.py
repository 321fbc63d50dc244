"""Every route × every role × own/other agency object answers as declared in route_matrix.EXPECTED.

The routes come from the URL configuration itself, so a new view without a declared expectation
fails here, and a view that forgets its permission check shows up as a wrong cell.
"""

import os
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .route_matrix import EXPECTED, OTHER_AGENCY, OWN_AGENCY, ROLES

pytestmark = pytest.mark.django_db


def routes():
    """{qualified url name: pattern} for every route outside Django's admin (covered by prefix)."""

    def walk(patterns, prefix="", ns=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
                yield from walk(p.url_patterns, prefix + str(p.pattern), inner)
            elif isinstance(p, URLPattern):
                yield (f"{ns}:{p.name}" if ns else p.name), prefix + str(p.pattern)

    found = {}
    for name, pattern in walk(get_resolver().url_patterns):
        if pattern.startswith("quan-tri/"):
            continue
        found[name] = pattern
    return found


def test_every_route_has_a_declared_expectation():
    missing = sorted(set(routes()) - set(EXPECTED))
    assert not missing, "routes without a row in core/tests/route_matrix.py EXPECTED: " + ", ".join(missing)
    stale = sorted(set(EXPECTED) - set(routes()))
    assert not stale, "rows for routes that no longer exist: " + ", ".join(stale)
    for name, (_method, _obj, own, other) in EXPECTED.items():
        assert len(own) == len(ROLES) and (other is None or len(other) == len(ROLES)), name


def _objects():
    """(own kwargs, other kwargs) per object name, for the URL arguments."""
    from chiso.directives.models import Directive, Evidence, Extension, NoticeDraft, ProgressReport, Task
    from chiso.dossiers.models import Dossier, ImportRun, Procedure
    from chiso.indices.models import Index, Methodology, TaskComponent
    from chiso.publication.models import Publication
    from chiso.registry.models import Agency, User
    from chiso.surveys.models import Wave
    from chiso.surveys.services import builtin

    own, other = Agency.objects.get(code=OWN_AGENCY), Agency.objects.get(code=OTHER_AGENCY)
    somebody = User.objects.create_user("nguoi-khac", password="x-x-x-x-x-x-1")
    directive = Directive.objects.create(
        title="Kết luận thử", status=Directive.PUBLISHED, issued_on=date(2026, 1, 5)
    )
    tasks, reports, extensions, evidence, tags, waves, dossiers, audits = {}, {}, {}, {}, {}, {}, {}, {}
    index = Index.objects.create(code="THU", name="Chỉ số thử")
    Methodology.objects.create(index=index, code="THU-1", name="Phương pháp thử", year_from=2020)
    questionnaire = builtin.install("sipas")
    procedure = Procedure.objects.create(code="1.000001", name="Thủ tục thử", days=5)
    for side, agency in (("own", own), ("other", other)):
        task = Task.objects.create(
            directive=directive, text=f"Nhiệm vụ {side}", lead=agency, due_date=date(2026, 6, 30)
        )
        tasks[side] = {"pk": task.pk}
        report = ProgressReport.objects.create(
            task=task, author=somebody, reported_on=date(2026, 2, 1), text="Đã làm"
        )
        reports[side] = {"pk": task.pk, "report_pk": report.pk}
        ext = Extension.objects.create(
            task=task,
            new_due=date(2026, 9, 30),
            reason="Cần thêm thời gian",
            requested_by=somebody,
            requested_on=date(2026, 2, 2),
        )
        extensions[side] = {"pk": task.pk, "ext_pk": ext.pk}
        ev = Evidence(
            report=report, filename="minh-chung.pdf", size=8, content_type="application/pdf", sha256="0" * 64
        )
        ev.file.save("minh-chung.pdf", ContentFile(b"%PDF-1.4"), save=True)
        evidence[side] = {"pk": ev.pk}
        tags[side] = {"pk": TaskComponent.objects.create(task=task, index=index, component_code="1").pk}
        wave = Wave.objects.create(
            questionnaire=questionnaire,
            name=f"Đợt {side}",
            year=2026,
            start=date(2026, 1, 1),
            end=date(2026, 12, 31),
            target_group="Người dân",
            status=Wave.OPEN,
            public_enabled=True,
        )
        wave.agencies.set([agency])
        waves[side] = {"pk": wave.pk}
        dossier = Dossier.objects.create(
            code=f"HS-{side}",
            procedure=procedure,
            agency=agency,
            received=date(2026, 1, 5),
            due=date(2026, 1, 12),
            stat_day=date(2026, 1, 12),
            stat_month=202601,
        )
        dossiers[side] = {"code": dossier.code}
        audits[side] = {
            "content_type_id": ContentType.objects.get_for_model(Agency).pk,
            "object_id": str(agency.pk),
        }
    draft = NoticeDraft(uploaded_by=somebody, filename="tb.txt", sha256="1" * 64, parsed={})
    draft.file.save("tb.txt", ContentFile(b"THONG BAO"), save=True)
    run = ImportRun.objects.create(file_name="x.csv", user=somebody)
    publication = Publication.objects.create(kind="directive", directive=directive)
    prog = _programme(own, other, somebody)
    single = lambda kwargs: (kwargs, kwargs)  # noqa: E731
    return {
        "none": single({}),
        "agency": ({"pk": own.pk}, {"pk": other.pk}),
        "audit": (audits["own"], audits["other"]),
        "job": single({"pk": 987654}),
        "directive": single({"pk": directive.pk}),
        "task": (tasks["own"], tasks["other"]),
        "task_action": ({**tasks["own"], "action": "start"}, {**tasks["other"], "action": "start"}),
        "report": (reports["own"], reports["other"]),
        "extension": (extensions["own"], extensions["other"]),
        "evidence": (evidence["own"], evidence["other"]),
        "draft": single({"pk": draft.pk}),
        "tag": (tags["own"], tags["other"]),
        "index": single({"code": index.code}),
        "dossier": (dossiers["own"], dossiers["other"]),
        "import": single({"pk": run.pk}),
        "questionnaire": single({"pk": questionnaire.pk}),
        "wave": (waves["own"], waves["other"]),
        "wave_csv": ({**waves["own"], "fmt": "csv"}, {**waves["other"], "fmt": "csv"}),
        "token": single({"token": "khong-co-ma-nay"}),
        "slug": ({"slug": Wave.objects.get(pk=waves["own"]["pk"]).public_slug},) * 2,
        "publication": single({"pk": publication.pk}),
        "publication_csv": single({"pk": publication.pk, "table": "khong-co"}),
        "api_agency": ({"agency_id": own.pk}, {"agency_id": other.pk}),
        "api_directive": single({"directive_id": directive.pk}),
        "api_task": ({"task_id": tasks["own"]["pk"]}, {"task_id": tasks["other"]["pk"]}),
        "api_extension": (
            {"task_id": tasks["own"]["pk"], "extension_id": extensions["own"]["ext_pk"]},
            {"task_id": tasks["other"]["pk"], "extension_id": extensions["other"]["ext_pk"]},
        ),
        "api_report": (
            {"report_id": reports["own"]["report_pk"]},
            {"report_id": reports["other"]["report_pk"]},
        ),
        "api_index": single({"code": index.code}),
        "api_methodology": single({"code": index.code, "mcode": "THU-1"}),
        "api_wave": ({"wave_id": waves["own"]["pk"]}, {"wave_id": waves["other"]["pk"]}),
        "api_publication": single({"pk": publication.pk}),
        "evaluation_file": (
            {"agency_pk": own.pk, "year": 2026, "ext": "docx"},
            {"agency_pk": other.pk, "year": 2026, "ext": "docx"},
        ),
        **prog,
    }


def _programme(own, other, somebody):
    """Real objects of the programme module (plans, inspections, monthly contact, meetings), one per
    agency side, made as the module's services make them (a group task fanned out to both agencies)."""
    from chiso.directives.models import Directive, Task
    from chiso.directives.services import life
    from chiso.programme.models import (
        ContactRequirement,
        ContactSession,
        Finding,
        InspectionTeam,
        InspectionVisit,
        PlanItem,
        PlanRequest,
        RemediationPlan,
        ThematicMeeting,
    )
    from chiso.registry.models import Agency

    directive = Directive.objects.create(
        title="Thông báo kết luận chương trình thử", status=Directive.PUBLISHED, issued_on=date(2026, 1, 6)
    )
    asking = Task.objects.create(directive=directive, ref="I.1", text="Xây dựng kế hoạch khắc phục")
    life.fan_out(asking, [own, other])
    req = PlanRequest.objects.create(task=asking, results_year=2025, created_by=somebody)
    monthly = Task.objects.create(
        directive=directive, ref="I.4", text="Tiếp xúc người dân, doanh nghiệp hằng tháng"
    )
    life.fan_out(monthly, [own, other])
    contact_req = ContactRequirement.objects.create(task=monthly, starts_on=date(2026, 1, 1))
    lead = Agency.objects.get(code="bt-snv")
    plans, items, teams, visits, findings, contacts, meetings = {}, {}, {}, {}, {}, {}, {}
    for side, agency in (("own", own), ("other", other)):
        plan = RemediationPlan(
            request=req,
            agency=agency,
            share=asking.children.get(lead=agency),
            text="1. Khắc phục",
            created_by=somebody,
        )
        plan.filename = "ke-hoach.docx"
        plan.file.save("ke-hoach.docx", ContentFile(b"PK\x03\x04"), save=True)
        item = PlanItem.objects.create(plan=plan, position=1, text="Khắc phục")
        plans[side] = {"pk": req.pk, "agency_pk": agency.pk}
        items[side] = {**plans[side], "item_pk": item.pk}
        team = InspectionTeam.objects.create(
            name=f"Tổ kiểm tra {side}",
            lead_agency=lead,
            scope="Kiểm tra dịch vụ công",
            starts_on=date(2026, 3, 1),
            ends_on=date(2026, 3, 31),
            remediation_due=date(2026, 6, 30),
            created_by=somebody,
        )
        visit = InspectionVisit.objects.create(team=team, agency=agency, scheduled_on=date(2026, 3, 10))
        finding = Finding(visit=visit, text="Còn hồ sơ trễ hạn", due_date=date(2026, 6, 30))
        finding.evidence_name = "minh-chung.pdf"
        finding.evidence.save("minh-chung.pdf", ContentFile(b"%PDF-1.4"), save=True)
        teams[side], visits[side], findings[side] = {"pk": team.pk}, {"pk": visit.pk}, {"pk": finding.pk}
        ContactSession.objects.create(
            requirement=contact_req,
            agency=agency,
            held_on=date(2026, 1, 20),
            chair="Giám đốc",
            instance=monthly.children.get(lead=agency),
            created_by=somebody,
        )
        contacts[side] = {"pk": contact_req.pk, "agency_pk": agency.pk}
        meeting = ThematicMeeting.objects.create(
            title=f"Họp chuyên đề {side}", planned_on=date(2026, 4, 1), created_by=somebody
        )
        meeting.invited.set([agency])
        meetings[side] = {"pk": meeting.pk}
    sides = lambda d: (d["own"], d["other"])  # noqa: E731
    return {
        "plan_request": ({"pk": req.pk}, {"pk": req.pk}),
        "plan": sides(plans),
        "plan_item": sides(items),
        "team": sides(teams),
        "visit": sides(visits),
        "finding": sides(findings),
        "contact_req": ({"pk": contact_req.pk}, {"pk": contact_req.pk}),
        "contact_agency": sides(contacts),
        "meeting": sides(meetings),
    }


def _code(response):
    status = response.status_code
    if status in (301, 302):
        location = response.get("Location", "")
        return "L" if "/dang-nhap/" in location or "/login/" in location else "3"
    return {200: "2", 401: "L", 403: "4", 404: "N", 405: "5", 400: "x", 422: "x"}.get(status, str(status)[0])


@pytest.fixture
def people(demo_registry, user_factory):
    return {
        "anon": None,
        "officer": user_factory("officer", agency=OWN_AGENCY),
        "head": user_factory("head", agency=OWN_AGENCY),
        "monitor": user_factory("monitor", agency="bt-snv"),
        "leader": user_factory("leader", agency="bt-ubnd"),
        "admin": user_factory("admin", agency="bt-vp-ubnd"),
    }


def test_every_route_answers_every_role_as_declared(people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    objects = _objects()
    found, wrong = {}, []
    for name in sorted(routes()):
        method, obj, own, other = EXPECTED[name]
        # Developers filling in rows: CHISO_MATRIX_ONLY=prefix,… tests those rows and the undeclared ones.
        only = tuple(p for p in os.environ.get("CHISO_MATRIX_ONLY", "").split(",") if p)
        if only and own and not name.startswith(only):
            continue
        sides = [("own", objects[obj][0], own)] + (
            [("other", objects[obj][1], other)] if other is not None else []
        )
        for side, kwargs, expected in sides:
            url = reverse(name, kwargs=kwargs or None)
            row = ""
            for role in ROLES:
                client = Client()
                if people[role] is not None:
                    client.force_login(people[role])
                with transaction.atomic():  # each request sees the same objects (a POST may delete one)
                    response = client.post(url, {}) if method == "POST" else client.get(url)
                    transaction.set_rollback(True)
                row += _code(response)
            found[(name, side)] = row
            if row != expected:
                wrong.append(f"{name} [{side}] {url}: declared {expected}, got {row}")
    if os.environ.get("CHISO_MATRIX_PRINT"):
        for (name, side), row in sorted(found.items()):
            print(f"MATRIX {name} {side} {row}")
    assert not wrong, "\n".join(wrong)


def test_every_admin_page_is_for_administrators_only(people):
    from django.contrib import admin

    from .route_matrix import ADMIN_EXPECTED

    urls = ["/quan-tri/"] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    administrator = people["admin"]
    administrator.is_staff = administrator.is_superuser = True  # as `chiso load-demo`/setup make them
    administrator.save()
    wrong = []
    for url in urls:
        row = ""
        for role in ROLES:
            client = Client()
            if people[role] is not None:
                client.force_login(people[role])
            row += _code(client.get(url))
        if row != ADMIN_EXPECTED:
            wrong.append(f"{url}: declared {ADMIN_EXPECTED}, got {row}")
    assert not wrong, "\n".join(wrong)
