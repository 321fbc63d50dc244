"""Hostile files for the upload tests and bench/upload_bombs.py, built in memory (nothing on disk).

The sizes are those of the audit: a DOCX of ~316 KB expanding to 97 MB, an XLSX of ~893 KB
expanding to 231 MB (one huge XML part of repeated markup, deflated at level 9).
"""

import io
import zipfile
import zlib

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _zip_with_huge_part(main_part, expanded_bytes, filler=b"<w:r><w:t>a</w:t></w:r>"):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        info = zipfile.ZipInfo(main_part)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as part:
            chunk = filler * (1024 * 1024 // len(filler))
            written = 0
            while written < expanded_bytes:
                part.write(chunk)
                written += len(chunk)
    return out.getvalue()


def docx_bomb(expanded_mb=97):
    return _zip_with_huge_part("word/document.xml", expanded_mb * 1024 * 1024)


def xlsx_bomb(expanded_mb=231):
    return _zip_with_huge_part("xl/workbook.xml", expanded_mb * 1024 * 1024, b'<c r="A1"><v>1</v></c>')


def html_with_pk():
    """An HTML page whose first bytes are "PK": it used to pass as a .docx."""
    return b"PK<html><body><script>alert(document.cookie)</script></body></html>"


def pdf(extra_catalog=b""):
    """A minimal one-page PDF; extra_catalog is added to the document catalogue."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + extra_catalog + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def pdf_with_javascript():
    return pdf(b"/OpenAction << /S /JavaScript /JS (app.alert('x')) >> ")


def pdf_with_escaped_javascript():
    # "#4A" is "J": the same name written so that a naive byte search misses it.
    return pdf(b"/OpenAction << /S /#4AavaScript /#4AS (app.alert('x')) >> ")


def deflated(data):
    return zlib.compress(data, 9)
