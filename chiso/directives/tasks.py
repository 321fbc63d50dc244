"""Report generation as background jobs (chiso.core.jobqueue): the page queues it, a worker builds it,
the user downloads it from the job's page."""

from datetime import date

from chiso.core.jobqueue import job_task, output_file, progress

from .models import Directive
from .services import accountability, official

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@job_task(kind="directives.official_report", resumable=True)
def official_report(job, *, directive_id, start, end, fmt, agency_ids):
    """Báo cáo tình hình thực hiện (DOCX, XLSX or a ZIP of one DOCX per agency); rebuilt whole if interrupted."""
    directive = Directive.objects.get(pk=directive_id) if directive_id else None
    start, end = date.fromisoformat(start), date.fromisoformat(end)
    if fmt == "zip":

        def each(done, total):
            progress(job, done, total, f"Đang lập báo cáo đơn vị {done + 1}/{total}")

        data = official.per_agency_zip(directive, start, end, agency_ids=agency_ids, progress=each)
        return output_file(job, "bao-cao-theo-don-vi.zip", data, "application/zip")
    progress(job, 0, 1, "Đang lập báo cáo…")
    if fmt == "xlsx":
        data = official.report_xlsx(directive, start, end, agency_ids=agency_ids)
        return output_file(job, "bao-cao-tinh-hinh.xlsx", data, XLSX)
    data = official.report_docx(directive, start, end, agency_ids=agency_ids)
    return output_file(job, "bao-cao-tinh-hinh-thuc-hien.docx", data, DOCX)


@job_task(kind="directives.accountability_report", resumable=True)
def accountability_report(job, *, start, end, agency_ids):
    """Báo cáo kết quả thực hiện nhiệm vụ theo cơ quan, đơn vị (DOCX), for the agencies the asker may see."""
    start, end = date.fromisoformat(start), date.fromisoformat(end)
    progress(job, 0, 1, "Đang lập báo cáo…")
    rows = accountability.table(start, end, agency_ids=None if agency_ids is None else set(agency_ids))
    data = official.accountability_docx(rows, start, end)
    return output_file(job, f"bao-cao-trach-nhiem-{start:%Y%m%d}-{end:%Y%m%d}.docx", data, DOCX)
