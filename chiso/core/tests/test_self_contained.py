"""Nothing in the suite, the demo or the benches reads outside the repository: a fresh clone with nothing
beside it runs every test. (The files once read from ../shared now live in the package's data and the
tests' data folders, each with its README and source.)"""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
# a path built to a folder beside the repository: .../"shared"/..., "../shared", an absolute /work/...
OUTSIDE = re.compile(r"""/\s*["']shared["']|["']\.\./|["']/work/""")


def test_no_code_builds_a_path_outside_the_repository():
    found = []
    for folder in ("chiso", "bench", "scripts"):
        for path in (REPO / folder).rglob("*.py"):
            if "data" in path.relative_to(REPO).parts or path == Path(__file__):
                continue  # copied third-party files (never run by the suite), and this checker
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if OUTSIDE.search(line) and "noqa: outside" not in line:
                    found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not found, "paths outside the repository:\n" + "\n".join(found)


def test_the_checker_sees_a_path_beside_the_repository():
    assert OUTSIDE.search('SEED = REPO.parent / "shared" / "seed"')
    assert OUTSIDE.search("open('../shared/x')")
    assert not OUTSIDE.search('DATA = Path(__file__).parent / "data"')
    assert not OUTSIDE.search('VAR_DIR = BASE_DIR.parent / "var"')
