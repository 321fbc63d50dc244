"""766 computations on hand-checked counters: each computed indicator's numerator, denominator and points,
the not-computed ones left out of the maximum, and the grade only with enough of the 100 covered."""

from chiso.dossiers.models import STAT_FIELDS
from chiso.dossiers.services.indicators import INDICATORS, MIN_COVERAGE, fractions, grade, score, summary


def counters(**kw):
    base = {f: 0 for f in STAT_FIELDS}
    base.update(kw)
    return base


# 100 dossiers: 60 early, 20 on time, 12 late, 8 open of which 3 past the deadline; 45 online; 30 of the
# 50 with a fee paid online; 95 with the result in the system; 2 with a complaint or a low rating;
# work days 440 over the 92 completed.
C = counters(
    total=100,
    early=60,
    on_time=20,
    late=12,
    open=8,
    online=45,
    paid_online=30,
    with_fee=50,
    synced=95,
    disliked=2,
    work_days=440,
)
# Per procedure: (online group, has fee, dossiers, online dossiers, paid online)
PROCS = [
    ("toan_trinh", True, 40, 30, 20),
    ("mot_phan", False, 30, 15, 0),
    ("", True, 20, 0, 0),
    ("toan_trinh", False, 10, 0, 0),
]


def test_fractions_from_counters():
    f = fractions(C, overdue=3, procedures=PROCS)
    assert f["1.4"] == (95, 100)
    assert f["2.1"] == (85, 100)  # 60 + 20 + (8 open − 3 overdue)
    assert f["2.2"] == (440, 92)
    assert f["3.1"] == (3, 4)  # three of the four procedures are offered online
    assert f["3.2"] == (2, 3)  # of those, two had an online dossier
    assert f["3.3"] == (45, 100)
    assert f["3.5"] == (1, 2)  # of the two with a fee, one had a dossier paid online
    assert f["3.6"] == (30, 50)
    assert f["5.4"] == (83, 100)  # 100 − 12 late − 3 overdue − 2 complaints/dislikes
    assert "4.2" not in f  # the export had no digitisation columns


def test_digitisation_indicators_when_flags_are_present():
    c = counters(total=100, flags_known=80, e_result=60, digitized=50, reused=70, from_store=20)
    f = fractions(c, overdue=0)
    assert f["4.1"] == (60, 80)
    assert f["4.2"] == (50, 80)
    assert f["4.3"] == (70, 80)
    assert f["4.4"] == (20, 80)


def test_points_against_thresholds():
    assert score("1.4", 95, 100) == 5.7  # 0.95 × 6
    assert score("2.1", 85, 100) == 17.0  # no threshold: 0.85 × 20
    assert score("2.2", 440, 92) is None  # tracked, not scored
    assert score("3.1", 3, 4) == round(0.75 / 0.8 * 4, 2)  # 3.75
    assert score("3.2", 2, 3) == round(2 / 3 * 4, 2)  # 2.67
    assert score("3.3", 45, 100) == 3.6  # 0.45 / 0.5 × 4
    assert score("3.3", 60, 100) == 4.0  # over the 50 % threshold: all 4
    assert score("3.5", 1, 2) == round(0.5 / 0.8 * 5, 2)  # 3.12
    assert score("3.6", 30, 50) == 3.0  # 0.6 × 5
    assert score("4.2", 50, 80) == round(0.625 / 0.8 * 5, 2)  # 3.91
    assert score("4.3", 70, 80) == 5.0  # 87.5 % ≥ 80 %
    assert score("5.4", 83, 100) == round(0.83 / 0.9 * 6, 2)  # 5.53
    assert score("3.6", 0, 0) is None


def test_not_computed_excluded_from_maximum_and_grade_needs_coverage():
    f = fractions(C, overdue=3, procedures=PROCS)
    values = {code: (n, d, n / d if d else None, score(code, n, d)) for code, (n, d) in f.items()}
    s = summary(values)
    # 1.4 (6) + 2.1 (20) + 3.1–3.3 (12) + 3.5–3.6 (10) + 5.4 (6) = 54 points computable without digitisation.
    assert s["max"] == 54
    expected = 5.7 + 17.0 + 3.75 + 2.67 + 3.6 + 3.12 + 3.0 + round(0.83 / 0.9 * 6, 2)
    assert s["points"] == round(expected, 2)
    assert s["grade"] == grade(s["points"], 54) != ""
    groups = {g["code"]: g for g in s["groups"]}
    assert [g["max"] for g in s["groups"]] == [18, 20, 12, 10, 22, 18]
    assert groups["so-hoa"]["computed_max"] == 0 and groups["cong-khai"]["computed_max"] == 6
    # A unit with only 2.1 (20 of 100 points) gets no grade, however good its ratio.
    only = {"2.1": (4, 4, 1.0, score("2.1", 4, 4))}
    assert summary(only)["max"] == 20 and summary(only)["grade"] == ""
    assert MIN_COVERAGE == 50


def test_grade_bands_and_structure():
    assert (
        grade(45, 48) == ""
        and grade(50, 54) == "Xuất sắc"
        and grade(44, 54) == "Tốt"
        and grade(20, 54) == "Yếu"
    )
    assert sum(i.points for i in INDICATORS.values()) == 100
