"""The layout of an administrative document (NĐ 30/2020/NĐ-CP): header, title, body, recipients, signature.

build_units() turns text into paragraphs ("units"), undoing what page breaks and copy-paste do to
them; document_fields() reads the fixed parts around the body. Both are single passes over lines.
"""

import re
from datetime import date

from .deadlines import parse_day
from .names import agency_list
from .vietnamese import LOWER, UPPER, from_superscript, is_all_caps, squash, starts_lower

KINDS = (
    "THÔNG BÁO",
    "CHỈ THỊ",
    "KẾ HOẠCH",
    "CÔNG VĂN",
    "QUYẾT ĐỊNH",
    "BÁO CÁO",
    "NGHỊ QUYẾT",
    "CHƯƠNG TRÌNH",
    "TỜ TRÌNH",
    "NGHỊ ĐỊNH",
    "THÔNG TƯ",
    "LUẬT",
)
_LETTER_MARK_RE = re.compile(r"\s*(?:V/v\s|Về\s+việc\s|Kính\s+gửi\s*:)")
_SYMBOL_KIND = {
    "TB": "THÔNG BÁO",
    "CT": "CHỈ THỊ",
    "KH": "KẾ HOẠCH",
    "QĐ": "QUYẾT ĐỊNH",
    "BC": "BÁO CÁO",
    "NQ": "NGHỊ QUYẾT",
    "CTr": "CHƯƠNG TRÌNH",
    "TTr": "TỜ TRÌNH",
    "NĐ": "NGHỊ ĐỊNH",
    "TT": "THÔNG TƯ",
}
INDICES = [
    ("PAR INDEX", re.compile(r"par\s*-?\s*index", re.I)),
    ("SIPAS", re.compile(r"\bsipas\b", re.I)),
    ("PAPI", re.compile(r"\bpapi\b", re.I)),
    ("PCI", re.compile(r"\bpci\b", re.I)),
    ("DTI", re.compile(r"\bdti\b", re.I)),
]

MARKER_RE = re.compile(
    r"^(?:(?P<roman>(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3}))\s*[.)/]\s+"
    r"|(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+"
    r"|(?P<num1>\d{1,2})\s*[.)]\s+"
    r"|(?P<letter>[a-zđ])\s*[).]\s+"
    r"|(?P<bullet>[-–—•+●○▪■◦])\s*"
    r"|(?P<paren>\((?:\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)\))\s*"
    r"|(?P<upper>[A-HK-UW-ZĐ])\.\s+"
    r"|(?P<article>Điều\s+\d{1,3})\s*[.:]\s*)(?=\S)"
)
# A marker alone on its line ("**1.**" in web copies): the point's text is on the next line.
_BARE_MARKER_RE = re.compile(r"^(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ]|\(\d{1,2}\))\s*[.)]?$")
_DEBRIS_RE = re.compile(r"\*+|_{2,}|^#+\s*")
_SEPARATOR_RE = re.compile(r"^[\s\-_=*.~–—]{3,}$")
_FOOTNOTE_LINE_RE = re.compile(
    r"^\s*(?:(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|\[(?P<num>\d{1,3})\]|\((?P<par>\d{1,3})\))\s*(?P<text>\S.*)$"
)
_SUP_MARK_RE = re.compile(r"(?<=\S)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_BRACKET_MARK_RE = re.compile(r"\s?\[(\d{1,3})\]")
_TERMINAL = ".:;!?"

_NAME = rf"[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{1,4}}"
_NAME_RE = re.compile(rf"^{_NAME}$")
_LONG_DATE = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s+năm\s+(\d{4})"
_PLACE_DATE_RE = re.compile(rf"(?P<place>[{UPPER}][^\d,:;]{{1,40}}?)\s*,\s*ngày\s+{_LONG_DATE}")
_NUMBER_RE = re.compile(r"Số\s*:\s*(?P<number>[\w./&-]*\w)")
_MEETING_RE = re.compile(
    rf"(?:(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Hh]ôm\s+nay)\s*,?\s+)?(?:[Nn]gày|[Hh]ôm\s+nay,?\s+ngày)\s+(?:{_LONG_DATE}|(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}))"
)
_CHAIR_RE = re.compile(
    rf"(?:đồng\s+chí|ông|bà)\s+(?P<name>{_NAME})\s*(?:[-–,]\s*(?P<title>[^,;()]+?))?\s*,?\s+(?:đã\s+)?chủ\s+trì"
    rf"|(?:chủ\s+trì\s+của|do)\s+(?:đồng\s+chí\s+)?(?P<name2>{_NAME})(?:\s*[-–,]\s*(?P<title2>[^,;()]+?))?\s+chủ\s+trì",
    re.I,
)
_SYMBOL_RE = re.compile(
    rf"(?<![\w/-])(\d{{1,5}}(?:/\d{{4}})?[/-][{UPPER}][{UPPER}{LOWER}0-9&]*(?:[-/][{UPPER}][{UPPER}{LOWER}0-9&]*)+)(?![\w/])"
)
_REF_KIND_RE = re.compile(
    r"(Chỉ\s+thị|Nghị\s+quyết|Kế\s+hoạch|Báo\s+cáo|Quyết\s+định|Công\s+văn|văn\s+bản(?:\s+chỉ\s+đạo)?|Văn\s+bản|Thông\s+báo"
    r"|Nghị\s+định|Thông\s+tư|Đề\s+án|Tờ\s+trình|Chương\s+trình|Luật)\s+(?:số\s+)?$"
)
_REF_DATE_RE = re.compile(
    rf"^\s*,?\s*(?:ban\s+hành\s+)?ngày\s+(\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*\d{{4}}|{_LONG_DATE})"
)
_RULE_LINE_RE = re.compile(r"^[-_=*|.·\s]+$")


def _letterhead_end(units, limit=12):
    """Where the letterhead of a document without a kind line ends (a Công văn: issuer, quốc hiệu,
    "Số: …", "V/v …", place and date): after its last line among the first ones, so that a short
    letter's opening paragraph is not taken for letterhead (it used to be the first six units, which
    swallowed a short letter whole; longer letterheads keep that bound, the title reading below
    takes their remaining lines)."""
    end = 0
    for i, u in enumerate(units[:limit]):
        t = u.text.strip()
        if (
            is_all_caps(t)
            or _QUOC_HIEU_RE.search(t)
            or _NUMBER_RE.search(t)
            or _PLACE_DATE_RE.search(t)
            or t.startswith("V/v")
            or _RULE_LINE_RE.match(t)
        ):
            end = i + 1
            continue
        if end and len(t.split()) <= 12 and t[-1:] not in ".:;" and not t.startswith("Kính gửi"):
            end = i + 1  # a wrapped line of the subject or of the issuer ("tuyến đường … Thái Bình")
            continue
        break
    return end or min(len(units), 6)


_QUOC_HIEU_RE = re.compile(r"CỘNG\s+H\w+\s+XÃ\s+HỘI|ĐỘC\s+LẬP|^Độc\s+lập", re.I)
_RECIPIENTS_RE = re.compile(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.I)
_SIGN_PREFIX_RE = re.compile(r"^(?:TM|TL|KT|Q|TUQ|T/M|K/T)\s*\.\s*\S")
_OPENING_RE = re.compile(
    r"^(?:Sáng|Chiều|Tối|Ngày|Hôm\s+nay|Căn\s+cứ|Thực\s+hiện|Vừa\s+qua|Qua|Trên\s+cơ\s+sở|Theo|Nhằm|Để|Trong\s+thời\s+gian)\b"
)


_STAMP_LINE_RE = re.compile(
    r"^(?:Số ký hiệu \(chữ ký số\): (?P<number>\S+)|Ngày ký số: (?P<date>\d{2}/\d{2}/\d{4}))$"
)
_ANNEX_RE = re.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục|MẪU|Mẫu\s+số|KẾ\s+HOẠCH|DANH\s+MỤC|QUY\s+CHẾ|BIỂU\s+MẪU)\b")


# Patterns used for every line, compiled once.
_WRAPPED_WORD_RE = re.compile(r"\w[/-]$")
_UPPER_POINT_RE = re.compile(r"^[A-HK-UW-ZĐ]\.\s")
_OPEN_JOIN_RE = re.compile(r"(?:\s(?:và|của)|[-,&])$")
_MEETING_WORD_RE = re.compile(r"họp|hội\s+nghị|làm\s+việc|chủ\s+trì|buổi", re.I)


class Unit:
    """One paragraph as the parser sees it."""

    __slots__ = ("text", "marks", "marker", "kind")

    def __init__(self, text, marks=()):
        self.text = text
        self.marks = list(marks)
        self.marker = None
        self.kind = None

    def __repr__(self):
        return f"Unit({self.text[:40]!r})"


def clean_debris(text):
    text = _DEBRIS_RE.sub("", text)
    text = text.replace("\t", " ").replace("\u00a0", " ").replace("\u200b", "")
    return squash(text)


def split_footnotes(lines):
    """Footnote lines out of the running text: ({mark: text}, remaining lines)."""
    notes = {}
    rest = []
    current = None
    for line in lines:
        m = _FOOTNOTE_LINE_RE.match(line)
        is_note = bool(m) and (m.group("sup") or m.group("num") or (m.group("par") and False))
        if is_note:
            mark = from_superscript(m.group("sup")) if m.group("sup") else m.group("num")
            current = mark
            notes[mark] = clean_debris(m.group("text"))
            continue
        if current is not None and line.strip() and not line.strip().startswith("\f"):
            # A footnote runs on until a blank line, unless the next line is clearly body text.
            if not MARKER_RE.match(line.strip()) and starts_lower(line.strip()):
                notes[current] = squash(notes[current] + " " + clean_debris(line))
                continue
        current = None
        rest.append(line)
    return notes, rest


def _strip_marks(text, known):
    marks = []

    def sup(m):
        mark = from_superscript(m.group(1))
        if mark in known:
            marks.append(mark)
            return ""
        return m.group(0)

    def bracket(m):
        if m.group(1) in known:
            marks.append(m.group(1))
            return ""
        return m.group(0)

    text = _SUP_MARK_RE.sub(sup, text)
    text = _BRACKET_MARK_RE.sub(bracket, text)
    return text, marks


def _ends_open(text):
    t = text.rstrip(" )\"'”’»")
    return bool(t) and t[-1] not in _TERMINAL and not t.endswith("./.")


_PLACE_END_RE = re.compile(r"(?:tỉnh|phố|huyện|xã|phường|quận|Tỉnh|Phố)$")
_PROPER_START_RE = re.compile(rf"^[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*)*(?:[;,.:)]|$)")


def _mid_name(text, line=""):
    """A line broken inside a proper name ("Ủy ban nhân dân tỉnh Tiền" + "Giang", "… thành phố" +
    "Hà Nội;"): it ends on a capitalised word that is not an abbreviation, or on a place noun whose
    name is the next line."""
    last = text.rstrip(" :").rsplit(" ", 1)[-1]
    rest = line.strip()
    if _PROPER_START_RE.match(rest) and (_PLACE_END_RE.search(last) or len(rest.split()) <= 3):
        return True  # the line is only the rest of the name ("Đông Nam", "Hà Nội;")
    return len(last) > 1 and last[0].isupper() and not last.isupper()


def _name_only(text):
    """A line that is only an agency's name (a heading), after its marker."""
    if len(text) > 160:
        return False
    t = MARKER_RE.sub("", text, count=1).strip().rstrip(":").strip()
    got, end = agency_list(t, 0, place=True)
    return bool(got) and end >= len(t)


def _double_spaced(lines):
    """True when (almost) every non-empty line stands alone between blank lines and most of them
    break off mid-sentence: the blank lines are a copy artefact, not paragraph breaks."""
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(nonblank) < 20:
        return False
    long_lines = sum(1 for i in nonblank if len(lines[i].strip()) > 200 and not lines[i][:1].isspace())
    if long_lines >= max(2, 0.05 * len(nonblank)):
        # Lines holding whole paragraphs (a DOCX read one paragraph per line, a blank line between) are
        # not wrapped, so the blank lines are real paragraph breaks. (A wrapped copy may still carry a
        # few long indented lines: dev 10.)
        return False
    alone = sum(1 for a, b in zip(nonblank, nonblank[1:]) if b - a >= 2)
    open_ends = sum(1 for i in nonblank if _ends_open(lines[i].strip()))
    return alone >= 0.8 * (len(nonblank) - 1) and open_ends >= 0.4 * len(nonblank)


def build_units(text):
    """Paragraph units and footnotes from text with one paragraph per line (or hard-wrapped)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n").split("\n")
    notes, lines = split_footnotes(lines)
    if _double_spaced(lines):
        # Text copied from web pages often puts a blank line after every wrapped line: then a blank
        # line says nothing about paragraphs, and only sentence ends and markers do.
        lines = [ln for ln in lines if ln.strip()]
    units = []
    # Per unit while building: its pieces, whether it is a capitals heading, whether it is numbered.
    # Only the last piece is looked at, so a paragraph of any length is built in linear time.
    parts, caps, marked = [], [], []
    blank = True
    pending = ""  # a marker alone on its line waits for its text

    def joined(i):
        return "".join(parts[i]) if len(parts[i]) > 1 else parts[i][0]

    def add(line, marks, sep=" "):
        i = len(units) - 1
        glue = "" if sep == " " and _WRAPPED_WORD_RE.search(parts[i][-1]) else sep
        parts[i].append(glue + line)
        units[i].marks.extend(marks)

    for raw in lines:
        stripped = raw.strip()
        if not stripped or stripped in ("\f", "|") or _SEPARATOR_RE.match(raw):
            blank = True
            continue
        line, marks = _strip_marks(clean_debris(raw), notes)
        if not line:
            blank = True
            continue
        if not pending and len(line) <= 8 and _BARE_MARKER_RE.match(line):
            pending = line if line[-1] in ".)" else line + "."
            continue
        if pending:
            line = f"{pending} {line}"
            pending = ""
        line_caps = is_all_caps(line)
        line_marked = bool(MARKER_RE.match(line))
        if units:
            last = parts[-1][-1]
            prev_open = _ends_open(last) and not last.rstrip().endswith(":")
            if prev_open and (line.startswith("(") or _UPPER_POINT_RE.match(line)):
                # "(2) Kế hoạch …" or "A. …" wrapped into a new line mid-sentence is not a point.
                add(line, marks)
                blank = False
                continue
            if line_caps and not line_marked and caps[-1] and marked[-1] and _ends_open(last):
                add(line, marks)  # "II. NỘI" + "DUNG KẾ HOẠCH"
                continue
            if line_caps and len(line.split()) <= 3 and _OPEN_JOIN_RE.search(last):
                add(line, marks)  # an abbreviation wrapped after "và": "Trung tâm chuyển đổi số và" + "TKNN"
                continue
        new = True
        if units and not line_marked and not line_caps and not _RECIPIENTS_RE.match(line):
            last = parts[-1][-1]
            if not caps[-1]:
                lower = starts_lower(line)
                # Same block (no blank line): a hard wrap unless the previous line ended a sentence
                # and this one starts a new one. Across a blank line: only a page break splits a
                # sentence, and then the next part starts in lower case.
                if (not blank and (lower or _ends_open(last))) or (blank and lower and _ends_open(last)):
                    new = False
                if (
                    not new
                    and not lower
                    and (marked[-1] or last.endswith(":"))
                    and sum(len(x) for x in parts[-1]) <= 160
                    and _name_only(joined(-1))
                    and not _mid_name(last, line)
                ):
                    new = True  # "- Trung tâm chuyển đổi số và TKNN" heads the paragraphs below it
        if new:
            units.append(Unit(line, marks))
            parts.append([line])
            caps.append(line_caps)
            marked.append(line_marked)
        else:
            add(line, marks)
        blank = False
    for i, u in enumerate(units):
        if len(parts[i]) > 1:
            u.text = "".join(parts[i])
    return units, notes


def _iso(d):
    return d.isoformat() if isinstance(d, date) else None


def _kind_of(unit_text):
    up = unit_text.strip().rstrip(":").strip()
    if not is_all_caps(up):
        return None, None
    for kind in KINDS:
        if up == kind or up.startswith(kind + " "):
            return kind, up[len(kind) :].strip() or None
    return None, None


def document_fields(units, notes, *, notice_date=None):
    """Header, title, meeting, references, recipients, signature; and where the body starts and ends."""
    doc = {
        "kind": None,
        "issuer": None,
        "number": None,
        "place": None,
        "date": None,
        "title": None,
        "meeting_date": None,
        "chaired_by": None,
        "chair_title": None,
        "signed_by": None,
        "signed_digitally": False,
        "signer_title": None,
        "signature_block": [],
        "indices": [],
        "references": [],
        "reference_details": [],
        "footnotes": [],
        "recipients": [],
        "requirements": [],
    }
    n = len(units)
    head_limit = min(n, 20)
    kind_idx = None
    for i in range(head_limit):
        kind, rest = _kind_of(units[i].text)
        if kind:
            doc["kind"] = kind
            kind_idx = i
            title_lead = rest
            break
    header = units[:kind_idx] if kind_idx is not None else units[: min(6, _letterhead_end(units))]
    for u in header:
        m = _NUMBER_RE.search(u.text)
        if m and not doc["number"]:
            doc["number"] = m.group("number")
        m = _PLACE_DATE_RE.search(u.text)
        if m and not doc["date"]:
            doc["place"] = squash(m.group("place"))
            d = parse_day(f"{m.group(2)}/{m.group(3)}/{m.group(4)}", None)
            doc["date"] = _iso(d)
    issuer = [
        u.text
        for u in header
        if is_all_caps(u.text)
        and not _QUOC_HIEU_RE.search(u.text)
        and not _NUMBER_RE.search(u.text)
        and not _kind_of(u.text)[0]
    ]
    if issuer:
        doc["issuer"] = squash(" ".join(issuer))
    if not doc["kind"] and doc["number"]:
        sym = re.split(r"[/-]", doc["number"])
        for part in sym[1:2]:
            doc["kind"] = _SYMBOL_KIND.get(part) or ("CÔNG VĂN" if part in ("UBND", "VP", "SNV") else None)
    if not doc["kind"] and any(_LETTER_MARK_RE.match(u.text) for u in units[:head_limit]):
        # A Công văn has no kind line: its symbol is the issuer's ("/SYT-NVY") and it carries a subject
        # line "V/v …" and "Kính gửi:" (Nghị định 30/2020/NĐ-CP, Phụ lục I).
        doc["kind"] = "CÔNG VĂN"
    if notice_date and not doc["date"]:
        doc["date"] = _iso(notice_date)

    # Title: the lines after the kind line up to the opening paragraph.
    body_start = kind_idx + 1 if kind_idx is not None else len(header)
    title = [title_lead] if kind_idx is not None and title_lead else []
    i = body_start
    while i < n and len(title) < 4:
        t = units[i].text
        if MARKER_RE.match(t) or _OPENING_RE.match(t) or _RECIPIENTS_RE.match(t) or t.startswith("Kính gửi"):
            break
        plain_title = not title and len(t.split()) <= 80 and t[-1:] not in ".:;"
        if t.startswith(("V/v", "Về việc")) or is_all_caps(t) or plain_title:
            title.append(re.sub(r"^(?:V/v|Về\s+việc)\s*", "", t) if not title else t)
            i += 1
            continue
        break
    if not title and kind_idx is None:
        # a letter's subject line ("V/v xin ý kiến …") sits in its letterhead, under its number
        # (a PDF's two-column letterhead may run it into the lines beside it: "… Số: /VP-NC … V/v …")
        for k, u in enumerate(header):
            m = re.search(r"(?:^|\s)V/v\s*(?P<rest>\S.*)$", u.text)
            if m:
                title = [m.group("rest")] + [
                    v.text
                    for v in header[k + 1 :]
                    if not is_all_caps(v.text) and not _PLACE_DATE_RE.search(v.text)
                ]
                break
    if title:
        doc["title"] = squash(" ".join(title))
    body_start = i

    # Tail: recipients and signature; whichever comes first after the body.
    tail = n
    for j in range(body_start, n):
        t = units[j].text
        if _RECIPIENTS_RE.match(t) or (_SIGN_PREFIX_RE.match(t) and is_all_caps(t)):
            tail = j
            break
    recipients = []
    in_recipients = False
    signature = []
    name = None
    for u in units[tail:]:
        t = u.text
        if name and _ANNEX_RE.match(t):
            break  # an annex or a sample form follows: its signature lines are not the signer's
        stamp = _STAMP_LINE_RE.match(t)
        if stamp:
            continue
        m = _RECIPIENTS_RE.match(t)
        if m:
            in_recipients = True
            rest = m.group("rest").strip()
            if rest:
                recipients += [r.strip(" ;.") for r in re.split(r"(?:^|\s)[-+]\s+", rest) if r.strip(" ;.")]
            continue
        if in_recipients and re.match(r"^[-+•]\s*", t):
            recipients.append(re.sub(r"^[-+•]\s*", "", t).strip(" ;."))
            continue
        in_recipients = False
        if is_all_caps(t):
            signature.append(t)
        elif _NAME_RE.match(t.strip()) and name is None and signature:
            name = t.strip()
    doc["recipients"] = [r for r in recipients if r]
    doc["signature_block"] = signature
    doc["signed_by"] = name
    titles = [s for s in signature if not _SIGN_PREFIX_RE.match(s)]
    if titles:
        doc["signer_title"] = titles[-1]
    elif signature:
        doc["signer_title"] = re.sub(r"^\S+\.\s*", "", signature[-1])

    # An e-signed PDF often leaves "Số: /…" and "ngày … tháng … năm" blank; the stamp carries them.
    for u in units[body_start:]:
        m = _STAMP_LINE_RE.match(u.text)
        if not m:
            continue
        if m.group("number") and (not doc["number"] or not re.match(r"\d", doc["number"])):
            doc["number"] = m.group("number")
        if m.group("date") and not doc["date"]:
            doc["date"] = _iso(parse_day(m.group("date"), None))
        doc["signed_digitally"] = True

    body = units[body_start:tail]
    # Meeting: the opening paragraph, before the first numbered point.
    for u in body:
        if MARKER_RE.match(u.text) and not u.text.startswith("-"):
            break
        if not _MEETING_WORD_RE.search(u.text):
            continue
        m = _MEETING_RE.search(u.text)
        if m and not doc["meeting_date"]:
            g = m.groups()
            d = parse_day(f"{g[0]}/{g[1]}/{g[2]}" if g[0] else f"{g[3]}/{g[4]}/{g[5]}", None)
            doc["meeting_date"] = _iso(d)
        c = _CHAIR_RE.search(u.text)
        if c and not doc["chaired_by"]:
            doc["chaired_by"] = c.group("name") or c.group("name2")
            title_ = c.group("title") or c.group("title2")
            doc["chair_title"] = squash(title_) if title_ else None
        if doc["meeting_date"]:
            break

    # References, indices: body and footnotes (not the recipients, whose "Lưu: VT" is not a citation).
    texts = [u.text for u in units[:tail]] + [notes[k] for k in notes]
    own = doc["number"]
    seen = set()
    for t in texts:
        for m in _SYMBOL_RE.finditer(t):
            sym = m.group(1)
            if sym == own or sym in seen:
                continue
            seen.add(sym)
            kind = _REF_KIND_RE.search(t[max(0, m.start() - 40) : m.start()])
            dm = _REF_DATE_RE.match(t[m.end() : m.end() + 40])
            d = None
            if dm:
                d = parse_day(
                    dm.group(1) if dm.group(2) is None else f"{dm.group(2)}/{dm.group(3)}/{dm.group(4)}", None
                )
            doc["references"].append(sym)
            doc["reference_details"].append(
                {"symbol": sym, "kind": squash(kind.group(1)) if kind else None, "date": _iso(d)}
            )
    joined = "\n".join(u.text for u in units[:tail])
    doc["indices"] = [name for name, rx in INDICES if rx.search(joined)]
    doc["footnotes"] = [{"mark": k, "text": v} for k, v in notes.items()]
    return doc, body_start, tail
