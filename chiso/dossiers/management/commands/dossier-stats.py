"""chiso dossier-stats --from YYYY-MM-DD --to YYYY-MM-DD [--agency NAME] --json (other tools read this)."""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from chiso.dossiers.services.stats import period_stats


def _day(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày “{text}” không hợp lệ, cần YYYY-MM-DD")


class Command(BaseCommand):
    help = (
        "Số liệu hồ sơ TTHC trong kỳ (hồ sơ đã xong tính theo ngày có kết quả, đang xử lý theo ngày hẹn trả)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True)
        parser.add_argument("--to", dest="end", required=True)
        parser.add_argument("--agency", help="tên cơ quan (như trong danh mục)")
        parser.add_argument(
            "--as-of", dest="as_of", help="ngày xét hồ sơ đang xử lý quá hạn (mặc định hôm nay)"
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, start, end, agency=None, as_of=None, **options):
        agency_ids = None
        if agency:
            from chiso.registry.services import lookup

            found = lookup(agency, limit=1)
            if not found or not found[0][1]:
                raise CommandError(f"Không tìm thấy cơ quan “{agency}”")
            agency_ids = [a.pk for a in found[0][1]]
        result = period_stats(_day(start), _day(end), agency_ids, today=_day(as_of) if as_of else None)
        if options.get("json"):
            self.stdout.write(_dumps(result))
            return
        self.stdout.write(
            f"Tổng {result['total']}, đã giải quyết {result['completed']} (trước hạn {result['early']}, "
            f"đúng hạn {result['on_time']}, trễ hạn {result['late']}), đang xử lý trong hạn "
            f"{result['open_in_time']}, quá hạn {result['open_overdue']}; tỷ lệ đúng hạn {result['on_time_rate']}."
        )


def _dumps(result):
    return json.dumps(result, ensure_ascii=False, indent=1)
