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
            from chiso.directives.services.resolution import resolve_names

            resolve_names(result, on=on)
        self.stdout.write(to_json(result) if opts["json"] else to_table(result))
