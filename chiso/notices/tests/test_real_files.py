"""Real files as provinces send them (issue 12, point 4): PDF through PDFium with task tables,
bytes before %PDF-, e-signature stamps, image-only and garbled pages, DOCX task tables, DOCX bombs,
and sample forms in annexes."""

import base64
import io
import time
import zipfile

import pytest

from chiso.notices import NoticeReadError, parse_notice, read_notice_bytes_ex

PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201"
        "e2b1b6d20000000049454e44ae426082"
    )
).decode()

# A task table as Lai Châu, TP.HCM and the ministries print it (rows from the dev set, 08 and 09).
ROWS = [
    ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian dự kiến hoàn thành"),
    (
        "1",
        "Phối hợp rà soát, sửa đổi Luật Quy hoạch và xây dựng các văn bản quy phạm pháp luật có liên quan",
        "Sở Tài chính",
        "Các sở, ngành, UBND xã, phường, đặc khu",
        "Quý IV/2025",
    ),
    (
        "2",
        "Tập huấn, hướng dẫn các đơn vị đầu mối tham mưu CCHC tự đánh giá xác định Chỉ số Parindex",
        "Văn phòng Thường trực CCHC",
        "Vụ CCHC (Bộ Nội vụ); Các đơn vị đầu mối CCHC",
        "Quý II-III/2023",
    ),
]
HEAD = "<p>ỦY BAN NHÂN DÂN TỈNH LAI CHÂU</p><p>KẾ HOẠCH</p><p>Triển khai thi hành Luật</p>"


def html_pdf(body):
    import weasyprint

    css = "@page { size: A4; margin: 20mm } body { font-family: 'DejaVu Serif'; font-size: 12pt }"
    return weasyprint.HTML(
        string=f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"
    ).write_pdf()


def table_html():
    cells = "".join(
        "<tr>" + "".join(f"<td style='border:1px solid #000; padding:2pt'>{c}</td>" for c in row) + "</tr>"
        for row in ROWS
    )
    return f"<table style='border-collapse:collapse'>{cells}</table>"


def check_table_tasks(text):
    tasks = parse_notice(text)["tasks"]
    got = [(t["lead"], t["coordinators"], t["deadline"]["kind"], t["deadline"]["due"]) for t in tasks]
    assert got == [
        ("Sở Tài chính", ["Các sở, ngành", "UBND xã, phường, đặc khu"], "quarter", "2025-12-31"),
        ("Văn phòng Thường trực CCHC", ["Vụ CCHC", "Các đơn vị đầu mối CCHC"], "range", "2023-09-30"),
    ]
    assert tasks[0]["text"].startswith("Phối hợp rà soát, sửa đổi Luật Quy hoạch")


def test_pdf_task_table_read_by_columns_and_junk_before_header_tolerated():
    pdf = b"From: gateway\r\n\r\n" + html_pdf(HEAD + table_html())
    text, warnings = read_notice_bytes_ex(pdf, "ke-hoach.pdf")
    assert any("%PDF-" in w for w in warnings)
    assert "| 1 | Phối hợp rà soát" in text
    check_table_tasks(text)


def test_docx_task_table_read_by_columns_letterhead_table_not():
    import docx

    d = docx.Document()
    head = d.add_table(rows=1, cols=2)  # the letterhead: a layout table, not a task table
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Triển khai thi hành Luật")
    t = d.add_table(rows=len(ROWS), cols=5)
    for i, row in enumerate(ROWS):
        for j, c in enumerate(row):
            t.cell(i, j).text = c
    buf = io.BytesIO()
    d.save(buf)
    text, _w = read_notice_bytes_ex(buf.getvalue(), "ke-hoach.docx")
    assert "| ỦY BAN" not in text and "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU" in text
    check_table_tasks(text)


def test_docx_bomb_refused_quickly_in_vietnamese():
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open("word/media/bomb.bin", "w") as fh:
            for _ in range(300):
                fh.write(b"\0" * (1024 * 1024))
    t0 = time.perf_counter()
    with pytest.raises(NoticeReadError) as exc:
        read_notice_bytes_ex(out.getvalue(), "bom.docx")
    assert time.perf_counter() - t0 < 5  # refused from the sizes, not after inflating 300 MB into XML
    assert exc.value.code == "bomb" and "giải nén" in exc.value.message


def test_docx_bomb_with_lying_sizes_refused_while_inflating(monkeypatch):
    """Declared sizes can lie: the running cap while inflating still stops it."""
    import docx

    from chiso.notices import reading

    monkeypatch.setattr(reading, "MAX_UNZIPPED", 5 * 1024 * 1024)
    buf = io.BytesIO()
    docx.Document().save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/media/big.bin", b"\0" * (8 * 1024 * 1024))
    data = bytearray(out.getvalue())
    # Rewrite the declared size of the big part in the central directory to 1 KiB.
    cd = data.rfind(
        b"PK\x01\x02" + bytes(data[data.rfind(b"PK\x01\x02") + 4 : data.rfind(b"PK\x01\x02") + 6])
    )
    assert cd > 0
    data[cd + 24 : cd + 28] = (1024).to_bytes(4, "little")
    with pytest.raises(NoticeReadError) as exc:
        read_notice_bytes_ex(bytes(data), "bom.docx")
    assert exc.value.code in ("bomb", "corrupt")


def test_image_only_page_is_warned_not_read():
    body = (
        "<p>THÔNG BÁO</p><p>1. Sở Nội vụ chủ trì rà soát các thủ tục hành chính nội bộ, hoàn thành trước ngày "
        "30/9/2025.</p>"
        f"<div style='break-before: page'><img src='data:image/png;base64,{PNG}' style='width:150mm'></div>"
    )
    text, warnings = read_notice_bytes_ex(html_pdf(body), "tb.pdf")
    assert any(w.startswith("Trang 2 chỉ có ảnh") for w in warnings)
    assert parse_notice(text)["tasks"][0]["lead"] == "Sở Nội vụ"


def test_garbled_ocr_page_is_skipped_with_a_warning():
    good = (
        "<p>THÔNG BÁO</p><p>1. Sở Y tế khẩn trương rà soát nhu cầu khám chữa bệnh bảo hiểm y tế, "
        "báo cáo trước ngày 15/12/2025.</p>"
    )
    noise = " ".join(["Tlhr qxw bvnmt ksdfj zzq wrtp hjkl"] * 30)
    text, warnings = read_notice_bytes_ex(
        html_pdf(good + f"<p style='break-before: page'>{noise}</p>"), "tb.pdf"
    )
    assert any("Trang 2" in w and "OCR" in w for w in warnings)
    assert "qxw" not in text
    with pytest.raises(NoticeReadError) as exc:
        read_notice_bytes_ex(html_pdf(f"<p>{noise}</p>"), "ocr.pdf")
    assert exc.value.code == "garbled"


def test_number_and_date_from_e_signature_stamp():
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import FreeText

    body = (
        "<p>ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ</p><p>Số: /TB-UBND</p><p>Quảng Trị, ngày tháng năm 2025</p>"
        "<p>THÔNG BÁO</p><p>Kết luận của Chủ tịch UBND tỉnh</p>"
        "<p>1. Sở Nội vụ chủ trì tổng hợp kết quả chỉ số cải cách hành chính.</p>"
    )
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(html_pdf(body))))
    stamp = FreeText(
        text="Ký bởi: Ủy ban nhân dân tỉnh Quảng Trị. Số: 125/TB-UBND. Thời gian ký: 25.11.2025 09:12:33 +07:00",
        rect=(300, 700, 560, 760),
    )
    w.add_annotation(page_number=0, annotation=stamp)
    buf = io.BytesIO()
    w.write(buf)
    text, _w = read_notice_bytes_ex(buf.getvalue(), "tb.pdf")
    doc = parse_notice(text)["document"]
    assert doc["number"] == "125/TB-UBND"
    assert doc["date"] == "2025-11-25" and doc["signed_digitally"] is True


def test_signer_not_taken_from_an_annex_sample():
    text = (
        "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\n\nSố: 7360/KH-UBND\n\nLai Châu, ngày 19 tháng 11 năm 2025\n\n"
        "KẾ HOẠCH\n\nTriển khai thi hành Luật\n\n1. Sở Khoa học và Công nghệ chủ trì rà soát văn bản.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\nTống Thanh Hải\n\n"
        "PHỤ LỤC\n\nMẫu báo cáo\n\nTHỦ TRƯỞNG CƠ QUAN\n\nNguyễn Văn An\n"
    )
    doc = parse_notice(text)["document"]
    assert doc["signed_by"] == "Tống Thanh Hải"


def test_words_set_in_several_fonts_are_read_once():
    # Word-exported PDFs put each change of font in a run of its own, and the runs' boxes touch:
    # asking PDFium for the text in each box gave the edge glyphs twice ("Sở ở", "tỉnỉnh" in a
    # real Lâm Đồng report). The hyphen of a document number stays.
    phrase = "Ủy ban nhân dân t<b>ỉnh</b> giao S<i>ở</i> N<b>ội</b> v<i>ụ</i> tổng h<b>ợp</b> theo Quyết định số 117/QĐ-UBND"
    text, _w = read_notice_bytes_ex(html_pdf("<p>" + "; ".join([phrase] * 6) + ".</p>"), "bao-cao.pdf")
    flat = " ".join(text.split())
    assert flat.count("Ủy ban nhân dân tỉnh giao Sở Nội vụ tổng hợp theo Quyết định số 117/QĐ-UBND") == 6
    assert "ở ở" not in flat and "Sở ở" not in flat


def test_task_table_over_several_pages_with_rows_broken_across_pages():
    # A long Phụ lục runs over pages without repeating its header, and Word lets a row break
    # across a page (its default): every row is a task, a broken row once.
    rows = [ROWS[0]] + [
        (
            str(i),
            f"Rà soát thủ tục hành chính nhóm {i} và công bố danh mục trên Cổng dịch vụ công của tỉnh",
            "Sở Tư pháp" if i % 2 else "Sở Nội vụ",
            "Các sở, ngành",
            "Quý IV/2025",
        )
        for i in range(1, 61)
    ]
    cells = "".join(
        "<tr>" + "".join(f"<td style='border:1px solid #000; padding:2pt'>{c}</td>" for c in row) + "</tr>"
        for row in rows
    )
    pdf = html_pdf(HEAD + f"<table style='border-collapse:collapse'>{cells}</table>")
    text, _w = read_notice_bytes_ex(pdf, "ke-hoach.pdf")
    tasks = parse_notice(text)["tasks"]
    assert [t["ref"] for t in tasks] == [str(i) for i in range(1, 61)]
    for i, t in enumerate(tasks, 1):
        assert (
            t["text"]
            == f"Rà soát thủ tục hành chính nhóm {i} và công bố danh mục trên Cổng dịch vụ công của tỉnh"
        )
        assert t["lead"] == ("Sở Tư pháp" if i % 2 else "Sở Nội vụ")
        assert t["deadline"]["due"] == "2025-12-31"
