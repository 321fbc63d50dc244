"""The province this installation serves, as of a date: the one source every page, report and import asks.

Its rows (`HomeProvince`) are written by `chiso setup-province` or a demo, never by code naming a
province. A date before the first row gets the first row (an installation set up in 2026 still
dates a 2024 dossier to its province), a date after a row's end gets its successor.
"""

from django.db.models import F
from django.utils import timezone

from chiso.core import memo


def _rows():
    from .models import HomeProvince

    # The first period may have no start: first on both databases (PostgreSQL sorts NULL last).
    # Asked by several cards and headers of one page: read once per request (chiso.core.memo).
    return list(  # a copy: callers may reorder it
        memo.per_request(
            "registry.home_province",
            lambda: list(
                HomeProvince.objects.select_related("agency").order_by(
                    F("valid_from").asc(nulls_first=True), "pk"
                )
            ),
        )
    )


def _today():
    return timezone.localdate()


def on(day=None):
    """The HomeProvince row valid on a day (today by default), or None before any setup."""
    day = day or _today()
    rows = _rows()
    if not rows:
        return None
    for row in rows:
        if row.valid_on(day):
            return row
    # Outside every period: the nearest one (the first before the start, the last after the end).
    return rows[0] if rows[0].valid_from and day < rows[0].valid_from else rows[-1]


def history():
    """Every period, oldest first: [(HomeProvince), ...]."""
    return _rows()


def name(day=None, default=""):
    """ "Lâm Đồng", "Hà Nội" — the bare name, as index tables and addresses write it."""
    row = on(day)
    return row.name if row else default


def full_name(day=None):
    """ "tỉnh Lâm Đồng", "thành phố Hà Nội"."""
    row = on(day)
    return f"{row.kind} {row.name}" if row else ""


def authority(day=None):
    """ "Ủy ban nhân dân tỉnh Lâm Đồng": the issuing authority of the province's documents."""
    row = on(day)
    return f"Ủy ban nhân dân {row.kind} {row.name}" if row else "Ủy ban nhân dân"


def authority_header(day=None):
    """ "UBND TỈNH LÂM ĐỒNG": the governing-body line above an agency's name (NĐ 30/2020, Phụ lục I)."""
    row = on(day)
    return f"UBND {row.kind} {row.name}".upper() if row else "ỦY BAN NHÂN DÂN"


def place(day=None):
    """The place name of a document's date line ("Lâm Đồng, ngày …"): the province's name."""
    return name(day)


def ubnd(day=None):
    """The UBND tỉnh Agency valid on a day, or None."""
    row = on(day)
    return row.agency if row else None


def codes():
    """Every national code the installation's province has had (old and new)."""
    return sorted({row.code for row in _rows()})


def set_history(periods):
    """Replace the province's history with [(code, name, kind, agency, valid_from, valid_to), ...].

    Called by setup-province and the demos inside their transaction. Rows are matched by (code,
    valid_from) so that a re-run keeps their ids and audit trail.
    """
    from .models import HomeProvince

    keep = []
    for code, name_, kind, agency, valid_from, valid_to in periods:
        row, _ = HomeProvince.objects.update_or_create(
            code=code,
            valid_from=valid_from,
            defaults={"name": name_, "kind": kind, "agency": agency, "valid_to": valid_to},
        )
        keep.append(row.pk)
    HomeProvince.objects.exclude(pk__in=keep).delete()
