"""The dev set (tests/data/notices-dev) and its scoring, for bench/notices_eval.py and test_dev_set.py.

The matching and field tests are those of the project's scorer, `tests/data/score_notice.py` (a
verbatim copy of shared/tools/score_notice.py), loaded by path: one source for how a reading is
scored. This module only pairs and sums the way that scorer's main() does, per document and micro-averaged.
"""

import importlib.util
import json

from chiso.notices import read_notice_file_ex

from .makers import DATA, SCORER

DEV = DATA / "notices-dev"
# Held-out real files (DOCX as published, not text): documents of a post-2025 province from a source
# other than the dev set's two repositories, read through the same file reader users upload to.
REAL = DATA / "notices-real"


def _load_scorer():
    spec = importlib.util.spec_from_file_location("score_notice", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


sn = _load_scorer()


def documents(only=None):
    """(name, text without the '# source:' line, gold) for every dev document, in order."""
    for txt in sorted(DEV.glob("[0-9][0-9]_*.txt")):
        if only and not any(txt.name.startswith(o) for o in only):
            continue
        body = txt.read_text(encoding="utf-8").split("\n", 1)[1]
        gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))
        yield txt.stem, body, gold


def real_documents(only=None):
    """(name, text read from the file, gold) for every held-out real file (notices-real), in order."""
    for path in sorted(REAL.glob("[0-9][0-9]_*.docx")):
        if only and not any(path.name.startswith(o) for o in only):
            continue
        text, _warnings = read_notice_file_ex(str(path))
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        yield path.stem, text, gold


def match(gold_tasks, pred_tasks):
    """{gold index: predicted index}: score_notice.main()'s greedy pairing, best overlap first."""
    pairs = []
    for gi, g in enumerate(gold_tasks):
        gw = sn.words(g.get("task"))
        for pi, p in enumerate(pred_tasks):
            s = sn.overlap(gw, sn.text_of(p))
            if s >= 0.6:
                pairs.append((s, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, matched = set(), set(), {}
    for _s, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched[gi] = pi
    return matched


class Score:
    """Counts for one document or a micro-average over several (add them with +)."""

    def __init__(self, gold=0, predicted=0, matched=0, lead=0.0, coordinators=0.0, deadline=0.0):
        self.gold, self.predicted, self.matched = gold, predicted, matched
        self.lead_sum, self.coord_sum, self.deadline_sum = lead, coordinators, deadline

    def __add__(self, other):
        return Score(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.matched + other.matched,
            self.lead_sum + other.lead_sum,
            self.coord_sum + other.coord_sum,
            self.deadline_sum + other.deadline_sum,
        )

    @property
    def precision(self):
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self):
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def _over_matched(self, total):
        return total / self.matched if self.matched else 0.0

    @property
    def lead(self):
        return self._over_matched(self.lead_sum)

    @property
    def coordinators(self):
        return self._over_matched(self.coord_sum)

    @property
    def deadline(self):
        return self._over_matched(self.deadline_sum)


def score(gold_tasks, pred_tasks, misses=None):
    """Score of one reading; with a list as `misses`, every miss is appended to it as a line."""
    pairs = match(gold_tasks, pred_tasks)
    lead = coord = dl = 0.0
    for gi, pi in pairs.items():
        g, p = gold_tasks[gi], pred_tasks[pi]
        quote = (g.get("task") or "")[:60]
        if g.get("lead") is None or sn.same_agency(g.get("lead"), p.get("lead")):
            lead += 1
        elif misses is not None:
            misses.append(f"lead     {g.get('ref')} {quote!r}: gold {g.get('lead')!r} got {p.get('lead')!r}")
        c = sn.agency_set_f1(g.get("coordinators"), p.get("coordinators"))
        coord += c
        if c < 1.0 and misses is not None:
            misses.append(
                f"coord    {g.get('ref')} {quote!r}: gold {g.get('coordinators')} got {p.get('coordinators')}"
            )
        if sn.deadline_ok(g.get("deadline"), p.get("deadline")):
            dl += 1
        elif misses is not None:
            gd, pd = g.get("deadline") or {}, p.get("deadline") or {}
            misses.append(
                f"deadline {g.get('ref')} {quote!r}: gold {gd.get('kind')} due={gd.get('due')} "
                f"start={gd.get('start')} every={gd.get('every')} got {pd.get('kind')} due={pd.get('due')} "
                f"start={pd.get('start')} every={pd.get('every')} ({pd.get('text')!r})"
            )
    if misses is not None:
        used = set(pairs.values())
        for gi, g in enumerate(gold_tasks):
            if gi not in pairs:
                misses.append(f"missed   {g.get('ref')} {(g.get('task') or '')[:80]!r}")
        for pi, p in enumerate(pred_tasks):
            if pi not in used:
                misses.append(f"extra    {p.get('ref')} {sn.text_of(p)[:80]!r}")
    return Score(len(gold_tasks), len(pred_tasks), len(pairs), lead, coord, dl)
