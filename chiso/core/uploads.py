"""The one gate every uploaded file passes: its type is decided by its content, not its name.

`check(source, name, kinds)` returns the file's kind or raises `UploadRejected` (a Django
ValidationError, so forms and services show its Vietnamese message as they show any other):

- size: no more than `max_bytes` (default settings.CHISO_MAX_UPLOAD_MB);
- DOCX/XLSX: a real ZIP holding an Office Open XML package with the parts a Word document or a
  workbook must have ([Content_Types].xml, word/document.xml or xl/workbook.xml), no macros, no
  DOCTYPE (entity expansion) in its XML, and — read from the ZIP directory alone, before anything
  is decompressed — not expanding beyond `max_expanded` bytes nor more than MAX_RATIO times its
  size (decompression bombs: a 316 KB DOCX that expands to 97 MB is refused in milliseconds);
- PDF: a PDF header, and no active content (JavaScript, launch actions, embedded files, XFA);
- images by their signatures; text and CSV without NUL bytes (unless UTF-16 with a BOM) and not
  another format renamed (an HTML page, a ZIP, a PDF);
- XML (ODK submissions) without DOCTYPE or entities.

Python's zipfile never yields more bytes for a member than the directory declares (it stops and
fails the CRC check), so the declared sizes checked here bound what a reader will decompress.
"""

import io
import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

MB = 1024 * 1024
MAX_RATIO = 100  # real Office files compress 3–30×; bombs 300× and more
RATIO_FLOOR = 10 * MB  # a small file may compress very well; the ratio only matters above this
MAX_MEMBERS = 10000
DEFAULT_EXPANDED = {"docx": 60 * MB, "xlsx": 200 * MB}

OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
LABELS = {
    "docx": "Word .docx",
    "xlsx": "Excel .xlsx",
    "xls": "Excel .xls",
    "pdf": "PDF",
    "png": "ảnh PNG",
    "jpg": "ảnh JPG",
    "jpeg": "ảnh JPG",
    "csv": "CSV",
    "txt": "văn bản .txt",
    "xml": "XML",
}
IMAGE_MAGIC = {"png": (b"\x89PNG\r\n\x1a\n",), "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",)}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Signatures of formats that must not pass as text: ZIP, PDF, OLE, HTML/SVG pages, executables.
_NOT_TEXT = re.compile(
    rb"^\s*(PK\x03\x04|%PDF|\xd0\xcf\x11\xe0|MZ|\x7fELF|<!doctype\s+html|<html|<svg|<script)", re.I
)
# PDF names that run code or carry files; "#xx" escapes in names are decoded before matching.
_PDF_ACTIVE = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFile|EmbeddedFiles|RichMedia|XFA|SubmitForm|ImportData)\b"
)
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control(text):
    return _CONTROL.search(text) is not None


def control_character(value):
    """The first control character (NUL, ESC…) in a text cell as "U+0000", else None. Imports refuse
    them on every database: PostgreSQL rejects NUL outright, SQLite stored it and exports then failed."""
    match = _CONTROL.search(value) if isinstance(value, str) else None
    return f"U+{ord(match.group()):04X}" if match else None


class UploadRejected(ValidationError):
    def __init__(self, name, reason):
        self.reason = reason
        super().__init__(f"Tệp “{name}”: {reason}", code="upload_rejected")

    def __str__(self):
        return self.messages[0]


def extension(name):
    return Path(name or "").suffix.lower().lstrip(".")


def _mb(n):
    """Megabytes with a decimal comma (vi): 0,3; 97; 20."""
    value = n / MB
    text = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
    return text.replace(".", ",")


def _as_file(source):
    """A seekable binary file and its size, from bytes, a path or an (uploaded) file object."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return io.BytesIO(bytes(source)), len(source)
    if isinstance(source, (str, Path)):
        fh = open(source, "rb")  # noqa: SIM115 (closed by the caller through check())
        return fh, Path(source).stat().st_size
    fh = getattr(source, "file", source)
    size = getattr(source, "size", None)
    if size is None:
        fh.seek(0, io.SEEK_END)
        size = fh.tell()
    fh.seek(0)
    return fh, size


def check(source, name, kinds, *, max_bytes=None, max_expanded=None):
    """The file's kind (its extension, confirmed by its content) or UploadRejected."""
    name = Path(name or "tệp").name
    kinds = [k.lower() for k in kinds]
    kind = extension(name)
    if kind not in kinds:
        allowed = ", ".join(dict.fromkeys(LABELS.get(k, k) for k in kinds))
        raise UploadRejected(name, f"chỉ nhận tệp {allowed}.")
    limit = max_bytes if max_bytes is not None else settings.CHISO_MAX_UPLOAD_MB * MB
    fh, size = _as_file(source)
    try:
        if size > limit:
            raise UploadRejected(name, f"dung lượng {_mb(size)} MB vượt quá giới hạn {_mb(limit)} MB.")
        if size == 0:
            raise UploadRejected(name, "tệp rỗng.")
        if kind in OOXML_PARTS:
            _check_ooxml(fh, size, name, kind, max_expanded or DEFAULT_EXPANDED[kind])
        elif kind == "pdf":
            _check_pdf(fh, name)
        elif kind in IMAGE_MAGIC:
            if not fh.read(16).startswith(IMAGE_MAGIC[kind]):
                raise UploadRejected(name, f"nội dung không đúng định dạng {LABELS[kind]}.")
        elif kind == "xls":
            if fh.read(8) != OLE_MAGIC:
                raise UploadRejected(name, "nội dung không đúng định dạng Excel .xls.")
        elif kind in ("csv", "txt"):
            _check_text(fh, name, kind)
        elif kind == "xml":
            _check_xml(fh, name)
    finally:
        fh.seek(0)
        if isinstance(source, (str, Path)):
            fh.close()
    return kind


def check_upload(upload, kinds, **limits):
    """check() for a Django UploadedFile (its own name)."""
    return check(upload, upload.name, kinds, **limits)


def _check_ooxml(fh, size, name, kind, max_expanded):
    wrong = (
        f"nội dung không đúng định dạng {LABELS[kind]} (hãy mở bằng Word/Excel và lưu lại đúng định dạng)."
    )
    if fh.read(4) != b"PK\x03\x04":
        raise UploadRejected(name, wrong)
    fh.seek(0)
    try:
        archive = zipfile.ZipFile(fh)
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UploadRejected(name, wrong)
    if len(members) > MAX_MEMBERS:
        raise UploadRejected(
            name, f"có {len(members)} phần bên trong, quá nhiều để là một tệp {LABELS[kind]}."
        )
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or OOXML_PARTS[kind] not in names:
        raise UploadRejected(name, wrong)
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise UploadRejected(name, "chứa macro (VBA); hãy lưu lại dưới dạng tệp không có macro.")
    expanded = sum(m.file_size for m in members)
    if expanded > max_expanded or (expanded > RATIO_FLOOR and expanded > MAX_RATIO * max(size, 1)):
        raise UploadRejected(
            name,
            f"khi giải nén chiếm {_mb(expanded)} MB (tệp nén {_mb(size)} MB), vượt giới hạn an toàn; "
            "có thể là tệp “bom giải nén”.",
        )
    for member in members:
        if member.filename.endswith((".xml", ".rels")) and member.file_size:
            with archive.open(member) as part:
                head = part.read(2048)
            if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                raise UploadRejected(name, "chứa khai báo DOCTYPE/ENTITY không được phép trong tệp Office.")


def _check_pdf(fh, name):
    data = fh.read()
    if b"%PDF-" not in data[:1024]:
        raise UploadRejected(name, "nội dung không đúng định dạng PDF.")
    found = _pdf_active(data)
    if found is None:
        try:
            found = _pdf_active_in_streams(data)
        except Exception:  # pypdf raises many kinds for a damaged file
            # Unparseable: acceptable only if nothing is compressed, i.e. the byte scan saw it all.
            if b"/ObjStm" in data or b"/Filter" in data:
                raise UploadRejected(name, "tệp PDF bị hỏng, không kiểm tra được nội dung.")
            found = None
    if found:
        raise UploadRejected(
            name,
            f"tệp PDF có nội dung chạy được ({found}); hãy in lại ra PDF thường (Print to PDF) rồi tải lên.",
        )


def _pdf_active(raw):
    decoded = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
    match = _PDF_ACTIVE.search(decoded)
    return "/" + match.group(1).decode() if match else None


def _pdf_active_in_streams(data):
    """Names hidden in compressed object streams: let pypdf decode every object and look again."""
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, StreamObject

    reader = PdfReader(io.BytesIO(data), strict=False)
    for num in range(1, reader.trailer.get("/Size", 0)):
        try:
            obj = reader.get_object(num)
        except Exception:
            continue
        if isinstance(obj, DictionaryObject):
            keys = set(obj.keys())
            if isinstance(obj, StreamObject) and obj.get("/Type") == "/ObjStm":
                continue
            hits = keys & {"/JS", "/JavaScript", "/Launch", "/EmbeddedFiles", "/XFA", "/RichMedia"}
            if obj.get("/S") in ("/JavaScript", "/Launch", "/SubmitForm", "/ImportData"):
                hits.add(str(obj.get("/S")))
            if obj.get("/Type") == "/EmbeddedFile":
                hits.add("/EmbeddedFile")
            if hits:
                return sorted(hits)[0]
    return None


def _check_text(fh, name, kind):
    head = fh.read(64 * 1024)
    if _NOT_TEXT.match(head[:512]):
        raise UploadRejected(
            name, f"nội dung không phải tệp {LABELS[kind]} (là một định dạng khác bị đổi tên)."
        )
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadRejected(name, f"có ký tự NUL; không phải tệp {LABELS[kind]} văn bản.")


def _check_xml(fh, name):
    head = fh.read(64 * 1024).upper()
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise UploadRejected(name, "nội dung không phải XML.")
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise UploadRejected(name, "XML có khai báo DOCTYPE/ENTITY không được phép.")
