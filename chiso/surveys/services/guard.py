"""Who may send a public answer: one per browser and day, a form stamp used once, a soft per-network cap.

- A browser gets a random id in a signed first-party cookie the first time it opens a public form;
  the id also rides in the form's signed stamp, so a browser that refuses cookies is still counted.
  Two phones on the same Wi-Fi are two browsers; changing the User-Agent changes nothing.
- The stamp (signed opening time, random nonce, browser id) is burnt when an answer is accepted:
  a captured stamp cannot be replayed.
- A network (IPv4 address, IPv6 /64) may send `CHISO_SURVEY_PER_NETWORK_PER_HOUR` answers per wave
  and hour (default 120: a busy one-stop counter sees far fewer citizens than that in an hour).
Every decision is logged on `chiso.surveys.public` with the limit; addresses are logged hashed.
"""

import datetime
import hashlib
import ipaddress
import logging
import secrets
import time

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import DeviceMark, NetworkCount
from .distribution import today

log = logging.getLogger("chiso.surveys.public")

COOKIE = "chiso_trinh_duyet"
COOKIE_SALT = "chiso.surveys.browser"
STAMP_SALT = "chiso.surveys.form-opened"
STAMP_MAX_AGE = 2 * 86400


class Refused(Exception):
    """An answer that must not be stored; `status` is the HTTP status to answer with."""

    def __init__(self, message, status=429, done=False):
        super().__init__(message)
        self.status, self.done = status, done


def per_network_limit():
    return int(getattr(settings, "CHISO_SURVEY_PER_NETWORK_PER_HOUR", 120))


def _hash(*parts):
    raw = "|".join([settings.SECRET_KEY, *map(str, parts)])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def browser_id(request):
    """The browser's id from its cookie, or a new one (the caller sets the cookie)."""
    value = request.get_signed_cookie(COOKIE, default=None, salt=COOKIE_SALT)
    return value or secrets.token_urlsafe(16)


def set_browser_cookie(response, request, value):
    response.set_signed_cookie(
        COOKIE,
        value,
        salt=COOKIE_SALT,
        max_age=400 * 86400,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def stamp(browser, opened=None):
    """Signed opening time + nonce + browser id, sent with the form and checked on submission."""
    opened = time.time() if opened is None else opened
    return signing.dumps({"t": opened, "n": secrets.token_urlsafe(12), "b": browser}, salt=STAMP_SALT)


def read_stamp(value):
    """(opened, nonce, browser) or raises Refused with a message the respondent can act on."""
    try:
        data = signing.loads(value or "", salt=STAMP_SALT, max_age=STAMP_MAX_AGE)
        opened, nonce, browser = float(data["t"]), str(data["n"]), str(data["b"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise Refused("Phiếu đã mở quá lâu hoặc không hợp lệ. Xin tải lại trang rồi gửi lại.", status=400)
    if time.time() - opened < getattr(settings, "CHISO_SURVEY_MIN_SECONDS", 5):
        raise Refused(
            "Phiếu được gửi quá nhanh sau khi mở. Xin kiểm tra lại các câu trả lời rồi gửi lại.", status=400
        )
    return opened, nonce, browser


def network_of(address):
    """The network an address stands for: the IPv4 address itself (NAT), an IPv6 /64."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "?"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _browser_key(wave, browser, day):
    return _hash("browser", wave.pk, browser, day.isoformat())


def already_answered(wave, request):
    """True when this browser already sent an answer to the wave today."""
    value = request.get_signed_cookie(COOKIE, default=None, salt=COOKIE_SALT)
    return bool(value) and DeviceMark.objects.filter(key=_browser_key(wave, value, today())).exists()


def admit(wave, request, stamp_value, store):
    """Run `store()` (which writes the response) if this answer may be accepted, all in one transaction.

    Raises Refused otherwise. Returns (result of store, browser id)."""
    _, nonce, stamped_browser = read_stamp(stamp_value)
    cookie = request.get_signed_cookie(COOKIE, default=None, salt=COOKIE_SALT)
    browser = cookie or stamped_browser
    day = today()
    network = network_of(request.META.get("REMOTE_ADDR", ""))
    network_hash = _hash("network", network)[:12]
    limit = per_network_limit()
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    count_key = _hash("count", wave.pk, network, hour.isoformat())
    try:
        with transaction.atomic():
            DeviceMark.objects.create(key=_hash("stamp", nonce), day=day)
            try:
                with transaction.atomic():
                    DeviceMark.objects.create(key=_browser_key(wave, browser, day), day=day)
            except IntegrityError:
                log.info(
                    "public answer refused: browser already answered today (wave %s, network %s)",
                    wave.pk,
                    network_hash,
                )
                raise Refused("Trình duyệt này đã gửi phiếu hôm nay. Xin cảm ơn ông/bà!", done=True)
            counter, _ = NetworkCount.objects.get_or_create(key=count_key, defaults={"hour": hour})
            NetworkCount.objects.filter(pk=counter.pk).update(count=F("count") + 1)
            count = counter.count + 1
            if count > limit:
                log.warning(
                    "public answer refused: network %s sent %d answers to wave %s this hour (limit %d)",
                    network_hash,
                    count,
                    wave.pk,
                    limit,
                )
                raise Refused(
                    "Có quá nhiều phiếu gửi từ cùng một mạng trong giờ này. Xin thử lại sau ít phút.",
                )
            result = store()
    except IntegrityError:
        log.warning("public answer refused: form stamp replayed (wave %s, network %s)", wave.pk, network_hash)
        raise Refused("Phiếu này đã được gửi. Xin tải lại trang nếu ông/bà muốn trả lời lại.", status=409)
    log.info(
        "public answer accepted (wave %s, network %s, %d/%d this hour)", wave.pk, network_hash, count, limit
    )
    return result, browser


def forget_old(keep_days=3):
    """Marks older than any stamp still valid, and past hours' counters."""
    DeviceMark.objects.filter(day__lt=today() - datetime.timedelta(days=keep_days)).delete()
    NetworkCount.objects.filter(hour__lt=timezone.now() - datetime.timedelta(hours=2)).delete()
