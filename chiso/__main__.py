"""The `chiso` command: Django management with chiso's settings."""

import os
import sys


def database_message(exc):
    """A database error as one Vietnamese line for the command line (no driver traceback, no SQL)."""
    from django.db import DataError, IntegrityError, OperationalError

    first = (str(exc).strip().splitlines() or [""])[0][:200]
    if isinstance(exc, OperationalError):
        return (
            "Lỗi: không làm việc được với cơ sở dữ liệu (kiểm tra DATABASE_URL, máy chủ PostgreSQL "
            f"có chạy và cho phép kết nối không). Chi tiết: {first}"
        )
    if isinstance(exc, DataError):
        return f"Lỗi: dữ liệu không hợp lệ đối với cơ sở dữ liệu (ví dụ ký tự NUL, số quá lớn). Chi tiết: {first}"
    if isinstance(exc, IntegrityError):
        return f"Lỗi: dữ liệu trùng hoặc thiếu liên kết, không ghi được. Chi tiết: {first}"
    return f"Lỗi cơ sở dữ liệu: {first}"


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(argv or sys.argv)
    except DatabaseError as exc:
        if os.environ.get("CHISO_TRACEBACK"):
            raise
        sys.stderr.write(database_message(exc) + "\n(Đặt CHISO_TRACEBACK=1 để xem chi tiết kỹ thuật.)\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
