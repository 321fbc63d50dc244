"""The reader on the real dev set (tests/data/notices-dev): no figure may fall below what was reached.

The figures are the micro averages that `python bench/notices_eval.py` prints, with the shared
scorer's matching. Raise FLOOR when the reader improves; never lower it to make a change pass.
"""

import pytest

from chiso.notices import parse_notice

from .devset import Score, documents, score

FLOOR = {"f1": 0.952, "lead": 0.987, "coordinators": 0.967, "deadline": 0.98}


@pytest.fixture(scope="module")
def total():
    docs = list(documents())
    assert len(docs) == 22, "the dev set is incomplete"
    s = Score()
    for _name, body, gold in docs:
        s = s + score(gold["tasks"], parse_notice(body)["tasks"])
    return s


@pytest.mark.parametrize("figure", sorted(FLOOR))
def test_dev_set_figure_holds(total, figure):
    assert round(getattr(total, figure), 3) >= FLOOR[figure], f"{figure} fell on the dev set"
