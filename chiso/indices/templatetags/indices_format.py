"""Vietnamese number formatting whatever language the browser asks for: decimal comma."""

from django import template

register = template.Library()


def vn_number(value, digits=2, signed=False):
    if value is None or value == "":
        return ""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return str(value)
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    if digits and "." in text:
        whole, frac = text.split(".")
    else:
        whole, frac = text, ""
    sign = whole[0] if whole[0] in "+-" else ""
    whole = whole.lstrip("+-")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


@register.filter
def num(value, digits=2):
    return vn_number(value, int(digits))


@register.filter
def signed(value, digits=2):
    return vn_number(value, int(digits), signed=True)


@register.filter
def maxnum(value):
    """Maxima like 10, 61.5: no trailing zeros."""
    if value is None:
        return ""
    return vn_number(value, 0) if float(value) == int(value) else vn_number(value, 1)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
