"""Satisfaction indices with confidence intervals and post-stratification weights.

Definitions (documented on the results page too):
- A respondent's score on an element is the mean of their 1–5 answers on that element's items.
  They count as *satisfied* when that score is at least 4 ("hài lòng" or "rất hài lòng": the top-2
  box; with a single item this is exactly the top-2 box). SIPAS reports this share in percent; the
  exact formula of QĐ 1001/QĐ-BNV was not available to us, see docs/notes/issue-7.md.
- Overall: the "tong-the" element (the overall-satisfaction question) when the questionnaire has one,
  otherwise the respondent's mean over all elements.
- Weights (post-stratification): a response in agency a and stratum s gets
  w = (A_a / (n_a/n)) · (S_s / (n_as/n_a)), with A the known agency shares (e.g. dossier volumes) and
  S the known stratum shares (e.g. channel of submission) each renormalised over the cells present.
  Weights are scaled to mean 1.
- Confidence intervals: Wilson score interval (95 %) for shares, using Kish's effective sample size
  n_eff = (Σw)² / Σw² when weighted.
"""

import math
from collections import defaultdict

from chiso.registry.models import Agency

Z95 = 1.959963984540054
OVERALL = "tong-the"


def wilson(share, n, z=Z95):
    """95 % Wilson interval for a proportion observed on n (possibly effective, non-integer) cases."""
    if n <= 0:
        return (None, None)
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (share + z2 / (2 * n)) / denominator
    half = z * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def kish(weights):
    total = sum(weights)
    squares = sum(w * w for w in weights)
    return (total * total / squares) if squares else 0.0


def estimate(scores, weights=None):
    """scores: respondent scores on 1–5; returns share satisfied (≥ 4), mean, Wilson CI, n, n_eff."""
    if weights is None:
        weights = [1.0] * len(scores)
    pairs = [(s, w) for s, w in zip(scores, weights) if s is not None and w > 0]
    n = len(pairs)
    if not n:
        return {"n": 0, "n_eff": 0.0, "satisfied_share": None, "ci_low": None, "ci_high": None, "mean": None}
    total = sum(w for _, w in pairs)
    share = sum(w for s, w in pairs if s >= 4) / total
    mean = sum(s * w for s, w in pairs) / total
    n_eff = kish([w for _, w in pairs])
    low, high = wilson(share, n_eff)
    return {"n": n, "n_eff": n_eff, "satisfied_share": share, "ci_low": low, "ci_high": high, "mean": mean}


def element_items(questionnaire):
    """element code -> list of answer codes holding 1–5 values."""
    from ..models import MATRIX, SCALE

    items = defaultdict(list)
    for question in questionnaire.questions():
        if question.kind == MATRIX:
            for row in question.rows:
                if row.get("element") or question.element:
                    items[row.get("element") or question.element].append(row["code"])
        elif question.kind == SCALE and question.element:
            items[question.element].append(question.code)
    return dict(items)


def respondent_scores(answers, items):
    scores = {}
    for element, codes in items.items():
        values = [answers[c] for c in codes if isinstance(answers.get(c), (int, float))]
        scores[element] = sum(values) / len(values) if values else None
    if OVERALL not in items:
        present = [v for v in scores.values() if v is not None]
        scores[OVERALL] = sum(present) / len(present) if present else None
    return scores


def post_stratify(rows, agency_shares=None, stratum_shares=None):
    """rows: [(agency_key, stratum_key)]. Returns (weights, warnings); weight 0 = outside the targets."""
    agency_shares = {str(k): float(v) for k, v in (agency_shares or {}).items() if float(v) > 0}
    stratum_shares = {str(k): float(v) for k, v in (stratum_shares or {}).items() if float(v) > 0}
    warnings = []
    weights = [1.0] * len(rows)
    usable = [
        i
        for i, (a, s) in enumerate(rows)
        if (not agency_shares or str(a) in agency_shares) and (not stratum_shares or str(s) in stratum_shares)
    ]
    dropped = len(rows) - len(usable)
    if dropped:
        warnings.append(
            f"{dropped} phiếu nằm ngoài các nhóm có tỷ trọng đã biết nên không được tính khi gia quyền."
        )
    for i in set(range(len(rows))) - set(usable):
        weights[i] = 0.0
    by_agency = defaultdict(list)
    for i in usable:
        by_agency[str(rows[i][0])].append(i)
    n = len(usable)
    if agency_shares:
        present_total = sum(agency_shares[a] for a in by_agency)
        missing = sorted(set(agency_shares) - set(by_agency))
        if missing:
            warnings.append(
                f"{len(missing)} cơ quan có tỷ trọng nhưng không có phiếu; tỷ trọng được chia lại cho các cơ quan còn lại."
            )
    for agency, members in by_agency.items():
        factor_a = (agency_shares[agency] / present_total) / (len(members) / n) if agency_shares else 1.0
        if stratum_shares:
            by_stratum = defaultdict(list)
            for i in members:
                by_stratum[str(rows[i][1])].append(i)
            stratum_total = sum(stratum_shares[s] for s in by_stratum)
            for stratum, cell in by_stratum.items():
                factor_s = (stratum_shares[stratum] / stratum_total) / (len(cell) / len(members))
                for i in cell:
                    weights[i] = factor_a * factor_s
        else:
            for i in members:
                weights[i] = factor_a
    total = sum(weights)
    if total > 0:
        scale = n / total
        weights = [w * scale for w in weights]
    return weights, warnings


def _pct(value):
    return None if value is None else round(100 * value, 2)


def _public(est):
    return {
        "satisfied_share": _pct(est["satisfied_share"]),
        "ci_low": _pct(est["ci_low"]),
        "ci_high": _pct(est["ci_high"]),
        "mean": None if est["mean"] is None else round(est["mean"], 3),
        "n": est["n"],
        "n_eff": round(est["n_eff"], 1),
    }


def response_rate(wave):
    invited = wave.invitations.count()
    if invited:
        return round(100 * wave.invitations.filter(used=True).count() / invited, 2)
    if wave.sample_size:
        return round(100 * wave.responses.count() / wave.sample_size, 2)
    return None


class _Row:
    __slots__ = ("agency", "answers")

    def __init__(self, agency, answers):
        self.agency, self.answers = agency, answers


def results(wave, weighted=None):
    """The wave's results as the documented JSON structure (shares in percent)."""
    questionnaire = wave.questionnaire
    items = element_items(questionnaire)
    names = dict(questionnaire.elements or {})

    rows = list(wave.responses.values_list("agency_id", "answers"))
    agencies = Agency.objects.in_bulk({a for a, _ in rows if a})
    responses = [_Row(agencies.get(a), answers) for a, answers in rows]
    scored = [respondent_scores(r.answers, items) for r in responses]
    has_targets = bool(wave.agency_shares) or bool(wave.stratum_shares)
    weighted = has_targets if weighted is None else (weighted and has_targets)
    warnings = []
    if weighted:
        keys = [
            (
                r.agency.code if r.agency else "",
                str(r.answers.get(wave.stratum_question, "")) if wave.stratum_question else "",
            )
            for r in responses
        ]
        weights, weight_warnings = post_stratify(
            keys, wave.agency_shares, wave.stratum_shares if wave.stratum_question else None
        )
        warnings += weight_warnings
    else:
        weights = [1.0] * len(responses)
    minimum = wave.min_cell

    def cell(indexes, element):
        return estimate([scored[i].get(element) for i in indexes], [weights[i] for i in indexes])

    everyone = range(len(responses))
    overall = cell(everyone, OVERALL)
    elements = []
    # question order, not the JSON's key order (PostgreSQL's jsonb does not keep it)
    for code in [c for c in items if c != OVERALL]:
        est = cell(everyone, code)
        elements.append({"code": code, "name": names.get(code, code), **_public(est)})
        if est["n"] and est["n"] < minimum:
            warnings.append(
                f"Yếu tố “{names.get(code, code)}”: chỉ {est['n']} phiếu (< {minimum}), chưa đủ tin cậy để công bố."
            )
    groups = defaultdict(list)
    for i, r in enumerate(responses):
        groups[r.agency].append(i)
    by_agency = []
    for agency, indexes in groups.items():
        est = cell(indexes, OVERALL)
        small = est["n"] < minimum or est["n_eff"] < minimum
        row = {
            "agency_id": agency.pk if agency else None,
            "code": agency.code if agency else "",
            "name": (agency.short_name or agency.name) if agency else "Không rõ cơ quan",
            **_public(est),
            "small_cell": small,
            "elements": {
                code: _pct(cell(indexes, code)["satisfied_share"]) for code in items if code != OVERALL
            },
        }
        by_agency.append(row)
        if small:
            n_eff = f"{est['n_eff']:.1f}".replace(".", ",")
            warnings.append(
                f"{row['name']}: chỉ {est['n']} phiếu (hiệu dụng {n_eff}) < {minimum}; kết quả chỉ để tham khảo."
            )
    by_agency.sort(key=lambda r: (r["satisfied_share"] is None, -(r["satisfied_share"] or 0), r["name"]))
    for rank, row in enumerate(by_agency, 1):
        row["rank"] = rank
    if overall["n"] and overall["n"] < minimum:
        warnings.append(f"Toàn đợt chỉ có {overall['n']} phiếu (< {minimum}).")
    public = _public(overall)
    return {
        "wave": wave.pk,
        "name": wave.name,
        "year": wave.year,
        "responses": len(responses),
        "response_rate": response_rate(wave),
        "overall": {k: public[k] for k in ("satisfied_share", "ci_low", "ci_high", "mean", "n", "n_eff")},
        "elements": elements,
        "by_agency": by_agency,
        "weighted": weighted,
        "warnings": warnings,
    }


def compare(wave, current=None):
    """Earlier waves of the same kind of questionnaire, and the official figures, next to this wave."""
    from ..models import Wave

    current = current or results(wave)
    mine = {e["code"]: e["satisfied_share"] for e in current["elements"]}
    mine["overall"] = current["overall"]["satisfied_share"]
    rows = []
    earlier = (
        Wave.objects.filter(questionnaire__kind=wave.questionnaire.kind, year__lt=wave.year)
        .exclude(pk=wave.pk)
        .order_by("-year")[:3]
    )
    for other in earlier:
        theirs = results(other)
        values = {e["code"]: e["satisfied_share"] for e in theirs["elements"]}
        values["overall"] = theirs["overall"]["satisfied_share"]
        rows.append({"label": other.name, "values": values})
    official = dict((wave.official or {}).get("elements", {}))
    if (wave.official or {}).get("overall") is not None:
        official["overall"] = wave.official["overall"]
    if official:
        rows.append(
            {
                "label": "Số liệu chính thức"
                + (f" ({wave.official_source})" if wave.official_source else ""),
                "values": official,
                "official": True,
            }
        )
    for row in rows:
        row["delta"] = {
            code: (
                None
                if mine.get(code) is None or row["values"].get(code) is None
                else round(mine[code] - float(row["values"][code]), 2)
            )
            for code in mine
        }
    return {"mine": mine, "rows": rows}


def breakdown(wave, question, weighted=None):
    """Overall satisfaction per answer to one single-choice question (e.g. respondent group, channel)."""
    items = element_items(wave.questionnaire)
    labels = {c["value"]: c["label"] for c in question.choices}
    rows = list(wave.responses.values_list("agency_id", "answers"))
    has_targets = bool(wave.agency_shares) or bool(wave.stratum_shares)
    if has_targets if weighted is None else (weighted and has_targets):
        codes = dict(Agency.objects.filter(pk__in={a for a, _ in rows if a}).values_list("pk", "code"))
        keys = [
            (codes.get(a, ""), str(ans.get(wave.stratum_question, "")) if wave.stratum_question else "")
            for a, ans in rows
        ]
        weights, _ = post_stratify(
            keys, wave.agency_shares, wave.stratum_shares if wave.stratum_question else None
        )
    else:
        weights = [1.0] * len(rows)
    groups = defaultdict(list)
    for i, (_, answers) in enumerate(rows):
        groups[answers.get(question.code)].append(i)
    scored = [respondent_scores(answers, items) for _, answers in rows]
    out = []
    for value in [c["value"] for c in question.choices] + ([None] if None in groups else []):
        indexes = groups.get(value, [])
        est = estimate([scored[i].get(OVERALL) for i in indexes], [weights[i] for i in indexes])
        per_element = {
            code: _pct(
                estimate([scored[i].get(code) for i in indexes], [weights[i] for i in indexes])[
                    "satisfied_share"
                ]
            )
            for code in items
            if code != OVERALL
        }
        out.append(
            {
                "value": value,
                "label": labels.get(value, "Không trả lời"),
                **_public(est),
                "elements": per_element,
                "small_cell": est["n"] < wave.min_cell,
            }
        )
    return out
