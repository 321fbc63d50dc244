"""Notices parsed per second: the seed, and a ~200-page notice built from the seed's own structure.

    PYTHONPATH=. python bench/parse_notices.py [--repeat N]

The long notice repeats the seed's body (Roman sections, numbered points, bulleted checklists,
footnotes, deadlines) under new section numbers until it reaches ~100,000 words (~200 A4 pages at
~500 words a page), then keeps the seed's closing, recipients and signature.
"""

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from chiso.notices import parse_notice  # noqa: E402
from chiso.registry.demo_province import demo_gazetteer  # noqa: E402

SEED = REPO / "chiso" / "directives" / "data" / "thong-bao-ket-luan-par-index-2021.txt"


def _roman(n):
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def long_notice(seed, words=100_000):
    start = seed.index("I. Nhiệm vụ chung")
    end = seed.index("Chủ tịch UBND tỉnh yêu cầu")
    head, body, tail = seed[:start], seed[start:end], seed[end:]
    note_lines = [ln for ln in body.splitlines() if ln.startswith(("¹", "²"))]
    body = "\n".join(ln for ln in body.splitlines() if not ln.startswith(("¹", "²")))
    parts, n, count = [head], 0, len(head.split())
    while count < words:
        block = re.sub(r"^II\. ", f"{_roman(2 * n + 2)}. ", body, flags=re.M)
        block = re.sub(r"^I\. ", f"{_roman(2 * n + 1)}. ", block, flags=re.M)
        parts.append(block)
        count += len(block.split())
        n += 1
    parts.append(tail)
    parts.extend(note_lines)
    return "\n".join(parts), count, n


def timed(text, gazetteer, repeat):
    runs, cpu = [], []
    result = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = parse_notice(text, gazetteer=gazetteer)
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    timed.cpu = statistics.median(cpu)  # CPU time: other jobs on the shared machine stretch the wall clock
    return min(runs), statistics.median(runs), result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    seed = SEED.read_text(encoding="utf-8")
    gaz = demo_gazetteer()
    parse_notice(seed, gazetteer=gaz)  # warm the regex and gazetteer caches
    best, median, result = timed(seed, gaz, max(args.repeat * 4, 20))
    print(
        f"seed: {len(seed.split())} words, {len(result['tasks'])} tasks: best {best * 1000:.1f} ms, "
        f"median {median * 1000:.1f} ms -> {1 / median:.0f} notices/s"
    )
    big, words, copies = long_notice(seed)
    best, median, result = timed(big, gaz, args.repeat)
    print(
        f"long: {words} words (~{words // 500} pages, {copies} copies of the seed body), {len(result['tasks'])} tasks: "
        f"best {best:.3f} s, median {median:.3f} s -> {1 / median:.2f} notices/s; median CPU {timed.cpu:.3f} s"
    )
    print("long notice under 1 s:", "yes" if median < 1.0 else "NO")
    return 0 if median < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
