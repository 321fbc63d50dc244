"""Numbers written the Vietnamese way, one rule for every page, report and chart: decimal comma,
dot between thousands, percent sign glued to the number ("1.234", "6,48", "75,8%").

Django's own l10n does the work (formats of the "vi" locale, with grouping forced), whatever language
the browser asks for: an office PC set to English must not turn "75,8%" into "75.8%"."""

from decimal import Decimal

from django.utils import formats, translation


def number(value, places=None, *, signed=False, empty="–"):
    """places=None keeps the value's own decimals (ints stay ints); signed puts "+" before positives."""
    if value is None or value == "":
        return empty
    if isinstance(value, str):
        try:
            value = Decimal(value)
        except ArithmeticError:
            return value
    if places is not None:
        value = round(value, places)
        if places == 0:
            value = int(value)
    with translation.override("vi"):
        text = formats.number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    if text.startswith("-") and not text.strip("-0,."):
        text = text[1:]  # "-0,0" reads as a fall where there is none
    if signed and value > 0:
        text = "+" + text
    return text


def percent(value, places=1, *, signed=False, empty="–"):
    """75.8 → "75,8%" (the value is already a percentage)."""
    text = number(value, places, signed=signed, empty=empty)
    return text if text == empty else text + "%"


def ratio(value, places=1, *, empty="–"):
    """0.758 → "75,8%"."""
    return percent(None if value is None else value * 100, places, empty=empty)


_UNITS = [(365, "năm"), (30, "tháng"), (7, "tuần"), (1, "ngày")]


def duration(days):
    """A span in Vietnamese: "2 năm 3 tháng", "5 ngày" (Django's timesince speaks the active language)."""
    days = int(days)
    if days <= 0:
        return "0 ngày"
    parts = []
    for size, label in _UNITS:
        if days >= size:
            parts.append(f"{days // size} {label}")
            days %= size
        if len(parts) == 2:
            break
    return " ".join(parts)
