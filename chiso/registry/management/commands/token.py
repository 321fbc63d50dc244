"""chiso token: API tokens from the command line (the same as the "Mã API" page).

chiso token create USERNAME [--name TÊN]   prints the new token once
chiso token list USERNAME                  name, start of the token, created, last used
chiso token revoke USERNAME ID             deletes one of the user's tokens
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from chiso.core.audit import acting_as
from chiso.registry import tokens


class Command(BaseCommand):
    help = "Cấp, liệt kê, thu hồi mã truy cập API của một người dùng."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="cấp mã mới (in ra một lần)")
        create.add_argument("username")
        create.add_argument("--name", default="Dòng lệnh")
        listing = sub.add_parser("list", help="liệt kê mã của người dùng")
        listing.add_argument("username")
        revoke = sub.add_parser("revoke", help="thu hồi một mã")
        revoke.add_argument("username")
        revoke.add_argument("id", type=int)

    def handle(self, *args, **opts):
        user = get_user_model().objects.filter(username=opts["username"]).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{opts['username']}”.")
        with acting_as(None, "dòng lệnh"):
            if opts["action"] == "create":
                key = tokens.issue(user, opts["name"])
                self.stdout.write(key)
                self.stderr.write("Mã chỉ hiện một lần; máy chủ chỉ lưu dấu băm của mã.")
            elif opts["action"] == "list":
                for t in tokens.tokens_of(user):
                    used = (
                        timezone.localtime(t.last_used_at).strftime("%d/%m/%Y %H:%M")
                        if t.last_used_at
                        else "chưa dùng"
                    )
                    created = timezone.localtime(t.created_at).strftime("%d/%m/%Y %H:%M")
                    self.stdout.write(
                        f"{t.pk}\tchiso_{t.prefix}…\t{t.name}\ttạo {created}\tdùng lần cuối: {used}"
                    )
            elif not tokens.revoke(user, opts["id"]):
                raise CommandError(f"Người dùng “{user.username}” không có mã số {opts['id']}.")
            else:
                self.stdout.write(f"Đã thu hồi mã số {opts['id']}.")
