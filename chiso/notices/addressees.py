"""Who a directive sentence is addressed to, who leads and who coordinates — by the grammar of
directives, on top of the grammar of names (names.py).

The places an addressee stands in Vietnamese directives:
- the subject at the start of the sentence ("Sở Y tế khẩn trương …", "Bộ Công an, Bộ Quốc phòng …"),
  possibly after a topic label ("Về kiến nghị …: Bộ Tài chính …") or a lead-in clause ("Trên cơ sở …,");
- the object of an assigning verb ("Giao Sở Nội vụ …", "Đề nghị Ban chỉ đạo …", "Yêu cầu các sở …");
- the agency before "chủ trì" ("… Sở Tài chính chủ trì, phối hợp với …").
Coordinators follow "phối hợp (chặt chẽ) (với)" when the one who coordinates is the addressee
itself, not a body it is told to direct ("chỉ đạo các đơn vị chủ rừng phối hợp với …").
"""

import re

from . import names
from .vietnamese import UPPER

_I = re.IGNORECASE
_ASSIGN_RE = re.compile(r"(?:^|(?<=[\s,;:(]))(?:[Gg]iao|[Đđ]ề\s+nghị|[Yy]êu\s+cầu)\s+(?:cho\s+)?(?=[^\s])")
# A label before the directive: "Về kiến nghị …:", "Về chuyển đổi số:"; a leading clause "Trên cơ sở …,".
TOPIC_RE = re.compile(r"^(?:Về|Đối\s+với|Riêng)\s[^:;.]{2,220}?:\s*")
_LEADING_CLAUSE_RE = re.compile(
    r"^(?:(?:Trên\s+cơ\s+sở|Căn\s+cứ|Để|Nhằm|Theo|Sau\s+khi|Trong\s+(?:tháng|quý|năm|thời\s+gian)|Từ\s+nay|"
    r"(?:Riêng\s+)?[Đđ]ối\s+với)[^,;:]{0,200}"
    # a fronted time ("Quý I/2027, các cơ quan … đánh giá …") or connective ("Đồng thời, các cấp …")
    r"|(?:(?:Trong|Từ|Đến|Trước|Chậm\s+nhất)\s+)?(?:[Qq]uý|[Qq]uí|[Tt]háng|[Nn]ăm|[Nn]gày)\s+[\dIVX][\w/.\s-]{0,20}"
    r"|Đồng\s+thời|Ngoài\s+ra|Bên\s+cạnh\s+đó|Mặt\s+khác|Tiếp\s+đó|Sau\s+đó)"
    r",\s*"
)
# A notice's opening: a full past date fronting who chaired or attended the meeting ("Ngày 28 tháng 9 năm
# 2022, Chủ tịch UBND tỉnh chủ trì cuộc họp …", "Ngày 07/11/2025, đồng chí … đã làm việc với …") tells what
# happened; it assigns nothing, although its subject is an office and "chủ trì" follows it.
_DATED_OPENING_RE = re.compile(
    r"^(?:[Nn]gày\s+)?\d{1,2}(?:\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\s*/\s*\d{1,2}\s*/\s*\d{4})\s*,"
)
_MEETING_ACT_RE = re.compile(
    r"(?:đã\s+)?(?:chủ\s+trì\s+(?:cuộc\s+họp|buổi|hội\s+nghị|phiên\s+họp|họp)|làm\s+việc\s+với|tham\s+dự|dự\s+|"
    r"kiểm\s+tra\s+thực\s+tế|đến\s+thăm|đã\s)",
    _I,
)
_SUBJECT_AFTER_RE = re.compile(r"(?:chúng\s+ta|người|cán\s+bộ|công\s+chức)\b")
_SCOPE_CLAUSE_RE = re.compile(r"^(?:Riêng\s+)?(?:[Đđ]ối\s+với|[Vv]ới)\s+")
_SUBJECT_STOP_RE = re.compile(r"\s+(?:của|về|trong|tại|thuộc|đã|đang|ở|như|với|là\s+(?!đơn\s+vị))\b")
_LEAD_MARK_RE = re.compile(r"chủ\s+trì", _I)
_COORD_RE = re.compile(
    r"phối\s+hợp(?:\s*,\s*(?:hỗ\s+trợ|hướng\s+dẫn))?(?:\s+(?:chặt\s+chẽ|thường\s+xuyên|tốt))?(?:\s+với)?\s+",
    _I,
)
# Kinds of bodies written without "các" after "phối hợp với": "địa phương", "chính quyền địa phương".
_BARE_CLASS_RE = re.compile(
    r"(?:chính\s+quyền\s+địa\s+phương|(?:cơ\s+quan|đơn\s+vị)(?:\s*,\s*(?:cơ\s+quan|đơn\s+vị|địa\s+phương))*"
    r"(?:\s+(?:có\s+)?liên\s+quan|\s+chức\s+năng)|địa\s+phương(?:\s+(?:có\s+)?liên\s+quan)?|ngành\s+[A-ZĐ]\w+)"
    r"(?![\w])"
)
_DIRECTING_RE = re.compile(
    r"(?:chỉ\s+đạo|yêu\s+cầu|đề\s+nghị|hướng\s+dẫn|đôn\s+đốc|cử|giao|huy\s+động|tổ\s+chức\s+lực\s+lượng)\s+[^,;.]*$",
    _I,
)
_FRAME_VERB_RE = re.compile(
    r"^(?:cần|phải|khẩn\s+trương|tiếp\s+tục|tập\s+trung|chủ\s+động|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|theo|"
    r"căn\s+cứ|nghiêm\s+túc|thực\s+hiện|triển\s+khai|chỉ\s+đạo|rà\s+soát|phối\s+hợp|chủ\s+trì|xây\s+dựng|"
    r"tổ\s+chức|hướng\s+dẫn|nghiên\s+cứu|báo\s+cáo|tham\s+mưu|khẩn|sớm|kịp\s+thời|trực\s+tiếp|quán\s+triệt|"
    r"hoàn\s+thành|đẩy\s+mạnh|tăng\s+cường|bố\s+trí|huy\s+động|giao|đề\s+xuất|trình|ban\s+hành|kiểm\s+tra|"
    r"lưu\s+ý|bảo\s+đảm|đảm\s+bảo|nâng|phân\s+công|làm|được|có|là|[a-zđ]\w*)",
)
_PAREN_RE = re.compile(r"\s*\([^()]{0,200}\)")
# Patterns used inside the functions below, compiled once (they run for every sentence read).
_SPACES_RE = re.compile(r"\s+")
_PREDICATE_START_RE = re.compile(rf"[a-zđà-ỹ]|[{UPPER}]\w*\s")
_THEO_TRONG_RE = re.compile(r"(?:theo|trong)\s")
_NARRATIVE_RE = re.compile(r"\s(?:đã|được|đang)\s")
_LEAD_GAP_RE = re.compile(r"[\s,]*(?:là\s+(?:đơn\s+vị|cơ\s+quan)\s+)?")
_CLAUSE_SPLIT_RE = re.compile(r"[;.]")
_GIUA_RE = re.compile(r"giữa\b")
_LIST_SEP_RE = re.compile(r"\s*(?:,|;|và)\s*")
_HEADING_LEAD_RE = re.compile(
    r"^(?:(?i:nhiệm\s+vụ)(?:\s+(?i:chung|cụ\s+thể|trọng\s+tâm|chủ\s+yếu))?(?:\s+(?:của|đối\s+với|cho))?"
    r"|Đối\s+với|Trách\s+nhiệm(?:\s+của)?|Phân\s+công(?:\s+nhiệm\s+vụ)?(?:\s+cho)?|Giao|Đề\s+nghị|Yêu\s+cầu)\s+"
)
_HEADING_TAIL_RE = re.compile(
    r"^(?:theo\s+chức\s+năng,?\s+nhiệm\s+vụ(?:\s+(?:được\s+giao|quản\s+lý))*|thực\s+hiện(?:\s+các\s+nhiệm\s+vụ\s+sau)?|"
    r"có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|là\s+tổ\s+chức|"
    r"của\s+(?:[Bb]ộ|[Tt]ỉnh|Thành\s+phố|thành\s+phố|UBND\s+tỉnh|Ủy\s+ban\s+nhân\s+dân\s+(?:tỉnh|Thành\s+phố)))$"
)
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])")


def _clean(name):
    name = name.strip(" ,;:.-–")
    return _SPACES_RE.sub(" ", name)


# A topic closed by a comma and followed by the directive itself ("Về việc lựa chọn nhà thầu gói thầu
# Nhà ga hành khách, yêu cầu khẩn trương …", "Văn bản góp ý, kính đề nghị các đồng chí … gửi về …").
TOPIC_COMMA_RE = re.compile(
    # (a clause that itself assigns — "Giao Sở Y tế tiến hành rà soát, giao nhiệm vụ …" — is no topic)
    r"^(?:(?:Về|Đối\s+với|Riêng)\s[^:;.]{2,220}?|(?!(?:giao|yêu\s+cầu|đề\s+nghị)\s)[^\W\d_][^:;.,]{2,60}?),\s*"
    r"(?=(?-i:(?:kính\s+)?(?:yêu\s+cầu|đề\s+nghị|giao))\s)",  # lower case: not "Giao thông vận tải"
    re.I,
)


def strip_topic(text):
    """(label, rest): a leading topic label ("Về …:", or "Về việc …," before "yêu cầu/đề nghị …") is not
    part of the directive."""
    m = TOPIC_RE.match(text) or TOPIC_COMMA_RE.match(text)
    if m and len(text) > m.end() + 10:
        return text[: m.end()].strip(), text[m.end() :]
    return None, text


def subject(text, *, place=True):
    """Agencies written as the subject at the start of text: ([names], end) or ([], 0). The names must
    be followed by a predicate (a lower-case word), not end the text ("Sở Y tế" alone is a heading)."""
    pos = 0
    m = _LEADING_CLAUSE_RE.match(text)
    if m:
        pos = m.end()
    got, end = names.agency_list(text, pos, place=place)
    if not got and m:
        # "Riêng đối với các đơn vị sự nghiệp công lập thuộc UBND tỉnh, hằng quý có …": the scope
        # names who must act when no subject follows it.
        sm = _SCOPE_CLAUSE_RE.match(text)
        if sm:
            inner, iend = names.agency_list(text, sm.end(), place=place)
            if (
                inner
                and text[iend : m.end()].strip(" ,") == ""
                and not _SUBJECT_AFTER_RE.match(text, m.end())
            ):
                return [_clean(g) for g in inner], m.end()
        return [], 0
    if not got:
        return [], 0
    rest = text[end:]
    # Trailing qualifiers after the names: "theo chức năng, nhiệm vụ", a parenthesis of examples.
    rest2 = _PAREN_RE.sub("", rest[:240], count=1) if rest.lstrip().startswith("(") else rest
    rest2 = rest2.lstrip(" ,")
    if not rest2 or not _PREDICATE_START_RE.match(rest2) and not _FRAME_VERB_RE.match(rest2):
        return [], 0
    if m and _DATED_OPENING_RE.match(text) and _MEETING_ACT_RE.match(rest2):
        return [], 0
    if _SUBJECT_STOP_RE.match(" " + rest2) and not _THEO_TRONG_RE.match(rest2):
        return _qualified_subject(text, pos)
    return [_clean(g) for g in got], end


_PREDICATE_RE = re.compile(
    r"\s(?:tăng\s+cường|khẩn\s+trương|chủ\s+trì|cần|phải|tiếp\s+tục|tập\s+trung|chủ\s+động|nghiên\s+cứu|"
    r"có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|rà\s+soát|xây\s+dựng|hướng\s+dẫn|bảo\s+đảm|đảm\s+bảo)\b"
)


def _qualified_subject(text, pos):
    """A subject list whose names carry qualifiers ("Bộ Tư pháp, Tổ chức pháp chế thuộc bộ, cơ quan
    ngang bộ, Sở Tư pháp thuộc Ủy ban nhân dân tỉnh … tăng cường …"): every name before the predicate."""
    m = _PREDICATE_RE.search(text, pos, pos + 300)
    if not m or _NARRATIVE_RE.search(text[pos : m.start() + 1]):
        return [], 0
    found = [_clean(n) for _s, _e, n in names.find_all(text[pos : m.start()])]
    return (found, m.start()) if found else ([], 0)


_REQUEST_NOUN_RE = re.compile(r"(?i:hồ\s+sơ|tờ\s+trình|danh\s+sách|mẫu|phiếu)\s+$")


def assigned(text, limit=400):
    """Agencies named after an assigning verb in text ("Giao Sở Nội vụ chủ trì …", "đề nghị Bộ Y tế …"):
    ([names], start of the verb) for the first such phrase, or ([], -1)."""
    for m in _ASSIGN_RE.finditer(text[:limit]):
        if _REQUEST_NOUN_RE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "Hồ sơ đề nghị Chủ tịch UBND tỉnh tặng Bằng khen": a file, not a request made here
        got, _end = names.agency_list(text, m.end(), place=True)
        if got:
            return [_clean(g) for g in got], m.start()
    return [], -1


def chu_tri(text):
    """The agency written just before "chủ trì" ("Sở Tài chính chủ trì", "giao Công an tỉnh chủ trì")."""
    for m in _LEAD_MARK_RE.finditer(text):
        window_start = max(0, m.start() - 160)
        found = None
        for _s, e, name in names.find_all(text[window_start : m.start()]):
            tail = text[window_start + e : m.start()]
            if _LEAD_GAP_RE.fullmatch(tail):
                found = name
        if found:
            return _clean(found)
    return None


def coordinators(text, lead=None):
    """Agencies after "phối hợp (với)" whose subject is the addressee, in order, without repeats."""
    out = []
    for m in _COORD_RE.finditer(text):
        before = text[max(0, m.start() - 120) : m.start()]
        clause = _CLAUSE_SPLIT_RE.split(before)[-1]
        if _DIRECTING_RE.search(clause):
            continue  # "chỉ đạo các đơn vị chủ rừng phối hợp với …": their coordination, not the lead's
        if _GIUA_RE.match(text[m.end() : m.end() + 6]):
            continue
        got, end = names.agency_list(text, m.end())
        if not got:
            b = _BARE_CLASS_RE.match(text, m.end())
            got = [b.group()] if b else []
            end = b.end() if b else end
        while got:  # "… các cơ quan chức năng và chính quyền địa phương"
            sep = _LIST_SEP_RE.match(text[end : end + 8])
            b = _BARE_CLASS_RE.match(text, end + sep.end()) if sep else None
            if not b:
                break
            got.append(b.group())
            end = b.end()
        for g in got:
            g = _clean(g)
            if g and g not in out and g != lead:
                out.append(g)
    return out


def joint(found):
    """True when several addressees are named and none leads (the lead is then left empty)."""
    return len(found) > 1


_HEADING_START_RE = re.compile(r"[A-ZĐÀ-Ỹ]|các\s|tỉnh\s|thành\s+phố\s")


def heading_names(text):
    """The addressees of a heading that is only a name or a list of names ("1. Sở Nội vụ",
    "b) Ủy ban nhân dân các tỉnh, thành phố có dự án đi qua:", "Giao Sở Tư pháp:",
    "Trách nhiệm của các sở, ban, ngành"), else None."""
    t = text.strip().rstrip(":.;").strip()
    if not t or len(t) > 300 or not _HEADING_START_RE.match(t):
        return None
    t2 = _HEADING_LEAD_RE.sub("", t)
    got, end = names.agency_list(t2, 0, place=True)
    if not got:
        return None
    rest = _PAREN_RE.sub("", t2[end:]).strip()
    rest = _HEADING_TAIL_RE.sub("", rest).strip(" ,:")
    if rest:
        return None
    return [_clean(g) for g in got]


_SCOPE_LABEL_RE = re.compile(r"\s*(?i:đối\s+với|riêng|về)\s")


def labelled_names(text):
    """(addressees, task) for a point that names its agency as a label and gives the task after a
    colon on the same line ("3. Sở Khoa học và Công nghệ: Chủ trì, phối hợp …", "4. Sở Tư pháp:
    Lồng ghép …"), else None. A compressed list ("Các Bộ: Tài chính, Xây dựng …") is no label."""
    k = text.find(":")
    if k <= 0 or k > 300:
        return None
    rest = text[k + 1 :].strip()
    if len(rest) < 8:
        return None
    label = text[:k]
    if _SCOPE_LABEL_RE.match(label):
        return None  # "Đối với UBND cấp xã: Có kết quả …" scopes a criterion; it assigns nothing by itself
    if names.compressed_at(_HEADING_LEAD_RE.sub("", label.strip()) + ":", 0) or names.bare_names_at(rest, 0):
        return None
    got = heading_names(label)
    return (got, rest) if got else None


_MODAL_AFTER_RE = re.compile(
    r"\s*,?\s*(?:cần|phải|tiếp\s+tục|tập\s+trung|có\s+trách\s+nhiệm|khẩn\s+trương|chủ\s+động|lưu\s+ý|nghiêm\s+túc)\b"
)


def frame_addressees(text):
    """The addressees of a lead-in ending in ":" ("Để …, tỉnh Đắk Lắk cần tiếp tục thực hiện … sau:",
    "Dự báo … . Đề nghị Ban chỉ đạo …, các cơ quan, địa phương cần …:"), from its last sentence."""
    last = _SENTENCE_SPLIT_RE.split(text.strip())[-1]
    found, _at = assigned(last, limit=len(last))
    if found:
        return found
    for s, _e, _name in names.find_all(last, place=True):
        got, end = names.agency_list(last, s, place=True)
        if got and _MODAL_AFTER_RE.match(last, end):
            return [_clean(g) for g in got]
    return []


_TRAILING_UNIT_RE = re.compile(r"\(([^()]{3,200})\)\s*[.;]?\s*$")


def trailing_unit(text):
    """The responsible unit written in trailing parentheses ("Cải cách thể chế (Vụ Pháp chế)."):
    ([names], True) when the parenthesis holds only agency names."""
    m = _TRAILING_UNIT_RE.search(text)
    if not m:
        return []
    inner = m.group(1).strip()
    got, end = names.agency_list(inner, 0)
    if got and not inner[end:].strip(" ,;."):
        return [_clean(g) for g in got]
    return []
