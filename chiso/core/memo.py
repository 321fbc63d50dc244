"""Small settings read many times while one page is built (the follow-up's "today", the reminder
schedule, the installation's province), read once per request instead.

A page asks `life.today()` from every card and list (4–6 times on the home page, one query each). The
memo lives only for the request the middleware wraps: outside a request (tests calling services,
commands, jobs) `per_request` just builds the value every time, so nothing there can go stale. A save
or delete of a model whose rows a memo holds clears the request's memo (`forget_on_change`), so a view
that changes the setting and then reads it sees the new value.
"""

import contextvars

from django.db.models.signals import post_delete, post_save

_store = contextvars.ContextVar("chiso_request_memo", default=None)


def per_request(key, build):
    store = _store.get()
    if store is None:
        return build()
    if key not in store:
        store[key] = build()
    return store[key]


def forget(*args, **kwargs):
    store = _store.get()
    if store is not None:
        store.clear()


def forget_on_change(*models):
    for model in models:
        uid = f"{model._meta.label}"
        post_save.connect(forget, sender=model, dispatch_uid=f"memo_save_{uid}", weak=False)
        post_delete.connect(forget, sender=model, dispatch_uid=f"memo_delete_{uid}", weak=False)


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _store.set({})
        try:
            return self.get_response(request)
        finally:
            _store.reset(token)
