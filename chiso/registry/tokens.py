"""Personal API tokens for the JSON API (Authorization: Bearer <token>)."""

import hashlib
import secrets

from django.utils import timezone
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from .models import ApiToken


def _hash(key):
    return hashlib.sha256(key.encode()).hexdigest()


def issue(user, name="API"):
    """Create a token and return its clear text (shown once, never stored: only its SHA-256)."""
    from chiso.core import audit

    name = (name or "API").strip()[:100] or "API"
    key = "chiso_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_hash=_hash(key), prefix=key[6:14])
    audit.record(user, "action", {"api_token": token.prefix}, f"Cấp mã truy cập API “{name}”")
    return key


def tokens_of(user):
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def revoke(user, token_id):
    """Delete one of the user's tokens; False if the user has no such token (another's is never touched)."""
    from chiso.core import audit

    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        return False
    token.delete()
    audit.record(user, "action", {"api_token": token.prefix}, f"Thu hồi mã truy cập API “{token.name}”")
    return True


def user_for(key):
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key or "")).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for(token)
        if user is not None:
            request.user = user
        return user


class SessionOrToken:
    """Browser pages calling the API use their session; scripts use a token."""

    def __call__(self, request):
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            # A session is a cookie the browser sends by itself, so changes need the CSRF token.
            if request.method not in ("GET", "HEAD", "OPTIONS") and check_csrf(request) is not None:
                return None
            return request.user
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = user_for(header[7:].strip())
            if user is not None:
                request.user = user
                return user
        return None
