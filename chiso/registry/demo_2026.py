"""The second demo: Lâm Đồng as it is in 2026, set up from the national data as a province would.

`chiso load-demo --province lam-dong-2026`: the registry comes from `setup-province` (the new province,
its 124 communes, wards and special zone, its departments, and Bình Thuận, Đắk Nông and the old Lâm
Đồng as predecessors with their 2022 structure and dated successions), plus one login per role.
Sở Dân tộc và Tôn giáo is added as a department of the new province (the 2022 demo's research, domain.md
§10: kept for Lâm Đồng; UNVERIFIED against the province's decision).
"""

from datetime import date

from django.db import transaction

from .demo import ensure_logins, login_lines
from .models import Agency
from .permissions import ADMIN, HEAD, LEADER, MONITOR, OFFICER
from .setup import setup_province

PROVINCE_CODE = "68"
AS_OF = date(2026, 1, 1)
EXTRA = ("so-dan-toc-ton-giao",)
PREFIX = "lam-dong-2025"

# username, full name (fictional), title, agency code, roles
USERS = [
    ("quantri", "Quản trị hệ thống", "Quản trị viên", f"{PREFIX}-vp-ubnd", [ADMIN]),
    ("lanhdao", "Trần Quốc Việt", "Chủ tịch UBND tỉnh", f"{PREFIX}-ubnd", [LEADER]),
    (
        "sonoivu",
        "Nguyễn Thị Thu Hà",
        "Chuyên viên Phòng CCHC và Văn thư lưu trữ, Sở Nội vụ",
        f"{PREFIX}-so-noi-vu",
        [MONITOR],
    ),
    ("vpubnd", "Lê Minh Khoa", "Chuyên viên Văn phòng UBND tỉnh", f"{PREFIX}-vp-ubnd", [MONITOR]),
    ("gd.snv", "Phan Văn Đức", "Giám đốc Sở Nội vụ", f"{PREFIX}-so-noi-vu", [HEAD, MONITOR]),
    (
        "gd.snnmt",
        "Võ Thị Lan",
        "Giám đốc Sở Nông nghiệp và Môi trường",
        f"{PREFIX}-so-nong-nghiep-moi-truong",
        [HEAD],
    ),
    (
        "cb.snnmt",
        "Đinh Công Tâm",
        "Chuyên viên Sở Nông nghiệp và Môi trường",
        f"{PREFIX}-so-nong-nghiep-moi-truong",
        [OFFICER],
    ),
    ("ct.phanthiet", "Huỳnh Thanh Nhàn", "Chủ tịch UBND phường Phan Thiết", f"{PREFIX}-x22945", [HEAD]),
    (
        "cb.phanthiet",
        "Mai Thị Ngọc",
        "Công chức Văn phòng HĐND và UBND phường Phan Thiết",
        f"{PREFIX}-x22945",
        [OFFICER],
    ),
]


@transaction.atomic
def load(stdout=None):
    report = setup_province(PROVINCE_CODE, AS_OF, extra=EXTRA)
    by_code = {a.code: a for a in Agency.objects.filter(code__in=[u[3] for u in USERS])}
    ensure_logins(USERS, by_code)
    if stdout:
        stdout.write("Danh mục: " + report.summary())


def logins():
    return login_lines(USERS)
