"""The figures an anonymous visitor may read, built field by field from what was published.

Everything here is an allow-list: a value reaches the public only if a line below copies it. Never
pass a model instance or a whole dict from another app through to a template or to JSON: reports'
text, evidence, review comments, extension reasons, people's names and survey answers stay inside.
"""

from collections import defaultdict

from django.http import Http404

from chiso.directives.models import Directive
from chiso.directives.services import life
from chiso.indices.services import charts
from chiso.surveys.services import compute

from ..models import Publication

# life.status keys → what a citizen is told. "Returned" and "awaiting review" are internal steps of
# the follow-up; to the public they are simply work in progress.
PUBLIC_STATUS = {
    "done_on_time": ("Hoàn thành đúng hạn", "ok"),
    "done_late": ("Hoàn thành trễ hạn", "warn"),
    "overdue": ("Quá hạn", "bad"),
    "cancelled": ("Dừng thực hiện", ""),
    "new": ("Chưa triển khai", ""),
}
IN_PROGRESS = ("Đang thực hiện", "")


def active():
    return Publication.objects.filter(active=True).select_related("directive", "index", "province", "wave")


def visible(publication):
    """An item stays public only while its object may be: a withdrawn directive or a reopened
    survey disappears even if nobody unticked it."""
    if not publication.active:
        return False
    if publication.kind == Publication.DIRECTIVE:
        return publication.directive_id is not None and publication.directive.status == Directive.PUBLISHED
    if publication.kind == Publication.INDEX:
        return publication.index_id is not None and publication.province_id is not None
    if publication.kind == Publication.SURVEY:
        return publication.wave_id is not None and publication.wave.status == "closed"
    return False


def listed():
    return [p for p in active() if visible(p)]


def get(pk):
    """The publication, or Http404 whether it never existed, is unpublished or its object was withdrawn."""
    publication = active().filter(pk=pk).first()
    if publication is None or not visible(publication):
        raise Http404("Không có nội dung công khai này.")
    return publication


def title(publication):
    if publication.kind == Publication.DIRECTIVE:
        d = publication.directive
        name = d.kind.capitalize() + (f" số {d.number}" if d.number else "")
        return name + (f" ngày {d.issued_on:%d/%m/%Y}" if d.issued_on else "")
    if publication.kind == Publication.INDEX:
        return f"{publication.index.name} – {publication.province.name}"
    return publication.wave.name


def public_status(task, on):
    key = life.status(task, on).key
    label, badge = PUBLIC_STATUS.get(key, IN_PROGRESS)
    return key if key in PUBLIC_STATUS else "in_progress", label, badge


def _agency_name(agency):
    return agency.name if agency else ""


def directive_data(publication):
    d = publication.directive
    on = life.today()
    leaves = list(d.tasks.filter(children__isnull=True).select_related("lead", "parent", "parent__parent"))
    tops = list(d.tasks.filter(parent__isnull=True).select_related("lead").order_by("position", "pk"))

    def top_of(task):
        while task.parent_id:
            task = task.parent
        return task.pk

    parts_of = defaultdict(list)
    for leaf in leaves:
        parts_of[top_of(leaf)].append(leaf)
    tasks = []
    for task in tops:
        parts = parts_of.get(task.pk, [])
        keys = [public_status(p, on)[0] for p in parts]
        done = sum(k in ("done_on_time", "done_late") for k in keys)
        key, label, badge = public_status(task, on)
        tasks.append(
            {
                "ref": task.ref if task.ref != "closing" else "",
                "text": task.text,
                "lead": task.lead_text or _agency_name(task.lead),
                "deadline": task.deadline_text,
                "due_date": task.due_date.isoformat() if task.due_date else None,
                "status": key,
                "status_label": label,
                "badge": badge,
                "parts": len(parts),
                "done": done,
                "overdue": keys.count("overdue"),
            }
        )
    by_agency = {}
    for leaf in leaves:
        if leaf.lead_id is None:
            continue
        row = by_agency.setdefault(
            leaf.lead_id,
            {
                "agency": leaf.lead.name,
                "code": leaf.lead.code,
                "assigned": 0,
                "done_on_time": 0,
                "done_late": 0,
                "overdue": 0,
                "in_progress": 0,
                "cancelled": 0,
            },
        )
        key = public_status(leaf, on)[0]
        row["assigned"] += 1
        if key in ("done_on_time", "done_late", "overdue", "cancelled"):
            row[key] += 1
        else:
            row["in_progress"] += 1
    agencies = []
    for row in by_agency.values():
        counted = row["assigned"] - row["cancelled"]
        done = row["done_on_time"] + row["done_late"]
        row["done"] = done
        row["percent"] = round(100 * done / counted, 1) if counted else None
        agencies.append(row)
    agencies.sort(key=lambda r: (-(r["percent"] or 0), r["overdue"], r["agency"]))
    total = sum(r["assigned"] - r["cancelled"] for r in agencies)
    done = sum(r["done"] for r in agencies)
    return {
        "kind": Publication.DIRECTIVE,
        "title": title(publication),
        "document": {
            "kind": d.kind,
            "number": d.number,
            "issuer": d.issuer_text or _agency_name(d.issuer),
            "place": d.place,
            "issued_on": d.issued_on.isoformat() if d.issued_on else None,
            "subject": d.title,
        },
        "as_of": on.isoformat(),
        "note": publication.note,
        "summary": {
            "parts": total,
            "done": done,
            "overdue": sum(r["overdue"] for r in agencies),
            "percent": round(100 * done / total, 1) if total else None,
        },
        "tasks": tasks,
        "agencies": agencies,
    }


def _history(publication):
    """The province's results in the published years only."""
    return [
        h
        for h in charts.province_history(publication.index, publication.province)
        if (publication.year_from is None or h["year"] >= publication.year_from)
        and (publication.year_to is None or h["year"] <= publication.year_to)
    ]


def index_data(publication):
    index, province = publication.index, publication.province
    history = _history(publication)
    names = {}
    for m in index.methodologies.prefetch_related("components"):
        for c in m.components.all():
            names.setdefault(
                (m.code, c.code), (c.name, c.max_points, c.parent_id is None and c.grain == "main")
            )
    years = []
    for h in history:
        comps = []
        for code, score in sorted(h["components"].items()):
            name, max_points, main = names.get((h["methodology"], code), (code, None, False))
            if main:
                comps.append({"code": code, "name": name, "score": score, "max": max_points})
        years.append(
            {
                "year": h["year"],
                "score": h["score"],
                "max": h["total_max"],
                "rank": h["rank"] or h["computed_rank"],
                "rank_published": h["rank"] is not None,
                "ranked": h["ranked"],
                "tier": h["tier"],
                "components": comps,
            }
        )
    return {
        "kind": Publication.INDEX,
        "title": title(publication),
        "index": {"code": index.code, "name": index.name, "owner": index.owner},
        "province": province.name,
        "note": publication.note,
        "years": years,
    }


def index_chart(publication):
    """The ECharts option for the public trend chart (scores as bars, rank as a line)."""
    return charts.trend_option(_history(publication), publication.province.name)


def survey_data(publication):
    wave = publication.wave
    found = compute.results(wave)
    minimum = wave.min_cell

    def share(est):
        # a cell with too few answers is withheld, not shown with a warning: it could point at people
        return est["satisfied_share"] if est["n"] >= minimum else None

    elements = [
        {
            "code": e["code"],
            "name": e["name"],
            "satisfied_share": share(e),
            "ci_low": e["ci_low"] if e["n"] >= minimum else None,
            "ci_high": e["ci_high"] if e["n"] >= minimum else None,
            "n": e["n"] if e["n"] >= minimum else None,
        }
        for e in found["elements"]
    ]
    agencies = [
        {"agency": r["name"], "satisfied_share": r["satisfied_share"], "n": r["n"]}
        for r in found["by_agency"]
        if not r["small_cell"] and r["agency_id"] is not None
    ]
    withheld = sum(1 for r in found["by_agency"] if r["small_cell"] or r["agency_id"] is None)
    overall = found["overall"]
    return {
        "kind": Publication.SURVEY,
        "title": title(publication),
        "survey": {
            "name": wave.name,
            "year": wave.year,
            "start": wave.start.isoformat(),
            "end": wave.end.isoformat(),
            "target_group": wave.target_group,
            "responses": found["responses"],
            "weighted": found["weighted"],
            "min_cell": minimum,
        },
        "note": publication.note,
        "overall": {
            "satisfied_share": share(overall),
            "ci_low": overall["ci_low"] if overall["n"] >= minimum else None,
            "ci_high": overall["ci_high"] if overall["n"] >= minimum else None,
        },
        "elements": elements,
        "agencies": agencies,
        "agencies_withheld": withheld,
    }


BUILDERS = {
    Publication.DIRECTIVE: directive_data,
    Publication.INDEX: index_data,
    Publication.SURVEY: survey_data,
}


def data(publication):
    return BUILDERS[publication.kind](publication)


def catalogue(base_url=""):
    """The list of what is published, for /cong-khai/du-lieu.json."""
    return [
        {
            "id": p.pk,
            "kind": p.kind,
            "title": title(p),
            "published_at": p.published_at.isoformat(),
            "json": f"{base_url}/cong-khai/{p.pk}/du-lieu.json",
            "csv": {t: f"{base_url}/cong-khai/{p.pk}/{t}.csv" for t in TABLES[p.kind]},
        }
        for p in listed()
    ]


# CSV tables per kind: (slug, rows key, [(column, key)])
TABLES = {
    Publication.DIRECTIVE: {
        "nhiem-vu": (
            "tasks",
            [
                ("muc", "ref"),
                ("noi_dung", "text"),
                ("chu_tri", "lead"),
                ("thoi_han", "deadline"),
                ("han", "due_date"),
                ("tinh_trang", "status_label"),
                ("so_phan_viec", "parts"),
                ("hoan_thanh", "done"),
                ("qua_han", "overdue"),
            ],
        ),
        "don-vi": (
            "agencies",
            [
                ("don_vi", "agency"),
                ("ma_don_vi", "code"),
                ("duoc_giao", "assigned"),
                ("hoan_thanh_dung_han", "done_on_time"),
                ("hoan_thanh_tre_han", "done_late"),
                ("qua_han", "overdue"),
                ("dang_thuc_hien", "in_progress"),
                ("dung_thuc_hien", "cancelled"),
                ("ty_le_hoan_thanh", "percent"),
            ],
        ),
    },
    Publication.INDEX: {
        "ket-qua": (
            "years",
            [
                ("nam", "year"),
                ("diem", "score"),
                ("diem_toi_da", "max"),
                ("xep_hang", "rank"),
                ("so_tinh", "ranked"),
                ("nhom", "tier"),
            ],
        ),
    },
    Publication.SURVEY: {
        "yeu-to": (
            "elements",
            [
                ("ma", "code"),
                ("yeu_to", "name"),
                ("ty_le_hai_long", "satisfied_share"),
                ("can_duoi", "ci_low"),
                ("can_tren", "ci_high"),
                ("so_phieu", "n"),
            ],
        ),
        "co-quan": (
            "agencies",
            [("co_quan", "agency"), ("ty_le_hai_long", "satisfied_share"), ("so_phieu", "n")],
        ),
    },
}


def table_rows(publication, slug):
    """(header, rows) of one CSV table, or Http404 for a table this kind has not."""
    spec = TABLES[publication.kind].get(slug)
    if spec is None:
        raise Http404("Không có bảng dữ liệu này.")
    key, columns = spec
    found = data(publication)[key]
    return [c for c, _ in columns], [[row.get(k) for _, k in columns] for row in found]
