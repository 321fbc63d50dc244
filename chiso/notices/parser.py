"""From notice text to tasks, targets and document fields (the `chiso parse-notice --json` contract).

Rule-based and linear: one pass builds paragraphs, one walks the numbering into a tree, one emits
tasks. Every regex is compiled at import; nothing here looks back over the whole text per task.
"""

import re
from datetime import date

from . import agencies as ag
from .deadlines import extract_deadline
from .structure import INDICES, MARKER_RE, build_units, document_fields
from .vietnamese import squash

_TARGET_HEAD_RE = re.compile(
    r"^(?:Yêu\s+cầu(?:\s+chung)?|Mục\s+tiêu|Mục\s+đích(?:,\s*yêu\s+cầu)?|Quan\s+điểm|Chỉ\s+tiêu)\b", re.I
)
_ASSESSMENT_HEAD_RE = re.compile(
    r"^(?:(?:Những\s+)?kết\s+quả|Tình\s+hình|Đánh\s+giá|Tồn\s+tại|Hạn\s+chế|Nguyên\s+nhân|Ưu\s+điểm|Bối\s+cảnh|Thực\s+trạng)\b",
    re.I,
)
_ORDINAL_RE = re.compile(r"^(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\s+là\s*[,:]", re.I)
_CLOSING_RE = re.compile(
    r"^(?:(?:Phó\s+)?Chủ\s+tịch\s+|Văn\s+phòng\s+)?(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|Văn\s+phòng)\b.{0,80}?"
    r"\b(?:yêu\s+cầu|thông\s+báo|đề\s+nghị|giao)\b|^Trên\s+đây\b|^(?:Yêu\s+cầu|Đề\s+nghị)\s+(?:Thủ\s+trưởng|Giám\s+đốc|Chủ\s+tịch|các)\b",
    re.I,
)
_GIAO_RE = re.compile(r"\bgiao\s+", re.I)
_YEAR_RE = re.compile(r"năm\s+(\d{4})")
_IMPROVE_RE = re.compile(r"cải\s+thiện|nâng\s+cao|tăng|đạt|giữ\s+vững|nâng\s+hạng", re.I)
_SCORE_RE = re.compile(r"điểm", re.I)
_RANK_RE = re.compile(r"thứ\s+(?:bậc|hạng)|xếp\s+hạng|vị\s+trí|nhóm\s+\d+|bậc", re.I)


class _Point:
    __slots__ = ("ref", "depth", "text", "marker_text", "extra", "bullets", "children", "units")

    def __init__(self, ref, depth, text, unit):
        self.ref, self.depth, self.text = ref, depth, text
        self.marker_text = unit.text
        self.extra, self.bullets, self.children = [], [], []
        self.units = [unit]


def _marker_info(m):
    if m.group("roman"):
        return "roman", m.group("roman")
    if m.group("num"):
        return "num", m.group("num")
    if m.group("num1"):
        return "num", m.group("num1")
    if m.group("letter"):
        return "letter", m.group("letter")
    return "bullet", None


def _closing_start(body):
    """Index of the closing paragraphs: the run of un-numbered paragraphs after the last point that
    opens with the issuer's request ("Chủ tịch UBND tỉnh yêu cầu ...")."""
    start = len(body)
    j = len(body) - 1
    while j >= 0 and not MARKER_RE.match(body[j].text):
        if _CLOSING_RE.search(body[j].text):
            start = j
        j -= 1
    if j < 0:  # no numbered point at all: only the last paragraph can close
        return start if start >= len(body) - 1 else len(body)
    return start


def _walk(body):
    """Preamble units, the point tree (roots) and the closing units."""
    closing_at = _closing_start(body)
    preamble, roots = [], []
    stack = []  # stack[d] = the open point at depth d; roman sections are depth 0
    has_roman = False
    for unit in body[:closing_at]:
        m = MARKER_RE.match(unit.text)
        if not m:
            if stack:
                stack[-1].extra.append(unit)
                stack[-1].units.append(unit)
            else:
                preamble.append(unit)
            continue
        kind, label = _marker_info(m)
        rest = unit.text[m.end() :].strip()
        if kind == "bullet":
            if stack:
                stack[-1].bullets.append((unit, rest))
                stack[-1].units.append(unit)
            else:
                preamble.append(unit)
            continue
        if kind == "roman":
            has_roman = True
            point = _Point(label, 0, rest, unit)
            roots.append(point)
            stack = [point]
            continue
        if kind == "num":
            depth = len(label.split("."))
            if has_roman and stack:
                # Arabic numbers restart in every Roman section: "2.2" under "II." is "II.2.2".
                parent = stack[depth - 1] if len(stack) >= depth else stack[-1]
                ref = f"{stack[0].ref}.{label}"
            else:
                parent = stack[depth - 2] if depth >= 2 and len(stack) >= depth - 1 else None
                ref = label
        else:  # letter: one level below the deepest open numbered point
            parent = stack[-1] if stack else None
            depth = (parent.depth + 1) if parent is not None else 1
            ref = f"{parent.ref}.{label}" if parent is not None else label
        point = _Point(ref, depth, rest, unit)
        if parent is not None:
            parent.children.append(point)
            stack = stack[: parent_index(stack, parent) + 1] + [point]
        else:
            roots.append(point)
            stack = [point]
    return preamble, roots, body[closing_at:]


def parent_index(stack, parent):
    for i, p in enumerate(stack):
        if p is parent:
            return i
    return len(stack) - 1


def _target(text, year_default=None):
    indices = [name for name, rx in INDICES if rx.search(text)]
    ym = _YEAR_RE.search(text)
    if not indices or not ym or not _IMPROVE_RE.search(text):
        return None
    year = int(ym.group(1))
    score, rank = bool(_SCORE_RE.search(text)), bool(_RANK_RE.search(text))
    what = "score and rank" if score and rank else "score" if score else "rank" if rank else "result"
    return {"text": text, "indices": indices, "year": year, "goal": f"{what} improve over {year - 1}"}


class _Emitter:
    def __init__(self, finder, year, add_working_days, base_date, notes):
        self.finder = finder
        self.year = year
        self.add_working_days = add_working_days
        self.base_date = base_date
        self.notes = notes
        self.tasks = []
        self.targets = []
        self.requirements = []
        self.warnings = []

    def requirement(self, text):
        self.requirements.append(text)
        t = _target(text)
        if t:
            self.targets.append(t)

    def task(
        self, ref, text, units, *, lead=None, inherited=None, coordinators=None, checklist=(), source=None
    ):
        text = squash(text).rstrip(" ;")
        if text.endswith("./."):
            text = text[:-3].rstrip()
        lead = lead or self.finder.lead(text) or inherited
        coords = coordinators if coordinators is not None else []
        for c in self.finder.coordinators(text):
            if c not in coords and (not lead or ag.split_names(c) != ag.split_names(lead)):
                coords.append(c)
        full = text + (" " + " ".join(checklist) if checklist else "")
        deadline = extract_deadline(
            full, year=self.year, add_working_days=self.add_working_days, base_date=self.base_date
        )
        marks = []
        for u in units:
            for mk in u.marks:
                if mk not in marks:
                    marks.append(mk)
        self.tasks.append(
            {
                "ref": ref,
                "text": text,
                "lead": lead,
                "coordinators": coords,
                "lead_agency_ids": [],
                "coordinator_agency_ids": [],
                "checklist": list(checklist),
                "deadline": deadline,
                "report_to": self.finder.report_to(text),
                "source": source or "\n".join(u.text for u in units),
                "footnotes": [{"mark": mk, "text": self.notes.get(mk, "")} for mk in marks],
                "unresolved": [],
            }
        )

    def point(self, p, inherited=None, inherited_coords=None):
        if _TARGET_HEAD_RE.match(p.text):
            for u in p.extra:
                self.requirement(u.text)
            for _u, rest in p.bullets:
                self.requirement(rest)
            for c in p.children:
                self.requirement(c.text)
            return
        if _ASSESSMENT_HEAD_RE.match(p.text) and p.depth <= 1:
            return
        heading = self.finder.heading(p.text)
        if p.children:
            lead = heading or self.finder.lead(p.text) or inherited
            coords = inherited_coords
            if not heading and p.text.rstrip().endswith(":"):
                coords = self.finder.coordinators(p.text) or inherited_coords
            for u in p.extra:
                # Sentences between a heading and its sub-points direct the same addressee.
                if not heading and not u.text.rstrip().endswith(":"):
                    self.warnings.append(
                        f"Mục {p.ref}: đoạn không đánh số trước các mục con được bỏ qua: “{u.text[:60]}…”"
                    )
            for c in p.children:
                self.point(c, lead, list(coords or []))
            return
        bullets = [rest for _u, rest in p.bullets]
        if heading:
            if p.extra:
                text = " ".join(u.text for u in p.extra)
                self.task(
                    p.ref,
                    text,
                    p.units,
                    inherited=heading,
                    coordinators=list(inherited_coords or []),
                    checklist=bullets,
                )
            elif bullets:
                for i, (u, rest) in enumerate(p.bullets, start=1):
                    self.task(
                        f"{p.ref}-{i}",
                        rest,
                        [u],
                        inherited=heading,
                        coordinators=list(inherited_coords or []),
                    )
            else:
                self.warnings.append(f"Mục {p.ref} “{p.text[:60]}” không có nội dung nhiệm vụ.")
            return
        if (
            bullets
            and all(self.finder.start_re.match(b) and self.finder.lead(b) for b in bullets)
            and p.text.rstrip().endswith(":")
        ):
            # "Giao các cơ quan sau: - Sở A: ...; - Sở B: ..." — each bullet names its own lead.
            for i, (u, rest) in enumerate(p.bullets, start=1):
                self.task(f"{p.ref}-{i}", rest, [p.units[0], u], inherited=inherited)
            return
        text = " ".join([p.text] + [u.text for u in p.extra])
        self.task(
            p.ref,
            text,
            p.units,
            inherited=inherited,
            coordinators=list(inherited_coords or []),
            checklist=bullets,
        )

    def closing(self, units):
        count = 0
        for u in units:
            for clause in re.split(r";\s*|(?<=\.)\s+(?=[A-ZĐ])", u.text):
                g = _GIAO_RE.search(clause)
                if not g:
                    continue
                text = clause[g.start() :].strip()
                if not self.finder.lead(text):
                    continue
                count += 1
                self.task("closing" if count == 1 else f"closing-{count}", text, [u], source=u.text)


def _as_date(value):
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _default_add_working_days():
    try:
        from chiso.registry.workdays import WorkCalendar
    except Exception:
        return None
    return WorkCalendar().add_working_days


def parse_notice(text, *, notice_date=None, gazetteer=None, add_working_days=None):
    """The reading of one notice: {"document", "targets", "tasks", "warnings"} (see the CLI contract)."""
    notice_date = _as_date(notice_date)
    units, notes = build_units(text or "")
    doc, body_start, tail = document_fields(units, notes, notice_date=notice_date)
    warnings = []
    ref_date = notice_date or _as_date(doc["date"]) or _as_date(doc["meeting_date"])
    year = ref_date.year if ref_date else None
    if add_working_days is None:
        add_working_days = _default_add_working_days()
    finder = ag.finder_for(gazetteer)
    body = units[body_start:tail]
    preamble, roots, closing = _walk(body)
    em = _Emitter(finder, year, add_working_days, notice_date or _as_date(doc["date"]), notes)
    in_requirements = False
    for u in preamble:
        if _TARGET_HEAD_RE.match(u.text) and u.text.rstrip().endswith(":"):
            in_requirements = True
            continue
        if _ORDINAL_RE.match(u.text) or in_requirements and not u.text.rstrip().endswith(":"):
            em.requirement(u.text)
    for p in roots:
        em.point(p)
    em.closing(closing)
    doc["requirements"] = em.requirements
    warnings += em.warnings
    if year is None and any(
        t["deadline"]["kind"] != "none"
        and t["deadline"]["due"] is None
        and t["deadline"]["kind"] not in ("recurring",)
        for t in em.tasks
    ):
        warnings.append(
            "Văn bản không ghi ngày ban hành: hạn không ghi năm chưa tính được, hãy nhập ngày văn bản (--date)."
        )
    on = ref_date
    for t in em.tasks:
        if not t["lead"]:
            warnings.append(f"Nhiệm vụ {t['ref']}: chưa xác định được cơ quan chủ trì.")
        if gazetteer is None:
            continue
        if t["lead"]:
            ids = ag.resolve(t["lead"], gazetteer, on=on)
            if ids is None:
                t["unresolved"].append(t["lead"])
                warnings.append(f"Nhiệm vụ {t['ref']}: không tìm thấy “{t['lead']}” trong danh mục cơ quan.")
            else:
                t["lead_agency_ids"] = ids
        for c in t["coordinators"]:
            ids = ag.resolve(c, gazetteer, on=on)
            if ids is None:
                t["unresolved"].append(c)
                warnings.append(f"Nhiệm vụ {t['ref']}: không tìm thấy cơ quan phối hợp “{c}” trong danh mục.")
                continue
            for i in ids:
                if i not in t["coordinator_agency_ids"]:
                    t["coordinator_agency_ids"].append(i)
    if not em.tasks:
        warnings.append("Không tìm thấy nhiệm vụ nào: văn bản không có mục đánh số giao việc cho cơ quan.")
    return {"document": doc, "targets": em.targets, "tasks": em.tasks, "warnings": warnings}


def parse_notice_file(path, **kwargs):
    from .reading import read_notice_file

    return parse_notice(read_notice_file(path), **kwargs)
