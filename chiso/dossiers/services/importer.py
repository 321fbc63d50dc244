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
import os
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from chiso.core.audit import record
from chiso.registry.services import gazetteer_from_db, work_calendar

from ..models import (
    AP_IMPROPER,
    AP_MISSING,
    AP_NONE,
    AP_PROPER,
    EARLY,
    LATE,
    ON_TIME,
    OPEN,
    ColumnMapping,
    ImportRun,
    Procedure,
)
from . import indicators
from .calendar_index import CalendarIndex
from .columns import CHANNEL_WORDS, DEFAULT_MAPPING, FIELDS, YES, DateReader, header_key
from .stats import rebuild_stats

BATCH = 5000
MAX_ERRORS = 200
FIRST_YEAR, LAST_YEAR = 2010, 2035
STAGE_COLUMNS = [
    "rownum",
    "code",
    "procedure_id",
    "agency_id",
    "receiving_agency_id",
    "channel",
    "received",
    "due",
    "completed",
    "returned",
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
    def __init__(self, errors, total=None, message="Tệp bị từ chối, không có hồ sơ nào được ghi."):
        super().__init__(message)
        self.errors = errors
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
    """(header, iterator of rows) for a CSV (UTF-8) or XLSX file."""
    if str(file_name).lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception:
            raise ImportFailed([_err(file_name, None, None, "không đọc được tệp Excel (.xlsx)")])
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        return [str(h or "") for h in (header or [])], (
            [("" if v is None else v) for v in row] for row in rows
        )
    raw = open(path, "rb") if isinstance(path, (str, os.PathLike)) else path
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="", errors="strict")
    sample = text.read(4096)
    text.seek(0)
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(text, delimiter=delimiter)
    header = next(reader, None)
    return header or [], reader


def _err(file_name, row, column, message):
    return {"file": file_name, "row": row, "column": column, "message": message}


def resolve_mapping(header, mapping, file_name):
    """field -> column index; missing required columns reject the file."""
    columns = dict(DEFAULT_MAPPING)
    if mapping:
        found = ColumnMapping.objects.filter(name=mapping).first()
        if found is None:
            raise ImportFailed([_err(file_name, None, None, f"không có ánh xạ cột tên “{mapping}”")])
        columns.update(found.columns)
    positions = {header_key(h): i for i, h in enumerate(header)}
    index, errors = {}, []
    for name, (_default, required) in FIELDS.items():
        wanted = columns.get(name)
        i = positions.get(header_key(wanted)) if wanted else None
        if i is None and required:
            errors.append(_err(file_name, 1, wanted, f"thiếu cột bắt buộc “{wanted}”"))
        index[name] = i
    if errors:
        raise ImportFailed(
            errors + [_err(file_name, 1, None, "các cột của tệp: " + ", ".join(f"“{h}”" for h in header))]
        )
    return index


class _AgencyResolver:
    def __init__(self):
        from chiso.registry.models import Agency

        # Exact names first (names repeat across reorganisations only for different units' aliases).
        counts = {}
        for pk, name in Agency.objects.values_list("id", "name"):
            counts.setdefault(name, []).append(pk)
        self.cache = {name: ids[0] for name, ids in counts.items() if len(ids) == 1}
        self.gazetteer = gazetteer_from_db()

    def __call__(self, name):
        found = self.cache.get(name)
        if found is None:
            candidate = self.gazetteer.best(name.strip()) if name.strip() else None
            if candidate is None or candidate.is_group or len(candidate.agency_ids) != 1:
                found = ValueError(f"không nhận ra cơ quan “{name}” trong danh mục")
            else:
                found = candidate.agency_ids[0]
            self.cache[name] = found
        if isinstance(found, ValueError):
            raise found
        return found


class _ProcedureResolver:
    """Procedure code -> id. Unknown codes get a provisional negative id and are added to the catalogue
    after staging (no other query may run on the connection while PostgreSQL's COPY is open)."""

    def __init__(self):
        self.cache = {code: pk for code, pk in Procedure.objects.values_list("code", "id")}
        self.new = {}

    @property
    def created(self):
        return len(self.new)

    def __call__(self, code, name):
        pk = self.cache.get(code)
        if pk is None:
            if not code:
                raise ValueError("thiếu mã thủ tục")
            if len(code) > 60:
                raise ValueError("mã thủ tục dài quá 60 ký tự")
            pk = -(len(self.new) + 1)
            self.new[code] = (pk, (name or code)[:500])
            self.cache[code] = pk
        return pk

    def create(self, cursor, mark):
        for code, (provisional, name) in self.new.items():
            pk = Procedure.objects.create(code=code, name=name).pk
            cursor.execute(
                f"UPDATE dossier_stage SET procedure_id = {mark} WHERE procedure_id = {mark}",
                (pk, provisional),
            )


def _stage_table(cursor, vendor):
    cursor.execute("DROP TABLE IF EXISTS dossier_stage")
    key = "code VARCHAR(60) PRIMARY KEY" if vendor == "sqlite" else "code VARCHAR(60)"
    tail = " WITHOUT ROWID" if vendor == "sqlite" else ""
    dup = ", dup_row INTEGER" if vendor == "sqlite" else ""
    cursor.execute(f"""CREATE TEMP TABLE dossier_stage (rownum INTEGER, {key}, procedure_id BIGINT, agency_id BIGINT,
        receiving_agency_id BIGINT, channel SMALLINT, received DATE, due DATE, completed DATE, returned DATE,
        online_payment BOOLEAN, rating SMALLINT, apology_date DATE, new_due DATE, outcome SMALLINT,
        apology_state SMALLINT, work_days INTEGER, stat_day DATE, stat_month INTEGER{dup}){tail}""")


class _Writer:
    """Batches stage rows: executemany with a duplicate marker on SQLite, COPY on PostgreSQL."""

    def __init__(self, cursor, vendor):
        self.cursor, self.vendor, self.batch = cursor, vendor, []
        cols = ", ".join(STAGE_COLUMNS)
        marks = ", ".join(["?"] * len(STAGE_COLUMNS))
        self.sql = f"INSERT INTO dossier_stage ({cols}) VALUES ({marks}) ON CONFLICT(code) DO UPDATE SET dup_row = excluded.rownum"
        if vendor == "postgresql":
            # NULL 'None': each row is then one %-format (str(None) == "None", str(True) == "True", which the
            # boolean input accepts); a code that is literally "None" is written as \x4eone (see flush).
            self.copy_cm = cursor.copy(f"COPY dossier_stage ({cols}) FROM STDIN WITH (NULL 'None')")
            self.line = "\t".join(["%s"] * len(STAGE_COLUMNS))
            self.copy = self.copy_cm.__enter__()

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
                code = row[1]
                if "\\" in code or "\t" in code or "\n" in code or "\r" in code or code == "None":
                    code = (
                        code.replace("\\", "\\\\")
                        .replace("\t", "\\t")
                        .replace("\n", "\\n")
                        .replace("\r", "\\r")
                    )
                    if code == "None":
                        code = "\\x4eone"
                    row = (row[0], code, *row[2:])
                append(line % row)
            append("")
            self.copy.write("\n".join(lines).encode())
        else:
            self.cursor.executemany(self.sql, self.batch)
        self.batch.clear()

    def close(self):
        self.flush()
        if self.vendor == "postgresql":
            self.copy_cm.__exit__(None, None, None)


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


def _upsert(cursor):
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
        SELECT code, {cols}, CASE WHEN new_due IS NULL THEN 0 ELSE 1 END, TRUE, '' FROM dossier_stage WHERE TRUE
        ON CONFLICT (code) DO UPDATE SET {updates}, reappointments = {reapp},
        apology_state = CASE WHEN excluded.apology_state = {AP_PROPER} AND {reapp} > 1 THEN {AP_IMPROPER}
                        ELSE excluded.apology_state END""")


def import_dossiers(path, file_name=None, mapping=None, user=None, today=None, progress=None, run=None):
    """Import one file; returns ImportResult or raises ImportFailed (nothing written)."""
    file_name = file_name or os.path.basename(str(path))
    today = (today or timezone.localdate()).toordinal()
    vendor = connection.vendor
    try:
        with transaction.atomic():
            result = _import(path, file_name, mapping, today, progress, vendor)
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


def _import(path, file_name, mapping, today, progress, vendor):
    header, rows = open_rows(path, file_name)
    if not header:
        raise ImportFailed([_err(file_name, None, None, "tệp rỗng, không có dòng tiêu đề")])
    idx = resolve_mapping(header, mapping, file_name)
    ncols = len(header)
    cal = calendar_index()
    lo, hi = date(FIRST_YEAR, 1, 1).toordinal(), date(LAST_YEAR, 12, 31).toordinal()
    dates, agency_of, procedure_of = DateReader(), _AgencyResolver(), _ProcedureResolver()
    channel_words, yes = CHANNEL_WORDS, YES
    errors, n_errors = [], 0
    i_code, i_pc, i_pn, i_ag, i_ra = (
        idx["code"],
        idx["procedure_code"],
        idx["procedure_name"],
        idx["agency"],
        idx["receiving_agency"],
    )
    i_ch, i_rec, i_due, i_done, i_ret = (
        idx["channel"],
        idx["received"],
        idx["due"],
        idx["completed"],
        idx["returned"],
    )
    i_pay, i_rate, i_apo, i_new = idx["online_payment"], idx["rating"], idx["apology_date"], idx["new_due"]
    label = {name: (header[i] if i is not None else DEFAULT_MAPPING[name]) for name, i in idx.items()}

    seen = {}  # full cell text -> ordinal: exports repeat the same date-times over and over

    def day(i):
        if i is None:
            return None
        value = row[i]
        o = seen.get(value) if value.__class__ is str else None
        if o is None:
            if value == "" or value is None:
                return None
            o = dates(value)
            if o is None:
                return None
            if not lo <= o <= hi:
                raise ValueError(f"ngày ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}")
            if value.__class__ is str:
                if len(seen) > 2_000_000:
                    seen.clear()
                seen[value] = o
        return o

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
        writer = _Writer(cursor, vendor)
        batch, flush = writer.batch, writer.flush
        try:
            n = 1
            for row in rows:
                n += 1
                if n % 20000 == 0 and progress:
                    progress(n - 1)
                col = None
                try:
                    if len(row) < ncols:
                        if not any(str(v).strip() for v in row):
                            continue
                        raise ValueError(f"dòng có {len(row)} cột, tiêu đề có {ncols} cột")
                    col = "code"
                    code = str(row[i_code]).strip()
                    if not code:
                        raise ValueError("thiếu mã hồ sơ")
                    if len(code) > 60:
                        raise ValueError("mã hồ sơ dài quá 60 ký tự")
                    col = "procedure_code"
                    procedure_id = procedure_of(
                        str(row[i_pc]).strip(), str(row[i_pn]).strip() if i_pn is not None else ""
                    )
                    col = "agency"
                    agency_id = agency_of(str(row[i_ag]))
                    col = "receiving_agency"
                    receiving_id = (
                        agency_of(str(row[i_ra])) if i_ra is not None and str(row[i_ra]).strip() else None
                    )
                    col = "channel"
                    channel = 1
                    if i_ch is not None:
                        channel = channel_words.get(str(row[i_ch]).strip().lower())
                        if channel is None:
                            raise ValueError(
                                f"kênh nộp “{row[i_ch]}” không hợp lệ (Trực tiếp, Trực tuyến, Bưu chính)"
                            )
                    col = "received"
                    received = day(i_rec)
                    if received is None:
                        raise ValueError("thiếu ngày tiếp nhận")
                    col = "due"
                    due = day(i_due)
                    if due is None:
                        raise ValueError("thiếu ngày hẹn trả")
                    if due < received:
                        raise ValueError("ngày hẹn trả trước ngày tiếp nhận")
                    col = "completed"
                    completed = day(i_done)
                    if completed is not None and completed < received:
                        raise ValueError("ngày có kết quả trước ngày tiếp nhận")
                    col = "returned"
                    returned = day(i_ret)
                    col = "online_payment"
                    paid = False
                    if i_pay is not None:
                        paid = yes.get(str(row[i_pay]).strip().lower())
                        if paid is None:
                            raise ValueError(f"“{row[i_pay]}” không hợp lệ (Có/Không)")
                    col = "rating"
                    rating = None
                    if i_rate is not None and str(row[i_rate]).strip():
                        rating = int(str(row[i_rate]).strip())
                    col = "apology_date"
                    apology = day(i_apo)
                    col = "new_due"
                    new_due = day(i_new)
                except ValueError as exc:
                    n_errors += 1
                    if len(errors) < MAX_ERRORS:
                        message = str(exc) if "invalid literal" not in str(exc) else "không phải số"
                        errors.append(_err(file_name, n, label.get(col) if col else None, message))
                    continue
                # Classification (services/classify.py has the same rules, documented and unit-tested).
                if completed is None:
                    outcome, stat = OPEN, due
                    late = today > due
                    work_days = None
                else:
                    outcome = EARLY if completed < due else ON_TIME if completed == due else LATE
                    stat = completed
                    late = outcome == LATE
                    work_days = cal.between(received, completed)
                if apology is None:
                    state = AP_MISSING if late else AP_NONE
                elif (
                    apology <= cal.add(due, -1)
                    and new_due is not None
                    and new_due > due
                    and (completed if completed is not None else today) <= new_due
                ):
                    state = AP_PROPER
                else:
                    state = AP_IMPROPER
                batch.append(
                    (
                        n,
                        code,
                        procedure_id,
                        agency_id,
                        receiving_id,
                        channel,
                        text_of(received),
                        text_of(due),
                        text_of(completed),
                        text_of(returned),
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
                if len(batch) >= BATCH:
                    flush()
        finally:
            writer.close()  # a COPY left open would block the connection
        if errors:
            raise ImportFailed(errors, n_errors)
        if progress:
            progress(n - 1)
        dup_errors, n_dup = _duplicates(cursor, vendor, file_name)
        if dup_errors:
            raise ImportFailed(dup_errors, n_dup)
        procedure_of.create(cursor, "?" if vendor == "sqlite" else "%s")
        cursor.execute("SELECT COUNT(*) FROM dossier_stage")
        total = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM dossier_stage s JOIN dossiers_dossier d ON d.code = s.code")
        updated = cursor.fetchone()[0]
        cursor.execute(
            "SELECT DISTINCT stat_month FROM dossier_stage UNION "
            "SELECT DISTINCT d.stat_month FROM dossiers_dossier d JOIN dossier_stage s ON s.code = d.code"
        )
        months = sorted(r[0] for r in cursor.fetchall())
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
    return ImportResult(
        rows=total,
        created=total - updated,
        updated=updated,
        procedures_created=procedure_of.created,
        months=months,
    )
