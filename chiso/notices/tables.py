"""Task tables (Phụ lục phân công nhiệm vụ): one task per row, columns found by their headings.

A plan often assigns its work in a table: Nhiệm vụ / Cơ quan chủ trì / Cơ quan phối hợp / Thời gian
(/ Kết quả / Kinh phí), sometimes with a Hoạt động column (one task per activity). Tables reach us in
three shapes, all read here:

- markdown rows on one line ("| 1 | Xây dựng … | Sở Tài chính | … |"), which the DOCX and PDF readers
  also produce for tables whose header assigns work;
- web copies with every cell on its own lines between lines holding only "|" (two "|" lines in a row
  end a row);
- flattened copies with no separators at all: one cell per line (a wrapped cell continues on indented
  lines), rows recognised by their number cell.

Cells are assigned to columns by position when a row is complete, otherwise by what they hold (a row
number, a time phrase, an agency name, or text) in the order the header gives, which also copes with
merged cells: a row without its own agencies or time takes them from the row above (rowspan).
Group rows (a number and a title, at most a time) are headings, not tasks.
"""

import re

from . import names
from .vietnamese import squash

_ROLE_PATTERNS = [
    ("num", re.compile(r"^(?:s[ốo]\s*)?(?:tt|stt|số\s+thứ\s+tự)\.?$", re.I)),
    ("lead", re.compile(r"chủ\s+trì|thực\s+hiện\s+chính|^(?:người|cán\s+bộ)\s+phụ\s+trách", re.I)),
    ("coord", re.compile(r"phối\s+hợp", re.I)),
    (
        "time",
        re.compile(
            r"^(?:thời\s+(?:gian|hạn|điểm)|tiến\s+độ|(?:hạn|thời\s+hạn)\s+hoàn\s+thành|ngày\s+hoàn\s+thành)",
            re.I,
        ),
    ),
    ("activity", re.compile(r"^hoạt\s+động", re.I)),
    (
        "group",
        re.compile(
            r"^(?:trách\s+nhiệm|(?:cơ\s+quan|đơn\s+vị|bộ\s+phận)(?:\s+thực\s+hiện)?$|(?:cơ\s+quan|đơn\s+vị|bộ\s+phận)\s+thực\s+hiện|phân\s+công)",
            re.I,
        ),
    ),
    (
        "other",
        re.compile(
            r"^(?:kết\s+quả|sản\s+phẩm|kinh\s+phí|nguồn|ghi\s+chú|dự\s+toán|hình\s+thức|(?:cơ\s+quan\s+|đơn\s+vị\s+)?theo\s+dõi|đôn\s+đốc|giám\s+sát)",
            re.I,
        ),
    ),
    (
        "task",
        re.compile(
            r"^(?:nhiệm\s+vụ|nội\s+dung|tên|công\s+việc|danh\s+mục|giải\s+pháp|các\s+nhiệm\s+vụ|dịch\s+vụ)",
            re.I,
        ),
    ),
]
_NUM_RE = re.compile(r"^(?:[IVX]{1,5}|[A-Z]|\d{1,2}(?:\.\d{1,2}){0,3})\.?$")
_TIME_RE = re.compile(
    r"^(?:trước|chậm\s+nhất|muộn\s+nhất|trong|từ|ngày|tháng|quý|quí|năm|hằng|hàng|định\s+kỳ|thường\s+xuyên|"
    r"theo\s+(?:kế\s+hoạch|tiến\s+độ|quy\s+định|yêu\s+cầu)|khi\s|sau\s+khi|giai\s+đoạn|liên\s+tục|đến|"
    r"\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}|20\d\d)",
    re.I,
)
_HEADER_YEAR_RE = re.compile(r"\b[Nn]ăm\s+(20\d\d)\b")
_SEPARATOR_ROW_RE = re.compile(r"^\|?\s*:?-{3,}")
_DEBRIS_RE = re.compile(r"\*+|_{2,}")


class Row:
    __slots__ = ("ref", "text", "lead", "coords", "time", "source", "title")

    def __init__(self, ref, text, lead, coords, time, source, title=None):
        self.ref, self.text, self.lead, self.coords, self.time = ref, text, lead, coords, time
        self.source, self.title = source, title


class Table:
    def __init__(self, roles, header=()):
        self.roles = roles
        self.rows = []
        self.warnings = []
        # "Thời gian (Năm 2026)": the header gives the year of yearless time cells ("ngày 23 tháng 1").
        m = _HEADER_YEAR_RE.search(" ".join(header))
        self.year = int(m.group(1)) if m else None


def _clean(cell):
    return squash(_DEBRIS_RE.sub(" ", cell or ""))


def _role(text):
    if len(text) > 60:
        return None
    t = _clean(text).strip(" :")
    if not t or len(t) > 60:
        return None
    for role, rx in _ROLE_PATTERNS:
        if rx.search(t):
            return role
    return None


def header_roles(cells):
    """Roles of a header row's cells, or None when the header does not assign work."""
    roles = [_role(c) for c in cells]
    if any(r is None for r in roles):
        return None
    if not any(r in ("task", "activity") for r in roles):
        return None
    if not any(r in ("lead", "coord") for r in roles):
        # One column says who does it ("Trách nhiệm thực hiện", "Đơn vị thực hiện", "Cơ quan thực
        # hiện") with no chủ trì / phối hợp split under it: that column names the lead.
        if roles.count("group") != 1:
            return None
        return ["lead" if r == "group" else r for r in roles]
    return [r for r in roles if r != "group"]


def _kind(cell):
    t = _clean(cell)
    if not t:
        return "empty"
    if _NUM_RE.match(t):
        return "num"
    if _TIME_RE.match(t) and len(t) < 400:
        return "time"
    body = t.lstrip("-–+• ").strip()
    if len(body) < 300 and names.agency_end(body, 0, place=True) > 0:
        return "agency"
    return "text"


class _Builder:
    """Turns a stream of cells (with row numbers) into task rows."""

    def __init__(self, table):
        self.table = table
        self.group = None
        self.num = None
        self.row = None  # dict for the current row
        self.prev = None
        self.sub = 0

    def start_row(self, num):
        self.finish()
        if re.match(r"^[IVX]+$|^[A-Z]$", num):
            self.group = num
        self.num = num
        self.sub = 0
        self.row = {"num": num, "title": None, "acts": [], "source": [num]}

    def cell(self, kind, text, *, role=None):
        if self.row is None:
            self.row = {"num": None, "title": None, "acts": [], "source": []}
        r = self.row
        r["source"].append(text)
        has_act = "activity" in self.table.roles
        if role is None:
            role = self._role_for(kind)
        if role == "task":
            if r["title"] is None:
                r["title"] = text
            elif not has_act and r["acts"] and (r["acts"][-1]["lead"] or r["acts"][-1]["time"]):
                r["acts"].append({"text": text, "lead": None, "coords": [], "time": None})
            else:
                r["title"] += " " + text
            if not has_act and not r["acts"]:
                r["acts"].append({"text": r["title"], "lead": None, "coords": [], "time": None})
            elif (
                not has_act
                and len(r["acts"]) == 1
                and r["acts"][0]["text"] != r["title"]
                and not r["acts"][0]["lead"]
            ):
                r["acts"][0]["text"] = r["title"]
            return
        if role == "activity":
            r["acts"].append({"text": text, "lead": None, "coords": [], "time": None})
            return
        if not r["acts"]:
            if r["title"] is None:
                return
            r["acts"].append({"text": r["title"], "lead": None, "coords": [], "time": None})
        act = r["acts"][-1]
        if role == "lead":
            act["lead"] = text
        elif role == "coord":
            act["coords"].append(text)
        elif role == "time":
            act["time"] = text if not act["time"] else act["time"] + " " + text

    def _role_for(self, kind):
        r = self.row
        act = r["acts"][-1] if r["acts"] else None
        has_act = "activity" in self.table.roles
        if kind == "agency":
            if act is None and r["title"] is None:
                return "task"
            if act is None or act["lead"] is None:
                return "lead"
            return "coord"
        if kind == "time":
            return "time"
        # text
        if r["title"] is None:
            return "task"
        if has_act:
            if act is None or act["time"] or act["lead"]:
                return "activity"
            return "activity" if not r["acts"] else "other"
        if act is not None and (act["lead"] or act["time"]):
            roles = self.table.roles
            # After the agencies and time, text belongs to the result/funding columns, if any.
            if "other" in roles and roles.index("other") > max(
                (roles.index(x) for x in ("lead", "coord", "time") if x in roles), default=0
            ):
                return "other"
            return "task"
        return "other"

    def finish(self):
        r = self.row
        self.row = None
        if not r:
            return
        acts = [a for a in r["acts"] if a["text"]]
        if not acts or not any(a["lead"] or a["coords"] for a in acts):
            self.prev = None if r["num"] else self.prev
            return  # a group row: a heading (and a time span), no agency
        base = ".".join(x for x in (self.group if r["num"] != self.group else None, r["num"]) if x)
        base = base.rstrip(".") or (self.prev["ref"] if self.prev else "row")
        first = acts[0]
        if r["num"] is None and self.prev is not None:
            # A sub-row without its own number: merged cells come from the row above.
            self.sub += 1
            for a in acts:
                a["lead"] = a["lead"] or None
                if not a["coords"]:
                    a["coords"] = list(self.prev["coords"])
                a["time"] = a["time"] or self.prev["time"]
            for a in acts:
                self.table.rows.append(
                    Row(
                        f"{self.prev['ref']}#{self.sub + 1}",
                        _clean(a["text"]),
                        _clean(a["lead"] or self.prev["lead"] or ""),
                        a["coords"],
                        a["time"],
                        "\n".join(r["source"]),
                    )
                )
            return
        for i, a in enumerate(acts):
            if i:
                a["lead"] = a["lead"] or first["lead"]
                a["coords"] = a["coords"] or list(first["coords"])
            ref = base if len(acts) == 1 else f"{base}#{i + 1}"
            self.table.rows.append(
                Row(
                    ref,
                    _clean(a["text"]),
                    _clean(a["lead"] or ""),
                    [_clean(c) for c in a["coords"]],
                    _clean(a["time"] or "") or None,
                    "\n".join(r["source"]),
                    title=r["title"],
                )
            )
        self.prev = {
            "ref": base,
            "lead": first["lead"],
            "coords": [_clean(c) for c in first["coords"]],
            "time": first["time"],
        }


def _feed_row(builder, cells, roles):
    cells = [c for c in cells]
    if len(cells) == len(roles):
        for c, role in zip(cells, roles):
            if role == "num":
                t = _clean(c)
                if t and _NUM_RE.match(t):
                    builder.start_row(t.rstrip("."))
                else:
                    builder.start_row_unnumbered()
                continue
            if not _clean(c):
                continue
            builder.cell(_kind(c), _clean(c), role=role if role != "other" else "other")
        return
    first = True
    for c in cells:
        t = _clean(c)
        if not t:
            first = False
            continue
        k = _kind(t)
        if k == "num" and first:
            builder.start_row(t.rstrip("."))
        else:
            if first:
                builder.start_row_unnumbered()
            builder.cell(k, t)
        first = False


def _start_row_unnumbered(self):
    self.finish()
    self.row = {"num": None, "title": None, "acts": [], "source": []}


_Builder.start_row_unnumbered = _start_row_unnumbered


# -- the three shapes -------------------------------------------------------------------------------


def _pipe_rows(lines, i):
    """Markdown rows on one line from lines[i]: ([cells per row], next index)."""
    rows = []
    n = len(lines)
    while i < n:
        s = lines[i].strip()
        if not s:
            i += 1
            continue
        if not (s.startswith("|") and s.count("|") >= 3):
            break
        if not _SEPARATOR_ROW_RE.match(s.strip("|").strip()):
            rows.append([c.strip() for c in s.strip().strip("|").split("|")])
        i += 1
    return rows, i


def _bar_rows(lines, i):
    """Cells between lines holding only '|'; an empty cell between two bars ends a row."""
    rows, cur, cell = [], [], []
    n = len(lines)
    bars = 0
    while i < n:
        s = lines[i].strip()
        if s == "|":
            if cell:
                cur.append("\n".join(cell))
                cell = []
                bars = 1
            else:
                bars += 1
                if bars >= 2 and cur:
                    rows.append(cur)
                    cur = []
            i += 1
            continue
        if not s:
            i += 1
            continue
        if bars == 0 and not cell:
            break  # text after the last bar: the table is over
        cell.append(lines[i])
        bars = 0
        i += 1
        # a long run of text without bars is body text after the table
        if len(cell) > 60:
            break
    if cell:
        cur.append("\n".join(cell))
    if cur:
        rows.append(cur)
    return rows, i


def _flat_header(lines, i):
    """A header written one cell per line from lines[i]: ([roles], end) or None."""
    cells, j, n = [], i, len(lines)
    while j < n and len(cells) < 12:
        s = lines[j].strip()
        if not s:
            j += 1
            continue
        if _role(s) is None:
            break
        cells.append(s)
        j += 1
    if len(cells) < 3:
        return None
    roles = header_roles(cells)
    return (roles, j) if roles else None


_END_RE = re.compile(
    r"^(?:[IVX]{1,4}\.\s+[A-ZĐÀ-Ỹ ,]{4,}$|Nơi\s+nhận|(?:KT|TM|TL)\.\s|DANH(?:\s+SÁCH)?$|DANH\s+SÁCH|PHỤ\s+LỤC|Điều\s+\d)"
)


def _flat_rows(lines, i, table):
    """Cells one per line until the table ends; a wrapped cell continues on more indented lines."""
    n = len(lines)
    seg = []
    j = i
    while j < n:
        raw = lines[j]
        s = raw.strip()
        if s and _END_RE.match(_clean(s)):
            break
        if s and len(s) > 400:
            break
        seg.append(raw)
        j += 1
    nonblank = [ln for ln in seg if ln.strip()]
    if not nonblank:
        return [], j
    base = min(len(ln) - len(ln.lstrip()) for ln in nonblank)
    cells = []  # (text, dashed)
    for ln in nonblank:
        indent = len(ln) - len(ln.lstrip())
        s = _clean(ln)
        if not s:
            continue
        dashed = bool(re.match(r"^[-–+•]\s", s))
        open_paren = bool(cells) and cells[-1][0].count("(") > cells[-1][0].count(")")
        if cells and (indent > base or s.startswith("(") or open_paren) and not _NUM_RE.match(s):
            cells[-1][0] = cells[-1][0] + " " + s
            continue
        if cells and dashed and cells[-1][1] and _kind(s) == "agency":
            cells[-1][0] = cells[-1][0] + "; " + s.lstrip("-–+• ")
            continue
        cells.append([s.lstrip("-–+• ") if dashed else s, dashed])
    b = _Builder(table)
    for text, _dashed in cells:
        k = _kind(text)
        if k == "num":
            b.start_row(text.rstrip("."))
        else:
            b.cell(k, text)
    b.finish()
    return table.rows, j


def extract_tables(text):
    """(tables that assign work, the text without them)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tables, keep = [], []
    i, n = 0, len(lines)
    while i < n:
        s = lines[i].strip()
        if s.startswith("|") and s.count("|") >= 3:
            rows, j = _pipe_rows(lines, i)
            roles = header_roles(rows[0]) if rows else None
            if roles:
                tb = Table(roles, rows[0])
                b = _Builder(tb)
                for cells in rows[1:]:
                    _feed_row(b, cells, roles)
                b.finish()
                tables.append(tb)
                i = j
                continue
            keep.extend(lines[i:j])
            i = j
            continue
        if s == "|":
            rows, j = _bar_rows(lines, i)
            hdr = next((k for k, r in enumerate(rows) if header_roles(r)), None)
            if hdr is not None:
                roles = header_roles(rows[hdr])
                tb = Table(roles, rows[hdr])
                b = _Builder(tb)
                for cells in rows[hdr + 1 :]:
                    _feed_row(b, cells, roles)
                b.finish()
                tables.append(tb)
                keep.extend(ln for k, ln in enumerate(lines[i:j]) if False)
                i = j
                continue
            keep.extend(lines[i:j])
            i = max(j, i + 1)
            continue
        if s and len(s) <= 45 and _role(s) in ("num", "task"):  # a header starts with TT or Nhiệm vụ
            hdr = _flat_header(lines, i)
            if hdr:
                roles, j = hdr
                tb = Table(roles, lines[i:j])
                _rows, k = _flat_rows(lines, j, tb)
                if tb.rows:
                    tables.append(tb)
                    i = k
                    continue
        keep.append(lines[i])
        i += 1
    return tables, "\n".join(keep)
