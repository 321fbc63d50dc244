"""Finding agencies and groups of agencies from names as written in documents.

Plain Python (no Django) so that the notice parser can use the demo registry without a database;
`registry.services.gazetteer_from_db()` builds the same object from the database.
"""

from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from .names import clean, expand, strip_diacritics


@dataclass
class AgencyEntry:
    id: int
    code: str
    name: str
    kind: str
    aliases: list = field(default_factory=list)
    parent_id: int | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    def valid_on(self, on):
        if on is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


@dataclass
class GroupEntry:
    code: str
    name: str
    kinds: list
    aliases: list = field(default_factory=list)
    member_ids: list = field(default_factory=list)


@dataclass
class Candidate:
    agency_ids: list
    codes: list
    name: str
    confidence: float
    is_group: bool
    key: str


# Words that add nothing to which agency is meant: "tỉnh" in "Văn phòng UBND tỉnh", the leading
# "các" of a group, the title of the head ("Giám đốc Sở ...").
_NOISE_PREFIXES = ("thủ trưởng ", "giám đốc ", "chủ tịch ", "người đứng đầu ", "lãnh đạo ")


def _variants(text):
    """Keys a written name may be compared by, most faithful first."""
    key = expand(text)
    for prefix in _NOISE_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
    out = [key]
    if key.endswith(" tỉnh"):
        out.append(key[: -len(" tỉnh")])
    return out


class Gazetteer:
    def __init__(self, agencies, groups=(), province_names=()):
        self.agencies = {a.id: a for a in agencies}
        self.groups = list(groups)
        # "Sở Nội vụ tỉnh Bình Thuận" and "Sở Nội vụ" are the same agency inside one province.
        self._province_suffixes = [" tỉnh " + expand(p) for p in province_names] + [
            " " + expand(p) for p in province_names
        ]
        self._exact = {}
        self._folded = {}
        for entry in list(self.agencies.values()) + self.groups:
            for name in [entry.name, *entry.aliases]:
                for key in self._keys(name):
                    self._exact.setdefault(key, []).append(entry)
                    self._folded.setdefault(strip_diacritics(key), []).append(entry)

    def _keys(self, name):
        keys = []
        for key in _variants(name):
            keys.append(key)
            for suffix in self._province_suffixes:
                if key.endswith(suffix):
                    keys.append(key[: -len(suffix)])
        return keys

    def members(self, group, on=None):
        ids = [a.id for a in self.agencies.values() if a.kind in group.kinds and a.valid_on(on)]
        ids += [
            i
            for i in group.member_ids
            if i in self.agencies and self.agencies[i].valid_on(on) and i not in ids
        ]
        return ids

    def _candidate(self, entry, confidence, on, judge_date=True):
        if isinstance(entry, GroupEntry):
            ids = self.members(entry, on)
            codes = [self.agencies[i].code for i in ids]
            return Candidate(ids, codes, entry.name, confidence, True, entry.code)
        if judge_date and not entry.valid_on(on):
            # A name of a unit that no longer (or not yet) exists is still worth proposing, lower.
            confidence *= 0.5
        return Candidate([entry.id], [entry.code], entry.name, confidence, False, entry.code)

    def find(self, name, on=None, limit=5, judge_date=True):
        """Candidates for a name as written, best first, each with a confidence in 0..1.

        judge_date=False scores the name alone (the caller follows successions itself).
        """
        if not clean(name):
            return []
        scored = {}

        def offer(entry, confidence):
            key = entry.code
            if key not in scored or scored[key][1] < confidence:
                scored[key] = (entry, confidence)

        keys = self._keys(name)
        for key in keys:
            for entry in self._exact.get(key, []):
                offer(entry, 1.0)
            for entry in self._folded.get(strip_diacritics(key), []):
                # Without diacritics "Hòa" and "Hóa" collide, so it is a little less sure.
                offer(entry, 0.9)
        if not scored:
            folded_query = strip_diacritics(keys[0])
            query_words = set(folded_query.split())
            for entry in list(self.agencies.values()) + self.groups:
                best = 0.0
                for alias in [entry.name, *entry.aliases]:
                    for key in self._keys(alias):
                        folded = strip_diacritics(key)
                        if f" {folded} " in f" {folded_query} ":
                            # The query names the agency inside a longer phrase.
                            best = max(best, 0.6 + 0.3 * len(folded) / max(len(folded_query), 1))
                            continue
                        words = set(folded.split())
                        if not words & query_words:
                            continue
                        ratio = SequenceMatcher(None, folded, folded_query).ratio()
                        best = max(best, 0.8 * ratio)
                if best >= 0.5:
                    offer(entry, round(best, 3))
        candidates = [self._candidate(entry, conf, on, judge_date) for entry, conf in scored.values()]
        candidates.sort(key=lambda c: (-c.confidence, c.is_group, c.name))
        return candidates[:limit]

    def exact(self, name):
        """Entries whose name or alias is exactly `name` (after normalising), without fuzzy matching."""
        out = []
        for key in self._keys(name):
            out += [e for e in self._exact.get(key, []) if isinstance(e, AgencyEntry)]
        return list({e.id: e for e in out}.values())

    def best(self, name, on=None, threshold=0.75):
        found = self.find(name, on=on, limit=1)
        return found[0] if found and found[0].confidence >= threshold else None
