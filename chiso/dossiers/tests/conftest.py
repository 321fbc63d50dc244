import csv

import pytest

from chiso.dossiers.services.columns import GENERATOR_HEADER


@pytest.fixture
def write_csv(tmp_path):
    def write(rows, name="xuat.csv", header=GENERATOR_HEADER, encoding="utf-8"):
        path = tmp_path / name
        with open(path, "w", encoding=encoding, newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(rows)
        return path

    return write


@pytest.fixture
def catalogue(demo_registry):
    from chiso.dossiers.services.generator import ensure_catalogue

    ensure_catalogue()


def row(
    code,
    received,
    due,
    completed="",
    apology="",
    new_due="",
    agency="Sở Tư pháp",
    procedure="1.000105",
    channel="Trực tiếp",
    paid="Không",
):
    """A row as the one-stop export writes it; procedure 1.000105 is Sở Tư pháp's lý lịch tư pháp (fee 200.000 đ)."""
    return [
        code,
        procedure,
        "Cấp lý lịch tư pháp cho công dân Việt Nam",
        agency,
        channel,
        received,
        due,
        completed,
        paid,
        apology,
        new_due,
    ]
