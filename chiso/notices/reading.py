"""Turning a notice file (TXT, DOCX, PDF with a text layer) into plain NFC text.

The output is what the parser reads: one paragraph per line, blank lines between paragraphs, a form
feed where the document had an explicit page break, footnotes as "¹ text" lines at the end and
their references as superscript marks in the running text. Anything we cannot read raises
NoticeReadError with a Vietnamese message that tells the officer what to upload instead.
"""

import io
import os
import re
import statistics
import zipfile

from .errors import NoticeReadError
from .vietnamese import VIETNAMESE_ONLY, from_superscript, nfc, superscript

MAX_BYTES = 20 * 1024 * 1024
TEXT_EXTENSIONS = {".txt", ".text"}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Characters TCVN3 (ABC) fonts put where Vietnamese letters should be; none is Vietnamese itself.
_TCVN3_CHARS = set("¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾ÆÇËÎÏÑÖ×ÞßäåæçëîïñöøûüþÐØÜ÷")
# VNI-Windows writes a base vowel followed by a Latin-1 letter standing for the tone or hat.
# ("uâ", "iê", "yê" are real Vietnamese, so only the pairs Vietnamese never writes count.)
_VNI_RE = re.compile(r"[aeiouyAEIOUY][ùøûõïåäÙØÛÕÏÅÄ]|[aeoAEO][âÂ]|[aA][êÊ]|[ñÑöÖ]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")

MSG_EMPTY = "Tệp rỗng: không có nội dung văn bản. Hãy kiểm tra lại tệp và tải lên bản có nội dung."
MSG_DOC = (
    "Tệp Word 97-2003 (.doc) chưa được hỗ trợ. Hãy mở tệp trong Word hoặc LibreOffice, "
    "chọn Lưu thành (Save As) định dạng .docx rồi tải lên lại."
)
MSG_SCANNED = (
    "Tệp PDF này không có lớp văn bản (bản scan/ảnh chụp), cần OCR mới đọc được. "
    "Hãy tải lên bản DOCX hoặc PDF xuất trực tiếp từ Word của văn bản."
)
MSG_TCVN3 = (
    "Văn bản dùng bảng mã TCVN3 (ABC, phông .VnTime) cũ, không phải Unicode. Hãy chuyển mã sang Unicode "
    "(Unikey: Công cụ chuyển mã, TCVN3 → Unicode) rồi tải lên lại."
)
MSG_VNI = (
    "Văn bản dùng bảng mã VNI (phông VNI-Times) cũ, không phải Unicode. Hãy chuyển mã sang Unicode "
    "(Unikey: Công cụ chuyển mã, VNI Windows → Unicode) rồi tải lên lại."
)
MSG_BINARY = (
    "Tệp không phải văn bản đọc được (dữ liệu nhị phân hoặc bị hỏng). "
    "Hãy tải lên tệp TXT, DOCX hoặc PDF của thông báo."
)
MSG_TOO_BIG = "Tệp quá lớn (tối đa 20 MB). Hãy tải lên bản DOCX hoặc PDF không kèm ảnh."


def _unsupported(ext):
    shown = ext or "(không có phần mở rộng)"
    return NoticeReadError(
        f"Định dạng tệp {shown} không được hỗ trợ. Chỉ nhận tệp .txt, .docx hoặc .pdf.", code="unsupported"
    )


def read_notice_file(path):
    """The text of a notice file, NFC-normalised; NoticeReadError when it cannot be read."""
    return read_notice_file_ex(path)[0]


def read_notice_file_ex(path):
    """(text, warnings) of a notice file: warnings name what could not be read (image-only pages …)."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise NoticeReadError(MSG_TOO_BIG, code="too_big")
        with open(path, "rb") as fh:
            data = fh.read()
    except NoticeReadError:
        raise
    except OSError as exc:
        raise NoticeReadError(
            f"Không mở được tệp {path}: {exc.strerror or exc}. Hãy kiểm tra đường dẫn và quyền đọc.",
            code="io",
        ) from None
    return read_notice_bytes_ex(data, os.path.basename(path))


def read_notice_bytes(data, filename):
    """As read_notice_file, for bytes already in memory (an upload)."""
    return read_notice_bytes_ex(data, filename)[0]


def read_notice_bytes_ex(data, filename):
    """(text, warnings) for bytes already in memory."""
    ext = os.path.splitext(filename or "")[1].lower()
    warnings = []
    if len(data) > MAX_BYTES:
        raise NoticeReadError(MSG_TOO_BIG, code="too_big")
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise NoticeReadError(MSG_EMPTY, code="empty")
    try:
        # The content decides before the name: officers rename files freely.
        if data.startswith(OLE_MAGIC):
            raise NoticeReadError(MSG_DOC, code="legacy_doc")
        pdf_at = data.find(b"%PDF-", 0, 1024)
        if pdf_at >= 0:
            # PDF readers accept junk before the header (mail gateways and some signing tools add it).
            if pdf_at:
                warnings.append(f"Tệp PDF có {pdf_at} byte lạ trước phần đầu %PDF-; đã bỏ qua để đọc.")
            text = _read_pdf(data[pdf_at:], warnings)
        elif data.startswith(b"PK\x03\x04"):
            text = _read_docx(data, ext)
        elif data.lstrip().startswith(b"{\\rtf"):
            raise NoticeReadError(
                "Tệp RTF chưa được hỗ trợ. Hãy lưu thành .docx rồi tải lên lại.", code="unsupported"
            )
        elif ext == ".doc":
            raise NoticeReadError(MSG_DOC, code="legacy_doc")
        elif ext in TEXT_EXTENSIONS or ext == "":
            text = _read_text(data)
        elif ext in (".docx", ".pdf"):
            raise NoticeReadError(
                f"Tệp có đuôi {ext} nhưng nội dung không phải {ext[1:].upper()} (tệp hỏng hoặc đổi tên). "
                "Hãy xuất lại tệp từ Word và tải lên.",
                code="corrupt",
            )
        else:
            raise _unsupported(ext)
    except NoticeReadError:
        raise
    except Exception as exc:  # a library choking on a damaged file must not reach the user as a traceback
        raise NoticeReadError(
            f"Tệp bị hỏng hoặc không đọc được ({type(exc).__name__}). "
            "Hãy mở và lưu lại tệp bằng Word (định dạng .docx) rồi tải lên.",
            code="corrupt",
        ) from None
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NoticeReadError(MSG_EMPTY, code="empty")
    check_legacy_encoding(text)
    return text, warnings


def legacy_encoding(text):
    """ "TCVN3", "VNI" or None, from the characters legacy fonts leave behind."""
    sample = text[:20000]
    letters = sum(1 for c in sample if c.isalpha()) or 1
    viet = sum(1 for c in sample if c in VIETNAMESE_ONLY)
    tcvn = sum(1 for c in sample if c in _TCVN3_CHARS)
    vni = len(_VNI_RE.findall(sample))
    # The two share some Latin-1 letters; VNI's give themselves away by following a vowel.
    if vni >= 3 and vni / letters > 0.005 and vni > viet and vni * 2 >= tcvn:
        return "VNI"
    if tcvn >= 3 and tcvn / letters > 0.01 and tcvn > viet:
        return "TCVN3"
    return None


def check_legacy_encoding(text):
    kind = legacy_encoding(text)
    if kind == "TCVN3":
        raise NoticeReadError(MSG_TCVN3, code="tcvn3")
    if kind == "VNI":
        raise NoticeReadError(MSG_VNI, code="vni")


def _read_text(data):
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        zeros = data[:4000].count(0)
        if zeros > len(data[:4000]) // 4:
            # UTF-16 without a byte-order mark: every other byte of Latin text is NUL.
            even_zeros = data[:4000:2].count(0)
            text = data.decode("utf-16-be" if even_zeros > zeros // 2 else "utf-16-le", errors="replace")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                # Windows-1258 writes tones as combining marks; read() NFC-normalises them afterwards.
                text = data.decode("cp1258", errors="replace")
    sample = text[:20000]
    bad = len(_CONTROL_RE.findall(sample)) + sample.count("\ufffd")
    if not sample.strip() or bad > max(3, len(sample) // 100):
        raise NoticeReadError(MSG_BINARY, code="binary")
    return text


# ---------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _read_docx(data, ext):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile:
        raise NoticeReadError(
            "Tệp DOCX bị hỏng (không giải nén được). Hãy lưu lại tệp bằng Word rồi tải lên.", code="corrupt"
        ) from None
    if "word/document.xml" not in names:
        raise _unsupported(ext or ".zip")
    _check_expansion(data)
    import docx  # python-docx; imported here so TXT-only use does not need lxml loaded

    document = docx.Document(io.BytesIO(data))
    reader = _DocxReader(document)
    return reader.text()


MAX_UNZIPPED = 200 * 1024 * 1024  # what a real DOCX of a notice never comes near
MAX_RATIO = 200
MSG_BOMB = (
    "Tệp DOCX bị từ chối: khi giải nén, nội dung lớn bất thường ({size}) so với tệp tải lên "
    "(dấu hiệu tệp nén độc hại hoặc hỏng). Hãy lưu lại văn bản bằng Word rồi tải lên."
)


def _check_expansion(data):
    """Refuse a zip bomb before any XML is parsed: by the declared sizes, then by actually inflating
    the parts in chunks with a running cap (declared sizes can lie)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        if len(infos) > 5000:
            raise NoticeReadError(MSG_BOMB.format(size=f"{len(infos)} phần"), code="bomb")
        declared = sum(i.file_size for i in infos)
        if declared > MAX_UNZIPPED or declared > MAX_RATIO * max(len(data), 1) + 10 * 1024 * 1024:
            raise NoticeReadError(MSG_BOMB.format(size=f"{declared // (1024 * 1024)} MB"), code="bomb")
        total = 0
        for info in infos:
            with zf.open(info) as fh:
                while True:
                    chunk = fh.read(1024 * 1024)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > MAX_UNZIPPED or total > MAX_RATIO * len(data) + 10 * 1024 * 1024:
                        raise NoticeReadError(
                            MSG_BOMB.format(size=f"hơn {total // (1024 * 1024)} MB"), code="bomb"
                        )


class _DocxReader:
    def __init__(self, document):
        self.document = document
        self.footnote_numbers = {}  # footnote id in XML -> number shown
        self.numbering = _Numbering(document)

    def text(self):
        lines = []
        body = self.document.element.body
        self._block(body, lines)
        notes = self._footnotes()
        if notes:
            lines.append("")
            for number, note in notes:
                lines.append(f"{superscript(number)} {note}")
                lines.append("")
        return "\n".join(lines)

    def _block(self, parent, lines):
        for child in parent.iterchildren():
            tag = child.tag
            if tag == _W + "p":
                self._paragraph(child, lines)
            elif tag == _W + "tbl":
                if not self._task_table(child, lines):
                    for row in child.iter(_W + "tr"):
                        for cell in row.iterchildren(_W + "tc"):
                            self._block(cell, lines)
                            lines.append("")
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self._block(content, lines)

    def _task_table(self, tbl, lines):
        """A table whose header assigns work (Nhiệm vụ / chủ trì / phối hợp / thời gian) as markdown
        rows, one line per row, so the parser reads it by columns; False for any other table (the
        letterhead is a table too)."""
        from .tables import header_roles

        trs = list(tbl.iterchildren(_W + "tr"))
        # a header cell often breaks its words over paragraphs ("Trách nhiệm" / "thực hiện")
        plain = [
            [
                " ".join("".join(t.text or "" for t in p.iter(_W + "t")) for p in tc.iter(_W + "p"))
                for tc in tr.iterchildren(_W + "tc")
            ]
            for tr in trs[:3]
        ]
        if not any(header_roles(row) for row in plain):
            return False
        rows = []
        for tr in trs:
            cells = []
            for tc in tr.iterchildren(_W + "tc"):
                inner = []
                self._block(tc, inner)
                cells.append(" ".join(" ".join(x.split()) for x in inner if x.strip()).replace("|", "/"))
            rows.append(cells)
        head = next((k for k, row in enumerate(rows[:3]) if header_roles(row)), None)
        if head is None:
            return False
        lines.append("")
        for row in rows[head:]:
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
        return True

    def _paragraph(self, p, lines):
        parts = []
        page_break = False
        for el in p.iter():
            tag = el.tag
            if tag == _W + "t":
                parts.append(el.text or "")
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                if el.get(_W + "type") == "page":
                    page_break = True
                    parts.append("\n\f\n")
                else:
                    parts.append("\n")
            elif tag == _W + "footnoteReference":
                fid = el.get(_W + "id")
                number = self.footnote_numbers.setdefault(fid, len(self.footnote_numbers) + 1)
                parts.append(superscript(number))
        text = "".join(parts)
        prefix = self.numbering.label(p)
        if prefix and text.strip():
            text = prefix + " " + text.lstrip()
        if not text.strip() and not page_break:
            lines.append("")
            return
        lines.append(text)
        lines.append("")

    def _footnotes(self):
        part = None
        for rel in self.document.part.rels.values():
            if rel.reltype == _FOOTNOTES_RT and not rel.is_external:
                part = rel.target_part
                break
        if part is None:
            return []
        from lxml import etree

        root = etree.fromstring(part.blob)
        out = []
        for note in root.iterchildren(_W + "footnote"):
            if note.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            fid = note.get(_W + "id")
            text = " ".join(
                "".join(t.text or "" for t in p.iter(_W + "t")).strip() for p in note.iter(_W + "p")
            )
            text = " ".join(text.split())
            if not text:
                continue
            number = self.footnote_numbers.get(fid)
            if number is None:
                number = self.footnote_numbers[fid] = len(self.footnote_numbers) + 1
            out.append((number, text))
        out.sort()
        return out


class _Numbering:
    """Word's automatic numbering ("1.", "1.1.", "a)", bullets), which python-docx does not render.

    Counters run per list (numId) and reset deeper levels when a level advances, which is what Word
    shows for the outline lists directives use.
    """

    _FORMATS = {
        "decimal": str,
        "lowerLetter": lambda n: "abcdefghiklmnopqrstuvxy"[(n - 1) % 23],
        "upperLetter": lambda n: "ABCDEFGHIKLMNOPQRSTUVXY"[(n - 1) % 23],
        "lowerRoman": lambda n: _roman(n).lower(),
        "upperRoman": lambda n: _roman(n),
    }

    def __init__(self, document):
        self.levels = {}  # numId -> {ilvl: (fmt, lvlText, start)}
        self.counters = {}
        self.styles = {}
        try:
            numbering = document.part.numbering_part.element
        except Exception:
            return
        abstract = {}
        for an in numbering.iterchildren(_W + "abstractNum"):
            lv = {}
            for lvl in an.iterchildren(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl", "0"))
                fmt = _val(lvl.find(_W + "numFmt")) or "decimal"
                text = _val(lvl.find(_W + "lvlText"))
                start = int(_val(lvl.find(_W + "start")) or 1)
                lv[ilvl] = (fmt, text if text is not None else "", start)
            abstract[an.get(_W + "abstractNumId")] = lv
        for num in numbering.iterchildren(_W + "num"):
            aid = _val(num.find(_W + "abstractNumId"))
            self.levels[num.get(_W + "numId")] = abstract.get(aid, {})
        try:
            for style in document.styles.element.iterchildren(_W + "style"):
                ppr = style.find(_W + "pPr")
                numpr = ppr.find(_W + "numPr") if ppr is not None else None
                if numpr is not None:
                    self.styles[style.get(_W + "styleId")] = (
                        _val(numpr.find(_W + "numId")),
                        int(_val(numpr.find(_W + "ilvl")) or 0),
                    )
        except Exception:
            pass

    def label(self, p):
        ppr = p.find(_W + "pPr")
        if ppr is None:
            return ""
        numpr = ppr.find(_W + "numPr")
        num_id, ilvl = None, 0
        if numpr is not None:
            num_id = _val(numpr.find(_W + "numId"))
            ilvl = int(_val(numpr.find(_W + "ilvl")) or 0)
        else:
            style = _val(ppr.find(_W + "pStyle"))
            if style in self.styles:
                num_id, ilvl = self.styles[style]
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        fmt, template, start = levels[ilvl]
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return template.strip()

        def sub(m):
            level = int(m.group(1)) - 1
            lfmt, _t, lstart = levels.get(level, ("decimal", "", 1))
            value = counters.get(level, lstart)
            return self._FORMATS.get(lfmt, str)(value)

        return re.sub(r"%(\d)", sub, template).strip()


def _val(el):
    return None if el is None else el.get(_W + "val")


def _roman(n):
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


# ---------------------------------------------------------------- PDF

_PAGE_NUMBER_RE = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")


def _line_text(line, body_size):
    """The line's text with small raised digits (footnote calls) turned into superscript marks."""
    text = line["text"]
    chars = [c for c in line.get("chars", []) if c.get("text", "").strip()]
    if not chars or not body_size:
        return text, False
    small_flags = [c.get("size", body_size) < body_size * 0.85 for c in chars]
    is_note = sum(small_flags) > 0.8 * len(small_flags)
    if not is_note:
        out = []
        j = 0
        for ch in text:
            if j < len(chars) and ch == chars[j]["text"]:
                small = ch.isdigit() and chars[j].get("size", body_size) < body_size * 0.8
                out.append(superscript(ch) if small else ch)
                j += 1
            else:
                out.append(ch)
        text = "".join(out)
    else:
        # Footnote text sits at the page foot in a smaller size: "1. Khó khăn ..." -> "¹ Khó khăn ...".
        m = re.match(r"^(\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)[.)]?\s+(.*)$", line["text"])
        if m:
            digits = m.group(1)
            mark = digits if not digits.isdigit() else superscript(digits)
            return f"{mark} {m.group(2)}", True
    return text, is_note


def _read_pdf(data, warnings=None):
    """PDF text through PDFium (fast), paragraphs rebuilt from line geometry; pdfplumber only for the
    pages that hold a task table, whose rows become markdown rows."""
    import pypdfium2 as pdfium

    warnings = warnings if warnings is not None else []
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception:
        raise NoticeReadError(
            "Tệp PDF bị hỏng hoặc có mật khẩu. Hãy xuất lại PDF từ Word hoặc tải lên bản DOCX.",
            code="corrupt",
        ) from None
    out, notes = [], []
    chars = 0
    image_only, garbled = [], []
    table_pages = []
    plumber = None
    open_cols = 0  # columns of a task table that ran to the end of the previous page
    try:
        prev = None  # the last body line kept, across pages
        for index in range(len(pdf)):
            page = pdf[index]
            lines, has_images = _pdfium_lines(page)
            lines = [ln for ln in lines if not _PAGE_NUMBER_RE.match(ln["text"])]
            if not lines:
                if has_images:
                    image_only.append(index + 1)
                continue
            page_text = " ".join(ln["text"] for ln in lines)
            if _garbled(page_text):
                garbled.append(index + 1)
                continue
            chars += len(page_text)
            # pdfplumber's table finder costs ~0.2-0.8 s a page, so it runs only where a task table
            # can be: a page with a short run naming a lead column ("Cơ quan chủ trì", a header
            # cell, not "… chủ trì, phối hợp …" in prose) and ruled lines, or the page after one
            # whose task table ran on (a long table's next pages repeat no header).
            header_cell = _header_cells(lines)
            if (header_cell or open_cols) and _has_rules(page):
                if plumber is None:
                    import pdfplumber

                    plumber = pdfplumber.open(io.BytesIO(data))
                was_open = open_cols
                found, open_cols = _page_tables(plumber.pages[index], open_cols)
                if was_open and found:
                    _join_split_row(out, found[0][2])
                if found:
                    table_pages.append(index)
                    lines = _replace_table_lines(lines, found)
            else:
                open_cols = 0
            body_size = statistics.median(ln["size"] for ln in lines) if lines else 0
            body = []
            for ln in lines:
                if body_size and ln["size"] < body_size * 0.85 and ln is not lines[0]:
                    m = re.match(r"^(\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)[.)]?\s*(\D.*)$", ln["text"])
                    digits = m.group(1) if m else ""
                    number = int(from_superscript(digits)) if digits else 0
                    if m and number == len(notes) + 1:  # the next footnote; other digits continue one
                        notes.append(f"{superscript(digits) if digits.isdigit() else digits} {m.group(2)}")
                        continue
                    if notes and ln["top"] > lines[0]["top"] and body and ln["top"] > body[-1]["top"]:
                        notes[-1] += " " + ln["text"]
                        continue
                body.append(ln)
            if not body:
                continue
            left = min(ln["x0"] for ln in body)
            right = max(ln["x1"] for ln in body)
            width = max(right - left, 1.0)
            gaps = [b["top"] - a["top"] for a, b in zip(body, body[1:]) if b["top"] > a["top"]]
            step = statistics.median(gaps) if gaps else 0
            for i, ln in enumerate(body):
                if ln.get("table") or (prev is not None and prev.get("table")):
                    out.append("")
                    out.append(ln["text"])
                    prev = dict(ln, right=right, width=width)
                    continue
                if prev is not None:
                    same_page = i > 0
                    short = prev["x1"] < prev["right"] - 0.12 * prev["width"]
                    wide_gap = same_page and step and (ln["top"] - prev["top"]) > step * 1.35
                    # A line that stops short of the margin ends its paragraph; one that reaches it
                    # continues on the next line, even across a page break.
                    if short or wide_gap:
                        out.append("")
                    elif out and _HYPHEN_END_RE.search(out[-1]):
                        # "Quyết định số 117/QĐ-" + "UBND": a code broken at its hyphen is one word.
                        out[-1] += ln["text"]
                        prev = dict(ln, right=right, width=width)
                        continue
                out.append(ln["text"])
                prev = dict(ln, right=right, width=width)
        stamp = _signature_stamp(data)
    finally:
        pdf.close()
        if plumber is not None:
            plumber.close()
    if chars < 40:
        if garbled:
            raise NoticeReadError(MSG_GARBLED, code="garbled")
        raise NoticeReadError(MSG_SCANNED, code="scanned")
    if notes:
        out.append("")
        for note in notes:
            out += [note, ""]
    for line in stamp:
        out += ["", line]
    if image_only:
        warnings.append(
            f"Trang {_pages(image_only)} chỉ có ảnh (bản scan), không có chữ: nội dung các trang này chưa được đọc, "
            "cần OCR hoặc bản DOCX."
        )
    if garbled:
        warnings.append(
            f"Trang {_pages(garbled)} có chữ nhận dạng (OCR) sai nhiều, không đọc để tránh nhận nhầm nhiệm vụ; "
            "hãy kiểm tra bản gốc."
        )
    return "\n".join(out)


MSG_GARBLED = (
    "Chữ trong tệp PDF bị lỗi (OCR sai hoặc phông chữ không chuyển được sang Unicode), không đọc được nội dung. "
    "Hãy tải lên bản DOCX hoặc PDF xuất trực tiếp từ Word."
)
# Header cells of a task table, whole or wrapped ("Cơ quan chủ" / "trì"): short runs of their own.
_HEADER_LEAD_RE = re.compile(r"^.{0,20}(?:chủ(?:\s*trì)?|thực\s+hiện\s+chính)\W{0,3}$|^\W*trì\W{0,3}$", re.I)
_HEADER_OTHER_RE = re.compile(
    r"^.{0,20}phối\s*hợp\W{0,3}$|^\W*(?:thời\s*(?:gian|hạn)|tiến\s+độ|nhiệm\s+vụ|nội\s+dung|công\s+việc|"
    r"sản\s+phẩm|kết\s+quả|hoạt\s+động)\b.{0,20}$",
    re.I,
)
_HYPHEN_END_RE = re.compile(r"[^\W\d_]-$")


def _header_cells(lines):
    """Whether the page has what a task table's header is made of: a short run naming the lead
    column and another naming a second column (prose has "chủ trì" and "phối hợp" too, but inside
    long runs)."""
    lead = other = False
    for ln in lines:
        for run in ln.get("runs", ()):
            if len(run) > 30:
                continue
            lead = lead or bool(_HEADER_LEAD_RE.search(run))
            other = other or bool(_HEADER_OTHER_RE.search(run))
            if lead and other:
                return True
    return False


# A Vietnamese syllable: initial consonants, a vowel nucleus, an optional final (NFC letters).
_SYLLABLE_RE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?"
    r"[aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ]{1,3}"
    r"(?:ng|nh|ch|[cmnpt])?$"
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def _garbled(text):
    """OCR or font output that is not Vietnamese: most words are not Vietnamese syllables."""
    words = _WORD_RE.findall(text)[:400]
    if len(words) < 30:
        return False
    ok = sum(1 for w in words if _SYLLABLE_RE.match(w.lower()) or (w.isupper() and len(w) > 1))
    return ok < 0.6 * len(words)


def _pages(numbers):
    return ", ".join(str(n) for n in numbers[:10]) + (" …" if len(numbers) > 10 else "")


def _pdfium_lines(page):
    """Lines of one page: [{"text", "x0", "x1", "top", "size"}], top-down; and whether it has images.

    PDFium gives text runs with their boxes; runs on the same baseline make a line, and a short run
    of digits set higher and smaller than its line is a footnote call (a superscript mark)."""
    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    tp = page.get_textpage()
    runs = []
    try:
        # Each run's text is sliced from the page's text by character index, not asked for by its
        # box: boxes of neighbouring runs touch, and PDFium's text-in-a-box returns the glyphs on
        # the edge twice ("tỉnỉnh", "hợpợp" in Word-exported PDFs). A run's first character is found
        # at its left edge; a run whose index does not move forward (a comma set low, an overlap)
        # leaves its text to the run before it, so no character is lost or doubled.
        full = tp.get_text_range()
        starts = []
        last = -1
        for i in range(tp.count_rects()):
            left, bottom, right, top = tp.get_rect(i)
            idx = pdfium_c.FPDFText_GetCharIndexAtPos(
                tp.raw, left + min(0.8, (right - left) / 3), (top + bottom) / 2, 1.0, (top - bottom) / 2 + 1
            )
            if idx > last:
                starts.append([idx, left, bottom, right, top])
                last = idx
            elif starts:  # its text goes to the run before, and so does its box
                prev = starts[-1]
                prev[2], prev[3], prev[4] = min(prev[2], bottom), max(prev[3], right), max(prev[4], top)
        if starts:
            starts[0][0] = 0
        for k, (idx, left, bottom, right, top) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else len(full)
            # PDFium marks a hyphen it takes for a line-end one (\x02, \ufffe); in these texts it
            # is the hyphen of "QĐ-UBND" or "kinh tế - xã hội".
            raw = (
                full[idx:end]
                .replace("\x02", "-")
                .replace("\ufffe", "-")
                .replace("\r", " ")
                .replace("\n", " ")
            )
            text = " ".join(raw.split())
            if text:
                # The run's font size (its box height depends on which letters it holds).
                size = pdfium_c.FPDFText_GetFontSize(tp.raw, idx) or (top - bottom)
                # Whether the text itself has a space at either end (PDFium writes the spaces it
                # sees between words), besides the gap between boxes.
                spaced = raw[:1].isspace() or (k and runs and runs[-1][6])
                runs.append(
                    [left, height - top, right, height - bottom, text, size, raw[-1:].isspace(), spaced]
                )
    finally:
        tp.close()
    has_images = False
    if not runs:
        try:
            for _obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
                has_images = True
                break
        except Exception:
            has_images = True
        return [], has_images
    runs.sort(key=lambda r: ((r[1] + r[3]) / 2, r[0]))
    lines = []
    for r in runs:
        mid = (r[1] + r[3]) / 2
        if lines and lines[-1]["top"] - 1 <= mid <= lines[-1]["bottom"] + 1:
            lines[-1]["runs"].append(r)
            lines[-1]["top"] = min(lines[-1]["top"], r[1])
            lines[-1]["bottom"] = max(lines[-1]["bottom"], r[3])
        else:
            lines.append({"runs": [r], "top": r[1], "bottom": r[3]})
    out = []
    for ln in lines:
        rs = sorted(ln["runs"], key=lambda r: r[0])
        heights = [r[5] for r in rs]
        size = max(heights)
        text = ""
        prev_right = None
        for r, h in zip(rs, heights):
            t = r[4]
            if t.isdigit() and len(t) <= 3 and h < size * 0.8 and text:
                text += superscript(t)  # a footnote call
                prev_right = r[2]
                continue
            # Runs touch inside a word or before punctuation; a gap is a space.
            after_mark = text[-1:] in "⁰¹²³⁴⁵⁶⁷⁸⁹" and t[:1].isalnum()
            if text and (r[0] - prev_right > size * 0.15 or after_mark or (r[7] and t[:1] not in ".,;:)]}…")):
                text += " "
            text += t
            prev_right = r[2]
        out.append(
            {
                "text": text,
                "x0": rs[0][0],
                "x1": rs[-1][2],
                "top": ln["top"],
                "size": size,
                "runs": [r[4] for r in rs],
            }
        )
    return out, has_images


def _has_rules(page, wanted=8):
    """Whether the page draws lines or boxes enough for a ruled table (pdfplumber's table finder is
    slow, so it only runs where a table can be)."""
    import pypdfium2.raw as pdfium_c

    count = 0
    try:
        for _obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2):
            count += 1
            if count >= wanted:
                return True
    except Exception:
        return True
    return False


def _page_tables(page, open_cols=0):
    """([(top, bottom, [markdown rows])] for the task tables on a pdfplumber page, the column count of
    a task table that runs on past the page's end or 0).

    A table with a header that assigns work is read from its header; when the previous page's task
    table ran on (open_cols), the page's first table with as many columns continues it, header or
    not (its rows join the previous ones, as markdown rows with nothing between them)."""
    from .tables import header_roles

    out = []
    last_cols = 0
    bottom_limit = page.height * 0.8
    # Word lets a row break across pages (its default): the part on each page has no rule on its
    # open side, so the page's outermost rules close it and the two parts are joined afterwards.
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    settings = {}
    if verticals:
        settings["explicit_horizontal_lines"] = [
            min(e["top"] for e in verticals),
            max(e["bottom"] for e in verticals),
        ]
    for k, table in enumerate(page.find_tables(table_settings=settings)):
        rows = [[" ".join((c or "").split()) for c in row] for row in table.extract() if row]
        if not rows:
            continue
        head = next((i for i, row in enumerate(rows[:3]) if header_roles(row)), None)
        if head is None:
            if not (k == 0 and open_cols and len(rows[0]) == open_cols):
                last_cols = 0
                continue
            head = -1  # a continuation: every row is a task row
        elif k == 0 and open_cols and len(rows[head]) == open_cols:
            head += 1  # a continuation that repeats the header: its rows join the table above
        md = ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in rows[max(head, 0) :]]
        out.append((table.bbox[1], table.bbox[3], md))
        # A table that reaches the page's foot may go on over the page.
        last_cols = len(rows[-1]) if table.bbox[3] >= bottom_limit else 0
    return out, last_cols


def _cells(row):
    return [c.strip() for c in row.strip().strip("|").split("|")]


def _join_split_row(out, rows):
    """A row broken over the page (its first cell, the number, empty on the new page) is one row:
    its cells are joined to those of the last row read, and it leaves the new page's rows."""
    if not rows or not rows[0].startswith("|"):
        return
    tail = _cells(rows[0])
    if tail[0]:
        return
    j = next((k for k in range(len(out) - 1, -1, -1) if out[k].startswith("|")), None)
    if j is None:
        return
    head = _cells(out[j])
    if len(head) != len(tail):
        return
    out[j] = "| " + " | ".join(" ".join(p for p in (a, b) if p) for a, b in zip(head, tail)) + " |"
    rows.pop(0)


def _replace_table_lines(lines, tables):
    """The page's lines with each table's own lines (read cell by cell, out of order) replaced by its
    markdown rows, each row a line of its own."""
    out, done = [], set()
    for ln in lines:
        hit = next(
            (k for k, (top, bottom, _md) in enumerate(tables) if top - 1 <= ln["top"] <= bottom + 1), None
        )
        if hit is None:
            out.append(ln)
            continue
        if hit in done:
            continue
        done.add(hit)
        for row in tables[hit][2]:
            out.append(dict(ln, text=row, x1=ln["x0"], size=ln["size"], table=True))
    return out


_SIG_DATE_RE = re.compile(r"D:(\d{4})(\d{2})(\d{2})")
_STAMP_NUMBER_RE = re.compile(r"Số\s*(?:ký\s+hiệu)?\s*:?\s*(\d{1,5}/[\w./&-]*[\w])")
_STAMP_DATE_RE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")


def _signature_stamp(data):
    """Lines for the number and date an e-signed PDF carries in its signature stamp (the typed header
    is often left blank: "Số: /TB-UBND", "ngày tháng năm"). From the signature's signing time and
    the text of stamp annotations; [] when there is none."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        texts, when = [], None
        fields = reader.get_fields() or {}
        for f in fields.values():
            v = f.get("/V") if hasattr(f, "get") else None
            if v is not None and hasattr(v, "get") and v.get("/M"):
                m = _SIG_DATE_RE.search(str(v.get("/M")))
                if m and not when:
                    when = f"{m.group(3)}/{m.group(2)}/{m.group(1)}"
                if v.get("/Name"):
                    texts.append(str(v.get("/Name")))
        for page in reader.pages[:3]:
            for annot in page.get("/Annots") or []:
                a = annot.get_object()
                if a.get("/Contents"):
                    texts.append(str(a.get("/Contents")))
    except Exception:
        return []
    out = []
    joined = " ".join(texts)
    num = _STAMP_NUMBER_RE.search(joined)
    if num:
        out.append(f"Số ký hiệu (chữ ký số): {num.group(1)}")
    if not when:
        d = _STAMP_DATE_RE.search(joined)
        if d:
            when = f"{int(d.group(1)):02d}/{int(d.group(2)):02d}/{d.group(3)}"
    if when:
        out.append(f"Ngày ký số: {when}")
    return out
