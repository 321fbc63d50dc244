"""From document text to tasks, targets and document fields (the `chiso parse-notice --json` contract).

Rule-based and linear. The body is cut into paragraphs (structure.py), task tables are read on their
own (tables.py), the rest becomes an outline (outline.py), and the outline is walked once with the
addressee each part inherits. The rules, each for one general phenomenon of Vietnamese directives:

- A task needs an addressee: its own (subject, "Giao/Đề nghị/Yêu cầu X", "X chủ trì"), or one it
  inherits from an agency heading or from a lead-in that frames the points below it
  ("… yêu cầu Bộ Y tế … lưu ý một số nội dung sau:"). Text with no addressee anywhere above it
  (purpose, targets, content lines, funding, assessments) assigns nothing.
- Sections that assess or set aims (Tình hình, Kết quả, Đánh giá, Mục đích, yêu cầu, Mục tiêu,
  Phương hướng …) give no task; praise, accountability clauses, conditional reporting and approvals
  are not tasks either.
- Bullets under a heading or a frame are tasks with its addressee; bullets spelling out what a
  directive ending in ":" consists of are that task's checklist.
- One point addressing several agencies in turn is split into one task per addressee (#1, #2 …).
- A topic label ("Về …:") is not part of the task's text; the task starts at the directive.
- Several addressees with none leading give no lead (a class phrase under one "các" is one addressee).
- Closing directives and a decision's execution article are tasks.
"""

import bisect
import functools
import re
from datetime import date

from . import addressees as ad
from . import names
from . import outline as ol
from .deadlines import extract_deadline
from .memo import short_text_cache
from .structure import INDICES, build_units, document_fields
from .tables import extract_tables
from .vietnamese import UPPER, is_all_caps, squash

_TARGET_HEAD_RE = re.compile(
    r"^(?:Yêu\s+cầu(?:\s+chung)?|Mục\s+tiêu|Mục\s+đích(?:,?\s*(?:và\s+)?yêu\s+cầu)?|Quan\s+điểm|Chỉ\s+tiêu)\b",
    re.I,
)
_SKIP_HEAD_RE = re.compile(
    r"^(?:(?:Những\s+|Một\s+số\s+)?kết\s+quả|Tình\s+hình|Đánh\s+giá(?!\s+cao)|Tồn\s+tại|Hạn\s+chế|Nguyên\s+nhân|Ưu\s+điểm|"
    r"Bối\s+cảnh|Thực\s+trạng|Hiện\s+trạng|Phương\s+hướng|Bài\s+học|Căn\s+cứ|Phạm\s+vi|Đối\s+tượng|Lộ\s+trình|Sự\s+cần\s+thiết|"
    r"Nguồn\s+kinh\s+phí|Kinh\s+phí(?!\s+thực\s+hiện\s*:)|Giải\s+thích)\b",
    re.I,
)
_ORDINAL_RE = re.compile(r"^(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\s+là\s*[,:]", re.I)
_NOT_TASK_RE = re.compile(
    r"^(?:Đánh\s+giá\s+cao|Ghi\s+nhận|Biểu\s+dương|Hoan\s+nghênh|Chịu\s+trách\s+nhiệm\s+(?:trước\s+pháp\s+luật|về\s+nội\s+dung)|"
    r"Trong\s+quá\s+trình\s+(?:tổ\s+chức\s+)?(?:triển\s+khai|thực\s+hiện)[^,]{0,60},\s*(?:nếu|trường\s+hợp)|"
    r"Trường\s+hợp\s+chậm\s+trễ|Phê\s+duyệt\b|Ban\s+hành\s+kèm\s+theo|Quyết\s+định\s+này\s+có\s+hiệu\s+lực|"
    r"(?:Văn\s+phòng\s+Chính\s+phủ|Văn\s+phòng\s+UBND)[^.]{0,40}thông\s+báo\s+để|Nơi\s+nhận|Kính\s+gửi|"
    r"(?:Trong\s+)?[Qq]uá\s+trình[^,.;]{0,80}?\bnếu\b|Thời\s+gian\s+qua\b|Số\s+ký\s+hiệu\s+\(chữ\s+ký\s+số\)|Ngày\s+ký\s+số)",
    re.I,
)
_CLOSING_RE = re.compile(
    r"(?:^|\s)(?:(?:Phó\s+)?Chủ\s+tịch\s+|Ủy\s+ban\s+nhân\s+dân|UBND|Uỷ\s+ban\s+nhân\s+dân|Ủy\s+nhân\s+dân)[^.;:]{0,60}?"
    r"\b(?:yêu\s+cầu|đề\s+nghị|giao)\b|^(?:Yêu\s+cầu|Đề\s+nghị)\s+(?:Thủ\s+trưởng|Giám\s+đốc|Chủ\s+tịch|các)\b",
    re.I,
)
_EXECUTION_RE = re.compile(r"chịu\s+trách\s+nhiệm\s+(?:thi\s+hành|tổ\s+chức\s+thực\s+hiện)", re.I)
_FRAME_END_RE = re.compile(
    r"(?:sau|sau\s+đây|như\s+sau|cụ\s+thể|trọng\s+tâm|các\s+nội\s+dung|các\s+nhiệm\s+vụ|ngay|cần\s+làm\s+ngay|chủ\s+yếu)\s*:?\s*$",
    re.I,
)
_FIELD_RE = re.compile(
    r"^(?P<field>(?:Cơ\s+quan|Đơn\s+vị)\s+(?:chủ\s+trì|thực\s+hiện|phối\s+hợp)|Thời\s+gian(?:\s+(?:thực\s+hiện|hoàn\s+thành))?|"
    r"Thời\s+hạn(?:\s+hoàn\s+thành)?|Nội\s+dung|Sản\s+phẩm|Kết\s+quả(?:\s+dự\s+kiến)?|Kinh\s+phí)\s*:\s*(?P<value>.*)$",
    re.I,
)
_SENTENCE_RE = re.compile(r"(?<=[.;])\s+(?=[\"“]?[A-ZĐÀ-Ỹ])")
_YEAR_RE = re.compile(r"năm\s+(\d{4})")
_IMPROVE_RE = re.compile(r"cải\s+thiện|nâng\s+cao|tăng|đạt|giữ\s+vững|nâng\s+hạng", re.I)
_SCORE_RE = re.compile(r"điểm", re.I)
_RANK_RE = re.compile(r"thứ\s+(?:bậc|hạng)|xếp\s+hạng|vị\s+trí|nhóm\s+\d+|bậc", re.I)
_DATA_ANNEX_RE = re.compile(
    r"CHỈ\s+TIÊU|SỐ\s+LIỆU|THỐNG\s+KÊ|BIỂU\s+MẪU|TỔNG\s+HỢP\s+KẾT\s+QUẢ|DỰ\s+TOÁN\s+KINH\s+PHÍ"
)
_WORK_ANNEX_RE = re.compile(
    r"PHÂN\s+CÔNG|NHIỆM\s+VỤ|GIẢI\s+PHÁP|TRÁCH\s+NHIỆM|TỔ\s+CHỨC\s+THỰC\s+HIỆN|KẾ\s+HOẠCH\s+HÀNH\s+ĐỘNG"
)
_NEXT_DOC_RE = re.compile(r"^(?:KẾ\s+HOẠCH|PHỤ\s+LỤC|DANH\s+MỤC|CHƯƠNG\s+TRÌNH|QUY\s+CHẾ|ĐỀ\s+ÁN)\b")
_NON_DIRECTIVE_KINDS = ("NGHỊ ĐỊNH", "NGHỊ QUYẾT", "THÔNG TƯ", "LUẬT")
_SPACES_RE = re.compile(r"\s+")
_TITLE_PREFIX_RE = re.compile(
    r"^(?:Người\s+đứng\s+đầu|Thủ\s+trưởng|Giám\s+đốc|Chủ\s+tịch|Lãnh\s+đạo|Bộ\s+trưởng)\s+"
)

# Limits on pathological input, so that an upload never keeps the reader busy for long. Real notices
# are far below both: the 200-page benchmark notice has 3,880 lines and 1,203 tasks; the dev set's 22
# documents three times over (290 pages of hard-wrapped text) have 14,946 non-blank lines and 826
# tasks. Past a limit the reader stops, keeps what it read and says so in a warning.
MAX_LINES = 50_000  # non-blank lines: ~950 pages of hard-wrapped text, far more of one line a paragraph
MAX_TASKS = 5_000


class _TooManyTasks(Exception):
    pass


def _target(text):
    indices = [name for name, rx in INDICES if rx.search(text)]
    ym = _YEAR_RE.search(text)
    if not indices or not ym or not _IMPROVE_RE.search(text):
        return None
    year = int(ym.group(1))
    score, rank = bool(_SCORE_RE.search(text)), bool(_RANK_RE.search(text))
    what = "score and rank" if score and rank else "score" if score else "rank" if rank else "result"
    return {"text": text, "indices": indices, "year": year, "goal": f"{what} improve over {year - 1}"}


class Ctx:
    """What a part of the outline inherits: its addressee(s) and coordinators."""

    __slots__ = ("addressees", "coords", "assigning", "deadline")

    def __init__(self, addressees=(), coords=(), assigning=False, deadline=None):
        self.addressees = list(addressees)
        self.coords = list(coords)
        self.assigning = assigning
        self.deadline = deadline  # a section heading's time, for points that give none of their own

    @property
    def lead(self):
        return self.addressees[0] if len(self.addressees) == 1 else None

    def with_names(self, found, coords=None):
        return Ctx(found, coords if coords is not None else [], True, self.deadline)

    def with_deadline(self, text):
        return Ctx(self.addressees, self.coords, self.assigning, text)


def _own_addressees(text):
    """Addressees a text names for itself: chủ trì, subject, or the object of Giao/Đề nghị/Yêu cầu."""
    found, named = _own_addressees_once(text)
    return list(found), named


@short_text_cache()
def _own_addressees_once(text):
    found, named = _own_addressees_read(text)
    return tuple(found), named


def _own_addressees_read(text):
    _label, body = ad.strip_topic(text)
    lead = ad.chu_tri(body[:400])
    if lead:
        return [lead], True
    found, _end = ad.subject(body)
    if found:
        return found, True
    found, at = ad.assigned(body, limit=200)
    if found and at <= 120:
        return found, True
    found = ad.trailing_unit(body)
    if found:
        return found, True
    found = _later_subject(body)
    if found:
        return found, True
    return [], False


# An imperative clause first, then the one who must act as the subject of the next clause: "Khẩn trương
# khắc phục các công trình hạ tầng …, các địa phương phải huy động các lực lượng …".
_LATER_SUBJECT_RE = re.compile(r",\s+(?=(?:các|Các|[A-ZĐ])[^,;.]{0,80}?\s(?:phải|cần)\s)")
_IMPERATIVE_START_RE = re.compile(
    r"^(?:Khẩn\s+trương|Tập\s+trung|Tiếp\s+tục|Tăng\s+cường|Đẩy\s+mạnh|Chủ\s+động|Kịp\s+thời|Nghiêm\s+túc|"
    r"Rà\s+soát|Triển\s+khai|Hoàn\s+thành|Khắc\s+phục|Bảo\s+đảm|Đảm\s+bảo)\b"
)


def _later_subject(body):
    """The subject of a clause after an opening imperative one, within the first sentence."""
    if not _IMPERATIVE_START_RE.match(body):
        return []
    first = re.split(r"(?<=[.;])\s", body, maxsplit=1)[0]
    for m in _LATER_SUBJECT_RE.finditer(first[:600]):
        found, _end = ad.subject(first[m.end() :])
        if found:
            return found
    return []


class _Emitter:
    def __init__(self, year, add_working_days, base_date, notes):
        self.year = year
        self.add_working_days = add_working_days
        self.base_date = base_date
        self.notes = notes
        self.tasks = []
        self.targets = []
        self.requirements = []
        self.warnings = []

    # -- output -----------------------------------------------------------------------------------
    def requirement(self, text):
        self.requirements.append(text)
        t = _target(text)
        if t:
            self.targets.append(t)

    def task(
        self,
        ref,
        text,
        units,
        *,
        lead,
        addressees,
        coords=(),
        checklist=(),
        deadline_text=None,
        how="",
        fields=None,
        cell=False,
        year=None,
        section_deadline=None,
    ):
        if len(self.tasks) >= MAX_TASKS:
            raise _TooManyTasks
        label, body = ad.strip_topic(squash(text))
        body = body.rstrip(" ;")
        if body.endswith("./."):
            body = body[:-3].rstrip()
        own_coords = list(coords)
        for c in ad.coordinators(body, lead):
            if c not in own_coords and c != lead:
                own_coords.append(c)
        full = body + (" " + " ".join(checklist) if checklist else "")
        deadline = extract_deadline(
            deadline_text if deadline_text is not None else full,
            year=year or self.year,
            add_working_days=self.add_working_days,
            base_date=self.base_date,
            cell=cell,
        )
        if deadline["kind"] == "none" and section_deadline:
            deadline = self._time_of(section_deadline)
        marks = []
        for u in units:
            for mk in u.marks:
                if mk not in marks:
                    marks.append(mk)
        source = "\n".join(u.text for u in units)
        confidence = 0.9 if lead else (0.6 if addressees else 0.4)
        if how in ("inherited", "closing"):
            confidence -= 0.1
        self.tasks.append(
            {
                "ref": ref,
                "text": body,
                "lead": lead,
                "coordinators": own_coords,
                "lead_agency_ids": [],
                "coordinator_agency_ids": [],
                "checklist": list(checklist),
                "deadline": deadline,
                "report_to": _report_to(body),
                "source": source,
                "footnotes": [{"mark": mk, "text": self.notes.get(mk, "")} for mk in marks],
                "unresolved": [],
                "addressees": list(addressees),
                "topic": label,
                "confidence": round(confidence, 2),
                "how": how,
                "fields": fields or {},
            }
        )

    def _time_of(self, text):
        return extract_deadline(
            text, year=self.year, add_working_days=self.add_working_days, base_date=self.base_date
        )

    # -- walking --------------------------------------------------------------------------------------
    def walk(self, node, ctx):
        for child in node.children:
            self.node(child, ctx)

    def node(self, node, ctx):
        text = node.text
        heading = node.children and (_is_caps_heading(text) or _is_title(node))
        if heading and self._time_of(text)["kind"] in ("date", "month", "quarter"):
            # "I. NHỮNG NHIỆM VỤ CẦN TRIỂN KHAI NGAY TRONG THÁNG 12/2025": the section's time bounds
            # each point below that gives none of its own. A year in a heading ("… TRỌNG TÂM TRONG NĂM
            # 2026") is the plan's scope, not a deadline.
            ctx = ctx.with_deadline(text)
        if _TARGET_HEAD_RE.match(text) and not names.find_all(text[:80], limit=1):
            # Aims and requirements assign nothing, except a point whose own subject is told what
            # to do ("Các Bộ, cơ quan … phải quán triệt …").
            for u in node.paras:
                self.requirement(u.text)
            self._requirements(node)
            self._directives_only(node)
            return
        if _SKIP_HEAD_RE.match(text) and not ad.heading_names(text) and not _directs_subject(text):
            self._directives_only(node)
            return
        heading = ad.heading_names(text)
        if heading:
            sub = ctx.with_names(heading)
            self._paragraphs(node, sub, node.paras)
            self.walk(node, sub)
            return
        labelled = ad.labelled_names(text)
        if labelled:
            # "3. Sở Khoa học và Công nghệ: Chủ trì, phối hợp …": an agency heading with its task on the
            # same line; paragraphs and sub-points below add more for the same agency.
            found, rest = labelled
            sub = ctx.with_names(found)
            if not _NOT_TASK_RE.match(rest):
                self._emit_parts(node.ref, [node.unit], rest, sub, head=None)
            for i, u in enumerate(node.paras, start=1):
                if not _NOT_TASK_RE.match(u.text):
                    self._emit_parts(f"{node.ref}.p{i}", [u], u.text, sub, head=None)
            self.walk(node, sub)
            return
        fields = _fields(node)
        if fields is not None:
            self._field_block(node, ctx, fields)
            return
        if node.children:
            self._with_children(node, ctx)
            return
        self._leaf(node, ctx)

    def _directives_only(self, node):
        """In a section that assigns nothing by itself, only sentences that direct a named addressee."""
        for c in node.children:
            text = " ".join([c.text] + [u.text for u in c.paras])
            for k, sentence in enumerate(_preamble_directives(text)):
                found, _h = _own_addressees(sentence)
                ref = c.ref if not k else f"{c.ref}#{k + 1}"
                self._emit_parts(ref, c.units(), sentence, Ctx().with_names(found), head=None)
            self._directives_only(c)

    def _requirements(self, node):
        for c in node.children:
            self.requirement(c.text)
            self._requirements(c)

    def _paragraphs(self, node, ctx, paras):
        """Paragraphs under a heading: each one a task for the heading's addressee (p1, p2 …)."""
        paras = [u for u in paras if not _NOT_TASK_RE.match(u.text)]
        if not paras:
            return
        if len(paras) == 1 and not node.children:
            self._emit_parts(node.ref, [paras[0]], paras[0].text, ctx, head=None)
            return
        for i, u in enumerate(paras, start=1):
            self._emit_parts(f"{node.ref}.p{i}" if node.ref else f"p{i}", [u], u.text, ctx, head=None)

    def _with_children(self, node, ctx):
        text = node.text
        bullets = all(c.style[0] in ("dash", "plus") for c in node.children)
        own, has_own = _own_addressees(text)
        ends_colon = text.rstrip().endswith(":")
        frame = ends_colon and (not _has_action(text, own) or _CLOSING_FRAME_RE.search(text))
        children_own = sum(1 for c in node.children if _own_addressees(c.text)[1])
        sub = ctx.with_names(own) if has_own else ctx
        if (
            bullets
            and ends_colon
            and not frame
            and children_own < max(1, len(node.children) // 2 + 1)
            # with no addressee above, bullets that direct by themselves ("- Về việc lựa chọn nhà thầu
            # …, yêu cầu khẩn trương …") are read one by one below
            and (sub.addressees or sub.assigning or not any(_bare_directive(c.text) for c in node.children))
        ):
            # "… thành lập các Tổ kiểm tra thực hiện các nhiệm vụ sau đây: - Kiểm tra … - Kiểm tra …"
            if _NOT_TASK_RE.match(text) or not (sub.addressees or sub.assigning):
                return
            after = [u for c in node.children for u in c.paras]
            self._emit_parts(
                node.ref,
                node.units() + [u for c in node.children for u in c.units()],
                " ".join([text] + [u.text for u in node.paras]),
                sub,
                head=None,
                checklist=[c.text for c in node.children],
                tail=" ".join(u.text for u in after),
            )
            return
        sub = ctx.with_names(own) if has_own else ctx
        for u in node.paras:
            # "II. Một số nhiệm vụ trọng tâm" + "Đề nghị Ban chỉ đạo …, các cơ quan, địa phương … sau:"
            if u.text.rstrip().endswith(":") and _frames_work(u.text):
                p_own = ad.frame_addressees(u.text)
                if p_own:
                    sub = ctx.with_names(p_own)
        if ends_colon and not has_own and _frames_work(text):
            f_own = ad.frame_addressees(text)
            if f_own:
                sub = ctx.with_names(f_own)
        if _is_caps_heading(text):
            pass  # a section heading in capitals names what follows; it is no task of its own
        elif not ends_colon and has_own and not _NOT_TASK_RE.match(text):
            # The point is a directive itself, and its sub-points add more for the same addressee.
            self._emit_parts(node.ref, [node.unit], text, sub, head=None)
        elif (
            not ends_colon
            and not has_own
            and ctx.addressees
            and not _NOT_TASK_RE.match(text)
            and _is_directive(text)
        ):
            self._emit_parts(node.ref, [node.unit], text, ctx, head=None)
        if node.paras:
            self._paragraphs_after(node, sub)
        self.walk(node, sub)

    def _paragraphs_after(self, node, ctx):
        """Unnumbered paragraphs between a point's title and its sub-points: directives when they
        name an addressee; a frame ending in ':' passes its addressee on."""
        for i, u in enumerate(node.paras, start=1):
            own, has_own = _own_addressees(u.text)
            if has_own and not u.text.rstrip().endswith(":") and not _NOT_TASK_RE.match(u.text):
                self._emit_parts(f"{node.ref}.p{i}", [u], u.text, ctx.with_names(own), head=None)

    def _leaf(self, node, ctx):
        if _NOT_TASK_RE.match(node.text):
            return
        if (
            not ctx.addressees
            and not ctx.assigning
            and not node.paras
            and not _MAY_ADDRESS_RE.search(node.text)
        ):
            return  # no addressee above and no word that could start one here: nothing is assigned
        if node.paras and (_LABEL_RE.match(node.text) or node.text.rstrip().endswith(":") or _is_title(node)):
            # "1. Về kiến nghị …:", "Điều 2. Trách nhiệm thực hiện của các đơn vị:" then the directive
            # paragraphs: the label is not part of the task.
            text = " ".join(u.text for u in node.paras)
            self._emit_parts(node.ref, node.units(), text, ctx, head=None)
            return
        text = " ".join([node.text] + [u.text for u in node.paras])
        self._emit_parts(node.ref, node.units(), text, ctx, head=None)

    def _emit_parts(self, ref, units, text, ctx, *, head, checklist=(), tail=""):
        """One task per addressee inside the text (split where a sentence names a new one); items
        enumerated inside the paragraph ("…; (ii) Chủ trì …; (iii) Xây dựng …") are tasks of their own."""
        marks = list(_INLINE_ENUM_RE.finditer(text))
        if len(marks) >= 2 and not checklist:
            base = re.sub(r"\.\((?:[ivx]+|\d+)\)$", "", ref)
            first = text[: marks[0].start()].strip()
            chunks = []
            if first:
                chunks.append((ref, first))
            for k, m in enumerate(marks):
                stop = marks[k + 1].start() if k + 1 < len(marks) else len(text)
                label = m.group(1)
                item_ref = ref if (not first and k == 0) else f"{base}.({label})"
                chunks.append((item_ref, text[m.end() : stop].strip(" ;")))
            for item_ref, chunk in chunks:
                self._emit_parts_one(item_ref, units, chunk, ctx, tail=tail)
            return
        self._emit_parts_one(ref, units, text, ctx, checklist=checklist, tail=tail)

    def _emit_parts_one(self, ref, units, text, ctx, *, checklist=(), tail=""):
        _label, body = ad.strip_topic(squash(text))
        parts = _split_by_addressee(body)
        out = []
        for ptext, (own, has_own) in parts:
            if _NOT_TASK_RE.match(ptext):
                continue
            bare = not has_own and bool(_BARE_DIRECTIVE_RE.match(ptext))
            if has_own:
                addressees, how = own, "own"
            elif ctx.addressees:
                addressees, how = ctx.addressees, "inherited"
            elif ctx.assigning:
                addressees, how = [], "inherited"
            elif bare:
                addressees, how = [], "own"  # the issuer directs without naming who: lead null
            else:
                continue
            if not _is_directive(ptext) and not has_own and not ctx.assigning and not bare:
                continue
            lead = ad.chu_tri(ptext[:400]) or (addressees[0] if len(addressees) == 1 else None)
            coords = ctx.coords if how == "inherited" else []
            out.append((ptext, lead, addressees, coords, how))
        for i, (ptext, lead, addressees, coords, how) in enumerate(out, start=1):
            r = ref if len(out) == 1 else f"{ref}#{i}"
            last = i == len(out)
            self.task(
                r,
                ptext,
                units,
                lead=lead,
                addressees=addressees,
                coords=coords,
                how=how,
                checklist=checklist if last else (),
                deadline_text=" ".join([ptext, *checklist, tail]) if last and tail else None,
                section_deadline=ctx.deadline,
            )

    def _field_block(self, node, ctx, fields):
        """ "- Cơ quan chủ trì: … - Cơ quan phối hợp: … - Thời gian thực hiện: …" under an item."""
        text = fields.get("nội dung") or node.text
        lead_slot = fields.get("chủ trì") or fields.get("thực hiện")
        coords = _split_slot(fields.get("phối hợp") or "")
        addressees, lead = [], None
        if lead_slot:
            found, end = names.agency_list(lead_slot, 0, place=True)
            addressees = [_strip(f) for f in found] or [lead_slot]
            if len(found) <= 1 or names.is_class(found[0]) and ";" not in lead_slot and len(found) == 1:
                lead = _slot_lead(lead_slot, found)
            else:
                lead = _slot_lead(lead_slot, found)
        elif ctx.addressees:
            addressees, lead = ctx.addressees, ctx.lead
        time = fields.get("thời gian")
        deadline_text = time if time is not None else text + " " + (lead_slot or "")
        self.task(
            node.ref,
            text,
            node.units(),
            lead=lead,
            addressees=addressees,
            coords=coords,
            deadline_text=deadline_text,
            cell=time is not None,
            how="fields",
            fields={k: v for k, v in fields.items()},
        )

    def closing(self, units):
        """Closing directives: one task per sentence that directs someone; when a sentence both asks
        everyone to carry the contents out and gives one body the follow-up ("…; giao Sở Nội vụ chủ
        trì theo dõi, đôn đốc"), the follow-up is the task."""
        count = 0
        for u in units:
            t = u.text
            if not _CLOSING_RE.search(t) and not _EXECUTION_RE.search(t):
                # a later paragraph of the closing that directs by itself ("Văn bản góp ý, kính đề
                # nghị các đồng chí … gửi về … chậm nhất ngày 08/4/2026")
                for sentence in _preamble_directives(t):
                    found, _h = _own_addressees(sentence)
                    count += 1
                    ref = "closing" if count == 1 else f"closing#{count}"
                    self._emit_parts(ref, [u], sentence, Ctx().with_names(found), head=None)
                continue
            for sentence in re.split(rf"(?<=[.])\s+(?=[{UPPER}])", t):
                if re.search(
                    r"(?:nếu|trường\s+hợp)\s+có\s+(?:khó\s+khăn|vướng\s+mắc|phát\s+sinh)",
                    sentence[:160],
                    re.I,
                ):
                    continue
                if re.search(r"thông\s+báo\s+để\s+(?:các|\S+\s+)?[^.]{0,80}biết", sentence, re.I):
                    continue
                g = re.search(r"(?:^|[;,]\s*)(giao\s+)", sentence, re.I)
                body = sentence[g.start(1) :] if g else sentence
                found, _at = ad.assigned(body)
                if not found and not _EXECUTION_RE.search(body):
                    continue
                if not found:
                    m = re.match(r"^(.{0,300}?)\s+chịu\s+trách\s+nhiệm", body)
                    found = [x.strip() for x in re.split(r";", m.group(1))] if m else []
                lead = ad.chu_tri(body) or (found[0] if len(found) == 1 else None)
                count += 1
                ref = "closing" if count == 1 else f"closing#{count}"
                self.task(ref, body.strip(), [u], lead=lead, addressees=found, how="closing")


def _strip(name):
    return _SPACES_RE.sub(" ", name).strip(" ,;.")


def _slot_lead(slot, found):
    """The lead of a labelled slot: copied as written when it is one body or one class phrase;
    empty when it names two or more specific bodies."""
    slot = slot.strip().rstrip(".;")
    slot = re.sub(r"\s+theo\s+chức\s+năng.*$", "", slot)
    if len(found) >= 2 and not all(names.is_class(f) for f in found[1:]):
        return None
    if len(found) >= 2 and not names.is_class(found[0]):
        return None
    return slot if found else None


def _split_slot(slot):
    out = []
    for part in re.split(r"\s*;\s*", slot.strip().rstrip(".")):
        if not part:
            continue
        found, _e = names.agency_list(part, 0, place=True)
        out += [_strip(f) for f in found] if found else [part.strip()]
    return out


def _fields(node):
    """{field: value} when the point's bullets are labelled fields, else None."""
    got = {}
    for c in node.children:
        if c.style[0] not in ("dash", "plus"):
            return None if got else None
        m = _FIELD_RE.match(c.text)
        if not m:
            continue
        key = m.group("field").lower()
        value = " ".join([m.group("value")] + [u.text for u in c.paras]).strip()
        if "chủ trì" in key:
            got["chủ trì"] = value
        elif "phối hợp" in key:
            got["phối hợp"] = value
        elif "thực hiện" in key and ("cơ quan" in key or "đơn vị" in key):
            got["thực hiện"] = value
        elif key.startswith("thời"):
            got["thời gian"] = value
        elif key.startswith("nội dung"):
            got["nội dung"] = value
        else:
            got[key] = value
    if not any(k in got for k in ("chủ trì", "thực hiện", "phối hợp", "thời gian")):
        return None
    return got


_ACTION_RE = re.compile(
    r"\b(?:xây\s+dựng|thành\s+lập|tổ\s+chức|rà\s+soát|ban\s+hành|kiểm\s+tra|báo\s+cáo|hoàn\s+thành|triển\s+khai\s+thực\s+hiện\s+các\s+(?!nhiệm\s+vụ|nội\s+dung))",
    re.I,
)


def _has_action(text, own):
    return bool(_ACTION_RE.search(text))


_DIRECTIVE_RE = re.compile(
    r"\b(?:phải|cần|khẩn\s+trương|tiếp\s+tục|tập\s+trung|chủ\s+động|chủ\s+trì|phối\s+hợp|thực\s+hiện|triển\s+khai|"
    r"chỉ\s+đạo|rà\s+soát|xây\s+dựng|tổ\s+chức|hướng\s+dẫn|nghiên\s+cứu|báo\s+cáo|tham\s+mưu|đề\s+xuất|trình|"
    r"ban\s+hành|kiểm\s+tra|đẩy\s+mạnh|tăng\s+cường|bố\s+trí|hoàn\s+thành|theo\s+dõi|đôn\s+đốc|giao|yêu\s+cầu|"
    r"đề\s+nghị|bảo\s+đảm|đảm\s+bảo|nâng\s+cao|cung\s+cấp|cập\s+nhật|hỗ\s+trợ|tạo\s+điều\s+kiện|sửa\s+đổi|"
    r"quán\s+triệt|kịp\s+thời|sớm|nghiêm\s+túc|giải\s+quyết|xử\s+lý|phân\s+công|lập|tuân\s+thủ|khuyến\s+khích|"
    r"đầu\s+tư|chuẩn\s+bị|thống\s+nhất|làm\s+việc|ưu\s+tiên|chịu\s+trách\s+nhiệm|huy\s+động|cử|đánh\s+giá)\b",
    re.I,
)


def _is_directive(text):
    return bool(_DIRECTIVE_RE.search(text[:300]))


def _directs_subject(text):
    """A point that opens like a section heading ("Căn cứ …", "Đối tượng …") but is a sentence directing
    its own subject ("Căn cứ nội dung Kế hoạch này …, các sở, ban, ngành … xây dựng Kế hoạch …")."""
    return len(text.split()) > 12 and bool(ad.subject(text)[0])


def _split_by_addressee(text):
    """[(part text, (addressees, named))]: a new part starts at a sentence that names a different
    addressee; the sentences after it without one stay with it."""
    sentences = _SENTENCE_RE.split(text)
    parts = []  # [[sentences], addressees, named, lower-cased text so far]
    for s in sentences:
        own, has_own = _own_addressees(s)
        if not parts:
            parts.append([[s], own, has_own, s.lower()[:2000]])
            continue
        cur = parts[-1]
        # A new addressee opens a new task; the heads of the same class of bodies ("Thủ trưởng các
        # sở, ngành …" after "các cơ quan, địa phương") continue the one before.
        # After an unnamed opening (the addressee inherited), only the heads of a class continue it:
        # "Đồng thời, các cấp, các ngành cần …" is a directive to someone new.
        classes_only = all(names.is_class(_untitled(x)) for x in own) and (
            all(names.is_class(_untitled(x)) for x in cur[1])
            if cur[2]
            else all(_untitled(x) != x for x in own)
        )
        # "… kiện toàn Hội đồng tư vấn …. Hội đồng phải …": the body the task sets up, not a new addressee.
        set_up = all(x in names.SELF_HEADS and x.lower() in cur[3] for x in own) if own else False
        if has_own and own != cur[1] and not classes_only and not set_up and _starts_directive(s):
            parts.append([[s], own, has_own, s.lower()[:2000]])
        else:
            cur[0].append(s)
            if len(cur[3]) < 2000:
                cur[3] += " " + s.lower()[:2000]
    return [(" ".join(p[0]), (p[1], p[2])) for p in parts]


# "…, yêu cầu Ủy ban nhân dân tỉnh Đồng Nai:" — the addressee named last, right before the points.
_CLOSING_FRAME_RE = re.compile(r"\b(?:yêu\s+cầu|đề\s+nghị|giao)\s+[^.;:]{3,150}:\s*$", re.I)
# "yêu cầu khẩn trương triển khai …": a directive whose addressee is left implicit (the sentence's topic
# says what it is about, not who must act).
_BARE_DIRECTIVE_RE = re.compile(
    r"^(?:kính\s+)?(?:yêu\s+cầu|đề\s+nghị)\s+(?:khẩn\s+trương|tập\s+trung|sớm|nghiêm\s+túc|chủ\s+động|"
    r"tiếp\s+tục|rà\s+soát|triển\s+khai|hoàn\s+thành|thực\s+hiện|xây\s+dựng|tổ\s+chức|bảo\s+đảm|đảm\s+bảo|"
    r"kiểm\s+tra|xử\s+lý|giải\s+quyết|báo\s+cáo)\b",
    re.I,
)


def _bare_directive(text):
    """A directive to no one named, after its topic ("Về việc …, yêu cầu khẩn trương …")."""
    return bool(_BARE_DIRECTIVE_RE.match(ad.strip_topic(squash(text))[1]))


_MAY_ADDRESS_RE = re.compile(r"[A-ZĐÀ-Ỹ]|\b(?:các|giao|đề\s+nghị|yêu\s+cầu|chủ\s+trì|tỉnh|thành\s+phố)\b")
# "(ii)", "(3)" opening a clause inside a paragraph, after ";" ":" or "."
_INLINE_ENUM_RE = re.compile(r"(?:(?<=[;:.])\s+|^)\((i{1,3}|iv|vi{0,3}|ix|x|\d{1,2})\)\s+(?=\S)")
_LABEL_RE = re.compile(r"^(?:Về|Đối\s+với|Riêng)\s.{2,400}:\s*$", re.S)
_ISSUING_RE = re.compile(
    r"\b(?:ban\s+hành|kết\s+luận|thông\s+báo|hướng\s+dẫn\s+(?:như\s+sau|một\s+số))\b", re.I
)
_FRAMING_RE = re.compile(
    r"\b(?:yêu\s+cầu|đề\s+nghị|giao|cần|phải|tập\s+trung|thực\s+hiện|triển\s+khai|lưu\s+ý)\b", re.I
)


_MODAL_RE = re.compile(
    r"^\s*(?:(?:theo\s+chức\s+năng,?\s+nhiệm\s+vụ(?:\s+được\s+giao)?,?\s*)?)(?:,[^,;.]{0,150},\s*)?"
    r"(?:cần|phải|khẩn\s+trương|chủ\s+trì|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|nghiêm\s+túc|sớm|kịp\s+thời|"
    r"tập\s+trung|nghiên\s+cứu|tiếp\s+tục\s+(?!được)|chủ\s+động\s+(?:phối\s+hợp|rà\s+soát|xây\s+dựng|đề\s+xuất)|"
    r"tham\s+mưu|bố\s+trí|hướng\s+dẫn|xây\s+dựng|rà\s+soát|tổ\s+chức|thực\s+hiện|triển\s+khai|quán\s+triệt)",
    re.I,
)


def _preamble_directives(paragraph):
    """Directive sentences inside an unnumbered narrative paragraph: an addressee as subject followed
    by a modal ("Bộ Nông nghiệp và Môi trường, các ngành … cần khảo sát …"), or "Giao/Đề nghị X …".
    Narrative ("… đã làm việc với …", "… chủ động chỉ đạo từ sớm") is not a directive."""
    out = []
    for sentence in _SENTENCE_RE.split(paragraph):
        if sentence.rstrip().endswith(":") or _NOT_TASK_RE.match(sentence):
            continue
        if re.match(r"(?:Căn\s+cứ|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị)\b", sentence):
            continue  # the legal basis of the document, not a directive
        found, end = ad.subject(sentence)
        if found and _MODAL_RE.match(sentence[end:]):
            out.append(sentence)
            continue
        got, at = ad.assigned(sentence, limit=80)
        if got and at == 0:
            out.append(sentence)
            continue
        # "Về việc lựa chọn nhà thầu …, yêu cầu khẩn trương …", "Văn bản góp ý, kính đề nghị các
        # đồng chí … gửi về …": a topic, then the directive
        label, body = ad.strip_topic(sentence)
        if label and (_BARE_DIRECTIVE_RE.match(body) or 0 <= ad.assigned(body, limit=80)[1] <= 6):
            out.append(sentence)
    return out


def _frames_work(text):
    """A lead-in that sets work for the points below ("… yêu cầu các sở … thực hiện một số nội dung
    sau:"), not the issuer introducing its own document ("UBND tỉnh ban hành Kế hoạch … như sau:")."""
    return bool(_FRAMING_RE.search(text)) and not _ISSUING_RE.search(text)


_LOWER_LETTER_RE = re.compile(r"[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")


def _is_caps_heading(text):
    """A heading written in capitals ("NHỮNG NHIỆM VỤ CẦN TRIỂN KHAI NGAY TRONG THÁNG 12/2025")."""
    t = text.strip()
    return len(t) >= 8 and not _LOWER_LETTER_RE.search(t) and sum(c.isalpha() for c in t) >= 6


def _is_title(node):
    """A point's text that only names what follows ("Điều 5. Tổ chức thực hiện", "Rà soát văn bản"):
    short, unpunctuated, naming no addressee."""
    t = node.text.strip()
    return len(t.split()) <= 12 and t[-1:] not in ".;:" and not _own_addressees(t)[1]


def _untitled(name):
    return _TITLE_PREFIX_RE.sub("", name)


def _starts_directive(sentence):
    """A sentence whose addressee comes first (subject or Giao/Đề nghị …), not one that only mentions it
    nor one that tells what it has done ("Các nhà mạng viễn thông lớn đã và đang triển khai …")."""
    _label, body = ad.strip_topic(sentence)
    found, end = ad.subject(body)
    if found:
        return not _DONE_RE.match(body, end)
    found, at = ad.assigned(body, limit=120)
    return bool(found) and at <= 60


_DONE_RE = re.compile(r"\s*(?:[^\s,.;:]+\s+){0,2}?(?:đã|đang|vừa|từng)\s", re.I)  # "… lớn đã và đang …"
_VIA_RE = re.compile(r"\(\s*(?:thông\s+)?qua\s+", re.I)
_SEND_RE = re.compile(r"(?:gửi|báo\s+cáo)(?:\s+kết\s+quả)?(?:\s+thực\s+hiện)?(?:\s+về)?\s+", re.I)


def _report_to(text):
    """Whom the work is reported to: the body it goes through ("gửi UBND tỉnh (thông qua Sở Nội vụ)"),
    else the one named after "gửi"/"báo cáo"."""
    for m in _VIA_RE.finditer(text):
        got, _e = names.agency_list(text, m.end())
        if got:
            return _strip(got[0])
    for m in _SEND_RE.finditer(text):
        got, _e = names.agency_list(text, m.end())
        if got:
            return _strip(got[0])
    return None


def _as_date(value):
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@functools.lru_cache(maxsize=1)
def _default_add_working_days():
    # One calendar for every parse: the default one has no exceptions of its own (its tables are
    # cached in workdays.py), and one stable function keeps the memoised deadline readings reusable
    # from notice to notice instead of filling the cache with readings tied to a calendar per parse.
    try:
        from chiso.registry.workdays import WorkCalendar
    except Exception:
        return None
    return WorkCalendar().add_working_days


def _segments(units, body_start, tail):
    """Body parts: the main body, and any attached document (a plan after its decision, an annex
    after the signature) that follows the recipients and the signature."""
    segs = [(body_start, tail)]
    i = tail
    n = len(units)
    while i < n:
        t = units[i].text.strip()
        if _NEXT_DOC_RE.match(t) and is_all_caps(t.split("(")[0]):
            # Its title runs in capitals or up to the first numbered point.
            j = i + 1
            while j < n and (
                is_all_caps(units[j].text) or units[j].text.startswith("(") or units[j].text.startswith("Kèm")
            ):
                j += 1
            end = j
            while (
                end < n
                and not re.match(r"^Nơi\s+nhận", units[end].text, re.I)
                and not (
                    is_all_caps(units[end].text) and re.match(r"^(?:TM|KT|TL|Q|TUQ)\s*\.", units[end].text)
                )
            ):
                end += 1
            title = " ".join(u.text for u in units[i:j])
            if not (_DATA_ANNEX_RE.search(title) and not _WORK_ANNEX_RE.search(title)):
                segs.append((j, end))
            # else an annex of figures ("PHỤ LỤC I: CHỈ TIÊU ĐÀO TẠO …", "BIỂU MẪU THỐNG KÊ SỐ LIỆU …")
            # assigns nothing: its rows name bodies and verbs, but they are counts and quotas (a task
            # table inside it is still read, from the table reader)
            i = end + 1
            continue
        i += 1
    return segs


_KINH_GUI_RE = re.compile(r"Kính\s+gửi\s*:?\s*(?P<rest>.*)$", re.I | re.S)


def _letter_recipients(body):
    """(units without the "Kính gửi" list, [addressees]) of a letter."""
    for i, u in enumerate(body[:12]):
        m = _KINH_GUI_RE.search(u.text)
        if not m:
            continue
        got = [r.strip(" ;.") for r in re.split(r"\s*;\s*|\s+-\s+", m.group("rest")) if r.strip(" ;.-")]
        j = i + 1
        while j < len(body) and re.match(r"^[-–+•]\s*", body[j].text) and len(body[j].text) < 250:
            got.append(re.sub(r"^[-–+•]\s*", "", body[j].text).strip(" ;."))
            j += 1
        head = body[:i] if m.start() == 0 else body[:i] + [type(u)(u.text[: m.start()].strip(), u.marks)]
        return [x for x in head if x.text] + body[j:], [g for g in got if g]
    return body, []


def _closing_split(body_units):
    """(points, closing units): the closing is the run of paragraphs after the last point that
    directs everyone ("Chủ tịch UBND tỉnh yêu cầu …", "… chịu trách nhiệm thi hành Quyết định này")."""
    start = len(body_units)
    j = len(body_units) - 1
    while j >= 0 and not ol.marker(body_units[j].text):
        t = body_units[j].text
        if _CLOSING_RE.search(t) or _EXECUTION_RE.search(t):
            start = j
        j -= 1
    return body_units[:start], body_units[start:]


def _read_body(em, doc, units, body_start, tail, tables):
    """Every task of the body, of the documents attached after it, of their closings and of the task
    tables, into em (stops with _TooManyTasks past MAX_TASKS)."""
    for seg_start, seg_end in _segments(units, body_start, tail):
        body, recipients = _letter_recipients(units[seg_start:seg_end])
        if recipients and not doc.get("addressed_to"):
            doc["addressed_to"] = recipients
        points, closing = _closing_split(body)
        root = ol.build(points)
        in_requirements = False
        # A letter ("Kính gửi: - A; - B") directs its points to its addressees, jointly when several.
        ctx = Ctx().with_names(recipients) if recipients else Ctx()
        for u in root.paras:
            if _TARGET_HEAD_RE.match(u.text) and u.text.rstrip().endswith(":"):
                in_requirements = True
                continue
            if _ORDINAL_RE.match(u.text) or in_requirements and not u.text.rstrip().endswith(":"):
                em.requirement(u.text)
                continue
            own = ad.frame_addressees(u.text) if u.text.rstrip().endswith(":") else []
            if own and _frames_work(u.text):
                ctx = ctx.with_names(own)  # a lead-in framing the points below
            else:
                for k, sentence in enumerate(_preamble_directives(u.text)):
                    found, _h = _own_addressees(sentence)
                    em._emit_parts(
                        "p1" if not k else f"p1#{k + 1}", [u], sentence, ctx.with_names(found), head=None
                    )
        em.walk(root, ctx)
        em.closing(closing)
    for tb in tables:
        _table_tasks(em, tb)


def _line_limit(text, n):
    """Where text must be cut to keep its first n non-blank lines, or None when it has no more."""
    if text.count("\n") < n:
        return None
    at, kept = 0, 0
    for line in text.split("\n"):
        if line.strip():
            kept += 1
            if kept > n:
                return at - 1  # the line break before the first line not kept
        at += len(line) + 1
    return None


def parse_notice(text, *, notice_date=None, gazetteer=None, add_working_days=None):
    """The reading of one notice: {"document", "targets", "tasks", "warnings"} (see the CLI contract)."""
    notice_date = _as_date(notice_date)
    original = text or ""
    warnings = []
    text = original
    cut = _line_limit(text, MAX_LINES)
    if cut is not None:
        text = text[:cut]
        warnings.append(
            f"Văn bản dài hơn {MAX_LINES:,} dòng có chữ: chỉ đọc {MAX_LINES:,} dòng đầu; hãy tách văn bản thành "
            "nhiều phần để đọc hết.".replace(",", ".")
        )
    tables, text = extract_tables(text)
    units, notes = build_units(text)
    doc, body_start, tail = document_fields(units, notes, notice_date=notice_date)
    ref_date = notice_date or _as_date(doc["date"]) or _as_date(doc["meeting_date"])
    year = ref_date.year if ref_date else _scope_year(doc)
    if add_working_days is None:
        add_working_days = _default_add_working_days()
    em = _Emitter(year, add_working_days, notice_date or _as_date(doc["date"]), notes)
    try:
        _read_body(em, doc, units, body_start, tail, tables)
    except _TooManyTasks:
        warnings.append(
            f"Văn bản có hơn {MAX_TASKS:,} nhiệm vụ: chỉ đọc {MAX_TASKS:,} nhiệm vụ đầu; hãy tách văn bản thành "
            "nhiều phần để đọc hết.".replace(",", ".")
        )
    doc["requirements"] = em.requirements
    warnings += em.warnings
    _locate(em.tasks, original)
    kind = (doc.get("kind") or "").upper()
    if kind in _NON_DIRECTIVE_KINDS:
        warnings.append(
            f"Văn bản là {kind.lower()}, không phải văn bản chỉ đạo: chỉ lấy các nội dung giao việc (thường ở điều "
            "tổ chức thực hiện); hãy kiểm tra lại."
        )
    for tb in tables:
        warnings += tb.warnings
    if year is None and any(
        t["deadline"]["kind"] != "none"
        and t["deadline"]["due"] is None
        and t["deadline"]["kind"] not in ("recurring", "range")
        for t in em.tasks
    ):
        warnings.append(
            "Văn bản không ghi ngày ban hành: hạn không ghi năm chưa tính được, hãy nhập ngày văn bản (--date)."
        )
    on = ref_date
    resolved = {}  # names repeat from task to task: each is looked up once

    def _resolve_once(name):
        if name not in resolved:
            resolved[name] = _resolve(name, gazetteer, on=on)
        return resolved[name]

    for t in em.tasks:
        if not t["lead"]:
            warnings.append(f"Nhiệm vụ {t['ref']}: chưa xác định được cơ quan chủ trì.")
        if gazetteer is None:
            continue
        if t["lead"]:
            ids = _resolve_once(t["lead"])
            if ids is None:
                t["unresolved"].append(t["lead"])
                if not names.is_class(t["lead"]):  # a class ("các cơ quan chức năng") is no registry entry
                    warnings.append(
                        f"Nhiệm vụ {t['ref']}: không tìm thấy “{t['lead']}” trong danh mục cơ quan."
                    )
            else:
                t["lead_agency_ids"] = ids
        for c in t["coordinators"]:
            ids = _resolve_once(c)
            if ids is None:
                t["unresolved"].append(c)
                if not names.is_class(c) and not c.startswith(
                    ("chính quyền", "cơ quan", "đơn vị", "địa phương")
                ):
                    warnings.append(
                        f"Nhiệm vụ {t['ref']}: không tìm thấy cơ quan phối hợp “{c}” trong danh mục."
                    )
                continue
            for i in ids:
                if i not in t["coordinator_agency_ids"]:
                    t["coordinator_agency_ids"].append(i)
    if not em.tasks:
        warnings.append("Không tìm thấy nhiệm vụ nào: văn bản không có nội dung giao việc cho cơ quan nào.")
    return {"document": doc, "targets": em.targets, "tasks": em.tasks, "warnings": warnings}


_WORDS_RE = re.compile(r"[^\W_]+")


def _locate(tasks, text):
    """Each task's span in the text it was read from: {"start", "end", "line"} (characters and the
    line number of the start), found by the task's first and last words whatever the line wraps and
    markup in between; None when its words cannot be found. Searches move forward through the text
    with plain string search, so the whole pass stays linear."""
    pos = 0
    line_starts = None
    for t in tasks:
        t["span"] = None
        words = _WORDS_RE.findall(t["text"][:200])
        if not words:
            continue
        start = _find_words(text, words[:4], pos, len(text))
        if start < 0 and pos:
            start = _find_words(text, words[:4], 0, pos)
        if start < 0:
            continue
        last = _WORDS_RE.findall(t["text"][-120:])[-3:]
        limit = min(len(text), start + 2 * len(t["text"]) + 500)
        end = _find_words(text, last, start, limit, end=True)
        if line_starts is None:
            line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        line = bisect.bisect_right(line_starts, start)
        t["span"] = {"start": start, "end": end if end > start else start + len(t["text"]), "line": line}
        pos = start + 1


def _find_words(text, words, lo, hi, end=False):
    """Where the words occur in order in text[lo:hi], separated by anything that is not a word
    (spaces, line breaks, markup), within a window of 40 characters a word; the start, or the end
    when end=True; -1 when absent. A candidate is compared word by word and dropped at the first
    difference, so the many false starts of a common word cost little."""
    first = words[0]
    n = len(words)
    p = text.find(first, lo, hi)
    tries = 0
    while p >= 0 and tries < 200:
        stop = min(len(text), p + 40 * n + 40)
        it = _WORDS_RE.finditer(text, p, stop)
        for w in words:
            m = next(it, None)
            if m is None or m.group() != w:
                break
        else:
            if not end:
                return p
            m = None
            for m in _WORDS_RE.finditer(text, p, stop):
                if m.group() == words[-1]:
                    break
            return m.end() if m else p
        p = text.find(first, p + 1, hi)
        tries += 1
    return -1


def _scope_year(doc):
    m = re.search(r"năm\s+(\d{4})", doc.get("title") or "")
    return int(m.group(1)) if m else None


def _resolve(name, gazetteer, on=None, threshold=0.75):
    """Agency ids for a name as written, or None when the gazetteer has no confident match."""
    ids = []
    for part in [p.strip() for p in re.split(r"\s*;\s*", name) if p.strip()]:
        part = re.sub(
            r"^(?:Người\s+đứng\s+đầu|Thủ\s+trưởng|Giám\s+đốc|Chủ\s+tịch|Lãnh\s+đạo|Bộ\s+trưởng)\s+", "", part
        )
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


def _table_tasks(em, tb):
    for row in tb.rows:
        lead_slot = row.lead or ""
        found, _e = names.agency_list(lead_slot, 0, place=True) if lead_slot else ([], 0)
        lead = _slot_lead(lead_slot, found) if lead_slot else None
        coords = []
        for part in row.coords:
            for c in _split_slot(part):
                if c not in coords:
                    coords.append(c)
        em.task(
            row.ref,
            row.text,
            [],
            lead=lead,
            addressees=[_strip(f) for f in found],
            coords=coords,
            deadline_text=row.time or "",
            cell=True,
            year=tb.year,
            how="table",
            fields={"chủ trì": row.lead, "phối hợp": "; ".join(row.coords), "thời gian": row.time},
        )
        em.tasks[-1]["source"] = row.source


def parse_notice_file(path, **kwargs):
    from .reading import read_notice_file

    return parse_notice(read_notice_file(path), **kwargs)
