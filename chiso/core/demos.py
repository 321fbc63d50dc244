"""The demos `chiso load-demo` can load: the default (the seed's province in 2022) and a province of
today. Each names the module every app may provide for it (hooks.app_modules), and the province
history (national code, first day) it writes, so that one database never gets both."""

from datetime import date

DEFAULT = "binh-thuan-2022"

DEMOS = {
    "binh-thuan-2022": {
        "module": "demo",
        "label": "Bình Thuận năm 2022: thông báo kết luận mẫu, PAPI, hồ sơ 2024, khảo sát",
        "history": [("60", None), ("68", date(2025, 7, 1))],
    },
    "lam-dong-2026": {
        "module": "demo_2026",
        "label": "Lâm Đồng năm 2026 (sau hợp nhất): 124 xã, phường, đặc khu; hồ sơ, khảo sát, chỉ đạo năm 2026",
        "history": [("68", None), ("68", date(2025, 7, 1))],
    },
}
