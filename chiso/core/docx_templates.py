"""The one way chiso fills a DOCX template (docxtpl): in a Jinja2 sandbox, with escaping.

Templates can be replaced by an administrator (directives.ReportTemplate, var/templates/…), so
their expressions are untrusted code. Rendering them in Jinja2's ImmutableSandboxedEnvironment
means `{{ cycler.__init__.__globals__.os.popen('id').read() }}` raises a SecurityError instead of
running a command; autoescape means text such as "‹bổ sung> & xác minh" is written as text into
the document's XML instead of breaking it (docxtpl's Listing/RichText/InlineImage carry their own
markup and are not escaped twice).
"""

import io

from django.core.exceptions import ValidationError
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError


class TemplateRejected(ValidationError):
    def __init__(self, message):
        super().__init__(message, code="template_rejected")

    def __str__(self):
        return self.messages[0]


def environment():
    return ImmutableSandboxedEnvironment(autoescape=True)


def open_template(template):
    """A DocxTemplate from a path or a file object (or the DocxTemplate itself)."""
    if isinstance(template, DocxTemplate):
        return template
    return DocxTemplate(template if hasattr(template, "read") else str(template))


def render(template, context):
    """The filled document as bytes; TemplateRejected (Vietnamese message) for an unsafe or broken template."""
    doc = open_template(template)
    try:
        doc.render(context, jinja_env=environment(), autoescape=True)
    except SecurityError as exc:
        raise TemplateRejected(f"Mẫu báo cáo có biểu thức không được phép ({exc}); mẫu không được dùng.")
    except TemplateSyntaxError as exc:
        raise TemplateRejected(f"Mẫu báo cáo sai cú pháp ở dòng {exc.lineno}: {exc.message}.")
    except TemplateError as exc:
        raise TemplateRejected(f"Mẫu báo cáo không điền được: {exc}.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def validate(upload):
    """Refuse, at upload time, a template that is broken or reaches outside the sandbox."""
    try:
        render(upload, {})
    finally:
        if hasattr(upload, "seek"):
            upload.seek(0)
