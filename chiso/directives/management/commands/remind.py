"""chiso remind: send today's reminders and escalations (cron-friendly, safe to run twice)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from chiso.core.audit import acting_as
from chiso.directives.services import reminders


class Command(BaseCommand):
    help = "Gửi nhắc việc, đôn đốc nhiệm vụ sắp đến hạn và quá hạn (chạy lại không gửi trùng)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê những gì sẽ gửi")
        parser.add_argument("--date", help="chạy như thể hôm nay là ngày này (YYYY-MM-DD), để gửi bù")

    def handle(self, *args, dry_run=False, date=None, **options):
        try:
            on = _parse(date) if date else None
        except ValueError:
            raise CommandError(f"Ngày không hợp lệ: {date} (cần dạng YYYY-MM-DD)")
        with acting_as(None, "chiso remind"):
            found = reminders.run(on=on, dry_run=dry_run)
        for r in found:
            to = ", ".join(u.email or u.username for u in r.users) or "(không có người nhận)"
            self.stdout.write(f"{'SẼ GỬI' if dry_run else 'ĐÃ GỬI'} {r.kind:12} → {to}: {r.subject}")
        self.stdout.write(f"{'Sẽ gửi' if dry_run else 'Đã gửi'} {len(found)} nhắc việc.")


def _parse(text):
    return date.fromisoformat(text)
