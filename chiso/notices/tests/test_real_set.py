"""The reader on held-out real DOCX files (tests/data/notices-real): no figure may fall below what was reached.

Same scoring as the dev set (`python bench/notices_eval.py --set real` prints it per document). These files
are of a post-2025 province and come from a source other than the dev set's, so they catch rules that fit
the dev set only. Raise FLOOR when the reader improves; never lower it to make a change pass.
"""

import pytest

from chiso.notices import parse_notice

from .devset import Score, real_documents, score

FLOOR = {"f1": 0.99, "lead": 1.0, "coordinators": 1.0, "deadline": 0.961}


@pytest.fixture(scope="module")
def total():
    docs = list(real_documents())
    assert len(docs) == 5, "the held-out real set is incomplete"
    s = Score()
    for _name, text, gold in docs:
        s = s + score(gold["tasks"], parse_notice(text)["tasks"])
    return s


@pytest.mark.parametrize("figure", sorted(FLOOR))
def test_real_set_figure_holds(total, figure):
    assert round(getattr(total, figure), 3) >= FLOOR[figure], f"{figure} fell on the held-out real set"
