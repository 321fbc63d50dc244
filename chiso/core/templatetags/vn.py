"""{% load vn %}: {{ x|vn_num:1 }} → "6,5", {{ x|vn_percent }} → "75,8%", {{ days|vn_duration }}."""

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
