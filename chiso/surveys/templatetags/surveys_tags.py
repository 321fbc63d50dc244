import json

from django import template

from chiso.core import numbers

register = template.Library()


@register.filter
def get(mapping, key):
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def as_str(value):
    return "" if value is None else str(value)


@register.filter
def contains(values, value):
    if values is None:
        return False
    if isinstance(values, (list, tuple)):
        return str(value) in [str(v) for v in values]
    return str(values) == str(value)


@register.filter
def relevant_json(question):
    return json.dumps(question.relevant, ensure_ascii=False) if question.relevant else ""


@register.filter
def pct(value):
    return numbers.percent(value)  # the one rule: "75,8%"


@register.filter
def signed(value):
    return numbers.number(value, 1, signed=True)


@register.filter
def vn2(value):
    """Two decimals with the Vietnamese decimal comma."""
    return numbers.number(value, 2)
