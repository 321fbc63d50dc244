"""Deadlines as Vietnamese directives write them, read by a small grammar.

A date library would happily read "ngày 12/8/2021" in "Kế hoạch số 2992/KH-UBND ngày 12/8/2021" as
a deadline; here a date only counts after a word that makes it one ("trước", "chậm nhất", "trong
tháng"), which is how officers read these texts too. Every form returns the same dict:

    {"kind", "text", "due", "strict", "start", "every", "milestones"}

kind is one of date, month, quarter, year, range, recurring, none; due is the last day the task may
be done (a stated date is kept as stated, "strict" says the text wrote "trước ngày"); start is the
first day of the window when the text gives one; every is month, quarter or year for recurring work.
"""

import bisect
import calendar
import functools
import re
from datetime import date, timedelta

from .memo import short_text_cache
from .vietnamese import ROMAN

KINDS = ("date", "month", "quarter", "year", "range", "recurring", "none")
_POINT_KINDS = ("date", "month", "quarter", "year", "range")

_DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?|\d{1,2}\s+tháng\s+\d{1,2}(?:\s*,?\s+năm\s+\d{4})?"
_MONTH = r"\d{1,2}(?:\s*/\s*\d{4}|\s*,?\s+năm\s+\d{4})?"
_Q = r"(?:IV|I{1,3}|[1-4])"
_QUARTER = r"(?:IV|I{1,3}|[1-4])(?:\s*[/-]\s*\d{4}|\s*,?\s+năm\s+\d{4})?(?![\w/])"
_PERIOD = r"tháng|quý|quí|năm|tuần"
# "Thời gian thực hiện trong tháng 8/2022": the lead-in belongs to the deadline as written.
_LEAD_IN = (
    r"(?:thời\s+gian\s+(?:thực\s+hiện|làm\s+việc|triển\s+khai|hoàn\s+thành)\s*:?\s*(?:trong\s+khoảng\s+)?)?"
)
_WHEN = rf"(?:tháng\s+(?:{_MONTH})|ngày\s+(?:{_DATE})|năm\s+\d{{4}}|quý\s+(?:{_QUARTER}))"

_F = re.IGNORECASE

_PATTERNS = [
    (
        "relative",
        re.compile(
            r"(?:trong\s+(?:vòng|thời\s+hạn)\s+|chậm\s+nhất\s+(?:là\s+)?|không\s+quá\s+)?(?P<n>\d{1,3})\s+ngày"
            r"(?P<wd>\s+làm\s+việc)?\s*,?\s*(?:kể\s+)?từ\s+(?:ngày\s+(?P<date>" + _DATE + r")"
            r"|(?P<event>ngày\s+(?:ký|ban\s+hành|nhận\s+được|văn\s+bản)[^,.;)]{0,40}))",
            _F,
        ),
    ),
    (
        "recurring_day",
        re.compile(
            r"(?P<pre>trước\s+|chậm\s+nhất\s+(?:là\s+)?)?ngày\s+(?P<d>\d{1,2}(?:\s*/\s*\d{1,2})?)\s+(?:hàng|hằng)\s+(?P<per>"
            + _PERIOD
            + ")",
            _F,
        ),
    ),
    (
        "recurring",
        re.compile(
            r"(?:định\s+kỳ\s+)?(?:hàng|hằng)\s+(?P<per>" + _PERIOD + r")(?!\s+(?:của|trước|qua|nay)\b)", _F
        ),
    ),
    (
        "range",
        re.compile(
            _LEAD_IN
            + r"(?:trong\s+khoảng\s+)?từ\s+(?P<a>"
            + _WHEN
            + r")\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?P<b>"
            + _WHEN
            + ")",
            _F,
        ),
    ),
    (
        "phase",
        re.compile(
            r"giai\s+đoạn(?:\s+(?:\d+|[IVX]+)\s*\(\s*(?:năm\s+)?(?P<a>\d{4})\s*[-–]\s*(?P<b>\d{4})\s*\)"
            r"|\s+(?:năm\s+)?(?P<a2>\d{4})\s*[-–]\s*(?P<b2>\d{4}))",
            _F,
        ),
    ),
    (
        "open",
        re.compile(
            r"(?:từ\s+)?(?P<a>(?:quý|quí)\s+"
            + _Q
            + r"(?:\s*/\s*\d{4}|\s*,?\s+năm\s+\d{4})|năm\s+\d{4}|tháng\s+\d{1,2}\s*/\s*\d{4})"
            r"\s*(?:và|,)\s*(?:các|những)\s+năm\s+(?:tiếp\s+theo|sau)",
            _F,
        ),
    ),
    (
        "qrange",
        re.compile(
            r"(?:quý|quí)\s+(?P<a>"
            + _Q
            + r")\s*(?:[-–]|đến)\s*(?:quý\s+)?(?P<b>"
            + _Q
            + r")(?P<y>\s*/\s*\d{4}|\s*,?\s+năm\s+\d{4})?(?![\w/])",
            _F,
        ),
    ),
    (
        "mrange",
        re.compile(r"tháng\s+(?P<a>\d{1,2})\s*[-–]\s*(?P<b>\d{1,2})\s*/\s*(?P<y>\d{4})", _F),
    ),
    (
        "drange",
        re.compile(
            r"từ\s+ngày\s+(?P<a>\d{1,2})\s*[-–]\s*(?P<b>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})", _F
        ),
    ),
    (
        "yrange",
        re.compile(r"(?P<pre>trong\s+(?:các\s+)?|^)năm\s+(?P<a>\d{4})\s*[-–]\s*(?P<b>\d{4})", _F),
    ),
    (
        "moment",
        re.compile(r"từ\s+(?:\d{1,2}\s*h\s*\d{0,2}\s+)ngày\s+(?P<a>" + _DATE + ")", _F),
    ),
    ("half", re.compile(r"(?:trong\s+)?(?:6|sáu)\s+tháng\s+(?P<part>đầu|cuối)\s+năm\s+(?P<y>\d{4})", _F)),
    (
        "start",
        re.compile(
            r"(?:bắt\s+đầu(?:\s+(?:thực\s+hiện|triển\s+khai|áp\s+dụng|tổ\s+chức))?\s+(?:kể\s+)?từ|kể\s+từ"
            r"|(?:thực\s+hiện|triển\s+khai|áp\s+dụng)\s+từ)\s+(?P<a>" + _WHEN + ")",
            _F,
        ),
    ),
    (
        "bare_recurring",
        re.compile(
            r"(?:định|thường)\s+kỳ(?!\s*,?\s*(?:hàng|hằng)\s)(?!\s+(?:\d|6\s+tháng|tháng|quý|năm))", _F
        ),
    ),
    (
        # "tổ chức các hoạt động … nhân ngày Chuyển đổi số Quốc gia 10/10": the work is held on that day
        "occasion",
        re.compile(
            r"nhân\s+(?:dịp\s+)?(?:kỷ\s+niệm\s+)?ngày\s+[^,.;()\d]{3,60}?\s*\(?(?P<date>\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?)"
            r"(?![\d/])",
            _F,
        ),
    ),
    (
        "date",
        re.compile(
            _LEAD_IN
            + r"(?P<pre>trước|chậm\s+nhất(?:\s+là)?(?:\s+vào)?(?:\s+trước)?|hạn\s+chót(?:\s+là)?|hoàn\s+thành(?:\s+trong|\s+vào)?"
            r"|xong|trong|đến|vào)\s+ngày\s+(?P<date>" + _DATE + r")(?!\s+(?:hàng|hằng)\b)",
            _F,
        ),
    ),
    (
        "month",
        re.compile(
            _LEAD_IN
            + r"(?P<pre>trong|trước|cuối|đến\s+hết|hết|chậm\s+nhất(?:\s+là)?(?:\s+trong)?|hoàn\s+thành\s+trong|ngay\s+trong"
            r"|kỳ\s+họp)"  # a session dated by month is a deadline: "trình Quốc hội tại kỳ họp tháng 5/2023"
            r"\s+tháng\s+(?P<m>" + _MONTH + r")(?![\d/])",
            _F,
        ),
    ),
    (
        "quarter",
        re.compile(
            _LEAD_IN
            + r"(?P<pre>trong|trước|cuối|đến\s+hết|hết|chậm\s+nhất(?:\s+là)?(?:\s+trong)?|hoàn\s+thành(?:\s+trong)?"
            r"|thực\s+hiện(?:\s+trong)?|xong(?:\s+trong)?|vào)"
            r"\s+(?:quý|quí)\s+(?P<q>" + _QUARTER + ")",
            _F,
        ),
    ),
    (
        "year",
        re.compile(
            _LEAD_IN
            + r"(?P<pre>trong|trước|cuối|đến\s+hết|hết|ngay\s+trong|hoàn\s+thành\s+trong)\s+năm\s+(?P<y>\d{4})"
            r"(?!\s*[-–]\s*\d)(?!\s*(?:và|,)\s*(?:những|các)\s+năm)",
            _F,
        ),
    ),
]

_NEEDS = {
    "relative": ("từ",),
    "open": ("tiếp theo", "năm sau"),
    "qrange": ("quý", "quí"),
    "mrange": ("tháng",),
    "drange": ("từ",),
    "yrange": ("năm",),
    "moment": ("từ",),
    "bare_recurring": ("kỳ",),
    "recurring_day": ("hàng", "hằng"),
    "recurring": ("hàng", "hằng"),
    "range": ("từ",),
    "phase": ("giai",),
    "half": ("tháng đầu", "tháng cuối"),
    "start": ("từ",),
    "date": ("ngày",),
    "occasion": ("nhân",),
    "month": ("tháng",),
    "quarter": ("quý", "quí"),
    "year": ("năm",),
}

_ALL_NEEDS = frozenset(w for words in _NEEDS.values() for w in words)

# Dates inside a cited document's name ("Chỉ thị số 11-CT/TU ... giai đoạn 2021 - 2025") describe that
# document, not the task; the span ends where the sentence or clause does, or where a deadline word starts.
_CITED_RE = re.compile(
    r"(?:Chỉ\s+thị|Nghị\s+quyết|Kế\s+hoạch|Đề\s+án|Chương\s+trình|Quyết\s+định|Báo\s+cáo|Công\s+văn|Thông\s+báo"
    r"|Nghị\s+định|Thông\s+tư|Văn\s+bản|Luật)\s+số\s+[^.;:()]*?(?=[.;:()]|\b(?:hoàn\s+thành|trước\s+ngày|chậm\s+nhất|thời\s+gian)\b|$)"
)
_PLAN_BEFORE_RE = re.compile(
    r"\b(?:vào|trong|theo|tại|thuộc|từ|căn\s+cứ)\s+(?:các\s+)?(?:kế\s+hoạch|dự\s+toán|ngân\s+sách|chương\s+trình)"
    r"(?:\s+[^\s,;.:()]+){0,8}\s*$",
    _F,
)
_INDEX_BEFORE_RE = re.compile(r"(?:chỉ\s+số|par\s+index|sipas|papi|pci|dti)[\w\s,]{0,24}$", _F)
_EVERY = {"tháng": "month", "quý": "quarter", "quí": "quarter", "năm": "year", "tuần": "week"}
_WINDOW_RE = re.compile(r"thời\s+gian\s+(?:thực\s+hiện|làm\s+việc|triển\s+khai)", _F)
_YEAR_END_RE = re.compile(r"(\d{4})\s*$")
_NUMBER_RE = re.compile(r"\d+")
_QUARTER_NUM_RE = re.compile(r"\s*(IV|I{1,3}|[1-4])", _F)
_YEAR4_RE = re.compile(r"\d{4}")


def _window(m):
    """A month or quarter given as the time the work is carried out ("Thời gian thực hiện trong tháng
    8/2022") is a window with a start; "hoàn thành trong tháng 9" or "trong tháng 7" only bounds the end."""
    return bool(_WINDOW_RE.match(m.group(0)))


class _Found:
    __slots__ = ("kind", "begin", "end", "text", "due", "start", "strict", "every", "window_start")

    def __init__(
        self, kind, m, due=None, start=None, strict=False, every=None, begin=None, window_start=None
    ):
        self.window_start = window_start or start
        self.kind = kind
        self.begin = m.start() if begin is None else begin
        self.end = m.end()
        self.text = None
        self.due, self.start, self.strict, self.every = due, start, strict, every


def empty():
    return {
        "kind": "none",
        "text": None,
        "due": None,
        "strict": None,
        "start": None,
        "every": None,
        "milestones": [],
    }


@functools.lru_cache(maxsize=4096)
def _month_end(year, month):
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_of(raw, default):
    m = _YEAR_END_RE.search(raw)
    return int(m.group(1)) if m else default


def parse_day(raw, year):
    """ "31/8/2022", "31/8", "15 tháng 9 năm 2022" -> date (None when impossible or yearless without a default)."""
    nums = [int(n) for n in _NUMBER_RE.findall(raw)]
    if len(nums) < 2:
        return None
    d, m = nums[0], nums[1]
    y = nums[2] if len(nums) > 2 else year
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _parse_month(raw, year):
    nums = [int(n) for n in _NUMBER_RE.findall(raw)]
    y = nums[1] if len(nums) > 1 else year
    if y is None or not 1 <= nums[0] <= 12:
        return None
    return date(y, nums[0], 1), _month_end(y, nums[0])


def _parse_quarter(raw, year):
    m = _QUARTER_NUM_RE.match(raw)
    token = m.group(1).upper()
    q = ROMAN.get(token) or int(token)
    y = _year_of(raw, year)
    if y is None:
        return None
    return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)


def _parse_when(raw, year):
    """One end of a range: "tháng 9/2022", "ngày 01/9/2022", "năm 2021", "quý III/2022" -> (first, last)."""
    word, rest = raw.split(None, 1)
    word = word.lower()
    if word == "tháng":
        return _parse_month(rest, year)
    if word == "ngày":
        d = parse_day(rest, year)
        return (d, d) if d else None
    if word == "quý":
        return _parse_quarter(rest, year)
    y = int(_YEAR4_RE.search(rest).group(0))
    return date(y, 1, 1), date(y, 12, 31)


def _strict(pre):
    return (pre or "").strip().lower().startswith("trước")


def _read(kind, m, text, year, add_working_days, base_date):
    """One match -> _Found (or None when the words do not make a usable deadline)."""
    g = m.groupdict()
    if kind == "relative":
        n = int(g["n"])
        base = parse_day(g["date"], year) if g["date"] else base_date
        if base is None:
            return _Found("date", m)
        if g["wd"] and add_working_days is not None:
            due = add_working_days(base, n)
        elif g["wd"]:
            due = _weekdays_after(base, n)
        else:
            due = base + timedelta(days=n)
        return _Found("date", m, due=due, start=base)
    if kind == "recurring_day":
        return _Found("recurring", m, strict=_strict(g["pre"]) or None, every=_EVERY[g["per"].lower()])
    if kind == "recurring":
        before = text[max(0, m.start() - 80) : m.start()]
        if _INDEX_BEFORE_RE.search(before[-40:]):
            return None  # "chỉ số PAPI hàng năm": the index is yearly, the task is not
        if _PLAN_BEFORE_RE.search(before):
            # "đưa vào kế hoạch đào tạo hàng năm", "căn cứ Kế hoạch CCHC hằng năm": the plan or budget the
            # work goes into is yearly (it qualifies the subject); the task itself recurs on no period
            # ("xây dựng Kế hoạch … hằng năm" still does)
            return None
        return _Found("recurring", m, strict=None, every=_EVERY[g["per"].lower()])
    if kind == "range":
        b = _parse_when(g["b"], year)
        if not b:
            return None
        a = _parse_when(g["a"], b[1].year)
        if a and a[0] > b[1] and not re.search(r"\d{4}", g["a"]):
            a = _parse_when(g["a"], b[1].year - 1)  # "từ tháng 11 đến tháng 02/2023" starts in 2022
        if not a or a[0] > b[1]:
            return None
        return _Found("range", m, due=b[1], start=a[0])
    if kind == "phase":
        # Only "trong giai đoạn ..." (or the phrase on its own) sets a window; a bare period after a
        # programme's name is that programme's period.
        before = text[: m.start()].rstrip().lower()
        if before and not (before.endswith("trong") or before.endswith("trong cả") or before[-1] in ":(-"):
            return None
        a, b = int(g["a"] or g["a2"]), int(g["b"] or g["b2"])
        if b < a:
            return None
        return _Found("range", m, due=date(b, 12, 31), start=date(a, 1, 1))
    if kind == "open":
        a = _parse_when(re.sub(r"^quí", "quý", g["a"], flags=_F), year)
        return _Found("range", m, start=a[0]) if a else None
    if kind == "qrange":
        y = _year_of(g["y"] or "", year)
        if y is None:
            return None
        qa = ROMAN.get(g["a"].upper()) or int(g["a"])
        qb = ROMAN.get(g["b"].upper()) or int(g["b"])
        if qb < qa:
            return None
        return _Found("range", m, start=date(y, 3 * qa - 2, 1), due=_month_end(y, 3 * qb))
    if kind == "mrange":
        y, a, b = int(g["y"]), int(g["a"]), int(g["b"])
        if not (1 <= a < b <= 12):
            return None
        return _Found("range", m, start=date(y, a, 1), due=_month_end(y, b))
    if kind == "drange":
        y, mo = int(g["y"]), int(g["m"])
        try:
            return _Found("range", m, start=date(y, mo, int(g["a"])), due=date(y, mo, int(g["b"])))
        except ValueError:
            return None
    if kind == "yrange":
        a, b = int(g["a"]), int(g["b"])
        if b < a:
            return None
        return _Found("range", m, start=date(a, 1, 1), due=date(b, 12, 31))
    if kind == "moment":
        d = parse_day(g["a"], year)
        return _Found("start", m, start=d) if d else None
    if kind == "bare_recurring":
        return _Found("recurring", m, strict=None, every=None)
    if kind == "half":
        y = int(g["y"])
        first = g["part"].lower() == "đầu"
        return _Found(
            "range", m, due=date(y, 6, 30) if first else date(y, 12, 31), start=date(y, 1 if first else 7, 1)
        )
    if kind == "start":
        a = _parse_when(g["a"], year)
        return _Found("start", m, start=a[0]) if a else None
    if kind == "occasion":
        d = parse_day(g["date"], year)
        return _Found("date", m, due=d, strict=False) if d else None
    if kind == "date":
        d = parse_day(g["date"], year)
        return _Found("date", m, due=d, strict=_strict(g["pre"])) if d else None
    if kind == "month":
        span = _parse_month(g["m"], year)
        if not span:
            return None
        if _strict(g["pre"]):  # "trước tháng 9/2022": August is the last month allowed
            return _Found("month", m, due=span[0] - timedelta(days=1), strict=True)
        return _Found("month", m, due=span[1], start=span[0] if _window(m) else None, window_start=span[0])
    if kind == "quarter":
        span = _parse_quarter(g["q"], year)
        if not span:
            return None
        if _strict(g["pre"]):
            return _Found("quarter", m, due=span[0] - timedelta(days=1), strict=True)
        return _Found("quarter", m, due=span[1], start=span[0] if _window(m) else None, window_start=span[0])
    if kind == "year":
        y = int(g["y"])
        if _strict(g["pre"]):
            return _Found("year", m, due=date(y - 1, 12, 31), strict=True)
        return _Found("year", m, due=date(y, 12, 31))
    return None


def _weekdays_after(start, n):
    day = start
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _balanced(phrase):
    """The phrase without surrounding punctuation, keeping parentheses that pair up."""
    phrase = phrase.strip(" ,;*")
    while phrase.endswith(")") and phrase.count(")") > phrase.count("("):
        phrase = phrase[:-1].rstrip(" ,;")
    while phrase.startswith("(") and phrase.count("(") > phrase.count(")"):
        phrase = phrase[1:].lstrip()
    return phrase


def _cited_spans(text):
    return [(m.start(), m.end()) for m in _CITED_RE.finditer(text)]


def find_all(text, *, year=None, add_working_days=None, base_date=None):
    """Every deadline phrase in text, in reading order, overlaps resolved in favour of the earlier pattern."""
    found = []
    taken_starts, taken_ends = [], []  # non-overlapping spans already read, sorted by start
    cited = None
    low = text.lower()
    present = {w for w in _ALL_NEEDS if w in low}
    if not present:
        return found
    for kind, pattern in _PATTERNS:
        # Most task texts hold none of a pattern's key words; a substring test is far cheaper than a scan.
        if present.isdisjoint(_NEEDS[kind]):
            continue
        for m in pattern.finditer(text):
            b, e = m.start(), m.end()
            i = bisect.bisect_right(taken_starts, b) - 1
            if (i >= 0 and taken_ends[i] > b) or (i + 1 < len(taken_starts) and taken_starts[i + 1] < e):
                continue
            item = _read(kind, m, text, year, add_working_days, base_date)
            if item is None:
                continue
            if item.kind in ("month", "quarter", "year", "range"):
                if cited is None:
                    cited = _cited_spans(text)
                    cited_starts = [c[0] for c in cited]
                j = bisect.bisect_right(cited_starts, b) - 1
                if j >= 0 and b < cited[j][1]:
                    continue
            item.text = _balanced(text[b:e])
            found.append(item)
            k = bisect.bisect_right(taken_starts, b)
            taken_starts.insert(k, b)
            taken_ends.insert(k, e)
    found.sort(key=lambda f: f.begin)
    return found


def _iso(d):
    return d.isoformat() if d else None


_CELL_PREFIX_RE = re.compile(r"^\s*(?=(?:tháng|quý|quí|năm)\s+(?:\d|I|V))", _F)
_CELL_DAY_RE = re.compile(r"^\s*(trước|chậm\s+nhất|muộn\s+nhất|hạn\s+chót)\s+(?=\d{1,2}\s*/)", _F)
_CELL_ON_RE = re.compile(r"^\s*ngày\s+(?=\d)", _F)


def _as_sentence(cell):
    """A time cell of a table or a "Thời gian thực hiện: …" slot written as the sentence it stands for:
    "Quý IV/2025" is "trong Quý IV/2025", "Trước 30/04/2023" is "trước ngày 30/04/2023"."""
    t = _CELL_DAY_RE.sub(lambda m: m.group(1) + " ngày ", cell, count=1)
    t = _CELL_ON_RE.sub("vào ngày ", t, count=1)
    if re.match(r"^\s*năm\s+\d{4}\s*[-–]\s*\d{4}", t, _F):
        return t
    return _CELL_PREFIX_RE.sub("trong ", t, count=1)


_FRONT_PERIOD_RE = re.compile(r"^\s*(?=(?:quý|quí|tháng)\s+[\dIVX]{1,4}\s*/\s*\d{4}\s*,)", _F)
_PERIOD_ORDER = {"week": 0, "month": 1, "quarter": 2, "year": 3}
_EACH_RE = re.compile(r"\bmỗi\s+(tuần|tháng|quý|quí|năm)\b", _F)
_CLOCK = r"\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút|')?)?"
_CLOCK_SPAN_RE = re.compile(rf"(?:(?<![\w])[Tt]ừ\s+)?{_CLOCK}\s*(?:-|–|đến)\s*{_CLOCK}", _F)


def extract_deadline(text, *, year=None, add_working_days=None, base_date=None, cell=False):
    """The deadline of one task's text (see the module docstring for the shape). cell=True reads a time
    cell or slot, where the phrase stands alone without "trong"/"trước ngày"."""
    out = _extract_once(text or "", year, add_working_days, base_date, cell)
    return {**out, "milestones": [dict(m) for m in out["milestones"]]}


@short_text_cache(limit=4000)
def _extract_once(text, year, add_working_days, base_date, cell):
    """extract_deadline's reading, computed once per distinct text and settings (the caller copies it)."""
    out = empty()
    if not text:
        return out
    # A span of clock times ("Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1") says when in the day,
    # not a date range: blanked (same length, so spans still point into the text) before the grammar.
    text = _CLOCK_SPAN_RE.sub(lambda m: " " * len(m.group()), text)
    if cell:
        text = _as_sentence(text)
    else:
        # "Quý I/2027, các cơ quan … đánh giá …": a period fronting the sentence is when the work is done
        text = _FRONT_PERIOD_RE.sub("trong ", text, count=1)
    found = find_all(text, year=year, add_working_days=add_working_days, base_date=base_date)
    recurring = [f for f in found if f.kind == "recurring"]
    starts = [f for f in found if f.kind == "start"]
    points = [f for f in found if f.kind in _POINT_KINDS]
    if recurring:
        # Several periods for one task ("Hằng tháng tổ chức …; … hằng tuần báo cáo", "định kỳ hằng quý,
        # năm"): the shortest one; a bare "định kỳ" takes the period a "mỗi tháng" beside it gives.
        periodic = [f for f in recurring if f.every]
        r = min(periodic, key=lambda f: _PERIOD_ORDER[f.every]) if periodic else recurring[0]
        if r.every is None:
            each = _EACH_RE.search(text)
            if each:
                r = _Found("recurring", each, strict=r.strict, every=_EVERY[each.group(1).lower()])
                r.text = each.group()
        # "định kỳ hàng tháng ... (bắt đầu thực hiện từ tháng 8/2022)": the start is the news.
        out.update(
            kind="recurring",
            every=r.every,
            strict=r.strict,
            text=starts[0].text if starts else r.text,
            start=_iso(starts[0].start) if starts else None,
        )
        return out
    if any(p.due for p in points):
        # An explicit bound wins over an open-ended start ("… và những năm tiếp theo").
        points = [p for p in points if p.due]
    if points:
        distinct = []
        for p in points:
            if all(p.due != q.due or p.kind != q.kind for q in distinct):
                distinct.append(p)
        last = max(distinct, key=lambda p: (p.due or date.max, p.begin))
        first = distinct[0]
        # Several phases ("lập Tổ trong tháng 8 … khắc phục trong tháng 9") make a window from the first.
        first_start = first.start if len(distinct) == 1 else first.window_start
        out.update(
            kind=last.kind, due=_iso(last.due), strict=last.strict, start=_iso(first_start), every=None
        )
        if len(distinct) == 1:
            out["text"] = last.text
        else:
            # Several milestones in one point ("lập Tổ trong tháng 8/2022 và khắc phục trong tháng 9/2022").
            out["text"] = _balanced(text[first.begin : max(p.end for p in distinct)])
            out["milestones"] = [{"text": p.text, "due": _iso(p.due)} for p in distinct]
        if starts and not out["start"]:
            out["start"] = _iso(starts[0].start)
        if out["due"] is None:
            out["strict"] = None
        return out
    if starts:
        s = starts[0]
        out.update(kind="range", text=s.text, start=_iso(s.start), strict=False)
    return out
