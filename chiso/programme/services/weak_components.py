"""Which index components are weak, and which of them an agency answers for.

Weak (documented on the plans page): in the results year the province's component score fell
against the year before, or stayed below the national median. Who answers: the responsibility
matrix (indices.Responsibility) in force that year, as lead or as supporting agency. Districts and
communes are not in that matrix; their plans are shown without a coverage figure.
"""

from chiso.indices.models import Index, Province, Result
from chiso.indices.services import analysis, responsibility
from chiso.registry.models import Agency

RULE = (
    "Thành phần yếu: điểm của tỉnh năm kết quả giảm so với năm trước, hoặc thấp hơn trung vị cả nước. "
    "Cơ quan chịu trách nhiệm: bảng phân công trách nhiệm theo chỉ số (chủ trì hoặc phối hợp)."
)


def province_of(agency, memo=None):
    """The province whose UBND is this agency or one above it.

    A caller looping over many agencies passes one memo dict: provinces and the parent chain are
    read once (two queries) instead of walking each agency's parents.
    """
    memo = {} if memo is None else memo
    if "by_agency" not in memo:
        memo["by_agency"] = {p.agency_id: p for p in Province.objects.filter(agency__isnull=False)}
        memo["parent"] = dict(Agency.objects.values_list("pk", "parent_id"))
    by_agency, parent = memo["by_agency"], memo["parent"]
    pk = agency.pk if agency is not None else None
    seen = set()
    while pk is not None and pk not in seen:
        if pk in by_agency:
            return by_agency[pk]
        seen.add(pk)
        pk = parent.get(pk)
    return None


def weak(province, year):
    """[{"key": "PAPI:D8", "index", "code", "name", "score", "why"}] for every index with results."""
    found = []
    for index in Index.objects.all():
        if not Result.objects.filter(index=index, province=province, year=year).exists():
            continue
        try:
            result = analysis.analyse(index.code, year, province.name)
        except analysis.NotFound:
            continue
        for c in result["components"]:
            why = []
            if c["delta"] is not None and c["delta"] < -analysis.EPS:
                why.append("giảm điểm so với năm trước")
            if (
                c["score"] is not None
                and c["national_median"] is not None
                and c["score"] < c["national_median"]
            ):
                why.append("thấp hơn trung vị cả nước")
            if why:
                found.append(
                    {
                        "key": f"{index.code}:{c['code']}",
                        "index": index.code,
                        "code": c["code"],
                        "name": c["name"],
                        "score": c["score"],
                        "why": ", ".join(why),
                    }
                )
    return found


def owners_of(weak_list, year):
    """{"PAPI:D8": {agency ids answering for it}} for the indices in weak_list, in one pass."""
    owners = {}
    for index in Index.objects.filter(code__in={w["index"] for w in weak_list}):
        for code, r in responsibility.owners(index, year).items():
            # supporting.all() reads the prefetched rows; values_list would query once per component.
            owners[f"{index.code}:{code}"] = {r.lead_id, *(s.pk for s in r.supporting.all())}
    return owners


def assigned_to(agency, year, weak_list=None, owners=None, province=None):
    """The weak components this agency answers for (lead or supporting) in the results year.

    A caller looping over many agencies passes the province, its weak list and owners_of() once.
    """
    province = province or province_of(agency)
    if province is None:
        return []
    weak_list = weak(province, year) if weak_list is None else weak_list
    owners = owners_of(weak_list, year) if owners is None else owners
    return [w for w in weak_list if agency.pk in owners.get(w["key"], ())]
