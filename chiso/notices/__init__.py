"""Reading CCHC conclusion notices into tasks. Pure Python: nothing here imports Django."""

from .errors import NoticeReadError
from .parser import parse_notice, parse_notice_file
from .reading import read_notice_bytes, read_notice_bytes_ex, read_notice_file, read_notice_file_ex

__all__ = [
    "NoticeReadError",
    "parse_notice",
    "parse_notice_file",
    "read_notice_bytes",
    "read_notice_bytes_ex",
    "read_notice_file",
    "read_notice_file_ex",
]
