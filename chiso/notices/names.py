"""The grammar of Vietnamese administrative names, so that agencies are found as written, from any
province or year, without a list of names.

A name is a head noun that says what kind of body it is (Bộ, Sở, Ủy ban nhân dân, Ban, Cục, Chi cục,
Thanh tra, Công an, Văn phòng, Trung tâm, Tập đoàn, Tổng công ty …) followed by its proper part, whose
words start with a capital ("Bộ Kế hoạch và Đầu tư", "Sở Lao động - Thương binh và Xã hội") with the
lower-case words that such names are made of ("Giao thông vận tải", "Phát triển nông thôn"), and a
place ("tỉnh Đắk Lắk", "thành phố Hà Nội", "Thành phố"). A class phrase is "các" + kinds of bodies
("các sở, ban, ngành", "UBND các xã, phường", "các cơ quan, đơn vị liên quan"), one addressee.
An office-holder is a title before a name ("Chủ tịch UBND tỉnh Hưng Yên", "Bộ trưởng Bộ Y tế").

Everything works on one position at a time and reads at most a few dozen tokens from it, so the
reader stays linear however long the text.
"""

import re

from .vietnamese import LOWER, UPPER

_W = rf"[{UPPER}{LOWER}0-9&]"
_TOKEN_RE = re.compile(rf"{_W}+(?:\.(?={_W}))?|[-–,;:()/]")
_CAP_RE = re.compile(rf"^[{UPPER}0-9]")
_MAX_TOKENS = 40
_LEVEL_RE = re.compile(r"cấp\s+(?:tỉnh|huyện|xã)")

# Head nouns of a specific body; the longest first where one starts another.
_HEADS = [
    "Bộ Tư lệnh",
    "Bộ Chỉ huy",
    "Bộ",
    "Sở",
    "Ủy ban nhân dân",
    "Uỷ ban nhân dân",
    "UBND",
    "Hội đồng nhân dân",
    "HĐND",
    "Ủy ban",
    "Uỷ ban",
    "Ban Quản lý",
    "Ban quản lý",
    "Ban Chỉ đạo",
    "Ban chỉ đạo",
    "Ban",
    "Tổng cục",
    "Cục",
    "Chi cục",
    "Vụ",
    "Thanh tra",
    "Công an",
    "Văn phòng",
    "Trung tâm",
    "Tập đoàn",
    "Tổng công ty",
    "Tổng Công ty",
    "Công ty",
    "Bảo hiểm xã hội",
    "BHXH",
    "Kho bạc Nhà nước",
    "Kho bạc nhà nước",
    "Ngân hàng Nhà nước",
    "Ngân hàng",
    "Học viện",
    "Viện",
    "Trường",
    "Đài",
    "Báo",
    "Tạp chí",
    "Thuế",
    "Hải quan",
    "Thống kê",
    "Bưu điện",
    "Điện lực",
    "Hội đồng",
    "Tổ công tác",
    "Tổ Công tác",
    "Đoàn",
    "Quân khu",
    "Liên đoàn",
    "Hiệp hội",
    "Hội",
    "Tỉnh ủy",
    "Tỉnh uỷ",
    "Thành ủy",
    "Thành uỷ",
    "Tỉnh đoàn",
    "Thành đoàn",
    "Đảng ủy",
    "Kiểm toán Nhà nước",
    "Tòa án nhân dân",
    "Viện kiểm sát nhân dân",
    "Ủy ban Mặt trận Tổ quốc",
    "Uỷ ban Mặt trận Tổ quốc",
    "Mặt trận Tổ quốc",
    "Bộ đội Biên phòng",
    "Cơ quan thường trực",
    "Bệnh viện",
    "Đại học",
    "Phòng",
]
# Names complete in themselves (no proper part follows).
_WHOLE = [
    "Chánh Văn phòng Bộ",
    "Chánh Văn phòng bộ",
    "Thủ tướng Chính phủ",
    "Văn phòng Chính phủ",
    "Chính phủ",
    "Kiểm toán Nhà nước",
    "Chủ đầu tư",
    "chủ đầu tư",
    "Tổ công tác",
    "Tổ Công tác",
    "Ban Quản lý dự án",
    "Ban quản lý dự án",
    "Văn phòng bộ",
    "Thanh tra bộ",
    "Văn phòng Bộ",
    "Thanh tra Bộ",
    "Công an tỉnh",
    "Công an Thành phố",
    "Công an thành phố",
    "Đơn vị tư vấn",
]
_TITLES = [
    "Bộ trưởng",
    "Thứ trưởng",
    "Phó Chủ tịch",
    "Chủ tịch",
    "Phó Giám đốc",
    "Tổng Giám đốc",
    "Giám đốc",
    "Thủ trưởng",
    "Người đứng đầu",
    "người đứng đầu",
    "Lãnh đạo",
    "lãnh đạo",
    "Trưởng ban",
    "Phó Trưởng ban",
    "Trưởng",  # "Trưởng Ban Quản lý các khu công nghiệp": the head of the body named next
    "Phó Trưởng",
    "Chỉ huy trưởng",
    "Viện trưởng",
    "Chánh án",
    "Chánh Văn phòng",
    "Chánh Thanh tra",
    "Bí thư",
    "Chủ nhiệm",
    "Cục trưởng",
    "Vụ trưởng",
    "Phó Thủ tướng Chính phủ",
    "Phó Thủ tướng",
    "Thành viên",
]
# Kinds of bodies in a class phrase ("các sở, ban, ngành", "UBND các xã, phường, đặc khu").
_CLASS_NOUNS = [
    "cơ quan ngang bộ",
    "cơ quan thuộc Chính phủ",
    "cơ quan chuyên môn",
    "cơ quan thường trực",
    "cơ quan",
    "đơn vị sự nghiệp",
    "đơn vị",
    "địa phương",
    "sở ngành",
    "sở",
    "ban ngành",
    "ban",
    "ngành",
    "bộ",
    "tổ chức chính trị",
    "tổ chức",
    "cá nhân",
    "doanh nghiệp",
    "nhà thầu",
    "nhà mạng",
    "chủ đầu tư",
    "chủ rừng",
    "bệnh viện",
    "cơ sở",
    "hiệp hội",
    "hội",
    "thành viên",
    "tỉnh",
    "thành phố",
    "huyện",
    "quận",
    "thị xã",
    "thị trấn",
    "xã",
    "phường",
    "đặc khu",
    "đoàn thể",
    "cấp ủy",
    "cấp",
    "chính quyền",
    "lực lượng",
    "trường",
    "CQCM",
    "CQTW",
]
_PLACE_NOUNS = [
    "thành phố",
    "Thành phố",
    "thị xã",
    "thị trấn",
    "đặc khu",
    "tỉnh",
    "Tỉnh",
    "huyện",
    "quận",
    "xã",
    "phường",
    "TP.",
    "khu vực",
]
# Lower-case words that administrative names are made of (after a capitalised word of the name).
_NAME_WORDS = set(
    """tế chính vụ pháp hoạch đầu tư thương dựng vận tải thông nghiệp nông thôn môi trường nguyên
    tin truyền động binh hội hóa hoá thao lịch học nghệ dục đào tạo ngoại giao dân tộc tôn giáo phòng
    an quốc gia nhà nước quản lý dự án soát thủ tục hành cải cách chuyển đổi số
    kinh khu hạ tầng điện lực ký doanh phát hợp tác sản xuất khoa đô thị sở dữ liệu thống kê biển
    hải đảo đất đai rừng lâm thuế bảo hiểm xây quy kiến trúc tử công văn đặc hộ sạch vệ sinh thực phẩm
    cảnh sát quân sự đội biên cứu nạn thiên tai ứng phó cố tìm trình định giá đăng việt nam chức cán bộ
    chế tổng hợp tra nội mại lao nghiên tư vấn tài kế trị cao độ ngoài nước đấu thầu lượng khởi nghiệp
    nhân dân mặt trận nông dân phụ nữ thanh niên cựu chiến niên xúc thanh hình truyền bệnh tật
    giám định y khoa lưu trữ sử chứng viên""".split()
)
# Words that start the verb after a name ("Sở Y tế tổ chức …", "Bộ Nội vụ chủ trì …").
_VERBISH = set(
    """tổ xây kiểm quản chỉ thực phát tổng chủ phối hướng tham báo rà nghiên đề tiếp khẩn chịu
    có là cần phải được đã đang sẽ theo trong tại để về với của cho và khi trước sau làm đôn giám
    nâng tăng đẩy tập sớm ban trình hoàn chuẩn bố cập ưu lập xử thẩm""".split()
)
# Second syllables of capitalised words in names ("Quản lý", "Tổ chức", "Thanh tra", "Chỉ đạo").
_SECOND = set(
    "lý dựng chức tra đạo trực hợp triển soát đổi vụ tế pháp an chính nghiệp tư hoạch dục học đàn hiệp huy tiến sư".split()
)


def _alt(words):
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_HEAD_RE = re.compile(rf"(?:{_alt(_HEADS)})(?![{UPPER}{LOWER}0-9])")
_WHOLE_RE = re.compile(rf"(?:{_alt(_WHOLE)})(?![{UPPER}{LOWER}0-9])")
_TITLE_RE = re.compile(rf"(?:{_alt(_TITLES)})\s+")
# Whole names that say what kind of body it is and are followed by its own name when there are several.
_KIND_NAMED_RE = re.compile(r"(?i:quản\s+lý\s+dự\s+án|ban\s+quản\s+lý)$")
_CLASS_NOUN = rf"(?i:{_alt(_CLASS_NOUNS)})(?![{UPPER}{LOWER}0-9])"
_QUALIFIER = (
    r"(?:\s+(?:có\s+liên\s+quan|liên\s+quan|công\s+lập|chức\s+năng|đầu\s+mối(?:\s+CCHC)?|viễn\s+thông|điện\s+lực|"
    r"công\s+nghệ\s+số|chuyên\s+môn|trực\s+thuộc(?:\s+Trung\s+ương)?|thứ\s+cấp|có\s+dự\s+án\s+đi\s+qua|"
    r"được\s+phân\s+công(?:\s+nhiệm\s+vụ)?|cấp\s+(?:tỉnh|huyện|xã|chuyên\s+sâu|cơ\s+bản)(?:\s*,\s*cấp\s+\w+)*|"
    rf"trên\s+địa\s+bàn(?:\s+(?:tỉnh|Thành\s+phố|thành\s+phố|Tỉnh))?|thuộc\s+(?:UBND|Ủy\s+ban\s+nhân\s+dân)\s+(?:tỉnh|Thành\s+phố|thành\s+phố)"
    rf"|thuộc\s+(?:[Bb]ộ|[Tt]ỉnh|Thành\s+phố|Chính\s+phủ|Sở)(?![{LOWER}])|đang\s+hoạt\s+động\s+trong\s+\S+))*"
)
_UB = r"(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|Chủ\s+tịch\s+(?:UBND|Ủy\s+ban\s+nhân\s+dân))"
_CLASS_RE = re.compile(
    rf"(?:(?:{_UB}|Thủ\s+trưởng|Người\s+đứng\s+đầu|người\s+đứng\s+đầu|Giám\s+đốc|Lãnh\s+đạo)\s+"
    # bodies present at every level: "chính quyền các cấp", "Mặt trận Tổ quốc các cấp"
    rf"|(?:[Cc]hính\s+quyền|[Cc]ấp\s+ủy|[Cc]ấp\s+uỷ|[Cc]ông\s+đoàn|[Đđ]oàn\s+thể|Mặt\s+trận\s+Tổ\s+quốc)\s+(?=các\s+cấp\b))?"
    rf"(?:[Cc]ác|[Mm]ỗi|\d+)\s+{_CLASS_NOUN}"
    # (joined by a bare space, "tổ chức" is the verb after the class: "các cơ quan, đơn vị tổ chức …")
    rf"(?:(?:\s*,\s*(?:(?i:các)\s+)?|\s*-\s*|\s+và\s+(?:(?i:các)\s+)?|\s+(?!tổ\s+chức\b)){_CLASS_NOUN})*{_QUALIFIER}"
)
# "UBND xã, phường, đặc khu", "Ủy ban nhân dân huyện, thị xã, thành phố": a class without "các".
_PLACE_CLASS_RE = re.compile(
    rf"{_UB}\s+(?i:xã|phường|huyện|quận|thị\s+xã|tỉnh)(?:\s*,\s*(?i:xã|phường|đặc\s+khu|thị\s+xã|thành\s+phố|thị\s+trấn|huyện|quận))+"
    rf"(?![{LOWER}{UPPER}])"
)
_PLACE_RE = re.compile(rf"(?:{_alt(_PLACE_NOUNS)})(?![{UPPER}{LOWER}0-9])")
_COMPRESSED_RE = re.compile(
    rf"(?P<det>[Cc]ác\s+(?P<kind>Bộ|Sở|bộ|sở)|{_UB}\s+các\s+(?P<pk>tỉnh|huyện|xã))\s*:\s*"
)


class _Tokens:
    """The first _MAX_TOKENS tokens of text from pos, [(token, start, end)], read only as far as asked:
    most names end after a few words, and most starts are not names at all."""

    __slots__ = ("_it", "_got")

    def __init__(self, text, pos):
        self._it = _TOKEN_RE.finditer(text, pos)
        self._got = []

    def has(self, i):
        """True when token i exists (reading up to it)."""
        got = self._got
        while len(got) <= i:
            if len(got) >= _MAX_TOKENS:
                return False
            m = next(self._it, None)
            if m is None:
                return False
            got.append((m.group(), m.start(), m.end()))
        return True

    def __getitem__(self, i):
        return self._got[i]


def _tokens(text, pos):
    for k, m in enumerate(_TOKEN_RE.finditer(text, pos)):
        if k >= _MAX_TOKENS:
            return
        yield m.group(), m.start(), m.end()


def _gap_ok(text, a, b):
    """Only spaces between two tokens of one name."""
    return b - a <= 3 and not text[a:b].strip()


def _place_end(text, pos):
    """End of a place at pos ("tỉnh Đắk Lắk", "thành phố Hà Nội", "Thành phố", "tỉnh"), or -1."""
    pm = _PLACE_RE.match(text, pos)
    if not pm:
        return -1
    end = pm.end()
    # Wards and communes named after the town they were merged into ("phường Xuân Hương - Đà Lạt",
    # post-2025) carry " - " inside the name; elsewhere a dash separates list items.
    ward = pm.group() in ("xã", "phường")
    last = end  # end of the last token taken, a dash included
    for tok, s, e in _tokens(text, end):
        if not _gap_ok(text, last, s):
            break
        if ward and tok == "-" and last == end > pm.end():
            last = e
            continue
        if not _CAP_RE.match(tok) or _HEAD_RE.match(text, s) or _TITLE_RE.match(text, s):
            break
        end = last = e
    return end


def _proper_part(text, pos, *, need_cap=True, cap_only=False, no_comma=False):
    """End of the proper part of a name starting at pos ("Kế hoạch và Đầu tư", "Y tế tỉnh Đắk Lắk"),
    or -1 when none starts there. cap_only: a place name, capitalised words only ("Vĩnh Long")."""
    toks = _Tokens(text, pos)
    if not toks.has(0) or toks[0][1] - pos > 2:
        return -1
    end = -1
    last = pos  # end of the last token taken, connectors included
    caps_run = 0  # capitalised words in a row just before
    lowers = 0  # lower-case words since the last capitalised one
    i = 0
    while toks.has(i):
        tok, s, e = toks[i]
        if not _gap_ok(text, last, s):
            break
        if end >= 0 and not cap_only:
            pe = _place_end(text, s)
            if pe > 0:
                return pe
        if end >= 0 and _CAP_VERB_RE.match(text, s):
            break  # "… Công nghệ cao Chủ trì, phối hợp …": a capitalised verb starts the sentence's rest
        if _CAP_RE.match(tok) and (end < 0 or not _HEAD_RE.match(text, s) or in_name_head(tok)):
            if end >= 0 and _TITLE_RE.match(text, s):
                break
            end = last = e
            caps_run += 1
            lowers = 0
            i += 1
            continue
        low = tok[:1].islower()
        if low and not cap_only and end >= 0 and tok not in _VERBISH:
            if (caps_run == 1 and lowers == 0 and tok in _SECOND) or tok in _NAME_WORDS:
                end = last = e
                lowers += 1
                i += 1
                continue
        if end < 0 and not need_cap and low and tok in _NAME_WORDS:
            end = last = e
            caps_run = 1
            i += 1
            continue
        if (
            end >= 0
            and tok in ("và", "-", "–", "&", ",", "/")
            and toks.has(i + 1)
            and not ((cap_only or no_comma) and tok == ",")
        ):
            nxt, ns, _ne = toks[i + 1]
            if (
                _CAP_RE.match(nxt)
                and _gap_ok(text, e, ns)
                and not _HEAD_RE.match(text, ns)
                and not _TITLE_RE.match(text, ns)
                and not _PLACE_RE.match(text, ns)
            ):
                last = e
                caps_run = 0
                i += 1
                continue
        break
    return end


_BQL_RE = re.compile(
    r"Ban\s+[Qq]uản\s+lý\s+(?:(?:các|Các)\s+)?(?:[Kk]hu\s+(?:công\s+nghiệp|kinh\s+tế|công\s+nghệ\s+cao|chế\s+xuất)"
    r"(?:\s*(?:,|và)\s*(?:[Kk]hu\s+)?(?:công\s+nghiệp|kinh\s+tế|công\s+nghệ\s+cao|chế\s+xuất))*)"
)
# Bodies whose office is named by the body's whole name ("Văn phòng Ủy ban nhân dân tỉnh").
_OFFICE_OF_HEADS = ("Văn phòng",)
# The leading organ of a body, named by that body ("Ban Giám đốc Sở Y tế", "Ban Chủ nhiệm Đoàn Luật sư …",
# "Ban Thường vụ Tỉnh đoàn", "Ban chấp hành lâm thời Hội …"): the organ's kind, then the body's own name.
_ORGAN_RE = re.compile(
    r"Ban\s+(?:[Cc]hủ\s+nhiệm|[Gg]iám\s+đốc|[Tt]hường\s+vụ|[Cc]hấp\s+hành(?:\s+lâm\s+thời)?|[Gg]iám\s+hiệu|"
    r"[Tt]hường\s+trực|[Đđ]iều\s+hành|[Kk]iểm\s+soát)(?![\w])"
)
# Party and mass bodies complete without a proper part ("Tỉnh ủy", "Thành đoàn").
_PARTY_HEADS = ("Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ", "Tỉnh đoàn", "Thành đoàn")
# Post-2025 deconcentrated bodies named only by their place ("Thuế tỉnh", "Thống kê tỉnh").
_PLACE_ONLY_HEADS = ("Thuế", "Hải quan", "Thống kê", "Bưu điện")
# One or two lower-case function words opening a centre's name, then its capitalised part.
_LOWER_FIRST_RE = re.compile(
    rf"(?:xúc\s+tiến|dịch\s+vụ|phục\s+vụ|kiểm\s+soát|điều\s+hành|lưu\s+trữ|giám\s+sát|quản\s+lý|"
    rf"phát\s+triển|hỗ\s+trợ|y\s+tế|văn\s+hóa|thông\s+tin|kỹ\s+thuật)\s+(?=[{UPPER}])"
)
_CAP_VERB_RE = re.compile(r"(?:Chủ\s+trì|Phối\s+hợp|Tham\s+mưu|Thực\s+hiện|Triển\s+khai|Hướng\s+dẫn)\b")


def in_name_head(tok):
    """Capitalised words that are heads but also occur inside names ("Ban Quản lý Khu kinh tế")."""
    return tok in (
        "Phòng", "Hội", "Ban", "Trung", "Công", "Đoàn", "Văn", "Khu", "Nhà",
        "Thuế", "Hải", "Thống", "Bưu", "Điện", "Tạp", "Báo",
    )  # fmt: skip


SELF_HEADS = _SELF_HEADS = {
    "Ban chỉ đạo",
    "Ban Chỉ đạo",
    "Ban Quản lý",
    "Ban quản lý",
    "Hội đồng",
    "Cơ quan thường trực",
    "Tổ công tác",
    "Tổ Công tác",
}
_COMRADE_RE = re.compile(r"(?:[Cc]ác\s+)?(?:[Đđ]ồng\s+chí)\s+")
# A person's name after "đồng chí": one to four capitalised words ("Hải", "Nguyễn Ngọc Phúc").
_PERSON_RE = re.compile(rf"[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{0,3}}(?![{UPPER}{LOWER}0-9])")
# What may stand between a person's name and the office that follows it: a dash or comma, and at most
# one short party title ("Nguyễn Ngọc Phúc - Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh").
_OFFICE_GAP_RE = re.compile(r"^[^,;.:()]{0,12},\s*$")  # "Tỉnh ủy[ viên], Phó Chủ tịch …"
_PERSON_SEP_RE = re.compile(r"\s*[-–,]\s*(?:[^,;.:()]{0,30},\s*)?$")


def agency_end(text, pos, *, place=False):
    """End of one agency phrase starting exactly at pos, or -1.

    place=True also accepts a bare place as an addressee ("tỉnh Đắk Lắk cần …"), which is only right
    where a subject or an addressee is expected.
    """
    n = len(text)
    if pos >= n:
        return -1
    c = _COMRADE_RE.match(text, pos)
    if c:
        return _comrade_end(text, c.end())
    t = None if _WHOLE_RE.match(text, pos) else _TITLE_RE.match(text, pos)
    start = t.end() if t else pos
    for rx in (_PLACE_CLASS_RE, _CLASS_RE):
        m = rx.match(text, start)
        if m:
            return m.end()
    m = _WHOLE_RE.match(text, start)
    if m:
        end = m.end()
        # "Phó Thủ tướng Chính phủ Trần Hồng Hà", "Chủ đầu tư" + place; a body named by its kind and
        # then its own name: "Ban Quản lý dự án Cầu Vồng", "Ban Quản lý dự án Đầu tư xây dựng tỉnh"
        if t or _KIND_NAMED_RE.search(m.group()):
            p = _proper_part(text, end + 1) if text[end : end + 1] == " " else -1
            if p > 0:
                return p
        return end
    m = _ORGAN_RE.match(text, start)
    if m:
        # The body it leads follows, as an agency ("Sở Y tế") or a mass body whose name opens in lower case
        # ("Hội công chứng viên tỉnh …"); without one the organ alone is the addressee ("Ban Giám đốc").
        if text[m.end() : m.end() + 1] == " ":
            inner = agency_end(text, m.end() + 1, place=place)
            if inner < 0 and _HEAD_RE.match(text, m.end() + 1):
                inner = _proper_part(text, m.end() + 1, need_cap=False)
            if inner > 0:
                return inner
        return m.end()
    m = _BQL_RE.match(text, start)
    if m:
        # "Ban Quản lý các khu công nghiệp (tỉnh)", "Ban Quản lý Khu kinh tế": the kind of zone it runs
        # is its name, in lower case.
        if text[m.end() : m.end() + 1] != " ":
            return m.end()
        pe = _place_end(text, m.end() + 1)
        if pe < 0:
            pe = _proper_part(text, m.end() + 1, cap_only=True)  # "… Khu kinh tế Đông Nam"
        return pe if pe > 0 else m.end()
    m = _HEAD_RE.match(text, start)
    if m:
        after = m.end()
        if text[after : after + 1] != " ":
            return -1
        head = m.group()
        if head in _OFFICE_OF_HEADS and (_HEAD_RE.match(text, after + 1) or _WHOLE_RE.match(text, after + 1)):
            # "Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng Tỉnh ủy": the office of another body is
            # named by that body's whole name.
            inner = agency_end(text, after + 1)
            if inner > 0:
                return inner
        if head in ("Báo", "Đài") and text.startswith("và ", after + 1):
            # The provincial newspaper and broadcaster merged in 2025: "Báo và Phát thanh, Truyền hình
            # tỉnh", "Báo và Đài Phát thanh, Truyền hình Lâm Đồng".
            p = _proper_part(text, after + 4)
            return p
        if head in _PARTY_HEADS:
            p = _proper_part(text, after + 1, cap_only=True)
            return p if p > 0 else after  # "Tỉnh ủy", "Tỉnh đoàn Lâm Đồng"
        if head in (
            "UBND",
            "Ủy ban nhân dân",
            "Uỷ ban nhân dân",
            "Hội đồng nhân dân",
            "HĐND",
        ) or head.startswith(("Ủy ban nhân", "Uỷ ban nhân")):
            pm = _PLACE_RE.match(text, after + 1)
            if pm:
                return _place_end(text, after + 1)
            m2 = _LEVEL_RE.match(text, after + 1)
            if m2:
                return m2.end()
            p = _proper_part(text, after + 1)
            return p if p > 0 else (after if t else -1)
        pe = _place_end(text, after + 1)
        if pe > 0 and head not in ("Bộ", "Sở", "Cục", "Vụ", "Ban"):
            return pe  # "Công an tỉnh", "Bảo hiểm xã hội thành phố Hà Nội", "BHXH Thành phố"
        if head in _PLACE_ONLY_HEADS:
            return -1  # "Thuế tỉnh", "Hải quan khu vực II"; "Thuế thu nhập" is no body
        lower_body = head in ("Văn phòng", "Thanh tra", "Bảo hiểm xã hội", "BHXH", "Công an", "Trung tâm")
        if head == "Trung tâm" and _LOWER_FIRST_RE.match(text, after + 1):
            # "Trung tâm xúc tiến Đầu tư, Thương mại và Du lịch tỉnh", "Trung tâm y tế khu vực …":
            # many centres spell their function in lower case before the capitalised rest.
            p = _proper_part(text, _LOWER_FIRST_RE.match(text, after + 1).end())
            if p > 0:
                return p
        p = _proper_part(text, after + 1, need_cap=not lower_body)
        if p > 0:
            return p
        if head in _SELF_HEADS:
            return after  # "Ban chỉ đạo quốc gia về …", "Hội đồng thẩm định …": the kind of body names it
        return -1
    if place:
        pm = _PLACE_RE.match(text, start)
        if pm and text[pm.end() : pm.end() + 1] == " " and _CAP_RE.match(text[pm.end() + 1 : pm.end() + 2]):
            return _place_end(text, start)
    return -1


_LIST_SEP_RE = re.compile(r"\s*(?:,|;)\s*(?:và\s+)?|\s+và\s+|\s*-\s+(?=[{UPPER}])".replace("{UPPER}", UPPER))


def compressed_at(text, pos):
    """True when a compressed list starts at pos ("các Bộ: Tài chính, Xây dựng")."""
    return bool(_COMPRESSED_RE.match(text, pos))


def bare_names_at(text, pos):
    """True when text at pos lists proper parts without their head noun ("Văn hóa và Thể thao, Lao động
    - Thương binh và Xã hội, …"), the second half of "Các Sở, ngành Thành phố: …"."""
    e = _proper_part(text, pos, no_comma=True)
    if e < 0 or text[e : e + 1] != ",":
        return False
    nxt = e + 1 + (len(text[e + 1 :]) - len(text[e + 1 :].lstrip()))
    return _proper_part(text, nxt, no_comma=True) > 0 and not _CAP_VERB_RE.match(text, nxt)


def agency_list(text, pos, *, place=False, stop_at_and=False):
    """([names], end) for a list of agencies starting at pos: "Bộ Tài chính, Bộ Xây dựng và các cơ
    quan liên quan"; "các Bộ: Tài chính, Xây dựng" gives "Bộ Tài chính", "Bộ Xây dựng"."""
    names = []
    cm = _COMPRESSED_RE.match(text, pos)
    if cm:
        kind = cm.group("kind")
        prefix = (kind[0].upper() + kind[1:]) if kind else re.sub(r"\s+các\s+", " ", cm.group("det")) + ""
        if cm.group("pk"):
            prefix = cm.group("det").replace(" các ", " ") if " các " in cm.group("det") else cm.group("det")
            prefix = re.sub(r"\s+các(?=\s+\w+$)", "", prefix)
        q = cm.end()
        while True:
            e = _proper_part(text, q, cap_only=bool(cm.group("pk")), no_comma=True)
            if e < 0:
                break
            names.append(f"{prefix} {text[q:e]}")
            sm = _LIST_SEP_RE.match(text, e)
            if not sm or _HEAD_RE.match(text, sm.end()) or _CLASS_RE.match(text, sm.end()):
                end = e
                break
            q = sm.end()
            end = e
        if names:
            pos2 = end
            sm = _LIST_SEP_RE.match(text, pos2)
            if sm:
                more, e2 = agency_list(text, sm.end(), place=place)
                if more:
                    return names + more, e2
            return names, pos2
    end = agency_end(text, pos, place=place)
    if end < 0:
        return [], pos
    end = _descriptive_tail(text, pos, end)
    names.append(text[pos:end].strip())
    while True:
        sm = _LIST_SEP_RE.match(text, end)
        if not sm:
            break
        if stop_at_and and "và" in sm.group():
            break
        e = agency_end(text, sm.end(), place=place)
        if e < 0:
            # "Các Bộ: Tài chính" inside a list
            cm = _COMPRESSED_RE.match(text, sm.end())
            if cm:
                more, e2 = agency_list(text, sm.end(), place=place)
                names += more
                end = e2
            break
        e = _descriptive_tail(text, sm.end(), e)
        if (
            _ELLIPTIC_RE.match(text, sm.end())
            and re.match(r"(?:UBND|Ủy\s+ban\s+nhân\s+dân)\s", names[-1])
            and "và" in sm.group()
        ):
            # "Ủy ban nhân dân thành phố Thủ Đức và các quận - huyện": the head noun is left out of the
            # second part, so both are one kind of body, one addressee.
            names[-1] = text[pos if len(names) == 1 else end - len(names[-1]) : e].strip()
        else:
            names.append(text[sm.end() : e].strip())
        end = e
    return names, end


_ELLIPTIC_RE = re.compile(r"các\s+(?:quận|huyện|xã|phường|thị\s+xã|thành\s+phố)\b")


_TAIL_STOP_RE = re.compile(r"\s*,\s*(?=(?:các|Các)\s|UBND|Ủy\s+ban|Bộ\s|Sở\s)")


def _descriptive_tail(text, start, end):
    """A body named by its kind and a description ("Ban chỉ đạo quốc gia về phòng, chống thiên tai")
    runs on to the next name of the list."""
    if text[start:end] not in _SELF_HEADS or not text[end : end + 2].strip()[:1].islower():
        return end
    m = _TAIL_STOP_RE.search(text, end, end + 90)
    return m.start() if m else end


def is_class(name):
    """A class phrase ("các sở, ban, ngành") rather than one specific body."""
    return bool(
        _CLASS_RE.fullmatch(name) or _PLACE_CLASS_RE.fullmatch(name) or _LEVEL_CLASS_RE.fullmatch(name)
    )


# "UBND cấp huyện, cấp xã": every body of a level.
_LEVEL_CLASS_RE = re.compile(rf"{_UB}\s+cấp\s+(?:tỉnh|huyện|xã)(?:\s*,\s*(?:cấp\s+)?(?:huyện|xã))*")


def _comrade_end(text, p):
    """End of "đồng chí …" from p (after "đồng chí "), or -1. A person is an addressee named by office
    ("đồng chí Phó Trưởng ban - lãnh đạo Bộ Nông nghiệp …", "các đồng chí Thành viên Ủy ban nhân dân
    tỉnh"), by name and office ("đồng chí Nguyễn Ngọc Phúc - Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh"), or
    by name alone ("Giao đồng chí Hải theo dõi, đôn đốc …"). An office further on in the sentence is not
    the person's."""
    m = _PERSON_RE.match(text, p)
    if m:
        after = text[m.end() : m.end() + 160]
        offices = find_all(after, limit=4)
        if offices and _PERSON_SEP_RE.match(after[: offices[0][0]]):
            # name, then office(s): "- Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh" is one run of titles
            end = offices[0][1]
            for s, e, _name in offices[1:]:
                if not _OFFICE_GAP_RE.match(after[end:s]):
                    break
                end = e
            return m.end() + end
    # the office comes first (a dash or a title may precede the body)
    for s, e, _name in find_all(text[p : p + 120], limit=1):
        if s <= 30:
            return p + e
    return m.end() if m else -1  # a name alone


def find_all(text, *, limit=None, place=False):
    """Every agency phrase in text, in order: [(start, end, name)]. Linear: each start is tried once
    at a word boundary that can begin a name. place=True also finds places as addressees."""
    out = []
    pos = 0
    n = len(text)
    starter = _STARTER_PLACE_RE if place else _STARTER_RE
    while pos < n:
        m = starter.search(text, pos)
        if not m:
            break
        s = m.start()
        e = agency_end(text, s, place=place)
        if e > s:
            out.append((s, e, text[s:e]))
            if limit and len(out) >= limit:
                break
            pos = e
        else:
            pos = m.end()
    return out


_STARTER_RE = re.compile(
    rf"(?<![{UPPER}{LOWER}0-9])(?:{_alt(_TITLES)}|{_alt(_HEADS)}|{_alt(_WHOLE)}|[Cc]ác\s|[Mm]ỗi\s|UBND|Ủy\s+ban|Uỷ\s+ban"
    r"|[Đđ]ồng\s+chí\s)"
)
_STARTER_PLACE_RE = re.compile(
    rf"(?<![{UPPER}{LOWER}0-9])(?:{_alt(_TITLES)}|{_alt(_HEADS)}|{_alt(_WHOLE)}|[Cc]ác\s|UBND|Ủy\s+ban|Uỷ\s+ban"
    rf"|(?:[Tt]ỉnh|[Tt]hành\s+phố)\s+(?=[{UPPER}])|[Đđ]ồng\s+chí\s)"
)
