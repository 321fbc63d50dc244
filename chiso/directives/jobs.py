"""Daily jobs: `chiso worker` queues each once a day at the configured hour (chiso.core.scheduler)."""

from .services import notify, reminders


def run_reminders():
    """Nhắc việc, đôn đốc nhiệm vụ sắp đến hạn và quá hạn"""
    return reminders.run()


def send_digest():
    """Thư tổng hợp thông báo trong ngày"""
    return notify.digest()


DAILY = [run_reminders, send_digest]
