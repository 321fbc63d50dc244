"""766 computations on hand-checked counters."""

from chiso.dossiers.services.indicators import fractions, grade, score


def counters(**kw):
    base = dict(total=0, early=0, on_time=0, open=0, online=0, paid_online=0, with_fee=0, late=0)
    base.update(kw)
    return base


def test_fractions_from_counters():
    # 100 received: 60 early, 20 on time, 12 late, 8 open of which 3 past due; 45 online; 30 of 50 paid online.
    c = counters(total=100, early=60, on_time=20, late=12, open=8, online=45, paid_online=30, with_fee=50)
    f = fractions(c, overdue=3)
    assert f["2.1"] == (85, 100)  # 60 + 20 + 5 still in time
    assert f["3.3"] == (45, 100)
    assert f["3.6"] == (30, 50)
    assert f["5.4"] == (85, 100)  # 100 − 12 late − 3 overdue


def test_score_against_target_and_grade():
    assert score("3.3", 45, 100) == 10.8  # 0.45 / 0.5 target × 12 points
    assert score("3.3", 60, 100) == 12.0  # at or over the 50 % target: full points
    assert score("2.1", 85, 100) == 17.0  # no target: ratio × 20
    assert score("5.4", 85, 100) == round(0.85 / 0.9 * 6, 2)
    assert score("3.6", 0, 0) is None
    assert grade(45, 48) == "Xuất sắc" and grade(40, 48) == "Tốt" and grade(20, 48) == "Yếu"
