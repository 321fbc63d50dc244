"""Which agency a name or an address means on a date, and who carries an ended unit's work on a date.

The one service the dossier importer, survey answers and notices call for a unit written by hand:

    resolve_unit("Xã Quảng Tâm - Thành phố Thanh Hóa - Tỉnh Thanh Hóa", on=date(2026, 3, 2))
    resolve_unit("P. Đức Long, TP Phan Thiết", on=date(2024, 5, 6))
    resolve_unit("phường Phan Thiết", on=date(2026, 1, 5))

The leftmost part of an address is the unit, the parts after it (district, province) narrow the
candidates. A unit that no longer exists on the date is followed along its successions to the unit
valid then (successor_on): for a split, the successor whose share matches the topic (a procedure's
field, "bảo trợ xã hội"), else the main one; when a split has no main successor (a district whose
territory went to several communes) the result says so and lists them.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .names import clean, search_key, strip_diacritics

# Written forms of the kinds of administrative units, longest first, → the full word.
_KIND_WORDS = [
    ("thành phố", "thành phố"),
    ("thị trấn", "thị trấn"),
    ("thị xã", "thị xã"),
    ("đặc khu", "đặc khu"),
    ("phường", "phường"),
    ("huyện", "huyện"),
    ("quận", "quận"),
    ("tỉnh", "tỉnh"),
    ("xã", "xã"),
    ("tp", "thành phố"),
    ("tx", "thị xã"),
    ("tt", "thị trấn"),
    ("p", "phường"),
    ("q", "quận"),
    ("h", "huyện"),
    ("x", "xã"),
]
_KIND_RE = re.compile(
    r"^(?:ubnd\s+|ủy ban nhân dân\s+)?(%s)\s*\.?\s+(.+)$" % "|".join(w for w, _ in _KIND_WORDS)
)
_FULL = dict(_KIND_WORDS)


@dataclass
class Resolution:
    agency: object | None  # the unit valid on the date (None when a split leaves it open)
    named: object  # the unit the text names
    confidence: float
    alternatives: list = field(default_factory=list)  # successors to choose from when open
    note: str = ""


def _split_kind(part):
    """("phường", "Đức Long") for "P. Đức Long"; (None, text) when no kind is written."""
    text = clean(part)
    match = _KIND_RE.match(text)
    if match:
        return _FULL[match.group(1)], match.group(2)
    return None, text


def _parts(text):
    return [p.strip() for p in re.split(r"\s+[-–]\s+|[,;]", text or "") if p.strip()]


def _bare_key(text):
    kind, bare = _split_kind(text)
    return strip_diacritics(bare).lower()


def _ancestor_keys(agency):
    keys = []
    node = agency.parent
    while node is not None:
        keys.append(_bare_key(re.sub(r"^Ủy ban nhân dân\s+", "", node.name)))
        node = node.parent
    return keys


def successor_on(agency, day, topic=""):
    """(agency valid on `day` carrying `agency`'s work, [alternatives]); (None, [...]) when open."""
    from .models import Succession

    current, seen = agency, set()
    while current is not None and not current.valid_on(day):
        if current.pk in seen:
            break
        seen.add(current.pk)
        links = list(
            Succession.objects.filter(predecessor=current, date__lte=day).select_related("successor")
        )
        if not links:
            return None, []
        chosen = None
        if topic:
            words = set(search_key(topic).split())
            scored = [
                (len(words & set(search_key(link.share).split())), link) for link in links if link.share
            ]
            scored = [s for s in scored if s[0] > 0]
            if scored:
                chosen = max(scored, key=lambda s: s[0])[1]
        if chosen is None:
            mains = [link for link in links if link.main]
            if not mains:
                return None, [link.successor for link in links]
            chosen = mains[0]
        current = chosen.successor
    return current, []


def resolve_unit(text, on=None, topic="", kinds=None):
    """The Resolution of a unit's name or address on a date, or None when nothing matches."""
    from datetime import date

    from . import province
    from .models import Agency
    from .services import gazetteer_from_db

    on = on or date.today()
    parts = _parts(text)
    if not parts:
        return None
    # Peel the location parts (district, province) off the right; what is left names the unit.
    context = []
    while len(parts) > 1 and _split_kind(parts[-1])[0] is not None:
        context.insert(0, parts.pop())
    unit_text = " - ".join(parts)
    kind, bare = _split_kind(unit_text)
    queries = [f"Ủy ban nhân dân {kind} {bare}", f"{kind} {bare}"] if kind else [unit_text]
    gazetteer = gazetteer_from_db()
    found = {}
    # Exact names first, under the written kind and then under the others ("Xã Quảng Tâm" of an
    # export is now "phường Quảng Tâm"); spelling-tolerant matching only when nothing is exact.
    kinds_to_try = [kind] + sorted({k for _w, k in _KIND_WORDS} - {kind}) if kind else []
    for other in kinds_to_try:
        for entry in gazetteer.exact(f"Ủy ban nhân dân {other} {bare}") + gazetteer.exact(f"{other} {bare}"):
            found.setdefault(entry.id, 1.0)
    if not found:
        wanted_bare = strip_diacritics(bare).lower()
        for query in queries:
            for candidate in gazetteer.find(query, on=on, limit=50, judge_date=False):
                if candidate.is_group:
                    continue
                # "UBND xã …" is common to every commune: the place name itself must be close.
                their_bare = _bare_key(re.sub(r"^ủy ban nhân dân\s+", "", clean(candidate.name)))
                if kind and SequenceMatcher(None, their_bare, wanted_bare).ratio() < 0.8:
                    continue
                found.setdefault(candidate.agency_ids[0], candidate.confidence)
    if not found:
        return None
    agencies = Agency.objects.select_related("parent__parent").in_bulk(list(found))
    if kinds:
        agencies = {k: a for k, a in agencies.items() if a.kind in kinds}
    if not agencies:
        return None
    wanted = [_bare_key(c) for c in context]
    home_ubnd = province.ubnd(on)
    home_name = province.name(on)

    def at_home(agency):
        node = agency
        while node.parent_id is not None and node.parent is not None:
            node = node.parent
        return node == home_ubnd or (
            home_name and agency.parent_id is None and agency.name.endswith(home_name)
        )

    def score(agency):
        value = found[agency.pk]
        if home_ubnd is not None and not at_home(agency) and not wanted:
            value *= 0.9  # without a location written, the installation's own province first
        written_kind = _split_kind(re.sub(r"^Ủy ban nhân dân\s+", "", agency.name))[0]
        if kind and written_kind not in (kind, None):
            # Exports keep a unit's old kind ("Xã Quảng Tâm" became a phường): a smaller doubt than
            # a unit of another district.
            value *= 0.8
        if wanted and not all(w in _ancestor_keys(agency) for w in wanted):
            value *= 0.6
        return round(value, 3)

    scores = {a.pk: score(a) for a in agencies.values()}
    # Best match first; between equals, the unit valid on the date.
    ranked = sorted(agencies.values(), key=lambda a: (-scores[a.pk], not a.valid_on(on), a.name))
    named = ranked[0]
    confidence = scores[named.pk]
    if len([a for a in ranked if a.valid_on(on) == named.valid_on(on) and scores[a.pk] == confidence]) > 1:
        confidence *= 0.6  # two units of the same name and no context to tell them apart
    if named.valid_on(on):
        return Resolution(named, named, round(confidence, 3))
    if named.valid_from and on < named.valid_from:
        # A new unit's name on an earlier date (exports rename old records): the units it was formed from.
        earlier = [link.predecessor for link in named.successions_in.select_related("predecessor")]
        earlier = [a for a in earlier if a.valid_on(on)]
        note = f"{named.name} thành lập từ {named.valid_from:%d/%m/%Y}; tại ngày {on:%d/%m/%Y} "
        if len(earlier) == 1:
            return Resolution(earlier[0], named, round(confidence, 3), [], note + f"là {earlier[0].name}.")
        note += (
            "là một trong các đơn vị hợp thành." if earlier else "chưa có đơn vị tương ứng trong danh mục."
        )
        return Resolution(None, named, round(confidence, 3), earlier, note)
    successor, alternatives = successor_on(named, on, topic)
    if successor is None:
        note = f"{named.name} không còn hoạt động tại ngày {on:%d/%m/%Y}; " + (
            "chọn một trong các đơn vị kế thừa." if alternatives else "chưa có đơn vị kế thừa trong danh mục."
        )
        return Resolution(None, named, round(confidence, 3), alternatives, note)
    note = f"{named.name} → {successor.name} (kế thừa tại ngày {on:%d/%m/%Y})"
    return Resolution(successor, named, round(confidence, 3), [], note)
