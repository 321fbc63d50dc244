"""The notice reader scored on the real dev set (chiso/notices/tests/data/notices-dev/).

    python bench/notices_eval.py [--show] [--only 08] [--keep DIR] [--set dev|real]

--set real scores the held-out real files instead (chiso/notices/tests/data/notices-real/: DOCX files of
Lâm Đồng province 2025–2026, read through the file reader, with hand-made gold by the same rules).

Each NN_slug.txt is read without its first line (the "# source:" line), parsed by
chiso.notices.parse_notice exactly as `chiso parse-notice FILE --json` does (no --date), and scored
against NN_slug.gold.json with the project's scorer (chiso/notices/tests/data/score_notice.py, a
verbatim copy of shared/tools/score_notice.py, loaded by chiso/notices/tests/devset.py). Prints task precision, recall and F1, and lead, coordinators and deadline
accuracy over matched tasks, per document and micro-averaged over the set. --show lists every miss.
"""

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from chiso.notices import parse_notice  # noqa: E402
from chiso.notices.tests.devset import Score, documents, real_documents, score  # noqa: E402


def evaluate(only=None, show=False, keep=None, which="dev"):
    """(per-document [(name, Score)], total Score); prints misses when show."""
    rows, total = [], Score()
    for name, body, gold in (real_documents if which == "real" else documents)(only):
        pred = parse_notice(body)
        if keep:
            Path(keep, name + ".pred.json").write_text(json.dumps(pred, ensure_ascii=False, indent=1))
        misses = [] if show else None
        s = score(gold["tasks"], pred["tasks"], misses)
        if show:
            print(f"== {name}")
            for m in misses:
                print("  " + m)
        rows.append((name, s))
        total = total + s
    return rows, total


def line(name, s):
    f = (lambda x: f"{x:.3f}") if s.matched else (lambda x: "  -  ")
    return (
        f"{name[:44]:44} {s.gold:4} {s.predicted:4} {s.matched:5} {s.precision:.3f} {s.recall:.3f} "
        f"{s.f1:.3f} {f(s.lead)} {f(s.coordinators)} {f(s.deadline)}"
    )


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list every miss")
    ap.add_argument("--only", nargs="*", help="document number prefixes, e.g. 08 09")
    ap.add_argument("--keep", help="folder to write the predicted JSON files into")
    ap.add_argument(
        "--set", choices=("dev", "real"), default="dev", help="dev set (default) or held-out real files"
    )
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    rows, total = evaluate(args.only, args.show, args.keep, args.set)
    print(f"{'document':44} gold pred match   P     R     F1   lead  coord  deadline")
    for name, s in rows:
        print(line(name, s))
    print(line("ALL (micro)", total))
    print(f"{len(rows)} documents read and scored in {time.perf_counter() - t0:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
