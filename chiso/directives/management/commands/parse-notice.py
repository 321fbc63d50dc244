"""`chiso parse-notice FILE [--date YYYY-MM-DD] [--json]`: read a notice into proposed tasks.

Thin on purpose: the reading lives in chiso.notices (no Django); this command only picks the
registry to resolve agencies against and prints.
"""

import sys
from datetime import date

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from chiso.notices import NoticeReadError
from chiso.notices.cli import parse_file, to_json, to_table
from chiso.notices.names import is_class


def _day(iso):
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def gazetteer():
    """The database registry when it has agencies; the demo province when there is no database yet."""
    try:
        from chiso.registry.models import Agency
        from chiso.registry.services import gazetteer_from_db

        if Agency.objects.exists():
            return gazetteer_from_db()
    except DatabaseError:
        pass
    from chiso.registry.demo_province import demo_gazetteer

    return demo_gazetteer()


def _status(candidates):
    """resolved / ambiguous / outside for the candidates of one name (best first)."""
    if not candidates or candidates[0][0].confidence < 0.6:
        return "outside"
    top = candidates[0][0].confidence
    close = [
        c
        for c, _a in candidates[1:]
        if c.confidence >= top - 0.1 and c.agency_ids != candidates[0][0].agency_ids
    ]
    return "resolved" if top >= 0.75 and not close else "ambiguous"


def resolve_names(result, on=None):
    """Each task's lead and coordinators (names as written) looked up in the registry:
    task["resolution"] = {"lead": {...} | None, "coordinators": [{...}]}, each
    {"name", "status": resolved | ambiguous | outside, "agencies": [...], "candidates": [...]}.
    A second step, apart from the reading: the names in the task stay as written."""
    from chiso.registry.services import lookup

    cache = {}

    def one(name):
        if name not in cache:
            found = lookup(name, on=on)
            cache[name] = {
                "name": name,
                "status": _status(found),
                "agencies": [
                    {"id": a.pk, "code": a.code, "name": a.name} for a in (found[0][1] if found else [])
                ]
                if _status(found) == "resolved"
                else [],
                "candidates": [
                    {"name": c.name, "confidence": round(c.confidence, 2), "agency_ids": list(c.agency_ids)}
                    for c, _a in found[:5]
                ],
            }
        return cache[name]

    for t in result["tasks"]:
        t["resolution"] = {
            "lead": one(t["lead"]) if t["lead"] else None,
            "coordinators": [one(c) for c in t["coordinators"]],
        }
        for r in [t["resolution"]["lead"], *t["resolution"]["coordinators"]]:
            if r and r["status"] == "ambiguous":
                names = ", ".join(c["name"] for c in r["candidates"][:3])
                result["warnings"].append(
                    f"Nhiệm vụ {t['ref']}: “{r['name']}” khớp nhiều cơ quan ({names}), cần chọn."
                )
            elif r and r["status"] == "outside" and not is_class(r["name"]):
                result["warnings"].append(
                    f"Nhiệm vụ {t['ref']}: “{r['name']}” chưa có trong danh mục cơ quan."
                )


def _has_registry():
    try:
        from chiso.registry.models import Agency

        return Agency.objects.exists()
    except DatabaseError:
        return False


class Command(BaseCommand):
    help = "Đọc một thông báo kết luận (TXT, DOCX, PDF) thành các nhiệm vụ đề xuất."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--date", help="ngày ban hành YYYY-MM-DD khi văn bản không ghi")
        parser.add_argument("--json", action="store_true", help="in JSON (hợp đồng parse-notice)")

    def handle(self, *args, **opts):
        notice_date = None
        if opts.get("date"):
            try:
                notice_date = date.fromisoformat(opts["date"])
            except ValueError:
                self.stderr.write(f"Lỗi: ngày “{opts['date']}” không đúng dạng YYYY-MM-DD.")
                sys.exit(2)
        try:
            result = parse_file(opts["file"], notice_date=notice_date, gazetteer=gazetteer())
        except NoticeReadError as exc:
            self.stderr.write(f"Lỗi: {exc.message}")
            sys.exit(1)
        if _has_registry():
            doc = result["document"]
            on = notice_date or _day(doc.get("date")) or _day(doc.get("meeting_date"))
            # The reader's own "not in the registry" lines give way to the lookup's finer statuses.
            result["warnings"] = [w for w in result["warnings"] if "trong danh mục" not in w]
            resolve_names(result, on=on)
        self.stdout.write(to_json(result) if opts["json"] else to_table(result))
