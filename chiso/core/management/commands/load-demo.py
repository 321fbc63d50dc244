"""chiso load-demo: the demo province in the configured database (safe to run again)."""

import time

from django.core.management.base import BaseCommand

from chiso.core.audit import acting_as
from chiso.core.hooks import APPS as DEMO_APPS
from chiso.core.hooks import app_modules
from chiso.registry.demo import DEMO_PASSWORD
from chiso.registry.demo import logins as demo_logins
from chiso.registry.models import Agency, User

# Each app that contributes demo data has a `demo` module with load(stdout=...), loaded in the
# order of hooks.APPS (the registry first: everything else refers to its agencies).


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu của một tỉnh (mặc định: tỉnh mẫu năm 2022; --province để chọn bản mẫu khác)."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", choices=DEMO_APPS, help="chỉ nạp phần của các ứng dụng này")
        parser.add_argument("--logins", action="store_true", help="in ra tài khoản đăng nhập mẫu")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="chỉ nạp khi cơ sở dữ liệu chưa có đơn vị, người dùng nào (make run dùng cách này)",
        )

    def handle(self, *args, only=None, logins=False, if_empty=False, **options):
        if if_empty and (Agency.objects.exists() or User.objects.exists()):
            self.stdout.write("Cơ sở dữ liệu đã có dữ liệu: không nạp lại dữ liệu mẫu.")
            if logins and User.objects.filter(username__in=[u for _r, u, _t in demo_logins()]).exists():
                self.print_logins()
            return
        with acting_as(None, "load-demo"):
            for app, module in app_modules("demo", [a for a in DEMO_APPS if not only or a in only]):
                started = time.monotonic()
                module.load(stdout=self.stdout)
                self.stdout.write(f"  ({app}: {time.monotonic() - started:.1f} s)")
        if logins:
            self.print_logins()

    def print_logins(self):
        self.stdout.write("\nTài khoản mẫu (mật khẩu chung: %s):" % DEMO_PASSWORD)
        for roles, username, title in demo_logins():
            self.stdout.write(f"  {username:<14} {roles:<45} {title}")
