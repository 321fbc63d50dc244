"""{% load vn %}: {{ x|vn_num:1 }} → "6,5", {{ x|vn_percent }} → "75,8%", {{ days|vn_duration }},
{{ due|vn_since:today }}."""

from django import template

from chiso.core import numbers

register = template.Library()


@register.filter
def vn_num(value, places=None):
    return numbers.number(value, None if places in (None, "") else int(places))


@register.filter
def vn_signed(value, places=None):
    return numbers.number(value, None if places in (None, "") else int(places), signed=True)


@register.filter
def vn_percent(value, places=1):
    return numbers.percent(value, int(places))


@register.filter
def vn_duration(days):
    return numbers.duration(days)


@register.filter
def vn_since(day, ref):
    """{{ due|vn_since:today }} → "2 năm 9 tháng": the span from `day` to `ref` (dates) in Vietnamese."""
    if day is None or ref is None:
        return ""
    return numbers.duration((ref - day).days)
