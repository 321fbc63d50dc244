"""Names as a notice writes them, looked up in the registry: the second step after reading.

The reader (chiso.notices) keeps each lead and coordinator as written ("Sở TT&TT", "UBND các xã");
here each name gets a status — resolved (one agency or group), ambiguous (close candidates, a person
must choose) or outside (not in the registry) — for the parse-notice command and the intake review
screen. When an agency is added to the registry, `reresolve` fills the draft's names that now resolve,
so the reviewer does not type them again.
"""

import re

from chiso.notices.names import is_class
from chiso.registry.models import KIND_CHOICES, Agency
from chiso.registry.services import lookup

RESOLVED, AMBIGUOUS, OUTSIDE = "resolved", "ambiguous", "outside"
STATUS_LABELS = {
    RESOLVED: "Đã khớp danh mục",
    AMBIGUOUS: "Khớp nhiều cơ quan, cần chọn",
    OUTSIDE: "Chưa có trong danh mục",
}


def status(candidates):
    """resolved / ambiguous / outside for the candidates of one name (best first)."""
    if not candidates or candidates[0][0].confidence < 0.6:
        return OUTSIDE
    top = candidates[0][0].confidence
    close = [
        c
        for c, _a in candidates[1:]
        if c.confidence >= top - 0.1 and c.agency_ids != candidates[0][0].agency_ids
    ]
    return RESOLVED if top >= 0.75 and not close else AMBIGUOUS


class Resolver:
    """Looks names up once each (a notice repeats its names from task to task)."""

    def __init__(self, on=None):
        self.on = on
        self.cache = {}

    def found(self, name):
        if name not in self.cache:
            self.cache[name] = lookup(name, on=self.on)
        return self.cache[name]

    def status(self, name):
        return status(self.found(name))

    def agencies(self, name):
        """The agencies a resolved name stands for ([] unless resolved)."""
        found = self.found(name)
        return list(found[0][1]) if found and status(found) == RESOLVED else []

    def candidates(self, name, limit=5):
        """Agencies that may be meant, best first, each once."""
        out = []
        for _c, agencies in self.found(name):
            for a in agencies:
                if a not in out:
                    out.append(a)
        return out[:limit]

    def as_json(self, name):
        """{"name", "status", "agencies", "candidates"} — the parse-notice JSON contract."""
        found = self.found(name)
        st = status(found)
        return {
            "name": name,
            "status": st,
            "agencies": [{"id": a.pk, "code": a.code, "name": a.name} for a in (found[0][1] if found else [])]
            if st == RESOLVED
            else [],
            "candidates": [
                {"name": c.name, "confidence": round(c.confidence, 2), "agency_ids": list(c.agency_ids)}
                for c, _a in found[:5]
            ],
        }


def resolve_names(result, on=None):
    """Each task's lead and coordinators looked up: task["resolution"] = {"lead": {...} | None,
    "coordinators": [{...}]}, and a Vietnamese warning for each ambiguous or unknown name."""
    r = Resolver(on)
    for t in result["tasks"]:
        t["resolution"] = {
            "lead": r.as_json(t["lead"]) if t["lead"] else None,
            "coordinators": [r.as_json(c) for c in t["coordinators"]],
        }
        for res in [t["resolution"]["lead"], *t["resolution"]["coordinators"]]:
            if res and res["status"] == AMBIGUOUS:
                names = ", ".join(c["name"] for c in res["candidates"][:3])
                result["warnings"].append(
                    f"Nhiệm vụ {t['ref']}: “{res['name']}” khớp nhiều cơ quan ({names}), cần chọn."
                )
            elif res and res["status"] == OUTSIDE and not is_class(res["name"]):
                result["warnings"].append(
                    f"Nhiệm vụ {t['ref']}: “{res['name']}” chưa có trong danh mục cơ quan."
                )


def task_names(t, resolver):
    """The names a task was written with, each with its resolution, for the review screen:
    [{"role": "lead"|"coordinator", "name", "status", "label", "agencies", "candidates", "is_class"}]."""
    out = []
    for role, name in [("lead", t.get("lead"))] + [("coordinator", c) for c in t.get("coordinators") or []]:
        if not name:
            continue
        st = resolver.status(name)
        out.append(
            {
                "role": role,
                "name": name,
                "status": st,
                "label": STATUS_LABELS[st],
                "agencies": resolver.agencies(name),
                "candidates": resolver.candidates(name) if st != RESOLVED else [],
                # "các sở, ngành" is a class of bodies, not one registry entry to add
                "is_class": is_class(name),
            }
        )
    return out


def reresolve(tasks, on=None, resolver=None):
    """Fill the agencies of names that were unresolved when the notice was read and resolve now (an
    agency was added or renamed since): a lead without agencies gets them, a coordinator's join the
    task's; the name leaves the task's "unresolved". Names the reviewer already settled are left
    alone. Returns how many names were filled."""
    resolver = resolver or Resolver(on)
    filled = 0
    for t in tasks:
        still = []
        for name in t.get("unresolved") or []:
            agencies = resolver.agencies(name)
            if not agencies:
                still.append(name)
                continue
            ids = [a.pk for a in agencies]
            if name == t.get("lead"):
                if not t.get("lead_agency_ids"):
                    t["lead_agency_ids"] = ids
            else:
                have = t.setdefault("coordinator_agency_ids", [])
                have += [i for i in ids if i not in have]
            filled += 1
        t["unresolved"] = still
    return filled


# The kind of a new agency from the head noun of its name (the registry's kinds); the registry page
# lets an administrator correct it.
_KIND_RULES = [
    (
        r"^(?:ủy|uỷ)\s+ban\s+nhân\s+dân\s+(?:xã|phường|thị\s+trấn|đặc\s+khu)|^ubnd\s+(?:xã|phường|thị\s+trấn)",
        "ubnd_xa",
    ),
    (
        r"^(?:ủy|uỷ)\s+ban\s+nhân\s+dân\s+(?:huyện|quận|thị\s+xã|thành\s+phố)|^ubnd\s+(?:huyện|quận|thị\s+xã|thành\s+phố)",
        "ubnd_huyen",
    ),
    (r"^(?:ủy|uỷ)\s+ban\s+nhân\s+dân\s+tỉnh|^ubnd\s+tỉnh", "ubnd_tinh"),
    (r"^sở\s|^văn\s+phòng|^thanh\s+tra\s+tỉnh", "so"),
    (
        r"^(?:bộ|cục|tổng\s+cục|vụ|kho\s+bạc|bảo\s+hiểm\s+xã\s+hội|ngân\s+hàng|công\s+an|thuế|hải\s+quan|chi\s+cục)\b",
        "trung_uong",
    ),
    (r"^(?:trung\s+tâm|trường|bệnh\s+viện|viện|đài|báo|ban\s+quản\s+lý\s+dự\s+án)\b", "su_nghiep"),
    (r"^(?:hội|đoàn|liên\s+đoàn|mặt\s+trận|tỉnh\s+đoàn|liên\s+hiệp)\b", "doan_the"),
]


def guess_kind(name):
    low = " ".join((name or "").lower().split())
    for pattern, kind in _KIND_RULES:
        if re.search(pattern, low):
            return kind
    return "ban_nganh"


def kind_label(kind):
    return dict(KIND_CHOICES).get(kind, kind)


def _code_for(name):
    from django.utils.text import slugify

    from chiso.registry.names import search_key

    base = slugify(search_key(name).replace("đ", "d"))[:70] or "co-quan"
    code, n = base, 1
    while Agency.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def add_agency(name, *, valid_from=None):
    """A registry agency for a name a notice used; (agency, created). An agency of that exact name
    (any case) is reused rather than doubled."""
    name = " ".join((name or "").split())
    existing = Agency.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing, False
    agency = Agency.objects.create(
        code=_code_for(name), name=name, kind=guess_kind(name), valid_from=valid_from
    )
    return agency, True
