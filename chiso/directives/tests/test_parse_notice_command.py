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
