"""Memoising the reader's pure functions of a short text.

A notice repeats itself: the same bullet under several headings, the same deadline phrase, the same
agency before "chủ trì" in point after point, and a long plan repeats whole blocks. The grammar
functions are pure (a text in, a reading out), so a reading is computed once per distinct text.
Only texts up to `limit` characters are kept, so the cache holds at most maxsize × limit characters
whatever the input (a 1 MB line is computed, never stored).
"""

import functools


def short_text_cache(limit=2000, maxsize=8192):
    """Decorator: cache fn(text, *hashable args) when len(text) <= limit. The wrapped function must
    return values nobody mutates (tuples, strings, None); callers copy what they change."""

    def wrap(fn):
        cached = functools.lru_cache(maxsize=maxsize)(fn)

        @functools.wraps(fn)
        def call(text, *args, **kwargs):
            if len(text) > limit:
                return fn(text, *args, **kwargs)
            try:
                return cached(text, *args, **kwargs)
            except TypeError:  # an unhashable argument (a caller's own working-day function)
                return fn(text, *args, **kwargs)

        call.cache_clear = cached.cache_clear
        call.cache_info = cached.cache_info
        return call

    return wrap
