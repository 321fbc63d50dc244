"""Normalising Vietnamese agency names as they are written in documents.

Plain Python on purpose: the notice parser uses it without Django.
"""

import re
import unicodedata

# Abbreviations seen in notices, expanded to their full words before comparing. Order matters:
# the longer forms must be replaced before their parts ("TT&TT" before "TT").
ABBREVIATIONS = [
    (r"lđ\s*-?\s*tb\s*&?\s*xh|lđtbxh", "lao động thương binh và xã hội"),
    (r"vh\s*,?\s*tt\s*&\s*dl|vhttdl", "văn hóa thể thao và du lịch"),
    (r"nn\s*&\s*ptnt|nnptnt", "nông nghiệp và phát triển nông thôn"),
    (r"nn\s*&\s*mt", "nông nghiệp và môi trường"),
    (r"tn\s*&\s*mt|tnmt", "tài nguyên và môi trường"),
    (r"kh\s*&\s*đt|khđt", "kế hoạch và đầu tư"),
    (r"kh\s*&\s*cn|khcn", "khoa học và công nghệ"),
    (r"gd\s*&\s*đt|gdđt", "giáo dục và đào tạo"),
    (r"tt\s*&\s*tt|tttt", "thông tin và truyền thông"),
    (r"gtvt", "giao thông vận tải"),
    (r"dt\s*&\s*tg", "dân tộc và tôn giáo"),
    (r"pt\s*-?\s*th", "phát thanh truyền hình"),
    (r"ubnd", "ủy ban nhân dân"),
    (r"hđnd", "hội đồng nhân dân"),
    (r"ubmttq", "ủy ban mặt trận tổ quốc"),
    (r"mttq", "mặt trận tổ quốc"),
    (r"bhxh", "bảo hiểm xã hội"),
    (r"knnn", "kho bạc nhà nước"),
    (r"kcn", "khu công nghiệp"),
    (r"bql", "ban quản lý"),
    (r"hcc", "hành chính công"),
    (r"cqcm", "cơ quan chuyên môn"),
    (r"cqtw", "cơ quan trung ương"),
    (r"cchc", "cải cách hành chính"),
    (r"tthc", "thủ tục hành chính"),
    (r"vp", "văn phòng"),
    (r"tp\.?", "thành phố"),
    (r"tx\.?", "thị xã"),
    (r"tt\.?", "thị trấn"),
]
_ABBREV_RES = [(re.compile(r"(?<!\w)(?:%s)(?!\w)" % pattern), full) for pattern, full in ABBREVIATIONS]

# Old and new tone placement ("hoà"/"hòa", "thuỷ"/"thủy") differ in composed form; folding to the
# base letters makes them equal, and the accented key still tells "Hòa" from "Hóa".
_TONE_MOVES = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(_TONE_MOVES))
# "Quí" and "Quý" (Phú Quí, Phú Quý) are one name written in two spellings.
_QUI_RE = re.compile(r"(?<!\w)(qu)([iíìỉĩị])(?!\w)")
_QUI_MOVES = dict(zip("iíìỉĩị", "yýỳỷỹỵ"))


def nfc(text):
    return unicodedata.normalize("NFC", text or "")


def clean(text):
    """NFC, case-folded, old tone placement moved, punctuation and spacing collapsed."""
    text = nfc(text).casefold()
    text = _TONE_RE.sub(lambda m: _TONE_MOVES[m.group(0)], text)
    text = _QUI_RE.sub(lambda m: m.group(1) + _QUI_MOVES[m.group(2)], text)
    text = re.sub(r"[–—‐-]", " - ", text)
    text = re.sub(r"[^\w&\s-]", " ", text)
    return " ".join(text.split())


def expand(text):
    """clean() with the abbreviations spelled out."""
    text = clean(text)
    for pattern, full in _ABBREV_RES:
        text = pattern.sub(full, text)
    text = re.sub(r"[&-]", " ", text)
    return " ".join(text.split())


def strip_diacritics(text):
    """Vietnamese without diacritics, as people type in a search box ("So Noi vu")."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_key(text):
    """The key stored beside a name so that SQLite and PostgreSQL search alike."""
    return strip_diacritics(expand(text))
