"""The national list of administrative units, before and after 1/7/2025, with the 63→34 mapping.

Plain Python (no Django). The data is an extract of the `vietnamadminunits` dataset (MIT, see
data/LICENSE-vietnamadminunits and scripts/admin_units_extract.py): the 34 provinces and their 3,321
communes, wards and special zones from 1/7/2025 (NQ 202/2025/QH15 and the UBTVQH resolutions on each
province's communes, e.g. NQ 1671/NQ-UBTVQH15 for Lâm Đồng), the 63 provinces with their districts and
communes as they stood on 30/6/2025, and which old communes form each new one (a commune split
between several new ones is marked, the part keeping its seat first).
"""

import gzip
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from .names import clean, strip_diacritics

DATA = Path(__file__).resolve().parent / "data" / "admin_units.json.gz"
SOURCE = "vietnamadminunits 1.0.4 (MIT)"

# NQ 202/2025/QH15 and NQ 203/2025/QH15: the 34 provinces and the end of the district level.
REFORM_DAY = date(2025, 7, 1)
LAST_OLD_DAY = date(2025, 6, 30)

WHOLE, SEAT, PART = 1, 2, 0


@dataclass
class Unit:
    code: str
    name: str  # "Phường Mũi Né", "Thành phố Phan Thiết", "Tỉnh Lâm Đồng"
    kind: str  # "Phường", "Xã", "Thị trấn", "Đặc khu", "Huyện", "Thành phố", "Thị xã", "Quận", "Tỉnh"
    parent: str = ""  # the district's or province's code
    children: list = field(default_factory=list)
    sources: list = field(default_factory=list)  # [(old unit key, WHOLE|SEAT|PART)] for new communes

    @property
    def bare(self):
        """The name without its kind: "Mũi Né"."""
        return self.name[len(self.kind) :].strip() if self.name.startswith(self.kind) else self.name


@dataclass
class Province:
    code: str
    name: str  # "Lâm Đồng"
    full: str  # "Tỉnh Lâm Đồng"
    new: bool  # one of the 34 from 1/7/2025
    units: list  # new: communes; old: districts with their communes as children
    predecessors: list = field(default_factory=list)  # codes of the old provinces (new only)

    @property
    def kind(self):
        return "thành phố" if self.full.lower().startswith("thành phố") else "tỉnh"

    @property
    def slug(self):
        text = strip_diacritics(clean(self.name)).lower()
        return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _key(text):
    text = strip_diacritics(clean(text)).lower()
    text = re.sub(r"^(tinh|thanh pho|tp)\s+", "", text)
    return text.replace(" ", "")


@lru_cache(maxsize=1)
def _load():
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        raw = json.load(fh)
    new, old = {}, {}
    for p in raw["legacy_provinces"]:
        districts = []
        for d in p["districts"]:
            district = Unit(d["code"], d["name"], d["type"], p["code"])
            district.children = [Unit(w["code"], w["name"], w["type"], d["code"]) for w in d["wards"]]
            districts.append(district)
        old[p["code"]] = Province(
            p["code"], p["short"], p["province"] if "province" in p else p["name"], False, districts
        )
    for p in raw["provinces"]:
        units = [
            Unit(w["code"], w["name"], w["type"], p["code"], sources=[tuple(s) for s in w["from"]])
            for w in p["wards"]
        ]
        new[p["code"]] = Province(p["code"], p["short"], p["name"], True, units, list(p["from"]))
    return new, old


def provinces(new=True):
    """The 34 provinces from 1/7/2025 (new=True) or the 63 before."""
    return list(_load()[0 if new else 1].values())


def province(code, new=True):
    return _load()[0 if new else 1].get(str(code).zfill(2))


def successor_of(old_code):
    """The new province an old one went into."""
    return next((p for p in provinces(True) if old_code in p.predecessors), None)


def find(text, on=None):
    """The province a name or code means on a date: an old name after 1/7/2025 gives its successor.

    Returns (Province, note) or (None, message).
    """
    on = on or date.today()
    text = (text or "").strip()
    new, old = _load()
    if text.isdigit():
        code = text.zfill(2)
        found = new.get(code) if on >= REFORM_DAY else old.get(code)
        if found is None and on >= REFORM_DAY and code in old:
            found = successor_of(code)
            return found, f"Mã {code} ({old[code].name}) từ 01/7/2025 thuộc {found.kind} {found.name}."
        return (found, "") if found else (None, f"Không có tỉnh, thành phố mã {code}.")
    key = _key(text)
    aliases = {"hochiminh": "hochiminh", "hcm": "hochiminh", "tphcm": "hochiminh", "thuathienhue": "hue"}
    key = aliases.get(key, key)
    if on >= REFORM_DAY:
        for p in new.values():
            if _key(p.name) == key:
                return p, ""
        for p in old.values():
            if _key(p.name) == key:
                successor = successor_of(p.code)
                return (
                    successor,
                    f"{p.name} từ 01/7/2025 thuộc {successor.kind} {successor.name} (NQ 202/2025/QH15).",
                )
    else:
        for p in old.values():
            if _key(p.name) == key or (key == "hue" and _key(p.name) == "thuathienhue"):
                return p, ""
    return None, f"Không tìm thấy tỉnh, thành phố «{text}» trong danh mục đơn vị hành chính."


def kind_of(name):
    """ "thành phố" for a centrally-run city (old or new list), else "tỉnh"."""
    key = _key(name)
    for p in provinces(True) + provinces(False):
        if _key(p.name) == key or (key == "hue" and _key(p.name) == "thuathienhue"):
            return p.kind
    return "tỉnh"
