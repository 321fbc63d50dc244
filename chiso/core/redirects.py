"""Redirects to an address the client chose (next=, Referer) only when it stays on this site."""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_target(request, candidate, fallback):
    """candidate if it is a path on this host (same scheme when served over HTTPS), else fallback."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def redirect_back(request, candidate, fallback):
    """redirect() to candidate (next=, Referer…) if safe, else to the fallback (a URL name or path)."""
    target = safe_target(request, candidate, None)
    return redirect(target) if target else redirect(fallback)
