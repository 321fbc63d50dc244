"""chiso import-index FILE --index PAPI [--map field=Header ...] [--drop total,rank,tier]"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from chiso.indices.services import definitions
from chiso.indices.services.importer import ImportRejected, import_results


class Command(BaseCommand):
    help = "Nhập kết quả chỉ số (CSV/XLSX) cho các tỉnh, thành phố theo năm."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--index", required=True, help="PAPI, PAR, SIPAS, PCI, 766")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="TRƯỜNG=CỘT",
            help="ánh xạ cột, ví dụ --map province=Tỉnh --map D1='Tham gia'",
        )
        parser.add_argument("--drop", default="", help="bỏ qua các trường (total,rank,tier) để tính lại")
        parser.add_argument("--source", default="", help="văn bản, nguồn công bố")
        parser.add_argument("--provisional", action="store_true", help="số liệu tạm thời, chưa chính thức")

    def handle(self, *args, **opts):
        definitions.load()
        mapping = {}
        for item in opts["map"]:
            if "=" not in item:
                raise CommandError(f"--map '{item}': cần dạng TRƯỜNG=CỘT.")
            field, header = item.split("=", 1)
            mapping[field.strip()] = header.strip()
        try:
            with open(opts["file"], "rb") as fh:
                content = fh.read()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {opts['file']}: {exc.strerror}")
        try:
            batch = import_results(
                content,
                opts["file"],
                opts["index"].upper(),
                mapping=mapping,
                drop={d.strip() for d in opts["drop"].split(",") if d.strip()},
                source=opts["source"],
                official=not opts["provisional"],
                progress=lambda rows: tqdm(
                    rows, desc="Nhập kết quả", unit="dòng", disable=opts["verbosity"] < 1
                ),
            )
        except ImportRejected as exc:
            raise CommandError(
                "Tệp bị từ chối, không ghi dữ liệu nào:\n"
                + "\n".join(exc.problems[:50])
                + (f"\n… và {len(exc.problems) - 50} lỗi khác." if len(exc.problems) > 50 else "")
            )
        self.stdout.write(
            f"Đã nhập {batch.rows} dòng: {batch.created} số liệu mới, {batch.updated} số liệu cập nhật."
        )
        for warning in batch.warnings:
            self.stdout.write(f"Lưu ý: {warning}")
