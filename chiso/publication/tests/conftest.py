import datetime

import pytest

from chiso.registry.permissions import ADMIN, HEAD, LEADER, MONITOR, OFFICER

SECRETS = [
    "BÁO-CÁO-NỘI-BỘ-7731",
    "minh-chung-noi-bo-7731.pdf",
    "Ý-KIẾN-XEM-XÉT-7731",
    "LÝ-DO-GIA-HẠN-7731",
    "GHI-CHÚ-LỊCH-SỬ-7731",
    "Trần Bí Mật",
    "VĂN-BẢN-CHƯA-CÔNG-KHAI-7731",
    "GÓP-Ý-RIÊNG-CỦA-NGƯỜI-DÂN-7731",
    "dan.bimat@example.vn",
    "Lê Chủ Trì",
    "Nguyễn Người Ký",
]


@pytest.fixture
def people(demo_registry, user_factory):
    return {
        "admin": user_factory(ADMIN, agency="bt-vp-ubnd"),
        "monitor": user_factory(MONITOR, agency="bt-snv"),
        "leader": user_factory(LEADER, agency="bt-ubnd"),
        "head": user_factory(HEAD, agency="bt-phanthiet"),
        "officer": user_factory(OFFICER, agency="bt-phanthiet"),
    }


@pytest.fixture
def world(people):
    """A published directive whose follow-up is full of internal matter, an unpublished one, a closed survey."""
    from django.core.files.base import ContentFile

    from chiso.directives.models import Directive, Evidence, Extension, ProgressReport, Task, TaskEvent
    from chiso.registry.models import Agency
    from chiso.surveys.models import Response, Wave
    from chiso.surveys.services import builtin

    phanthiet = Agency.objects.get(code="bt-phanthiet")
    stttt = Agency.objects.get(code="bt-stttt")
    author = people["officer"]
    author.full_name = "Trần Bí Mật"
    author.email = "dan.bimat@example.vn"
    author.save()
    directive = Directive.objects.create(
        title="Kết luận về cải thiện chỉ số CCHC",
        number="12/TB-UBND",
        status=Directive.PUBLISHED,
        issued_on=datetime.date(2022, 7, 29),
        chaired_by="Lê Chủ Trì",
        signed_by="Nguyễn Người Ký",
        source_text="Toàn văn có tên Lê Chủ Trì và Nguyễn Người Ký",
    )
    done = Task.objects.create(
        directive=directive,
        ref="1",
        text='=HYPERLINK("http://x") Xây dựng kế hoạch khắc phục',
        lead=phanthiet,
        lead_text=phanthiet.name,
        due_date=datetime.date(2022, 8, 31),
        due_strict=True,
        state=Task.DONE,
        completed_on=datetime.date(2022, 8, 20),
    )
    late = Task.objects.create(
        directive=directive,
        ref="2",
        text="Kiểm tra dịch vụ công trực tuyến",
        lead=stttt,
        lead_text=stttt.name,
        due_date=datetime.date(2022, 9, 30),
        state=Task.RETURNED,
    )
    report = ProgressReport.objects.create(
        task=done,
        author=author,
        reported_on=datetime.date(2022, 8, 20),
        text="BÁO-CÁO-NỘI-BỘ-7731",
        final=True,
        status=ProgressReport.ACCEPTED,
        review_comment="Ý-KIẾN-XEM-XÉT-7731",
    )
    evidence = Evidence(
        report=report,
        filename="minh-chung-noi-bo-7731.pdf",
        size=4,
        content_type="application/pdf",
        sha256="x",
    )
    evidence.file.save("e.pdf", ContentFile(b"%PDF"), save=True)
    Extension.objects.create(
        task=late,
        requested_by=author,
        requested_on=datetime.date(2022, 9, 1),
        reason="LÝ-DO-GIA-HẠN-7731",
        new_due=datetime.date(2022, 10, 30),
    )
    TaskEvent.objects.create(
        task=late,
        on=datetime.date(2022, 9, 2),
        actor=author,
        actor_label="Trần Bí Mật",
        action="return",
        note="GHI-CHÚ-LỊCH-SỬ-7731",
    )
    hidden = Directive.objects.create(
        title="VĂN-BẢN-CHƯA-CÔNG-KHAI-7731", number="99/TB-UBND", status=Directive.PUBLISHED
    )
    Task.objects.create(directive=hidden, ref="1", text="VĂN-BẢN-CHƯA-CÔNG-KHAI-7731", lead=phanthiet)
    wave = Wave.objects.create(
        questionnaire=builtin.install("sipas"),
        name="Khảo sát SIPAS thử",
        year=2022,
        start=datetime.date(2022, 1, 1),
        end=datetime.date(2022, 12, 31),
        target_group="Người dân",
        status=Wave.CLOSED,
        min_cell=3,
    )
    answers = {
        "hai_long_chung": 5,
        "gop_y": "GÓP-Ý-RIÊNG-CỦA-NGƯỜI-DÂN-7731",
        "email": "dan.bimat@example.vn",
    }
    for _ in range(3):
        Response.objects.create(
            wave=wave, agency=phanthiet, channel="paper", submitted_on=wave.end, answers=answers
        )
    Response.objects.create(wave=wave, agency=stttt, channel="paper", submitted_on=wave.end, answers=answers)
    return {"directive": directive, "hidden": hidden, "wave": wave, "done": done, "late": late}
