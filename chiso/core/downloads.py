"""One way to send a generated file: FileResponse (Content-Disposition with the RFC 6266 filename* for
Vietnamese names, Content-Length), never cached by a shared proxy. Tables go through core.exports."""

import io

from django.http import FileResponse

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP = "application/zip"


def attachment(data, filename, content_type=None):
    response = FileResponse(
        io.BytesIO(data), as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
