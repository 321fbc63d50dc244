"""chiso import-procedures FILE.xlsx: the procedure catalogue (code, name, field, level, days, online level, fee)."""

from django.core.management.base import BaseCommand, CommandError

from chiso.core.audit import acting_as
from chiso.dossiers.services.importer import ImportFailed
from chiso.dossiers.services.sheets import import_catalogue


class Command(BaseCommand):
    help = "Nhập danh mục thủ tục hành chính từ tệp Excel (Mã thủ tục, Tên thủ tục, Lĩnh vực, Cấp thực hiện, Thời hạn giải quyết, Mức độ trực tuyến, Phí, lệ phí)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with acting_as(None, "import-procedures"):
                created, updated = import_catalogue(file, file_name=file)
        except ImportFailed as exc:
            raise CommandError("\n".join(exc.lines()))
        self.stdout.write(f"Danh mục thủ tục: {created} mới, {updated} cập nhật.")
