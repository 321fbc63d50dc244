"""chiso import-index-definitions FILE.xlsx  |  chiso import-index-definitions --export FILE.xlsx"""

from django.core.management.base import BaseCommand, CommandError

from chiso.indices.services import definitions
from chiso.indices.services.definitions_xlsx import export_workbook, import_workbook
from chiso.indices.services.importer import ImportRejected


class Command(BaseCommand):
    help = (
        "Nạp định nghĩa chỉ số (phương pháp, thành phần) từ tệp XLSX, hoặc xuất định nghĩa hiện có ra XLSX."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--export", action="store_true", help="xuất định nghĩa hiện có ra FILE")

    def handle(self, *args, **opts):
        definitions.load()  # the indices must exist; the file then overrides the shipped versions
        if opts["export"]:
            with open(opts["file"], "wb") as fh:
                fh.write(export_workbook())
            self.stdout.write(f"Đã xuất định nghĩa chỉ số ra {opts['file']}.")
            return
        try:
            with open(opts["file"], "rb") as fh:
                codes = import_workbook(fh.read(), opts["file"])
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {opts['file']}: {exc.strerror}")
        except ImportRejected as exc:
            raise CommandError("Tệp bị từ chối, không ghi dữ liệu nào:\n" + "\n".join(exc.problems))
        self.stdout.write(f"Đã nạp {len(codes)} phương pháp: {', '.join(codes)}.")
