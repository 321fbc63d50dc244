import io
import unicodedata
import zipfile

import pytest

from chiso.notices import NoticeReadError, parse_notice, read_notice_bytes, read_notice_file
from chiso.notices.reading import legacy_encoding


def tasks_of(text):
    return [(t["ref"], t["lead"], t["deadline"]["due"], t["text"]) for t in parse_notice(text)["tasks"]]


def read_error(data, name):
    with pytest.raises(NoticeReadError) as exc:
        read_notice_bytes(data, name)
    return exc.value


def to_cp1258(text):
    """Windows-1258 as Vietnamese Word wrote it: letters with hats precomposed, tones as combining marks."""
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        hats = "".join(m for m in d[1:] if m in "\u0302\u0306\u031b")
        tones = "".join(m for m in d[1:] if m not in hats)
        out.append(unicodedata.normalize("NFC", d[0] + hats) + tones)
    return "".join(out).encode("cp1258")


def test_utf8_with_and_without_bom_utf16_cp1258_and_decomposed_all_read_alike(seed_text):
    want = tasks_of(seed_text)
    variants = {
        "utf8.txt": seed_text.encode("utf-8"),
        "bom.txt": b"\xef\xbb\xbf" + seed_text.encode("utf-8"),
        "utf16.txt": seed_text.encode("utf-16"),
        "utf16be.txt": b"\xfe\xff" + seed_text.encode("utf-16-be"),
        "utf16-nobom.txt": seed_text.encode("utf-16-le"),
        "cp1258.txt": to_cp1258(seed_text),
        "nfd.txt": unicodedata.normalize("NFD", seed_text).encode("utf-8"),
        "crlf.txt": seed_text.replace("\n", "\r\n").encode("utf-8"),
    }
    for name, data in variants.items():
        text = read_notice_bytes(data, name)
        assert unicodedata.is_normalized("NFC", text), name
        assert "Sở Thông tin và Truyền thông" in text, name
        assert tasks_of(text) == want, name


def test_cp1258_really_uses_combining_marks(seed_text):
    data = to_cp1258("Kết luận")
    assert b"\xec" in data or b"\xf2" in data  # combining acute / dot below bytes
    assert read_notice_bytes(data * 3, "a.txt").startswith("Kết luận")


def test_empty_files():
    for data in (b"", b"   \n\n", b"\xef\xbb\xbf", b"\xff\xfe"):
        assert read_error(data, "a.txt").code == "empty"


def test_legacy_doc_by_content_and_by_name():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000)
    err = read_error(ole, "thong-bao.doc")
    assert err.code == "legacy_doc" and ".docx" in err.message and "Word 97-2003" in err.message
    assert read_error(ole, "renamed.docx").code == "legacy_doc"
    assert read_error(b"some text that is not Word", "a.doc").code == "legacy_doc"


TCVN3 = "Th«ng b¸o kÕt luËn cña Chñ tÞch UBND tØnh vÒ c¶i c¸ch hµnh chÝnh n¨m 2022"
VNI = "Thoâng baùo keát luaän cuûa Chuû tòch UBND tænh veà caûi caùch haønh chính naêm 2022"


def test_tcvn3_detected_as_bytes_and_as_mis_converted_unicode():
    err = read_error(TCVN3.encode("cp1252"), "tb.txt")
    assert err.code == "tcvn3" and "TCVN3" in err.message and "Unicode" in err.message
    assert read_error(TCVN3.encode("utf-8"), "tb.txt").code == "tcvn3"


def test_vni_detected():
    err = read_error(VNI.encode("cp1252"), "tb.txt")
    assert err.code == "vni" and "VNI" in err.message
    assert read_error(VNI.encode("utf-8"), "tb.txt").code == "vni"


def test_real_vietnamese_is_not_mistaken_for_legacy(seed_text):
    assert legacy_encoding(seed_text) is None
    assert legacy_encoding("Chuyên viên tuân thủ quy định, yêu cầu thuê khoán") is None


def test_binary_junk():
    junk = bytes(range(256)) * 40
    err = read_error(junk, "a.txt")
    assert err.code == "binary" and "TXT, DOCX hoặc PDF" in err.message


def test_unknown_extension_and_damaged_files():
    assert read_error(b"hello", "a.xlsx").code == "unsupported"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<x/>")
    assert read_error(buf.getvalue(), "a.xlsx").code == "unsupported"
    assert read_error(b"PK\x03\x04garbage", "a.docx").code == "corrupt"
    assert read_error(b"%PDF-1.4 garbage", "a.pdf").code in ("corrupt", "scanned")
    assert read_error(b"plain text", "a.pdf").code == "corrupt"


def test_missing_file_message(tmp_path):
    with pytest.raises(NoticeReadError) as exc:
        read_notice_file(tmp_path / "none.txt")
    assert "Không mở được tệp" in exc.value.message


def test_scanned_pdf_image_only_and_blank_page():
    import base64

    import weasyprint
    from pypdf import PdfWriter

    png = base64.b64encode(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201"
            "e2b1b6d20000000049454e44ae426082"
        )
    ).decode()
    pdf = weasyprint.HTML(string=f'<img src="data:image/png;base64,{png}" style="width:150mm">').write_pdf()
    err = read_error(pdf, "scan.pdf")
    assert err.code == "scanned" and "OCR" in err.message and "DOCX" in err.message
    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    w.write(buf)
    assert read_error(buf.getvalue(), "blank.pdf").code == "scanned"


def test_docx_page_break_footnotes_and_header_table(tmp_path, seed_text):
    from .makers import make_docx

    path = tmp_path / "seed.docx"
    path.write_bytes(make_docx(seed_text))
    text = read_notice_file(path)
    assert "\f" in text  # the explicit page breaks survive as form feeds
    assert "vướng mắc¹" in text and "\n¹ Khó khăn" in text
    doc = parse_notice(text)["document"]
    assert doc["issuer"] == "ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN"
    assert (doc["number"], doc["place"], doc["date"]) == ("2750/TB-UBND", "Bình Thuận", "2022-08-05")
    assert "2750/TB-UBND" not in doc["references"]


def test_docx_automatic_numbering_is_rendered():
    import docx

    d = docx.Document()
    d.add_paragraph("THÔNG BÁO")
    d.add_paragraph("Kết luận của Chủ tịch UBND tỉnh")
    d.add_paragraph("Sở Nội vụ rà soát bộ máy, hoàn thành trước ngày 30/9/2022.", style="List Number")
    d.add_paragraph("Sở Tư pháp chủ trì kiểm tra văn bản, hoàn thành trong quý IV/2022.", style="List Number")
    buf = io.BytesIO()
    d.save(buf)
    text = read_notice_bytes(buf.getvalue(), "n.docx")
    assert "1. Sở Nội vụ" in text and "2. Sở Tư pháp" in text
    r = parse_notice(text)
    assert [(t["ref"], t["lead"], t["deadline"]["due"]) for t in r["tasks"]] == [
        ("1", "Sở Nội vụ", "2022-09-30"),
        ("2", "Sở Tư pháp", "2022-12-31"),
    ]
