"""Command-line reading of a notice: shared by `python -m chiso.notices` and `chiso parse-notice`."""

import argparse
import json
import sys
from datetime import date

from .errors import NoticeReadError
from .parser import parse_notice
from .reading import read_notice_file_ex


def parse_file(path, *, notice_date=None, gazetteer=None, add_working_days=None):
    text, read_warnings = read_notice_file_ex(path)
    result = parse_notice(
        text,
        notice_date=notice_date,
        gazetteer=gazetteer,
        add_working_days=add_working_days,
    )
    result["warnings"] = read_warnings + result["warnings"]
    return result


def to_json(result):
    return json.dumps(result, ensure_ascii=False, indent=1)


def _cut(text, width):
    text = text or "–"
    return text if len(text) <= width else text[: width - 1] + "…"


def fmt_date(iso):
    """ISO date -> dd/mm/yyyy, as Vietnamese readers expect."""
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def deadline_label(dl):
    kind = dl.get("kind")
    if kind == "none":
        return "–"
    if kind == "recurring":
        every = {"month": "hằng tháng", "quarter": "hằng quý", "year": "hằng năm"}.get(
            dl.get("every"), "định kỳ"
        )
        return every + (f" từ {fmt_date(dl['start'])}" if dl.get("start") else "")
    if dl.get("start") and kind == "range":
        return (
            f"{fmt_date(dl['start'])}–{fmt_date(dl['due'])}"
            if dl.get("due")
            else f"từ {fmt_date(dl['start'])}"
        )
    return ("trước " if dl.get("strict") else "") + fmt_date(dl.get("due"))


def to_table(result):
    doc = result["document"]
    lines = []
    head = " ".join(
        x
        for x in [
            doc.get("kind"),
            doc.get("number") and f"số {doc['number']}",
            doc.get("date") and f"ngày {fmt_date(doc['date'])}",
        ]
        if x
    )
    lines.append(head or "(văn bản)")
    if doc.get("title"):
        lines.append(_cut(doc["title"], 120))
    if doc.get("meeting_date"):
        lines.append(
            f"Cuộc họp ngày {fmt_date(doc['meeting_date'])}, chủ trì: {doc.get('chaired_by') or '–'}"
        )
    if doc.get("signed_by"):
        lines.append(f"Ký: {doc['signed_by']} ({doc.get('signer_title') or ''})")
    if doc.get("indices"):
        lines.append("Chỉ số: " + ", ".join(doc["indices"]))
    lines.append("")
    lines.append(f"{'Mục':<9}{'Chủ trì':<36}{'Phối hợp':<28}{'Hạn':<22}Nội dung")
    for t in result["tasks"]:
        lines.append(
            f"{t['ref']:<9}{_cut(t['lead'], 34):<36}{_cut(', '.join(t['coordinators']), 26):<28}"
            f"{_cut(deadline_label(t['deadline']), 20):<22}{_cut(t['text'], 70)}"
        )
    for tg in result["targets"]:
        lines.append(f"Mục tiêu {tg['year']}: {', '.join(tg['indices'])} – {tg['goal']}")
    lines.append(f"\n{len(result['tasks'])} nhiệm vụ, {len(result['targets'])} mục tiêu.")
    for w in result["warnings"]:
        lines.append("Cảnh báo: " + w)
    return "\n".join(lines)


def demo_or_none():
    try:
        from chiso.registry.demo_province import demo_gazetteer
    except Exception:
        return None
    return demo_gazetteer()


def main(argv=None, gazetteer_factory=demo_or_none, out=None, err=None):
    out = out or sys.stdout
    err = err or sys.stderr
    ap = argparse.ArgumentParser(
        prog="python -m chiso.notices", description="Đọc thông báo kết luận thành nhiệm vụ."
    )
    ap.add_argument("file")
    ap.add_argument("--date", help="ngày văn bản YYYY-MM-DD (khi văn bản không ghi)")
    ap.add_argument("--json", action="store_true", help="in JSON theo hợp đồng của parse-notice")
    args = ap.parse_args(argv)
    notice_date = None
    if args.date:
        try:
            notice_date = date.fromisoformat(args.date)
        except ValueError:
            print(f"Lỗi: ngày “{args.date}” không đúng dạng YYYY-MM-DD.", file=err)
            return 2
    try:
        result = parse_file(args.file, notice_date=notice_date, gazetteer=gazetteer_factory())
    except NoticeReadError as exc:
        print(f"Lỗi: {exc.message}", file=err)
        return 1
    print(to_json(result) if args.json else to_table(result), file=out)
    return 0
