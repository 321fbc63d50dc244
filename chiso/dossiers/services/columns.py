"""Dossier fields, the headers one-stop exports use for them, and reading dates and flags fast."""

import unicodedata
from datetime import date, datetime

from ..models import DIRECT, ONLINE, POST

# field -> (default header, required). "code" is required; a procedure needs a code or a name.
FIELDS = {
    "code": ("Mã hồ sơ", True),
    "procedure_code": ("Mã thủ tục", False),
    "procedure_name": ("Tên thủ tục", False),
    "agency": ("Cơ quan giải quyết", True),
    "receiving_agency": ("Nơi tiếp nhận", False),
    "applicant": ("Chủ hồ sơ", False),
    "channel": ("Kênh nộp", False),
    "received": ("Ngày tiếp nhận", True),
    "due": ("Ngày hẹn trả", True),
    "completed": ("Ngày có kết quả", False),
    "returned": ("Ngày trả kết quả", False),
    "status": ("Trạng thái", False),
    "supplements": ("Số lần yêu cầu bổ sung", False),
    "supplement_from": ("Yêu cầu bổ sung từ ngày", False),
    "supplement_to": ("Yêu cầu bổ sung đến ngày", False),
    "online_payment": ("Thanh toán trực tuyến", False),
    "rating": ("Đánh giá", False),
    "apology_date": ("Ngày xin lỗi", False),
    "new_due": ("Ngày hẹn lại", False),
    "e_result": ("Kết quả điện tử", False),
    "digitized": ("Số hóa hồ sơ", False),
    "reused": ("Tái sử dụng dữ liệu số hóa", False),
    "from_store": ("Lấy từ kho dữ liệu cá nhân", False),
    "complaint": ("Phản ánh, kiến nghị", False),
}

# The column dictionary: how the provincial one-stop systems write each column (recognised without a saved
# mapping). Sources, per docs/notes/issue-13.md: the Thanh Hóa "Hệ thống thông tin giải quyết TTHC" client
# (public code HuanVu201/DichVuCong_KhoaLuan_PASETO: "Sổ theo dõi hồ sơ" and the list export: "Đơn vị tiếp
# nhận", "Tên thủ tục hành chính", "Chủ hồ sơ", "Ngày nhận", "Ngày hẹn trả", "Ngày kết thúc xử lý",
# "Yêu cầu bổ sung từ ngày/đến ngày"), its Sổ theo dõi service (TenDiaBan as "Xã - Huyện - Tỉnh"), the
# TT 01/2018/TT-VPCP Mẫu 06 "Sổ theo dõi hồ sơ" column words, and the iGate-style words of chiso's demo
# mapping ("Số hồ sơ", "Hạn xử lý", "Ngày hoàn thành", "Đơn vị xử lý").
SYNONYMS = {
    "code": ["Mã hồ sơ", "Số hồ sơ", "Mã số hồ sơ", "Số biên nhận", "Mã biên nhận", "Mã HS", "Số HS"],
    "procedure_code": ["Mã thủ tục", "Mã TTHC", "Mã thủ tục hành chính", "Mã thủ tục (CSDL quốc gia)"],
    "procedure_name": [
        "Tên thủ tục",
        "Tên thủ tục hành chính",
        "Tên TTHC",
        "Thủ tục",
        "Thủ tục hành chính",
        "Tên thủ tục hành chính (TTHC)",
    ],
    "agency": [
        "Cơ quan giải quyết",
        "Đơn vị xử lý",
        "Đơn vị giải quyết",
        "Cơ quan chủ trì giải quyết",
        "Cơ quan thực hiện",
        "Cơ quan, đơn vị giải quyết",
        "Đơn vị thực hiện",
        "Địa bàn",
        "Tên đơn vị",
        "Đơn vị",
    ],
    "receiving_agency": ["Nơi tiếp nhận", "Đơn vị tiếp nhận", "Cơ quan tiếp nhận", "Bộ phận tiếp nhận"],
    "applicant": [
        "Chủ hồ sơ",
        "Người nộp",
        "Tên người nộp",
        "Người nộp hồ sơ",
        "Tên cá nhân, tổ chức",
        "Tổ chức, cá nhân",
        "Tên tổ chức, cá nhân",
        "Người đứng tên",
    ],
    "channel": ["Kênh nộp", "Hình thức nộp", "Hình thức tiếp nhận", "Kênh tiếp nhận", "Nguồn hồ sơ"],
    "received": [
        "Ngày tiếp nhận",
        "Ngày nhận",
        "Ngày nhận hồ sơ",
        "Thời gian tiếp nhận",
        "Thời điểm tiếp nhận",
        "Ngày, tháng, năm nhận hồ sơ",
        "Nhận hồ sơ",
    ],
    "due": [
        "Ngày hẹn trả",
        "Ngày hẹn trả kết quả",
        "Hẹn trả kết quả",
        "Hạn xử lý",
        "Hạn giải quyết",
        "Thời gian hẹn trả",
        "Ngày, tháng, năm hẹn trả kết quả",
    ],
    "completed": [
        "Ngày có kết quả",
        "Ngày kết thúc xử lý",
        "Ngày hoàn thành",
        "Ngày xử lý xong",
        "Ngày hoàn tất",
        "Ngày có kết quả giải quyết",
        "Ngày kết thúc",
        "Nhận kết quả từ cơ quan giải quyết",
    ],
    "returned": [
        "Ngày trả kết quả",
        "Ngày trả",
        "Ngày thực trả",
        "Trả kết quả cho cá nhân, tổ chức",
        "Ngày, tháng, năm trả kết quả",
    ],
    "status": ["Trạng thái", "Trạng thái hồ sơ", "Tình trạng", "Tình trạng hồ sơ", "Kết quả giải quyết"],
    "supplements": ["Số lần yêu cầu bổ sung", "Số lần bổ sung", "Số lần YCBS"],
    "supplement_from": ["Yêu cầu bổ sung từ ngày", "Ngày yêu cầu bổ sung", "Bổ sung từ ngày"],
    "supplement_to": [
        "Yêu cầu bổ sung đến ngày",
        "Ngày bổ sung xong",
        "Ngày công dân bổ sung",
        "Bổ sung đến ngày",
    ],
    "online_payment": [
        "Thanh toán trực tuyến",
        "Đã thanh toán trực tuyến",
        "Thanh toán trực tuyến (Có/Không)",
    ],
    "rating": ["Đánh giá", "Đánh giá của người dân", "Mức độ hài lòng"],
    "apology_date": ["Ngày xin lỗi", "Ngày phiếu xin lỗi", "Ngày xin lỗi, hẹn lại"],
    "new_due": [
        "Ngày hẹn lại",
        "Ngày hẹn trả lại",
        "Hẹn lại ngày trả kết quả",
        "Thời gian hẹn trả kết quả lại",
    ],
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

# Status words of the exports (lower case, diacritics kept) -> how the dossier ended, None while open.
# Anything else (Đã trả kết quả, Đã hoàn thành, Đang xử lý, Chờ bổ sung …) leaves the ending to the dates.
STATUS_ENDINGS = {
    "từ chối": 1,
    "từ chối tiếp nhận": 1,
    "từ chối giải quyết": 1,
    "trả lại": 1,
    "trả lại hồ sơ": 1,
    "đã trả lại": 1,
    "không đủ điều kiện giải quyết": 1,
    "rút hồ sơ": 2,
    "công dân rút hồ sơ": 2,
    "xin rút": 2,
    "đã rút": 2,
    "rút": 2,
    "dừng xử lý": 3,
    "dừng giải quyết": 3,
    "đã dừng xử lý": 3,
    "hủy": 3,
    "đã hủy": 3,
}

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
    "dịch vụ bưu chính": POST,
    "qua bưu chính": POST,
    "bưu điện": POST,
    "qua bưu điện": POST,
    "bcci": POST,
    "trực tiếp, dịch vụ bưu chính": DIRECT,
    "nộp trực tiếp": DIRECT,
    "nộp trực tuyến": ONLINE,
    "dịch vụ công trực tuyến": ONLINE,
    "cổng dịch vụ công": ONLINE,
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
    """dd/mm/yyyy[ HH:MM[:SS]], yyyy-mm-dd[...] or a date/datetime cell -> (day ordinal, minute of day or
    None); cached per day text and per time text, since exports repeat both endlessly."""

    def __init__(self):
        self.cache = {}
        self.tails = {"": None}

    def __call__(self, value):
        if value is None or value == "":
            return None, None
        if isinstance(value, datetime):
            minute = value.hour * 60 + value.minute
            return value.date().toordinal(), (minute if minute or value.second else None)
        if isinstance(value, date):
            return value.toordinal(), None
        text = str(value).strip()
        if not text:
            return None, None
        key = text[:10]
        found = self.cache.get(key)
        if found is None:
            found = self._parse(key, text)
            self.cache[key] = found
        tail = text[10:]
        minute = self.tails.get(tail, -1)
        if minute == -1:
            minute = self.tails[tail] = self._time(tail, text)
        return found, minute

    @staticmethod
    def _time(tail, text):
        parts = tail.strip().lstrip("T").split(":")
        if not (
            2 <= len(parts) <= 3
            and all(p.isdigit() and len(p) <= 2 for p in parts)
            and int(parts[0]) < 24
            and all(int(p) < 60 for p in parts[1:])
        ):
            raise ValueError(f"giờ không hợp lệ “{text}” (cần dd/mm/yyyy HH:MM hoặc dd/mm/yyyy HH:mm:ss)")
        return int(parts[0]) * 60 + int(parts[1])

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


_SYNONYM_FIELD = {}
for _field, _words in SYNONYMS.items():
    for _rank, _word in enumerate(_words):
        _SYNONYM_FIELD.setdefault(header_key(_word), (_field, _rank))
# Sub-headers that say only "the date" under a merged title ("Trả kết quả … | Ngày, tháng, năm").
GENERIC_SUBHEADERS = {"ngày, tháng, năm", "ngày tháng năm", "ngày", "thời gian", "ngày giờ", "thời điểm"}
HEADER_SCAN_ROWS = 25


def _labels(top, sub):
    """Ways one column of a (possibly two-row) header may be named, most specific first."""
    top, sub = header_key(top), header_key(sub)
    out = []
    if sub:
        out.append(sub)
        if top:
            out.append(f"{top} {sub}")
    if top and (not sub or sub in GENERIC_SUBHEADERS):
        out.append(top)
    return out


def _score(labels_per_column):
    return sum(1 for labels in labels_per_column if any(k in _SYNONYM_FIELD for k in labels))


def locate_header(rows):
    """(index of the first header row, header rows 1 or 2, [labels per column], [header text per column])
    among the first rows of an export: title rows above ("SỔ THEO DÕI HỒ SƠ", the unit, the period) and a
    header of one row or two (merged cells over sub-columns, empty in the lower or upper row)."""
    best = (0, 0, 1, [], [])
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        cells = ["" if v is None else str(v) for v in row]
        single = [_labels(c, "") for c in cells]
        candidates = [(_score(single), 1, single, cells)]
        if i + 1 < len(rows):
            below = ["" if v is None else str(v) for v in rows[i + 1]]
            width = max(len(cells), len(below))
            cells += [""] * (width - len(cells))
            below += [""] * (width - len(below))
            top, carried = [], ""
            for j, c in enumerate(cells):
                # A merged title spans the empty cells after it, as long as the row below names them.
                carried = c if c.strip() else (carried if below[j].strip() else "")
                top.append(carried)
            double = [_labels(t, b) for t, b in zip(top, below)]
            names = [(f"{t} / {b}" if t.strip() and b.strip() else (b or t)) for t, b in zip(top, below)]
            # Two rows only when the upper one adds something the lower row alone does not name.
            if _score(double) > _score([_labels(c, "") for c in below]):
                candidates.append((_score(double), 2, double, names))
        for score, height, labels, names in candidates:
            if score > best[0]:
                best = (score, i, height, labels, names)
    score, index, height, labels, names = best
    return index, height, labels, names, score


def match_columns(labels, saved=None):
    """field -> column index: a saved mapping's header text first, then the column dictionary."""
    index, used = {}, set()
    for field, header in (saved or {}).items():
        key = header_key(header)
        for j, column in enumerate(labels):
            if key in column and j not in used:
                index[field] = j
                used.add(j)
                break
    best = {}
    for j, column in enumerate(labels):
        if j in used:
            continue
        for depth, key in enumerate(column):
            hit = _SYNONYM_FIELD.get(key)
            if hit is None:
                continue
            field, rank = hit
            if field in index:
                continue
            score = (depth, rank, j)
            if field not in best or score < best[field][0]:
                best[field] = (score, j)
            break
    for field, (_rank, j) in sorted(best.items(), key=lambda kv: kv[1][0]):
        if j not in used:
            index[field] = j
            used.add(j)
    return index
