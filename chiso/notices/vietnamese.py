"""Character classes and small text helpers for Vietnamese administrative prose.

Python's `[A-Z]` misses "Đ", "Ư", "Ơ" and every accented capital, and `str.isupper()` is too
lenient for headings that contain digits and punctuation, so the classes are spelled out here once.
"""

import re
import unicodedata

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

# Vietnamese letters that only precomposed Unicode text has; legacy-font text has almost none.
VIETNAMESE_ONLY = set("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹơưđăĂĐƠƯ")

ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
    "XIII": 13,
    "XIV": 14,
    "XV": 15,
}

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = {c: str(i) for i, c in enumerate(SUPERSCRIPTS)}
_DIGIT_TO_SUP = {str(i): c for i, c in enumerate(SUPERSCRIPTS)}

_LETTER_RE = re.compile(f"[{UPPER}{LOWER}]")
_LOWER_RE = re.compile(f"[{LOWER}]")


def nfc(text):
    return unicodedata.normalize("NFC", text or "")


def superscript(number):
    return "".join(_DIGIT_TO_SUP[d] for d in str(number))


def from_superscript(marks):
    return "".join(_SUP_TO_DIGIT.get(c, c) for c in marks)


def is_all_caps(text):
    """A heading typed in capitals ("THÔNG BÁO", "TL. CHỦ TỊCH"): letters present, none lower-case."""
    if _LOWER_RE.search(text):
        return False
    letters = 0
    for c in text:
        if c.isalpha():
            letters += 1
            if letters >= 2:
                return True
    return False


def starts_lower(text):
    return bool(text) and bool(_LOWER_RE.match(text))


def squash(text):
    return " ".join((text or "").split())
