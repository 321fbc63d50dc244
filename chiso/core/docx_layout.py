"""python-docx building blocks for the docxtpl templates of official reports in the layout of
Nghị định 30/2020/NĐ-CP (Phụ lục I): A4 page, Times New Roman, the two-column header with the issuing
agency / số and Quốc hiệu–Tiêu ngữ / địa danh–ngày, the "Nơi nhận" and signature block.

Each template script still decides its own sizes and spacing and passes them in, so one document can be
retouched without moving the others. Plain python-docx, no Django: the scripts run without settings.
"""

from collections.abc import Sequence
from typing import NamedTuple

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


class Line(NamedTuple):
    """One paragraph of a header, recipients or signature cell.

    space_after=None leaves the paragraph on the style's spacing, for documents whose look relies on it.
    """

    text: str
    size: float
    bold: bool = False
    italic: bool = False
    space_after: float | None = 0


def new_document(*, size, margins=(2, 2, 3, 2), font=FONT):
    """An A4 portrait document; margins in cm as (top, bottom, left, right)."""
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
        Cm(m) for m in margins
    )
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = font, Pt(size)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    return doc


def style_run(run, size=None, *, bold=False, italic=False, font=None):
    """font=None lets the run follow the paragraph style, so a clerk's change of the Normal font reaches it."""
    if font:
        run.font.name = font
        # Word picks the East Asian slot for some Vietnamese characters; without it they fall back to another face.
        run._element.rPr.rFonts.set(qn("w:eastAsia"), font)
    if size is not None:
        run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    return run


def format_paragraph(
    p,
    text="",
    *,
    size=None,
    bold=False,
    italic=False,
    align=None,
    space_after=None,
    line_spacing=None,
    first_line_indent=None,
    font=None,
):
    """Write text into an existing paragraph; space_after=None keeps the style's spacing."""
    fmt = p.paragraph_format
    if align is not None:
        p.alignment = align
    if space_after is not None:
        fmt.space_before, fmt.space_after = Pt(0), Pt(space_after)
    if line_spacing is not None:
        fmt.line_spacing = line_spacing
    if first_line_indent is not None:
        fmt.first_line_indent = Cm(first_line_indent)
    if text:
        style_run(p.add_run(text), size, bold=bold, italic=italic, font=font)
    return p


def paragraph(container, text="", *, size=13, space_after=0, **kw):
    """A new paragraph in a document or cell; first_line_indent is in cm."""
    return format_paragraph(container.add_paragraph(), text, size=size, space_after=space_after, **kw)


def cell_text(cell, text, **kw):
    """Write into the paragraph every new cell already has, instead of leaving it empty above the text."""
    return format_paragraph(cell.paragraphs[0], text, **kw)


def fill_cell(cell, lines: Sequence[Line], *, align=None, font=None):
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        format_paragraph(
            p,
            line.text,
            size=line.size,
            bold=line.bold,
            italic=line.italic,
            align=align,
            space_after=line.space_after,
            font=font,
        )


def no_borders(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def set_widths(table, widths_cm):
    # Word lays a table out from the cell widths, LibreOffice from the grid columns: set both so they agree.
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def two_columns(
    doc,
    left: Sequence[Line],
    right: Sequence[Line],
    widths_cm,
    *,
    left_align=CENTER,
    right_align=CENTER,
    table_align=None,
    font=None,
):
    """A borderless two-cell row, the frame of both the NĐ 30 header and the Nơi nhận / signature block."""
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    if table_align is not None:
        table.alignment = table_align
    set_widths(table, widths_cm)
    left_cell, right_cell = table.rows[0].cells
    fill_cell(left_cell, left, align=left_align, font=font)
    fill_cell(right_cell, right, align=right_align, font=font)
    return table


def nd30_header(doc, agency: Sequence[Line], national: Sequence[Line], widths_cm, *, font=None):
    """Cơ quan ban hành and số on the left, Quốc hiệu–Tiêu ngữ and địa danh–ngày on the right, all centred."""
    return two_columns(doc, agency, national, widths_cm, table_align=WD_TABLE_ALIGNMENT.CENTER, font=font)


def recipients(items, *, size=11, heading_size=12, heading_space_after=0):
    return [Line("Nơi nhận:", heading_size, bold=True, italic=True, space_after=heading_space_after)] + [
        Line(item, size) for item in items
    ]


def signer(title, name, *, size=14, blank_lines=3):
    """Title and name with room between them for the signature and seal."""
    return [Line(title, size, bold=True)] + [Line("", size)] * blank_lines + [Line(name, size, bold=True)]


def recipients_and_signature(
    doc, recipient_lines: Sequence[Line], signer_lines: Sequence[Line], widths_cm, *, font=None
):
    # Left-anchored, not centred, so that "Nơi nhận" lines up with the body text's left margin.
    return two_columns(doc, recipient_lines, signer_lines, widths_cm, left_align=None, font=font)


def loop_table(
    doc,
    headings,
    loop,
    cells,
    widths_cm,
    *,
    size=12,
    font=FONT,
    centred=True,
    heading_space_after=None,
    align=WD_TABLE_ALIGNMENT.CENTER,
):
    """A grid table whose cells row docxtpl repeats once per item of `loop` (e.g. "r in agencies").

    docxtpl wants the {%tr %} tags in rows of their own, so the rows are: headings, for, cells, endfor.
    """
    table = doc.add_table(rows=4, cols=len(headings))
    table.style = "Table Grid"
    if align is not None:
        table.alignment = align
    for cell, text in zip(table.rows[0].cells, headings):
        cell_text(
            cell,
            text,
            size=size,
            bold=True,
            align=CENTER if centred else None,
            font=font,
            space_after=heading_space_after,
        )
    # docxtpl drops the tag rows; formatting them only keeps the template compact for the clerk who edits it.
    cell_text(table.rows[1].cells[0], "{%tr for " + loop + " %}", size=size, font=font)
    for i, (cell, text) in enumerate(zip(table.rows[2].cells, cells)):
        # The second column holds names and task texts, which read better flush left than centred.
        cell_align = (LEFT if i == 1 else CENTER) if centred else None
        cell_text(cell, text, size=size, align=cell_align, font=font)
    cell_text(table.rows[3].cells[0], "{%tr endfor %}", size=size, font=font)
    set_widths(table, widths_cm)
    return table
