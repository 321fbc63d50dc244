"""Checks on an uploaded plan or minutes file: type by extension and by content, size.

Issue 10 (security) is building one upload validator for the whole project; when it is on main this
module should call it instead of checking by itself.
"""

import hashlib

from django.core.exceptions import ValidationError

# extension: (content type, first bytes)
ALLOWED = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
    "pdf": ("application/pdf", b"%PDF"),
    "txt": ("text/plain", b""),
}
MAX_BYTES = 10 * 1024 * 1024


def check(upload, allowed=("docx", "pdf", "txt")):
    """(bytes, content type, sha256) of a valid upload; ValidationError with the file's name otherwise."""
    name = upload.name or "tệp"
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in allowed:
        raise ValidationError(f"Tệp “{name}”: chỉ nhận {', '.join(e.upper() for e in allowed)}.")
    if upload.size > MAX_BYTES:
        size = f"{upload.size / 1048576:.1f}".replace(".", ",")
        raise ValidationError(f"Tệp “{name}”: dung lượng {size} MB vượt quá 10 MB.")
    data = upload.read()
    upload.seek(0)
    content_type, magic = ALLOWED[ext]
    if not data.startswith(magic) or (ext == "txt" and b"\x00" in data[:4096]):
        raise ValidationError(f"Tệp “{name}”: nội dung không đúng định dạng .{ext}.")
    return data, content_type, hashlib.sha256(data).hexdigest()
