"""chiso import-dossiers FILE [--mapping NAME]: import a one-stop export (CSV UTF-8 or XLSX)."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from chiso.core.audit import acting_as
from chiso.dossiers.models import ColumnMapping
from chiso.dossiers.services.columns import FIELDS
from chiso.dossiers.services.importer import ImportFailed, count_rows, import_dossiers


class Command(BaseCommand):
    help = "Nhập hồ sơ TTHC từ tệp xuất của hệ thống một cửa (CSV UTF-8 hoặc XLSX); nhập lại không tạo trùng."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--mapping", help="tên ánh xạ cột đã lưu (mặc định: tiêu đề của tệp xuất chuẩn)")
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="TRƯỜNG=TIÊU ĐỀ",
            help='lưu (cùng --mapping) tiêu đề cột của một trường, ví dụ --column code="Số hồ sơ"; '
            "các trường: " + ", ".join(FIELDS),
        )

    def handle(self, *args, file, mapping=None, column=(), **options):
        if column:
            if not mapping:
                raise CommandError("--column cần đi cùng --mapping TÊN để lưu ánh xạ")
            columns = {}
            for item in column:
                field, _, header = item.partition("=")
                if field not in FIELDS or not header:
                    raise CommandError(
                        f"“{item}” không hợp lệ; cần TRƯỜNG=TIÊU ĐỀ với TRƯỜNG là một trong: {', '.join(FIELDS)}"
                    )
                columns[field] = header
            saved, _ = ColumnMapping.objects.get_or_create(name=mapping)
            saved.columns = {**saved.columns, **columns}
            saved.save()
            self.stdout.write(f"Đã lưu ánh xạ cột “{mapping}”.")
        total = count_rows(file)
        bar = tqdm(total=total, unit=" dòng", file=self.stderr._out, disable=not self.stderr.isatty())
        last = [0]

        def progress(done):
            bar.update(done - last[0])
            last[0] = done

        try:
            with acting_as(None, "import-dossiers"):
                result = import_dossiers(file, mapping=mapping, progress=progress)
        except FileNotFoundError:
            raise CommandError(f"Không tìm thấy tệp {file}")
        except ImportFailed as exc:
            bar.close()
            raise CommandError("\n".join(exc.lines()))
        bar.close()
        self.stdout.write(
            f"Đã nhập {result.rows} hồ sơ: {result.created} mới, {result.updated} cập nhật"
            f"{f', {result.procedures_created} thủ tục mới' if result.procedures_created else ''}."
        )
