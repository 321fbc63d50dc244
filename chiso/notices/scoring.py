"""Scoring a reading against gold, with exactly the matching of the shared `tools/score_notice.py`.

A copy, not an import: the suite and the benchmark must run on a fresh clone with nothing beside it.
Kept line-for-line equivalent (normalisation, 14 gold opening words found in order among the first 40
predicted words, >= 0.6 overlap, greedy best pairs first; agencies equal when one contains the other,
a null gold lead accepts anything; deadline = kind, due, start, every). Change it only together with
the shared scorer.
"""

import re
import unicodedata


def norm(text):
    text = unicodedata.normalize("NFC", text or "").casefold()
    text = re.sub(r"[*_`]+", " ", text)
    text = re.sub(r"[^\w/&.-]+", " ", text)
    return " ".join(text.split())


def words(text, n=14):
    return norm(text).split()[:n]


def overlap(gold_words, text):
    pred = norm(text).split()[:40]
    if not gold_words:
        return 0.0
    i = 0
    hits = 0
    for w in gold_words:
        try:
            i = pred.index(w, i) + 1
            hits += 1
        except ValueError:
            continue
    return hits / len(gold_words)


def same_agency(a, b):
    a, b = norm(a), norm(b)
    if not a or not b:
        return a == b
    return a == b or a in b or b in a


def agency_set_f1(gold, pred):
    gold = [g for g in gold or [] if norm(g)]
    pred = [p for p in pred or [] if norm(p)]
    if not gold and not pred:
        return 1.0
    matched = sum(1 for g in gold if any(same_agency(g, p) for p in pred))
    precise = sum(1 for p in pred if any(same_agency(g, p) for g in gold))
    if not matched or not precise:
        return 0.0
    r, p = matched / len(gold), precise / len(pred)
    return 2 * p * r / (p + r)


def deadline_ok(gold, pred):
    gold = gold or {}
    pred = pred or {}
    gk = gold.get("kind") or "none"
    pk = pred.get("kind") or "none"
    kind_ok = pk != "none" if gk == "other" else gk == pk  # a gold 'other' matches any kind
    fields_ok = all((gold.get(f) or None) == (pred.get(f) or None) for f in ("due", "start", "every"))
    return kind_ok and fields_ok


def text_of(task):
    return task.get("text") or task.get("task") or ""


def match(gold_tasks, pred_tasks):
    """{gold index: predicted index}, greedy on the best overlap first."""
    pairs = []
    for gi, g in enumerate(gold_tasks):
        gw = words(g.get("task"))
        for pi, p in enumerate(pred_tasks):
            s = overlap(gw, text_of(p))
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
        if g.get("lead") is None or same_agency(g.get("lead"), p.get("lead")):
            lead += 1
        elif misses is not None:
            misses.append(f"lead     {g.get('ref')} {quote!r}: gold {g.get('lead')!r} got {p.get('lead')!r}")
        c = agency_set_f1(g.get("coordinators"), p.get("coordinators"))
        coord += c
        if c < 1.0 and misses is not None:
            misses.append(
                f"coord    {g.get('ref')} {quote!r}: gold {g.get('coordinators')} got {p.get('coordinators')}"
            )
        if deadline_ok(g.get("deadline"), p.get("deadline")):
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
                misses.append(f"extra    {p.get('ref')} {text_of(p)[:80]!r}")
    return Score(len(gold_tasks), len(pred_tasks), len(pairs), lead, coord, dl)
