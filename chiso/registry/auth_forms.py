"""Login with a lockout after repeated failures (per user name, whatever the address)."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from .models import LoginFailure


def _client_ip(request):
    return (request.META.get("REMOTE_ADDR") or None) if request else None


def is_locked(username):
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    return (
        LoginFailure.objects.filter(username__iexact=username, at__gte=since).count()
        >= settings.LOGIN_MAX_FAILURES
    )


class LockoutAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản này đã bị vô hiệu hóa.",
        "locked": "Tài khoản tạm khóa vì đăng nhập sai quá %(n)s lần. Vui lòng thử lại sau %(m)s phút.",
    }

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        if username and is_locked(username):
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"n": settings.LOGIN_MAX_FAILURES, "m": settings.LOGIN_LOCKOUT_MINUTES},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                LoginFailure.objects.create(username=username, ip=_client_ip(self.request))
            raise
        LoginFailure.objects.filter(username__iexact=username).delete()
        return cleaned
