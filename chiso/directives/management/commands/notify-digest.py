"""chiso notify-digest: mail each person one digest of the notifications not mailed yet (daily job)."""

from django.core.management.base import BaseCommand

from chiso.directives.services import notify


class Command(BaseCommand):
    help = "Gửi thư tổng hợp thông báo nhiệm vụ (mỗi người một thư; chạy lại không gửi trùng)."

    def handle(self, *args, **options):
        sent = notify.digest()
        self.stdout.write(f"Đã gửi {sent} thư tổng hợp.")
