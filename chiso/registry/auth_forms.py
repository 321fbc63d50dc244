"""Login with a lockout after repeated failures, the same on every login page (site and admin).

The lockout is keyed on the user name AND the client's address: guessing from one address locks
that address out of that account, while the real owner on another address can still log in — so
nobody can lock an account by typing its name. One address failing on many accounts (password
spraying) is locked out of all of them after CLIENT_FACTOR times the limit.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from .models import LoginFailure

CLIENT_FACTOR = 4


def client_ip(request):
    if request is None:
        return None
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        # Behind our reverse proxy: the address it saw is the last one it appended.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def is_locked(username, ip):
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    recent = LoginFailure.objects.filter(at__gte=since, ip=ip)
    return (
        recent.filter(username__iexact=username).count() >= settings.LOGIN_MAX_FAILURES
        or recent.count() >= settings.LOGIN_MAX_FAILURES * CLIENT_FACTOR
    )


class LockoutMixin:
    lockout_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản này đã bị vô hiệu hóa.",
        "locked": "Tài khoản tạm khóa vì đăng nhập sai quá %(n)s lần. Vui lòng thử lại sau %(m)s phút.",
    }

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        ip = client_ip(self.request)
        if username and is_locked(username, ip):
            raise forms.ValidationError(
                self.lockout_messages["locked"],
                code="locked",
                params={"n": settings.LOGIN_MAX_FAILURES, "m": settings.LOGIN_LOCKOUT_MINUTES},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                LoginFailure.objects.create(username=username[:150], ip=ip)
            raise
        LoginFailure.objects.filter(username__iexact=username, ip=ip).delete()
        return cleaned


class LockoutAuthenticationForm(LockoutMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": LockoutMixin.lockout_messages["invalid_login"],
        "inactive": LockoutMixin.lockout_messages["inactive"],
    }


class LockoutAdminAuthenticationForm(LockoutMixin, AdminAuthenticationForm):
    """Django admin's login (/quan-tri/login/) with the same lockout."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": LockoutMixin.lockout_messages["invalid_login"],
    }
