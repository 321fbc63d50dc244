class ContentSecurityPolicyMiddleware:
    """Only our own scripts run: no inline script, no CDN. ECharts and htmx set inline styles."""

    POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; "
        "object-src 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        return response


class LanguageMiddleware:
    """Vietnamese unless the user chose otherwise: a browser set to English (as most are in
    offices) must not turn a Vietnamese administration's pages into English."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if lang not in dict(settings.LANGUAGES):
            lang = settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        return response


class PrivateCacheMiddleware:
    """Pages and files served to a logged-in user (or an API token) are never stored by a shared
    proxy or left in the browser's disk cache: Cache-Control: private, no-store."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/static/"):
            from django.utils.cache import patch_cache_control

            patch_cache_control(response, private=True, no_store=True)
        return response
