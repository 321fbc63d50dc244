"""Evaluate directive targets ("PAR INDEX, SIPAS, PAPI 2022 improve score and rank") when results arrive.

A target names indices and a year; its goal says what must improve. Supported goals (folded text):
"score" / "điểm" (the score must rise), "rank" / "hạng" / "thứ hạng" (the rank must rise), both
when the goal names both or is empty; "top N" / "nhóm N" (rank ≤ N). The province is the demo
province's unit (the UBND tỉnh the directive's issuer belongs to when known, else the installation's
province in the target's year: registry.province).
"""

import re
from datetime import date

from django.utils import timezone

from chiso.directives.models import Target
from chiso.registry.names import clean, strip_diacritics

from ..models import Index, Province, Result
from . import analysis, provinces


def _goal(text):
    folded = strip_diacritics(clean(text or "")).lower()
    top = re.search(r"(?:top|nhom|trong) (\d+)", folded)
    wants_score = "diem" in folded or "score" in folded
    wants_rank = "hang" in folded or "rank" in folded
    if not (wants_score or wants_rank or top):
        wants_score = wants_rank = True
    return wants_score, wants_rank, int(top.group(1)) if top else None


def _province_for(target):
    issuer = getattr(target.directive, "issuer", None)
    if issuer is not None:
        province = (
            Province.objects.filter(agency=issuer).first()
            or Province.objects.filter(agency=issuer.parent_id).first()
        )
        if province:
            return province
    return provinces.home(date(target.year, 12, 31)) if target.year else provinces.home()


def evaluate_target(target, now=None):
    """Set target.status to met/missed once it is decided; returns True if decided.

    Every named index must improve, so one index that did not is enough to call the target missed
    even while the others' results are still to come; until then the indices known so far are
    kept in `evaluation` and the target stays pending.
    """
    if not target.year or not target.indices:
        return False
    province = _province_for(target)
    if province is None:
        return False
    wants_score, wants_rank, top = _goal(target.goal or target.text)
    details, waiting = {}, []
    for code in target.indices:
        index = Index.objects.filter(code__iexact=str(code).replace(" INDEX", "").strip()).first()
        if (
            index is None
            or not Result.objects.filter(index=index, year=target.year, province=province).exists()
        ):
            waiting.append(str(code))
            continue
        try:
            result = analysis.analyse(index.code, target.year, province.name)
        except analysis.NotFound:
            waiting.append(str(code))
            continue
        prev = result["previous"] or {}
        rank = result["rank"] or result["computed_rank"]
        checks = {}
        if wants_score:
            checks["score"] = (
                prev.get("score") is not None
                and result["score"] is not None
                and result["score"] > prev["score"]
            )
        if wants_rank:
            checks["rank"] = prev.get("rank") is not None and rank is not None and rank < prev["rank"]
        if top:
            checks["top"] = rank is not None and rank <= top
        details[index.code] = {
            "score": result["score"],
            "rank": rank,
            "previous": prev,
            "checks": checks,
            "met": all(checks.values()),
        }
    missed = any(not d["met"] for d in details.values())
    decided = missed or not waiting
    if not details and target.evaluation == {}:
        return False
    target.status = (Target.MISSED if missed else Target.MET) if decided else Target.PENDING
    target.evaluation = {
        "province": province.name,
        "year": target.year,
        "indices": details,
        "waiting_for": waiting,
    }
    target.evaluated_at = now or timezone.now()
    target.save()
    return decided


def evaluate_targets(year):
    """Evaluate every target of the year; returns {"met": n, "missed": n, "pending": n}."""
    counts = {"met": 0, "missed": 0, "pending": 0}
    for target in Target.objects.filter(year=year).select_related("directive", "directive__issuer"):
        if evaluate_target(target):
            counts[target.status] += 1
        else:
            counts["pending"] += 1
    return counts
