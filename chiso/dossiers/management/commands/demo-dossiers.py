"""chiso demo-dossiers --n N --year YYYY --out FILE.csv: a realistic one-stop export for benchmarks and demos."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from chiso.dossiers.services.generator import generate
from chiso.dossiers.services.importer import calendar_index


class Command(BaseCommand):
    help = "Sinh tệp CSV hồ sơ TTHC mẫu (như tệp xuất từ hệ thống một cửa) cho tỉnh mẫu."

    def add_arguments(self, parser):
        parser.add_argument("--n", type=int, default=30000, help="số hồ sơ")
        parser.add_argument("--year", type=int, default=2024, help="năm tiếp nhận")
        parser.add_argument("--out", required=True, help="tệp CSV ghi ra")
        parser.add_argument("--seed", type=int, default=2022)

    def handle(self, *args, n, year, out, seed, **options):
        with tqdm(total=n, unit=" hồ sơ", disable=not self.stderr.isatty(), file=self.stderr._out) as bar:
            written = generate(out, n, year, calendar_index(), seed=seed, progress=bar.update)
        self.stdout.write(f"Đã ghi {written} hồ sơ vào {out}.")
