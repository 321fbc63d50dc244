"""chiso index-report --index PAPI --year 2021 --province "Bình Thuận" --out FILE.docx"""

from django.core.management.base import BaseCommand, CommandError

from chiso.indices.services.analysis import NotFound
from chiso.indices.services.report import build_report


class Command(BaseCommand):
    help = "Lập báo cáo phân tích, đánh giá chỉ số (DOCX, thể thức Nghị định 30/2020/NĐ-CP)."

    def add_arguments(self, parser):
        parser.add_argument("--index", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--province", required=True)
        parser.add_argument("--out", required=True)

    def handle(self, *args, **opts):
        try:
            content = build_report(opts["index"], opts["year"], opts["province"])
        except NotFound as exc:
            raise CommandError(str(exc))
        with open(opts["out"], "wb") as fh:
            fh.write(content)
        self.stdout.write(f"Đã ghi báo cáo vào {opts['out']} ({len(content) // 1024} KB).")
