"""chiso load-demo [--province NAME]: a demo province in the configured database (safe to run again)."""

import time

from django.core.management.base import BaseCommand, CommandError

from chiso.core import demos
from chiso.core.audit import acting_as
from chiso.core.hooks import APPS as DEMO_APPS
from chiso.core.hooks import app_modules
from chiso.registry import province
from chiso.registry.demo import DEMO_PASSWORD
from chiso.registry.models import Agency, User

# Each app that contributes to a demo has a module named for it (`demo` for the default, see
# core/demos.py) with load(stdout=...), loaded in the order of hooks.APPS (the registry first:
# everything else refers to its agencies).


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu của một tỉnh (mặc định: tỉnh mẫu năm 2022; --province để chọn bản mẫu khác)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            default=demos.DEFAULT,
            choices=sorted(demos.DEMOS),
            help="bản mẫu: " + "; ".join(f"{k} – {v['label']}" for k, v in demos.DEMOS.items()),
        )
        parser.add_argument("--only", nargs="*", choices=DEMO_APPS, help="chỉ nạp phần của các ứng dụng này")
        parser.add_argument("--logins", action="store_true", help="in ra tài khoản đăng nhập mẫu")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="chỉ nạp khi cơ sở dữ liệu chưa có đơn vị, người dùng nào (make run dùng cách này)",
        )

    def handle(self, *args, province=demos.DEFAULT, only=None, logins=False, if_empty=False, **options):
        demo = demos.DEMOS[province]
        registry_demo = app_modules(demo["module"], ["registry"])[0][1]
        if if_empty and (Agency.objects.exists() or User.objects.exists()):
            self.stdout.write("Cơ sở dữ liệu đã có dữ liệu: không nạp lại dữ liệu mẫu.")
            if (
                logins
                and User.objects.filter(username__in=[u for _r, u, _t in registry_demo.logins()]).exists()
            ):
                self.print_logins(registry_demo)
            return
        self.refuse_another_demo(demo)
        with acting_as(None, "load-demo"):
            for app, module in app_modules(demo["module"], [a for a in DEMO_APPS if not only or a in only]):
                started = time.monotonic()
                module.load(stdout=self.stdout)
                self.stdout.write(f"  ({app}: {time.monotonic() - started:.1f} s)")
        if logins:
            self.print_logins(registry_demo)

    def refuse_another_demo(self, demo):
        # Two demos in one database would mix two provinces' registries and logins.
        current = [(row.code, row.valid_from) for row in province.history()]
        if current and demo.get("history") is not None and current != demo["history"]:
            raise CommandError(
                "Cơ sở dữ liệu này đã có tỉnh khác (" + ", ".join(r.name for r in province.history()) + "). "
                "Hãy dùng một cơ sở dữ liệu riêng, ví dụ đặt CHISO_VAR_DIR=var/<tên bản mẫu>."
            )

    def print_logins(self, registry_demo):
        self.stdout.write("\nTài khoản mẫu (mật khẩu chung: %s):" % DEMO_PASSWORD)
        for roles, username, title in registry_demo.logins():
            self.stdout.write(f"  {username:<14} {roles:<45} {title}")
