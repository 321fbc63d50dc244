from chiso.directives import demo


def test_the_demo_reads_the_copy_shipped_with_the_package():
    assert demo.SEED_PATH.exists()
    assert demo.SEED_PATH.parent.name == "data" and demo.SEED_PATH.parent.parent.name == "directives"


def test_the_shipped_copy_reads_into_the_seed_tasks():
    from chiso.notices import parse_notice
    from chiso.registry.demo_province import demo_gazetteer

    parsed = parse_notice(
        demo.SEED_PATH.read_text(encoding="utf-8"),
        notice_date=demo.DIRECTIVE_DATE,
        gazetteer=demo_gazetteer(),
    )
    assert len(parsed["tasks"]) == 23 and parsed["tasks"][-1]["ref"] == "closing"
