"""Which index components are weak, and which of them an agency answers for.

Weak (documented on the plans page): in the results year the province's component score fell
against the year before, or stayed below the national median. Who answers: the responsibility
matrix (indices.Responsibility) in force that year, as lead or as supporting agency. Districts and
communes are not in that matrix; their plans are shown without a coverage figure.
"""

from chiso.indices.models import Index, Province, Result
from chiso.indices.services import analysis, responsibility

RULE = (
    "Thành phần yếu: điểm của tỉnh năm kết quả giảm so với năm trước, hoặc thấp hơn trung vị cả nước. "
    "Cơ quan chịu trách nhiệm: bảng phân công trách nhiệm theo chỉ số (chủ trì hoặc phối hợp)."
)


def province_of(agency):
    """The province whose UBND is this agency or one above it."""
    while agency is not None:
        found = Province.objects.filter(agency=agency).first()
        if found:
            return found
        agency = agency.parent
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


def assigned_to(agency, year, weak_list=None):
    """The weak components this agency answers for (lead or supporting) in the results year."""
    province = province_of(agency)
    if province is None:
        return []
    weak_list = weak(province, year) if weak_list is None else weak_list
    owners = {}
    for index in Index.objects.filter(code__in={w["index"] for w in weak_list}):
        for code, r in responsibility.owners(index, year).items():
            owners[f"{index.code}:{code}"] = {r.lead_id, *r.supporting.values_list("pk", flat=True)}
    return [w for w in weak_list if agency.pk in owners.get(w["key"], ())]
