"""Import index results from CSV or XLSX: column mapping, validation with file/row/column messages,
all-or-nothing writes, no duplicates on re-import, one audit entry per import."""

import csv
import hashlib
import io
import math
import os
from datetime import date

from django.db import transaction
from django.utils import timezone

from chiso.core import audit, uploads

from .. import provinces as province_data
from ..models import ImportBatch, Index, Result
from . import provinces as province_service

MAX_BYTES = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = (".csv", ".xlsx")

# Field → header spellings accepted without a mapping (compared case-insensitively).
DEFAULT_COLUMNS = {
    "province": ["province_vi", "province", "tỉnh", "tinh", "tỉnh, thành phố", "địa phương"],
    "year": ["year", "năm", "nam"],
    "total": ["total_papi", "total", "tổng", "tổng điểm", "điểm", "score"],
    "rank": ["rank_year", "rank", "xếp hạng", "hạng"],
    "tier": ["tier", "nhóm", "xếp loại"],
}
PAPI_SOURCE = (
    "PAPI (papi.org.vn, UNDP–CECODES–RTA), bản xử lý của tunah72/papi-dashboard "
    "@2e42ab89bd452987a8661c5c60ccf5571bb7a884, số liệu 'Unweighted'"
)


class ImportRejected(Exception):
    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


def read_table(content, filename):
    """(headers, [(row number, {header: text})]) from CSV or XLSX bytes."""
    ext = os.path.splitext(filename)[1].lower()
    if ext not in ALLOWED_EXTENSIONS:
        raise ImportRejected([f"Tệp {filename}: chỉ nhận tệp .csv hoặc .xlsx."])
    if len(content) > MAX_BYTES:
        raise ImportRejected([f"Tệp {filename}: dung lượng vượt quá 10 MB."])
    if ext == ".csv":
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRejected([f"Tệp {filename}: không đọc được theo bảng mã UTF-8."])
        reader = csv.reader(io.StringIO(text))
        try:
            table = list(reader)
        except csv.Error as exc:  # e.g. a field over the csv module's 131,072-character limit
            raise ImportRejected(
                [f"Tệp {filename}, dòng {reader.line_num}: không đọc được dòng CSV ({exc})."]
            )
    else:
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:
            raise ImportRejected([f"Tệp {filename}: không mở được tệp Excel."])
        table = [
            ["" if v is None else str(v) for v in row] for row in wb.worksheets[0].iter_rows(values_only=True)
        ]
    if not table or not any(h.strip() for h in table[0]):
        raise ImportRejected([f"Tệp {filename}: không có dòng tiêu đề."])
    headers = [h.strip() for h in table[0]]
    rows = []
    problems = []
    for number, values in enumerate(table, start=1):
        for column, value in enumerate(values, start=1):
            bad = uploads.control_character(value)
            if bad:
                problems.append(f"Tệp {filename}, dòng {number}, cột {column}: có ký tự điều khiển {bad}.")
    if problems:
        raise ImportRejected(problems[:50])
    for number, values in enumerate(table[1:], start=2):
        if not any(str(v).strip() for v in values):
            continue
        rows.append(
            (number, {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(headers)})
        )
    return headers, rows


def resolve_columns(headers, index, mapping=None):
    """{field: header}; fields are province, year, total, rank, tier and component codes."""
    lower = {h.casefold(): h for h in headers}
    columns = {}
    for field, spellings in DEFAULT_COLUMNS.items():
        for spelling in spellings:
            if spelling.casefold() in lower:
                columns[field] = lower[spelling.casefold()]
                break
    codes = set()
    for methodology in index.methodologies.all():
        codes.update(c.code for c in methodology.components.all())
    for code in sorted(codes):
        if code.casefold() in lower:
            columns[code] = lower[code.casefold()]
    for field, header in (mapping or {}).items():
        columns[field] = header
    return columns


def _number(text):
    text = (text or "").strip().replace(" ", "")
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # Vietnamese decimal comma
    value = float(text)
    if not math.isfinite(value):  # "nan", "inf": float() takes them, a score is never one
        raise ValueError(text)
    return value


def parse(content, filename, index, mapping=None, drop=()):
    """Validate the whole file; returns (records, warnings) or raises ImportRejected (nothing written).

    `drop` leaves out fields (e.g. {"total", "rank", "tier"}) so that they are recomputed.
    """
    headers, rows = read_table(content, filename)
    return check_rows(headers, rows, filename, index, mapping, drop)


def check_rows(headers, rows, filename, index, mapping=None, drop=()):
    """The checks of `parse` on a table already read: (headers, [(row number, {header: text})]).
    Other apps hand their figures in this shape (surveys' provisional SIPAS) so one set of rules
    decides what a result may be."""
    columns = resolve_columns(headers, index, mapping)
    problems = []
    for field, header in columns.items():
        if header not in headers:
            problems.append(f"Tệp {filename}: không có cột '{header}' (ánh xạ cho '{field}').")
    for field in ("province", "year"):
        if field not in columns:
            problems.append(f"Tệp {filename}: thiếu cột {'tỉnh' if field == 'province' else 'năm'} (dòng 1).")
    if problems:
        raise ImportRejected(problems)
    methodologies = list(index.methodologies.prefetch_related("components"))
    component_codes = [f for f in columns if f not in DEFAULT_COLUMNS]
    records, warnings = [], []
    for number, row in rows:
        where = f"Tệp {filename}, dòng {number}"
        province_text = row.get(columns["province"], "")
        try:
            year = int(float(row.get(columns["year"], "")))
        except (ValueError, OverflowError):
            problems.append(
                f"{where}, cột '{columns['year']}': năm '{row.get(columns['year'], '')}' không hợp lệ."
            )
            continue
        methodology = next(
            (
                m
                for m in sorted(methodologies, key=lambda m: -m.year_from)
                if m.year_from <= year and (m.year_to is None or year <= m.year_to)
            ),
            None,
        )
        if methodology is None:
            problems.append(
                f"{where}, cột '{columns['year']}': chỉ số {index.code} chưa có phương pháp cho năm {year}."
            )
            continue
        if province_data.canonical(province_text) is None:
            problems.append(
                f"{where}, cột '{columns['province']}': không nhận ra tỉnh, thành phố '{province_text}'."
            )
            continue
        if not province_data.exists_in(province_data.canonical(province_text), year):
            problems.append(
                f"{where}, cột '{columns['province']}': {province_text} đã sáp nhập từ 01/7/2025, "
                f"kết quả năm {year} thuộc {province_data.successor_of(province_data.canonical(province_text))}."
            )
            continue
        maxima = {c.code: c.max_points for c in methodology.components.all()}
        values = {}
        for field in ["total", "rank", "tier", *component_codes]:
            if field not in columns or field in drop:
                continue
            text = row.get(columns[field], "")
            if field == "tier":
                values["tier"] = text
                continue
            try:
                value = _number(text)
            except ValueError:
                problems.append(f"{where}, cột '{columns[field]}': '{text}' không phải là số.")
                continue
            if value is None:
                continue
            if field == "rank":
                if value != int(value) or value < 1:
                    problems.append(
                        f"{where}, cột '{columns[field]}': xếp hạng '{text}' phải là số nguyên dương."
                    )
                    continue
                value = int(value)
            elif field == "total":
                top = methodology.total_max
                if value < 0 or (top is not None and value > top + 1e-6):
                    problems.append(
                        f"{where}, cột '{columns[field]}': tổng điểm {text} ngoài khoảng 0–{top:g}."
                    )
                    continue
            else:
                if field not in maxima:
                    if value is not None:
                        problems.append(
                            f"{where}, cột '{columns[field]}': năm {year} theo {methodology.code} không có thành phần {field}."
                        )
                    continue
                top = maxima[field]
                if value < 0 or (top is not None and value > top + 1e-6):
                    problems.append(f"{where}, cột '{columns[field]}': điểm {text} ngoài khoảng 0–{top:g}.")
                    continue
            values[field] = value
        records.append(
            {
                "row": number,
                "province": province_text,
                "year": year,
                "methodology": methodology,
                "values": values,
            }
        )
    if problems:
        raise ImportRejected(problems)
    seen = {}
    for rec in records:
        key = (province_data.canonical(rec["province"]), rec["year"])
        if key in seen:
            problems.append(f"Tệp {filename}, dòng {rec['row']}: trùng tỉnh và năm với dòng {seen[key]}.")
        seen[key] = rec["row"]
    if problems:
        raise ImportRejected(problems)
    return records, warnings


def import_results(
    content,
    filename,
    index_code,
    mapping=None,
    drop=(),
    source="",
    source_date=None,
    official=True,
    user=None,
    progress=None,
):
    """Import a results file. Returns the ImportBatch. Raises ImportRejected with every problem found."""
    headers, rows = read_table(content, filename)
    return import_rows(
        headers,
        rows,
        filename,
        index_code,
        sha=hashlib.sha256(content).hexdigest(),
        mapping=mapping,
        drop=drop,
        source=source,
        source_date=source_date,
        official=official,
        user=user,
        progress=progress,
    )


def import_rows(
    headers,
    rows,
    filename,
    index_code,
    sha,
    mapping=None,
    drop=(),
    source="",
    source_date=None,
    official=True,
    user=None,
    progress=None,
):
    """`import_results` on a table already read (see check_rows); `filename` names it in messages."""
    index = Index.objects.get(code=index_code)
    province_service.ensure()
    records, warnings = check_rows(headers, rows, filename, index, mapping, drop)
    if not source and index.code == "PAPI" and "papi_province_year" in filename:
        source = PAPI_SOURCE
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            index=index,
            filename=os.path.basename(filename),
            sha256=sha,
            rows=len(records),
            source=source or os.path.basename(filename),
            imported_by=user if user and user.pk else None,
        )
        provinces = {}
        existing = {(r.province_id, r.year, r.component_code): r for r in Result.objects.filter(index=index)}
        to_create, to_update = [], []
        for rec in progress(records) if progress else records:
            key = (province_data.canonical(rec["province"]), rec["year"] >= 2025)
            if key not in provinces:
                provinces[key] = province_service.resolve(rec["province"], rec["year"])
            province = provinces[key]
            if province is None:
                raise ImportRejected(
                    [
                        f"Tệp {filename}, dòng {rec['row']}: tỉnh '{rec['province']}' không tồn tại trong năm {rec['year']}."
                    ]
                )
            vals = rec["values"]
            figures = {code: vals[code] for code in vals if code not in ("total", "rank", "tier")}
            figures[Result.TOTAL] = vals.get("total")
            for code, score in figures.items():
                rank = vals.get("rank") if code == Result.TOTAL else None
                tier = vals.get("tier", "") if code == Result.TOTAL else ""
                if score is None and rank is None and not tier:
                    continue
                fields = {
                    "methodology": rec["methodology"],
                    "score": score,
                    "rank": rank,
                    "tier": tier,
                    "source": batch.source,
                    "source_date": source_date,
                    "official": official,
                    "batch": batch,
                }
                current = existing.get((province.pk, rec["year"], code))
                if current is None:
                    to_create.append(
                        Result(
                            index=index, province=province, year=rec["year"], component_code=code, **fields
                        )
                    )
                elif current.methodology_id != rec["methodology"].pk or any(
                    getattr(current, k) != v for k, v in fields.items() if k not in ("batch", "methodology")
                ):
                    for k, v in fields.items():
                        setattr(current, k, v)
                    to_update.append(current)
        Result.objects.bulk_create(to_create, batch_size=500)
        Result.objects.bulk_update(
            to_update,
            ["methodology", "score", "rank", "tier", "source", "source_date", "official", "batch"],
            batch_size=500,
        )
        batch.created, batch.updated, batch.warnings = len(to_create), len(to_update), warnings
        batch.save()
        audit.record(
            batch,
            "action",
            {"created": len(to_create), "updated": len(to_update), "sha256": sha},
            note=f"Nhập {len(records)} dòng kết quả {index.code} từ {batch.filename}",
        )
    from . import pagecache
    from .targets import evaluate_targets

    for year in sorted({rec["year"] for rec in records}):
        evaluate_targets(year)
    pagecache.schedule_warm(index)
    return batch


def today():
    return timezone.localdate() if timezone.is_aware(timezone.now()) else date.today()
