"""Raw anonymous answers (XLSX, CSV): random sheet ids, day-level dates, rows in random-id order."""

from chiso.core import exports

from ..models import MULTIPLE
from .paper import columns


def table(wave, responses=None):
    """Header and rows of the raw answers; responses: the sheets the reader may see (default: all)."""
    responses = wave.responses.all() if responses is None else responses
    cols = [c for c, _ in columns(wave.questionnaire) if c not in ("so_phieu", "co_quan")]
    multiple = {q.code for q in wave.questionnaire.questions() if q.kind == MULTIPLE}
    header = ["ma_phieu", "ngay_nhan", "kenh", "co_quan", "nhom"] + cols
    rows = []
    for r in responses.select_related("agency").order_by("id"):
        line = [
            str(r.id)[:8],
            r.submitted_on.strftime("%d/%m/%Y"),
            r.get_channel_display(),
            r.agency.code if r.agency else "",
            r.group,
        ]
        for c in cols:
            v = r.answers.get(c)
            line.append(", ".join(v) if c in multiple and isinstance(v, list) else ("" if v is None else v))
        rows.append(line)
    return header, rows


def to_csv(wave, responses=None):
    return exports.csv_bytes(*table(wave, responses))


def to_xlsx(wave, responses=None):
    header, rows = table(wave, responses)
    return exports.xlsx(exports.Sheet("tra_loi", header, rows))
