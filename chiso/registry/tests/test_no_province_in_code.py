"""No province name or code in application code: the province is a setting (registry.province).

Scans the string literals (docstrings and comments aside) and templates of every app for the names of
the 63 + 34 provinces (admin_units), their slugs and the demo's agency-code prefixes. Demo data, tests,
the national lists themselves and migrations are where such names belong.
"""

import ast
import re
from pathlib import Path

from chiso.registry import admin_units
from chiso.registry.names import strip_diacritics

ROOT = Path(__file__).resolve().parents[2]

# Files that are data about provinces by purpose (reason in the comment).
ALLOWED = {
    "indices/provinces.py",  # the national list of 63 → 34 provinces used to read index tables
    "dossiers/catalogue.py",  # the demo's procedure catalogue, mapped to the demo's agencies
    "dossiers/services/generator.py",  # the demo dossier generator (slow agencies of the demo)
}


def _allowed(path):
    rel = path.relative_to(ROOT).as_posix()
    name = path.name
    return (
        rel in ALLOWED
        or "/tests/" in f"/{rel}"
        or "/migrations/" in f"/{rel}"
        or name.startswith("demo")
        or "/data/" in f"/{rel}"  # data files shipped with an app (the seed notice, national lists)
        or "/fixtures/" in f"/{rel}"
    )


def _patterns():
    names = {p.name for p in admin_units.provinces(True)} | {p.name for p in admin_units.provinces(False)}
    names |= {"Thừa Thiên Huế", "Bà Rịa - Vũng Tàu"}
    # Short names that are common words or parts of other names give false alarms only in uppercase
    # headers; they are matched as whole words with diacritics, which is how a hard-coded name is written.
    words = sorted(names, key=len, reverse=True)
    name_re = re.compile(r"(?<!\w)(%s)(?!\w)" % "|".join(re.escape(n) for n in words), re.IGNORECASE)
    slugs = {re.sub(r"[^a-z0-9]+", "-", strip_diacritics(n).lower()).strip("-") for n in names if " " in n}
    slug_re = re.compile(r"(?<![\w-])(%s)(?![\w])" % "|".join(re.escape(s) for s in sorted(slugs)))
    prefix_re = re.compile(r"^(bt|ld)-[a-z]")
    return name_re, slug_re, prefix_re


def _literals(source):
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def offending():
    name_re, slug_re, prefix_re = _patterns()
    found = []
    for path in sorted(ROOT.rglob("*")):
        if path.suffix not in (".py", ".html", ".txt") or _allowed(path) or "static" in path.parts:
            continue
        if path.suffix == ".py":
            items = list(_literals(path.read_text(encoding="utf-8")))
        else:
            items = [(i, line) for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)]
        for line, text in items:
            match = name_re.search(text) or slug_re.search(text) or prefix_re.search(text)
            if match:
                found.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0)!r}")
    return found


def test_no_province_name_or_code_in_application_code():
    found = offending()
    assert not found, "Tên hoặc mã tỉnh viết cứng trong mã ứng dụng:\n" + "\n".join(found)


def test_the_scan_catches_a_hard_coded_name(tmp_path):
    name_re, slug_re, prefix_re = _patterns()
    assert name_re.search("UBND TỈNH BÌNH THUẬN")
    assert slug_re.search('PROVINCE = "binh-thuan"')
    assert prefix_re.search("bt-snv")
    assert list(_literals('"""Bình Thuận in a docstring."""\nx = 1\n')) == []
    assert [t for _l, t in _literals('x = "Sở Nội vụ tỉnh Lâm Đồng"\n')]
