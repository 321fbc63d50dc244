import datetime
import io
from pathlib import Path

import pytest

from chiso.registry.permissions import HEAD, LEADER, MONITOR, OFFICER

DATA = Path(__file__).parent / "data"


@pytest.fixture
def people(demo_registry, user_factory):
    return {
        "officer": user_factory(OFFICER, agency="bt-stttt"),
        "head": user_factory(HEAD, agency="bt-stttt"),
        "monitor": user_factory(MONITOR, agency="bt-snv"),
        "leader": user_factory(LEADER, agency="bt-ubnd"),
        "other": user_factory(OFFICER, agency="bt-phanthiet"),
    }


@pytest.fixture
def asking_task(people):
    """Seed I.1 in small: one group task asking three agencies for a plan before 31/8/2022."""
    from chiso.directives.models import Directive, ReminderSchedule, Task
    from chiso.directives.services import life
    from chiso.registry.models import Agency

    ReminderSchedule.objects.create(
        days_before=[7, 3, 1], as_of=datetime.date(2022, 10, 14), head_approval=False
    )
    directive = Directive.objects.create(
        title="Kết luận thử nghiệm",
        number="5/TB-UBND",
        status=Directive.PUBLISHED,
        issued_on=datetime.date(2022, 7, 29),
    )
    task = Task.objects.create(
        directive=directive,
        ref="I.1",
        text="Xây dựng kế hoạch khắc phục gửi UBND tỉnh (thông qua Sở Nội vụ)",
        deadline_text="trước ngày 31/8/2022",
        due_date=datetime.date(2022, 8, 31),
        due_strict=True,
    )
    life.fan_out(
        task, list(Agency.objects.filter(code__in=["bt-stttt", "bt-snv", "bt-phanthiet"]).order_by("code"))
    )
    return task


@pytest.fixture
def plan_request(asking_task, people):
    from chiso.indices.services import definitions
    from chiso.programme.services import plans

    definitions.load()  # the index components an item may be tagged with
    return plans.request_plans(asking_task, people["monitor"], 2021)


def docx_upload(text, name="ke-hoach.docx"):
    """A DOCX made from plain text, one paragraph a line, as an uploaded file."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from docx import Document

    doc = Document()
    for line in text.splitlines():
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/octet-stream")


@pytest.fixture
def plan_text():
    return (DATA / "ke-hoach-khac-phuc-so-tttt.txt").read_text(encoding="utf-8")
