"""chiso dossier-report --from YYYY-MM-DD --to YYYY-MM-DD [--xlsx FILE] [--docx FILE]: the Mẫu 06-style
period report (backlog, received, settled early/on time/late, open in term/overdue) per handling agency."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from chiso.dossiers.services.period import COLUMNS, period_report
from chiso.dossiers.services.period_outputs import period_docx, period_xlsx
from chiso.registry import province


def _day(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày “{text}” không hợp lệ, cần YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "Báo cáo tình hình, kết quả giải quyết TTHC trong kỳ (tồn kỳ trước, tiếp nhận, đã và đang giải quyết)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True)
        parser.add_argument("--to", dest="end", required=True)
        parser.add_argument("--xlsx", help="ghi bảng tính ra tệp này")
        parser.add_argument("--docx", help="ghi văn bản (thể thức NĐ 30/2020) ra tệp này")

    def handle(self, *args, start, end, xlsx, docx, **options):
        start, end = _day(start), _day(end)
        if end < start:
            raise CommandError("Ngày kết thúc trước ngày bắt đầu.")
        report = period_report(start, end)
        unit = province.authority(end)
        if xlsx:
            with open(xlsx, "wb") as f:
                f.write(period_xlsx(report, unit))
        if docx:
            with open(docx, "wb") as f:
                f.write(period_docx(report, unit, "", province.place(end) or "……"))
        keys = [k for k, _label in COLUMNS]
        self.stdout.write("\t".join(["Đơn vị"] + [label for _k, label in COLUMNS]))
        for row in report["rows"] + [report["total"]]:
            self.stdout.write("\t".join([row["agency"]] + [str(row[k]) for k in keys]))
