"""Read + parse real published PDFs (issue 12): each document, all of them, and one ~170-page file.

    python bench/notices_real_pdfs.py --dir var/bench/real-pdfs [--pages 170] [--repeat 3]
    python bench/notices_real_pdfs.py --extract-from /path/to/VBAI.git --dir var/bench/real-pdfs

The documents are listed in bench/data/notices_real_pdfs.tsv (blob id, pages, source path): 124
text PDFs of Lâm Đồng province and of ministries (2025–2026) from a public GitHub repository that
states no licence, so they are not in this repository and this script fetches nothing. Fill --dir
yourself: --extract-from writes each listed blob from a local clone of that repository (``git
cat-file``), named <blob id>.pdf.

No public 150–250-page directive PDF was found; the "long file" here is made of real pages: the
listed documents' pages copied one after another into one PDF by PDFium (nothing re-rendered) until
--pages is reached, so the timing is that of real published page content at that length.
"""

import argparse
import io
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from chiso.notices import NoticeReadError, parse_notice, read_notice_bytes_ex  # noqa: E402

MANIFEST = REPO / "bench" / "data" / "notices_real_pdfs.tsv"


def manifest():
    rows = []
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        sha, pages, size, path = line.split("\t", 3)
        rows.append((sha, int(pages), int(size), path))
    return rows


def extract(gitdir, out):
    out.mkdir(parents=True, exist_ok=True)
    for sha, _pages, size, _path in manifest():
        target = out / f"{sha}.pdf"
        if target.exists() and target.stat().st_size == size:
            continue
        data = subprocess.run(
            ["git", "-C", str(gitdir), "cat-file", "blob", sha], capture_output=True, check=True
        )
        target.write_bytes(data.stdout)
    print(f"{len(manifest())} PDFs in {out}")


def read_parse(data, name):
    text, _warnings = read_notice_bytes_ex(data, name)
    return parse_notice(text)


def merged(files, pages):
    """One PDF of the listed documents' pages, in manifest order, until it has `pages` pages."""
    import pypdfium2 as pdfium

    dest = pdfium.PdfDocument.new()
    for path in files:
        src = pdfium.PdfDocument(path.read_bytes())
        dest.import_pages(src, list(range(min(len(src), pages - len(dest)))))
        src.close()
        if len(dest) >= pages:
            break
    buf = io.BytesIO()
    dest.save(buf)
    n = len(dest)
    dest.close()
    return buf.getvalue(), n


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=REPO / "var" / "bench" / "real-pdfs")
    ap.add_argument("--extract-from", type=Path)
    ap.add_argument("--pages", type=int, default=170)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if args.extract_from:
        extract(args.extract_from, args.dir)
        return 0
    rows = manifest()
    files = [args.dir / f"{sha}.pdf" for sha, *_ in rows]
    missing = [f for f in files if not f.exists()]
    if missing:
        print(
            f"{len(missing)} of {len(files)} PDFs missing in {args.dir}: see --extract-from (nothing is fetched)."
        )
        return 1

    per_doc, pages_total, tasks_total, refused = [], 0, 0, 0
    c0, t0 = time.process_time(), time.perf_counter()
    for (_sha, pages, _size, path), f in zip(rows, files):
        d0 = time.perf_counter()
        try:
            tasks_total += len(read_parse(f.read_bytes(), f.name)["tasks"])
        except NoticeReadError:
            refused += 1
        per_doc.append((time.perf_counter() - d0, pages, path.rsplit("/", 1)[-1]))
        pages_total += pages
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"{len(rows)} real PDFs, {pages_total} pages: read + parse {wall:.2f} s wall, {cpu:.2f} s CPU "
        f"({wall / pages_total * 1000:.0f} ms a page), {tasks_total} tasks, {refused} refused"
    )
    for secs, pages, name in sorted(per_doc, reverse=True)[:3]:
        print(f"  slowest: {secs:.2f} s, {pages} pages, {name}")

    data, n = merged(files, args.pages)
    times, cpus = [], []
    for _ in range(args.repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        result = read_parse(data, "real-pages.pdf")
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    print(
        f"{n}-page PDF of real published pages ({len(data) // 1024} KiB): read + parse median "
        f"{statistics.median(times):.2f} s wall (best {min(times):.2f} s), CPU {statistics.median(cpus):.2f} s, "
        f"{len(result['tasks'])} tasks"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
