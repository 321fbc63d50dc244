"""chiso import-paper-register FILE.xlsx: reconcile a paper register with the system; lists dossiers finished on paper but open."""

from django.core.management.base import BaseCommand, CommandError

from chiso.core.audit import acting_as
from chiso.dossiers.services.importer import ImportFailed
from chiso.dossiers.services.sheets import reconcile_paper_register


class Command(BaseCommand):
    help = "Đối chiếu sổ theo dõi hồ sơ giấy (Mã hồ sơ, Ngày có kết quả) với hệ thống một cửa."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with acting_as(None, "import-paper-register"):
                found = reconcile_paper_register(file, file_name=file)
        except ImportFailed as exc:
            raise CommandError("\n".join(exc.lines()))
        self.stdout.write(f"Đã xong trên giấy nhưng còn mở trên hệ thống: {len(found['gaps'])} hồ sơ.")
        for dossier, day in found["gaps"]:
            self.stdout.write(
                f"  {dossier.code}\t{dossier.agency.name}\thẹn {dossier.due:%d/%m/%Y}\txong trên giấy {day:%d/%m/%Y}"
            )
        if found["unknown"]:
            self.stdout.write(
                f"Không có trên hệ thống: {', '.join(f'{c} (dòng {n})' for n, c in found['unknown'][:50])}"
            )
