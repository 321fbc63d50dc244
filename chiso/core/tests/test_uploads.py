"""Uploads are judged by their content (core/uploads.py), with size and expansion limits."""

import io

import pytest
from docx import Document
from openpyxl import Workbook

from chiso.core import uploads

from . import bombs


def _docx():
    out = io.BytesIO()
    doc = Document()
    doc.add_paragraph("Báo cáo kết quả thực hiện")
    doc.save(out)
    return out.getvalue()


def _xlsx():
    out = io.BytesIO()
    book = Workbook()
    book.active.append(["Mã", "Tên"])
    book.save(out)
    return out.getvalue()


def test_real_office_files_pdf_images_and_csv_pass():
    assert uploads.check(_docx(), "bao-cao.docx", ["docx"]) == "docx"
    assert uploads.check(_xlsx(), "ket-qua.xlsx", ["xlsx", "csv"]) == "xlsx"
    assert uploads.check(bombs.pdf(), "cong-van.pdf", ["pdf"]) == "pdf"
    assert uploads.check(b"\x89PNG\r\n\x1a\n....", "anh.png", ["png"]) == "png"
    assert uploads.check("Mã,Tên\nA,Sở Nội vụ\n".encode(), "a.csv", ["csv"]) == "csv"


def test_an_html_page_starting_with_pk_is_not_a_docx():
    with pytest.raises(uploads.UploadRejected, match="nội dung không đúng định dạng Word .docx"):
        uploads.check(bombs.html_with_pk(), "mau.docx", ["docx"])


def test_a_workbook_renamed_docx_and_a_document_renamed_xlsx_are_refused():
    with pytest.raises(uploads.UploadRejected):
        uploads.check(_xlsx(), "mau.docx", ["docx"])
    with pytest.raises(uploads.UploadRejected):
        uploads.check(_docx(), "so.xlsx", ["xlsx"])


def test_the_docx_decompression_bomb_of_the_audit_is_refused():
    bomb = bombs.docx_bomb(97)
    assert len(bomb) < 1024 * 1024  # a few hundred KB on the wire
    with pytest.raises(uploads.UploadRejected, match="bom giải nén") as refused:
        uploads.check(bomb, "mau.docx", ["docx"])
    assert "MB (tệp nén 0," in str(refused.value)


def test_the_xlsx_decompression_bomb_of_the_audit_is_refused():
    with pytest.raises(uploads.UploadRejected, match="bom giải nén"):
        uploads.check(bombs.xlsx_bomb(231), "ket-qua.xlsx", ["xlsx"])


def test_a_pdf_with_javascript_is_refused_even_when_its_names_are_escaped():
    for data in (bombs.pdf_with_javascript(), bombs.pdf_with_escaped_javascript()):
        with pytest.raises(uploads.UploadRejected, match="nội dung chạy được"):
            uploads.check(data, "minh-chung.pdf", ["pdf"])


def test_size_limit_extension_and_text_content_are_checked_with_vietnamese_messages():
    with pytest.raises(uploads.UploadRejected, match="vượt quá giới hạn 1 MB"):
        uploads.check(b"a" * (2 * 1024 * 1024), "a.csv", ["csv"], max_bytes=1024 * 1024)
    with pytest.raises(uploads.UploadRejected, match="chỉ nhận tệp"):
        uploads.check(b"MZ....", "chay.exe", ["pdf", "docx"])
    with pytest.raises(uploads.UploadRejected, match="ký tự NUL"):
        uploads.check(b"ma,ten\nA\x00B,x\n", "a.csv", ["csv"])
    with pytest.raises(uploads.UploadRejected, match="định dạng khác"):
        uploads.check(b"<!DOCTYPE html><html></html>", "a.csv", ["csv"])
    with pytest.raises(uploads.UploadRejected, match="DOCTYPE"):
        uploads.check(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "p.xml", ["xml"])


def test_uploaded_file_objects_are_read_and_rewound():
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("bao-cao.docx", _docx())
    assert uploads.check_upload(upload, ["docx"]) == "docx"
    assert upload.read(2) == b"PK"
