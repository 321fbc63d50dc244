"""Building DOCX and PDF versions of the seed notice inside the tests, as Word and a PDF printer would.

The seed TXT is a copy-paste of a real notice: its page breaks split three paragraphs and its footnotes
sit where the page ended. Here the paragraphs are whole again, each split becomes an explicit page
break inside the paragraph, and the footnotes become real footnotes.
"""

import io
import re
from pathlib import Path

# Everything the tests read is in the repository: the seed ships once, with the demo
# (chiso/directives/data); its gold reading and the project's scorer are in tests/data (see its README).
DATA = Path(__file__).resolve().parent / "data"
SEED = Path(__file__).resolve().parents[2] / "directives" / "data" / "thong-bao-ket-luan-par-index-2021.txt"
GOLD = DATA / "thong-bao-ket-luan-par-index-2021.gold.json"
SCORER = DATA / "score_notice.py"

_NOTE_RE = re.compile(r"^([¹²³])\s+(.*)$")


def seed_paragraphs(text):
    """[(paragraph, [split offsets])], {mark: footnote text} from the seed TXT."""
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text)]
    notes, paras = {}, []
    for block in blocks:
        m = _NOTE_RE.match(block)
        if m:
            notes[m.group(1)] = m.group(2)
            continue
        if paras and block[:1].islower() and paras[-1][0][-1:] not in ".:;":
            prev, splits = paras[-1]
            paras[-1] = (prev + " " + block, splits + [len(prev)])
            continue
        paras.append((block, []))
    return paras, notes


def _runs(text):
    """Split "**bold**" markup and ¹ marks into (kind, text) runs."""
    for part in re.split(r"(\*\*[^*]+\*\*|[¹²³])", text):
        if not part:
            continue
        if part.startswith("**"):
            yield "bold", part.strip("*")
        elif part in "¹²³":
            yield "note", part
        else:
            yield "text", part.replace("*** ", "").replace("**", "")


def make_docx(text, *, header=True, numbering_style=False):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    paras, notes = seed_paragraphs(text)
    d = docx.Document()
    if header:
        table = d.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN"
        table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        table.cell(1, 0).text = "Số: 2750/TB-UBND"
        table.cell(1, 1).text = "Bình Thuận, ngày 05 tháng 8 năm 2022"
    note_ids = {}
    for body, splits in paras:
        p = d.add_paragraph()
        pos = 0
        cut_points = list(splits)
        for kind, chunk in _runs(body):
            if kind == "note":
                nid = note_ids.setdefault(chunk, len(note_ids) + 1)
                run = p.add_run()
                rpr = run._r.get_or_add_rPr()
                rpr.append(
                    parse_xml(
                        '<w:vertAlign xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="superscript"/>'
                    )
                )
                ref = parse_xml(
                    f'<w:footnoteReference xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:id="{nid}"/>'
                )
                run._r.append(ref)
                pos += len(chunk)
                continue
            # A page break inside the paragraph where the TXT had it split.
            while cut_points and pos <= cut_points[0] < pos + len(chunk):
                k = cut_points.pop(0) - pos
                run = p.add_run(chunk[:k])
                run.bold = kind == "bold"
                p.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
                chunk, pos = chunk[k:].lstrip(), pos + k + 1
            run = p.add_run(chunk)
            run.bold = kind == "bold"
            pos += len(chunk)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    items = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
    ]
    for mark, nid in note_ids.items():
        items.append(
            f'<w:footnote w:id="{nid}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {notes[mark]}</w:t></w:r></w:p></w:footnote>'
        )
    blob = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{w}">{"".join(items)}</w:footnotes>'.encode()
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        blob,
        d.part.package,
    )
    d.part.relate_to(part, RT.FOOTNOTES)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_pdf(text):
    import html

    import weasyprint

    paras, notes = seed_paragraphs(text)
    out = []
    for body, splits in paras:
        pieces, last = [], 0
        for cut in splits:
            pieces.append(body[last:cut])
            last = cut + 1
        pieces.append(body[last:])
        rendered = []
        for piece in pieces:
            h = html.escape(piece.replace("*** ", "").replace("**", ""))
            for mark, note in notes.items():
                h = h.replace(mark, f'<span class="fn">{html.escape(note)}</span>')
            rendered.append(h)
        lines = body.split("\n")
        if len(lines) > 1 and not splits:  # signature block and recipients keep their lines
            out.append("<p class='keep'>" + "<br>".join(html.escape(x) for x in lines) + "</p>")
            continue
        out.append(f"<p>{rendered[0]}</p>" + "".join(f'<p class="cont">{r}</p>' for r in rendered[1:]))
    css = """@page { size: A4; margin: 20mm 20mm 20mm 30mm; }
    body { font-family: 'DejaVu Serif', serif; font-size: 13pt; }
    p { margin: 0 0 6pt 0; text-indent: 10mm; text-align: justify; }
    p.keep { text-indent: 0; text-align: left; }
    .fn { float: footnote; font-size: 10pt; }
    .cont { break-before: page; text-indent: 0; }"""
    doc = f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{''.join(out)}</body></html>"
    return weasyprint.HTML(string=doc).write_pdf()
