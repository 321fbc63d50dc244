from pathlib import Path

from chiso.directives import demo

SHIPPED = Path(demo.__file__).parent / "data" / demo.SEED_NAME
SHARED = Path(demo.__file__).resolve().parents[3] / "shared" / "seed" / demo.SEED_NAME


def test_the_demo_ships_its_own_copy_of_the_seed_notice():
    assert SHIPPED.exists()
    if SHARED.exists():
        assert SHIPPED.read_bytes() == SHARED.read_bytes()
    assert demo._seed_path().read_bytes() == SHIPPED.read_bytes()


def test_the_shipped_copy_reads_into_the_seed_tasks():
    from chiso.notices import parse_notice
    from chiso.registry.demo_province import demo_gazetteer

    parsed = parse_notice(
        SHIPPED.read_text(encoding="utf-8"), notice_date=demo.DIRECTIVE_DATE, gazetteer=demo_gazetteer()
    )
    assert len(parsed["tasks"]) == 23 and parsed["tasks"][-1]["ref"] == "closing"
