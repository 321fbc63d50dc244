"""Background jobs of the indices (chiso.core.jobqueue)."""

from chiso.core.jobqueue import job_task

from .models import Index
from .services import pagecache


@job_task(kind="indices.warm_pages", resumable=True)
def warm_pages(job, *, index_code):
    """Compute and cache an index's page figures after an import (idempotent: rerun if interrupted)."""
    index = Index.objects.filter(code=index_code).first()
    return {"pages": pagecache.warm(index) if index else 0}
