"""Rebuilds chiso/registry/data/admin_units.json.gz from the `vietnamadminunits` dataset (MIT).

Usage: python scripts/admin_units_extract.py PATH_TO_UNPACKED_vietnamadminunits_PACKAGE

The package itself is not a runtime dependency: it requires `Unidecode`, which is GPL, and the project
takes no GPL dependency. So a maintainer unpacks the wheel (`pip download --no-deps vietnamadminunits`,
`unzip`) and runs this script; the compact extract (codes, names, types, the 63→34 mapping) is
committed with the package's licence beside it (chiso/registry/data/LICENSE-vietnamadminunits).
"""

import gzip
import json
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path


def main(package_dir):
    package_dir = Path(package_dir)
    db = sqlite3.connect(package_dir / "data" / "dataset.db")
    db.row_factory = sqlite3.Row
    converter = json.loads((package_dir / "data" / "converter_2025.json").read_text())

    provinces, new_wards, by_new_key = {}, defaultdict(list), {}
    for r in db.execute("SELECT * FROM admin_units ORDER BY provinceCode, wardCode"):
        p = provinces.setdefault(
            r["provinceCode"],
            {
                "code": r["provinceCode"],
                "name": r["province"],
                "short": r["provinceShort"],
                "key": r["provinceKey"],
            },
        )
        ward = {"code": r["wardCode"], "name": r["ward"], "type": r["wardType"], "from": []}
        new_wards[p["code"]].append(ward)
        by_new_key[(r["provinceKey"], r["wardKey"])] = ward

    legacy, legacy_keys, district_keys = {}, {}, {}
    for r in db.execute("SELECT * FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"):
        p = legacy.setdefault(
            r["provinceCode"],
            {
                "code": r["provinceCode"],
                "name": r["province"],
                "short": r["provinceShort"],
                "key": r["provinceKey"],
                "districts": {},
            },
        )
        d = p["districts"].setdefault(
            r["districtCode"],
            {"code": r["districtCode"], "name": r["district"], "type": r["districtType"], "wards": []},
        )
        district_keys[f"{r['provinceKey']}_{r['districtKey']}"] = d["code"]
        if r["wardCode"]:
            d["wards"].append({"code": r["wardCode"], "name": r["ward"], "type": r["wardType"]})
            legacy_keys[f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}"] = r["wardCode"]

    def legacy_code(key):
        if key in legacy_keys:
            return "x" + legacy_keys[key]
        # A district with no wards (island districts) becomes a unit of its own.
        district = key.rsplit("_", 1)[0] if key.count("_") == 2 else key
        return "h" + district_keys[district]

    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        code = next(p["code"] for p in provinces.values() if p["key"] == new_key)
        provinces[code]["from"] = [
            next(p["code"] for p in legacy.values() if p["key"] == k) for k in old_keys
        ]
    for province_key, mapping in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, old_keys in mapping.items():
            by_new_key[(province_key, ward_key)]["from"] += [[legacy_code(k), 1] for k in old_keys]
    for province_key, mapping in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in mapping.items():
            for part in parts:
                # 2 marks the successor that keeps the unit's seat (isDefaultNewWard), 0 a part.
                by_new_key[(province_key, part["newWardKey"])]["from"].append(
                    [legacy_code(old_key), 2 if part["isDefaultNewWard"] else 0]
                )

    out = {
        "source": "vietnamadminunits 1.0.4 (MIT), https://github.com/tranngocminhhieu/vietnamadminunits",
        "provinces": [{**p, "wards": new_wards[c]} for c, p in sorted(provinces.items())],
        "legacy_provinces": [
            {**p, "districts": list(p["districts"].values())} for _c, p in sorted(legacy.items())
        ],
    }
    target = Path(__file__).resolve().parent.parent / "chiso" / "registry" / "data" / "admin_units.json.gz"
    with gzip.open(target, "wt", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    print(
        f"{target}: {len(provinces)} tỉnh mới, {sum(len(w) for w in new_wards.values())} xã mới, "
        f"{len(legacy)} tỉnh cũ, {len(legacy_keys)} xã cũ"
    )


if __name__ == "__main__":
    main(sys.argv[1])
