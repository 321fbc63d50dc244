"""Sending mail in one place, so reminders and survey invitations behave alike."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage

log = logging.getLogger(__name__)


def send(to, subject, body, *, reply_to=None):
    """Send one plain-text mail in Vietnamese; returns True when the server accepted it."""
    recipients = [addr for addr in ([to] if isinstance(to, str) else to) if addr]
    if not recipients:
        return False
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, reply_to=reply_to)
    message.encoding = "utf-8"
    try:
        return message.send() == 1
    except OSError as exc:
        log.warning("mail to %s failed: %s", recipients, exc)
        return False
