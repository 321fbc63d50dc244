"""Importing one-stop dossier exports (CSV or XLSX): validated whole, staged, then upserted at once.

Every row is checked in Python and written to a temporary stage table; any bad row (or a code twice in
the file) rejects the whole file with row/column messages and nothing is written, because all of it
runs in one transaction. Then one INSERT … ON CONFLICT(code) DO UPDATE moves the stage into the dossier
table (re-importing an overlapping export updates, never duplicates) and the summary tables are
rebuilt for the months the file touched, old and new. The hot loop avoids the ORM: tens of thousands
of rows a second, memory bounded by the batch size.
"""

import csv
import io
import logging
import os
import time
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from operator import itemgetter

from django.db import connection, transaction
from django.utils import timezone

from chiso.core.audit import record
from chiso.core.uploads import control_character, has_control
from chiso.registry.services import work_calendar

from ..models import (
    AP_IMPROPER,
    AP_PROPER,
    LATE,
    OPEN,
    ColumnMapping,
    ImportRun,
    Procedure,
)
from . import classify, indicators
from .calendar_index import CalendarIndex
from .columns import (
    CHANNEL_WORDS,
    FIELDS,
    HEADER_SCAN_ROWS,
    STATUS_ENDINGS,
    SYNONYMS,
    YES,
    DateReader,
    locate_header,
    match_columns,
)
from .stats import rebuild_stats

BATCH = 5000
SQLITE_BATCH = (
    20_000  # stage rows per TEMP transaction on SQLite (fewer commits; 20k measured 0.2 s faster at 1M)
)
log = logging.getLogger("chiso.dossiers.import")
MAX_ERRORS = 200
FIRST_YEAR, LAST_YEAR = 2010, 2035
STAGE_COLUMNS = [
    "rownum",
    "code",
    "procedure_id",
    "agency_id",
    "receiving_agency_id",
    "applicant",
    "channel",
    "received",
    "due",
    "completed",
    "returned",
    "received_min",
    "due_min",
    "completed_min",
    "supplements",
    "supplement_days",
    "ended",
    "deadline",
    "e_result",
    "digitized",
    "reused",
    "from_store",
    "complaint",
    "online_payment",
    "rating",
    "apology_date",
    "new_due",
    "outcome",
    "apology_state",
    "work_days",
    "stat_day",
    "stat_month",
]
MOVED = STAGE_COLUMNS[2:]
# Rebuilt after a large move instead of being updated row by row (must match Dossier.Meta.indexes).
SECONDARY_INDEXES = {
    "dossier_agency_day": "agency_id, stat_day",
    "dossier_outcome_due": "outcome, due",
    "dossier_stat_month": "stat_month",
}
BULK_ROWS = 100_000


class ImportFailed(Exception):
    def __init__(
        self, errors, total=None, message="Tệp bị từ chối, không có hồ sơ nào được ghi.", unmatched=()
    ):
        super().__init__(message)
        self.errors = errors
        self.unmatched = list(unmatched)  # procedure names the catalogue lacks
        self.total = total if total is not None else len(errors)

    def lines(self):
        out = [f"{self.args[0]} {self.total} lỗi."]
        for e in self.errors:
            where = f"dòng {e['row']}" if e.get("row") else "tệp"
            out.append(
                f"  {e['file']}, {where}{', cột “' + e['column'] + '”' if e.get('column') else ''}: {e['message']}"
            )
        if self.total > len(self.errors):
            out.append(f"  … và {self.total - len(self.errors)} lỗi khác.")
        return out


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    procedures_created: int = 0
    months: list = field(default_factory=list)
    run_id: int = None


_calendar_cache = {}


def calendar_index():
    cal = work_calendar()
    found = _calendar_cache.get(id(cal))
    if found is None or found[0] is not cal:
        _calendar_cache.clear()
        found = (cal, CalendarIndex(cal, FIRST_YEAR - 1, LAST_YEAR + 1))
        _calendar_cache[id(cal)] = found
    return found[1]


def count_rows(path):
    if str(path).lower().endswith(".xlsx"):
        return None
    with open(path, "rb") as f:
        return max(0, sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1)


def open_rows(path, file_name):
    """(every row, as an iterator) for a CSV (UTF-8, comma or semicolon) or the first sheet of an XLSX."""
    if str(file_name).lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
            rows = book.worksheets[0].iter_rows(values_only=True)
        except Exception:
            raise ImportFailed([_err(file_name, None, None, "không đọc được tệp Excel (.xlsx)")])
        return ([("" if v is None else v) for v in row] for row in rows)
    raw = open(path, "rb") if isinstance(path, (str, os.PathLike)) else path
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="", errors="strict")
    sample = text.read(8192)
    text.seek(0)
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return csv.reader(text, delimiter=delimiter)


def _err(file_name, row, column, message):
    return {"file": file_name, "row": row, "column": column, "message": message}


@dataclass
class Layout:
    """Where the dossiers start in a file and which column holds each field."""

    first_row: int  # 1-based number of the first data row
    index: dict  # field -> column index or None
    names: list  # header text per column, as written (two rows joined with " / ")
    leading: list  # the rows read ahead that are data, to be processed before the rest


def read_layout(rows, mapping, file_name):
    """Find the header under title rows (one or two rows), map its columns, or reject the file."""
    saved = {}
    if mapping:
        found = ColumnMapping.objects.filter(name=mapping).first()
        if found is None:
            raise ImportFailed([_err(file_name, None, None, f"không có ánh xạ cột tên “{mapping}”")])
        saved = found.columns
    head = []
    for row in rows:
        head.append(row)
        if len(head) >= HEADER_SCAN_ROWS + 1:
            break
    if not head or not any(str(v).strip() for r in head for v in r):
        raise ImportFailed([_err(file_name, None, None, "tệp rỗng, không có dòng tiêu đề")])
    at, height, labels, names, _score = locate_header(head)
    index = match_columns(labels, saved)
    errors = []
    for name, (default, required) in FIELDS.items():
        if name not in index:
            index[name] = None
            if required and not (name == "agency" and "receiving_agency" in index):
                wanted = saved.get(name) or default
                alternatives = ", ".join(f"“{w}”" for w in SYNONYMS[name][:4])
                errors.append(
                    _err(file_name, at + 1, wanted, f"thiếu cột bắt buộc “{wanted}” (hoặc {alternatives})")
                )
    if index["procedure_code"] is None and index["procedure_name"] is None:
        errors.append(_err(file_name, at + 1, "Mã thủ tục", "thiếu cột mã thủ tục hoặc tên thủ tục"))
    if errors:
        shown = ", ".join(f"“{h}”" for h in names if str(h).strip())
        raise ImportFailed(
            errors + [_err(file_name, at + 1, None, f"dòng tiêu đề tìm thấy ở dòng {at + 1}: {shown}")]
        )
    if index["agency"] is None and index["receiving_agency"] is not None:
        # Commune-level books name only the receiving unit, which is also the one that settles the dossier.
        index["agency"] = index["receiving_agency"]
    first = at + height
    leading = head[first:]
    # Under the header: sub-header cells of merged columns and a numbering row ("(1) (2) (3) …"), which are
    # part of the form, not dossiers.
    code_at = index["code"]
    while leading and (
        all(not str(v).strip() or str(v).strip().strip("()").isdigit() for v in leading[0])
        or (code_at < len(leading[0]) and not str(leading[0][code_at]).strip())
    ):
        leading, first = leading[1:], first + 1
    return Layout(first_row=first + 1, index=index, names=names, leading=leading)


def _location_parts(text):
    """'Xã Quảng Tâm - Thành phố Thanh Hóa - Tỉnh Thanh Hóa' -> ['Xã Quảng Tâm', 'Thành phố Thanh Hóa', …]."""
    for sep in (" - ", " – ", ">", "/"):
        if sep in text:
            return [p.strip() for p in text.split(sep) if p.strip()]
    return [text.strip()]


class AgencyResolver:
    """The handling unit named by an export (a name or a location path) as it was on the receipt date.

    Uses the registry's gazetteer as lookup(name, on=day) does (validity dates), the parent named further along a location
    path to choose between namesakes, and the registry's successions: a unit that had ended by the day is
    replaced by the successor valid then. Results are cached per name and per stretch of days between the
    candidates' validity changes, so a million rows make a handful of look-ups.
    """

    def __init__(self):
        from chiso.registry.models import Agency, Succession
        from chiso.registry.services import gazetteer_from_db

        self.agencies = {a.pk: a for a in Agency.objects.all()}
        self.gazetteer = gazetteer_from_db()
        self.links = {}
        for link in Succession.objects.all():
            self.links.setdefault(link.predecessor_id, []).append(link)
        bounds = set()
        for a in self.agencies.values():
            if a.valid_from:
                bounds.add(a.valid_from.toordinal())
            if a.valid_to:
                bounds.add(a.valid_to.toordinal() + 1)
        for links in self.links.values():
            bounds.update(link.date.toordinal() for link in links)
        self.bounds = sorted(bounds)
        self.cache = {}

    def __call__(self, text, day, field=""):
        key = (text, bisect_right(self.bounds, day))
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._resolve(text, date.fromordinal(day))
        if found.__class__ is int:
            return found
        if found.__class__ is ValueError:
            raise found
        return self._split(found, field)

    @staticmethod
    def _split(successors, field):
        """A unit split between successors (each with its share, e.g. "bảo trợ xã hội"): the one whose share
        names the procedure's field, else the one with no share written (the remainder)."""
        from chiso.registry.names import strip_diacritics

        wanted = strip_diacritics(field.lower()) if field else ""
        rest = None
        for share, main, agency_id in successors:
            words = strip_diacritics((share or "").lower())
            if wanted and words and (wanted in words or words in wanted):
                return agency_id
            if rest is None and (main or not words):
                rest = agency_id  # the main successor keeps what no share names
        if rest is not None:
            return rest
        raise ValueError(
            f"đơn vị đã chia tách cho nhiều đơn vị kế thừa; lĩnh vực “{field}” không khớp phần giao nào"
        )

    def _valid(self, agency, on):
        return agency.valid_on(on)

    def _successors(self, agency, on, share="", main=True, seen=()):
        """[(share, main, unit)] valid on `on` that carry on `agency`'s work (following chains)."""
        if self._valid(agency, on):
            return [(share, main, agency)]
        found = []
        for link in self.links.get(agency.pk, []):
            nxt = self.agencies.get(link.successor_id)
            if link.date <= on and nxt is not None and nxt.pk not in seen:
                further = self._successors(
                    nxt, on, link.share or share, main and link.main, (*seen, agency.pk)
                )
                for triple in further:
                    if triple[2] not in [a for _s, _m, a in found]:
                        found.append(triple)
        return found

    def _lookup(self, name, on, limit=8):
        """registry.services.lookup(name, on=day) without its database query: no other query may run on
        the connection while PostgreSQL's COPY is open, and the agencies are loaded already."""
        return [
            (c, [self.agencies[i] for i in c.agency_ids if i in self.agencies])
            for c in self.gazetteer.find(name, on=on, limit=limit)
        ]

    def _resolve(self, text, on):
        text = " ".join(str(text).split())
        if not text:
            return ValueError("thiếu cơ quan giải quyết")
        parts = _location_parts(text)
        attempts = [text] if len(parts) == 1 else [parts[0], text]
        for name in attempts:
            candidates = [
                (c.confidence * (1 if c.is_group is False else 0), agency)
                for c, agencies in self._lookup(name, on)
                for agency in agencies[:1]
                if not c.is_group
            ]
            # A unit's own full name (or alias) as written beats a namesake matched with the province dropped.
            wanted = name.lower()
            candidates = [
                (conf + (0.3 if wanted in [n.lower() for n in (agency.name, *agency.aliases)] else 0), agency)
                for conf, agency in candidates
            ]
            if len(parts) > 1:
                candidates = [
                    (conf + (0.2 if self._under(agency, parts[1:]) else 0), agency)
                    for conf, agency in candidates
                ]
            candidates.sort(key=lambda pair: -pair[0])
            for confidence, agency in candidates:
                # lookup halves the confidence of a unit not valid on the day: judge the name, then the date.
                named = confidence if self._valid(agency, on) else 2 * confidence
                if named < 0.75:
                    continue
                current = self._successors(agency, on)
                if len(current) == 1:
                    return current[0][2].pk
                if current:
                    return tuple((share, main, a.pk) for share, main, a in current)
                return ValueError(
                    f"“{text}”: {agency.name} không còn hoạt động ngày {on:%d/%m/%Y} và chưa có đơn vị kế thừa"
                )
        return ValueError(f"không nhận ra cơ quan “{text}” trong danh mục (ngày {on:%d/%m/%Y})")

    def _under(self, agency, places):
        """Whether the places further along a path name the unit's parents (district, province)."""
        from chiso.registry.names import strip_diacritics

        chain, parent = [], self.agencies.get(agency.parent_id)
        while parent is not None and len(chain) < 4:
            chain.append(strip_diacritics(parent.name.lower()))
            parent = self.agencies.get(parent.parent_id)
        if not chain:
            return False
        for place in places[:1]:  # the nearest level named (a province name is shared by every namesake)
            words = strip_diacritics(place.lower())
            for prefix in ("tinh ", "thanh pho ", "huyen ", "thi xa ", "quan ", "tp. ", "tp "):
                if words.startswith(prefix):
                    words = words[len(prefix) :]
                    break
            if any(words and words in name for name in chain):
                return True
        return False


def procedure_key(name):
    return " ".join(
        unicodedata.normalize("NFC", str(name)).lower().replace("“", '"').replace("”", '"').split()
    )


class ProcedureResolver:
    """Procedure code -> id, or name -> id against the catalogue when the export has no code.

    Unknown codes get a provisional negative id and are added to the catalogue after staging (no other
    query may run on the connection while PostgreSQL's COPY is open). Unknown names are not guessed: they
    are listed (with how many dossiers each) so the user can add them to the catalogue in one step.
    """

    def __init__(self):
        rows = list(Procedure.objects.values_list("code", "id", "name", "days"))
        self.field = dict(Procedure.objects.values_list("id", "field"))
        self.cache = {code: pk for code, pk, _n, _d in rows}
        self.by_name = {}
        for _code, pk, name, _d in rows:
            self.by_name.setdefault(procedure_key(name), pk)
        self.same_day = {pk for _c, pk, _n, days in rows if days == 0}
        self.new = {}
        self.unmatched = {}

    @property
    def created(self):
        return len(self.new)

    def __call__(self, code, name):
        if code:
            pk = self.cache.get(code)
            if pk is None:
                if len(code) > 60:
                    raise ValueError("mã thủ tục dài quá 60 ký tự")
                pk = -(len(self.new) + 1)
                self.new[code] = (pk, (name or code)[:500])
                self.cache[code] = pk
            return pk
        if not name:
            raise ValueError("thiếu mã thủ tục và tên thủ tục")
        pk = self.by_name.get(procedure_key(name))
        if pk is None:
            key = " ".join(name.split())
            self.unmatched[key] = self.unmatched.get(key, 0) + 1
            return 0
        return pk

    def create(self, cursor, mark):
        for code, (provisional, name) in self.new.items():
            pk = Procedure.objects.create(code=code, name=name).pk
            cursor.execute(
                f"UPDATE dossier_stage SET procedure_id = {mark} WHERE procedure_id = {mark}",
                (pk, provisional),
            )


def add_procedures(names, user=None):
    """Add procedures known only by name to the catalogue (the "add them" step after an import listed
    them); each gets a provisional code to be replaced by the national code later. Returns how many."""
    import hashlib

    known = {procedure_key(n) for n in Procedure.objects.values_list("name", flat=True)}
    added = 0
    for name in names:
        name = " ".join(str(name).split())[:500]
        if not name or procedure_key(name) in known:
            continue
        code = "CHUA-MA-" + hashlib.sha1(procedure_key(name).encode()).hexdigest()[:10].upper()
        _proc, created = Procedure.objects.get_or_create(code=code, defaults={"name": name})  # audited
        if created:
            added += 1
            known.add(procedure_key(name))
    return added


def _stage_table(cursor, vendor):
    cursor.execute("DROP TABLE IF EXISTS dossier_stage")
    key = "code VARCHAR(60) PRIMARY KEY" if vendor == "sqlite" else "code VARCHAR(60)"
    tail = " WITHOUT ROWID" if vendor == "sqlite" else ""
    dup = ", dup_row INTEGER" if vendor == "sqlite" else ""
    cursor.execute(f"""CREATE TEMP TABLE dossier_stage (rownum INTEGER, {key}, procedure_id BIGINT, agency_id BIGINT,
        receiving_agency_id BIGINT, applicant VARCHAR(300) DEFAULT '', channel SMALLINT, received DATE, due DATE,
        completed DATE, returned DATE, received_min SMALLINT, due_min SMALLINT, completed_min SMALLINT,
        supplements SMALLINT DEFAULT 0, supplement_days INTEGER DEFAULT 0, ended SMALLINT DEFAULT 0, deadline DATE,
        e_result BOOLEAN, digitized BOOLEAN, reused BOOLEAN, from_store BOOLEAN, complaint BOOLEAN DEFAULT FALSE,
        online_payment BOOLEAN DEFAULT FALSE, rating SMALLINT, apology_date DATE, new_due DATE, outcome SMALLINT,
        apology_state SMALLINT, work_days INTEGER, stat_day DATE, stat_month INTEGER{dup}){tail}""")


class _Writer:
    """Batches stage rows: executemany with a duplicate marker on SQLite, COPY on PostgreSQL.

    On SQLite only the stage columns in `staged` are written (the others keep the stage table's default):
    binding the values is most of a stage insert's cost and runs under the GIL, so the columns a file does
    not have (most exports carry no flags, complaint, rating or supplement columns) are left out."""

    def __init__(self, cursor, vendor, staged=None):
        self.cursor, self.vendor, self.batch = cursor, vendor, []
        names = STAGE_COLUMNS if vendor != "sqlite" or staged is None else staged
        self.pick = None
        if names is not STAGE_COLUMNS and len(names) < len(STAGE_COLUMNS):
            self.pick = itemgetter(*[STAGE_COLUMNS.index(name) for name in names])
        cols = ", ".join(names)
        marks = ", ".join(["?"] * len(names))
        self.sql = f"INSERT INTO dossier_stage ({cols}) VALUES ({marks}) ON CONFLICT(code) DO UPDATE SET dup_row = excluded.rownum"
        if vendor == "postgresql":
            # NULL 'None': each row is then one %-format (str(None) == "None", str(True) == "True", which the
            # boolean input accepts); a code that is literally "None" is written as \x4eone (see flush).
            self.copy_cm = cursor.copy(f"COPY dossier_stage ({cols}) FROM STDIN WITH (NULL 'None')")
            self.line = "\t".join(["%s"] * len(STAGE_COLUMNS))
            self.copy = self.copy_cm.__enter__()

        # Staging outside the move's transaction (autocommit): each batch is one TEMP-only transaction (no
        # database lock), not one per row. Done in this thread: a stage-writer thread (tried until 2026-12-02)
        # was slower, as binding the values holds the GIL and the two threads only took turns (12.3 s vs
        # 10.8 s for 1M rows).
        self.own_transaction = vendor == "sqlite" and not connection.in_atomic_block

    def add(self, row):
        self.batch.append(row)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self):
        if not self.batch:
            return
        if self.vendor == "postgresql":
            # COPY text format built here: several times faster than write_row's per-value adaptation.
            line, lines = self.line, []
            append = lines.append
            for row in self.batch:
                code, applicant = row[1], row[5]
                if _needs_escape(code) or (applicant and _needs_escape(applicant)):
                    row = (row[0], _copy_text(code), *row[2:5], _copy_text(applicant), *row[6:])
                append(line % row)
            append("")
            self.copy.write("\n".join(lines).encode())
        else:
            rows = map(self.pick, self.batch) if self.pick else self.batch
            if self.own_transaction:
                self.cursor.execute("BEGIN")
                try:
                    self.cursor.executemany(self.sql, rows)
                except BaseException:
                    self.cursor.execute("ROLLBACK")
                    raise
                self.cursor.execute("COMMIT")
            else:
                self.cursor.executemany(self.sql, rows)
        self.batch.clear()

    def close(self):
        self.flush()
        if self.vendor == "postgresql":
            self.copy_cm.__exit__(None, None, None)


def _needs_escape(text):
    return "\\" in text or "\t" in text or "\n" in text or "\r" in text or text == "None"


def _copy_text(text):
    """A text value in COPY's text format (NULL is the word None, so a literal "None" is escaped)."""
    if text is None or not _needs_escape(text):
        return text
    text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return "\\x4eone" if text == "None" else text


def _duplicates(cursor, vendor, file_name):
    if vendor == "sqlite":
        cursor.execute(
            "SELECT code, rownum, dup_row FROM dossier_stage WHERE dup_row IS NOT NULL ORDER BY rownum LIMIT ?",
            (MAX_ERRORS,),
        )
        found = cursor.fetchall()
        cursor.execute("SELECT COUNT(*) FROM dossier_stage WHERE dup_row IS NOT NULL")
        total = cursor.fetchone()[0]
    else:
        # One pass: the window count is taken before LIMIT, so it is the number of duplicated codes.
        cursor.execute(
            "SELECT code, MIN(rownum), MAX(rownum), COUNT(*) OVER () FROM dossier_stage GROUP BY code "
            "HAVING COUNT(*) > 1 ORDER BY MIN(rownum) LIMIT %s",
            (MAX_ERRORS,),
        )
        rows = cursor.fetchall()
        found, total = [r[:3] for r in rows], (rows[0][3] if rows else 0)
    errors = [_err(file_name, b, "Mã hồ sơ", f"mã hồ sơ “{code}” trùng với dòng {a}") for code, a, b in found]
    return errors, total


def _upsert_postgresql(cursor, updated):
    """PostgreSQL: UPDATE … FROM the stage for known codes, then a plain INSERT of the new ones — faster than
    ON CONFLICT's speculative insertion for a million rows; same result (the transaction holds the lock)."""
    cols = ", ".join(MOVED)
    if updated:  # the statistics matter for the UPDATE's join; a plain INSERT … SELECT needs none
        cursor.execute("ANALYZE dossier_stage")
        reapp = (
            "CASE WHEN d.new_due IS NOT NULL AND s.new_due IS NOT NULL AND s.new_due <> d.new_due THEN d.reappointments + 1 "
            "WHEN d.reappointments = 0 AND s.new_due IS NOT NULL THEN 1 ELSE d.reappointments END"
        )
        sets = ", ".join(f"{c} = s.{c}" for c in MOVED if c != "apology_state")
        state = f"CASE WHEN s.apology_state = {AP_PROPER} AND {reapp} > 1 THEN {AP_IMPROPER} ELSE s.apology_state END"
        # Rows that would not change are not rewritten (same end state; an identical re-import writes nothing).
        kept = [c for c in MOVED if c != "apology_state"]
        old = ", ".join([f"d.{c}" for c in kept] + ["d.reappointments", "d.apology_state"])
        new = ", ".join([f"s.{c}" for c in kept] + [reapp, state])
        cursor.execute(f"""UPDATE dossiers_dossier d SET {sets}, reappointments = {reapp}, apology_state = {state}
            FROM dossier_stage s WHERE d.code = s.code AND ({old}) IS DISTINCT FROM ({new})""")
    cursor.execute(f"""INSERT INTO dossiers_dossier (code, {cols}, reappointments, in_system, letter_issued_by)
        SELECT s.code, {", ".join("s." + c for c in MOVED)}, CASE WHEN s.new_due IS NULL THEN 0 ELSE 1 END, TRUE, ''
        FROM dossier_stage s{" WHERE NOT EXISTS (SELECT 1 FROM dossiers_dossier d WHERE d.code = s.code)" if updated else ""}""")


def _upsert(cursor, where="TRUE"):
    cols = ", ".join(MOVED)
    updates = ", ".join(f"{c} = excluded.{c}" for c in MOVED if c != "apology_state")
    # A changed new appointment counts as one more re-appointment; a second one makes the apology improper.
    reapp = (
        "CASE WHEN dossiers_dossier.new_due IS NOT NULL AND excluded.new_due IS NOT NULL "
        "AND excluded.new_due <> dossiers_dossier.new_due THEN dossiers_dossier.reappointments + 1 "
        "WHEN dossiers_dossier.reappointments = 0 AND excluded.new_due IS NOT NULL THEN 1 "
        "ELSE dossiers_dossier.reappointments END"
    )
    cursor.execute(f"""INSERT INTO dossiers_dossier (code, {cols}, reappointments, in_system, letter_issued_by)
        SELECT code, {cols}, CASE WHEN new_due IS NULL THEN 0 ELSE 1 END, TRUE, '' FROM dossier_stage s WHERE {where}
        ON CONFLICT (code) DO UPDATE SET {updates}, reappointments = {reapp},
        apology_state = CASE WHEN excluded.apology_state = {AP_PROPER} AND {reapp} > 1 THEN {AP_IMPROPER}
                        ELSE excluded.apology_state END""")


# Rows per committed transaction of the move: what another writer may wait for. Measured at 1M rows (login
# waits, bench/dossier_writers.py): 10k 0.18 s, 50k 1.0 s, 100k 1.8 s (too near the 2 s bar).
MOVE_BATCH = 50_000


def _move_in_batches(cursor, today, start, finish):
    """SQLite outside a transaction: the checked stage moves into the dossier table in short committed
    transactions (other writers wait for one batch, not for the file), its rows tagged with the run and
    hidden from every reader until the run is done (models.VisibleDossiers, hidden_runs_sql). The summaries
    and 766 values for the file's months are computed from those rows before the last transaction, which
    only swaps them in, updates dossiers that existed before the file, and marks the run done: readers see
    all of the file or none of it. On any failure the run's rows are deleted (and a later import deletes
    those of a run that failed without cleaning up)."""
    from .stats import NEW_DAY, NEW_MONTH, compute_stats, drop_new_stats, swap_stats

    _delete_failed_runs(cursor)
    total, updated, months = _stage_counts(cursor)
    # Batch bounds: every MOVE_BATCH-th code in key order (each batch is then a range of the stage's key).
    cursor.execute("SELECT code FROM dossier_stage ORDER BY code")
    bounds = []
    while True:
        codes = cursor.fetchmany(MOVE_BATCH)
        if not codes:
            break
        bounds.append(codes[0][0])
    run_id = start()
    cols = ", ".join(MOVED)
    insert = f"""INSERT INTO dossiers_dossier (code, {cols}, reappointments, in_system, letter_issued_by, import_run_id)
        SELECT code, {cols}, CASE WHEN new_due IS NULL THEN 0 ELSE 1 END, 1, '', {int(run_id)}
        FROM dossier_stage s WHERE s.code >= ?"""
    if updated:
        insert += " AND NOT EXISTS (SELECT 1 FROM dossiers_dossier d WHERE d.code = s.code)"
    # Two statements, so that each batch is a range of the stage's key (an "OR ? IS NULL" would make
    # SQLite scan from the lower bound to the end of the stage for every batch).
    bounded = insert + " AND s.code < ?"
    longest, moving = 0.0, time.perf_counter()
    # SQLite's automatic checkpoint (after a commit once the WAL passes 1000 pages) stays on here: turned
    # off for the move, the whole file's pages were left in the WAL and the next login's commit copied them
    # into the database (a 3.5 s wait at 1M rows). Each batch's commit checkpoints its own pages instead.
    try:
        for k, low in enumerate(bounds):
            high = bounds[k + 1] if k + 1 < len(bounds) else None
            started = time.perf_counter()
            with transaction.atomic():
                if high is None:
                    cursor.execute(insert, (low,))
                else:
                    cursor.execute(bounded, (low, high))
            longest = max(longest, time.perf_counter() - started)
        moving = time.perf_counter() - moving
        result = ImportResult(rows=total, created=total - updated, updated=updated, months=months)
        if updated:
            # Dossiers that existed before the file change only in the last transaction (they are visible):
            # that transaction is then as long as their update and the summaries of their months.
            with transaction.atomic():
                _upsert(
                    cursor,
                    "EXISTS (SELECT 1 FROM dossiers_dossier d WHERE d.code = s.code "
                    f"AND (d.import_run_id IS NULL OR d.import_run_id <> {int(run_id)}))",
                )
                rebuild_stats(months, run=run_id)
                indicators.refresh(months, date.fromordinal(today))
                finish(result)
            return result
        started = time.perf_counter()
        before = _done_runs(cursor)
        compute_stats(months, run=run_id)
        values = indicators.compute(months, date.fromordinal(today), NEW_MONTH, NEW_DAY)
        computed = time.perf_counter() - started
        started = time.perf_counter()
        with transaction.atomic():
            if _done_runs(cursor) == before:
                swap_stats(months)
                if values is not None:
                    indicators.store(*values)
            else:  # another import finished meanwhile: its rows may share these months, count them all
                rebuild_stats(months, run=run_id)
                indicators.refresh(months, date.fromordinal(today))
            finish(result)
        log.info(
            "run %s: %d rows moved in %.3f s, %d committed batches (longest %.3f s); summaries and 766 "
            "computed outside the lock in %.3f s; last transaction %.3f s",
            run_id,
            total,
            moving,
            len(bounds),
            longest,
            computed,
            time.perf_counter() - started,
        )
        drop_new_stats()
        return result
    except BaseException:
        _delete_run_rows(cursor, run_id)
        raise


def _done_runs(cursor):
    """Which imports are done: the summaries computed outside the lock hold only if this did not change."""
    cursor.execute("SELECT COUNT(*), MAX(id) FROM dossiers_importrun WHERE status = 'done'")
    return cursor.fetchone()


def _delete_run_rows(cursor, run_id):
    """Delete a run's hidden rows in short transactions (and mark it failed: it must stay hidden)."""
    from django.db.utils import DatabaseError

    try:
        with transaction.atomic():
            cursor.execute(
                "UPDATE dossiers_importrun SET status = 'failed' WHERE id = ? AND status <> 'done'", (run_id,)
            )
        while True:
            with transaction.atomic():
                cursor.execute(
                    "DELETE FROM dossiers_dossier WHERE rowid IN "
                    "(SELECT rowid FROM dossiers_dossier WHERE import_run_id = ? LIMIT ?)",
                    (run_id, MOVE_BATCH),
                )
                if cursor.rowcount < MOVE_BATCH:
                    break
    except DatabaseError:
        pass  # the next import deletes the rows of failed runs (_delete_failed_runs)


def _stage_counts(cursor):
    """(rows staged, of them already stored, the months they touch — old months of moved dossiers too)."""
    cursor.execute("SELECT COUNT(*) FROM dossier_stage")
    total = cursor.fetchone()[0]
    cursor.execute("SELECT COUNT(*) FROM dossier_stage s JOIN dossiers_dossier d ON d.code = s.code")
    updated = cursor.fetchone()[0]
    cursor.execute(
        "SELECT DISTINCT stat_month FROM dossier_stage UNION "
        "SELECT DISTINCT d.stat_month FROM dossiers_dossier d JOIN dossier_stage s ON s.code = d.code"
    )
    return total, updated, sorted(r[0] for r in cursor.fetchall())


def _delete_failed_runs(cursor):
    """Rows left by runs that failed before deleting them (a killed process): hidden, but they hold codes."""
    cursor.execute(
        "SELECT DISTINCT import_run_id FROM dossiers_dossier WHERE import_run_id IN "
        "(SELECT id FROM dossiers_importrun WHERE status = 'failed')"
    )
    for (run_id,) in cursor.fetchall():
        _delete_run_rows(cursor, run_id)


def import_dossiers(path, file_name=None, mapping=None, user=None, today=None, progress=None, run=None):
    """Import one file; returns ImportResult or raises ImportFailed (nothing written)."""
    file_name = file_name or os.path.basename(str(path))
    today = (today or timezone.localdate()).toordinal()
    vendor = connection.vendor

    def start():
        """Before rows are written in committed batches: the run they are hidden under (RUNNING)."""
        nonlocal run
        if run is None:
            run = ImportRun.objects.create(
                file_name=file_name, mapping=mapping or "", user=user, status=ImportRun.RUNNING
            )
        elif run.status != ImportRun.RUNNING:
            run.status = ImportRun.RUNNING
            ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.RUNNING)
        return run.pk

    def finish(result):
        """Inside the move's transaction: the run is done exactly when its rows become visible."""
        nonlocal run
        run = run or ImportRun(file_name=file_name, mapping=mapping or "", user=user)
        run.status, run.finished_at = ImportRun.DONE, timezone.now()
        run.rows_done = run.rows_total = result.rows
        run.created, run.updated = result.created, result.updated
        run.save()
        result.run_id = run.pk
        record(
            run,
            "action",
            {
                "tệp": file_name,
                "số dòng": result.rows,
                "thêm mới": result.created,
                "cập nhật": result.updated,
                "thủ tục mới": result.procedures_created,
            },
            note=f"Nhập hồ sơ từ {file_name}",
        )

    try:
        if vendor == "sqlite" and not connection.in_atomic_block:
            # SQLite has one writer at a time: reading, checking and staging the file (most of the time)
            # write only to this connection's TEMP table and take no lock on the database, so logins and
            # report submissions go on; the move into the dossier table, the summaries and the run's
            # "done" are one short transaction, so readers see all of the file or none of it.
            result = _import(path, file_name, mapping, today, progress, vendor, finish, start)
        else:  # PostgreSQL (MVCC: other writers are not blocked) keeps the whole import in one transaction
            with transaction.atomic():
                result = _import(path, file_name, mapping, today, progress, vendor, finish)
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            [
                _err(
                    file_name,
                    None,
                    None,
                    f"tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {exc.start}); "
                    "hãy lưu lại dưới dạng CSV UTF-8",
                )
            ]
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS dossier_stage")
    return result


def _import(path, file_name, mapping, today, progress, vendor, finish=None, start=None):
    began = time.perf_counter(), time.process_time()
    rows = open_rows(path, file_name)
    layout = read_layout(rows, mapping, file_name)
    idx, header = layout.index, layout.names
    ncols = len(header)
    cal = calendar_index()
    lo, hi = date(FIRST_YEAR, 1, 1).toordinal(), date(LAST_YEAR, 12, 31).toordinal()
    dates, agency_of, procedure_of = DateReader(), AgencyResolver(), ProcedureResolver()
    same_day, field_of = procedure_of.same_day, procedure_of.field.get
    channel_words, yes, endings = CHANNEL_WORDS, YES, STATUS_ENDINGS
    rule_deadline, rule_outcome, rule_apology = classify.deadline, classify.outcome, classify.apology_state
    errors, n_errors = [], 0
    i_code, i_pc, i_pn, i_ag, i_ra, i_who = (
        idx["code"],
        idx["procedure_code"],
        idx["procedure_name"],
        idx["agency"],
        idx["receiving_agency"],
        idx["applicant"],
    )
    i_ch, i_rec, i_due, i_done, i_ret, i_st = (
        idx["channel"],
        idx["received"],
        idx["due"],
        idx["completed"],
        idx["returned"],
        idx["status"],
    )
    i_pay, i_rate, i_apo, i_new = idx["online_payment"], idx["rating"], idx["apology_date"], idx["new_due"]
    i_sup, i_sfrom, i_sto = idx["supplements"], idx["supplement_from"], idx["supplement_to"]
    flag_columns = [(name, idx[name]) for name in ("e_result", "digitized", "reused", "from_store")]
    any_flag = any(i is not None for _n, i in flag_columns)
    i_pakn = idx["complaint"]
    label = {name: (header[i] if i is not None else FIELDS[name][0]) for name, i in idx.items()}

    # Full cell text -> (ordinal, minute): exports repeat the same date-times over and over (and "" often).
    seen = {"": (None, None)}

    nothing = (None, None)
    seen_get = seen.get

    def moment(i):
        if i is None:
            return nothing
        value = row[i]
        found = seen_get(value)  # text, datetime and empty cells are all hashable
        if found is None:
            if value is None:
                return nothing
            found = dates(value)
            if found[0] is not None and not lo <= found[0] <= hi:
                raise ValueError(f"ngày ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}")
            if len(seen) > 2_000_000:
                seen.clear()
                seen[""] = nothing
            seen[value] = found
        return found

    # Every day the importer accepts, as ISO text and as yyyymm: plain dict look-ups in the hot loop.
    iso_of, month_of = {}, {}
    for o in range(lo, hi + 1):
        d = date.fromordinal(o)
        iso_of[o] = d.isoformat()
        month_of[o] = d.year * 100 + d.month
    text_of = iso_of.get

    with connection.cursor() as django_cursor:
        cursor = django_cursor.connection.cursor() if vendor == "sqlite" else django_cursor.cursor
        if vendor == "sqlite":
            cursor.execute("PRAGMA cache_size = -131072")  # 128 MB of page cache for the index updates
        else:  # for this transaction only: the duplicate check and summaries hash in memory, indexes sort in memory
            cursor.execute("SET LOCAL work_mem = '128MB'")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        _stage_table(cursor, vendor)
        # Stage columns that are always their default when the file has no column for them.
        absent = {
            "receiving_agency_id": i_ra is None,
            "applicant": i_who is None,
            "returned": i_ret is None,
            "supplements": i_sup is None and i_sfrom is None,
            "supplement_days": i_sfrom is None,
            "ended": i_st is None,
            "complaint": i_pakn is None,
            "online_payment": i_pay is None,
            "rating": i_rate is None,
            "apology_date": i_apo is None,
            "new_due": i_new is None,
            **{name: i is None for name, i in flag_columns},
        }
        writer = _Writer(cursor, vendor, [name for name in STAGE_COLUMNS if not absent.get(name)])
        batch, flush = writer.batch, writer.flush
        batch_rows = SQLITE_BATCH if vendor == "sqlite" else BATCH
        try:
            n = layout.first_row - 1
            for row in chain(layout.leading, rows):
                n += 1
                if n % 20000 == 0 and progress:
                    progress(n - layout.first_row)
                col = None
                try:
                    if len(row) < ncols:
                        if not any(str(v).strip() for v in row):
                            continue
                        row = list(row) + [""] * (ncols - len(row))
                    col = "code"
                    code = str(row[i_code]).strip()
                    if not code:
                        # Totals, notes and signature lines under the table are not dossiers.
                        if i_rec is None or not str(row[i_rec]).strip():
                            continue
                        raise ValueError("thiếu mã hồ sơ")
                    if len(code) > 60:
                        raise ValueError("mã hồ sơ dài quá 60 ký tự")
                    if has_control(code):
                        # NUL and other control characters: PostgreSQL refuses them, SQLite kept them and
                        # every export of the dossier then failed; refused the same on both.
                        raise ValueError(f"mã hồ sơ có ký tự điều khiển {control_character(code)}")
                    col = "received"
                    received, received_min = moment(i_rec)
                    if received is None:
                        raise ValueError("thiếu ngày tiếp nhận")
                    col = "procedure_code" if i_pc is not None else "procedure_name"
                    procedure_id = procedure_of(
                        str(row[i_pc]).strip() if i_pc is not None else "",
                        str(row[i_pn]).strip() if i_pn is not None else "",
                    )
                    col = "agency"
                    agency_id = agency_of(row[i_ag], received, field_of(procedure_id, ""))
                    col = "receiving_agency"
                    receiving_id = (
                        agency_of(row[i_ra], received)
                        if i_ra is not None and str(row[i_ra]).strip()
                        else None
                    )
                    applicant = str(row[i_who]).strip()[:300] if i_who is not None else ""
                    if applicant and has_control(applicant):
                        col = "applicant"
                        raise ValueError(f"có ký tự điều khiển {control_character(applicant)}")
                    col = "channel"
                    channel = 1
                    if i_ch is not None:
                        channel = channel_words.get(str(row[i_ch]).strip().lower())
                        if channel is None:
                            raise ValueError(
                                f"kênh nộp “{row[i_ch]}” không hợp lệ (Trực tiếp, Trực tuyến, Bưu chính)"
                            )
                    col = "due"
                    due, due_min = moment(i_due)
                    if due is None:
                        raise ValueError("thiếu ngày hẹn trả")
                    if due < received:
                        raise ValueError("ngày hẹn trả trước ngày tiếp nhận")
                    col = "completed"
                    completed, completed_min = moment(i_done)
                    col = "returned"
                    returned, _m = moment(i_ret)
                    col = "status"
                    ended = endings.get(str(row[i_st]).strip().lower(), 0) if i_st is not None else 0
                    if completed is None and ended:
                        completed, completed_min = returned, None  # ended without a result: its return day
                    if completed is not None and (
                        completed < received
                        or (
                            completed == received
                            and completed_min is not None
                            and received_min is not None
                            and completed_min < received_min
                        )
                    ):
                        col = "completed"
                        raise ValueError("ngày có kết quả trước ngày tiếp nhận")
                    col = "supplements"
                    supplements = 0
                    if i_sup is not None and str(row[i_sup]).strip():
                        supplements = int(float(str(row[i_sup]).strip()))
                    waited = 0
                    if i_sfrom is not None:
                        col = "supplement_from"
                        asked, _m = moment(i_sfrom)
                        col = "supplement_to"
                        back, _m = moment(i_sto)
                        if asked is not None:
                            supplements = max(supplements, 1)
                            waited = max(
                                0, cal.between(asked, back if back is not None else (completed or today))
                            )
                    col = "online_payment"
                    paid = False
                    if i_pay is not None:
                        paid = yes.get(str(row[i_pay]).strip().lower())
                        if paid is None:
                            raise ValueError(f"“{row[i_pay]}” không hợp lệ (Có/Không)")
                    col = "rating"
                    rating = None
                    if i_rate is not None and str(row[i_rate]).strip():
                        rating = int(float(str(row[i_rate]).strip()))
                    flags = [None, None, None, None]
                    if any_flag:
                        for k, (name, i) in enumerate(flag_columns):
                            if i is not None:
                                col = name
                                flags[k] = yes.get(str(row[i]).strip().lower())
                                if flags[k] is None:
                                    raise ValueError(f"“{row[i]}” không hợp lệ (Có/Không)")
                    complaint = False
                    if i_pakn is not None:
                        col = "complaint"
                        complaint = yes.get(str(row[i_pakn]).strip().lower())
                        if complaint is None:
                            complaint = True  # the complaint's text or number itself
                    col = "apology_date"
                    apology, _m = moment(i_apo)
                    col = "new_due"
                    new_due, _m = moment(i_new)
                except ValueError as exc:
                    n_errors += 1
                    if len(errors) < MAX_ERRORS:
                        message = str(exc) if "invalid literal" not in str(exc) else "không phải số"
                        errors.append(_err(file_name, n, label.get(col) if col else None, message))
                    continue
                # The rules (services/classify.py, the one module shared with the SQL reports).
                limit = rule_deadline(cal, received, received_min, due, waited, procedure_id in same_day)
                outcome = rule_outcome(limit, completed, due_min, completed_min, supplements, ended)
                if completed is None:
                    stat, work_days = limit, None
                    late = outcome == OPEN and (supplements > 1 or today > limit)
                else:
                    stat, late = completed, outcome == LATE
                    work_days = cal.between(received, completed) - waited
                state = rule_apology(cal, limit, completed, apology, new_due, today, None, received, late)
                batch.append(
                    (
                        n,
                        code,
                        procedure_id,
                        agency_id,
                        receiving_id,
                        applicant,
                        channel,
                        text_of(received),
                        text_of(due),
                        text_of(completed),
                        text_of(returned),
                        received_min,
                        due_min,
                        completed_min,
                        supplements,
                        waited,
                        ended,
                        text_of(limit),
                        *flags,
                        complaint,
                        paid,
                        rating,
                        text_of(apology),
                        text_of(new_due),
                        outcome,
                        state,
                        work_days,
                        text_of(stat),
                        month_of[stat],
                    )
                )
                if len(batch) >= batch_rows:
                    flush()
        finally:
            writer.close()  # a COPY left open would block the connection
        if procedure_of.unmatched:
            unmatched = sorted(procedure_of.unmatched.items(), key=lambda kv: -kv[1])
            raise ImportFailed(
                [
                    _err(
                        file_name,
                        None,
                        label["procedure_name"],
                        f"thủ tục “{name}” ({count} hồ sơ) chưa có trong danh mục",
                    )
                    for name, count in unmatched[:MAX_ERRORS]
                ]
                + errors[: max(0, MAX_ERRORS - len(unmatched))],
                len(unmatched) + n_errors,
                message="Tệp bị từ chối: có tên thủ tục chưa có trong danh mục (thêm vào danh mục rồi nhập lại), không có hồ sơ nào được ghi.",
                unmatched=[name for name, _c in unmatched],
            )
        if errors:
            raise ImportFailed(errors, n_errors)
        if progress:
            progress(n - layout.first_row + 1)
        dup_errors, n_dup = _duplicates(cursor, vendor, file_name)
        if dup_errors:
            raise ImportFailed(dup_errors, n_dup)
        log.info(
            "%s: read, checked and staged %d rows in %.3f s (%.3f s CPU)",
            file_name,
            n - layout.first_row + 1,
            time.perf_counter() - began[0],
            time.process_time() - began[1],
        )
        if start is not None and not procedure_of.new:
            return _move_in_batches(cursor, today, start, finish)
        with transaction.atomic():
            procedure_of.create(cursor, "?" if vendor == "sqlite" else "%s")
            total, updated, months = _stage_counts(cursor)
            cursor.execute("SELECT COUNT(*) FROM dossiers_dossier")
            existing = cursor.fetchone()[0]
            rebuild = total >= BULK_ROWS and total >= existing // 2
            foreign_keys, indexes = (
                [],
                [
                    (name, f"CREATE INDEX IF NOT EXISTS {name} ON dossiers_dossier ({columns})")
                    for name, columns in SECONDARY_INDEXES.items()
                ],
            )
            if rebuild:  # inside the transaction: a failure restores them with everything else
                if vendor == "postgresql":
                    # Pending deferred checks (of rows written earlier in this transaction) would block dropping
                    # indexes and constraints: run them now; the re-added constraints validate the moved rows.
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    # Every index that backs no constraint, as PostgreSQL has it (Django's code "_like" index too).
                    cursor.execute(
                        "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                        "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = 'dossiers_dossier'::regclass "
                        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid "
                        "AND c.conrelid = x.indrelid) ORDER BY i.relname"
                    )
                    indexes = cursor.fetchall()
                for name, _definition in indexes:
                    cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
                if vendor == "postgresql":
                    # Deferred FK checks fire one trigger query per inserted row and reference (≈ a quarter of
                    # the import time); dropped and re-added, each is validated by one anti-join instead.
                    cursor.execute(
                        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                        "WHERE conrelid = 'dossiers_dossier'::regclass AND contype = 'f'"
                    )
                    foreign_keys = cursor.fetchall()
                    for name, _definition in foreign_keys:
                        cursor.execute(f'ALTER TABLE dossiers_dossier DROP CONSTRAINT "{name}"')
            if vendor == "postgresql":
                _upsert_postgresql(cursor, updated)
            else:
                _upsert(cursor)
            if rebuild:
                if vendor == "postgresql":
                    for name, definition in foreign_keys:
                        cursor.execute(f'ALTER TABLE dossiers_dossier ADD CONSTRAINT "{name}" {definition}')
                for _name, definition in indexes:
                    cursor.execute(definition)
            rebuild_stats(months)
            indicators.refresh(months, date.fromordinal(today))
            result = ImportResult(
                rows=total,
                created=total - updated,
                updated=updated,
                procedures_created=procedure_of.created,
                months=months,
            )
            if finish:
                finish(result)
    return result
