"""Settings read once per request (chiso.core.memo): never stale outside a request or after a save."""

import pytest

from chiso.core import memo
from chiso.directives.models import ReminderSchedule
from chiso.directives.services import life


def _in_request(view):
    return memo.RequestMemoMiddleware(lambda request: view())(None)


def test_outside_a_request_nothing_is_kept():
    calls = []
    memo.per_request("k", lambda: calls.append(1))
    memo.per_request("k", lambda: calls.append(1))
    assert len(calls) == 2


def test_inside_a_request_built_once_and_dropped_after():
    calls = []

    def view():
        return [memo.per_request("k", lambda: calls.append(1) or len(calls)) for _ in range(3)]

    assert _in_request(view) == [1, 1, 1]
    assert _in_request(view) == [2, 2, 2]  # the next request reads again


@pytest.mark.django_db
def test_a_save_in_the_request_is_seen_by_the_rest_of_it(django_assert_num_queries):
    import datetime

    schedule = ReminderSchedule.objects.create(days_before=[7, 3, 1])

    def view():
        before = life.today()
        with django_assert_num_queries(0):
            assert life.today() == before  # the second read is free
        schedule.as_of = datetime.date(2022, 10, 14)
        schedule.save()
        return before, life.today(), ReminderSchedule.current().as_of

    before, after, current = _in_request(view)
    assert before != datetime.date(2022, 10, 14)
    assert after == current == datetime.date(2022, 10, 14)
