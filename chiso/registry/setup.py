"""`chiso setup-province`: the registry of a real province from the national list, as of a date.

What it writes, for the province valid on the date (an old name after 1/7/2025 means its successor):
- the UBND tỉnh, the standard departments of the period (registry/departments.py, from the decrees),
  the central agencies usually on the territory, the standard groups (registry/groups.py);
- its communes, wards and special zones with their national codes (registry/admin_units.py);
- for a province formed on 1/7/2025, every predecessor province with its departments of both periods,
  districts and communes, ended on 30/6/2025, and dated successions: old UBND tỉnh → new, each old
  department → the new one of the same remit, each old commune → the new commune(s) it went into
  (a commune split between several is a split, the part with its seat the main successor), each
  district → the communes that took its territory;
- the installation's province (HomeProvince) with its names by date.

Idempotent: every row has a stable code derived from the national codes, so running it again, or on a
later date, updates rows in place, ends what ended and adds what began, losing no history.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from . import admin_units, departments, groups
from . import province as home
from .models import Agency, AgencyGroup, Succession


class SetupError(Exception):
    pass


@dataclass
class SetupReport:
    province: str = ""
    as_of: date | None = None
    created: int = 0
    updated: int = 0
    successions: int = 0
    units: dict = field(default_factory=dict)  # {"Xã": 103, "Phường": 20, "Đặc khu": 1}
    predecessors: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def summary(self):
        units = ", ".join(f"{n} {k.lower()}" for k, n in sorted(self.units.items(), key=lambda kv: -kv[1]))
        parts = [
            f"{self.province} tại ngày {self.as_of:%d/%m/%Y}: {sum(self.units.values())} đơn vị cấp xã ({units})",
            f"{self.created} cơ quan, đơn vị mới, {self.updated} cập nhật, {self.successions} quan hệ kế thừa mới",
        ]
        if self.predecessors:
            parts.append("hợp nhất từ " + ", ".join(self.predecessors))
        return "; ".join(parts) + "."


def _prefix(prov):
    # Old and new units can share a national code (Lâm Đồng is 68 before and after 1/7/2025).
    return prov.slug + ("-2025" if prov.new else "")


def _in_province(base, prov):
    """ "Sở Nội vụ" → "Sở Nội vụ tỉnh Lâm Đồng"; "Thanh tra tỉnh" → "Thanh tra tỉnh Lâm Đồng"."""
    if base.endswith(" tỉnh"):
        base = base[: -len(" tỉnh")]
    return f"{base} {prov.kind} {prov.name}"


_SHORT = {"thành phố": "TP", "thị xã": "TX", "thị trấn": "TT", "phường": "P.", "quận": "Q."}


def _unit_names(unit):
    kind, bare = unit.kind.lower(), unit.bare
    aliases = [f"UBND {kind} {bare}", f"{kind} {bare}"]
    if kind in _SHORT:
        aliases.append(f"{_SHORT[kind]} {bare}")
    if " - " in bare:
        # "Phường Xuân Hương - Đà Lạt": the official name tells namesakes apart; people and
        # location paths write the first part alone.
        short = bare.split(" - ", 1)[0]
        aliases += [f"Ủy ban nhân dân {kind} {short}", f"UBND {kind} {short}", f"{kind} {short}"]
    return f"Ủy ban nhân dân {kind} {bare}", aliases


class _Writer:
    def __init__(self, report, progress):
        self.report = report
        self.progress = progress or (lambda step, label="": None)
        self.by_code = {}

    def agency(
        self, code, name, kind, aliases, parent=None, valid_from=None, valid_to=None, national_code=""
    ):
        agency = Agency.objects.filter(code=code).first()
        if agency is None and national_code:
            # A unit entered earlier by hand or by a demo under another code: adopt it.
            candidates = Agency.objects.filter(national_code=national_code, kind=kind)
            new_unit = valid_from is not None and valid_from >= admin_units.REFORM_DAY
            agency = next(
                (
                    a
                    for a in candidates
                    if (a.valid_from is not None and a.valid_from >= admin_units.REFORM_DAY) == new_unit
                ),
                None,
            )
        fields = dict(
            name=name,
            kind=kind,
            parent=parent,
            valid_from=valid_from,
            valid_to=valid_to,
            national_code=national_code,
        )
        if agency is None:
            agency = Agency.objects.create(code=code, aliases=aliases, **fields)
            self.report.created += 1
        else:
            merged_aliases = list(dict.fromkeys([*agency.aliases, *aliases]))
            # An adopted row keeps its own name and start; the national data fills what is missing.
            if agency.code != code:
                fields.pop("name")
                fields["valid_from"] = agency.valid_from if agency.valid_from else valid_from
                if agency.parent_id and parent is not None and agency.parent.kind == parent.kind:
                    fields["parent"] = agency.parent
            changed = {k: v for k, v in fields.items() if getattr(agency, k) != v}
            if changed or merged_aliases != agency.aliases:
                for k, v in changed.items():
                    setattr(agency, k, v)
                agency.aliases = merged_aliases
                agency.save()
                self.report.updated += 1
        self.by_code[code] = agency
        return agency

    def succession(self, pred, succ, day, kind, note, main=True, share=""):
        if pred is None or succ is None or pred.pk == succ.pk:
            return
        _, created = Succession.objects.update_or_create(
            predecessor=pred,
            successor=succ,
            date=day,
            defaults={"kind": kind, "note": note, "main": main, "share": share},
        )
        self.report.successions += int(created)


def _build_departments(w, prov, ubnd, prefix, as_of, until, extra, generic_aliases, floor=None):
    """The departments of a province up to `until` (None: still running), both periods when they apply.

    `floor` is the first day of a province formed on that day: nothing of it starts earlier.
    """

    def begin(day):
        return max(day, floor) if day and floor else day or floor

    both = as_of >= departments.DEPT_REFORM_DAY
    old_keys = {k for k, _n, _a in departments.structure(date(2025, 2, 28), extra)}
    new_keys = {k for k, _n, _a in departments.structure(departments.DEPT_REFORM_DAY, extra)}
    rows = {}
    for key, base, aliases in departments.structure(date(2025, 2, 28) if both else as_of, extra):
        rows[key] = (
            base,
            aliases,
            None,
            departments.LAST_OLD_DEPT_DAY if both and key not in new_keys else until,
        )
    if both:
        for key, base, aliases in departments.structure(departments.DEPT_REFORM_DAY, extra):
            start = None if key in old_keys else departments.DEPT_REFORM_DAY
            rows[key] = (base, aliases, start, until)
    made = {}
    for key, (base, aliases, start, end) in rows.items():
        kind = "ban_nganh" if key.startswith("ban-") else "so"
        names = [_in_province(base, prov), *([base, *aliases] if generic_aliases else [])]
        made[key] = w.agency(f"{prefix}-{key}", names[0], kind, names[1:], ubnd, begin(start), end)
    if both:
        for old, new, kind, main, share in departments.MERGERS_2025:
            target = made.get(new) or (made.get("so-noi-vu") if old == "ban-dan-toc" else None)
            w.succession(
                made.get(old), target, departments.DEPT_REFORM_DAY, kind, departments.MERGER_NOTE, main, share
            )
    for key, base, aliases, start, end in departments.CENTRAL:
        if start and until and start > until:
            continue
        if end and not both:
            end = None  # set up before 1/3/2025: the office is still running
        if start and not both:
            continue
        names = [_in_province(base, prov), *([base, *aliases] if generic_aliases else [])]
        made[key] = w.agency(
            f"{prefix}-{key}", names[0], "trung_uong", names[1:], None, begin(start), end or until
        )
    if both:
        for old, new in departments.CENTRAL_SUCCESSIONS:
            w.succession(
                made.get(old),
                made.get(new),
                departments.DEPT_REFORM_DAY,
                "rename",
                "Tổ chức lại từ 01/3/2025",
            )
    if until is None and as_of >= admin_units.REFORM_DAY and "vp-ubnd" in made:
        # NĐ 118/2025/NĐ-CP (from 1/7/2025): one Trung tâm Phục vụ hành chính công per province,
        # under the Văn phòng UBND, receives the province-level dossiers.
        base, aliases = departments.SERVICE_CENTRE
        names = [_in_province(base, prov), *([base, *aliases] if generic_aliases else [])]
        made["tt-phuc-vu-hcc"] = w.agency(
            f"{prefix}-tt-phuc-vu-hcc",
            names[0],
            "su_nghiep",
            names[1:],
            made["vp-ubnd"],
            admin_units.REFORM_DAY,
            None,
        )
    made["mttq"] = w.agency(
        f"{prefix}-mttq",
        _in_province("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", prov),
        "doan_the",
        ["UBMTTQ Việt Nam tỉnh", "Mặt trận Tổ quốc tỉnh"] if generic_aliases else [],
        None,
        begin(None),
        until,
    )
    return made


def _build_old(w, prov, as_of, extra, generic_aliases, continuing=False):
    """An old province (one of the 63) with its districts and communes, as far as the date goes.

    continuing: the province kept its territory on 1/7/2025 (only its communes changed), so its
    UBND, departments and central agencies carry on; only the districts and communes end.
    """
    units_until = admin_units.LAST_OLD_DAY if as_of >= admin_units.REFORM_DAY else None
    until = None if continuing else units_until
    prefix = _prefix(prov)
    names = [f"Ủy ban nhân dân {prov.kind} {prov.name}", f"UBND {prov.kind} {prov.name}"]
    if generic_aliases:
        names += [f"UBND {prov.kind}", f"Chủ tịch UBND {prov.kind}"]
    ubnd = w.agency(f"{prefix}-ubnd", names[0], "ubnd_tinh", names[1:], None, None, until, prov.code)
    made = {"ubnd": ubnd, "units": {}}
    made.update(
        _build_departments(
            w,
            prov,
            ubnd,
            prefix,
            as_of if continuing else min(as_of, admin_units.LAST_OLD_DAY),
            until,
            extra,
            generic_aliases,
        )
    )
    for district in prov.units:
        name, aliases = _unit_names(district)
        d = w.agency(
            f"{prefix}-h{district.code}", name, "ubnd_huyen", aliases, ubnd, None, units_until, district.code
        )
        made["units"]["h" + district.code] = d
        for commune in district.children:
            name, aliases = _unit_names(commune)
            aliases.append(f"{commune.name} - {district.name}")
            c = w.agency(
                f"{prefix}-x{commune.code}", name, "ubnd_xa", aliases, d, None, units_until, commune.code
            )
            made["units"]["x" + commune.code] = c
        w.progress(1, prov.name)
    return made


def _build_new(w, prov, extra, olds, as_of, continuing=False):
    prefix = _prefix(prov)
    start = admin_units.REFORM_DAY
    if continuing:
        # Same province, same UBND and departments (built with the old one); new communes only.
        _new_units(w, prov, prefix, olds[0]["ubnd"], olds[0]["units"])
        return olds[0]
    ubnd = w.agency(
        f"{prefix}-ubnd",
        f"Ủy ban nhân dân {prov.kind} {prov.name}",
        "ubnd_tinh",
        [f"UBND {prov.kind} {prov.name}", f"UBND {prov.kind}", f"Chủ tịch UBND {prov.kind}"],
        None,
        start,
        None,
        prov.code,
    )
    made = _build_departments(w, prov, ubnd, prefix, max(as_of, start), None, extra, True, floor=start)
    made["ubnd"] = ubnd
    note = (
        "Hợp nhất các tỉnh từ 01/7/2025 (NQ 202/2025/QH15)"
        if len(olds) > 1
        else "Từ 01/7/2025 (NQ 202/2025/QH15)"
    )
    # Old province, its departments and central agencies → the new ones of the same remit.
    for old in olds:
        w.succession(old["ubnd"], ubnd, start, "merge", note)
        for key, agency in old.items():
            if key in ("ubnd", "units") or agency.valid_to != admin_units.LAST_OLD_DAY:
                continue
            w.succession(agency, made.get(key), start, "merge", note)
    old_units = {}
    for old in olds:
        old_units.update(old["units"])
    _new_units(w, prov, prefix, ubnd, old_units)
    return made


def _new_units(w, prov, prefix, ubnd, old_units):
    """The communes of a province formed on 1/7/2025 and their successions from `old_units`.

    old_units: {"x<commune code>" | "h<district code>": Agency} of the old units in the registry.
    """
    start = admin_units.REFORM_DAY
    taken_by_district = {}
    for unit in prov.units:
        name, aliases = _unit_names(unit)
        commune = w.agency(f"{prefix}-x{unit.code}", name, "ubnd_xa", aliases, ubnd, start, None, unit.code)
        for key, share in unit.sources:
            old = old_units.get(key)
            if old is None:
                continue
            whole = share == admin_units.WHOLE
            w.succession(
                old,
                commune,
                start,
                "merge" if whole else "split",
                "Sắp xếp đơn vị hành chính cấp xã từ 01/7/2025 (nghị quyết của UBTVQH về tỉnh)",
                main=share != admin_units.PART,
                # The part keeping the seat is the main successor and takes the rest (no share written).
                share="" if share != admin_units.PART else f"một phần địa bàn, vào {commune.name}",
            )
            district = old if old.kind == "ubnd_huyen" else old.parent
            if district is not None and district.kind == "ubnd_huyen":
                taken_by_district.setdefault(district.pk, (district, []))[1].append(commune)
        w.progress(1, prov.name)
    # The district level ended on 1/7/2025 (NQ 203/2025/QH15); its territory went to the new communes.
    for district, communes in taken_by_district.values():
        communes = list({c.pk: c for c in communes}.values())
        single = len(communes) == 1
        for commune in communes:
            w.succession(
                district,
                commune,
                start,
                "merge" if single else "split",
                "Kết thúc hoạt động cấp huyện từ 01/7/2025 (NQ 203/2025/QH15)",
                main=single,
                share="" if single else "địa bàn " + re.sub(r"^Ủy ban nhân dân ", "", commune.name),
            )


@transaction.atomic
def link_reform(old_code, new_ubnd, prefix, progress=None):
    """The 1/7/2025 successions of an old province's districts and communes already in the registry.

    For a registry typed by hand (or a demo) that holds some of an old province's units: each is
    matched by its national code, the new province's communes are created under `new_ubnd` (or
    adopted when present, by national code) with codes `{prefix}-x{code}`, and every unit present
    gets its dated successions. Returns the SetupReport.
    """
    old = admin_units.province(old_code, new=False)
    new = admin_units.successor_of(old.code)
    report = SetupReport(province=f"{new.kind.capitalize()} {new.name}", as_of=admin_units.REFORM_DAY)
    w = _Writer(report, progress)
    codes = {"x" + c.code for d in old.units for c in d.children} | {"h" + d.code for d in old.units}
    old_units = {}
    for agency in Agency.objects.filter(kind__in=["ubnd_xa", "ubnd_huyen"]).exclude(national_code=""):
        key = ("x" if agency.kind == "ubnd_xa" else "h") + agency.national_code
        if key in codes and (agency.valid_from is None or agency.valid_from < admin_units.REFORM_DAY):
            old_units[key] = agency
    _new_units(w, new, prefix, new_ubnd, old_units)
    for unit in new.units:
        report.units[unit.kind] = report.units.get(unit.kind, 0) + 1
    return report


@transaction.atomic
def setup_province(query, as_of=None, extra=(), progress=None):
    """Build or update the registry of the province `query` (name or national code) as of a date."""
    as_of = as_of or date.today()
    prov, note = admin_units.find(query, as_of)
    if prov is None:
        raise SetupError(note)
    unknown = [k for k in extra if k not in departments.OPTIONAL]
    if unknown:
        raise SetupError(
            "Không biết cơ quan: " + ", ".join(unknown) + ". Chọn trong: " + ", ".join(departments.OPTIONAL)
        )
    report = SetupReport(province=f"{prov.kind.capitalize()} {prov.name}", as_of=as_of)
    if note:
        report.notes.append(note)
    w = _Writer(report, progress)
    previous_codes = home.codes()
    if prov.new:
        olds_data = [admin_units.province(c, new=False) for c in prov.predecessors]
        # The installation's own line before the reform: a province it followed before, else the
        # predecessor that kept the code (Lâm Đồng 68), else the first.
        line = next((o for o in olds_data if o.code in previous_codes), None) or next(
            (o for o in olds_data if o.code == prov.code), olds_data[0]
        )
        continuing = len(olds_data) == 1 and olds_data[0].code == prov.code
        olds = [_build_old(w, o, as_of, extra, o is line, continuing) for o in olds_data]
        made = _build_new(w, prov, extra, olds, as_of, continuing)
        if len(olds_data) > 1:
            report.predecessors = [f"{o.kind} {o.name}" for o in olds_data]
        old_ubnd = olds[olds_data.index(line)]["ubnd"]
        if continuing:
            home.set_history([(prov.code, prov.name, prov.kind, made["ubnd"], None, None)])
        else:
            home.set_history(
                [
                    (line.code, line.name, line.kind, old_ubnd, None, admin_units.LAST_OLD_DAY),
                    (prov.code, prov.name, prov.kind, made["ubnd"], admin_units.REFORM_DAY, None),
                ]
            )
    else:
        made = _build_old(w, prov, as_of, extra, True)
        home.set_history([(prov.code, prov.name, prov.kind, made["ubnd"], None, None)])
    groups.ensure(AgencyGroup)
    units = prov.units if prov.new else [c for d in prov.units for c in d.children]
    for unit in units:
        report.units[unit.kind] = report.units.get(unit.kind, 0) + 1
    return report


def steps(query, as_of=None):
    """How many progress steps a setup takes (for the progress bar)."""
    prov, _ = admin_units.find(query, as_of or date.today())
    if prov is None:
        return 0
    if not prov.new:
        return len(prov.units)
    olds = [admin_units.province(c, new=False) for c in prov.predecessors]
    return len(prov.units) + sum(len(o.units) for o in olds)
