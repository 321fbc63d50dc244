"""Loads the demo province's registry and one demo login per role (idempotent)."""

from django.db import transaction

from . import demo_province, groups, province, setup
from .models import Agency, AgencyGroup, RoleGrant, Succession, User
from .permissions import ADMIN, HEAD, LEADER, MONITOR, OFFICER, ROLE_LABELS

DEMO_PASSWORD = "chiso-demo-2022"

# username, full name, title, agency code, roles
DEMO_USERS = [
    ("quantri", "Quản trị hệ thống", "Quản trị viên", "bt-vp-ubnd", [ADMIN]),
    ("lanhdao", "Lê Tuấn Phong", "Chủ tịch UBND tỉnh", "bt-ubnd", [LEADER]),
    ("sonoivu", "Nguyễn Thị Hạnh", "Chuyên viên Phòng CCHC, Sở Nội vụ", "bt-snv", [MONITOR]),
    ("vpubnd", "Trần Văn Bình", "Chuyên viên Văn phòng UBND tỉnh", "bt-vp-ubnd", [MONITOR]),
    ("gd.stttt", "Phạm Minh Quang", "Giám đốc Sở Thông tin và Truyền thông", "bt-stttt", [HEAD]),
    ("cb.stttt", "Đỗ Thu Trang", "Chuyên viên Sở Thông tin và Truyền thông", "bt-stttt", [OFFICER]),
    ("ct.phanthiet", "Huỳnh Văn Lộc", "Chủ tịch UBND thành phố Phan Thiết", "bt-phanthiet", [HEAD]),
    ("cb.phanthiet", "Ngô Thị Mai", "Chuyên viên Phòng Nội vụ TP Phan Thiết", "bt-phanthiet", [OFFICER]),
    ("gd.snv", "Võ Thanh Sơn", "Giám đốc Sở Nội vụ", "bt-snv", [HEAD, MONITOR]),
]


@transaction.atomic
def load(stdout=None):
    rows = demo_province.agency_rows()
    by_code = {}
    for row in rows:
        fields = {k: row[k] for k in ("name", "kind", "aliases", "valid_from", "valid_to", "national_code")}
        agency, created = Agency.objects.get_or_create(code=row["code"], defaults=fields)
        if not created and any(getattr(agency, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(agency, k, v)
            agency.save()
        by_code[row["code"]] = agency
    for row in rows:
        agency, parent = by_code[row["code"]], by_code.get(row["parent"])
        if parent is not None and agency.parent_id != parent.pk:
            agency.parent = parent
            agency.save()
    for pred, succ, day, kind, note, main, share in demo_province.succession_rows():
        Succession.objects.update_or_create(
            predecessor=by_code[pred],
            successor=by_code[succ],
            date=day,
            defaults={"kind": kind, "note": note, "main": main, "share": share},
        )
    groups.ensure(AgencyGroup)
    # The province is Bình Thuận until 30/6/2025, then Lâm Đồng (NQ 202/2025/QH15).
    province.set_history(demo_province.province_history(by_code["bt-ubnd"], by_code["ld-ubnd"]))
    # The demo's districts and communes → the new Lâm Đồng's communes and wards (NQ 1671/NQ-UBTVQH15),
    # from the national data; the new communes are created under UBND tỉnh Lâm Đồng.
    setup.link_reform(demo_province.NATIONAL_CODE, by_code["ld-ubnd"], "ld")
    ensure_logins(DEMO_USERS, by_code)
    if stdout:
        stdout.write(
            f"Danh mục: {Agency.objects.count()} cơ quan, {Succession.objects.count()} quan hệ kế thừa, "
            f"{AgencyGroup.objects.count()} nhóm, {User.objects.count()} người dùng."
        )


def ensure_logins(users, by_code):
    """One demo login per row of `users` (username, full name, title, agency code, roles); a login
    that exists keeps its password and gains any missing role. Both demos use it."""
    for username, full_name, title, agency_code, roles in users:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                full_name=full_name,
                title=title,
                agency=by_code[agency_code],
                email=f"{username}@demo.chiso.local",
                is_staff=ADMIN in roles,
                is_superuser=ADMIN in roles,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        for role in roles:
            RoleGrant.objects.get_or_create(user=user, role=role)


def login_lines(users):
    """(role label, username, title) for each row of `users`, printed after `make run`."""
    return [
        (", ".join(ROLE_LABELS[r] for r in roles), username, title)
        for username, _n, title, _a, roles in users
    ]


def logins():
    return login_lines(DEMO_USERS)
