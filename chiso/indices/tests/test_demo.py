import hashlib
from pathlib import Path

import pytest

from chiso.indices import demo
from chiso.indices.models import Responsibility, Result

SHA = "841e3c4cccec84930197a30cd8376ca555e516b558d58bb6a37b463666b9ec5c"


def test_vendored_copy_is_the_published_file():
    vendored = Path(demo.__file__).parent / "data" / demo.PAPI_FILE
    assert hashlib.sha256(vendored.read_bytes()).hexdigest() == SHA
    assert hashlib.sha256(demo.papi_path().read_bytes()).hexdigest() == SHA


@pytest.mark.django_db
def test_demo_is_idempotent(demo_registry):
    demo.load()
    count = Result.objects.count()
    demo.load()
    assert Result.objects.count() == count == 6963 + 12  # PAPI + the provisional PCI rows (11 + 1)
    assert Responsibility.objects.filter(index__code="PAPI").count() == 8
    bt = Result.objects.get(index__code="PAPI", province__code="binh-thuan", year=2021, component_code="")
    assert bt.province.agency.code == "bt-ubnd" and bt.province.successor.agency.code == "ld-ubnd"


@pytest.mark.django_db
def test_demo_pci_is_provisional_and_not_re_ranked(demo_registry):
    from chiso.indices.services.analysis import analyse

    demo.load()
    r = analyse("PCI", 2021, "Bình Thuận")
    assert r["score"] == 65.96 and r["rank"] == 21 and r["tier"] == "Khá" and r["computed_rank"] is None
    assert any("Chỉ có số liệu của 2 tỉnh" in w for w in r["warnings"])
    assert not Result.objects.get(index__code="PCI", province__code="binh-thuan", component_code="").official
