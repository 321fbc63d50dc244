"""From an uploaded notice to a published Directive with its Tasks and Targets.

The reading itself is chiso.notices (no Django); this module stores drafts, recognises a notice
uploaded twice (same number/symbol, same file, or same words) and publishes what a monitor accepted.
"""

import hashlib
import re
import unicodedata
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from chiso.notices import parse_notice, read_notice_bytes
from chiso.registry import permissions
from chiso.registry.demo_province import demo_gazetteer
from chiso.registry.models import Agency
from chiso.registry.services import gazetteer_from_db

from ..models import Directive, NoticeDraft, Target, Task
from . import life, notify

ALLOWED_EXTENSIONS = (".txt", ".docx", ".pdf")
# The reader marks the notice's closing assignment (after the numbered points) with the ref "closing";
# people read it as the part on carrying the notice out.
REF_LABELS = {"closing": "Tổ chức thực hiện"}


def ref_label(ref):
    return REF_LABELS.get(ref or "", ref or "")


MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def file_sha256(data):
    return hashlib.sha256(data).hexdigest()


def content_sha256(text):
    """Fingerprint of the words: the same notice as TXT, DOCX or PDF gets the same one."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹*]+", "", text)
    text = re.sub(r"\W+", "", text)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def gazetteer():
    if Agency.objects.exists():
        return gazetteer_from_db()

    return demo_gazetteer()


def _as_date(value):
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _shingles(text, size=5):
    """Word 5-grams of the normalised text: the same notice read from TXT, DOCX or PDF shares nearly all."""
    words = re.sub(r"[^\w]+", " ", unicodedata.normalize("NFC", text or "").casefold()).split()
    return {hash(" ".join(words[i : i + size])) for i in range(max(0, len(words) - size + 1))}


NEAR_IDENTICAL = 0.85  # share of 5-word sequences in common (Jaccard) for "the same text"


def similarity(a, b):
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def find_duplicate(parsed, *, sha256="", content_sha="", text=""):
    """(directive, reason) when this notice is already in the system, else (None, "").

    Same number/symbol in the same year, the same file, the same words, or a near-identical text (a new
    scan or a re-typed copy); checked before anything is created."""
    qs = Directive.objects.exclude(status=Directive.WITHDRAWN)
    doc = parsed.get("document") or {}
    number, issued = doc.get("number"), _as_date(doc.get("date"))
    if number:
        same = qs.filter(number__iexact=number.strip())
        if issued:
            same = same.filter(Q(issued_on__isnull=True) | Q(issued_on__year=issued.year))
        found = same.first()
        if found:
            when = f" ngày {issued:%d/%m/%Y}" if issued else ""
            return found, f"trùng số, ký hiệu {number}{when}"
    if sha256:
        found = qs.filter(source_sha256=sha256).first()
        if found:
            return found, "trùng tệp đã tải lên"
    if content_sha:
        found = qs.filter(content_sha256=content_sha).first()
        if found:
            return found, "trùng toàn bộ nội dung"
    if text:
        # Near-identical text: compare with notices of the same period (or all when the date is unknown).
        candidates = qs.exclude(source_text="")
        if issued:
            candidates = candidates.filter(
                Q(issued_on__isnull=True)
                | Q(issued_on__year__in=[issued.year - 1, issued.year, issued.year + 1])
            )
        for directive in candidates.only("pk", "source_text", "kind", "number", "title")[:500]:
            score = similarity(text, directive.source_text)
            if score >= NEAR_IDENTICAL:
                return directive, f"nội dung gần như trùng khớp ({round(100 * score)}% đoạn văn giống nhau)"
    return None, ""


def existing_directive(parsed, *, sha256="", content_sha="", text=""):
    """The published directive this notice already is, or None."""
    return find_duplicate(parsed, sha256=sha256, content_sha=content_sha, text=text)[0]


def read_upload(file_bytes, filename, *, notice_date=None):
    """(text, parsed) for an upload; NoticeReadError when it cannot be read."""
    text = read_notice_bytes(file_bytes, filename)
    parsed = parse_notice(text, notice_date=notice_date, gazetteer=gazetteer())
    return text, parsed


def create_draft(file_bytes, filename, user, *, notice_date=None):
    """(draft, existing, reason): a new draft to review, or the directive the file already is (draft None)."""
    permissions.require(user, "change", "directive")
    text, parsed = read_upload(file_bytes, filename, notice_date=notice_date)
    sha, csha = file_sha256(file_bytes), content_sha256(text)
    existing, reason = find_duplicate(parsed, sha256=sha, content_sha=csha, text=text)
    if existing is not None:
        return None, existing, reason
    open_draft = NoticeDraft.objects.filter(sha256=sha, status=NoticeDraft.OPEN).first()
    if open_draft is not None:
        return open_draft, None, ""
    parsed["source_text"] = text
    parsed["content_sha256"] = csha
    draft = NoticeDraft(uploaded_by=user, filename=filename[:255], sha256=sha, parsed=parsed)
    draft.file.save(filename, ContentFile(file_bytes), save=False)
    draft.save()
    return draft, None, ""


def _agency_ids(ids):
    ids = [int(i) for i in ids or [] if str(i).isdigit()]
    found = Agency.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]


def _create(parsed, accepted_tasks, *, user, file_bytes=None, filename="", sha256="", source_file=None):
    doc = parsed.get("document") or {}
    text = parsed.get("source_text", "")
    directive = Directive.objects.create(
        kind=doc.get("kind") or "THÔNG BÁO",
        number=doc.get("number") or "",
        issuer_text=doc.get("issuer") or "",
        place=doc.get("place") or "",
        issued_on=_as_date(doc.get("date")),
        title=doc.get("title") or filename or "(không trích yếu)",
        meeting_date=_as_date(doc.get("meeting_date")),
        chaired_by=doc.get("chaired_by") or "",
        signed_by=doc.get("signed_by") or "",
        signer_title=doc.get("signer_title") or "",
        source_filename=filename,
        source_sha256=sha256,
        content_sha256=parsed.get("content_sha256") or content_sha256(text),
        source_text=text,
        parsed={k: v for k, v in parsed.items() if k != "source_text"},
        status=Directive.PUBLISHED,
        published_at=timezone.now(),
        published_by=user if getattr(user, "pk", None) else None,
    )
    if source_file is not None:
        directive.source_file.name = source_file.name
        directive.save(update_fields=["source_file"])
    elif file_bytes is not None:
        directive.source_file.save(filename or "thong-bao.txt", ContentFile(file_bytes), save=True)
    for t in parsed.get("targets") or []:
        Target.objects.create(
            directive=directive,
            text=t.get("text", ""),
            indices=t.get("indices") or [],
            year=t.get("year"),
            goal=t.get("goal") or "",
        )
    singles = []
    for position, t in enumerate(accepted_tasks, start=1):
        dl = t.get("deadline") or {}
        leads = _agency_ids(t.get("lead_agency_ids"))
        report = t.get("report_to_agency_id")
        task = Task.objects.create(
            directive=directive,
            ref=ref_label(t.get("ref", ""))[:40],
            position=position,
            text=t.get("text", ""),
            source_text=t.get("source", ""),
            checklist=t.get("checklist") or [],
            lead=leads[0] if len(leads) == 1 else None,
            lead_text=(t.get("lead") or "")[:300],
            lead_group=(t.get("lead") or "")[:80] if len(leads) > 1 else "",
            coordinators_text=t.get("coordinators") or [],
            report_to=_agency_ids([report])[0] if report and _agency_ids([report]) else None,
            deadline_kind=dl.get("kind") or "none",
            deadline_text=(dl.get("text") or "")[:300],
            due_date=_as_date(dl.get("due")),
            due_strict=bool(dl.get("strict")),
            start_date=_as_date(dl.get("start")),
            recurrence=dl.get("every") or "",
            milestones=dl.get("milestones") or [],
        )
        coords = _agency_ids(t.get("coordinator_agency_ids"))
        if coords:
            task.coordinators.set(coords)
        if len(leads) > 1:
            # A group lead ("UBND các huyện, thị xã, thành phố"): one share per member agency.
            life.fan_out(task, leads)
        elif task.lead_id:
            singles.append(task)
    notify.assigned(singles, actor=user)
    return directive


@transaction.atomic
def publish_draft(draft, user, accepted_tasks):
    """Publish a reviewed draft; a notice already published is returned as is (nothing created)."""
    permissions.require(user, "change", "directive")
    draft = NoticeDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.status == NoticeDraft.PUBLISHED and draft.directive_id:
        return draft.directive
    parsed = dict(draft.parsed)
    existing = existing_directive(
        parsed,
        sha256=draft.sha256,
        content_sha=parsed.get("content_sha256", ""),
        text=parsed.get("source_text", ""),
    )
    if existing is None:
        existing = _create(
            parsed,
            accepted_tasks,
            user=user,
            filename=draft.filename,
            sha256=draft.sha256,
            source_file=draft.file,
        )
    draft.status = NoticeDraft.PUBLISHED
    draft.directive = existing
    draft.save(update_fields=["status", "directive"])
    return existing


@transaction.atomic
def publish_parsed(parsed, *, file_bytes, filename, user=None):
    """Publish a notice read elsewhere (the demo loader); idempotent like publish_draft."""
    parsed = dict(parsed)
    if "source_text" not in parsed:
        parsed["source_text"] = read_notice_bytes(file_bytes, filename)
    parsed.setdefault("content_sha256", content_sha256(parsed["source_text"]))
    sha = file_sha256(file_bytes)
    existing = existing_directive(
        parsed, sha256=sha, content_sha=parsed["content_sha256"], text=parsed["source_text"]
    )
    if existing is not None:
        return existing
    return _create(
        parsed, parsed.get("tasks") or [], user=user, file_bytes=file_bytes, filename=filename, sha256=sha
    )
