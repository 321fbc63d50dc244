"""Computed figures the home page and dashboards show, kept in the shared cache under a key that names
everything they depend on: a change to the data makes a new key, so nothing is ever stale and nothing
needs invalidating; old keys expire."""

import hashlib

from django.core.cache import cache


def cached(name, *depends_on, build, timeout=3600):
    """build() once per distinct `depends_on` (cheap facts such as a row count or a last change time)."""
    key = "card:" + name + ":" + hashlib.sha1(repr(depends_on).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
