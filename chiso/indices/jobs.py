"""Daily jobs: `chiso worker` queues each once a day at the configured hour (chiso.core.scheduler)."""

from .models import Index
from .services import pagecache


def warm_pages():
    """Chuẩn bị số liệu các trang chỉ số (phân tích, xếp hạng) cho tỉnh"""
    return [pagecache.warm(index) for index in Index.objects.all()]


DAILY = [warm_pages]
