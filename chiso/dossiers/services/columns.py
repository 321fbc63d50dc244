"""Dossier fields, the headers one-stop exports use for them, and reading dates and flags fast."""

import unicodedata
from datetime import date, datetime

from ..models import DIRECT, ONLINE, POST

# field -> (default header, required)
FIELDS = {
    "code": ("Mã hồ sơ", True),
    "procedure_code": ("Mã thủ tục", True),
    "procedure_name": ("Tên thủ tục", False),
    "agency": ("Cơ quan giải quyết", True),
    "receiving_agency": ("Nơi tiếp nhận", False),
    "channel": ("Kênh nộp", False),
    "received": ("Ngày tiếp nhận", True),
    "due": ("Ngày hẹn trả", True),
    "completed": ("Ngày có kết quả", False),
    "returned": ("Ngày trả kết quả", False),
    "online_payment": ("Thanh toán trực tuyến", False),
    "rating": ("Đánh giá", False),
    "apology_date": ("Ngày xin lỗi", False),
    "new_due": ("Ngày hẹn lại", False),
}
GENERATOR_HEADER = [
    "Mã hồ sơ",
    "Mã thủ tục",
    "Tên thủ tục",
    "Cơ quan giải quyết",
    "Kênh nộp",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Thanh toán trực tuyến",
    "Ngày xin lỗi",
    "Ngày hẹn lại",
]
DEFAULT_MAPPING = {field: header for field, (header, _required) in FIELDS.items()}

CHANNEL_WORDS = {
    "trực tiếp": DIRECT,
    "truc tiep": DIRECT,
    "1": DIRECT,
    "trực tuyến": ONLINE,
    "truc tuyen": ONLINE,
    "2": ONLINE,
    "bưu chính": POST,
    "bưu chính công ích": POST,
    "buu chinh": POST,
    "3": POST,
    "": DIRECT,
}
YES = {
    "có": True,
    "co": True,
    "x": True,
    "1": True,
    "true": True,
    "yes": True,
    "không": False,
    "khong": False,
    "0": False,
    "false": False,
    "no": False,
    "": False,
}


def header_key(text):
    return " ".join(
        unicodedata.normalize("NFC", str(text or "")).replace("\ufeff", "").strip().lower().split()
    )


class DateReader:
    """dd/mm/yyyy[ HH:MM[:SS]], yyyy-mm-dd[...] or a date/datetime cell -> day ordinal; cached per day text."""

    def __init__(self):
        self.cache = {}
        self.tails = {""}

    def __call__(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return value.date().toordinal()
        if isinstance(value, date):
            return value.toordinal()
        text = str(value).strip()
        if not text:
            return None
        key = text[:10]
        found = self.cache.get(key)
        if found is None:
            found = self._parse(key, text)
            self.cache[key] = found
        tail = text[10:]
        if tail not in self.tails:
            self._time(tail, text)
            self.tails.add(tail)
        return found

    @staticmethod
    def _time(tail, text):
        parts = tail.strip().lstrip("T").split(":")
        if not (
            2 <= len(parts) <= 3
            and all(p.isdigit() and len(p) <= 2 for p in parts)
            and int(parts[0]) < 24
            and all(int(p) < 60 for p in parts[1:])
        ):
            raise ValueError(f"giờ không hợp lệ “{text}” (cần dd/mm/yyyy HH:MM)")

    @staticmethod
    def _parse(key, text):
        try:
            if len(key) == 10 and key[2] == "/" and key[5] == "/":
                day = date(int(key[6:10]), int(key[3:5]), int(key[0:2]))
            elif len(key) == 10 and key[4] == "-" and key[7] == "-":
                day = date(int(key[0:4]), int(key[5:7]), int(key[8:10]))
            else:
                raise ValueError
        except ValueError:
            raise ValueError(f"ngày không hợp lệ “{text}” (cần dd/mm/yyyy hoặc dd/mm/yyyy HH:MM)") from None
        return day.toordinal()
