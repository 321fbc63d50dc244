"""Reading real-sized files: a ~170-page PDF, a 200-page TXT, and the refusal of a DOCX bomb.

    python bench/notices_files.py [--repeat N]

The PDF is built here from real text: the 22 public documents of the dev set
(chiso/notices/tests/data/notices-dev, sources in its README) laid out by WeasyPrint at 13 pt on A4,
one after the other and again until it reaches 170 pages. The timing covers what an upload costs:
reading the PDF (PDFium text, pdfplumber only on pages with a task table) and parsing it.
The DOCX bomb is a valid DOCX whose extra part inflates to 1 GiB; it must be refused quickly.
"""

import argparse
import html
import io
import statistics
import sys
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from chiso.notices import NoticeReadError, parse_notice, read_notice_bytes_ex  # noqa: E402

DEV = REPO / "chiso" / "notices" / "tests" / "data" / "notices-dev"
CACHE = REPO / "var" / "bench"


def dev_texts():
    return [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in sorted(DEV.glob("[0-9][0-9]_*.txt"))]


def build_pdf(pages=170):
    """(pdf bytes, page count) — cached in var/bench so repeated runs time only the reading."""
    import weasyprint

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"dev-set-{pages}p.pdf"
    if path.exists():
        data = path.read_bytes()
        return data, _count_pages(data)
    css = "@page { size: A4; margin: 20mm 20mm 20mm 30mm; } body { font-family: 'DejaVu Serif', serif; font-size: 13pt; }"
    body, n = [], 0
    texts = dev_texts()
    while True:
        for text in texts:
            paras = [p for p in text.replace("|", " ").replace("*", "").split("\n") if p.strip()]
            body.append("".join(f"<p>{html.escape(p)}</p>" for p in paras))
            body.append("<p style='break-after: page'></p>")
        doc = weasyprint.HTML(
            string=f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{''.join(body)}</body></html>"
        )
        rendered = doc.render()
        n = len(rendered.pages)
        if n >= pages:
            data = rendered.write_pdf()
            path.write_bytes(data)
            return data, n


def _count_pages(data):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def docx_bomb():
    """A real DOCX (python-docx) plus a 1 GiB part of zeros compressed to about 1 MB."""
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("THÔNG BÁO")
    d.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open("word/media/bomb.bin", "w") as fh:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(1024):
                fh.write(chunk)
    return out.getvalue()


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    pdf, pages = build_pdf()

    def read_pdf():
        text, warnings = read_notice_bytes_ex(pdf, "dev-set.pdf")
        return parse_notice(text)

    reading = read_pdf()
    med, best = timed(read_pdf, args.repeat)
    print(
        f"PDF {pages} pages ({len(pdf) // 1024} KiB, built from the dev set's real texts): "
        f"read + parse median {med:.2f} s (best {best:.2f} s), {len(reading['tasks'])} tasks"
    )

    txt = "\n\n".join(dev_texts())
    words = len(txt.split())
    reps = max(1, 100_000 // words + 1)
    long_txt = "\n\n".join([txt] * reps)
    med, best = timed(lambda: parse_notice(long_txt), args.repeat)
    print(
        f"TXT ~{len(long_txt.split()) // 500} pages ({len(long_txt.split()):,} words, the dev set x{reps}): "
        f"parse median {med:.2f} s (best {best:.2f} s)"
    )

    # Adversarial text: the reader must stay linear (issue 12 asks for each under 2 s).
    adversarial = {
        "1 MB on one line": "THÔNG BÁO\n1. "
        + ("Sở Nội vụ chủ trì, phối hợp với các sở, ngành rà soát thủ tục trước ngày 31/8/2022, " * 12000)[
            :1_000_000
        ],
        "100k bullets (each a task)": "THÔNG BÁO\n1. Sở Nội vụ\n"
        + "".join(f"- Rà soát thủ tục số {i} trong tháng 8/2022;\n" for i in range(100_000)),
        "100k bullets of plain text": "THÔNG BÁO\n" + "".join(f"- dòng {i}\n" for i in range(100_000)),
        "deep nesting (20k levels of points)": "THÔNG BÁO\n"
        + "".join(
            ["I. ", "1. ", "1.1. ", "a) ", "(1) ", "- "][d % 6] + f"Sở Y tế chủ trì mục {d}:\n"
            for d in range(20_000)
        ),
    }
    for name, text in adversarial.items():
        # CPU time beside wall time: on the shared machine other jobs stretch the wall clock 3-4x.
        c0 = time.process_time()
        med, best = timed(lambda text=text: parse_notice(text), 1)
        cpu = time.process_time() - c0
        print(
            f"{name}: {len(text) // 1024} KiB parsed in {med:.2f} s wall, {cpu:.2f} s CPU "
            f"({'under' if cpu < 2 else 'OVER'} 2 s of CPU)"
        )

    bomb = docx_bomb()

    def refuse():
        try:
            read_notice_bytes_ex(bomb, "bomb.docx")
        except NoticeReadError as exc:
            return exc
        raise SystemExit("DOCX bomb was not refused")

    exc = refuse()
    med, best = timed(refuse, args.repeat)
    print(
        f"DOCX bomb ({len(bomb) // 1024} KiB inflating to 1 GiB) refused in {med * 1000:.0f} ms: {exc.message[:80]}…"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
