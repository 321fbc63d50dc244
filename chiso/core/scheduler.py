"""Scheduled jobs: each app's `jobs.DAILY` callables run once a day at the configured hour, as queued
jobs, however many workers are up (the first worker to insert the period's ScheduledRun row wins).

A job never scheduled before only records the current period (no run): a new installation, or the
demo loaded with 2022 data, does not send a burst of reminders the moment the server starts. A
server that was off at the hour catches up with the current period when it starts again."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from chiso.core.audit import acting_as
from chiso.core.hooks import app_modules
from chiso.core.jobqueue import job_task, start
from chiso.core.models import ScheduledRun

DEFAULT_HOUR = 7


def daily_jobs():
    """{dotted name: callable} from each app's `jobs.DAILY` list (e.g. the follow-up's reminder run)."""
    return {
        f"{job.__module__}.{job.__name__}": job
        for _app, module in app_modules("jobs")
        for job in getattr(module, "DAILY", [])
    }


def _label(fn):
    doc = (fn.__doc__ or "").strip().splitlines()
    return doc[0] if doc else fn.__name__


@job_task(kind="core.daily", resumable=True)
def run_daily(job, *, name):
    fn = daily_jobs().get(name)
    if fn is None:  # only callables an app lists in DAILY may run from a queue row
        raise LookupError(f"{name} is not a daily job")
    with acting_as(None, "việc hằng ngày"):
        outcome = fn()
    return {"count": len(outcome)} if isinstance(outcome, list | tuple) else {}


def period_of(now, at_hour):
    """The day whose run is due at `now`: today from `at_hour` on, else yesterday (Asia/Ho_Chi_Minh)."""
    local = timezone.localtime(now)
    day = local.date() if local.hour >= at_hour else local.date() - timedelta(days=1)
    return day.isoformat()


def tick(at_hour=DEFAULT_HOUR, now=None):
    """Queue each daily job whose current period has not run yet; returns the jobs queued."""
    period = period_of(now or timezone.now(), at_hour)
    queued = []
    for name, fn in daily_jobs().items():
        first = not ScheduledRun.objects.filter(name=name).exists()
        try:
            with transaction.atomic():
                claimed = ScheduledRun.objects.create(name=name, period=period, skipped=first)
        except IntegrityError:
            continue  # another worker has it
        if first:
            continue
        job = start(run_daily, label=f"Việc hằng ngày: {_label(fn)}", name=name)
        ScheduledRun.objects.filter(pk=claimed.pk).update(job=job)
        queued.append(job)
    return queued
