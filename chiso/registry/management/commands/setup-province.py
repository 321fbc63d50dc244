"""chiso setup-province NAME|CODE [--as-of dd/mm/yyyy] [--them so-dan-toc-ton-giao ...]"""

from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from chiso.core.audit import acting_as
from chiso.registry import departments
from chiso.registry.setup import SetupError, setup_province, steps


def _date(text):
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CommandError(f"Ngày không hợp lệ: «{text}» (viết dd/mm/yyyy).")


class Command(BaseCommand):
    help = (
        "Lập danh mục cơ quan, đơn vị của một tỉnh, thành phố từ danh mục đơn vị hành chính quốc gia "
        "tại một ngày (mặc định hôm nay); chạy lại với ngày sau sẽ bổ sung các thay đổi mà giữ lịch sử."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "province", help="tên tỉnh, thành phố (có hoặc không dấu) hoặc mã tỉnh trong danh mục quốc gia"
        )
        parser.add_argument("--as-of", dest="as_of", type=_date, help="ngày áp dụng, dd/mm/yyyy")
        parser.add_argument(
            "--them",
            nargs="*",
            default=[],
            choices=sorted(departments.OPTIONAL),
            help="cơ quan đặc thù tỉnh có thêm (ví dụ so-dan-toc-ton-giao)",
        )
        parser.add_argument("--quiet", action="store_true", help="không hiện thanh tiến độ")

    def handle(self, *args, province, as_of=None, them=(), quiet=False, **options):
        as_of = as_of or date.today()
        total = steps(province, as_of)
        bar = tqdm(
            total=total, desc="Lập danh mục", unit="đơn vị", disable=quiet or not total, file=self.stderr
        )

        def progress(step, label=""):
            bar.set_postfix_str(label, refresh=False)
            bar.update(step)

        try:
            with acting_as(None, "setup-province"):
                report = setup_province(province, as_of, extra=them, progress=progress)
        except SetupError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        for note in report.notes:
            self.stdout.write(note)
        self.stdout.write(self.style.SUCCESS(report.summary()))
