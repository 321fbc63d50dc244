import json
from io import StringIO

import pytest
from django.core.management import call_command

from chiso.directives.demo import SEED_PATH as SEED


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("parse-notice", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_without_agencies_uses_demo_province():
    out, _ = run(str(SEED), "--json")
    data = json.loads(out)
    snv = next(t for t in data["tasks"] if t["ref"] == "II.2.1")
    assert snv["lead_agency_ids"]  # resolved against the demo gazetteer although the table is empty
    assert data["warnings"] == []


@pytest.mark.django_db
def test_with_registry_resolves_to_database_agencies(demo_registry):
    from chiso.registry.models import Agency

    out, _ = run(str(SEED), "--json")
    data = json.loads(out)
    snv = next(t for t in data["tasks"] if t["ref"] == "II.2.1")
    assert Agency.objects.get(pk=snv["lead_agency_ids"][0]).code == "bt-snv"


@pytest.mark.django_db
def test_unreadable_file_exits_nonzero_with_vietnamese_message(tmp_path):
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    with pytest.raises(SystemExit) as exc:
        run(str(bad))
    assert exc.value.code == 1


@pytest.mark.django_db
def test_names_as_written_and_their_registry_resolution(demo_registry, tmp_path):
    """The names stay as written; the lookup's result is reported beside them (resolved, ambiguous
    with candidates, or outside the registry)."""
    notice = tmp_path / "tb.txt"
    notice.write_text(
        "THÔNG BÁO\n\nKết luận\n\n1. Sở Nội vụ chủ trì, phối hợp với Sở Ngoại giao Hòa Bình rà soát thủ tục, "
        "hoàn thành trước ngày 30/9/2022.\n",
        encoding="utf-8",
    )
    out, _ = run(str(notice), "--json", "--date", "2022-08-05")
    data = json.loads(out)
    task = data["tasks"][0]
    assert task["lead"] == "Sở Nội vụ" and task["coordinators"] == ["Sở Ngoại giao Hòa Bình"]
    lead, coord = task["resolution"]["lead"], task["resolution"]["coordinators"][0]
    assert lead["status"] == "resolved" and lead["agencies"][0]["code"] == "bt-snv"
    assert coord["status"] == "outside" and coord["agencies"] == []
    assert any("Sở Ngoại giao Hòa Bình" in w and "chưa có trong danh mục" in w for w in data["warnings"])
    # The contract keeps its fields and adds span and confidence.
    assert {"ref", "text", "lead", "coordinators", "deadline", "source", "span", "confidence"} <= set(task)
    assert task["span"]["line"] == 5 and 0 < task["confidence"] <= 1
