"""The seed notice read exactly as the gold file says, scored the way the project's score_notice.py (tests/data) scores."""

import json
from datetime import date

import pytest

from chiso.notices import parse_notice, read_notice_file
from chiso.notices.cli import main as cli_main

from .devset import match as match_tasks
from .devset import score as score_tasks
from .makers import SEED


def score(gold_tasks, pred_tasks):
    """score_notice.main()'s figures and pairing (through devset.py, which loads the scorer itself)."""
    s = score_tasks(gold_tasks, pred_tasks)
    return {
        "f1": s.f1,
        "lead": s.lead,
        "coordinators": s.coordinators,
        "deadline": s.deadline,
        "match": match_tasks(gold_tasks, pred_tasks),
    }


@pytest.fixture(scope="module")
def reading(seed_text, demo_gaz):
    return parse_notice(seed_text, gazetteer=demo_gaz)


def test_tasks_match_gold(reading, gold):
    s = score(gold["tasks"], reading["tasks"])
    assert s["f1"] == 1.0
    assert (s["lead"], s["coordinators"], s["deadline"]) == (1.0, 1.0, 1.0)


def test_refs_deadlines_and_extras_exactly_as_gold(reading, gold):
    assert [t["ref"] for t in reading["tasks"]] == [t["ref"] for t in gold["tasks"]]
    for g, p in zip(gold["tasks"], reading["tasks"]):
        for key, value in g["deadline"].items():
            assert p["deadline"][key] == value, (g["ref"], key)
        assert p["report_to"] == g.get("report_to"), g["ref"]
        if "checklist" in g:
            assert len(p["checklist"]) == g["checklist"], g["ref"]
        assert "*" not in p["text"] and all("*" not in c for c in p["checklist"])


def test_document_fields(reading, gold):
    doc, want = reading["document"], gold["document"]
    assert doc["kind"] == want["kind"]
    assert doc["title"].startswith(want["title_starts"])
    assert doc["meeting_date"] == want["meeting_date"]
    assert doc["chaired_by"] == want["chaired_by"]
    assert doc["signed_by"] == want["signed_by"]
    assert doc["indices"] == want["indices"]
    assert set(doc["references"]) == set(want["references"])
    assert len(doc["footnotes"]) == want["footnotes"]
    assert len(doc["recipients"]) >= want["recipients_min"]
    details = {d["symbol"]: d for d in doc["reference_details"]}
    assert details["11-CT/TU"]["date"] == "2021-09-07" and details["11-CT/TU"]["kind"] == "Chỉ thị"
    assert details["1457/BC-SNV"]["date"] == "2022-07-06"
    assert details["4503/UBND-NCKSTTHC"]["date"] == "2020-11-18"


def test_targets(reading, gold):
    got = [{k: t[k] for k in ("indices", "year", "goal")} for t in reading["targets"]]
    assert got == gold["targets"]
    assert reading["targets"][0]["text"].startswith("Hai là")


def test_footnotes_attached_and_removed_from_text(reading):
    by_ref = {t["ref"]: t for t in reading["tasks"]}
    assert [f["mark"] for f in by_ref["II.1.3"]["footnotes"]] == ["1"]
    assert by_ref["II.4.3"]["footnotes"][0]["text"].startswith("Đề án phê duyệt tại Quyết định số 2376")
    assert "¹" not in " ".join(by_ref["II.1.3"]["checklist"]) and "²" not in by_ref["II.4.3"]["text"]


def test_page_break_paragraphs_rejoined(reading):
    by_ref = {t["ref"]: t for t in reading["tasks"]}
    assert "nắm bắt tình hình và tháo gỡ các khó khăn, vướng mắc" in by_ref["I.4"]["text"]
    assert "trong đó kế hoạch nêu cụ thể các nội dung hạn chế" in by_ref["II.2.2"]["text"]
    assert "kiểm tra việc tổ chức thực hiện" in by_ref["II.4.2"]["text"]


def test_agencies_resolved_through_demo_gazetteer(reading, demo_gaz):
    by_ref = {t["ref"]: t for t in reading["tasks"]}
    on = date(2022, 7, 27)  # no issue date in the seed: the meeting date places it in Bình Thuận, 2022
    snv = demo_gaz.find("Sở Nội vụ", on=on)[0].agency_ids
    assert by_ref["II.2.1"]["lead_agency_ids"] == snv
    assert len(by_ref["II.4.1"]["lead_agency_ids"]) == 10  # the ten districts of 2022
    assert (
        by_ref["closing"]["coordinator_agency_ids"]
        == demo_gaz.find("Văn phòng UBND tỉnh", on=on)[0].agency_ids
    )
    assert reading["warnings"] == []


def test_unknown_agency_is_kept_and_flagged(demo_gaz):
    text = "THÔNG BÁO\n\nKết luận\n\n1. Sở Ngoại vụ chủ trì rà soát các thủ tục, hoàn thành trước ngày 30/9/2022.\n"
    r = parse_notice(text, gazetteer=demo_gaz)
    assert r["tasks"][0]["lead"] == "Sở Ngoại vụ"
    assert r["tasks"][0]["lead_agency_ids"] == []
    assert any("Sở Ngoại vụ" in w for w in r["warnings"])


def test_cli_json_contract(tmp_path, capsys, gold):
    code = cli_main([str(SEED), "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"document", "targets", "tasks", "warnings"}
    for t in out["tasks"]:
        assert {
            "ref",
            "text",
            "lead",
            "coordinators",
            "lead_agency_ids",
            "coordinator_agency_ids",
            "checklist",
            "deadline",
        } <= set(t)
        assert set(t["deadline"]) == {"kind", "text", "due", "strict", "start", "every", "milestones"}
    assert score(gold["tasks"], out["tasks"])["f1"] == 1.0


def test_cli_table_and_errors(tmp_path, capsys):
    assert cli_main([str(SEED)]) == 0
    table = capsys.readouterr().out
    assert "II.2.2" in table and "trước 10/08/2022" in table
    bad = tmp_path / "x.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert cli_main([str(bad), "--json"]) == 1
    assert ".docx" in capsys.readouterr().err
    assert cli_main([str(tmp_path / "missing.txt")]) == 1
    assert cli_main([str(SEED), "--date", "05/08/2022"]) == 2


def test_same_tasks_from_docx_and_pdf(tmp_path, seed_text, reading):
    from .makers import make_docx, make_pdf

    txt_tasks = [
        (
            t["ref"],
            t["lead"],
            t["coordinators"],
            t["deadline"],
            len(t["checklist"]),
            t["report_to"],
            [f["mark"] for f in t["footnotes"]],
        )
        for t in reading["tasks"]
    ]
    for name, data in (("seed.docx", make_docx(seed_text)), ("seed.pdf", make_pdf(seed_text))):
        path = tmp_path / name
        path.write_bytes(data)
        text = read_notice_file(path)
        r = parse_notice(text)
        got = [
            (
                t["ref"],
                t["lead"],
                t["coordinators"],
                t["deadline"],
                len(t["checklist"]),
                t["report_to"],
                [f["mark"] for f in t["footnotes"]],
            )
            for t in r["tasks"]
        ]
        assert got == txt_tasks, name
        # Same words too (PDF line breaks and DOCX runs leave no trace).
        assert [t["text"] for t in r["tasks"]] == [t["text"] for t in reading["tasks"]], name
        assert len(r["document"]["footnotes"]) == 2
        assert set(r["document"]["references"]) == set(reading["document"]["references"])
