from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from chiso.surveys.models import Wave
from chiso.surveys.services import distribution


class Command(BaseCommand):
    help = "Gửi thư nhắc những người được mời chưa trả lời một đợt khảo sát đang mở."

    def add_arguments(self, parser):
        parser.add_argument("--wave", type=int, required=True, help="mã (id) đợt khảo sát")
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "CHISO_BASE_URL", ""),
            help="địa chỉ gốc của hệ thống, vd https://chiso.binhthuan.gov.vn",
        )

    def handle(self, *args, **options):
        wave = Wave.objects.filter(pk=options["wave"]).first()
        if wave is None:
            raise CommandError(f"Không có đợt khảo sát mã {options['wave']}.")
        if not wave.accepting:
            raise CommandError(f"Đợt “{wave.name}” không mở nhận phiếu; không gửi thư nhắc.")
        sent = distribution.send_reminders(wave, options["base_url"])
        self.stdout.write(f"Đã gửi {sent} thư nhắc cho đợt “{wave.name}”.")
