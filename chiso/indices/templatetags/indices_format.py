"""Index page filters; numbers follow the one Vietnamese rule of chiso.core.numbers."""

from django import template

from chiso.core import numbers

register = template.Library()


def vn_number(value, digits=2, signed=False):
    """The one Vietnamese number rule (chiso.core.numbers); empty for a missing value."""
    try:
        value = None if value in (None, "") else float(value)
    except (TypeError, ValueError):
        return str(value)
    return numbers.number(value, digits, signed=signed, empty="")


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
