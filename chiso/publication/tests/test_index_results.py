"""Published index results: only the chosen province and years."""

import json

import pytest

from chiso.publication.models import Publication
from chiso.publication.services import choose, public_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def papi(db):
    from chiso.indices.demo import papi_path
    from chiso.indices.services import definitions
    from chiso.indices.services.importer import import_results

    definitions.load()
    path = papi_path()
    import_results(path.read_bytes(), path.name, "PAPI")


def test_only_the_chosen_province_and_years_are_shown(papi, people, client):
    from chiso.indices.models import Index, Province

    province = Province.objects.get(code="binh-thuan")
    pub = choose.publish(
        people["admin"],
        kind=Publication.INDEX,
        index=Index.objects.get(code="PAPI"),
        province=province,
        year_from=2019,
        year_to=2021,
    )
    data = public_data.data(pub)
    assert [y["year"] for y in data["years"]] == [2019, 2020, 2021]
    assert data["province"] == "Bình Thuận"
    assert all(y["score"] and y["rank"] and y["ranked"] >= 60 for y in data["years"])
    body = client.get(f"/cong-khai/{pub.pk}/").content.decode()
    assert "Bình Thuận" in body and "2018" not in body.split("<table")[1]
    assert 'data-chart="trend"' in body
    other = json.loads(client.get(f"/cong-khai/{pub.pk}/du-lieu.json").content)
    assert "Ninh Thuận" not in json.dumps(other, ensure_ascii=False)
