"""XLSForm fidelity on the real public forms kept in the tests' data.

Prints, for the forms pyxform accepts: how many chiso imports, questions kept, questions kept but
skipped on the web (with a warning), warnings; and the forms pyxform refuses (chiso must refuse them
too). Run: python bench/xlsform_fidelity.py   (no database needed: it reads, it does not store)
"""

import os
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
warnings.filterwarnings("ignore")

import django  # noqa: E402

django.setup()

from pyxform.errors import PyXFormError  # noqa: E402
from pyxform.xls2xform import convert  # noqa: E402

from chiso.surveys.models import SKIPPED  # noqa: E402
from chiso.surveys.services import xlsform  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "chiso" / "surveys" / "tests" / "data" / "xlsforms"


def main():
    forms = sorted(p for p in DATA.iterdir() if p.suffix in (".xls", ".xlsx"))
    accepted = refused_both = imported = questions = skipped = notes = 0
    for path in forms:
        try:
            convert(xlsform=str(path))
        except PyXFormError:
            try:
                xlsform.read(path)
            except xlsform.XLSFormError:
                refused_both += 1
            continue
        accepted += 1
        try:
            form = xlsform.read(path)
        except xlsform.XLSFormError as exc:
            print(f"REFUSED {path.name}: {exc}")
            continue
        imported += 1
        items = [item for _, section in form.sections for item in section]
        questions += len(items)
        skipped += sum(item["kind"] == SKIPPED for item in items)
        notes += len(form.warnings)
    print(f"forms: {len(forms)}; pyxform accepts {accepted}, chiso imports {imported}")
    print(f"pyxform refuses {len(forms) - accepted}, chiso refuses {refused_both} of them")
    print(f"questions kept: {questions}; kept but skipped on the web: {skipped}; warnings: {notes}")


if __name__ == "__main__":
    main()
