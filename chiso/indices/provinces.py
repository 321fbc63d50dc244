"""The 63 provinces (until 30/6/2025) and the 34 after NQ 202/2025/QH15, with the merger mapping.

Pure data, no Django. The regions are the six socio-economic regions used by the PAPI dataset.
The 34-unit mapping is taken from NQ 202/2025/QH15 as widely reported; only the Lâm Đồng row
(Bình Thuận + Đắk Nông + Lâm Đồng → Lâm Đồng) is confirmed in the project's research notes
(domain.md §10.1), the other rows are marked `confirmed=False` in the database.
"""

from datetime import date

from chiso.registry.names import clean, strip_diacritics

MERGER_RESOLUTION = date(2025, 6, 12)
MERGER_OPERATIONAL = date(2025, 7, 1)
LAST_DAY_OLD = date(2025, 6, 30)

REGIONS = {
    1: "Trung du và miền núi phía Bắc",
    2: "Đồng bằng sông Hồng",
    3: "Bắc Trung Bộ và Duyên hải miền Trung",
    4: "Tây Nguyên",
    5: "Đông Nam Bộ",
    6: "Đồng bằng sông Cửu Long",
}

# (name, region id), in the PAPI dataset's order.
PROVINCES_63 = [
    ("Hà Giang", 1),
    ("Cao Bằng", 1),
    ("Bắc Kạn", 1),
    ("Tuyên Quang", 1),
    ("Lào Cai", 1),
    ("Yên Bái", 1),
    ("Thái Nguyên", 1),
    ("Lạng Sơn", 1),
    ("Bắc Giang", 1),
    ("Phú Thọ", 1),
    ("Điện Biên", 1),
    ("Lai Châu", 1),
    ("Sơn La", 1),
    ("Hòa Bình", 1),
    ("Hà Nội", 2),
    ("Vĩnh Phúc", 2),
    ("Bắc Ninh", 2),
    ("Quảng Ninh", 2),
    ("Hải Dương", 2),
    ("Hải Phòng", 2),
    ("Hưng Yên", 2),
    ("Thái Bình", 2),
    ("Hà Nam", 2),
    ("Nam Định", 2),
    ("Ninh Bình", 2),
    ("Thanh Hóa", 3),
    ("Nghệ An", 3),
    ("Hà Tĩnh", 3),
    ("Quảng Bình", 3),
    ("Quảng Trị", 3),
    ("Thừa Thiên Huế", 3),
    ("Đà Nẵng", 3),
    ("Quảng Nam", 3),
    ("Quảng Ngãi", 3),
    ("Bình Định", 3),
    ("Phú Yên", 3),
    ("Khánh Hòa", 3),
    ("Ninh Thuận", 3),
    ("Bình Thuận", 3),
    ("Kon Tum", 4),
    ("Gia Lai", 4),
    ("Đắk Lắk", 4),
    ("Đắk Nông", 4),
    ("Lâm Đồng", 4),
    ("Bình Phước", 5),
    ("Tây Ninh", 5),
    ("Bình Dương", 5),
    ("Đồng Nai", 5),
    ("Bà Rịa - Vũng Tàu", 5),
    ("Hồ Chí Minh", 5),
    ("Long An", 6),
    ("Tiền Giang", 6),
    ("Bến Tre", 6),
    ("Trà Vinh", 6),
    ("Vĩnh Long", 6),
    ("Đồng Tháp", 6),
    ("An Giang", 6),
    ("Kiên Giang", 6),
    ("Cần Thơ", 6),
    ("Hậu Giang", 6),
    ("Sóc Trăng", 6),
    ("Bạc Liêu", 6),
    ("Cà Mau", 6),
]

# New unit (name kept by the resolution) → the old provinces merged into it.
MERGERS_2025 = {
    "Tuyên Quang": ["Tuyên Quang", "Hà Giang"],
    "Lào Cai": ["Lào Cai", "Yên Bái"],
    "Thái Nguyên": ["Thái Nguyên", "Bắc Kạn"],
    "Phú Thọ": ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"],
    "Bắc Ninh": ["Bắc Ninh", "Bắc Giang"],
    "Hưng Yên": ["Hưng Yên", "Thái Bình"],
    "Hải Phòng": ["Hải Phòng", "Hải Dương"],
    "Ninh Bình": ["Ninh Bình", "Hà Nam", "Nam Định"],
    "Quảng Trị": ["Quảng Trị", "Quảng Bình"],
    "Đà Nẵng": ["Đà Nẵng", "Quảng Nam"],
    "Quảng Ngãi": ["Quảng Ngãi", "Kon Tum"],
    "Gia Lai": ["Gia Lai", "Bình Định"],
    "Khánh Hòa": ["Khánh Hòa", "Ninh Thuận"],
    "Lâm Đồng": ["Lâm Đồng", "Đắk Nông", "Bình Thuận"],
    "Đắk Lắk": ["Đắk Lắk", "Phú Yên"],
    "Hồ Chí Minh": ["Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"],
    "Đồng Nai": ["Đồng Nai", "Bình Phước"],
    "Tây Ninh": ["Tây Ninh", "Long An"],
    "Cần Thơ": ["Cần Thơ", "Sóc Trăng", "Hậu Giang"],
    "Vĩnh Long": ["Vĩnh Long", "Bến Tre", "Trà Vinh"],
    "Đồng Tháp": ["Đồng Tháp", "Tiền Giang"],
    "Cà Mau": ["Cà Mau", "Bạc Liêu"],
    "An Giang": ["An Giang", "Kiên Giang"],
}
UNCHANGED_2025 = [
    "Hà Nội",
    "Thừa Thiên Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
]
RENAMED_2025 = {"Thừa Thiên Huế": "Huế"}
CONFIRMED_MERGERS = {"Lâm Đồng"}

# Spellings met in index files → canonical name.
ALIASES = {
    "tp hồ chí minh": "Hồ Chí Minh",
    "thành phố hồ chí minh": "Hồ Chí Minh",
    "tp. hồ chí minh": "Hồ Chí Minh",
    "hcm": "Hồ Chí Minh",
    "tphcm": "Hồ Chí Minh",
    "bà rịa vũng tàu": "Bà Rịa - Vũng Tàu",
    "bà rịa-vũng tàu": "Bà Rịa - Vũng Tàu",
    "brvt": "Bà Rịa - Vũng Tàu",
    "huế": "Thừa Thiên Huế",
    "tt huế": "Thừa Thiên Huế",
    "thừa thiên - huế": "Thừa Thiên Huế",
    "hoà bình": "Hòa Bình",
    "thanh hoá": "Thanh Hóa",
    "khánh hoà": "Khánh Hòa",
    "đắc lắc": "Đắk Lắk",
    "đăk lăk": "Đắk Lắk",
    "đắk nông": "Đắk Nông",
    "đăk nông": "Đắk Nông",
}


def key(name):
    """Comparison key: case, tone placement, punctuation and diacritics ignored."""
    text = clean(name)
    for prefix in ("tỉnh ", "thành phố ", "tp "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    text = clean(ALIASES.get(text, text))
    return strip_diacritics(text).replace(" - ", " ").replace("-", " ")


def slug(name):
    return key(name).replace(" ", "-")


def canonical(name):
    """The canonical 63-province name for a spelling, or None."""
    return _BY_KEY.get(key(name))


def successor_of(old_name):
    """The post-2025 unit an old province went into."""
    for new, olds in MERGERS_2025.items():
        if old_name in olds:
            return new
    if old_name in UNCHANGED_2025:
        return RENAMED_2025.get(old_name, old_name)
    raise KeyError(old_name)


def exists_in(canonical_name, year):
    """Did a unit of that name report results for the year (old units to 2024, the 34 new ones from 2025)?"""
    if year < MERGER_OPERATIONAL.year:
        return True
    return canonical_name in MERGERS_2025 or canonical_name in UNCHANGED_2025


def provinces_34():
    names = list(MERGERS_2025) + [RENAMED_2025.get(n, n) for n in UNCHANGED_2025]
    assert len(names) == 34, len(names)
    return names


_BY_KEY = {key(n): n for n, _ in PROVINCES_63}
