"""Who leads and who coordinates a task, as written, then resolved through a gazetteer.

Agency names in directives have no reliable end: "Sở Thông tin và Truyền thông thành lập ..." runs
straight into the verb. So names are found from a lexicon of the national department names and
fixed provincial bodies (plus the gazetteer's own names when it has them), and groups from a small
grammar: "các" + nouns for kinds of units ("các cơ quan, đơn vị, địa phương có liên quan").
"""

import re

from .vietnamese import UPPER

_I = re.IGNORECASE

_DEPARTMENTS = [
    "Nội vụ",
    "Tư pháp",
    "Kế hoạch và Đầu tư",
    "Kế hoạch - Đầu tư",
    "Tài chính",
    "Công Thương",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Giao thông vận tải",
    "Giao thông - Vận tải",
    "Xây dựng",
    "Tài nguyên và Môi trường",
    "Thông tin và Truyền thông",
    "Lao động - Thương binh và Xã hội",
    "Lao động, Thương binh và Xã hội",
    "Văn hóa, Thể thao và Du lịch",
    "Văn hóa và Thể thao",
    "Du lịch",
    "Khoa học và Công nghệ",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Ngoại vụ",
    "Dân tộc và Tôn giáo",
    "Quy hoạch - Kiến trúc",
    "TT&TT",
    "TTTT",
    "KH&ĐT",
    "KHĐT",
    "NN&PTNT",
    "NNPTNT",
    "NN&MT",
    "TN&MT",
    "TNMT",
    "GTVT",
    "LĐ-TB&XH",
    "LĐTBXH",
    "VH,TT&DL",
    "VHTTDL",
    "KH&CN",
    "KHCN",
    "GD&ĐT",
    "GDĐT",
    "DT&TG",
]
_UB = r"(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)"
_PLACE = rf"[{UPPER}][\w]*(?:\s+[{UPPER}][\w]*)*"
_FIXED = [
    rf"(?:Văn\s+phòng|VP)\s+(?:{_UB}|Đoàn\s+ĐBQH\s+và\s+HĐND)(?:\s+tỉnh)?",
    rf"{_UB}\s+(?:huyện|thị\s+xã|thành\s+phố|quận|xã|phường|thị\s+trấn|TP\.?|TX\.?)\s+{_PLACE}",
    rf"{_UB}\s+cấp\s+(?:tỉnh|huyện|xã)(?:\s*,\s*cấp\s+(?:huyện|xã))*",
    rf"{_UB}\s+tỉnh",
    r"Thanh\s+tra\s+tỉnh",
    r"Công\s+an\s+tỉnh",
    r"Ban\s+Dân\s+tộc(?:\s+tỉnh)?",
    r"Ban\s+Quản\s+lý\s+(?:các\s+)?(?:KCN|[Kk]hu\s+công\s+nghiệp|[Kk]hu\s+kinh\s+tế)(?:\s+tỉnh)?",
    r"(?:Bảo\s+hiểm\s+xã\s+hội|BHXH)\s+tỉnh",
    r"Cục\s+Thuế(?:\s+tỉnh)?",
    r"Cục\s+Thống\s+kê(?:\s+tỉnh)?",
    r"(?:Kho\s+bạc\s+[Nn]hà\s+nước|KBNN)(?:\s+tỉnh)?",
    r"Trung\s+tâm\s+(?:Phục\s+vụ\s+)?(?:[Hh]ành\s+chính\s+công|HCC)(?:\s+tỉnh)?",
    r"Đài\s+(?:Phát\s+thanh\s*(?:-|và)\s*Truyền\s+hình|PT\s*-\s*TH)(?:\s+tỉnh)?",
    r"(?:Hội\s+đồng\s+nhân\s+dân|HĐND)\s+tỉnh",
    r"Tỉnh\s+ủy",
    r"Liên\s+đoàn\s+Lao\s+động\s+tỉnh",
    r"(?:Ủy\s+ban\s+Mặt\s+trận\s+Tổ\s+quốc(?:\s+Việt\s+Nam)?|UBMTTQ(?:\s+Việt\s+Nam)?)\s+tỉnh",
    r"Bưu\s+điện\s+tỉnh",
    r"Tỉnh\s+đoàn",
]
_GROUP_NOUN = (
    r"(?i:sở\s+ngành|ban\s+ngành|cơ\s+quan\s+chuyên\s+môn|cơ\s+quan|đơn\s+vị|địa\s+phương|thị\s+xã|thị\s+trấn"
    r"|thành\s+phố|đoàn\s+thể|tổ\s+chức|doanh\s+nghiệp|sở|ban|ngành|huyện|thị|xã|phường|quận|cấp|hội|phòng"
    r"|CQCM|CQTW)(?!\w)"
)
_GROUP_TAIL = (
    r"(?:\s+(?i:có\s+liên\s+quan|liên\s+quan|thuộc\s+(?:UBND|Ủy\s+ban\s+nhân\s+dân)\s+tỉnh|thuộc\s+tỉnh"
    r"|trên\s+địa\s+bàn(?:\s+tỉnh)?|tỉnh|cấp\s+(?:tỉnh|huyện|xã))(?!\w))*"
)
_GROUP = (
    rf"(?:(?:{_UB}|Chủ\s+tịch\s+{_UB})\s+)?(?i:các)\s+{_GROUP_NOUN}"
    rf"(?:(?:\s*,\s*(?:(?i:các)\s+)?|\s+và\s+(?:(?i:các)\s+)?|\s+){_GROUP_NOUN})*{_GROUP_TAIL}"
)
_TITLE = (
    r"(?:Người\s+đứng\s+đầu|Thủ\s+trưởng|Giám\s+đốc|Phó\s+Giám\s+đốc|Chủ\s+tịch|Lãnh\s+đạo|Trưởng\s+ban"
    r"|Chánh\s+Văn\s+phòng|Chánh\s+Thanh\s+tra)\s+"
)


def _flex(name):
    """Regex for a name that tolerates old/new tone placement and spacing around '-' and '&'."""
    out = re.escape(name)
    out = out.replace(r"\ ", r"\s+").replace(r"\-", r"\s*-\s*").replace(r"\&", r"\s*&\s*")
    for new, old in (("óa", "oá"), ("òa", "oà"), ("ủy", "uỷ"), ("úy", "uý")):
        out = out.replace(new, f"(?:{new}|{old})")
    return out


def _named(extra=()):
    departments = "|".join(_flex(n) for n in sorted(_DEPARTMENTS, key=len, reverse=True))
    names = [rf"Sở\s+(?:{departments})(?![\w&])(?:\s+tỉnh)?"] + _FIXED
    names += [_flex(n) for n in sorted(set(extra), key=len, reverse=True)]
    return "|".join(f"(?:{n})" for n in names)


class AgencyFinder:
    """Regexes for agency phrases; extra names (from a gazetteer) widen the lexicon."""

    def __init__(self, extra_names=()):
        one = rf"(?:{_GROUP}|{_named(extra_names)})(?![\w&])"
        self.one = one
        self.one_re = re.compile(rf"(?:{_TITLE})?(?P<agency>{one})")
        sep = r"(?:\s*[,;]\s*(?:và\s+)?|\s+và\s+|\s+cùng\s+)"
        self.list_re = re.compile(rf"(?:{_TITLE})?(?P<first>{one})(?P<rest>(?:{sep}(?:{_TITLE})?{one})*)")
        self.split_re = re.compile(rf"(?:{_TITLE})?({one})")
        self.before_re = re.compile(rf"(?:(?i:giao)\s+)?(?:{_TITLE})?(?P<agency>{one})\s*,?\s*$")
        self.coord_re = re.compile(r"phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với)?\s+", _I)
        self.lead_re = re.compile(r"chủ\s+trì", _I)
        self.report_re = re.compile(
            rf"\(\s*(?:thông\s+)?qua\s+(?P<a>{one})|(?:gửi|báo\s+cáo)[^.;()]{{0,80}}?\(?\s*(?:thông\s+)?qua\s+(?P<b>{one})"
            rf"|(?:gửi|báo\s+cáo)(?:\s+kết\s+quả)?(?:\s+thực\s+hiện)?(?:\s+về)?\s+(?P<c>{one})",
            _I,
        )
        self.start_re = re.compile(rf"\s*(?:(?i:giao)\s+)?(?:{_TITLE})?(?P<agency>{one})(?P<after>\s+\S+)?")

    def agencies_at(self, text, pos=0):
        """The agency list that starts exactly at pos ("Sở A, Sở B và các đơn vị có liên quan")."""
        m = self.list_re.match(text, pos)
        if not m:
            return []
        return [a.strip() for a in self.split_re.findall(m.group(0))]

    def lead(self, text):
        """The lead named in a task's own words: "X chủ trì", "Giao X ...", or X as the sentence's subject."""
        for m in self.lead_re.finditer(text):
            window = text[max(0, m.start() - 160) : m.start()]
            b = self.before_re.search(window)
            if b:
                return b.group("agency").strip()
        m = self.start_re.match(text)
        if m and m.group("after") and not re.match(r"\s+(?:của|về|trong|tại|thuộc)\b", m.group("after")):
            return m.group("agency").strip()
        return None

    def coordinators(self, text):
        out = []
        for m in self.coord_re.finditer(text):
            for name in self.agencies_at(text, m.end()):
                if name not in out:
                    out.append(name)
        return out

    def report_to(self, text):
        m = self.report_re.search(text)
        if not m:
            return None
        return (m.group("a") or m.group("b") or m.group("c")).strip()

    def heading(self, text):
        """The addressee of a heading point ("1. Sở Thông tin và Truyền thông", "II. Nhiệm vụ cụ thể của
        các Sở, ngành, địa phương:"), or None when the point is a sentence, not a heading."""
        t = text.strip().rstrip(":.").strip()
        if not t or len(t.split()) > 25 or re.search(r"[.;!?]\s", t):
            return None
        t2 = re.sub(
            r"^(?:(?i:nhiệm\s+vụ)(?:\s+(?i:chung|cụ\s+thể|trọng\s+tâm|chủ\s+yếu))?(?:\s+(?:của|đối\s+với|cho))?"
            r"|Đối\s+với|Trách\s+nhiệm(?:\s+của)?|Phân\s+công(?:\s+nhiệm\s+vụ)?(?:\s+cho)?|Giao)\s+",
            "",
            t,
        )
        m = self.list_re.match(t2)
        if m and m.end() == len(t2):
            one = self.one_re.match(t2)
            # "Người đứng đầu các cơ quan" heading -> "các cơ quan"; a list keeps its words.
            if one and one.end() == len(t2):
                return one.group("agency").strip()
            return t2
        return None


_DEFAULT = None


def default_finder():
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = AgencyFinder()
    return _DEFAULT


def finder_for(gazetteer):
    """A finder whose lexicon includes the gazetteer's names (cached on the gazetteer)."""
    if gazetteer is None:
        return default_finder()
    cached = getattr(gazetteer, "_notice_finder", None)
    if cached is not None:
        return cached
    names = []
    for entry in list(getattr(gazetteer, "agencies", {}).values()):
        for name in [getattr(entry, "name", ""), *getattr(entry, "aliases", [])]:
            # Only names that start like an agency; bare place names ("La Gi") would match anywhere.
            if re.match(
                r"(?:Sở|Ban|Báo|Đài|Trung\s+tâm|Công\s+ty|Cục|Chi\s+cục|Kho\s+bạc|Bưu\s+điện|Thanh\s+tra)\s",
                name,
            ):
                names.append(name)
    finder = AgencyFinder(names)
    try:
        gazetteer._notice_finder = finder
    except Exception:
        pass
    return finder


def split_names(text):
    """ "Thủ trưởng các sở, ngành; Chủ tịch UBND các huyện" -> the names to resolve one by one."""
    parts = [p.strip() for p in re.split(r"\s*;\s*", text or "") if p.strip()]
    return parts or ([text] if text else [])


def resolve(name, gazetteer, on=None, threshold=0.75):
    """Agency ids for a name as written, or None when the gazetteer has no confident match."""
    if gazetteer is None or not name:
        return None
    ids = []
    for part in split_names(name):
        part = re.sub(rf"^{_TITLE}", "", part)
        try:
            found = gazetteer.find(part, on=on)
        except TypeError:
            found = gazetteer.find(part)
        if not found or found[0].confidence < threshold:
            return None
        for i in found[0].agency_ids:
            if i not in ids:
                ids.append(i)
    return ids
